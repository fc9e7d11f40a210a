"""Every built-in provincial and city source, replayed through the real pipeline from a list page shaped as
the evidence shows its site's markup (tests/fixtures/sites/lists/, never built from the source's own
selector): the list (its real URL, relative links, a 图解 and a news item that must be filtered out, nav
links), a detail page with a 信息公开 table, and the targets read. An entry whose selector does not fit its
site's markup is read through the main-list finder and comes out `degraded`, which fails here."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from policytrack.db.store import Store
from policytrack.pipeline.run import run_fetch
from policytrack.sources.records import SourceSpec
from policytrack.sources.registry import load_sources
from policytrack.sources.transport import RawResponse, RecordingTransport, ReplayTransport
from tests.conftest import Resp

LISTS = Path(__file__).parent / "fixtures" / "sites" / "lists"
LOCAL = [s for s in load_sources(include_user_config=False) if s.level != "national"]

# Each source → the file reproducing its site's list markup, as the evidence describes it.
MARKUP = {
    "beijing-gov": "beijing_default_news.html",
    "tianjin-gov": "tianjin_list_item_con.html",
    "hebei-gov": "hebei_blocks.html",
    "shanxi-gov": "shanxi_pubfiles.html",
    "neimenggu-gov": "nmg_table_rows.html",
    "liaoning-gov": "liaoning_titletext.html",
    "jilin-gov": "infogate.jsonp",
    "heilongjiang-gov": "ucap_search.json",
    "shanghai-gov": "shanghai_nowrapli.html",
    "jiangsu-gov": "hanweb_record.html",
    "zhejiang-gov": "hanweb_jpage.html",
    "anhui-gov": "anhui_label.html",
    "jiangxi-gov": "hanweb_record.html",
    "henan-gov": "henan_conbox.html",
    "hubei-gov": "hubei_list_block.html",
    "hunan-gov": "hunan_table.html",
    "guangdong-gov": "guangdong_viewlist.html",
    "guangxi-gov": "igs_search.json",
    "hainan-gov": "hainan_cen_div.html",
    "chongqing-gov": "chongqing_zcwjk.html",
    "sichuan-gov": "sichuan_yxgzul.html",
    "guizhou-gov": "guizhou_pagemainbox.html",
    "yunnan-gov": "yunnan_table.html",
    "shaanxi-gov": "shaanxi_gov_item.html",
    "ningxia-gov": "ningxia_nxlist.html",
    "guangdong-data": "gkmlpt_index.html",
    "chengdu": "chengdu_publiclist.html",
    "hefei": "hefei_links.html",
    # Hanweb /col/colN/ columns: the URL shape names the CMS; the column ids are unverified.
    "zhejiang-data": "hanweb_record.html",
    "shandong-data": "hanweb_record.html",
    "baoding": "hanweb_record.html",
    "baoding-data": "hanweb_record.html",
}
# Nothing shows these lists' markup: each is replayed from every shape below, read by the main-list finder.
UNKNOWN = sorted(p.name for p in LISTS.glob("unknown_*.html"))
UNSEEN = [s for s in LOCAL if s.id not in MARKUP]
EXTRA = {  # what else a source's first page leads to: gkmlpt's index names its API
    "gkmlpt_index.html": [("/gkmlpt/api/all/2001?page=1&sid=755", "gkmlpt_api.json")],
}


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def detail_href(spec: SourceSpec, n: int) -> str:
    """The policy's link as the site writes it (a .shtml site links .shtml pages)."""
    ext = ".shtml" if urlsplit(spec.start_urls[0]).path.endswith(".shtml") else ".html"
    return f"./202503/t20250310_{n}{ext}"


def detail_url(spec: SourceSpec, n: int) -> str:
    return urljoin(spec.start_urls[0], detail_href(spec, n))


def fill(name: str, spec: SourceSpec, n: int, *, relative: bool = True) -> str:
    """A list fixture for this source: its region, its number, and the policy's link (relative on HTML
    pages, as the sites write them; absolute in JSON and on a second start URL)."""
    text = (LISTS / name).read_text(encoding="utf-8")
    href = detail_href(spec, n) if relative and name.endswith(".html") else detail_url(spec, n)
    return (text.replace("__DETAIL__", href).replace("__HOST__", _host(spec.start_urls[0]))
            .replace("__REGION__", spec.region).replace("__N__", str(n)))


def detail_page(spec: SourceSpec, n: int) -> str:
    return f"""<html><head><meta charset="{"gb2312" if n % 3 == 0 else "utf-8"}">
<meta name="ArticleTitle" content="{spec.region}关于促进数据标注产业高质量发展的实施方案">
<meta name="PubDate" content="2025-03-10 10:00"></head><body>
<table class="xxgk"><tr><td>索引号：</td><td>000000-2025-{n:05d}</td>
<td>发文字号：</td><td>测政发〔2025〕{n + 1}号</td></tr>
<tr><td>发文机关：</td><td>{spec.region}人民政府</td><td>成文日期：</td><td>2025-03-05</td></tr></table>
<div class="TRS_Editor"><p>到2027年，{spec.region}数据标注产业规模达到{n + 10}亿元，培育数据标注企业50家以上。</p>
<p>浏览次数：{n * 7}</p></div></body></html>"""


def responses(spec: SourceSpec, n: int, markup: str | None = None) -> list[Resp]:
    """The source's list pages (every start URL) from its site's fixture, what they lead to, and the detail."""
    markup = markup or MARKUP[spec.id]
    gbk = n % 3 == 0 and markup.endswith(".html") and 'charset="utf-8"' in (LISTS / markup).read_text("utf-8")
    encoding = "gb18030" if gbk else "utf-8"
    json = markup.endswith((".json", ".jsonp"))
    ctype = "application/json;charset=UTF-8" if json else "text/html" if gbk else "text/html; charset=utf-8"
    out = []
    for i, start in enumerate(spec.start_urls):
        body = fill(markup, spec, n, relative=i == 0)
        if gbk:
            body = body.replace('charset="utf-8"', 'charset="gb2312"')
        out.append(Resp(start, body, content_type=ctype, encoding=encoding))
    for path, name in EXTRA.get(markup, []):
        out.append(Resp(urljoin(spec.start_urls[0], path), fill(name, spec, n), content_type="application/json"))
    dctype = "text/html" if n % 3 == 0 else "text/html; charset=utf-8"  # GBK pages often send no charset
    out.append(Resp(detail_url(spec, n), detail_page(spec, n), content_type=dctype,
                    encoding="gb18030" if n % 3 == 0 else "utf-8"))
    return out


def archive(make_warc, spec: SourceSpec, n: int, markup: str | None = None) -> Path:
    """A replayable archive of one source (tests/test_concurrency.py and test_crash_safety.py use it too)."""
    if markup is None and spec.id not in MARKUP:
        markup = UNKNOWN[n % len(UNKNOWN)]
    return make_warc(responses(spec, n, markup), f"{spec.id}-{markup or 'site'}.warc.gz")


def check_stored(store: Store, spec: SourceSpec, n: int) -> None:
    [doc] = store.queries.documents()
    assert (doc["region"], doc["level"], doc["doc_number"]) == (spec.region, spec.level, f"测政发〔2025〕{n + 1}号")
    assert doc["published_date"] == "2025-03-10"
    targets = store.queries.targets()
    assert [(t["metric"], t["value"], t["year"]) for t in targets] == [
        ("industry_scale", (n + 10) * 1e8, 2027), ("enterprises", 50, 2027)]


def fetch_one(make_warc, tmp_path: Path, spec: SourceSpec, n: int, markup: str | None = None):
    with Store(tmp_path / f"pt-{markup or spec.id}.db") as store:
        [report] = run_fetch(store, ReplayTransport([archive(make_warc, spec, n, markup)]), [spec], polite=False)
        assert report.ok, report.error_messages
        # read by its own selector, not rescued by the main-list finder
        assert report.state == "ok" and report.degraded is None, report.reason
        assert (report.items, report.candidates, report.new) == (3 * len(spec.start_urls), 1, 1)  # 图解, news out
        check_stored(store, spec, n)
    return report


@pytest.mark.parametrize("spec", [s for s in LOCAL if s.id in MARKUP], ids=lambda s: s.id)
def test_each_builtin_source_reads_its_sites_markup(spec: SourceSpec, make_warc, tmp_path: Path,
                                                     no_network: None) -> None:
    fetch_one(make_warc, tmp_path, spec, LOCAL.index(spec))


@pytest.mark.parametrize("markup", UNKNOWN)
@pytest.mark.parametrize("spec", UNSEEN, ids=lambda s: s.id)
def test_a_source_whose_markup_nobody_saw_reads_any_list(spec: SourceSpec, markup: str, make_warc, tmp_path: Path,
                                                         no_network: None) -> None:
    assert "item" not in spec.options, f"{spec.id} names an item selector that no evidence shows"
    assert spec.max_pages == 1 or "pagination" in spec.options
    fetch_one(make_warc, tmp_path, spec, LOCAL.index(spec), markup)


def test_every_source_has_its_sites_markup_or_claims_none() -> None:
    builtin = load_sources(include_user_config=False)
    assert set(MARKUP) <= {s.id for s in LOCAL}
    assert all((LISTS / name).is_file() for name in MARKUP.values())
    for s in builtin:
        assert s.evidence and s.confidence in ("confirmed", "inferred", "unverified"), s.id
        if s.id in MARKUP or s.level == "national":
            continue
        assert s.confidence != "confirmed", f"{s.id} is confirmed but no fixture reproduces its markup"


def test_coverage_every_province_and_base_city() -> None:
    specs = load_sources(include_user_config=False)
    provinces = {s.region for s in specs if s.level == "provincial"}
    cities = {s.region for s in specs if s.level == "municipal"}
    assert len(specs) >= 45 and len(provinces) == 31
    assert cities >= {"成都市", "沈阳市", "合肥市", "长沙市", "海口市", "保定市", "大同市"}
    assert all(s.province in provinces for s in specs if s.level == "municipal")


def test_liaoning_walks_its_dash_n_pages_and_stops_at_the_end(make_warc, tmp_path: Path, no_network) -> None:
    spec = next(s for s in LOCAL if s.id == "liaoning-gov")  # page 1 index.shtml, then 89275467-2.shtml
    n = 4
    page2 = fill("liaoning_titletext.html", spec, 5).replace("实施方案", "行动计划")
    archive = make_warc([
        *responses(spec, n),
        Resp(urljoin(spec.start_urls[0], "89275467-2.shtml"), page2),
        Resp(detail_url(spec, 5), detail_page(spec, 5)),
    ])
    with Store(tmp_path / "pt.db") as store:
        [report] = run_fetch(store, ReplayTransport([archive]), [spec], polite=False)
    assert (report.list_pages, report.candidates, report.new) == (2, 2, 2)  # page 3 is a 404: the list ended


def test_hanweb_walks_its_get_pager(make_warc, tmp_path: Path, no_network) -> None:
    spec = next(s for s in LOCAL if s.id == "jiangsu-gov")
    proxy = ("http://www.jiangsu.gov.cn/module/web/jpage/dataproxy.jsp?page=2&appid=1&webid=1&path=%2F&columnid=84242"
             "&unitid=400051&webname=%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C&permissiontype=0")
    page2 = ('<?xml version="1.0" encoding="utf-8"?><datastore><recordset><record><![CDATA[<li>'
             '<a href="/art/2024/11/2/art_84242_1.html" title="江苏省数据标注基地建设方案">'
             "江苏省数据标注基地建设方案</a>"
             "<b>2024-11-02</b></li>]]></record></recordset></datastore>")
    detail = ('<html><head><meta name="ArticleTitle" content="江苏省数据标注基地建设方案"></head><body>'
              '<div class="TRS_Editor"><p>到2026年，建设数据标注基地3个。</p></div></body></html>')
    archive = make_warc([
        *responses(spec, 7),
        Resp(proxy, page2, content_type="text/xml; charset=utf-8"),
        Resp("http://www.jiangsu.gov.cn/art/2024/11/2/art_84242_1.html", detail),
    ])
    with Store(tmp_path / "pt.db") as store:
        [report] = run_fetch(store, ReplayTransport([archive]), [spec], polite=False)
        assert report.list_pages == 2 and report.items == 4  # page 3 is not in the archive: the list ended
        assert any(d["title"] == "江苏省数据标注基地建设方案" for d in store.queries.documents())


class Canned:
    """An inner transport for recording fixture archives: (method, url, body) → response, no network."""

    def __init__(self, answers: dict[tuple[str, str, bytes | None], RawResponse]) -> None:
        self.answers = answers
        self.asked: list[tuple[str, str, bytes | None]] = []

    def send(self, url, headers, timeout, *, method="GET", body=None) -> RawResponse:
        self.asked.append((method, url, body))
        return self.answers.get((method, url, body)) or RawResponse(url, 404, {}, b"")


def test_hanweb_walks_its_post_pager_recorded_and_replayed(make_warc, tmp_path: Path, no_network) -> None:
    """浙江's pager: POST /module/jpage/dataproxy.jsp?startrecord=4&endrecord=13&perpage=10 with the column's
    form; recorded into a WARC (a request record and its response) and replayed from it by its body."""
    spec = next(s for s in LOCAL if s.id == "zhejiang-gov")
    n = LOCAL.index(spec)
    form = (b"col=1&appid=1&webid=3096&path=%2F&columnid=1229017138&sourceContentType=3&unitid=7893195"
            b"&webname=%E6%B5%99%E6%B1%9F%E7%9C%81%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C%E9%97%A8%E6%88%B7%E7%BD%91%E7%AB%99"
            b"&permissiontype=0")
    pager = "https://www.zj.gov.cn/module/jpage/dataproxy.jsp?startrecord=4&endrecord=13&perpage=10"
    page2 = ("<datastore><totalrecord>4</totalrecord><recordset><record><![CDATA[<li><a href=\"/art/2025/2/1/"
             "art_1229017138_9.html\" title=\"浙江省数据标注产业培育行动\">浙江省数据标注产业培育行动</a>"
             "<span class=\"bt_time\">2025-02-01</span></li>]]></record></recordset></datastore>")
    detail = ('<html><head><meta name="ArticleTitle" content="浙江省数据标注产业培育行动"></head><body>'
              '<div class="TRS_Editor"><p>到2026年，培育数据标注企业30家。</p></div></body></html>')
    canned = {("GET", r.url, None): RawResponse(r.url, 200, {"content-type": r.content_type},
                                                 r.body.encode(r.encoding) if isinstance(r.body, str) else r.body)
              for r in responses(spec, n)}
    canned[("POST", pager, form)] = RawResponse(pager, 200, {"content-type": "text/xml"}, page2.encode())
    art = "https://www.zj.gov.cn/art/2025/2/1/art_1229017138_9.html"
    canned[("GET", art, None)] = RawResponse(art, 200, {"content-type": "text/html; charset=utf-8"}, detail.encode())
    inner = Canned(canned)
    recorder = RecordingTransport(inner, tmp_path / "zj.warc.gz")
    with Store(tmp_path / "live.db") as store:
        [live] = run_fetch(store, recorder, [spec], polite=False, robots=False)
    recorder.close()
    assert ("POST", pager, form) in inner.asked  # asked as the site's pager wants it
    assert live.list_pages == 2 and live.new == 2
    replay = ReplayTransport([tmp_path / "zj.warc.gz"])
    with Store(tmp_path / "replayed.db") as store:
        [again] = run_fetch(store, replay, [spec], polite=False, robots=False)
        assert (again.list_pages, again.items, again.new) == (2, 4, 2)  # page 3 would start past <totalrecord>
        assert {d["title"] for d in store.queries.documents()} >= {"浙江省数据标注产业培育行动"}


def test_gkmlpt_reads_the_catalogue_then_the_category(make_warc, tmp_path: Path, no_network) -> None:
    spec = next(s for s in LOCAL if s.id == "guangdong-data")
    report = fetch_one(make_warc, tmp_path, spec, LOCAL.index(spec))
    assert report.list_pages == 2  # the index (a directory page) and the API page


def test_nda_attachments_outside_the_body_are_fetched_and_stored(make_warc, tmp_path: Path, no_network) -> None:
    """国家数据局 keeps its attachments in div.filelist, after div.article: the crawl fetches them and the version
    holds their text."""
    sites = Path(__file__).parent / "fixtures" / "sites"
    spec = next(s for s in load_sources(include_user_config=False) if s.id == "nda-zcfb")
    base = "https://www.nda.gov.cn/sjj/zwgk/zcfb/"
    pdf = base + "0105/P020240105582341195812.pdf"
    archive = make_warc([
        Resp(spec.start_urls[0], (sites / "nda/zcfb_index_pc_1.html").read_text("utf-8")),
        Resp(base + "0105/20240105174016378512938_pc.html",
             (sites / "nda/20240105174016378512938_pc.html").read_text("utf-8")),
        Resp(pdf, (sites / "generated/ndrc_tasks.pdf").read_bytes(), content_type="application/pdf"),
    ])
    with Store(tmp_path / "pt.db") as store:
        [report] = run_fetch(store, ReplayTransport([archive]), [spec], polite=False)
        assert report.new == 1, report.error_messages
        [(url, error, text)] = store.conn.execute("SELECT url, error, text FROM attachments").fetchall()
    assert (url, error) == (pdf, None) and "数据标注" in text


@pytest.mark.parametrize(("sid", "found"), [
    ("yunnan-gov", "table > tbody > tr:has(a[href])"),  # table rows
    ("guangdong-gov", "div.viewList > ul > li"),  # a div list
    ("tianjin-gov", "div.list-box > div.list-item"),  # custom blocks
    ("hunan-gov", "table > tbody > tr"),
])
def test_a_wrong_selector_still_stores_and_marks_the_source_degraded(sid: str, found: str, make_warc,
                                                                    tmp_path: Path, no_network) -> None:
    from dataclasses import replace

    spec = next(s for s in LOCAL if s.id == sid)
    wrong = replace(spec, options={**spec.options, "item": "ul.u-list > li"})
    n = LOCAL.index(spec)
    with Store(tmp_path / "pt.db") as store:
        [report] = run_fetch(store, ReplayTransport([archive(make_warc, spec, n)]), [wrong], polite=False)
        assert report.ok and (report.state, report.state_changed) == ("degraded", True)
        assert report.reason == f"selector 'ul.u-list > li' found nothing; read the page's main list ({found})"
        check_stored(store, spec, n)
