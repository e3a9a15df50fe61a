<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ArticleCommands</name>
    <message>
        <location filename="../../reader/gui/article_commands.py" line="+148"/>
        <source>Open a post to print it</source>
        <translation>请先打开一篇文章再打印</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Open a post to export it</source>
        <translation>请先打开一篇文章再导出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export as PDF</source>
        <translation>导出为 PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This post has no link to its original</source>
        <translation>这篇文章没有原文链接</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copied %1</source>
        <translation>已复制 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open a post to copy its text</source>
        <translation>请先打开一篇文章再复制正文</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copied the article as plain text</source>
        <translation>已将文章复制为纯文本</translation>
    </message>
</context>
<context>
    <name>ArticlePane</name>
    <message>
        <location filename="../../reader/gui/panes.py" line="+420"/>
        <source>Images not loaded</source>
        <translation>图片未加载</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load this time</source>
        <translation>仅本次加载</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Always for this archive</source>
        <translation>此文章库始终加载</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Find in article</source>
        <translation>在文章中查找</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matches in the article</source>
        <translation>文章中的匹配项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close find bar</source>
        <translation>关闭查找栏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close find bar (Esc)</source>
        <translation>关闭查找栏（Esc）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Images not loaded (%n):</source>
        <translation>
            <numerusform>%n 张图片未加载：</numerusform>
        </translation>
    </message>
    <message>
        <location line="+31"/>
        <source>No matches</source>
        <translation>无结果</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 of %2</source>
        <translation>%1/%2</translation>
    </message>
</context>
<context>
    <name>ArticleView</name>
    <message>
        <location filename="../../reader/gui/article_view.py" line="+83"/>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>This post is very long, so only its beginning is shown: about %1 of %2 characters.</source>
        <translation>这篇文章很长，只显示了开头部分：约 %1 字，全文约 %2 字。</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>Undated</source>
        <translation>无日期</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Open original</source>
        <translation>查看原文</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>In %1</source>
        <translation>位于 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>also at %1</source>
        <translation>另见 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>also in %1</source>
        <translation>也收录于 %1</translation>
    </message>
    <message>
        <location line="+245"/>
        <source>image</source>
        <translation>图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image: %1</source>
        <translation>图片：%1</translation>
    </message>
</context>
<context>
    <name>CheatSheet</name>
    <message>
        <location filename="../../reader/gui/dialogs.py" line="+61"/>
        <source>%1 or %2</source>
        <translation>%1 或 %2</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>In the search field</source>
        <translation>在搜索框中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to the results</source>
        <translation>转到结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the search</source>
        <translation>清除搜索</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In the tree filter</source>
        <translation>在目录筛选框中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the filter</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In the find bar</source>
        <translation>在查找栏中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next match</source>
        <translation>下一个匹配</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous match</source>
        <translation>上一个匹配</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the find bar (also from the tree, the list or the article)</source>
        <translation>关闭查找栏（在目录、列表或文章中也可）</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Single-letter keys work whenever no text field has focus.</source>
        <translation>焦点不在文本框中时，单字母快捷键均可使用。</translation>
    </message>
</context>
<context>
    <name>ImageFetcher</name>
    <message>
        <location filename="../../reader/gui/net.py" line="+77"/>
        <source>larger than %1 MB</source>
        <translation>超过 %1 MB</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>not an image</source>
        <translation>不是图片</translation>
    </message>
</context>
<context>
    <name>LibraryControl</name>
    <message>
        <location filename="../../reader/gui/library_control.py" line="+68"/>
        <location line="+380"/>
        <source>&amp;Library</source>
        <translation>文库(&amp;L)</translation>
    </message>
    <message>
        <location line="-316"/>
        <source>“%1” does not exist.</source>
        <translation>“%1”不存在。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“%1” cannot be read: %2</source>
        <translation>无法读取“%1”：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No posts were found in “%1”. Open a Jekyll site, its _posts folder, or a folder of posts.</source>
        <translation>在“%1”中没有找到文章。请打开 Jekyll 站点、它的 _posts 文件夹，或存放文章的文件夹。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Cannot open folder</source>
        <translation>无法打开文件夹</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+2"/>
        <source>Reading posts…</source>
        <translation>正在读取文章…</translation>
    </message>
    <message>
        <location line="+130"/>
        <source>Reading posts: %1 of %2</source>
        <translation>正在读取文章：%1/%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Indexing text for search: %1 of %2</source>
        <translation>正在建立全文搜索索引：%1/%2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Search ready</source>
        <translation>搜索已就绪</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search (/)</source>
        <translation>搜索（/）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Another Lectern window is indexing this archive; waiting for it…</source>
        <translation>另一个 Lectern 窗口正在为这个文章库建立索引，正在等待它完成…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reading marks file damaged</source>
        <translation>阅读标记文件已损坏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lectern found its file of read and starred posts damaged and started a new one. Nothing was deleted.</source>
        <translation>Lectern 发现记录已读和星标文章的文件已损坏，已另建一个新文件。没有删除任何内容。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Indexing failed: %1</source>
        <translation>建立索引失败：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rescanning…</source>
        <translation>正在重新扫描…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add Archive Folder</source>
        <translation>添加文章库文件夹</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Where is “%1” now?</source>
        <translation>“%1”现在在哪里？</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 (unavailable)</source>
        <translation>%1（不可用）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Rename “%1”…</source>
        <translation>重命名“%1”(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move “%1” &amp;Up</source>
        <translation>上移“%1”(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move “%1” &amp;Down</source>
        <translation>下移“%1”(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locate “%1”…</source>
        <translation>查找“%1”…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;move “%1” from the Library…</source>
        <translation>从文库中移除“%1”(&amp;M)…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Rename Archive</source>
        <translation>重命名文章库</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Remove Archive</source>
        <translation>移除文章库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove “%1” from the library? Its folder is not touched.</source>
        <translation>要从文库中移除“%1”吗？它的文件夹不会被改动。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Also forget its read and starred posts</source>
        <translation>同时清除它的已读和星标记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>LibrarySession</name>
    <message>
        <location filename="../../reader/gui/library_session.py" line="+161"/>
        <source>Library</source>
        <translation>文库</translation>
    </message>
</context>
<context>
    <name>ListPane</name>
    <message>
        <location filename="../../reader/gui/panes.py" line="-141"/>
        <source>Search (/)</source>
        <translation>搜索（/）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search posts</source>
        <translation>搜索文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of posts listed</source>
        <translation>列出的文章数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Posts</source>
        <translation>文章列表</translation>
    </message>
</context>
<context>
    <name>LiveRefresh</name>
    <message numerus="yes">
        <location filename="../../reader/gui/live.py" line="+53"/>
        <source>%n posts</source>
        <translation>
            <numerusform>%n 篇文章</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n posts could not be read</source>
        <translation>
            <numerusform>%n 篇文章无法读取</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n new since last open</source>
        <translation>
            <numerusform>自上次打开以来新增 %n 篇</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>This post was deleted</source>
        <translation>这篇文章已被删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“%1” is no longer in the archive (it was removed or renamed on disk).</source>
        <translation>“%1”已不在文章库中（已在磁盘上被删除或重命名）。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../reader/gui/main_window.py" line="+117"/>
        <location line="+53"/>
        <source>Posts that could not be read</source>
        <translation>无法读取的文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Indexing progress</source>
        <translation>索引进度</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Search ready</source>
        <translation>搜索已就绪</translation>
    </message>
    <message>
        <location line="+142"/>
        <source>About Lectern</source>
        <translation>关于 Lectern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lectern: a fast offline reader for Jekyll post archives.</source>
        <translation>Lectern：快速的 Jekyll 文章库离线阅读器。</translation>
    </message>
</context>
<context>
    <name>MovedArchives</name>
    <message>
        <location filename="../../reader/gui/moved.py" line="+46"/>
        <source>Archive moved</source>
        <translation>文章库已移动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The archive “%1” is no longer at %2.</source>
        <translation>文章库“%1”已不在 %2。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>If you moved or renamed its folder, locate it: your read and starred posts and where you were come along.</source>
        <translation>如果您移动或重命名了它的文件夹，请找到它：已读、星标和阅读位置都会随之保留。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Locate…</source>
        <translation>查找…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Where is “%1” now?</source>
        <translation>“%1”现在在哪里？</translation>
    </message>
</context>
<context>
    <name>PostListModel</name>
    <message>
        <location filename="../../reader/gui/list_model.py" line="+88"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unpublished</source>
        <translation>未发布</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>unread</source>
        <translation>未读</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>starred</source>
        <translation>已加星标</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 [%2]</source>
        <comment>a title, then Draft or Unpublished</comment>
        <translation>%1【%2】</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undated</source>
        <translation>无日期</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Archive</source>
        <translation>文章库</translation>
    </message>
</context>
<context>
    <name>PostListing</name>
    <message numerus="yes">
        <location filename="../../reader/gui/listing.py" line="+78"/>
        <location line="+22"/>
        <source>%n posts</source>
        <translation>
            <numerusform>%n 篇文章</numerusform>
        </translation>
    </message>
    <message>
        <location line="-21"/>
        <source>This search cannot run: %1</source>
        <translation>无法执行此搜索：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%n posts so far</source>
        <translation>
            <numerusform>目前找到 %n 篇</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Searched %1 of %2 posts: the newest are indexed first, and the list fills in as indexing goes on.</source>
        <translation>已搜索 %2 篇中的 %1 篇：最新的文章先建立索引，列表会随着索引进度继续补充。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Reading posts…</source>
        <translation>正在读取文章…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No post matches this search here.</source>
        <translation>这里没有符合此搜索的文章。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No posts here.</source>
        <translation>这里没有文章。</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../reader/gui/prefs_dialog.py" line="+85"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading</source>
        <translation>阅读</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Behaviour</source>
        <translation>行为</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Font:</source>
        <translation>字体(&amp;F)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Font &amp;size:</source>
        <translation>字号(&amp;S)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Line height:</source>
        <translation>行高(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Paragraph spacing:</source>
        <translation>段落间距(&amp;P)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text &amp;width:</source>
        <translation>正文宽度(&amp;W)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mark posts read:</source>
        <translation>标记为已读(&amp;M)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Remote images:</source>
        <translation>远程图片(&amp;R)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>For &amp;this archive:</source>
        <translation>本文章库(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User interface:</source>
        <translation>界面语言(&amp;U)：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sepia</source>
        <translation>棕褐色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As soon as they are opened</source>
        <translation>打开后立即标记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After two seconds</source>
        <translation>打开两秒后标记</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Never automatically</source>
        <translation>从不自动标记</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>Never load</source>
        <translation>从不加载</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Ask for each post</source>
        <translation>逐篇询问</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Always load</source>
        <translation>始终加载</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Use the setting above</source>
        <translation>使用上面的设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the platform&apos;s reading font (%1)</source>
        <translation>使用系统的阅读字体（%1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> pt</source>
        <translation> 磅</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> em</source>
        <translation> em</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> characters</source>
        <translation> 字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The widest line, in Chinese characters (about twice as many Latin letters); the text is centred in the pane.</source>
        <translation>每行最多容纳的汉字数（拉丁字母约为其两倍）；正文在窗格中居中。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Menus and dialogs change at once.</source>
        <translation>菜单和对话框会立即切换。</translation>
    </message>
</context>
<context>
    <name>ProblemsDialog</name>
    <message>
        <location filename="../../reader/gui/dialogs.py" line="+32"/>
        <source>Posts That Could Not Be Read</source>
        <translation>无法读取的文章</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>These files look like posts but could not be read. They are left as they are; fix them in the archive and rescan (%1).</source>
        <translation>这些文件看起来是文章，但无法读取。Lectern 不会改动它们；请在文章库中修正后重新扫描（%1）。</translation>
    </message>
</context>
<context>
    <name>ReadingCommands</name>
    <message>
        <location filename="../../reader/gui/reading.py" line="+155"/>
        <source>This post cannot be shown</source>
        <translation>无法显示这篇文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It was changed or removed since the archive was read: %1</source>
        <translation>读取文章库之后，这篇文章已被修改或删除：%1</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>No more unread posts in this list</source>
        <translation>此列表中没有更多未读文章</translation>
    </message>
    <message numerus="yes">
        <location line="+67"/>
        <source>Marked %n posts read (Ctrl+Z undoes)</source>
        <translation>
            <numerusform>已将 %n 篇文章标记为已读（按 Ctrl+Z 撤销）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Marked %n posts unread again</source>
        <translation>
            <numerusform>已将 %n 篇文章重新标记为未读</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TreeModel</name>
    <message>
        <location filename="../../reader/gui/tree_model.py" line="+58"/>
        <source>All posts</source>
        <translation>全部文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+272"/>
        <source>Unread</source>
        <translation>未读</translation>
    </message>
    <message>
        <location line="-271"/>
        <source>Starred</source>
        <translation>已加星标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New since last open</source>
        <translation>上次打开后的新文章</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Categories</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authors</source>
        <translation>作者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archives</source>
        <translation>文章库</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Recent</source>
        <translation>近期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top folder</source>
        <translation>顶层文件夹</translation>
    </message>
    <message>
        <location line="+222"/>
        <source>%1 (unavailable)</source>
        <translation>%1（不可用）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This archive cannot be read: %1</source>
        <translation>无法读取此文章库：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n starred</source>
        <translation>
            <numerusform>%n 篇已加星标</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 unread of %2 posts</source>
        <translation>%2 篇文章中有 %1 篇未读</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%1, %n unread</source>
        <translation>
            <numerusform>%1，%n 篇未读</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
</context>
<context>
    <name>TreePane</name>
    <message>
        <location filename="../../reader/gui/panes.py" line="-181"/>
        <source>Filter tags, categories, authors</source>
        <translation>筛选标签、分类、作者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter the tree</source>
        <translation>筛选侧栏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags and categories</source>
        <translation>标签和分类</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Nothing in the tree matches “%1”.</source>
        <translation>目录中没有符合“%1”的项目。</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <location filename="../../reader/gui/welcome.py" line="+27"/>
        <source>next / previous post</source>
        <translation>下一篇 / 上一篇</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>next / previous unread post</source>
        <translation>下一篇 / 上一篇未读</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>page down; at the end, the next unread post</source>
        <translation>向下翻页；到底后转到下一篇未读</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>search (Chinese in either script)</source>
        <translation>搜索（简繁体皆可）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>go to the tree, the list, the article</source>
        <translation>转到目录、列表、文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>star; mark read or unread</source>
        <translation>加星标；标为已读或未读</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the original in the browser</source>
        <translation>在浏览器中打开原文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>every key</source>
        <translation>全部快捷键</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Reading the archive…</source>
        <translation>正在读取存档…</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln posts</source>
        <translation>
            <numerusform>%Ln 篇文章</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln unread</source>
        <translation>
            <numerusform>%Ln 篇未读</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln starred</source>
        <translation>
            <numerusform>%Ln 篇已加星标</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>From %1 to %2</source>
        <translation>从 %1 到 %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Still reading posts: the list fills in, newest first.</source>
        <translation>仍在读取文章：列表会陆续补全，最新的在前。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln new since last open</source>
        <translation>
            <numerusform>上次打开后新增 %Ln 篇</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Most posts:</source>
        <translation>文章最多：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Start reading</source>
        <translation>开始阅读</translation>
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <location filename="../../reader/gui/actions.py" line="+79"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Post</source>
        <translation>文章(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open Folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rescan Archive</source>
        <translation>重新扫描文章库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Posts That Could Not Be Read…</source>
        <translation>无法读取的文章…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export as PDF…</source>
        <translation>导出为 PDF…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preferences…</source>
        <translation>首选项…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next Post</source>
        <translation>下一篇</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous Post</source>
        <translation>上一篇</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next Unread Post</source>
        <translation>下一篇未读</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous Unread Post</source>
        <translation>上一篇未读</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First Post</source>
        <translation>第一篇</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last Post</source>
        <translation>最后一篇</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open Selected Post</source>
        <translation>打开所选文章</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forward</source>
        <translation>前进</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Focus Tree</source>
        <translation>转到侧栏</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Focus List</source>
        <translation>转到文章列表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Focus Article</source>
        <translation>转到正文</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open Original in Browser</source>
        <translation>在浏览器中打开原文</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Star</source>
        <translation>加星标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mark Read / Unread</source>
        <translation>标记为已读/未读</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy Link to Original</source>
        <translation>复制原文链接</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy Article as Plain Text</source>
        <translation>将文章复制为纯文本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mark All in List Read</source>
        <translation>将列表中的文章全部标记为已读</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo Mark All Read</source>
        <translation>撤销“全部标记为已读”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Page Down (Next Unread at End)</source>
        <translation>向下翻页（到底后转到下一篇未读）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Page Up</source>
        <translation>向上翻页</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find in Article…</source>
        <translation>在文章中查找…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find Next</source>
        <translation>查找下一个</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find Previous</source>
        <translation>查找上一个</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom In</source>
        <translation>放大</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom Out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actual Size</source>
        <translation>实际大小</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Full Screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Focus Mode (Article Only)</source>
        <translation>专注模式（仅显示文章）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chinese as Written</source>
        <translation>中文按原文显示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chinese in Simplified</source>
        <translation>中文以简体显示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chinese in Traditional</source>
        <translation>中文以繁体显示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About Lectern</source>
        <translation>关于 Lectern</translation>
    </message>
</context>
</TS>
