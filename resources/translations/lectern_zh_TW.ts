<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>AddGitDialog</name>
    <message>
        <location filename="../../reader/gui/git_dialog.py" line="+60"/>
        <location line="+13"/>
        <source>Connecting…</source>
        <translation>正在連線…</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Resolving %1 of %2 changes…</source>
        <translation>正在處理變更：%1/%2…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Received %1 of %2 objects (%3)</source>
        <translation>已接收物件：%1/%2（%3）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Try Again</source>
        <translation>重試</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Add Archive from Git</source>
        <translation>從 Git 新增文章庫</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>名稱(&amp;N)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save in:</source>
        <translation>儲存位置：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add&amp;ress:</source>
        <translation>網址(&amp;R)：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the archive&apos;s own name</source>
        <translation>文章庫原有的名稱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Download the &amp;whole history (much larger; the latest is enough to read)</source>
        <translation>下載完整歷史記錄（檔案大得多；閱讀只需最新版本）(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Change…</source>
        <translation>變更(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the main branch is downloaded, and nothing is checked out: every post is read straight from git. Lectern connects only when you add or update.</source>
        <translation>只下載主分支，也不會在磁碟上展開檔案：每篇文章都直接從 Git 中讀取。Lectern 只在新增或更新時才會連線。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+20"/>
        <source>&amp;Add</source>
        <translation>新增(&amp;A)</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>“%1” is not a git address. Paste the archive&apos;s address, like https://github.com/owner/archive</source>
        <translation>「%1」不是 Git 網址。請貼上文章庫的網址，例如 https://github.com/owner/archive</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the archive&apos;s git address.</source>
        <translation>請輸入文章庫的 Git 網址。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Save Git Archives In</source>
        <translation>選擇 Git 文章庫的儲存位置</translation>
    </message>
</context>
<context>
    <name>ArticleCommands</name>
    <message>
        <location filename="../../reader/gui/article_commands.py" line="+148"/>
        <source>Open a post to print it</source>
        <translation>請先開啟一篇文章再列印</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Open a post to export it</source>
        <translation>請先開啟一篇文章再匯出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export as PDF</source>
        <translation>匯出為 PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Saved %1</source>
        <translation>已儲存 %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This post has no link to its original</source>
        <translation>這篇文章沒有原文連結</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copied %1</source>
        <translation>已複製 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open a post to copy its text</source>
        <translation>請先開啟一篇文章再複製內文</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copied the article as plain text</source>
        <translation>已將文章複製為純文字</translation>
    </message>
</context>
<context>
    <name>ArticlePane</name>
    <message>
        <location filename="../../reader/gui/panes.py" line="+420"/>
        <source>Images not loaded</source>
        <translation>圖片未載入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load this time</source>
        <translation>僅本次載入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Always for this archive</source>
        <translation>此文章庫一律載入</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Find in article</source>
        <translation>在文章中尋找</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matches in the article</source>
        <translation>文章中的相符項目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close find bar</source>
        <translation>關閉尋找列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close find bar (Esc)</source>
        <translation>關閉尋找列（Esc）</translation>
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
            <numerusform>%n 張圖片未載入：</numerusform>
        </translation>
    </message>
    <message>
        <location line="+31"/>
        <source>No matches</source>
        <translation>無結果</translation>
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
        <translation>這篇文章很長，只顯示了開頭部分：約 %1 字，全文約 %2 字。</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>Undated</source>
        <translation>無日期</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Open original</source>
        <translation>檢視原文</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>In %1</source>
        <translation>位於 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>also at %1</source>
        <translation>另見 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>also in %1</source>
        <translation>也收錄於 %1</translation>
    </message>
    <message>
        <location line="+256"/>
        <source>image</source>
        <translation>圖片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image: %1</source>
        <translation>圖片：%1</translation>
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
        <translation>在搜尋框中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to the results</source>
        <translation>前往結果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the search</source>
        <translation>清除搜尋</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In the tree filter</source>
        <translation>在目錄篩選框中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the filter</source>
        <translation>清除篩選</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In the find bar</source>
        <translation>在尋找列中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next match</source>
        <translation>下一個相符項目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous match</source>
        <translation>上一個相符項目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the find bar (also from the tree, the list or the article)</source>
        <translation>關閉尋找列（在目錄、列表或文章中亦可）</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Keyboard Shortcuts</source>
        <translation>鍵盤快速鍵</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>動作</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keys</source>
        <translation>按鍵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Single-letter keys work whenever no text field has focus.</source>
        <translation>焦點不在文字欄位時，單一字母的快速鍵皆可使用。</translation>
    </message>
</context>
<context>
    <name>GitControl</name>
    <message>
        <location filename="../../reader/gui/git_control.py" line="+48"/>
        <source>Could not find the server %1. Check the address and your connection.</source>
        <translation>找不到伺服器 %1。請檢查網址和網路連線。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 refused the connection. Check the address, or try again later.</source>
        <translation>%1 拒絕了連線。請檢查網址，或稍後再試。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The connection to %1 was broken. Try again.</source>
        <translation>與 %1 的連線已中斷。請重試。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 did not answer in time. Check your connection (or proxy) and try again.</source>
        <translation>%1 未及時回應。請檢查網路連線（或代理伺服器）後重試。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 asks for a user name and password: Lectern only reads public archives.</source>
        <translation>%1 要求輸入使用者名稱和密碼：Lectern 只能讀取公開的文章庫。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 has no archive at this address.</source>
        <translation>%1 在此網址上沒有文章庫。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 had a problem of its own (a server error). Try again later.</source>
        <translation>%1 本身發生了問題（伺服器錯誤）。請稍後再試。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The download from %1 was cut off before its end. Try again.</source>
        <translation>從 %1 下載的資料在結束前被中斷。請重試。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The secure connection to %1 could not be trusted (its certificate was refused).</source>
        <translation>無法信任與 %1 的安全連線（其憑證遭到拒絕）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The disk is full: free some space and try again.</source>
        <translation>磁碟已滿：請釋放一些空間後重試。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The local copy of this archive is damaged. Download a fresh copy: your read and starred posts are kept.</source>
        <translation>此文章庫的本機副本已損毀。請重新下載：已讀和星號記錄會保留。</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Retry</source>
        <translation>重試</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fresh Copy</source>
        <translation>重新下載</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Download the archive again: its local copy is damaged. Your read and starred posts are kept.</source>
        <translation>重新下載文章庫：它的本機副本已損毀。已讀和星號記錄會保留。</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>“%1” is this archive, already in your library: update it instead.</source>
        <translation>「%1」就是這個文章庫，已在您的文庫中：請改為更新它。</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Added “%1”: %2 downloaded in %3 s.</source>
        <translation>已新增「%1」：下載 %2，耗時 %3 秒。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Download “%1” from Its Git Address…</source>
        <translation>從 Git 網址下載「%1」…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Select a git archive in the tree to update it.</source>
        <translation>請在側邊欄中選擇要更新的 Git 文章庫。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“%1” is a folder: Lectern never changes it. Update it with git yourself; the window picks up what changed.</source>
        <translation>「%1」是一個資料夾：Lectern 從不更動它。請自行用 Git 更新，視窗會自動顯示變更。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>There is no git archive in the library: add one with File › Add Archive from Git…</source>
        <translation>文庫中沒有 Git 文章庫：請選擇 檔案 › 從 Git 新增文章庫…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Updating “%1”…</source>
        <translation>正在更新「%1」…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>“%1” is up to date.</source>
        <translation>「%1」已是最新狀態。</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>“%1” was downloaded again: %n new post(s)</source>
        <translation>
            <numerusform>已重新下載「%1」：%n 篇新文章</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>“%1” updated: %n new post(s), %2 moved, %3 removed</source>
        <translation>
            <numerusform>已更新「%1」：%n 篇新文章，%2 篇已移動，%3 篇已刪除</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>“%1” updated: %n new post(s)</source>
        <translation>
            <numerusform>已更新「%1」：%n 篇新文章</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%n archive(s) could not be updated; “%1”: %2</source>
        <translation>
            <numerusform>%n 個文章庫無法更新；「%1」：%2</numerusform>
        </translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Updating “%1” failed: %2</source>
        <translation>更新「%1」失敗：%2</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Downloading “%1” again…</source>
        <translation>正在重新下載「%1」…</translation>
    </message>
</context>
<context>
    <name>ImageFetcher</name>
    <message>
        <location filename="../../reader/gui/net.py" line="+77"/>
        <source>larger than %1 MB</source>
        <translation>超過 %1 MB</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>not an image</source>
        <translation>不是圖片</translation>
    </message>
</context>
<context>
    <name>LibraryControl</name>
    <message>
        <location filename="../../reader/gui/library_control.py" line="+75"/>
        <location line="+400"/>
        <source>&amp;Library</source>
        <translation>文庫(&amp;L)</translation>
    </message>
    <message>
        <location line="-335"/>
        <source>“%1” does not exist.</source>
        <translation>「%1」不存在。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“%1” cannot be read: %2</source>
        <translation>無法讀取「%1」：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No posts were found in “%1”. Open a Jekyll site, its _posts folder, or a folder of posts.</source>
        <translation>在「%1」中找不到文章。請開啟 Jekyll 網站、它的 _posts 資料夾，或存放文章的資料夾。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Cannot open folder</source>
        <translation>無法開啟資料夾</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+2"/>
        <source>Reading posts…</source>
        <translation>正在讀取文章…</translation>
    </message>
    <message>
        <location line="+142"/>
        <source>Reading posts: %1 of %2</source>
        <translation>正在讀取文章：%1/%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Indexing text for search: %1 of %2</source>
        <translation>正在建立全文搜尋索引：%1/%2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Search ready</source>
        <translation>搜尋已就緒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search (/)</source>
        <translation>搜尋（/）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Another Lectern window is indexing this archive; waiting for it…</source>
        <translation>另一個 Lectern 視窗正在為這個文章庫建立索引，正在等候它完成…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reading marks file damaged</source>
        <translation>閱讀標記檔案已損毀</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lectern found its file of read and starred posts damaged and started a new one. Nothing was deleted.</source>
        <translation>Lectern 發現記錄已讀和星號文章的檔案已損毀，已另建一個新檔案。沒有刪除任何內容。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Indexing failed: %1</source>
        <translation>建立索引失敗：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rescanning…</source>
        <translation>正在重新掃描…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add Archive Folder</source>
        <translation>新增文章庫資料夾</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Where is “%1” now?</source>
        <translation>「%1」現在在哪裡？</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 (unavailable)</source>
        <translation>%1（無法使用）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(none)</source>
        <translation>（無）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Rename “%1”…</source>
        <translation>重新命名「%1」(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move “%1” &amp;Up</source>
        <translation>上移「%1」(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move “%1” &amp;Down</source>
        <translation>下移「%1」(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locate “%1”…</source>
        <translation>尋找「%1」…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;move “%1” from the Library…</source>
        <translation>從文庫中移除「%1」(&amp;M)…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Rename Archive</source>
        <translation>重新命名文章庫</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name:</source>
        <translation>名稱：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Remove “%1” from the library? Its download (%2 MB) is deleted; adding its address again downloads it anew.</source>
        <translation>要從文庫中移除「%1」嗎？它的下載（%2 MB）會被刪除；再次加入它的網址會重新下載。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove Archive</source>
        <translation>移除文章庫</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Remove “%1” from the library? Its folder is not touched.</source>
        <translation>要從文庫中移除「%1」嗎？它的資料夾不會被更動。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Also forget its read and starred posts</source>
        <translation>同時清除它的已讀和星號記錄</translation>
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
        <translation>文庫</translation>
    </message>
</context>
<context>
    <name>ListPane</name>
    <message>
        <location filename="../../reader/gui/panes.py" line="-141"/>
        <source>Search (/)</source>
        <translation>搜尋（/）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search posts</source>
        <translation>搜尋文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of posts listed</source>
        <translation>列出的文章數</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Posts</source>
        <translation>文章清單</translation>
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
            <numerusform>%n 篇文章無法讀取</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n new since last open</source>
        <translation>
            <numerusform>自上次開啟以來新增 %n 篇</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>This post was deleted</source>
        <translation>這篇文章已被刪除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“%1” is no longer in the archive (it was removed or renamed on disk).</source>
        <translation>「%1」已不在文章庫中（已在磁碟上被刪除或重新命名）。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../reader/gui/main_window.py" line="+123"/>
        <location line="+54"/>
        <source>Posts that could not be read</source>
        <translation>無法讀取的文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Indexing progress</source>
        <translation>索引進度</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Search ready</source>
        <translation>搜尋已就緒</translation>
    </message>
    <message>
        <location line="+153"/>
        <source>About Lectern</source>
        <translation>關於 Lectern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lectern: a fast offline reader for Jekyll post archives.</source>
        <translation>Lectern：快速的 Jekyll 文章庫離線閱讀器。</translation>
    </message>
</context>
<context>
    <name>MovedArchives</name>
    <message>
        <location filename="../../reader/gui/moved.py" line="+46"/>
        <source>Archive moved</source>
        <translation>文章庫已移動</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The archive “%1” is no longer at %2.</source>
        <translation>文章庫「%1」已不在 %2。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>If you moved or renamed its folder, locate it: your read and starred posts and where you were come along.</source>
        <translation>如果您移動或重新命名了它的資料夾，請找到它：已讀、星號和閱讀位置都會隨之保留。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Locate…</source>
        <translation>尋找…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Where is “%1” now?</source>
        <translation>「%1」現在在哪裡？</translation>
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
        <translation>未發布</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>unread</source>
        <translation>未讀</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>starred</source>
        <translation>已加星號</translation>
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
        <translation>無日期</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Title</source>
        <translation>標題</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source</source>
        <translation>來源</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Archive</source>
        <translation>文章庫</translation>
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
        <translation>無法執行此搜尋：%1</translation>
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
        <translation>已搜尋 %2 篇中的 %1 篇：最新的文章先建立索引，清單會隨著索引進度繼續補上。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Reading posts…</source>
        <translation>正在讀取文章…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No post matches this search here.</source>
        <translation>這裡沒有符合此搜尋的文章。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No posts here.</source>
        <translation>這裡沒有文章。</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../reader/gui/prefs_dialog.py" line="+99"/>
        <source>Preferences</source>
        <translation>偏好設定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading</source>
        <translation>閱讀</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Behaviour</source>
        <translation>行為</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Network</source>
        <translation>網路</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Theme:</source>
        <translation>主題(&amp;T)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Font:</source>
        <translation>字型(&amp;F)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Font &amp;size:</source>
        <translation>字型大小(&amp;S)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Line height:</source>
        <translation>行高(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Paragraph spacing:</source>
        <translation>段落間距(&amp;P)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text &amp;width:</source>
        <translation>內文寬度(&amp;W)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mark posts read:</source>
        <translation>標示為已讀(&amp;M)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Remote images:</source>
        <translation>遠端圖片(&amp;R)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>For &amp;this archive:</source>
        <translation>此文章庫(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User interface:</source>
        <translation>介面語言(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pro&amp;xy:</source>
        <translation>代理伺服器(&amp;X)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Proxy &amp;address:</source>
        <translation>代理伺服器位址(&amp;A)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Update &amp;git archives:</source>
        <translation>更新 Git 文章庫(&amp;G)：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Follow the system</source>
        <translation>跟隨系統</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Light</source>
        <translation>淺色</translation>
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
        <translation>開啟後立即標示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After two seconds</source>
        <translation>開啟兩秒後標示</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Never automatically</source>
        <translation>永不自動標示</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>Never load</source>
        <translation>永不載入</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Ask for each post</source>
        <translation>逐篇詢問</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Always load</source>
        <translation>一律載入</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Use the setting above</source>
        <translation>使用上方的設定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System language</source>
        <translation>系統語言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default</source>
        <translation>預設</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the platform&apos;s reading font (%1)</source>
        <translation>使用系統的閱讀字型（%1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> pt</source>
        <translation> 點</translation>
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
        <translation>不限制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The widest line, in Chinese characters (about twice as many Latin letters); the text is centred in the pane.</source>
        <translation>每行最多容納的漢字數（拉丁字母約為其兩倍）；內文在窗格中置中。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Menus and dialogs change at once.</source>
        <translation>選單和對話框會立即切換。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No proxy</source>
        <translation>不使用代理伺服器</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From the environment (HTTPS_PROXY)</source>
        <translation>使用環境變數（HTTPS_PROXY）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This proxy</source>
        <translation>使用以下代理伺服器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only when I ask</source>
        <translation>僅在我要求時</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>every </source>
        <translation>每 </translation>
    </message>
    <message>
        <location line="+1"/>
        <source> h</source>
        <translation> 小時</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lectern connects only to add or update a git archive: when you ask, or every so many hours if you choose it here.</source>
        <translation>Lectern 只在新增或更新 Git 文章庫時連線：在您要求時，或依此處的設定每隔幾小時一次。</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Enter the proxy&apos;s address, like http://proxy.example.com:8080.</source>
        <translation>請輸入代理伺服器位址，例如 http://proxy.example.com:8080。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SOCKS proxies are not supported: use an HTTP proxy (http://host:port).</source>
        <translation>不支援 SOCKS 代理伺服器：請使用 HTTP 代理伺服器（http://host:port）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This proxy address cannot be used: write it like http://host:port.</source>
        <translation>無法使用此代理伺服器位址：請依 http://host:port 的格式填寫。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Used only to add and update git archives.</source>
        <translation>僅用於新增和更新 Git 文章庫。</translation>
    </message>
</context>
<context>
    <name>ProblemsDialog</name>
    <message>
        <location filename="../../reader/gui/dialogs.py" line="+32"/>
        <source>Posts That Could Not Be Read</source>
        <translation>無法讀取的文章</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation>檔案</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>These files look like posts but could not be read. They are left as they are; fix them in the archive and rescan (%1).</source>
        <translation>這些檔案看起來是文章，但無法讀取。Lectern 不會更動它們；請在文章庫中修正後重新掃描（%1）。</translation>
    </message>
</context>
<context>
    <name>ReadingCommands</name>
    <message>
        <location filename="../../reader/gui/reading.py" line="+155"/>
        <source>This post cannot be shown</source>
        <translation>無法顯示這篇文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It was changed or removed since the archive was read: %1</source>
        <translation>讀取文章庫之後，這篇文章已被修改或刪除：%1</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>No more unread posts in this list</source>
        <translation>此清單中沒有其他未讀文章</translation>
    </message>
    <message numerus="yes">
        <location line="+67"/>
        <source>Marked %n posts read (Ctrl+Z undoes)</source>
        <translation>
            <numerusform>已將 %n 篇文章標示為已讀（按 Ctrl+Z 復原）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Marked %n posts unread again</source>
        <translation>
            <numerusform>已將 %n 篇文章重新標示為未讀</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TreeModel</name>
    <message>
        <location filename="../../reader/gui/tree_model.py" line="+60"/>
        <source>All posts</source>
        <translation>所有文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+299"/>
        <source>Unread</source>
        <translation>未讀</translation>
    </message>
    <message>
        <location line="-298"/>
        <source>Starred</source>
        <translation>已加星號</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New since last open</source>
        <translation>上次開啟後的新文章</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Categories</source>
        <translation>分類</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>標籤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authors</source>
        <translation>作者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archive</source>
        <translation>彙整</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archives</source>
        <translation>文章庫</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Recent</source>
        <translation>近期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archived</source>
        <translation>已封存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top folder</source>
        <translation>頂層資料夾</translation>
    </message>
    <message>
        <location line="+244"/>
        <source>%1 (unavailable)</source>
        <translation>%1（無法使用）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This archive cannot be read: %1</source>
        <translation>無法讀取此文章庫：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Updating it failed: %1
It is shown as it was. File › Update Archive tries again.</source>
        <translation>更新失敗：%1
顯示的是更新前的內容。可透過「檔案 › 更新文章庫」重試。</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n starred</source>
        <translation>
            <numerusform>%n 篇已加星號</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 unread of %2 posts</source>
        <translation>%2 篇文章中有 %1 篇未讀</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%1, %n unread</source>
        <translation>
            <numerusform>%1，%n 篇未讀</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
</context>
<context>
    <name>TreePane</name>
    <message>
        <location filename="../../reader/gui/panes.py" line="-181"/>
        <source>Filter tags, categories, authors</source>
        <translation>篩選標籤、分類、作者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter the tree</source>
        <translation>篩選側邊欄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags and categories</source>
        <translation>標籤和分類</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Nothing in the tree matches “%1”.</source>
        <translation>目錄中沒有符合「%1」的項目。</translation>
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
        <translation>下一篇 / 上一篇未讀</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>page down; at the end, the next unread post</source>
        <translation>向下捲動一頁；到底後前往下一篇未讀</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>search (Chinese in either script)</source>
        <translation>搜尋（簡繁體皆可）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>go to the tree, the list, the article</source>
        <translation>前往目錄、列表、文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>star; mark read or unread</source>
        <translation>加星號；標為已讀或未讀</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the original in the browser</source>
        <translation>在瀏覽器中開啟原文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>every key</source>
        <translation>所有快速鍵</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Reading the archive…</source>
        <translation>正在讀取封存…</translation>
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
            <numerusform>%Ln 篇未讀</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln starred</source>
        <translation>
            <numerusform>%Ln 篇已加星號</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>From %1 to %2</source>
        <translation>從 %1 到 %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Still reading posts: the list fills in, newest first.</source>
        <translation>仍在讀取文章：列表會陸續補齊，最新的在前。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln new since last open</source>
        <translation>
            <numerusform>上次開啟後新增 %Ln 篇</numerusform>
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
        <translation>開始閱讀</translation>
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <location filename="../../reader/gui/actions.py" line="+82"/>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Go</source>
        <translation>前往(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Post</source>
        <translation>文章(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open Folder…</source>
        <translation>開啟資料夾…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add Archive from Git…</source>
        <translation>從 Git 新增文章庫…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Update Archive</source>
        <translation>更新文章庫</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Update All Archives</source>
        <translation>更新所有文章庫</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rescan Archive</source>
        <translation>重新掃描文章庫</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Posts That Could Not Be Read…</source>
        <translation>無法讀取的文章…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print…</source>
        <translation>列印…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export as PDF…</source>
        <translation>匯出為 PDF…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preferences…</source>
        <translation>偏好設定…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>結束</translation>
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
        <translation>下一篇未讀</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous Unread Post</source>
        <translation>上一篇未讀</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First Post</source>
        <translation>第一篇</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last Post</source>
        <translation>最後一篇</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open Selected Post</source>
        <translation>開啟所選文章</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forward</source>
        <translation>前進</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Focus Tree</source>
        <translation>移至側邊欄</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Focus List</source>
        <translation>移至文章清單</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Focus Article</source>
        <translation>移至內文</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search</source>
        <translation>搜尋</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open Original in Browser</source>
        <translation>在瀏覽器中開啟原文</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Star</source>
        <translation>加上星號</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mark Read / Unread</source>
        <translation>標示為已讀/未讀</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy Link to Original</source>
        <translation>複製原文連結</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy Article as Plain Text</source>
        <translation>將文章複製為純文字</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mark All in List Read</source>
        <translation>將清單中的文章全部標示為已讀</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo Mark All Read</source>
        <translation>復原「全部標示為已讀」</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Page Down (Next Unread at End)</source>
        <translation>向下翻頁（到底後跳至下一篇未讀）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Page Up</source>
        <translation>向上翻頁</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find in Article…</source>
        <translation>在文章中尋找…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find Next</source>
        <translation>尋找下一個</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find Previous</source>
        <translation>尋找上一個</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom In</source>
        <translation>放大</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom Out</source>
        <translation>縮小</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actual Size</source>
        <translation>實際大小</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Full Screen</source>
        <translation>全螢幕</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Focus Mode (Article Only)</source>
        <translation>專注模式（僅顯示文章）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chinese as Written</source>
        <translation>中文依原文顯示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chinese in Simplified</source>
        <translation>中文以簡體顯示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chinese in Traditional</source>
        <translation>中文以繁體顯示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keyboard Shortcuts</source>
        <translation>鍵盤快速鍵</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About Lectern</source>
        <translation>關於 Lectern</translation>
    </message>
</context>
</TS>
