"""Change tracking through the store and the CLI: changes feed, diff, reparse apart, lineage, validity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policytrack.db.store import Store
from policytrack.parser.documents import DocPage
from policytrack.parser.records import Extraction, Target
from policytrack.parser.references import find_references
from policytrack.sources.records import SourceSpec
from tests.conftest import read_of, run_cli

NATIONAL = SourceSpec(id="ndrc", name="NDRC", region="全国", level="national", kind="html_list",
                      start_urls=("https://www.ndrc.gov.cn/",))
SICHUAN = SourceSpec(id="sc", name="四川", region="四川省", level="provincial", kind="html_list",
                     start_urls=("https://www.sc.gov.cn/",))
CHENGDU = SourceSpec(id="cd", name="成都", region="成都市", level="municipal", kind="html_list",
                     start_urls=("https://www.chengdu.gov.cn/",), province="四川省")
NATIONAL_TEXT = "到2027年，数据标注产业规模年均复合增长率超过20%。"


def rate(value: float) -> Extraction:
    return Extraction(targets=[Target("growth_rate", "数据标注产业规模", value, "percent", ">", 2027,
                                      f"超过{value:g}%", 0, 4)])


def save(store: Store, spec: SourceSpec, url: str, number: str, title: str, text: str, extraction: Extraction,
         at: str, published: str) -> int:
    page = DocPage(url=url, title=title, body_text=text, doc_number=number, issuer=spec.name,
                   published_date=published)
    read = read_of(page, text, extraction=extraction, references=find_references(text),
                   validity=(None, "2026-12-31" if "2024—2026" in title else None))
    return store.documents.save(read, spec, at).document_id


def cli(capsys, db: Path, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, *args, "--db", str(db))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "pt.db"
    with Store(path) as store:
        store.runs.finish(store.runs.start("2025-01-01T00:00:00Z"), "ok")
        save(store, NATIONAL, "https://www.ndrc.gov.cn/1.html", "发改数据〔2024〕1822号",
             "关于促进数据标注产业高质量发展的实施意见", NATIONAL_TEXT, rate(20), "2025-01-01T00:00:01Z", "2025-01-13")
        save(store, SICHUAN, "https://www.sc.gov.cn/1.html", "川办发〔2025〕3号",
             "四川省数据标注产业行动计划（2024—2026年）",
             "为贯彻落实《关于促进数据标注产业高质量发展的实施意见》（发改数据〔2024〕1822号），到2027年增长率超过25%。",
             rate(25), "2025-01-01T00:00:02Z", "2025-03-14")
        save(store, CHENGDU, "https://www.chengdu.gov.cn/1.html", "成办发〔2025〕7号", "成都市措施",
             "根据川办发〔2025〕3号，制定本措施。", Extraction(), "2025-01-01T00:00:03Z", "2025-04-13")
    return path


def test_changes_since_last_reports_a_revision_with_its_target_change_then_nothing(db: Path, capsys) -> None:
    code, out, _ = cli(capsys, db, "changes", "--since", "last", "--json")
    assert code == 0 and [c["kind"] for c in json.loads(out)] == ["new", "new", "new"]

    with Store(db) as store:
        store.runs.finish(store.runs.start("2025-02-01T00:00:00Z"), "ok")
        save(store, NATIONAL, "https://www.ndrc.gov.cn/1.html", "发改数据〔2024〕1822号",
             "关于促进数据标注产业高质量发展的实施意见", NATIONAL_TEXT.replace("20%", "22%"), rate(22),
             "2025-02-01T00:00:01Z", "2025-01-13")
    code, out, _ = cli(capsys, db, "changes", "--since", "last", "--json")
    [change] = json.loads(out)
    assert change["kind"] == "revised" and change["cause"] == "document"
    [c] = change["targets"]["changed"]
    assert (c["old"]["value"], c["new"]["value"]) == (20, 22)
    code, out, _ = cli(capsys, db, "changes", "--since", "last")
    assert "REVISED" in out and ">20% → >22%" in out

    with Store(db) as store:
        store.runs.finish(store.runs.start("2025-03-01T00:00:00Z"), "ok")
        save(store, NATIONAL, "https://www.ndrc.gov.cn/1.html", "发改数据〔2024〕1822号",
             "关于促进数据标注产业高质量发展的实施意见", NATIONAL_TEXT.replace("20%", "22%") + "\n浏览次数：77",
             rate(22), "2025-03-01T00:00:01Z", "2025-01-13")
    assert cli(capsys, db, "changes", "--since", "last", "--json")[1].strip() == "[]"
    code, out, err = cli(capsys, db, "changes", "--since", "last", "--quiet")
    assert code == 0 and out == "" and err == ""


def test_diff_by_sentence_and_targets_old_to_new(db: Path, capsys) -> None:
    code, _, err = cli(capsys, db, "diff", "1")
    assert code == 1 and "only one version" in err
    with Store(db) as store:
        save(store, NATIONAL, "https://www.ndrc.gov.cn/1.html", "发改数据〔2024〕1822号",
             "关于促进数据标注产业高质量发展的实施意见", NATIONAL_TEXT.replace("20%", "22%") + "新增一段。", rate(22),
             "2025-02-01T00:00:01Z", "2025-01-13")
    code, out, _ = cli(capsys, db, "diff", "发改数据[2024]1822号", "--json")
    d = json.loads(out)
    assert code == 0 and {"op": "+", "sentence": "新增一段。"} in d["text"]
    assert d["targets"]["changed"][0]["new"]["value"] == 22
    code, out, _ = cli(capsys, db, "diff", "1", "--from", "2025-01-01", "--to", "2025-02-01")
    assert code == 0 and out.startswith("--- version") and "-到2027年" in out and "~ growth_rate" in out
    assert cli(capsys, db, "diff", "1", "--from", "yesterday")[0] == 2


def test_reparse_changes_are_reported_apart(db: Path, capsys) -> None:
    with Store(db) as store:
        store.runs.finish(store.runs.start("2025-05-01T00:00:00Z"), "ok")
        assert store.versions.replace_extraction(1, rate(21), "t2", at="2025-05-01T00:00:01Z")
        assert not store.versions.replace_extraction(2, rate(25), "t2", at="2025-05-01T00:00:02Z")
    code, out, _ = cli(capsys, db, "changes", "--json")
    [c] = json.loads(out)
    assert c["kind"] == "reparsed" and c["cause"] == "parser" and c["detail"]["from"] == "t1"
    code, out, _ = cli(capsys, db, "changes")
    assert "Changed by the parser" in out


def test_lineage_lists_implementations_with_lags_and_higher_targets(db: Path, capsys) -> None:
    code, out, _ = cli(capsys, db, "lineage", "发改数据〔2024〕1822号", "--json")
    tree = json.loads(out)
    assert code == 0 and tree["document"]["doc_number"] == "发改数据〔2024〕1822号"
    [sc] = tree["implementations"]
    assert sc["document"]["region"] == "四川省" and sc["lag_days"] == 60
    assert sc["beyond"][0]["local"]["value"] == 25 and sc["beyond"][0]["cited"]["value"] == 20
    [cd] = sc["implementations"]
    assert cd["document"]["region"] == "成都市" and cd["lag_days"] == 30
    code, out, _ = cli(capsys, db, "lineage", "1")
    assert "└" in out and "+60 days" in out
    code, out, _ = cli(capsys, db, "show", "2", "--json")
    shown = json.loads(out)
    assert shown["cites"][0]["document_id"] == 1 and [d["id"] for d in shown["cited_by"]] == [3]


def test_docs_active_on_a_date(db: Path, capsys) -> None:
    code, out, _ = cli(capsys, db, "docs", "--active", "--on", "2026-06-01", "--json")
    assert code == 0 and {d["id"] for d in json.loads(out)} == {1, 2, 3}
    code, out, _ = cli(capsys, db, "docs", "--active", "--on", "2027-01-01", "--json")
    assert {d["id"] for d in json.loads(out)} == {1, 3}  # the 2024—2026 plan has expired
    code, out, _ = cli(capsys, db, "docs", "--active", "--on", "2025-02-01", "--json")
    assert {d["id"] for d in json.loads(out)} == {1}  # the others were not yet issued


def test_diff_numbers_versions_per_document_as_show_counts_them(db: Path, capsys) -> None:
    """Issue 19: `diff` said "version 1 → version 4" (global ids) where `show` says "versions: 2"."""
    with Store(db) as store:
        save(store, NATIONAL, "https://www.ndrc.gov.cn/1.html", "发改数据〔2024〕1822号",
             "关于促进数据标注产业高质量发展的实施意见", NATIONAL_TEXT.replace("20%", "22%"), rate(22),
             "2025-02-01T00:00:01Z", "2025-01-13")
        assert store.conn.execute("SELECT max(id) FROM versions").fetchone()[0] == 4  # global id 4
    code, out, _ = cli(capsys, db, "show", "1")
    assert code == 0 and "versions: 2" in out
    code, out, _ = cli(capsys, db, "diff", "1")
    head = out.splitlines()[:2]
    assert code == 0 and head[0].startswith("--- version 1 (") and head[1].startswith("+++ version 2 ("), head
    assert "version 4" not in out
