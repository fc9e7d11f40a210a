"""One path from a fetched page to a stored version: `sources check` and `fetch` read the same text and the
same records from the same archive; a document's owner does not depend on which thread saved it first."""

from __future__ import annotations

from pathlib import Path

import pytest

from policytrack.db.store import Store
from policytrack.pipeline.check import check_source
from policytrack.pipeline.run import Run, SourceReport, run_fetch
from policytrack.pipeline.storage import LockedStore
from policytrack.sources.fetcher import Fetcher
from policytrack.sources.registry import load_sources
from policytrack.sources.transport import ReplayTransport

NATIONAL_WARC = Path(__file__).parent / "fixtures" / "national.warc.gz"
NATIONAL = [s for s in load_sources(include_user_config=False) if s.level == "national"]
FIELDS = ("metric", "subject", "value", "unit", "comparator", "year", "quote", "start", "end")


@pytest.mark.parametrize("spec", NATIONAL, ids=[s.id for s in NATIONAL])
def test_check_reads_what_fetch_stores(spec, tmp_path: Path, no_network) -> None:
    checked = check_source(Fetcher(ReplayTransport([NATIONAL_WARC]), polite=False), spec)
    assert checked["error"] is None, checked["error"]
    with Store(tmp_path / "pt.db") as store:
        [report] = run_fetch(store, ReplayTransport([NATIONAL_WARC]), [spec], polite=False)
        assert report.ok, report.error_messages
        doc = checked["document"]
        if doc is None:  # nothing on the first page is about the tracked subject: nothing stored from it either
            assert not checked["candidates"]
            return
        doc_id = store.queries.resolve(doc["url"])
        stored = store.queries.document(doc_id)
        targets = [{k: t[k] for k in FIELDS} for t in store.queries.targets(doc_id=doc_id)]
    assert len(stored["text"]) == doc["text_length"]
    assert [{k: t[k] for k in FIELDS} for t in doc["targets"]] == targets
    assert len(stored["attachments"]) == len(doc["attachments"])


def test_the_challenged_source_is_read_by_check_as_by_fetch(no_network) -> None:
    """mohrss answers a JS-cookie challenge first: check answers it too (it used to stop at 'blocked')."""
    [spec] = [s for s in NATIONAL if s.id == "mohrss-tzgg"]
    checked = check_source(Fetcher(ReplayTransport([NATIONAL_WARC]), polite=False), spec)
    assert checked["error"] is None and checked["document"]["title"]


def test_three_replays_give_each_document_the_same_owner(tmp_path: Path, no_network) -> None:
    owners = []
    for n in range(3):
        with Store(tmp_path / f"pt{n}.db") as store:
            reports = run_fetch(store, ReplayTransport([NATIONAL_WARC]), NATIONAL, polite=False)
            owners.append({d["url"]: d["source_id"] for d in store.queries.documents()})
            counts = {r.source_id: (r.new, r.unchanged) for r in reports}
        assert counts["govcn-search"][0] >= 1 and counts["govcn-bmwj"] == (0, 1), counts  # owner counted new
    assert owners[0] == owners[1] == owners[2] and len(owners[0]) >= 4


def test_a_better_ranked_source_takes_a_document_over_whatever_order_they_ran_in(tmp_path: Path, no_network) -> None:
    search, bmwj = (next(s for s in NATIONAL if s.id == i) for i in ("govcn-search", "govcn-bmwj"))
    with Store(tmp_path / "pt.db") as store:
        run_fetch(store, ReplayTransport([NATIONAL_WARC]), [bmwj], configured=NATIONAL, polite=False)
        first = {d["url"]: d["source_id"] for d in store.queries.documents()}
        run_fetch(store, ReplayTransport([NATIONAL_WARC]), [search], configured=NATIONAL, polite=False)
        second = {d["url"]: d["source_id"] for d in store.queries.documents()}
    shared = [url for url, owner in first.items() if owner == "govcn-bmwj" and url in second]
    assert shared and all(second[url] == "govcn-search" for url in shared)


def test_the_owner_holds_whichever_source_runs_first_even_through_304s(make_warc, tmp_path: Path, no_network) -> None:
    from policytrack.sources.records import SourceSpec
    from tests.conftest import Resp

    detail = "https://www.example.gov.cn/zcwj/1.html"
    first, second = (SourceSpec(id=i, name=i, region="全国", level="national", kind="html_list",
                                start_urls=(f"https://www.example.gov.cn/{i}/index.html",),
                                hosts=("www.example.gov.cn",), options={"item": "li"}) for i in ("aaa", "bbb"))
    listing = f'<ul><li><a href="{detail}">关于数据标注产业的通知</a><span>2025-01-13</span></li></ul>'
    page = ('<html><head><meta name="ArticleTitle" content="关于数据标注产业的通知"></head><body>'
            '<div class="TRS_Editor"><p>到2027年，数据标注企业达到100家。</p></div></body></html>')
    archive = make_warc([Resp(s.start_urls[0], listing) for s in (first, second)]
                        + [Resp(detail, page, headers={"ETag": '"v1"'})])
    owners = []
    for n, order in enumerate(([first, second], [second, first])):
        with Store(tmp_path / f"pt{n}.db") as store:
            storage = LockedStore(store)
            storage.sync_sources([first, second])  # aaa ranks first in the configuration
            fetcher = Fetcher(ReplayTransport([archive]), polite=False, validators=storage)
            reports = {r.source_id: r for r in Run(fetcher, storage, max_workers=1).run(order)}
            owners.append(store.queries.documents()[0]["source_id"])
            assert (reports["aaa"].new, reports["bbb"].new, reports["bbb"].unchanged) == (1, 0, 1)
    assert owners == ["aaa", "aaa"]


def test_a_killed_run_is_marked_aborted_and_its_news_reported_by_the_next(tmp_path: Path, no_network) -> None:
    spec = next(s for s in NATIONAL if s.id == "ndrc-tz")
    with Store(tmp_path / "pt.db") as store:
        store.runs.sync_sources(NATIONAL)
        killed = store.runs.start("2026-11-01T00:00:00Z")  # a run that stored a document, then was killed
        storage = LockedStore(store)
        run = Run(Fetcher(ReplayTransport([NATIONAL_WARC]), polite=False, validators=storage), storage)
        run.run_id = killed
        run.crawl_source(spec, SourceReport(spec.id))
        reports = run_fetch(store, ReplayTransport([NATIONAL_WARC]), [spec], polite=False)
        assert reports.aborted == [{"id": killed, "started_at": "2026-11-01T00:00:00Z", "new": 1, "revised": 0}]
        statuses = [r[0] for r in store.conn.execute("SELECT status FROM runs ORDER BY id")]
        assert statuses == ["aborted", "ok"]
        changes = store.history.changes(from_event=store.runs.last()["first_event"])
        assert [c["kind"] for c in changes] == ["new"]  # the killed run's document, still news


def test_a_documents_title_and_date_reach_its_extraction() -> None:
    """The page's title (某县2024年工作总结) says what the body reports: the extraction reads it."""
    from policytrack.pipeline.reading import read_document
    from policytrack.sources.families import family_for
    from policytrack.sources.fetcher import decoded_page
    from policytrack.sources.records import SourceSpec

    html = ("<html><head><title>某县2024年数据标注产业工作总结</title></head><body>"
            "<h1>某县2024年数据标注产业工作总结</h1><div class='content'><p>全县数据标注企业达到36家，"
            "从业人员4000人。</p><p>2025年，力争数据标注企业达到50家。</p></div></body></html>").encode()
    page = decoded_page("https://a.gov.cn/1.html", "https://a.gov.cn/1.html", 200,
                        {"content-type": "text/html; charset=utf-8"}, html)
    spec = SourceSpec(id="t", name="t", region="某县", level="municipal", kind="html_list",
                      start_urls=("https://a.gov.cn/",))
    read = read_document(page, family_for(spec), lambda url, referer: None)
    assert "工作总结" not in read.text  # the title is the page's, not the body's
    assert [(f.value, f.year) for f in read.extraction.facts] == [(36, 2024), (4000, 2024)]
    assert [(t.value, t.year) for t in read.extraction.targets] == [(50, 2025)]
