"""The demo store (bench/demo_store.py): real documents holding only the clauses their notes quote (nothing
of the dev set), invented ones marked as invented, built through the fetch path, and holding what the README
tour and the docs show."""

from __future__ import annotations

import importlib.util
import json
import re
import sqlite3
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import SHARED

DEMO = Path(__file__).parents[1] / "bench" / "demo_store.py"
CATALOGUE = SHARED / "catalogue.md"
CORPUS = SHARED / "corpus" / "targets_dev.jsonl"
NOTES = SHARED / "notes"
RUN = 30  # characters: a longer run shared with a dev-set excerpt is a copy of it


def _module():
    spec = importlib.util.spec_from_file_location("demo_store", DEMO)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


demo = _module()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    demo.build(path)
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    yield conn
    conn.close()


def _documents(db: sqlite3.Connection) -> list[sqlite3.Row]:
    return db.execute("select id, url, title, doc_number, issuer, region from documents").fetchall()


def _urls(db: sqlite3.Connection, doc_id: int) -> set[str]:
    return {r[0] for r in db.execute("select url from document_urls where document_id = ?", (doc_id,))}


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _real(doc: sqlite3.Row) -> bool:
    return (doc["doc_number"] or doc["url"]) in demo.REAL_IDS


def test_every_document_is_real_or_marked_invented(db: sqlite3.Connection) -> None:
    """Real: its 发文字号 or URL is one of demo_store's REAL_IDS (each with its source note). Invented: 示例 in
    its title, issuer and 发文字号 (when it has one), every URL on example.invalid."""
    documents = _documents(db)
    assert len(documents) == len(demo.REAL) + len(demo.INVENTED) - 1  # the revision is a version, not a document
    for doc in documents:
        if _real(doc):
            assert demo.INVENTED_MARK not in doc["title"] and demo.REAL_IDS[doc["doc_number"] or doc["url"]]
            continue
        assert demo.INVENTED_MARK in doc["title"], doc["title"]
        assert demo.INVENTED_MARK in (doc["issuer"] or "") and demo.INVENTED_MARK in (doc["doc_number"] or "示例")
        assert all(_host(u).endswith(".example.invalid") for u in _urls(db, doc["id"]) | {doc["url"]}), doc["title"]
        text = db.execute("select text from versions where document_id = ? order by id desc", (doc["id"],)).fetchone()
        assert text[0].startswith("（示例文件")


def test_no_government_host_unless_a_real_document(db: sqlite3.Connection) -> None:
    for doc in _documents(db):
        hosts = {_host(u) for u in _urls(db, doc["id"]) | {doc["url"]}}
        if any(h == "gov.cn" or h.endswith(".gov.cn") for h in hosts):
            assert _real(doc), (doc["title"], hosts)
    sources = [r[0] for r in db.execute("select start_urls from sources")]
    assert sources and all(".gov.cn" not in s for s in sources)  # the demo's lists are its own index


@pytest.mark.skipif(not CATALOGUE.is_file(), reason="../shared is absent")
def test_real_documents_are_in_the_shared_catalogue(db: sqlite3.Connection) -> None:
    """Each real document's 发文字号 or URL (scheme dropped) appears in ../shared/catalogue.md or in the note
    the catalogue names for its entry."""
    catalogue = CATALOGUE.read_text(encoding="utf-8")
    notes = {p.name: p.read_text(encoding="utf-8") for p in (SHARED / "notes").glob("*.txt")}
    named = "\n".join(text for name, text in notes.items() if name in catalogue)
    real = [d for d in _documents(db) if _real(d)]
    assert len(real) == len(demo.REAL)
    for doc in real:
        keys = [k for k in (doc["doc_number"], re.sub(r"^https?://", "", doc["url"])) if k]
        assert any(k in catalogue or k in named for k in keys), doc["title"]


def _note(number: str) -> str:
    [path] = (SHARED / "notes").glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8")


def test_real_texts_open_with_what_they_hold() -> None:
    """Each real page's first line, in brackets, says the demo holds only quoted clauses of the document, or
    none; a page holding none has no other line."""
    for doc in demo.REAL:
        first, *rest = doc.text.split("\n")
        assert first.startswith(("（演示库只收录", "（演示库未收录")) and first.endswith("）"), doc.title
        assert rest if first == demo.HELD else not rest, doc.title


@pytest.mark.skipif(not (NOTES.is_dir() and CATALOGUE.is_file()), reason="../shared is absent")
def test_real_texts_are_quotes_of_the_shared_notes() -> None:
    """No text is attributed to a real document beyond what its note quotes: every line of a real page but
    the bracketed first is a clause the note for its catalogue entry (../shared/notes/NN_*.txt) puts in
    quotation marks, exactly, with at most the year the note files it under before it (到2027年，…。)."""
    catalogue = CATALOGUE.read_text(encoding="utf-8")
    for doc in demo.REAL:
        assert re.search(rf"^\| {doc.note} \|", catalogue, re.M), (doc.title, doc.note)
        note = _note(doc.note)
        for line in doc.text.split("\n")[1:]:
            horizon, clause = re.fullmatch(r"(?:(到\d{4}年)，)?(.+?)。?", line).groups()
            assert horizon is None or horizon in note, (doc.title, horizon)
            assert f'"{clause}"' in note or f"“{clause}”" in note, (doc.title, clause)


@pytest.mark.skipif(not CORPUS.is_file(), reason="../shared is absent")
def test_no_demo_text_copies_the_dev_set() -> None:
    """targets_dev.jsonl is for measuring, not for fixtures: no demo page (real or invented) holds a run of
    30 characters of any of its excerpts (compared after NFKC, with spaces dropped, so a comma's width or a
    stray space hides nothing)."""
    def norm(text: str) -> str:
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))

    runs: set[str] = set()
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line:
            text = norm(json.loads(line)["text"])
            runs.update(text[i:i + RUN] for i in range(len(text) - RUN + 1))
    assert runs
    for doc in demo.DOCS:
        text = norm(doc.text)
        copied = [text[i:i + RUN] for i in range(len(text) - RUN + 1) if text[i:i + RUN] in runs]
        assert not copied, (doc.title, copied[:1])


def test_the_figures_come_from_the_parser(db: sqlite3.Connection) -> None:
    """The real figures are what the parser read in the quoted clauses: the national CAGR, 山西's enterprises
    and workforce, by the years the notes file them under (到2027年, 到2022年)."""
    rows = db.execute("select doc_number, metric, comparator, value, year, quote from current_targets").fetchall()
    got = {(r["doc_number"], r["metric"], r["comparator"], r["value"], r["year"]) for r in rows}
    assert ("发改数据〔2024〕1822号", "growth_rate", ">", 20, 2027) in got
    assert ("晋政发〔2019〕14号", "enterprises", ">=", 100, 2022) in got
    assert ("晋政发〔2019〕14号", "talent", ">", 1e4, 2022) in got
    for r in rows:
        text = db.execute("select v.text from versions v join documents d on d.current_version = v.id "
                          "where d.doc_number = ?", (r["doc_number"],)).fetchone()
        assert text is None or r["quote"] in text[0]


def test_the_demo_shows_what_the_tour_needs(db: sqlite3.Connection) -> None:
    regions = {r[0]: r[1] for r in db.execute("select region, level from documents")}
    assert regions["全国"] == "national" and {"山西省", "辽宁省"} <= set(regions)
    assert {"大同市", "保定市"} <= set(regions)  # national base cities
    assert db.execute("select count(*) from current_targets where year is not null").fetchone()[0] >= 5
    progress = db.execute("select region, subject, fact_subject, percent_of_target from target_progress "
                          "where fact_value is not null").fetchall()
    assert progress and all(p["subject"] == p["fact_subject"] for p in progress)
    revised = db.execute("select d.title, count(*) from versions v join documents d on d.id = v.document_id "
                         "group by d.id having count(*) = 2").fetchall()
    assert [r[0] for r in revised] == ["示例省数据标注产业发展行动方案（示例）"]
    assert db.execute("select count(*) from events where kind = 'revised'").fetchone()[0] == 1
    kinds = {r[0] for r in db.execute("select kind from current_schemes")}
    assert "skill_certification" in kinds
    # No note quotes an incentive's amount (大同's gazette page, notes/09, is not quoted; 保定's quoted clauses,
    # notes/10, are a threshold and a percent-only reward): the invented plan and measures carry the kind.
    incentives = {r[0] for r in db.execute("select region from current_incentives where amount is not null")}
    assert incentives == {"示例省", "示例市"}
    lineage = db.execute("select count(*) from doc_references where doc_number = '发改数据〔2024〕1822号'").fetchone()
    assert lineage[0] >= 1


def test_every_run_went_through_fetch(db: sqlite3.Connection) -> None:
    """Two replayed fetch runs, each reading every demo source; no version stored any other way."""
    runs = db.execute("select id, status from runs order by id").fetchall()
    assert [r["status"] for r in runs] == ["ok", "ok"]
    per_run = db.execute("select run_id, count(*) from run_sources group by run_id").fetchall()
    assert [n for _, n in per_run] == [len(demo.LANES)] * 2
