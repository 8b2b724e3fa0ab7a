<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <source>Magazine Reader is free software under the GNU GPL, version 3 or later.</source>
        <translation>杂志阅读器是自由软件，依据 GNU GPL 第 3 版或更新版本发布。</translation>
    </message>
    <message>
        <source>It uses Qt and PySide6 (LGPL), lxml (BSD) and appdirs (MIT).</source>
        <translation>它使用了 Qt 和 PySide6（LGPL）、lxml（BSD）以及 appdirs（MIT）。</translation>
    </message>
    <message>
        <source>Qt version: %1</source>
        <translation>Qt 版本：%1</translation>
    </message>
    <message>
        <source>Magazine Reader</source>
        <translation>杂志阅读器</translation>
    </message>
    <message>
        <source>Read saved magazine websites offline.</source>
        <translation>离线阅读保存下来的杂志网站。</translation>
    </message>
    <message>
        <source>About the magazine</source>
        <translation>杂志简介</translation>
    </message>
    <message>
        <source>About Magazine Reader</source>
        <translation>关于杂志阅读器</translation>
    </message>
</context>
<context>
    <name>ArticleFooter</name>
    <message>
        <source>上一篇：</source>
        <translation>上一篇：</translation>
    </message>
    <message>
        <source>下一篇：</source>
        <translation>下一篇：</translation>
    </message>
    <message>
        <source>本类推荐</source>
        <translation>本类推荐</translation>
    </message>
</context>
<context>
    <name>ArticleHtml</name>
    <message>
        <source>%n min read</source>
        <translation>阅读约需 %n 分钟</translation>
    </message>
    <message>
        <source>Image not saved</source>
        <translation>图片未保存</translation>
    </message>
    <message>
        <source>Image cannot be shown (damaged file)</source>
        <translation>图片无法显示（文件已损坏）</translation>
    </message>
    <message>
        <source>Image missing from the store</source>
        <translation>文章库中缺少此图片</translation>
    </message>
    <message>
        <source>图/ %1</source>
        <translation>图/ %1</translation>
    </message>
    <message>
        <source>Not saved in this store</source>
        <translation>未保存在此文章库中</translation>
    </message>
</context>
<context>
    <name>BookmarkController</name>
    <message>
        <source>Cannot read the bookmarks: %1</source>
        <translation>无法读取书签：%1</translation>
    </message>
    <message>
        <source>Bookmarked “%1”</source>
        <translation>已收藏“%1”</translation>
    </message>
    <message>
        <source>Bookmark removed</source>
        <translation>已删除书签</translation>
    </message>
    <message>
        <source>“%1” is not in the open store</source>
        <translation>当前打开的文章库中没有“%1”</translation>
    </message>
    <message>
        <source>Remove &amp;Bookmark</source>
        <translation>删除书签(&amp;B)</translation>
    </message>
    <message>
        <source>Add &amp;Bookmark</source>
        <translation>添加书签(&amp;B)</translation>
    </message>
    <message>
        <source>Import Bookmarks</source>
        <translation>导入书签</translation>
    </message>
    <message>
        <source>Bookmarks (*.json);;All files (*)</source>
        <translation>书签 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot import bookmarks</source>
        <translation>无法导入书签</translation>
    </message>
    <message>
        <source>Imported bookmarks: %1 added, %2 updated, %3 removed</source>
        <translation>已导入书签：新增 %1 个，更新 %2 个，删除 %3 个</translation>
    </message>
    <message>
        <source>Export Bookmarks</source>
        <translation>导出书签</translation>
    </message>
    <message>
        <source>Bookmarks (*.json)</source>
        <translation>书签 (*.json)</translation>
    </message>
    <message>
        <source>Export as Browser Bookmarks</source>
        <translation>导出为浏览器书签</translation>
    </message>
    <message>
        <source>Browser bookmarks (*.html)</source>
        <translation>浏览器书签 (*.html)</translation>
    </message>
    <message>
        <source>Cannot export bookmarks</source>
        <translation>无法导出书签</translation>
    </message>
    <message>
        <source>Exported %1 bookmarks to %2</source>
        <translation>已将 %1 个书签导出到 %2</translation>
    </message>
    <message>
        <source>Bookmarks Recovered</source>
        <translation>书签已恢复</translation>
    </message>
    <message>
        <source>There was a problem with your bookmarks file. It was repaired from the last good copy where one was found; nothing was deleted.

%1</source>
        <translation>书签文件出了问题。已尽可能用最近一份完好的副本修复，没有删除任何内容。

%1</translation>
    </message>
    <message>
        <source>Cannot save the bookmark</source>
        <translation>无法保存书签</translation>
    </message>
</context>
<context>
    <name>BookmarkDelegate</name>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Bookmark note</source>
        <translation>书签备注</translation>
    </message>
</context>
<context>
    <name>BookmarksModel</name>
    <message>
        <source>Other bookmarks</source>
        <translation>其他书签</translation>
    </message>
    <message>
        <source>Not in an issue</source>
        <translation>未归入期刊</translation>
    </message>
    <message>
        <source>%1, bookmarks: %2</source>
        <translation>%1，书签：%2</translation>
    </message>
    <message>
        <source>not in this store</source>
        <translation>不在此文章库中</translation>
    </message>
    <message>
        <source>Bookmarked %1</source>
        <translation>收藏于 %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <source>This article is not in the open store.</source>
        <translation>当前打开的文章库中没有这篇文章。</translation>
    </message>
</context>
<context>
    <name>BookmarksPanel</name>
    <message>
        <source>Filter bookmarks</source>
        <translation>筛选书签</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>最新在前</translation>
    </message>
    <message>
        <source>Issue order</source>
        <translation>按期刊顺序</translation>
    </message>
    <message>
        <source>Order of bookmarks</source>
        <translation>书签排列顺序</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>书签</translation>
    </message>
    <message>
        <source>Bookmarked articles by magazine and issue; F2 edits the note</source>
        <translation>按杂志和期刊分组的已收藏文章；按 F2 编辑备注</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>Edit &amp;Note</source>
        <translation>编辑备注(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Remove Bookmark</source>
        <translation>删除书签(&amp;R)</translation>
    </message>
    <message>
        <source>No bookmarks yet. Press %1 or click the star to bookmark the article you are reading.</source>
        <translation>还没有书签。按 %1 或点击星标，即可收藏正在阅读的文章。</translation>
    </message>
    <message>
        <source>No bookmarks match the filter.</source>
        <translation>没有符合筛选条件的书签。</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in article</source>
        <translation>在文章中查找</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>上一个匹配项</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>上一个匹配项 (Shift+F3)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>下一个匹配项</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>下一个匹配项 (F3)</translation>
    </message>
    <message>
        <source>Close find bar</source>
        <translation>关闭查找栏</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>匹配项</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>无匹配项</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 个，共 %2 个</translation>
    </message>
</context>
<context>
    <name>ImageViewerDialog</name>
    <message>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>适合窗口(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;100%</source>
        <translation>&amp;100%</translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation>适合窗口大小</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>实际大小</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>This build cannot import saved pages (the importer is missing).</source>
        <translation>此版本无法导入已保存的网页（缺少导入组件）。</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Import Saved Pages</source>
        <translation>导入已保存的网页</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>导入进度</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Updating the store for this version first…</source>
        <translation>正在先为此版本更新文章库…</translation>
    </message>
    <message>
        <source>%1 articles to read</source>
        <translation>共 %1 篇文章待读取</translation>
    </message>
    <message>
        <source>%1 of %2 articles</source>
        <translation>第 %1 篇，共 %2 篇</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <source>Issues</source>
        <translation>期刊</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>栏目</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>书签</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Years, issues and their articles</source>
        <translation>年份、期刊及其文章</translation>
    </message>
    <message>
        <source>Sections, subsections and their articles</source>
        <translation>栏目、子栏目及其文章</translation>
    </message>
</context>
<context>
    <name>LibraryTree</name>
    <message>
        <source>No category</source>
        <translation>未分栏目</translation>
    </message>
    <message>
        <source>Other issues</source>
        <translation>其他期刊</translation>
    </message>
    <message>
        <source>Not in an issue</source>
        <translation>未归入期刊</translation>
    </message>
    <message>
        <source>%1, articles: %2</source>
        <translation>%1，文章：%2</translation>
    </message>
    <message>
        <source>bookmarked</source>
        <translation>已收藏</translation>
    </message>
    <message>
        <source>read</source>
        <translation>已读</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>文章库目录</translation>
    </message>
    <message>
        <source>Zoom %1%</source>
        <translation>缩放 %1%</translation>
    </message>
    <message>
        <source>That language is not available; see the log</source>
        <translation>该语言不可用，详见日志</translation>
    </message>
    <message>
        <source>Cannot open store</source>
        <translation>无法打开文章库</translation>
    </message>
    <message>
        <source>This store has no articles yet.</source>
        <translation>此文章库中还没有文章。</translation>
    </message>
    <message>
        <source>Update of %1 cancelled; the store was left as it was.</source>
        <translation>已取消更新 %1，文章库保持原样。</translation>
    </message>
    <message>
        <source>Updating %1…</source>
        <translation>正在更新 %1…</translation>
    </message>
    <message>
        <source>%1 · articles: %2</source>
        <translation>%1 · 文章：%2</translation>
    </message>
    <message>
        <source>Nothing imported</source>
        <translation>没有导入任何内容</translation>
    </message>
    <message>
        <source>No articles were found in the pages.</source>
        <translation>在这些网页中没有找到文章。</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation>已取消导入</translation>
    </message>
    <message>
        <source>Open a store with File › Open Store, or import saved pages with File › Import.</source>
        <translation>请用“文件 › 打开文章库”打开文章库，或用“文件 › 导入”导入已保存的网页。</translation>
    </message>
    <message>
        <source>Open Store</source>
        <translation>打开文章库</translation>
    </message>
    <message>
        <source>Magazine stores (*.magstore);;All files (*)</source>
        <translation>杂志文章库 (*.magstore);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import Saved Pages</source>
        <translation>导入已保存的网页</translation>
    </message>
    <message>
        <source>Export as PDF</source>
        <translation>导出为 PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>No recent stores</source>
        <translation>没有最近打开的文章库</translation>
    </message>
    <message>
        <source>Cannot show article</source>
        <translation>无法显示文章</translation>
    </message>
    <message>
        <source>That article is not in this store</source>
        <translation>此文章库中没有那篇文章</translation>
    </message>
    <message>
        <source>Magazine Reader</source>
        <translation>杂志阅读器</translation>
    </message>
    <message>
        <source>Open in Browser?</source>
        <translation>在浏览器中打开？</translation>
    </message>
    <message>
        <source>This article is not saved in the store. Open it on the web in your browser?

%1</source>
        <translation>这篇文章没有保存在文章库中。要在浏览器中打开它的网页吗？

%1</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Print Article</source>
        <translation>打印文章</translation>
    </message>
</context>
<context>
    <name>ReadingController</name>
    <message>
        <source>Cannot keep the read marks: %1</source>
        <translation>无法保存已读标记：%1</translation>
    </message>
    <message>
        <source>Mark as &amp;Unread</source>
        <translation>标为未读(&amp;U)</translation>
    </message>
    <message>
        <source>Mark as &amp;Read</source>
        <translation>标为已读(&amp;R)</translation>
    </message>
    <message>
        <source>Mark Issue as &amp;Read</source>
        <translation>整期标为已读(&amp;R)</translation>
    </message>
    <message>
        <source>Mark Issue as &amp;Unread</source>
        <translation>整期标为未读(&amp;U)</translation>
    </message>
    <message>
        <source>Read Marks</source>
        <translation>已读标记</translation>
    </message>
</context>
<context>
    <name>SearchController</name>
    <message>
        <source>The search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
    <message>
        <source>%1 matches of “%2” in this article</source>
        <translation>本文中有 %1 处“%2”</translation>
    </message>
    <message>
        <source>1 match of “%1” in this article</source>
        <translation>本文中有 1 处“%1”</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search all articles (%1)</source>
        <translation>搜索全部文章 (%1)</translation>
    </message>
    <message>
        <source>Search all articles</source>
        <translation>搜索全部文章</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>所有年份</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Search the articles of one year</source>
        <translation>搜索某一年的文章</translation>
    </message>
    <message>
        <source>All issues</source>
        <translation>所有期刊</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>期刊</translation>
    </message>
    <message>
        <source>Search the articles of one issue</source>
        <translation>搜索某一期的文章</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>所有栏目</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>栏目</translation>
    </message>
    <message>
        <source>Search one section and the sections under it</source>
        <translation>搜索某一栏目及其子栏目</translation>
    </message>
    <message>
        <source>Number of results</source>
        <translation>结果数量</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Matching articles, best first, each with the text around its first hit</source>
        <translation>匹配的文章，最相关的在前，并附第一处命中前后的文字</translation>
    </message>
    <message>
        <source>Search failed</source>
        <translation>搜索失败</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>Type a word or phrase to find it in every article.</source>
        <translation>输入字词或短语，在所有文章中查找。</translation>
    </message>
    <message>
        <source>Open a store to search it.</source>
        <translation>请先打开一个文章库再搜索。</translation>
    </message>
    <message>
        <source>No articles contain “%1”.</source>
        <translation>没有文章包含“%1”。</translation>
    </message>
    <message>
        <source>No articles matching the filters contain “%1”.</source>
        <translation>符合筛选条件的文章中没有包含“%1”的。</translation>
    </message>
    <message>
        <source>No results</source>
        <translation>没有结果</translation>
    </message>
    <message>
        <source>1 result</source>
        <translation>1 个结果</translation>
    </message>
    <message>
        <source>%1 results</source>
        <translation>%1 个结果</translation>
    </message>
    <message>
        <source>%1 results, the best %2 shown</source>
        <translation>共 %1 个结果，显示最相关的 %2 个</translation>
    </message>
</context>
<context>
    <name>StoreUpgrade</name>
    <message>
        <source>Updating Store</source>
        <translation>正在更新文章库</translation>
    </message>
    <message>
        <source>Updating “%1” for this version of Magazine Reader.
On a large store this can take a few minutes; it is done once.</source>
        <translation>正在为此版本的杂志阅读器更新“%1”。
文章库较大时可能需要几分钟，只需更新一次。</translation>
    </message>
    <message>
        <source>Store update progress</source>
        <translation>文章库更新进度</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;Open Store…</source>
        <translation>打开文章库(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Import Saved Pages…</source>
        <translation>导入已保存的网页(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Export as PDF…</source>
        <translation>导出为 PDF(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>后退(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>前进(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Previous Article</source>
        <translation>上一篇文章(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Next Article</source>
        <translation>下一篇文章(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Find in Article…</source>
        <translation>在文章中查找(&amp;F)…</translation>
    </message>
    <message>
        <source>Find Ne&amp;xt</source>
        <translation>查找下一个(&amp;X)</translation>
    </message>
    <message>
        <source>Find Pre&amp;vious</source>
        <translation>查找上一个(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Search All Articles…</source>
        <translation>搜索全部文章(&amp;S)…</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>Larger Sidebar Text</source>
        <translation>增大侧栏文字</translation>
    </message>
    <message>
        <source>Smaller Sidebar Text</source>
        <translation>缩小侧栏文字</translation>
    </message>
    <message>
        <source>Default Sidebar Text</source>
        <translation>默认侧栏文字</translation>
    </message>
    <message>
        <source>Go to &amp;Sidebar</source>
        <translation>转到侧栏(&amp;S)</translation>
    </message>
    <message>
        <source>Show Side&amp;bar</source>
        <translation>显示侧栏(&amp;B)</translation>
    </message>
    <message>
        <source>F&amp;ull Screen</source>
        <translation>全屏(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;About Magazine Reader</source>
        <translation>关于杂志阅读器(&amp;A)</translation>
    </message>
    <message>
        <source>Open &amp;Data Folder</source>
        <translation>打开数据文件夹(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Bookmark This Article</source>
        <translation>收藏本文(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Import Bookmarks…</source>
        <translation>导入书签(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export Bookmarks…</source>
        <translation>导出书签(&amp;E)…</translation>
    </message>
    <message>
        <source>Export as &amp;Browser Bookmarks…</source>
        <translation>导出为浏览器书签(&amp;B)…</translation>
    </message>
    <message>
        <source>Follow &amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>S&amp;epia</source>
        <translation>羊皮纸(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>界面语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Recent Stores</source>
        <translation>最近打开的文章库(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Bookmarks</source>
        <translation>书签(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
</context>
</TS>
