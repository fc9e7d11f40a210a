"""Malformed links and malformed pages cost only their own item: the source stores the other documents."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from policytrack.db.store import Store
from policytrack.parser.gov_page import parse_detail
from policytrack.parser.markup import MAX_DEPTH, joined, shallow, soup_of
from policytrack.pipeline import reading
from policytrack.pipeline.run import run_fetch
from policytrack.sources.records import SourceSpec
from policytrack.sources.transport import ReplayTransport
from tests.conftest import Resp

BASE = "https://www.t.gov.cn/zcwj/"
SPEC = SourceSpec(id="t", name="t", region="某省", level="provincial", kind="html_list",
                  start_urls=(BASE + "index.html",), options={"item": "li"})
PAGE = ('<html><head><meta name="ArticleTitle" content="数据标注措施{n}"></head><body><div class="TRS_Editor">'
        '<p>到2027年，数据标注企业达到{n}00家。</p>{extra}</div></body></html>')
# Pages no browser would choke on, but a recursive or quadratic reader would.
DEEP = "<html><body>" + "<div>" * 5000 + "到2027年数据标注企业达到300家。" + "</div>" * 5000 + "</body></html>"
UNCLOSED = {tag: "<html><body><table>" + f"<tr><td>发文机关：<{tag}>数据标注" * 5000 + "</table></body></html>"
            for tag in ("td", "tr", "p")}


def _listing(hrefs: list[str]) -> str:
    items = "".join(f'<li><a href="{h}">数据标注措施{n}</a><span>2025-01-0{n}</span></li>'
                    for n, h in enumerate(hrefs, 1))
    return f"<html><body><ul>{items}</ul></body></html>"


def _run(make_warc, tmp_path: Path, listing: str, pages: dict[int, str]):
    archive = make_warc([Resp(SPEC.start_urls[0], listing),
                         *(Resp(f"{BASE}{n}.html", body) for n, body in pages.items())])
    with Store(tmp_path / "pt.db") as store:
        [report] = run_fetch(store, ReplayTransport([archive]), [SPEC], polite=False)
        stored = {n: store.queries.document(f"{BASE}{n}.html") for n in pages}
    return report, {n: d for n, d in stored.items() if d}


def test_a_list_link_no_url_parser_reads_skips_that_item_only(make_warc, tmp_path: Path, no_network) -> None:
    listing = _listing(["./1.html", "http://[::1/x.html", "./3.html"])
    report, stored = _run(make_warc, tmp_path, listing, {n: PAGE.format(n=n, extra="") for n in (1, 3)})
    assert report.fatal is None and sorted(stored) == [1, 3]


def test_an_attachment_link_no_url_parser_reads_is_skipped(make_warc, tmp_path: Path, no_network) -> None:
    listing = _listing(["./1.html", "./2.html", "./3.html"])
    bad = '<a href="http://[::1/x.pdf">附件.pdf</a><a href="http://h:port/y.pdf">附件2.pdf</a>'
    pages = {n: PAGE.format(n=n, extra=bad if n == 2 else "") for n in (1, 2, 3)}
    report, stored = _run(make_warc, tmp_path, listing, pages)
    assert report.fatal is None and report.errors == 0 and sorted(stored) == [1, 2, 3]
    assert stored[2]["attachments"] == []


def test_a_deeply_nested_page_is_read_and_the_source_goes_on(make_warc, tmp_path: Path, no_network) -> None:
    listing = _listing(["./1.html", "./2.html", "./3.html"])
    pages = {1: PAGE.format(n=1, extra=""), 2: DEEP, 3: PAGE.format(n=3, extra="")}
    report, stored = _run(make_warc, tmp_path, listing, pages)
    assert report.fatal is None and sorted(stored) == [1, 2, 3]
    assert "300家" in stored[2]["text"]


def test_a_reader_past_the_recursion_limit_is_one_named_page_error(make_warc, tmp_path: Path, monkeypatch,
                                                                  no_network) -> None:
    real = reading.Family.parse_detail

    def recursing(self, page):
        if page.url.endswith("/2.html"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(self, page)

    monkeypatch.setattr(reading.Family, "parse_detail", recursing)
    listing = _listing(["./1.html", "./2.html", "./3.html"])
    report, stored = _run(make_warc, tmp_path, listing, {n: PAGE.format(n=n, extra="") for n in (1, 2, 3)})
    assert report.fatal is None and sorted(stored) == [1, 3] and report.errors == 1
    assert "nested too deep" in report.error_messages[0]


@pytest.mark.parametrize("html", [DEEP, *UNCLOSED.values()], ids=["5000 divs", "5000 td", "5000 tr", "5000 p"])
def test_a_malformed_page_is_read_within_the_budget(html: str) -> None:
    started = time.monotonic()
    doc = parse_detail(html, BASE + "x.html")
    assert "数据标注" in doc.body_text and len(doc.body_text) < len(html)  # each text once, not once a level
    assert time.monotonic() - started < 5  # the page budget; these take well under a second


def test_the_tree_is_kept_within_the_depth_and_keeps_the_text() -> None:
    soup = soup_of(DEEP)
    deepest = max(len(list(s.parents)) for s in soup.find_all(string=True))
    assert deepest <= MAX_DEPTH + 1
    assert "到2027年数据标注企业达到300家。" in soup.get_text()


def test_a_page_within_the_depth_is_left_as_written() -> None:
    html = ('<html><head><script>if (a<b) { document.write("<div><div>") }</script></head><body><div><p>一'
            '<br><img src=x><p>二</div><!-- <div> --><table><tr><td>三</td></tr></table></body></html>')
    assert shallow(html) is html
    assert shallow("<div>" * 5 + "x", max_depth=3) == "<div><div><div>x"
    assert shallow("<b><div><i>x</i></div></b>", max_depth=1) == "<b>x</b>"


def test_joined_refuses_what_urllib_cannot_read() -> None:
    assert joined("https://a.gov.cn/x/", "1.html") == "https://a.gov.cn/x/1.html"
    assert joined("https://a.gov.cn/x/", "http://[::1/x") is None
    assert joined("https://a.gov.cn/x/", "http://a.gov.cn:port/x") is None
