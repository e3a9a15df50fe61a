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
        <location filename="../../reader/gui/listing.py" line="+78"/>
        <location line="+22"/>
        <source>%n posts</source>
        <translation>
            <numerusform>%n post</numerusform>
            <numerusform>%n posts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-5"/>
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
        <location filename="../../reader/gui/tree_model.py" line="+310"/>
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
        <location line="+14"/>
        <source>%Ln new since last open</source>
        <translation>
            <numerusform>%Ln new since last open</numerusform>
            <numerusform>%Ln new since last open</numerusform>
        </translation>
    </message>
</context>
</TS>
