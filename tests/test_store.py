"""The store: versions only on real text changes, reposts merged, removal marks, search, health, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from policytrack.db.schema import SCHEMA_VERSION
from policytrack.db.store import Store, StoreError
from policytrack.parser.documents import Attachment, DocPage
from policytrack.parser.records import Extraction, Fact, Target
from policytrack.sources.records import SourceSpec
from tests.conftest import read_of

NATIONAL = SourceSpec(id="ndrc", name="NDRC", region="全国", level="national", kind="html_list",
                      start_urls=("https://www.ndrc.gov.cn/xxgk/",))
CITY = SourceSpec(id="chengdu", name="成都", region="成都市", level="municipal", kind="html_list",
                  start_urls=("https://cdst.chengdu.gov.cn/",), province="四川省")
TEXT = "到2027年，数据标注产业规模年均复合增长率超过20%。\n浏览次数：12"


def doc(url: str = "https://www.ndrc.gov.cn/xxgk/1.html", number: str | None = "发改数据〔2024〕1822号",
        title: str = "关于促进数据标注产业高质量发展的实施意见") -> DocPage:
    return DocPage(url=url, title=title, body_text="", doc_number=number, issuer="国家发展改革委",
                   published_date="2025-01-13")


def target(value: float = 20) -> Extraction:
    return Extraction(targets=[Target("growth_rate", "数据标注产业规模", value, "percent", ">", 2027,
                                      f"超过{value:g}%", 0, 4)],
                      facts=[Fact("enterprises", "企业", 41, "count", "=", 2024, "41家", 5, 8)])


def save(store: Store, page: DocPage, text: str = TEXT, spec: SourceSpec = NATIONAL, at: str = "2026-01-01T00:00:00Z",
         extraction: Extraction | None = None, **kw):
    return store.documents.save(read_of(page, text, raw=b"<html>" + text.encode(), extraction=extraction or target(),
                                        **kw), spec, at)


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "pt.db") as s:
        yield s


def test_schema_version_and_wal(store: Store) -> None:
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_refetching_unchanged_text_or_chrome_keeps_one_version(store: Store) -> None:
    assert save(store, doc()).status == "new"
    for n in range(20):  # visit counter and whitespace change on every fetch
        r = save(store, doc(), text=TEXT.replace("12", str(100 + n)) + "  \n", at=f"2026-01-{n + 2:02d}T00:00:00Z")
        assert r.status == "unchanged"
    assert len(store.versions.of_document(1)) == 1
    assert store.queries.document("1")["last_seen"] == "2026-01-21T00:00:00Z"


def test_a_revised_text_is_a_new_version_and_targets_follow_it(store: Store) -> None:
    save(store, doc())
    r = save(store, doc(), text=TEXT.replace("20%", "25%"), extraction=target(25), at="2026-02-01T00:00:00Z")
    assert r.status == "changed" and len(store.versions.of_document(r.document_id)) == 2
    assert [t["value"] for t in store.queries.targets()] == [25]  # only the current version's targets
    assert [f["value"] for f in store.queries.records("facts", r.document_id)] == [41]


def test_a_repost_under_a_variant_doc_number_is_one_document(store: Store) -> None:
    first = save(store, doc())
    again = save(store, doc(url="https://www.gov.cn/zhengce/zhengceku/202501/content_1.htm",
                            number="发改数据[2024]1822號"), text=TEXT + "（转载）")
    assert again.status == "repost" and again.document_id == first.document_id
    shown = store.queries.document("https://www.gov.cn/zhengce/zhengceku/202501/content_1.htm")
    assert shown["id"] == first.document_id and len(shown["urls"]) == 2
    assert len(store.queries.documents()) == 1


def test_the_empty_doc_number_placeholder_matches_nothing(store: Store) -> None:
    a = save(store, doc(url="https://a/1", number="〔〕号", title="甲"))
    b = save(store, doc(url="https://a/2", number="〔〕号", title="乙"), text="另一份文件")
    assert a.document_id != b.document_id


def test_removed_documents_are_marked_not_deleted(store: Store) -> None:
    r = save(store, doc())
    assert store.documents.mark_removed(doc().url, "2026-03-01T00:00:00Z")
    d = store.queries.document(str(r.document_id))
    assert d["removed_at"] == "2026-03-01T00:00:00Z" and d["text"].startswith("到2027年")
    save(store, doc(), at="2026-03-02T00:00:00Z")  # back again
    assert store.queries.document(str(r.document_id))["removed_at"] is None
    assert not store.documents.mark_removed("https://unknown/", "2026-03-01")


def test_search_trigram_short_terms_and_traditional(store: Store) -> None:
    save(store, doc())
    save(store, doc(url="https://a/2", number=None, title="关于开展人工智能训练师职业技能等级认定的通知"),
         text="各地要组织开展人工智能训练师职业技能等级认定工作。")
    assert [r["id"] for r in store.queries.search("数据标注")] == [1]
    assert "[数据标注]" in store.queries.search("数据标注")[0]["snippet"]
    assert [r["id"] for r in store.queries.search("數據標注")] == [1]
    assert [r["id"] for r in store.queries.search("认定")] == [2]  # two characters: LIKE
    assert [r["id"] for r in store.queries.search("训练师 等级认定")] == [2]
    assert store.queries.search("区块链") == []
    assert store.queries.search('"; DROP TABLE documents; --') == []


def test_region_filter_matches_a_province_and_its_cities(store: Store) -> None:
    save(store, doc())
    save(store, doc(url="https://cdst.chengdu.gov.cn/1", number="成办发〔2025〕3号", title="成都市数据标注措施"),
         spec=CITY, text="成都市数据标注产业")
    assert [d["region"] for d in store.queries.documents(region="四川")] == ["成都市"]
    assert [d["region"] for d in store.queries.documents(level="national")] == ["全国"]
    assert len(store.queries.documents(since="2025-01-13", until="2025-01-13")) == 2
    assert store.queries.documents(since="2025-01-14") == []


def test_reparse_replaces_records_and_names_the_parser(store: Store) -> None:
    r = save(store, doc(), attachments=[Attachment("https://a/f.pdf", "附件.pdf", "附件正文", "application/pdf")],
             attachment_raw={"https://a/f.pdf": (b"%PDF-raw", "application/pdf")})
    [v] = list(store.versions.stored())
    assert v["raw"].startswith(b"<html>") and v["attachments"] == {"https://a/f.pdf": (b"%PDF-raw", "application/pdf")}
    store.versions.replace_extraction(v["id"], target(30), "t2")
    assert [(t["value"], t["parser_version"]) for t in store.queries.targets()] == [(30, "t2")]
    assert store.versions.of_document(r.document_id)[0]["parser_version"] == "t2"


def test_a_source_failing_three_runs_in_a_row_is_broken(store: Store) -> None:
    store.runs.sync_sources([NATIONAL])
    for _ in range(3):
        run = store.runs.start()
        store.runs.record_source(run, "ndrc", {}, "HTTP 503")
        store.runs.finish(run, "partial")
    [h] = store.runs.sources()
    assert (h["state"], h["consecutive_failures"], h["last_error"]) == ("broken", 3, "HTTP 503")
    run = store.runs.start()
    store.runs.record_source(run, "ndrc", {"new": 1}, None)
    [h] = store.runs.sources()
    assert (h["state"], h["consecutive_failures"], h["last_status"]) == ("ok", 0, "ok")


def test_validators_round_trip(store: Store) -> None:
    assert store.validators.get("https://a/") == (None, None)
    store.validators.put("https://a/", '"abc"', "Mon, 01 Jan 2026 00:00:00 GMT")
    assert store.validators.get("https://a/") == ('"abc"', "Mon, 01 Jan 2026 00:00:00 GMT")


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    bad = tmp_path / "x.db"
    bad.write_bytes(b"garbage" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        Store(bad)
    assert bad.read_bytes() == b"garbage" * 100


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(Exception, match="newer"):
        Store(path)


def test_a_failed_write_leaves_the_previous_state(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    save(store, doc())

    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store.documents, "_index", boom)
    with pytest.raises(RuntimeError):
        save(store, doc(), text="完全不同的文本", at="2026-05-01T00:00:00Z")
    assert len(store.versions.of_document(1)) == 1
    assert store.queries.document("1")["last_seen"] == "2026-01-01T00:00:00Z"


def test_the_highest_level_copy_becomes_the_home_whichever_came_first(store: Store) -> None:
    city = save(store, doc(url="https://www.chengdu.gov.cn/zz/1.html"), spec=CITY, text=TEXT + "转发")
    national = save(store, doc())
    assert national.document_id == city.document_id and national.status == "repost"
    d = store.queries.document(str(city.document_id))
    assert (d["url"], d["level"], d["region"]) == (doc().url, "national", "全国")
    r = save(store, doc(), text=TEXT.replace("20%", "25%"), extraction=target(25))
    assert r.status == "changed"  # revisions now come from the home page
    assert save(store, doc(url="https://www.chengdu.gov.cn/zz/1.html"), spec=CITY, text="又一版").status == "unchanged"


def test_same_title_issuer_and_date_but_different_numbers_are_two_documents(store: Store) -> None:
    a = save(store, doc(url="https://a/1", number="川办发〔2025〕1号"))
    b = save(store, doc(url="https://b/1", number="川办发〔2025〕2号"), text="另一份")
    c = save(store, doc(url="https://c/1", number=None), text="转载")
    assert a.document_id != b.document_id and c.document_id == a.document_id and c.status == "repost"
