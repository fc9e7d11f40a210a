"""A Chinese government detail page (HTML text + URL) → DocPage. Pure: no HTTP, no SQL.

What these pages share comes first: the TRS/UCAP meta block (ArticleTitle, PubDate, ContentSource,
firstpublishedtime), the 信息公开 header as label → value pairs (gov.cn's policyLibraryOverview table,
older ``table.bd1``, beijing's ``[发文字号]`` lists, ``#attribute`` spans, 云南's ``dt``/``dd`` pairs, labels
spaced out as 索 引 号：), and the CMS body containers. Attachments are read from the body and from the
lists some sites keep beside it (国家数据局's ``div.filelist``).
Site-specific body selectors from a source's options are tried after the shared containers.
html.parser, not lxml: lxml truncates gov.cn pages.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from policytrack.parser import doc_numbers
from policytrack.parser.dates import parse_date
from policytrack.parser.documents import Attachment, DocPage
from policytrack.parser.errors import PageError
from policytrack.parser.markup import joined, soup_of

# The CMS body containers, most specific first; `#UCAP-CONTENT` appears twice on gov.cn (PC, mobile).
BODY_SELECTORS: tuple[str, ...] = (
    "#UCAP-CONTENT", "div.pages_content", ".trs_editor_view", "div.TRS_UEDITOR", "div.TRS_Editor",
    "ucapcontent", "div#ivs_content", "div.wzcon", "#insMainConTxt", "div.article_con", "div.article",
    ".ccontent", "#con_con", "#mainText", ".detail_content", "div.zwgkdetail", ".BodyLabel",
    ".my_doccontent", "#zoom", ".art_p",
)
# Last resorts, after the site-specific selectors: wrappers that also hold page chrome.
LOOSE_BODY_SELECTORS: tuple[str, ...] = ("div.detail", ".main-content", ".content", "#content", "article",
                                         "main", "body")
ATTACHMENT_CONTAINERS = ("table.enclosure a, div.attachment a, div.xgfj a, div.pdf-content a, #attribute file, "
                         "div.filelist a")
ATTACHMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".ofd", ".et", ".zip", ".rar")

# 信息公开 labels (spaces and colons removed) → DocPage field.
LABELS: dict[str, str] = {
    "索引号": "index_no",
    "发文机关": "issuer", "发文机构": "issuer", "发布机构": "issuer", "发布机关": "issuer",
    "联合发文单位": "co_issuer",
    "发文字号": "doc_number", "文号": "doc_number",
    "成文日期": "written_date",
    "发布日期": "published_date", "发文日期": "published_date", "公开日期": "published_date",
    "主题分类": "topic",
    "来源": "source_name", "信息来源": "source_name", "文件来源": "source_name",
    "标题": "title", "名称": "title",
}
# A label may be spaced out to line up with longer ones: 索 引 号：, 标　　题：
_LABEL_ALT = "|".join(r"[\s\u3000\xa0]*".join(map(re.escape, label)) for label in sorted(LABELS, key=len, reverse=True))
_BRACKETED = re.compile(rf"[\[【]\s*({_LABEL_ALT})\s*[\]】]\s*([^\[【]*)")
_LABEL_VALUE = re.compile(rf"^\s*({_LABEL_ALT})\s*[:：]\s*(.*)$", re.S)

_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
# A line break inside a paragraph (HTML source wrapping) between Han characters is no space at all;
# a deliberate space ("国家发展改革委 国家数据局", "公告 2025年第1号") stays.
_WRAP = re.compile(rf"(?<=[{_CJK}0-9%])\s*[\r\n]\s*(?=[{_CJK}])|(?<=[{_CJK}])\s*[\r\n]\s*(?=[{_CJK}0-9%])")
_SPACES = re.compile(r"[\s\u3000\xa0\u2002\u2003\u200b\ufeff]+")
# Page chrome that sits inside or next to body containers.
_CHROME_EXACT = {
    "首页", "打印", "关闭", "打印本页", "关闭窗口", "【打印】", "【关闭】", "【关闭窗口】", "【打印本页】",
    "返回顶部", "分享", "分享到", "大", "中", "小", "上一篇", "下一篇", "收藏", "【字体：大中小】",
}
_CHROME_MARKERS = (
    "网站标识码", "ICP备", "版权所有", "访问量", "浏览次数", "当前位置", "您现在的位置", "主办单位",
    "技术支持", "联系我们", "网站地图", "扫一扫", "公安备案", "公网安备", "阅读次数", "点击数",
)
_BLOCK = {
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
    "article", "blockquote", "pre", "center", "header", "footer", "form", "table", "tbody", "thead",
    "ucapcontent",
}
# "<title>关于…的实施意见_国务院部门文件_中国政府网" or "… - 国家发展和改革委员会": the first part.
_TITLE_SPLIT = re.compile(r"\s*[_|｜]\s*|\s+-\s+")


def clean(text: str) -> str:
    """One line: source line breaks between Han characters removed, other spaces folded to one."""
    return _SPACES.sub(" ", _WRAP.sub("", text)).strip()


def _is_chrome(line: str) -> bool:
    if line in _CHROME_EXACT:
        return True
    if len(line) >= 80:
        return False
    if "字号" in line and "文字号" not in line:  # 【字号：大 中 小】, but not 发文字号
        return True
    return any(m in line for m in _CHROME_MARKERS)


# ---- text of an element -----------------------------------------------------------------------

def _cell_text(cell: Tag) -> str:
    return clean(" ".join(_lines(cell, tables=None)))


def _is_layout_table(table: Tag) -> bool:
    return table.find("table") is not None


def table_lines(table: Tag) -> list[str]:
    """A data table as `cell | cell | cell` lines, one per row that has any text."""
    out = []
    for tr in table.find_all("tr"):
        # a row of a nested table, or a row inside another row's cell (unclosed <tr>/<td>: it is read as
        # part of that cell, once, not again as a row of its own)
        if tr.find_parent(["table", "tr"]) is not table:
            continue
        cells = [_cell_text(c) for c in tr.find_all(["td", "th"], recursive=False)]
        if any(cells):
            out.append(" | ".join(cells))
    return out


def _lines(el: Tag, tables: list[str] | None) -> list[str]:
    """Block-aware text: inline runs joined, blocks and <br> split lines; data tables flattened
    (and appended to `tables` when given)."""
    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        line = clean("".join(buf))
        buf.clear()
        if line:
            lines.append(line)

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                buf.append(str(child))
            elif not isinstance(child, Tag):
                continue
            elif child.name == "br":
                flush()
            elif child.name == "table" and not _is_layout_table(child):
                flush()
                rows = table_lines(child)
                lines.extend(rows)
                if tables is not None and rows:
                    tables.append("\n".join(rows))
            elif child.name in _BLOCK or child.name in ("td", "th"):
                flush()
                walk(child)
                flush()
            else:
                walk(child)

    walk(el)
    flush()
    return lines


# ---- metadata -----------------------------------------------------------------------------------

def _metas(soup: BeautifulSoup) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in soup.find_all("meta"):
        name = (m.get("name") or m.get("property") or "").strip().lower()
        content = clean(m.get("content") or "")
        if name and content and name not in out:
            out[name] = content
    return out


def _label(text: str) -> str:
    return re.sub(r"[\s\u3000\xa0:：\[\]【】]", "", text)


def info_fields(soup: BeautifulSoup) -> dict[str, str]:
    """The 信息公开 header as field → value: label cells in tables first, then ``[label] value`` lists,
    then ``label：value`` in small elements. The first value found for a field wins."""
    fields: dict[str, str] = {}

    def put(label: str, value: str) -> None:
        field = LABELS.get(_label(label))
        value = clean(value)
        if field and value and field not in fields:
            fields[field] = value

    for dt in soup.find_all("dt"):  # 云南: <dl class="reference"><dt>文号：</dt><dd>云政发〔2025〕3号</dd></dl>
        label = clean(dt.get_text(" "))
        dd = dt.find_next_sibling(["dd", "dt"])
        if _label(label) in LABELS and dd is not None and dd.name == "dd":
            put(label, dd.get_text(" "))
    for cell in soup.find_all(["td", "th"]):
        text = clean(cell.get_text(" "))
        if not text or len(text) > 60:
            continue
        if _label(text) in LABELS:  # the label alone: the value is the next cell
            nxt = cell.find_next_sibling(["td", "th"])
            if nxt is not None and _label(clean(nxt.get_text(" "))) not in LABELS:
                put(text, nxt.get_text(" "))
            continue
        m = _LABEL_VALUE.match(text)
        if m:
            put(m.group(1), m.group(2))
    for el in soup.find_all(["li", "p", "span", "div", "dd", "ol", "ul"]):
        if el.find(["div", "table", "p"]) is not None and el.name not in ("ol", "ul", "li"):
            continue
        if el.find(["dt", "dd"]) is not None:  # a dt/dd block: read pair by pair above, never as one text
            continue
        text = clean(el.get_text(" "))
        if not text or len(text) > 400:
            continue
        for m in _BRACKETED.finditer(text):
            put(m.group(1), m.group(2))
        if len(text) < 120 and el.find(["span", "li", "p", "div", "td"]) is None:  # a leaf: one pair
            m = _LABEL_VALUE.match(text)
            if m and not _BRACKETED.search(text):
                put(m.group(1), m.group(2))
    return fields


def _title(soup: BeautifulSoup, metas: dict[str, str], fields: dict[str, str]) -> str:
    for candidate in (metas.get("articletitle"), fields.get("title")):
        if candidate:
            return candidate
    for sel in ("div.share-title", "h1", "div.article h2", "div.title", ".article-title", "h2"):
        el = soup.select_one(sel)
        text = clean(el.get_text(" ")) if el else ""
        if 4 <= len(text) <= 200:
            return text
    if soup.title and soup.title.string:
        return _TITLE_SPLIT.split(clean(soup.title.string))[0]
    return ""


# ---- the signature block: who signed, and when --------------------------------------------------

_ORG = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,30}(?:委员会|委|局|部|厅|院|署|办|会|办公室|政府|中心|银行)$"
)
_TRAILER = re.compile(r"^[（(]此件.*[)）]$|^附件|^抄送|^[（(]联系|\.(?:pdf|docx?|wps|xlsx?|ofd)$", re.I)


def signature(lines: list[str]) -> tuple[list[str], str | None]:
    """The issuing bodies and the date that close a document body ("国家发展改革委 / 国家数据局 / …
    / 2024年12月27日 / （此件公开发布）"); ([], None) when the body does not end that way."""
    lines = [re.sub(r"\s+", "", ln) if len(ln) <= 40 else ln for ln in lines[-40:]]  # "国　家　数　据　局"
    i = len(lines) - 1
    while i >= 0 and _TRAILER.search(lines[i]):
        i -= 1
    signed = None
    if i >= 0 and len(lines[i]) <= 16 and (signed := parse_date(lines[i])):
        i -= 1
    orgs: list[str] = []
    while i >= 0 and _ORG.match(lines[i]) and len(orgs) < 20:
        orgs.insert(0, lines[i])
        i -= 1
    return orgs, signed if orgs else None


# ---- body and attachments ----------------------------------------------------------------------

def _body(soup: BeautifulSoup, body_selectors: list[str] | None) -> Tag | None:
    chain = (*BODY_SELECTORS, *(body_selectors or ()), *LOOSE_BODY_SELECTORS)
    for sel in chain:
        try:
            el = soup.select_one(sel)
        except Exception:  # a malformed site selector must not hide the other candidates
            continue
        if el is not None and clean(el.get_text()):
            return el
    return soup if clean(soup.get_text()) else None  # a fragment without <body>


def _ext(href: str) -> str:
    try:
        path = urlsplit(href).path.lower()
    except ValueError:
        return ""
    return next((e for e in ATTACHMENT_EXTENSIONS if path.endswith(e)), "")


def attachments(soup: BeautifulSoup, body: Tag | None, base_url: str) -> list[Attachment]:
    links = list(body.find_all("a", href=True)) if body is not None else []
    links += soup.select(ATTACHMENT_CONTAINERS)
    out: dict[str, Attachment] = {}
    for a in links:
        href = (a.get("href") or "").strip()
        if not href or not _ext(href) or href.startswith(("javascript:", "mailto:")):
            continue
        url = joined(base_url, href)
        if url is None:  # a link no URL parser reads (http://[::1/x.pdf): skipped, the page still read
            continue
        name = clean(a.get_text(" ")) or clean(a.get("title") or "") or urlsplit(url).path.rsplit("/", 1)[-1]
        out.setdefault(url, Attachment(url=url, name=name))
    return list(out.values())


def parse_detail(html: str, url: str, *, body_selectors: list[str] | None = None) -> DocPage:
    """Title, body text, 信息公开 fields, dates (ISO) and attachment links of one detail page."""
    soup = soup_of(html)
    for junk in soup(["script", "style", "noscript", "template", "iframe"]):
        junk.decompose()
    base = soup.find("base", href=True)
    base_url = (joined(url, base["href"]) or url) if base else url
    metas = _metas(soup)
    fields = info_fields(soup)
    title = " ".join(_title(soup, metas, fields).split())  # one line, whatever the markup's wrapping

    body = _body(soup, body_selectors)
    tables: list[str] = []
    lines = _lines(body, tables) if body is not None else []
    lines = [ln for ln in lines if not _is_chrome(ln)]
    body_text = "\n".join(lines)
    if not title and not body_text:
        raise PageError(f"not a document page: no title and no body text ({url})")

    doc_number = (doc_numbers.find(fields.get("doc_number")) or doc_numbers.find(title)
                  or doc_numbers.find("\n".join(lines[:8])[:400]))

    signers, signed = signature(lines)
    issuer = fields.get("issuer") or (" ".join(signers) if signers else None)
    if issuer and fields.get("co_issuer"):
        issuer = f"{issuer} {fields['co_issuer']}"
    content_source = metas.get("contentsource")
    published = (
        parse_date(fields.get("published_date"))
        or parse_date(metas.get("pubdate"))
        or parse_date(metas.get("firstpublishedtime"))
        or parse_date(metas.get("publishdate"))
        or _publishtime_tag(soup)
    )
    return DocPage(
        url=url,
        title=title,
        body_text=body_text,
        doc_number=doc_number,
        issuer=issuer or content_source,
        written_date=parse_date(fields.get("written_date")) or signed,
        published_date=published,
        index_no=fields.get("index_no"),
        topic=fields.get("topic"),
        source_name=fields.get("source_name") or content_source,
        attachments=attachments(soup, body, base_url),
        tables=tables,
    )


def _publishtime_tag(soup: BeautifulSoup) -> str | None:
    """开普云 pages carry the date in a custom <publishtime> element."""
    el = soup.find("publishtime")
    return parse_date(el.get_text()) if el else None
