"""Every built-in provincial and city source, replayed through the real pipeline from pages shaped like its
CMS family's: the list (its real URL, relative links, a 解读 and a news item that must be filtered out, dates
in the forms these sites print, GBK on some), a detail page with a 信息公开 table, and the targets read."""

from __future__ import annotations

from pathlib import Path

import pytest

from policytrack.db.store import Store
from policytrack.pipeline.run import run_fetch
from policytrack.sources.records import SourceSpec
from policytrack.sources.registry import load_sources
from policytrack.sources.transport import ReplayTransport
from tests.conftest import Resp

LOCAL = [s for s in load_sources(include_user_config=False) if s.level != "national"]
DATES = ["2025-03-10", "2025年3月10日", "2025/03/10", "[03-10]"]
# How each item selector's list is marked up on the real sites.
WRAPPERS = {
    "ul.u-list > li": ('<ul class="u-list">', "</ul>", "li"),
    "ul.default_news li": ('<ul class="default_news">', "</ul>", "li"),
    "ul.nowrapli li": ('<ul class="nowrapli">', "</ul>", "li"),
    "ul.doc_list li": ('<ul class="doc_list">', "</ul>", "li"),
    ".NewsList li": ('<div class="NewsList"><ul>', "</ul></div>", "li"),
    ".list_div li": ('<div class="list_div"><ul>', "</ul></div>", "li"),
    ".yxgzul li": ('<ul class="yxgzul">', "</ul>", "li"),
    ".publicList li": ('<ul class="publicList">', "</ul>", "li"),
    ".sxinfo-pubfiles-item": ('<div class="sxinfo-pubfiles">', "</div>", 'div class="sxinfo-pubfiles-item"'),
}


def list_page(spec: SourceSpec, n: int) -> str:
    date = DATES[n % len(DATES)]
    items = [
        (f"./202503/t20250310_{n}.html", f"{spec.region}关于促进数据标注产业高质量发展的实施方案"),
        (f"./202503/t20250311_{n}.html", f"图解：{spec.region}数据标注产业实施方案"),
        (f"/xwdt/202503/t20250312_{n}.html", f"{spec.region}召开春季植树工作会议"),
    ]
    if spec.kind == "hanweb":
        records = "".join(f'<record><![CDATA[<li><a href="{href}" title="{title}" target="_blank">{title}</a>'
                          f"<span>{date}</span></li>]]></record>" for href, title in items)
        body = f'<script type="text/xml"><datastore><recordset>{records}</recordset></datastore></script>'
    else:
        start, end, tag = WRAPPERS[spec.options["item"]]
        close = tag.split()[0]
        body = start + "".join(f'<{tag}><a href="{href}" title="{title}">{title}</a><span>{date}</span></{close}>'
                               for href, title in items) + end
    return f'<html><head><meta charset="{"gb2312" if n % 3 == 0 else "utf-8"}"></head><body>{body}</body></html>'


def detail_page(spec: SourceSpec, n: int) -> str:
    return f"""<html><head><meta charset="{"gb2312" if n % 3 == 0 else "utf-8"}">
<meta name="ArticleTitle" content="{spec.region}关于促进数据标注产业高质量发展的实施方案">
<meta name="PubDate" content="2025-03-10 10:00"></head><body>
<table class="xxgk"><tr><td>索引号：</td><td>000000-2025-{n:05d}</td>
<td>发文字号：</td><td>测政发〔2025〕{n + 1}号</td></tr>
<tr><td>发文机关：</td><td>{spec.region}人民政府</td><td>成文日期：</td><td>2025-03-05</td></tr></table>
<div class="TRS_Editor"><p>到2027年，{spec.region}数据标注产业规模达到{n + 10}亿元，培育数据标注企业50家以上。</p>
<p>浏览次数：{n * 7}</p></div></body></html>"""


def archive(make_warc, spec: SourceSpec, n: int) -> Path:
    start = spec.start_urls[0]
    from urllib.parse import urljoin

    encoding = "gb18030" if n % 3 == 0 else "utf-8"
    ctype = "text/html; charset=utf-8" if encoding == "utf-8" else "text/html"  # GBK pages often send no charset
    return make_warc([
        Resp(start, list_page(spec, n), content_type=ctype, encoding=encoding),
        Resp(urljoin(start, f"./202503/t20250310_{n}.html"), detail_page(spec, n), content_type=ctype,
             encoding=encoding),
    ], f"{spec.id}.warc.gz")


@pytest.mark.parametrize("spec", LOCAL, ids=[s.id for s in LOCAL])
def test_each_builtin_source_replays(spec: SourceSpec, make_warc, tmp_path: Path, no_network: None) -> None:
    n = LOCAL.index(spec)
    with Store(tmp_path / "pt.db") as store:
        [report] = run_fetch(store, ReplayTransport([archive(make_warc, spec, n)]), [spec], polite=False)
        assert report.ok, report.error_messages
        assert (report.items, report.candidates, report.new) == (3, 1, 1)  # 图解 and the news item filtered
        [doc] = store.queries.documents()
        assert (doc["region"], doc["level"], doc["doc_number"]) == (spec.region, spec.level, f"测政发〔2025〕{n + 1}号")
        assert doc["published_date"] == ("2025-03-10" if n % 4 != 3 else doc["published_date"])
        targets = store.queries.targets()
        assert [(t["metric"], t["value"], t["year"]) for t in targets] == [
            ("industry_scale", (n + 10) * 1e8, 2027), ("enterprises", 50, 2027)]


def test_coverage_every_province_and_base_city() -> None:
    specs = load_sources(include_user_config=False)
    provinces = {s.region for s in specs if s.level == "provincial"}
    cities = {s.region for s in specs if s.level == "municipal"}
    assert len(specs) >= 45 and len(provinces) == 31
    assert cities >= {"成都市", "沈阳市", "合肥市", "长沙市", "海口市", "保定市", "大同市"}
    assert all(s.province in provinces for s in specs if s.level == "municipal")


def test_pagination_walks_the_next_pages_and_stops_at_the_end(make_warc, tmp_path: Path, no_network) -> None:
    from urllib.parse import urljoin

    spec = next(s for s in LOCAL if s.id == "liaoning-gov")  # TRS: page 2 is index_1.shtml
    start = spec.start_urls[0]
    page2 = list_page(spec, 4).replace("t20250310_4", "t20250310_5").replace("实施方案", "行动计划")
    archive = make_warc([
        Resp(start, list_page(spec, 4)),
        Resp(urljoin(start, "index_1.shtml"), page2),
        Resp(urljoin(start, "./202503/t20250310_4.html"), detail_page(spec, 4)),
        Resp(urljoin(start, "./202503/t20250310_5.html"), detail_page(spec, 5)),
    ])
    with Store(tmp_path / "pt.db") as store:
        [report] = run_fetch(store, ReplayTransport([archive]), [spec], polite=False)
    assert (report.list_pages, report.candidates, report.new) == (2, 2, 2)  # page 3 is a 404: the list ended


def test_hanweb_walks_its_ajax_pager(make_warc, tmp_path: Path, no_network) -> None:
    spec = next(s for s in LOCAL if s.id == "jiangsu-gov")
    page1 = (Path(__file__).parent / "fixtures" / "sites" / "hanweb" / "col84242_index.html").read_text("utf-8")
    proxy = ("http://www.jiangsu.gov.cn/module/web/jpage/dataproxy.jsp?page=2&appid=1&webid=1&path=%2F&columnid=84242"
             "&unitid=400051&webname=%E6%B1%9F%E8%8B%8F%E7%9C%81%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C&permissiontype=0")
    page2 = ('<?xml version="1.0" encoding="utf-8"?><datastore><recordset><record><![CDATA[<li>'
             '<a href="/art/2024/11/2/art_84242_1.html" title="江苏省数据标注基地建设方案">'
             "江苏省数据标注基地建设方案</a>"
             "<b>2024-11-02</b></li>]]></record></recordset></datastore>")
    detail = ('<html><head><meta name="ArticleTitle" content="江苏省数据标注基地建设方案"></head><body>'
              '<div class="TRS_Editor"><p>到2026年，建设数据标注基地3个。</p></div></body></html>')
    archive = make_warc([
        Resp(spec.start_urls[0], page1),
        Resp(proxy, page2, content_type="text/xml; charset=utf-8"),
        Resp("http://www.jiangsu.gov.cn/art/2024/11/2/art_84242_1.html", detail),
    ])
    with Store(tmp_path / "pt.db") as store:
        [report] = run_fetch(store, ReplayTransport([archive]), [spec], polite=False)
        assert report.list_pages == 2 and report.items == 4  # page 3 is not in the archive: the list ended
        assert any(d["title"] == "江苏省数据标注基地建设方案" for d in store.queries.documents())
