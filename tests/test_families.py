"""sources/families and sources/selectors: list pages of every family, pagination, filters, loud failures."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from policytrack.parser.relevance import SEARCH_KEYWORDS, title_is_relevant
from policytrack.sources.families import FAMILIES, describe, family_for
from policytrack.sources.families.base import page_url
from policytrack.sources.families.html_list import DEFAULT_ITEMS
from policytrack.sources.records import Page, SourceSpec
from policytrack.sources.selectors import CSS, ListError, SelectorError

FIXTURES = Path(__file__).parent / "fixtures"
SITES = FIXTURES / "sites"
NDRC_TZ = "https://www.ndrc.gov.cn/xxgk/zcfb/tz/index.html"
SEARCH = "https://sousuo.www.gov.cn/search-gov/data"


def spec(kind: str = "html_list", start: str = NDRC_TZ, max_pages: int = 3, **options: object) -> SourceSpec:
    return SourceSpec(id="test-src", name="测试", region="全国", level="national", kind=kind,
                      start_urls=(start,), max_pages=max_pages, options=dict(options))


def page(url: str, body: bytes | str, *, content_type: str = "text/html", encoding: str = "utf-8",
         status: int = 200) -> Page:
    content = body.encode(encoding) if isinstance(body, str) else body
    text = body if isinstance(body, str) else body.decode(encoding)
    return Page(url=url, final_url=url, status=status, headers={}, content=content, text=text,
                encoding=encoding, content_type=content_type)


def fixture_page(url: str, rel: str, **kw: object) -> Page:
    return page(url, (SITES / rel).read_bytes(), **kw)


# ---- html_list ----------------------------------------------------------------------------------

def test_ndrc_list_relative_links_dates_and_nav_dropped() -> None:
    items = family_for(spec(item="ul.u-list > li")).parse_list(fixture_page(NDRC_TZ, "ndrc/tz_index.html")).items
    assert [(i.url, i.date) for i in items] == [
        ("https://www.ndrc.gov.cn/xxgk/zcfb/tz/202501/t20250113_1395515.html", "2025-01-13"),
        ("https://www.ndrc.gov.cn/xxgk/zcfb/tz/202501/t20250110_1395421.html", "2025-01-10"),
        ("https://www.ndrc.gov.cn/xxgk/zcfb/tz/202501/t20250106_1395230.html", "2025-01-06"),
        ("https://www.ndrc.gov.cn/xxgk/zcfb/tz/202412/t20241230_1395102.html", "2024-12-30"),
    ]  # the column nav (also ul.u-list) has no dates and is dropped
    # a[title], not the truncated text
    assert items[1].title == "国家发展改革委办公厅关于做好2025年春节期间煤电油气运保障工作的通知"
    relevant = [i.title for i in items if title_is_relevant(i.title)]
    assert relevant == ["关于促进数据标注产业高质量发展的实施意见"]


def test_default_item_selectors_find_the_ndrc_list() -> None:
    items = family_for(spec()).parse_list(fixture_page(NDRC_TZ, "ndrc/tz_index.html")).items
    assert len(items) == 4


@pytest.mark.parametrize("selector", DEFAULT_ITEMS)
def test_each_default_item_selector(selector: str) -> None:
    wrappers = {
        "ul.u-list > li": ('<ul class="u-list">', "</ul>"),
        "ul.doc_list li": ('<ul class="doc_list">', "</ul>"),
        ".NewsList li": ('<div class="NewsList"><ul>', "</ul></div>"),
        "ul.nowrapli li": ('<ul class="nowrapli">', "</ul>"),
        "ul.default_news li": ('<ul class="default_news">', "</ul>"),
        ".list_div li": ('<div class="list_div"><ul>', "</ul></div>"),
        ".news_box .list li:not(.line)": ('<div class="news_box"><div class="list"><ul>',
                                          "</ul></div></div>"),
    }
    start, end = wrappers[selector]
    li = ('<li><h4><a href="../2025/t1.html" title="关于数据标注的通知">关于数据标注的…</a>'
          '<span class="date">2025-01-13</span></h4></li><li class="line"></li>')
    html = f"<html><body>{start}{li}{end}</body></html>"
    items = family_for(spec(start="https://x.gov.cn/col/list/index.html")).parse_list(
        page("https://x.gov.cn/col/list/index.html", html)).items
    assert [(i.url, i.title, i.date) for i in items] == [
        ("https://x.gov.cn/col/2025/t1.html", "关于数据标注的通知", "2025-01-13")]


@pytest.mark.parametrize(("shown", "iso"), [
    ("2025-01-13", "2025-01-13"), ("2025/01/13", "2025-01-13"), ("2025.01.13", "2025-01-13"),
    ("2025年1月13日", "2025-01-13"), ("20250113", "2025-01-13"), ("[2025-01-13]", "2025-01-13"),
    ("发布时间：2025-01-13 10:20", "2025-01-13"),
])
def test_list_date_formats(shown: str, iso: str) -> None:
    html = f'<ul class="u-list"><li><a href="./a.html">关于数据标注的通知</a><span>{shown}</span></li></ul>'
    items = family_for(spec()).parse_list(page(NDRC_TZ, html)).items
    assert items[0].date == iso


def test_month_day_dates_take_this_year_or_last() -> None:
    from datetime import date

    html = '<ul class="u-list"><li><a href="./a.html">通知</a><span>[01-01]</span></li></ul>'
    got = family_for(spec()).parse_list(page(NDRC_TZ, html)).items[0].date
    assert got == f"{date.today().year}-01-01"


def test_date_option_and_link_option() -> None:
    html = ('<div class="row"><a class="ico" href="/x">图标</a><a class="t" href="./b.html">标题B</a>'
            '<i>2024-01-01</i><em class="d">2025-02-03</em></div>')
    items = family_for(spec(item="div.row", link="a.t", date="em.d")).parse_list(page(NDRC_TZ, html)).items
    assert [(i.url, i.title, i.date) for i in items] == [
        ("https://www.ndrc.gov.cn/xxgk/zcfb/tz/b.html", "标题B", "2025-02-03")]


def test_gbk_list_page() -> None:
    raw = (SITES / "ndrc/gg_index.html").read_bytes()
    assert b'charset=gb2312' in raw and "公告".encode("gb18030") in raw
    url = "https://www.ndrc.gov.cn/xxgk/zcfb/gg/index.html"
    items = family_for(spec(start=url)).parse_list(page(url, raw, encoding="gb18030")).items
    assert [i.title for i in items][:2] == ["国家发展改革委公告 2025年第1号",
                                            "国家发展改革委公告 2024年第13号"]
    assert items[0].url == "https://www.ndrc.gov.cn/xxgk/zcfb/gg/202501/t20250108_1395300.html"


def test_gbk_list_page_through_the_fetchers_decoder() -> None:
    charset = pytest.importorskip("policytrack.parser.charset")
    raw = (SITES / "ndrc/gg_index.html").read_bytes()
    text = charset.decode(raw, None)[0]
    url = "https://www.ndrc.gov.cn/xxgk/zcfb/gg/index.html"
    items = family_for(spec(start=url)).parse_list(page(url, text)).items
    assert items[0].title == "国家发展改革委公告 2025年第1号"


def test_nda_list_title_filter_drops_non_policies() -> None:
    url = "https://www.nda.gov.cn/sjj/zwgk/zcfb/list/index_pc_1.html"
    items = family_for(spec(start=url)).parse_list(fixture_page(url, "nda/zcfb_index_pc_1.html")).items
    assert len(items) == 6
    kept = [i for i in items if title_is_relevant(i.title)]
    assert [i.url for i in kept] == ["https://www.nda.gov.cn/sjj/zwgk/zcfb/0105/20240105174016378512938_pc.html"]
    dropped = {i.title for i in items} - {i.title for i in kept}
    assert any("一图读懂" in t for t in dropped) and any("政策解读" in t for t in dropped)
    assert any("答记者问" in t for t in dropped) and any("召开" in t for t in dropped)


def urls_of(fam) -> list[str]:
    """Each sequence's pages as the family names them, up to max_pages (html_list: from the template)."""
    out = []
    for at in fam.start_pages():
        while at is not None and at.n <= fam.spec.max_pages:
            out.append(at.url)
            at = fam.next_page(at)
    return out


@pytest.mark.parametrize(("start", "template", "expected"), [
    (NDRC_TZ, "index_{n-1}.html",
     [NDRC_TZ, "https://www.ndrc.gov.cn/xxgk/zcfb/tz/index_1.html", "https://www.ndrc.gov.cn/xxgk/zcfb/tz/index_2.html"]),
    ("https://www.nda.gov.cn/sjj/zwgk/zcfb/list/index_pc_1.html", "index_pc_{n}.html",
     ["https://www.nda.gov.cn/sjj/zwgk/zcfb/list/index_pc_1.html",
      "https://www.nda.gov.cn/sjj/zwgk/zcfb/list/index_pc_2.html",
      "https://www.nda.gov.cn/sjj/zwgk/zcfb/list/index_pc_3.html"]),
    ("https://rsj.taiyuan.gov.cn/zfxxgk/tzgg/index.shtml", "index_{n}.shtml",
     ["https://rsj.taiyuan.gov.cn/zfxxgk/tzgg/index.shtml", "https://rsj.taiyuan.gov.cn/zfxxgk/tzgg/index_2.shtml",
      "https://rsj.taiyuan.gov.cn/zfxxgk/tzgg/index_3.shtml"]),
    ("https://www.mz.gov.cn/info/iList.jsp?node_id=GKmzs&cat_id=15971&cur_page=1",
     "?node_id=GKmzs&cat_id=15971&cur_page={n}",
     ["https://www.mz.gov.cn/info/iList.jsp?node_id=GKmzs&cat_id=15971&cur_page=1",
      "https://www.mz.gov.cn/info/iList.jsp?node_id=GKmzs&cat_id=15971&cur_page=2",
      "https://www.mz.gov.cn/info/iList.jsp?node_id=GKmzs&cat_id=15971&cur_page=3"]),
    ("https://www.mohrss.gov.cn/SYrlzyhshbzb/zcfg/", "index_{n-1}.html",
     ["https://www.mohrss.gov.cn/SYrlzyhshbzb/zcfg/", "https://www.mohrss.gov.cn/SYrlzyhshbzb/zcfg/index_1.html",
      "https://www.mohrss.gov.cn/SYrlzyhshbzb/zcfg/index_2.html"]),
])
def test_pagination_urls(start: str, template: str, expected: list[str]) -> None:
    assert urls_of(family_for(spec(start=start, pagination=template))) == expected
    assert page_url(start, template, 1) == start


def test_no_pagination_means_one_page_per_start_url() -> None:
    s = SourceSpec(id="x", name="x", region="全国", level="national", kind="html_list",
                   start_urls=("https://a.gov.cn/1/", "https://a.gov.cn/2/"), max_pages=5)
    assert urls_of(family_for(s)) == ["https://a.gov.cn/1/", "https://a.gov.cn/2/"]


def test_a_wrong_selector_reads_the_main_list_and_names_both() -> None:
    listed = family_for(spec(item="ul.gone > li")).parse_list(fixture_page(NDRC_TZ, "ndrc/tz_index.html"))
    assert len(listed.items) == 4 and listed.failed == "ul.gone > li"
    assert "ul.u-list > li" in listed.selector  # the list found, named as a selector that finds it


def test_selector_error_names_selector_url_and_counts() -> None:
    fam = family_for(spec(item="ul.gone > li"))
    with pytest.raises(SelectorError) as err:
        fam.parse_list(page(NDRC_TZ, "<html><body><ul class='nav'><li><a href='/'>首页</a></li></ul></body></html>"))
    msg = str(err.value)
    assert "ul.gone > li" in msg and NDRC_TZ in msg and "matched 0" in msg and "test-src" in msg
    assert err.value.selector == "ul.gone > li" and err.value.url == NDRC_TZ


def test_expect_min_and_no_default_selector() -> None:
    with pytest.raises(SelectorError, match=r"gave 4 item\(s\).*expected at least 10"):
        family_for(spec(expect_min=10)).parse_list(fixture_page(NDRC_TZ, "ndrc/tz_index.html"))
    with pytest.raises(SelectorError, match="none of the list selectors matched") as err:
        family_for(spec()).parse_list(page(NDRC_TZ, "<html><body><p>改版了</p></body></html>"))
    assert "ul.u-list > li" in str(err.value)


def test_css_counts() -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup("<ul><li>1</li><li>2</li><li>3</li></ul>", "html.parser")
    assert len(CSS("li", min_items=3).match(soup)) == 3
    with pytest.raises(SelectorError, match=r"'li' matched 3 element\(s\), expected 1..2 on https://u"):
        CSS("li", 1, 2).match(soup, url="https://u")
    with pytest.raises(SelectorError, match="invalid selector"):
        CSS("li[[[").match(soup)
    assert CSS("ul").match_one(soup).name == "ul"


# ---- hanweb -------------------------------------------------------------------------------------

@pytest.mark.parametrize("fixture", ["hanweb/col84242_index.html", "hanweb/col84242_escaped.html"])
def test_hanweb_records(fixture: str) -> None:
    url = "https://www.jiangsu.gov.cn/col/col84242/index.html"
    items = family_for(spec(kind="hanweb", start=url)).parse_list(fixture_page(url, fixture)).items
    assert [(i.url, i.date) for i in items] == [
        ("https://www.jiangsu.gov.cn/art/2025/1/20/art_84242_11478001.html", "2025-01-20"),
        ("https://www.jiangsu.gov.cn/art/2025/1/8/art_84242_11470033.html", "2025-01-08"),  # "2025- 01-08"
        ("https://www.jiangsu.gov.cn/art/2024/12/30/art_84242_11462105.html", "2024-12-30"),
    ]
    assert items[2].title == "省政府办公厅关于加快发展数字经济的意见"  # link text when no title attribute


def test_hanweb_without_records_is_loud() -> None:
    url = "https://www.jiangsu.gov.cn/col/col1/index.html"
    with pytest.raises(SelectorError, match="no <record> blocks"):
        family_for(spec(kind="hanweb", start=url)).parse_list(page(url, "<html><body>维护中</body></html>"))


# ---- gov.cn JSON --------------------------------------------------------------------------------

def test_govcn_json_feed() -> None:
    url = "https://www.gov.cn/zhengce/zhengceku/bmwj/TONGYONGGAILAN.json"
    fam = family_for(spec(kind="govcn_json", start=url))
    items = fam.parse_list(fixture_page(url, "govcn/bmwj_TONGYONGGAILAN.json",
                                        content_type="application/json")).items
    assert items[0].title == "关于促进数据产业高质量发展的指导意见" and items[0].date == "2024-12-31"
    assert items[3].url == "https://www.gov.cn/zhengce/202412/content_6995441.htm"  # relative URL joined
    assert [i.title for i in items if title_is_relevant(i.title)] == ["关于促进数据产业高质量发展的指导意见"]
    assert [at.url for at in fam.start_pages()] == [url] and fam.parse_list(
        fixture_page(url, "govcn/bmwj_TONGYONGGAILAN.json")).next is None
    assert len(family_for(spec(kind="govcn_json", start=url, max_items=2)).parse_list(
        fixture_page(url, "govcn/bmwj_TONGYONGGAILAN.json")).items) == 2


@pytest.mark.parametrize(("body", "message"), [
    ("<html>403 Forbidden</html>", "is not JSON"),
    ('{"status": "ok"}', "no JSON list of items"),
    ('[{"name": "x", "link": "y"}]', "have no TITLE/URL"),
])
def test_govcn_json_wrong_shapes(body: str, message: str) -> None:
    url = "https://www.gov.cn/zhengce/zuixin/ZUIXINZHENGCE.json"
    with pytest.raises(ListError, match=message):
        family_for(spec(kind="govcn_json", start=url)).parse_list(page(url, body))


# ---- gov.cn search ------------------------------------------------------------------------------

def search_spec(keywords: list[str] | None = None, **options: object) -> SourceSpec:
    """The search source; `keywords` are its tracked words (the entry's, or the run's), one query each."""
    return replace(spec(kind="govcn_search", start=SEARCH, max_pages=5, **options),
                   keywords=tuple(keywords) if keywords else None)


def test_search_urls_are_the_library_api_shape() -> None:
    fam = family_for(search_spec(keywords=["数据标注"]))
    first = next(fam.start_pages()).url
    assert first == (
        "https://sousuo.www.gov.cn/search-gov/data?t=zhengcelibrary&q=%E6%95%B0%E6%8D%AE%E6%A0%87%E6%B3%A8"
        "&timetype=timeqb&mintime=&maxtime=&sort=pubtime&sortType=1&searchfield=title&p=1&n=20&type=gwyzcwjk")
    default = family_for(search_spec())
    assert default.keywords() == list(SEARCH_KEYWORDS)
    bm = family_for(spec(kind="govcn_search", start=SEARCH + "?t=zhengcelibrary_bm", page_size=100))
    q = parse_qs(urlsplit(next(bm.start_pages()).url).query)
    assert q["t"] == ["zhengcelibrary_bm"] and q["n"] == ["100"]


def test_search_items_pages_and_totalpage() -> None:
    fam = family_for(search_spec(keywords=["数据标注", "高质量数据集"]))
    seen: list[tuple[str, str]] = []
    answers = {("数据标注", "1"): "search_sjbz_p1.json", ("数据标注", "2"): "search_sjbz_p2.json",
               ("高质量数据集", "1"): "search_gzlsjj_p1.json"}
    items_by_page = []
    for at in fam.start_pages():
        while at is not None:
            q = parse_qs(urlsplit(at.url).query)
            key = (q["q"][0], q["p"][0])
            seen.append(key)
            listed = fam.parse_list(fixture_page(at.url, "govcn/" + answers[key]), at)
            items_by_page.append(listed.items)
            at = listed.next
    assert seen == [("数据标注", "1"), ("数据标注", "2"), ("高质量数据集", "1")]  # stops at totalpage
    first = items_by_page[0]
    assert [i.title for i in first] == ["国务院关于印发“十四五”数字经济发展规划的通知",
                                        "关于促进数据产业高质量发展的指导意见"]  # <em> stripped, catMap order
    plan, guide = first
    assert plan.extra["doc_number"] == "国发〔2021〕29号" and plan.extra["issuer"] == "国务院"
    assert plan.date == "2022-01-12" and guide.date == "2024-12-31"
    assert "doc_number" not in guide.extra  # empty pcode
    assert guide.extra["issuer"] == "国家发展改革委 国家数据局 教育部 财政部 金融监管总局 中国证监会"
    assert items_by_page[2] == []


def test_search_listvo_shape_and_epoch_dates() -> None:
    fam = family_for(search_spec(keywords=["人工智能训练师"]))
    url = next(fam.start_pages()).url
    items = fam.parse_list(fixture_page(url, "govcn/search_rgznxls_p1.json")).items
    assert [i.url for i in items] == ["https://www.gov.cn/zhengce/content/2022-01/12/content_5667817.htm"]
    body = json.dumps({"searchVO": {"totalCount": 1, "listVO": [
        {"title": "关于<em>数据标注</em>的通知", "url": "/zhengce/content/1.htm",
         "pubtime": 1736726400000}]}})
    item = fam.parse_list(page(url, body)).items[0]
    assert (item.title, item.url, item.date) == ("关于数据标注的通知", "https://www.gov.cn/zhengce/content/1.htm",
                                                 "2025-01-13")


@pytest.mark.parametrize(("body", "message"), [
    ("<html>请稍后再试</html>", "is not JSON"),
    ('{"code": 200, "result": {}}', "no 'searchVO' object"),
    ('{"code": 200, "searchVO": {"totalCount": 0}}', "neither searchVO.listVO nor searchVO.catMap"),
    ((SITES / "govcn/search_error.json").read_text(encoding="utf-8"), "no 'searchVO'"),
    ('{"code": 500, "msg": "busy", "searchVO": {"listVO": []}}', "code 500"),
])
def test_search_wrong_shapes_raise_list_error(body: str, message: str) -> None:
    fam = family_for(search_spec(keywords=["数据标注"]))
    with pytest.raises(ListError, match=message) as err:
        fam.parse_list(page(next(fam.start_pages()).url, body))
    assert isinstance(err.value, SelectorError) and "\n" not in str(err.value)


def test_search_headers_only_for_the_api_host() -> None:
    fam = family_for(search_spec())
    api = fam.request_headers(SEARCH + "?q=x")
    assert api["Referer"].startswith("https://sousuo.www.gov.cn/") and "json" in api["Accept"]
    assert fam.request_headers("https://www.gov.cn/zhengce/zhengceku/202412/content_6995430.htm") == {}
    for moved in ({"referer": "https://www.beijing.gov.cn/"}, {"headers": {"User-Agent": "x"}}, {"keywords": ["x"]}):
        problem = FAMILIES["html_list"].check_options(moved)
        assert problem and "moved" in problem and "on the source entry" in problem


# ---- registry of kinds, detail pages --------------------------------------------------------------

def test_kinds_are_registered_and_documented() -> None:
    assert {"html_list", "hanweb", "govcn_json", "govcn_search"} <= set(FAMILIES)
    docs = describe()
    assert all(docs[k] for k in FAMILIES) and "pagination" in docs["html_list"]
    with pytest.raises(ValueError, match="unknown kind 'nope'"):
        family_for(spec(kind="nope"))


def test_parse_detail_uses_body_selectors_and_reads_a_pdf_item() -> None:
    html = ("<html><body><div class='nav'>导航</div>"
            "<div class='DocHtmlCon Box'><p>正文。</p></div></body></html>")
    url = "https://www.guizhou.gov.cn/zwgk/a.html"
    doc = family_for(spec(body_selectors=[".DocHtmlCon.Box"])).parse_detail(page(url, html))
    assert doc.body_text == "正文。" and doc.url == url
    pdf = (SITES / "generated/ndrc_tasks.pdf").read_bytes()
    pdf_url = "https://fgw.sh.gov.cn/a.pdf"
    doc = family_for(spec()).parse_detail(Page(pdf_url, pdf_url, 200, {}, pdf, "", "", "application/pdf"))
    assert "数据标注" in doc.body_text and doc.title == ""
    from policytrack.parser.errors import PageError

    with pytest.raises(PageError, match="unreadable PDF"):
        junk = Page(pdf_url, pdf_url, 200, {}, b"%PDF-1.4 junk", "", "", "application/pdf")
        family_for(spec()).parse_detail(junk)


# ---- the national archive: every built-in source reads its first page -----------------------------

def archive() -> dict[str, list[tuple[int, str, bytes]]]:
    from warcio.archiveiterator import ArchiveIterator

    out: dict[str, list[tuple[int, str, bytes]]] = {}
    with open(FIXTURES / "national.warc.gz", "rb") as fh:
        for rec in ArchiveIterator(fh):
            if rec.rec_type == "response":
                out.setdefault(rec.rec_headers.get_header("WARC-Target-URI"), []).append(
                    (int(rec.http_headers.get_statuscode()), rec.http_headers.get_header("Content-Type"),
                     rec.content_stream().read()))
    return out


def as_page(url: str, status: int, ctype: str, body: bytes) -> Page:
    m = re.search(rb"charset=[\"']?([\w-]+)", ctype.encode() + b" " + body[:1024])
    enc = m.group(1).decode() if m else "utf-8"
    enc = "gb18030" if enc.lower() in ("gb2312", "gbk") else enc
    return Page(url, url, status, {}, body, body.decode(enc, "replace"), enc, ctype.split(";")[0].strip())


def test_national_archive_serves_every_builtin_source(no_network: None) -> None:
    from policytrack.sources.challenges import looks_like_challenge, solve_challenge
    from policytrack.sources.registry import load_sources

    recs = archive()
    assert "https://www.ndrc.gov.cn/robots.txt" in recs and "https://sousuo.www.gov.cn/robots.txt" in recs
    relevant = {}
    for s in load_sources(include_user_config=False):
        if s.level != "national":
            continue  # provincial and city sources have their own replay tests
        fam = family_for(s)
        url = next(fam.start_pages()).url
        answers = [as_page(url, *r) for r in recs[url]]
        first = answers[0]
        if looks_like_challenge(first):
            assert solve_challenge(first) == {"cookie": "__tst_status=2570#;"} and len(answers) == 2
            first = answers[1]
        items = fam.parse_list(first).items
        assert items, s.id
        for item in items:
            if title_is_relevant(item.title):
                status, ctype, body = recs[item.url][0]
                relevant[item.url] = fam.parse_detail(as_page(item.url, status, ctype, body))
    by_number = {d.doc_number: d for d in relevant.values()}
    assert {"发改数据〔2024〕1822号", "国数政策〔2023〕11号"} <= set(by_number)
    for doc in relevant.values():
        for att in doc.attachments:
            assert att.url in recs, att.url


# ---- lists as the sites write them ------------------------------------------------------------------

LISTS = SITES / "lists"


def filled(name: str, url: str) -> str:
    text = (LISTS / name).read_text(encoding="utf-8")
    return (text.replace("__DETAIL__", "./202503/t20250310_1.html").replace("__REGION__", "某省")
            .replace("__N__", "1").replace("__HOST__", "https://x.gov.cn"))


def test_a_nested_jiedu_box_never_dates_the_item() -> None:
    url = "https://www.nda.gov.cn/sjj/zwgk/zcfb/list/index_pc_1.html"
    items = family_for(spec(start=url, item="ul.u-list > li")).parse_list(
        fixture_page(url, "nda/zcfb_index_pc_1.html")).items
    first = items[0]
    assert first.title.startswith("国家数据局等部门关于印发") and first.date == "2024-01-05"  # not the popbox's 01-08
    assert all("专家解读" not in i.title for i in items)  # the popbox's own <li> is not an item of the list


@pytest.mark.parametrize(("name", "item", "number"), [
    ("yunnan_table.html", "tbody tr", "云政发〔2025〕1号"),  # 文号 in its own cell
    ("hunan_table.html", "tbody tr", "湘政发〔2025〕1号"),  # written by document.write in the cell
    ("guangdong_viewlist.html", "div.viewList ul li", "粤府〔2025〕1号"),  # span.wh
    ("henan_conbox.html", "div.con-box li", "豫政〔2025〕1号"),  # <p> beside the link
])
def test_doc_numbers_the_list_shows_beside_the_title(name: str, item: str, number: str) -> None:
    url = "https://x.gov.cn/zwgk/list/index.html"
    items = family_for(spec(start=url, item=item)).parse_list(page(url, filled(name, url))).items
    assert [i.extra.get("doc_number") for i in items] == [number, None, None]
    assert items[0].date == "2025-03-10" and items[0].url == "https://x.gov.cn/zwgk/list/202503/t20250310_1.html"


@pytest.mark.parametrize(("name", "found"), [
    ("yunnan_table.html", "table > tbody > tr:has(a[href])"),
    ("nmg_table_rows.html", "table.table > tbody > tr"),
    ("guangdong_viewlist.html", "div.viewList > ul > li"),
    ("unknown_divs.html", "div.main > div.list-wrap > div.list-row"),
    ("unknown_dl.html", "div.gknr_list > dl > dd"),
    ("chongqing_zcwjk.html", "table.zcwjk-list > tr.zcwjk-list-c"),
    ("tianjin_list_item_con.html", "div.list-box > div.list-item"),
])
def test_a_wrong_item_selector_finds_table_rows_divs_and_custom_lists(name: str, found: str) -> None:
    """The done-criterion: a deliberately wrong selector on table-row, div and custom-list pages reads the items
    and says which selector failed and which found them (the source becomes `degraded`)."""
    url = "https://x.gov.cn/zwgk/list/index.html"
    listed = family_for(spec(start=url, item="ul.u-list > li")).parse_list(page(url, filled(name, url)))
    assert listed.failed == "ul.u-list > li" and listed.selector == found
    assert len(listed.items) == 3 and listed.items[0].url == "https://x.gov.cn/zwgk/list/202503/t20250310_1.html"
    assert [i.date for i in listed.items] == ["2025-03-10", "2025-03-11", "2025-03-12"]
    from bs4 import BeautifulSoup

    assert len(BeautifulSoup(filled(name, url), "html.parser").select(found)) == 3  # the selector named finds them
    plain = family_for(spec(start=url)).parse_list(page(url, filled(name, url)))  # no selector at all
    assert plain.failed is None and len(plain.items) == 3


def test_the_main_list_wins_over_navigation_and_needs_dates() -> None:
    from bs4 import BeautifulSoup

    from policytrack.sources.list_finder import main_list

    nav = "".join(f'<li><a href="/c{i}/">栏目{i}</a></li>' for i in range(12))  # more blocks, but no dates
    rows = "".join(f'<div class="r"><a href="./t{i}.html">文件{i}</a><i>2025-01-0{i}</i></div>' for i in range(1, 4))
    elements, selector = main_list(BeautifulSoup(f'<ul class="nav">{nav}</ul><div id="list">{rows}</div>',
                                                 "html.parser"))
    assert selector == "div#list > div.r" and len(elements) == 3
    assert main_list(BeautifulSoup(f'<ul class="nav">{nav}</ul>', "html.parser")) is None


@pytest.mark.parametrize(("start", "template", "second"), [
    ("https://www.ah.gov.cn/site/label/8888?labelName=publicInfoList&pageIndex=1&organId=1681", "&pageIndex={n}",
     "https://www.ah.gov.cn/site/label/8888?labelName=publicInfoList&organId=1681&pageIndex=2"),
    ("https://www.hebei.gov.cn/columns/b1b5/templates/2e3e/blocks/c070?page=1&fix=0", "?page={n}&fix=0",
     "https://www.hebei.gov.cn/columns/b1b5/templates/2e3e/blocks/c070?page=2&fix=0"),
    ("https://www.ln.gov.cn/web/zwgkx/zfwj/szfwj/index.shtml", "89275467-{n}.shtml",
     "https://www.ln.gov.cn/web/zwgkx/zfwj/szfwj/89275467-2.shtml"),
    ("https://www.gd.gov.cn/zwgk/wjk/qbwj/index.html", "index_{n}.html",
     "https://www.gd.gov.cn/zwgk/wjk/qbwj/index_2.html"),
])
def test_pagination_of_parameters_uuid_blocks_and_dash_n(start: str, template: str, second: str) -> None:
    assert urls_of(family_for(spec(start=start, pagination=template)))[1] == second


def test_client_side_pagination_has_one_page() -> None:
    fam = family_for(spec(start="https://www.beijing.gov.cn/zhengce/zhengcefagui/", pagination="client"))
    assert urls_of(fam) == ["https://www.beijing.gov.cn/zhengce/zhengcefagui/"]
    assert FAMILIES["html_list"].check_options({"pagination": "cliant"}) is not None


def test_beijing_test_rows_with_an_empty_flag_are_not_items() -> None:
    url = "https://www.beijing.gov.cn/zhengce/zhengcefagui/"
    from policytrack.sources.registry import load_sources

    beijing = next(s for s in load_sources(include_user_config=False) if s.id == "beijing-gov")
    items = family_for(beijing).parse_list(page(url, filled("beijing_default_news.html", url))).items
    assert len(items) == 3 and all("测试" not in i.title for i in items)
    assert items[0].extra["doc_number"] == "京政发〔2025〕1号"


# ---- JSON list APIs ---------------------------------------------------------------------------------

def json_page(url: str, name: str) -> Page:
    return page(url, filled(name, url), content_type="application/json")


def test_ucap_search_results_refno_and_pages() -> None:
    url = "https://www.hlj.gov.cn/common/search/c7eb6a51b99845ea906d5ec83b0f8e27?page=1&_pageSize=15&_isJson=true"
    fam = family_for(spec(kind="ucap_search", start=url))
    listed = fam.parse_list(json_page(url, "ucap_search.json"))
    assert [(i.url, i.date) for i in listed.items][1:] == [
        ("https://www.hlj.gov.cn/hlj/c108371/202503/c00_3111.shtml", "2025-03-11"),
        ("https://www.hlj.gov.cn/hlj/c107856/202503/c00_3121.shtml", "2025-03-12")]
    assert listed.items[0].extra["doc_number"] == "黑政发〔2025〕1号"
    assert listed.next is None  # total 3 in rows of 15: one page
    more = filled("ucap_search.json", url).replace('"total":3', '"total":40')
    nxt = fam.parse_list(page(url, more, content_type="application/json")).next
    assert nxt is not None and parse_qs(urlsplit(nxt.url).query)["page"] == ["2"]


def test_igs_search_fields_and_total_pages() -> None:
    url = "http://www.gxzf.gov.cn/igs/front/search/list.html?index=file2-index-alias&pageNumber=1&pageSize=10"
    fam = family_for(spec(kind="igs_search", start=url))
    listed = fam.parse_list(json_page(url, "igs_search.json"))
    assert listed.items[0].title == "某省关于促进数据标注产业高质量发展的实施方案"
    assert listed.items[0].date == "2025-03-10" and listed.items[0].extra["doc_number"] == "桂政发〔2025〕1号"
    assert listed.next is None
    paged = filled("igs_search.json", url).replace('"totalPages":1', '"totalPages":5')
    nxt = fam.parse_list(page(url, paged)).next
    assert parse_qs(urlsplit(nxt.url).query)["pageNumber"] == ["2"]


def test_infogate_jsonp() -> None:
    url = "https://infogate.jl.gov.cn/govsearch/jsonp/zf_jd_list.jsp?page=1&lb=134657&callback=result"
    listed = family_for(spec(kind="infogate", start=url)).parse_list(json_page(url, "infogate.jsonp"))
    assert [i.title for i in listed.items][0] == "某省关于促进数据标注产业高质量发展的实施方案"
    assert listed.items[0].extra == {"doc_number": "吉政发〔2025〕1号", "issuer": "吉林省人民政府"}
    assert listed.items[1].url == "https://x.gov.cn/zw/xxgk/202503/t20250311_1.html"


def test_gkmlpt_catalogue_names_the_category_api() -> None:
    index = "https://zfsg.gd.gov.cn/gkmlpt/index"
    fam = family_for(spec(kind="gkmlpt", start=index, category="政策文件"))
    directory = fam.parse_list(page(index, filled("gkmlpt_index.html", index)))
    assert directory.directory and directory.items == []
    assert directory.next.url == "https://zfsg.gd.gov.cn/gkmlpt/api/all/2001?page=1&sid=755"
    api = fam.parse_list(json_page(directory.next.url, "gkmlpt_api.json"), directory.next)
    assert len(api.items) == 3 and api.items[0].extra["doc_number"] == "粤政数〔2025〕1号" and api.next is None
    with pytest.raises(ListError, match="no gkmlpt category '数据政策'.*政策文件, 政策解读"):
        family_for(spec(kind="gkmlpt", start=index, category="数据政策")).parse_list(
            page(index, filled("gkmlpt_index.html", index)))


def test_searchapi_was5_and_a_json_list_from_options() -> None:
    henan = {"data": {"datas": [{"title": "关于数据标注的通知", "selfUrl": "https://www.henan.gov.cn/2025/03-10/1.html",
                                 "pubDate": "2025-03-10 09:00:00"}]}}
    url = "https://searchapi.henan.gov.cn/open/api/external?pageNumber=1&pageSize=15"
    [item] = family_for(spec(kind="searchapi", start=url)).parse_list(page(url, json.dumps(henan))).items
    assert (item.url, item.date) == ("https://www.henan.gov.cn/2025/03-10/1.html", "2025-03-10")
    fujian = {"docs": [{"title": "福建省数据标注通知", "url": "/zwgk/zfxxgk/szfwj/jgzz/202503/t20250310_1.htm",
                        "pubdate": "2025-03-10", "fileno": "闽政〔2025〕1号"}]}
    url = "https://www.fujian.gov.cn/was5/web/search?channelid=291575&templet=docs.jsp&page=1"
    [item] = family_for(spec(kind="was5", start=url)).parse_list(page(url, json.dumps(fujian))).items
    assert item.url == "https://www.fujian.gov.cn/zwgk/zfxxgk/szfwj/jgzz/202503/t20250310_1.htm"
    assert item.extra["doc_number"] == "闽政〔2025〕1号"
    hainan = {"page": {"list": [{"title": "海南省数据标注通知", "url": "/hainan/a/1.shtml", "pubDate": "2025-03-10",
                                 "c_wjbh": "琼府〔2025〕1号"}], "totalPage": 1}}
    url = "http://www.hainan.gov.cn/u/search/wjk/rs?curPage=1&PageSize=15"
    own = spec(kind="json_list", start=url, items="page.list", title="title", url="url", date="pubDate",
               doc_number="c_wjbh", page_param="curPage", total_pages="page.totalPage")
    listed = family_for(own).parse_list(page(url, json.dumps(hainan)))
    assert listed.items[0].extra["doc_number"] == "琼府〔2025〕1号" and listed.next is None
    assert "needs options items, title and url" in FAMILIES["json_list"].check_options({"items": "data"})


@pytest.mark.parametrize(("body", "message"), [
    ("<html>403 Forbidden</html>", "is not JSON"),
    ('{"data": {"total": 0}}', "no data.results or results"),
    ('{"data": {"results": [{"name": "x"}]}}', "have no title/TITLE and url/URL"),
])
def test_json_api_wrong_shapes_name_what_was_missing(body: str, message: str) -> None:
    url = "https://www.hlj.gov.cn/common/search/x?_isJson=true&page=1"
    with pytest.raises(ListError, match=message) as err:
        family_for(spec(kind="ucap_search", start=url)).parse_list(page(url, body))
    assert "\n" not in str(err.value)


# ---- Hanweb pagers ----------------------------------------------------------------------------------

def test_hanweb_post_pager_asks_after_the_records_read() -> None:
    url = "https://www.zj.gov.cn/col/col1229017138/index.html"
    pager = {"url": "/module/jpage/dataproxy.jsp", "method": "POST", "perpage": 10,
             "form": {"webid": "3096", "columnid": "1229017138", "unitid": "7893195", "sourceContentType": "3"}}
    fam = family_for(spec(kind="hanweb", start=url, pager=pager))
    first = fam.parse_list(page(url, filled("hanweb_jpage.html", url)))
    nxt = first.next
    assert nxt.method == "POST" and nxt.url == ("https://www.zj.gov.cn/module/jpage/dataproxy.jsp?startrecord=4"
                                                "&endrecord=13&perpage=10")
    form = dict(parse_qs(nxt.body))
    assert form["webid"] == ["3096"] and form["columnid"] == ["1229017138"] and form["col"] == ["1"]
    assert form["path"] == ["/"] and form["permissiontype"] == ["0"]
    full = "<datastore><totalrecord>40</totalrecord><recordset>" + "".join(
        f'<record><![CDATA[<li><a href="/art/{i}.html">数据标注{i}</a><span>2025-01-01</span></li>]]></record>'
        for i in range(10)) + "</recordset></datastore>"
    third = fam.parse_list(page(nxt.url, full), nxt).next
    assert third.url.endswith("startrecord=14&endrecord=23&perpage=10") and third.body == nxt.body
    short = full.replace("<totalrecord>40</totalrecord>", "")
    short = short[:short.index("<record>", 200)] + "</recordset></datastore>"
    assert fam.parse_list(page(third.url, short), third).next is None  # fewer records than asked: the end
    assert fam.parse_list(page(nxt.url, full.replace(">40<", ">13<")), nxt).next is None  # past <totalrecord>


def test_hanweb_post_pager_needs_its_column_ids() -> None:
    url = "https://www.zj.gov.cn/col/col1/index.html"
    fam = family_for(spec(kind="hanweb", start=url, pager={"method": "POST", "form": {"webid": "3096"}}))
    with pytest.raises(SelectorError, match="the POST pager needs columnid, unitid"):
        fam.parse_list(page(url, filled("hanweb_jpage.html", url)))
    assert "perpage" in FAMILIES["hanweb"].check_options({"pager": {"perpage": 0}})
    assert "form takes" in FAMILIES["hanweb"].check_options({"pager": {"form": {"colid": 1}}})


def test_hanweb_get_pager_at_module_jpage_too() -> None:
    url = "https://www.example.gov.cn/col/col1/index.html"
    html = filled("hanweb_record.html", url).replace("/module/web/jpage/", "/module/jpage/")
    nxt = family_for(spec(kind="hanweb", start=url)).parse_list(page(url, html)).next
    assert nxt.method == "GET" and nxt.url.startswith("https://www.example.gov.cn/module/jpage/dataproxy.jsp?page=2&")


def test_a_column_page_without_records_reads_its_main_list_degraded() -> None:
    url = "http://www.shandong.gov.cn/col/col107851/index.html"
    listed = family_for(spec(kind="hanweb", start=url)).parse_list(page(url, filled("unknown_ul.html", url)))
    assert listed.failed == "<record>" and len(listed.items) == 3


def test_a_default_guess_that_caught_only_a_menu_gives_way_to_the_dated_list() -> None:
    url = "https://x.gov.cn/zwgk/list/index.html"
    menu = '<ul class="u-list"><li><a href="/a/">政务公开</a></li><li><a href="/b/">政策解读</a></li></ul>'
    html = filled("unknown_table.html", url).replace("<body>", "<body>" + menu)
    listed = family_for(spec(start=url)).parse_list(page(url, html))
    assert listed.failed is None and listed.selector == "table.zctb > tr:has(a[href])"
    assert [i.date for i in listed.items] == ["2025-03-10", "2025-03-11", "2025-03-12"]
