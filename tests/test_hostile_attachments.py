"""Attachments that attack their readers end as named errors within a time and memory budget, and the
document is stored with its page text while the run goes on."""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path

import pytest

from policytrack.db.store import Store
from policytrack.parser.errors import AttachmentError
from policytrack.pipeline import reading
from policytrack.pipeline.attachments import read_attachment
from policytrack.pipeline.run import run_fetch
from policytrack.sources.records import SourceSpec
from policytrack.sources.transport import ReplayTransport
from tests.conftest import Resp
from tests.fixtures.minipdf import make_pdf
from tests.hostile_files import fanned_out_pdf, heavy_pages_pdf, lying_docx


def test_a_good_attachment_is_read_in_the_child() -> None:
    pdf = make_pdf([["到2027年，数据标注产业规模达到100亿元。"]])
    assert "数据标注产业规模" in read_attachment(pdf, "application/pdf", "ok.pdf")


@pytest.mark.parametrize("make", [heavy_pages_pdf, fanned_out_pdf], ids=["heavy pages", "fanned-out forms"])
def test_a_pdf_that_keeps_its_reader_busy_is_stopped_at_the_budget(make) -> None:
    """Stopped at the budget, or read within it (recent pypdf caps form invocations itself): never longer."""
    started = time.monotonic()
    try:
        text = read_attachment(make(), "application/pdf", "hostile.pdf", budget=2)
    except AttachmentError as exc:
        assert "took longer than 2 s" in str(exc) or "nested too deep" in str(exc) or "memory" in str(exc)
    else:
        assert len(text) < 1_000_000
    assert time.monotonic() - started < 6


@pytest.mark.parametrize("claimed", [1024, 40 * 2 ** 20])
def test_a_docx_that_lies_about_its_sizes_is_refused(claimed: int) -> None:
    with pytest.raises(AttachmentError, match="CRC|zip bomb|memory|died"):
        read_attachment(lying_docx(claimed=claimed), "", "lying.docx", budget=10, ceiling=400 * 2 ** 20)


def test_the_memory_ceiling_holds() -> None:
    with pytest.raises(AttachmentError, match="memory|died"):
        read_attachment(make_pdf([["数据标注"]]), "application/pdf", "small.pdf", ceiling=16 * 2 ** 20)


def test_a_document_with_a_hostile_attachment_is_stored_with_its_page_text(make_warc, tmp_path: Path,
                                                                           monkeypatch, no_network) -> None:
    monkeypatch.setattr(reading, "read_attachment_budgeted", partial(read_attachment, budget=2))
    spec = SourceSpec(id="t", name="t", region="某省", level="provincial", kind="html_list",
                      start_urls=("https://www.t.gov.cn/zcwj/index.html",), options={"item": "li"})
    items = "".join(f'<li><a href="./{n}.html">数据标注措施{n}</a><span>2025-01-0{n}</span></li>' for n in (1, 2))
    page = ('<html><head><meta name="ArticleTitle" content="数据标注措施{n}"></head><body><div class="TRS_Editor">'
            '<p>到2027年，数据标注企业达到{k}家。</p><a href="./f{n}.pdf">附件{n}.pdf</a></div></body></html>')
    archive = make_warc([Resp(spec.start_urls[0], f"<ul>{items}</ul>"),
                         Resp("https://www.t.gov.cn/zcwj/1.html", page.format(n=1, k=100)),
                         Resp("https://www.t.gov.cn/zcwj/f1.pdf", heavy_pages_pdf(), content_type="application/pdf"),
                         Resp("https://www.t.gov.cn/zcwj/2.html", page.format(n=2, k=200)),
                         Resp("https://www.t.gov.cn/zcwj/f2.pdf", make_pdf([["附件正文：培训5000人。"]]),
                              content_type="application/pdf")])
    with Store(tmp_path / "pt.db") as store:
        [report] = run_fetch(store, ReplayTransport([archive]), [spec], polite=False)
        assert report.ok and report.new == 2 and report.errors == 0
        first, second = (store.queries.document(f"https://www.t.gov.cn/zcwj/{n}.html") for n in (1, 2))
    assert "100家" in first["text"] and "took longer than 2 s" in first["attachments"][0]["error"]
    assert "5000人" in second["text"] and second["attachments"][0]["error"] is None
