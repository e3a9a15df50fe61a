<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddGitDialog</name>
    <message>
        <location filename="../../reader/gui/git_dialog.py" line="+60"/>
        <location line="+13"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Resolving %1 of %2 changes…</source>
        <translation>正在处理变更：%1/%2…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Received %1 of %2 objects (%3)</source>
        <translation>已接收对象：%1/%2（%3）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Try Again</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Add Archive from Git</source>
        <translation>从 Git 添加文章库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save in:</source>
        <translation>保存位置：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add&amp;ress:</source>
        <translation>地址(&amp;R)：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the archive&apos;s own name</source>
        <translation>文章库原有的名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Download the &amp;whole history (much larger; the latest is enough to read)</source>
        <translation>下载完整历史记录（体积大得多；阅读只需最新版本）(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Change…</source>
        <translation>更改(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the main branch is downloaded, and nothing is checked out: every post is read straight from git. Lectern connects only when you add or update.</source>
        <translation>只下载主分支，也不会在磁盘上展开文件：每篇文章都直接从 Git 中读取。Lectern 只在添加或更新时才会联网。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+20"/>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>“%1” is not a git address. Paste the archive&apos;s address, like https://github.com/owner/archive</source>
        <translation>“%1”不是 Git 地址。请粘贴文章库的地址，例如 https://github.com/owner/archive</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the archive&apos;s git address.</source>
        <translation>请输入文章库的 Git 地址。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Save Git Archives In</source>
        <translation>选择 Git 文章库的保存位置</translation>
    </message>
</context>
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
        <location filename="../../reader/gui/article_view.py" line="+85"/>
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
        <location line="+256"/>
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
    <name>GitControl</name>
    <message>
        <location filename="../../reader/gui/git_control.py" line="+48"/>
        <source>Could not find the server %1. Check the address and your connection.</source>
        <translation>找不到服务器 %1。请检查地址和网络连接。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 refused the connection. Check the address, or try again later.</source>
        <translation>%1 拒绝了连接。请检查地址，或稍后再试。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The connection to %1 was broken. Try again.</source>
        <translation>与 %1 的连接已中断。请重试。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 did not answer in time. Check your connection (or proxy) and try again.</source>
        <translation>%1 未及时响应。请检查网络连接（或代理）后重试。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 asks for a user name and password: Lectern only reads public archives.</source>
        <translation>%1 要求输入用户名和密码：Lectern 只能读取公开的文章库。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 has no archive at this address.</source>
        <translation>%1 在此地址上没有文章库。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 had a problem of its own (a server error). Try again later.</source>
        <translation>%1 自身出现了问题（服务器错误）。请稍后再试。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The download from %1 was cut off before its end. Try again.</source>
        <translation>从 %1 下载的数据在结束前被中断。请重试。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The secure connection to %1 could not be trusted (its certificate was refused).</source>
        <translation>无法信任与 %1 的安全连接（其证书被拒绝）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The disk is full: free some space and try again.</source>
        <translation>磁盘已满：请释放一些空间后重试。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The local copy of this archive is damaged. Download a fresh copy: your read and starred posts are kept.</source>
        <translation>此文章库的本地副本已损坏。请重新下载：已读和星标记录会保留。</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fresh Copy</source>
        <translation>重新下载</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Download the archive again: its local copy is damaged. Your read and starred posts are kept.</source>
        <translation>重新下载文章库：它的本地副本已损坏。已读和星标记录会保留。</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>“%1” is this archive, already in your library: update it instead.</source>
        <translation>“%1”就是这个文章库，已在您的文库中：请改为更新它。</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Added “%1”: %2 downloaded in %3 s.</source>
        <translation>已添加“%1”：下载 %2，用时 %3 秒。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Download “%1” from Its Git Address…</source>
        <translation>从 Git 地址下载“%1”…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Select a git archive in the tree to update it.</source>
        <translation>请在侧栏中选择要更新的 Git 文章库。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“%1” is a folder: Lectern never changes it. Update it with git yourself; the window picks up what changed.</source>
        <translation>“%1”是一个文件夹：Lectern 从不改动它。请自行用 Git 更新，窗口会自动显示变化。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>There is no git archive in the library: add one with File › Add Archive from Git…</source>
        <translation>文库中没有 Git 文章库：请选择 文件 › 从 Git 添加文章库…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Updating “%1”…</source>
        <translation>正在更新“%1”…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>“%1” is up to date.</source>
        <translation>“%1”已是最新。</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>“%1” was downloaded again: %n new post(s)</source>
        <translation>
            <numerusform>已重新下载“%1”：%n 篇新文章</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>“%1” updated: %n new post(s), %2 moved, %3 removed</source>
        <translation>
            <numerusform>已更新“%1”：%n 篇新文章，%2 篇已移动，%3 篇已删除</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>“%1” updated: %n new post(s)</source>
        <translation>
            <numerusform>已更新“%1”：%n 篇新文章</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%n archive(s) could not be updated; “%1”: %2</source>
        <translation>
            <numerusform>%n 个文章库无法更新；“%1”：%2</numerusform>
        </translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Updating “%1” failed: %2</source>
        <translation>更新“%1”失败：%2</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Downloading “%1” again…</source>
        <translation>正在重新下载“%1”…</translation>
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
        <location filename="../../reader/gui/library_control.py" line="+75"/>
        <location line="+400"/>
        <source>&amp;Library</source>
        <translation>文库(&amp;L)</translation>
    </message>
    <message>
        <location line="-335"/>
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
        <location line="+33"/>
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
        <location line="+142"/>
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
        <location line="+65"/>
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
        <location line="+11"/>
        <source>Remove “%1” from the library? Its download (%2 MB) is deleted; adding its address again downloads it anew.</source>
        <translation>要从文库中移除“%1”吗？它的下载（%2 MB）会被删除；再次添加它的地址会重新下载。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove Archive</source>
        <translation>移除文章库</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Remove “%1” from the library? Its folder is not touched.</source>
        <translation>要从文库中移除“%1”吗？它的文件夹不会被改动。</translation>
    </message>
    <message>
        <location line="+5"/>
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
        <location filename="../../reader/gui/library_session.py" line="+98"/>
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
        <location filename="../../reader/gui/main_window.py" line="+123"/>
        <location line="+54"/>
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
        <location line="+153"/>
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
        <location filename="../../reader/gui/listing.py" line="+79"/>
        <location line="+28"/>
        <location line="+25"/>
        <source>%n posts</source>
        <translation>
            <numerusform>%n 篇文章</numerusform>
        </translation>
    </message>
    <message>
        <location line="-52"/>
        <source>This search cannot run: %1</source>
        <translation>无法执行此搜索：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <location line="+6"/>
        <location line="+32"/>
        <source>%n posts so far</source>
        <translation>
            <numerusform>目前找到 %n 篇</numerusform>
        </translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Searched %1 of %2 posts: the newest are indexed first, and the list fills in as indexing goes on.</source>
        <translation>已搜索 %2 篇中的 %1 篇：最新的文章先建立索引，列表会随着索引进度继续补充。</translation>
    </message>
    <message>
        <location line="+39"/>
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
        <location filename="../../reader/gui/prefs_dialog.py" line="+99"/>
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
        <location line="+0"/>
        <source>Network</source>
        <translation>网络</translation>
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
        <location line="+1"/>
        <source>Pro&amp;xy:</source>
        <translation>代理(&amp;X)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Proxy &amp;address:</source>
        <translation>代理地址(&amp;A)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Update &amp;git archives:</source>
        <translation>更新 Git 文章库(&amp;G)：</translation>
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
    <message>
        <location line="+1"/>
        <source>No proxy</source>
        <translation>不使用代理</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From the environment (HTTPS_PROXY)</source>
        <translation>使用环境变量（HTTPS_PROXY）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This proxy</source>
        <translation>使用以下代理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only when I ask</source>
        <translation>仅在我要求时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>every </source>
        <translation>每 </translation>
    </message>
    <message>
        <location line="+1"/>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lectern connects only to add or update a git archive: when you ask, or every so many hours if you choose it here.</source>
        <translation>Lectern 只在添加或更新 Git 文章库时联网：在您要求时，或按此处的设置每隔若干小时一次。</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Enter the proxy&apos;s address, like http://proxy.example.com:8080.</source>
        <translation>请输入代理地址，例如 http://proxy.example.com:8080。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SOCKS proxies are not supported: use an HTTP proxy (http://host:port).</source>
        <translation>不支持 SOCKS 代理：请使用 HTTP 代理（http://host:port）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This proxy address cannot be used: write it like http://host:port.</source>
        <translation>无法使用此代理地址：请按 http://host:port 的格式填写。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Used only to add and update git archives.</source>
        <translation>仅用于添加和更新 Git 文章库。</translation>
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
        <location filename="../../reader/gui/tree_model.py" line="+60"/>
        <source>All posts</source>
        <translation>全部文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+299"/>
        <source>Unread</source>
        <translation>未读</translation>
    </message>
    <message>
        <location line="-298"/>
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
        <location line="+244"/>
        <source>%1 (unavailable)</source>
        <translation>%1（不可用）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This archive cannot be read: %1</source>
        <translation>无法读取此文章库：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Updating it failed: %1
It is shown as it was. File › Update Archive tries again.</source>
        <translation>更新失败：%1
显示的是更新前的内容。可通过“文件 › 更新文章库”重试。</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
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
        <location line="+8"/>
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
        <location filename="../../reader/gui/actions.py" line="+82"/>
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
        <source>Add Archive from Git…</source>
        <translation>从 Git 添加文章库…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Update Archive</source>
        <translation>更新文章库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Update All Archives</source>
        <translation>更新所有文章库</translation>
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
