"""`changes --format atom`: an Atom feed feedparser reads, whose entry ids stay the same from run to run."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest

from policytrack.db.store import Store
from policytrack.parser.records import Extraction, Target
from tests.conftest import run_cli
from tests.realistic_store import HOSTILE, build
from tests.test_history import NATIONAL, NATIONAL_TEXT, SICHUAN, rate, save

FIXTURE = Path(__file__).parent / "fixtures" / "national.warc.gz"


def feed(capsys, db: Path, path: Path, *args: str) -> feedparser.FeedParserDict:
    code, out, err = run_cli(capsys, "changes", "--db", str(db), "--format", "atom", "-o", str(path), *args)
    assert code == 0, err
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_a_replayed_store_as_a_feed_with_stable_ids(capsys, tmp_path: Path, no_network) -> None:
    db = tmp_path / "nat.db"
    assert run_cli(capsys, "fetch", "--db", str(db), "--replay", str(FIXTURE), "--level", "national")[0] == 0
    first = feed(capsys, db, tmp_path / "a.xml", "--since", "2000")
    assert len(first.entries) == 4 and len({e.id for e in first.entries}) == 4
    assert first.feed.id == "tag:policytrack,2026:changes"
    opinion = next(e for e in first.entries if "发改数据〔2024〕1822号" in e.title)
    assert opinion.title == "NEW: 全国 发改数据〔2024〕1822号 关于促进数据标注产业高质量发展的实施意见"
    assert opinion.id.startswith("tag:policytrack,2026:document/") and "/new/" in opinion.id
    assert opinion.link == "https://www.ndrc.gov.cn/xxgk/zcfb/tz/202501/t20250113_1395515.html"
    assert [a.name for a in opinion.authors] == ["国家发展改革委", "国家数据局", "财政部", "人力资源社会保障部"]
    assert "+ growth_rate: 年均复合增长率 >20% by 2027" in opinion.summary
    assert opinion.updated_parsed is not None and {t.term for t in opinion.tags} == {"new", "全国"}

    # a second run finds nothing new: the feed regenerated from the store has the same entries and ids
    assert run_cli(capsys, "fetch", "--db", str(db), "--replay", str(FIXTURE), "--level", "national")[0] == 0
    second = feed(capsys, db, tmp_path / "b.xml", "--since", "2000")
    assert [e.id for e in second.entries] == [e.id for e in first.entries]
    assert (tmp_path / "a.xml").read_bytes() == (tmp_path / "b.xml").read_bytes()
    empty = feed(capsys, db, tmp_path / "c.xml", "--since", "last")  # what the second run found: nothing
    assert empty.entries == [] and empty.feed.updated_parsed is not None


def test_a_revision_is_a_new_entry_and_the_old_one_keeps_its_id(capsys, tmp_path: Path) -> None:
    db = tmp_path / "pt.db"
    with Store(db) as store:
        store.runs.start("2025-01-01T00:00:00Z")
        save(store, NATIONAL, "https://www.ndrc.gov.cn/1.html", "发改数据〔2024〕1822号", "实施意见", NATIONAL_TEXT,
             rate(20), "2025-01-13T08:00:00Z", "2025-01-13")
    before = feed(capsys, db, tmp_path / "a.xml", "--since", "2025")
    with Store(db) as store:
        store.runs.start("2025-02-01T00:00:00Z")
        save(store, NATIONAL, "https://www.ndrc.gov.cn/1.html", "发改数据〔2024〕1822号", "实施意见",
             NATIONAL_TEXT.replace("20%", "25%"), rate(25), "2025-02-01T08:00:00Z", "2025-01-13")
    after = feed(capsys, db, tmp_path / "b.xml", "--since", "2025")
    assert [e.id for e in after.entries][1:] == [e.id for e in before.entries]  # newest first
    revised = after.entries[0]
    assert "/revised/" in revised.id and revised.updated == "2025-02-01T08:00:00Z"
    assert "~ growth_rate: 数据标注产业规模 >20% → >25% by 2027" in revised.summary
    assert after.feed.updated == "2025-02-01T08:00:00Z"


def test_markup_in_a_title_stays_text_and_english_labels(capsys, tmp_path: Path) -> None:
    db = build(tmp_path / "demo.db")
    parsed = feed(capsys, db, tmp_path / "a.xml", "--since", "2025")
    assert any(HOSTILE in e.title for e in parsed.entries) and len(parsed.entries) == 14  # 13 documents, one revised
    english = feed(capsys, db, tmp_path / "b.xml", "--since", "2025", "--lang", "en")
    assert english.feed.language == "en"
    shanxi = next(e for e in english.entries if "晋政发〔2019〕14号" in e.title)
    assert shanxi.title.startswith("NEW: Shanxi 晋政发") and shanxi.author == "Shanxi Provincial People's Government"
    assert "trained workers: 就业人员规模 >10,000 persons" in shanxi.summary
    assert [e.id for e in english.entries] == [e.id for e in parsed.entries]  # the language is no part of an id


def test_feed_usage(capsys, tmp_path: Path) -> None:
    db = tmp_path / "pt.db"
    with Store(db) as store:
        store.runs.start("2025-01-01T00:00:00Z")
        save(store, SICHUAN, "https://www.sc.gov.cn/1.html", "川办发〔2025〕3号", "方案", "…",
             Extraction(targets=[Target("growth_rate", "增长率", 25, "percent", ">", 2027, "超过25%", 0, 4)]),
             "2025-03-14T08:00:00Z", "2025-03-14")
    for args in (("--format", "atom", "--json"), ("-o", str(tmp_path / "x")), ("--format", "rss")):
        code, _, _ = run_cli(capsys, "changes", "--db", str(db), *args)
        assert code == 2, args
    code, out, _ = run_cli(capsys, "changes", "--db", str(db), "--format", "atom")  # to stdout
    assert code == 0 and len(feedparser.parse(out).entries) == 1


@pytest.mark.parametrize("since", ["2025", "2025-03", "2025-03-01"])
def test_an_empty_feed_is_dated_by_since(capsys, tmp_path: Path, since: str) -> None:
    db = tmp_path / "pt.db"
    Store(db).close()
    parsed = feed(capsys, db, tmp_path / "a.xml", "--since", since)
    assert parsed.entries == [] and parsed.feed.updated.startswith(since[:4])
