<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ArticlePane</name>
    <message numerus="yes">
        <location filename="../../reader/gui/panes.py" line="+432"/>
        <source>Images not loaded (%n):</source>
        <translation>
            <numerusform>Image not loaded (%n):</numerusform>
            <numerusform>Images not loaded (%n):</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GitControl</name>
    <message numerus="yes">
        <location filename="../../reader/gui/git_control.py" line="+344"/>
        <source>“%1” was downloaded again: %n new post(s)</source>
        <translation>
            <numerusform>“%1” was downloaded again: %n new post</numerusform>
            <numerusform>“%1” was downloaded again: %n new posts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>“%1” updated: %n new post(s), %2 moved, %3 removed</source>
        <translation>
            <numerusform>“%1” updated: %n new post, %2 moved, %3 removed</numerusform>
            <numerusform>“%1” updated: %n new posts, %2 moved, %3 removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>“%1” updated: %n new post(s)</source>
        <translation>
            <numerusform>“%1” updated: %n new post</numerusform>
            <numerusform>“%1” updated: %n new posts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%n archive(s) could not be updated; “%1”: %2</source>
        <translation>
            <numerusform>%n archive could not be updated; “%1”: %2</numerusform>
            <numerusform>%n archives could not be updated; “%1”: %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LiveRefresh</name>
    <message numerus="yes">
        <location filename="../../reader/gui/live.py" line="+53"/>
        <source>%n posts</source>
        <translation>
            <numerusform>%n post</numerusform>
            <numerusform>%n posts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n posts could not be read</source>
        <translation>
            <numerusform>%n post could not be read</numerusform>
            <numerusform>%n posts could not be read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n new since last open</source>
        <translation>
            <numerusform>%n new since last open</numerusform>
            <numerusform>%n new since last open</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PostListing</name>
    <message numerus="yes">
        <location filename="../../reader/gui/listing.py" line="+79"/>
        <location line="+28"/>
        <location line="+25"/>
        <source>%n posts</source>
        <translation>
            <numerusform>%n post</numerusform>
            <numerusform>%n posts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-36"/>
        <location line="+6"/>
        <location line="+32"/>
        <source>%n posts so far</source>
        <translation>
            <numerusform>%n post so far</numerusform>
            <numerusform>%n posts so far</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReadingCommands</name>
    <message numerus="yes">
        <location filename="../../reader/gui/reading.py" line="+337"/>
        <source>Marked %n posts read (Ctrl+Z undoes)</source>
        <translation>
            <numerusform>Marked %n post read (Ctrl+Z undoes)</numerusform>
            <numerusform>Marked %n posts read (Ctrl+Z undoes)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Marked %n posts unread again</source>
        <translation>
            <numerusform>Marked %n post unread again</numerusform>
            <numerusform>Marked %n posts unread again</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TreeModel</name>
    <message numerus="yes">
        <location filename="../../reader/gui/tree_model.py" line="+339"/>
        <source>%n starred</source>
        <translation>
            <numerusform>%n starred</numerusform>
            <numerusform>%n starred</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%1, %n unread</source>
        <translation>
            <numerusform>%1, %n unread</numerusform>
            <numerusform>%1, %n unread</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message numerus="yes">
        <location filename="../../reader/gui/welcome.py" line="+57"/>
        <source>%Ln posts</source>
        <translation>
            <numerusform>%Ln post</numerusform>
            <numerusform>%Ln posts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln unread</source>
        <translation>
            <numerusform>%Ln unread</numerusform>
            <numerusform>%Ln unread</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln starred</source>
        <translation>
            <numerusform>%Ln starred</numerusform>
            <numerusform>%Ln starred</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%Ln new since last open</source>
        <translation>
            <numerusform>%Ln new since last open</numerusform>
            <numerusform>%Ln new since last open</numerusform>
        </translation>
    </message>
</context>
</TS>
