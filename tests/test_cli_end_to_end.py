"""The whole pipeline from a recorded archive: fetch --replay, then every query command, through the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import run_cli as run

FIXTURE = Path(__file__).parent / "fixtures" / "national.warc.gz"


@pytest.fixture
def store(national_store: Path) -> Path:
    return national_store


def test_fetch_then_targets_shows_the_national_growth_target(store: Path, capsys) -> None:
    code, out, _ = run(capsys, "targets", "--json", "--db", str(store))
    assert code == 0
    rows = json.loads(out)
    national = [r for r in rows if r["doc_number"] == "发改数据〔2024〕1822号" and r["metric"] == "growth_rate"]
    assert national, rows
    t = national[0]
    assert (t["value"], t["unit"], t["comparator"], t["year"]) == (20, "percent", ">", 2027)
    assert "20%" in t["quote"]

    code, out, _ = run(capsys, "targets", "--db", str(store))
    assert code == 0 and ">20%" in out and "发改数据〔2024〕1822号" in out


def test_targets_csv_carries_every_field(store: Path, capsys) -> None:
    code, out, _ = run(capsys, "targets", "--csv", "--db", str(store))
    header = out.splitlines()[0].split(",")
    assert code == 0 and {"metric", "value", "unit", "comparator", "year", "quote", "doc_number"} <= set(header)


def test_docs_show_search_sources_with_and_without_json(store: Path, capsys) -> None:
    code, out, _ = run(capsys, "docs", "--json", "--db", str(store))
    docs = json.loads(out)
    assert code == 0 and any(d["doc_number"] == "发改数据〔2024〕1822号" for d in docs)
    assert all(d["level"] == "national" for d in docs)
    assert run(capsys, "docs", "--db", str(store))[0] == 0

    code, out, _ = run(capsys, "show", "发改数据[2024]1822号", "--json", "--db", str(store))
    shown = json.loads(out)
    assert code == 0 and shown["doc_number"] == "发改数据〔2024〕1822号"
    assert len(shown["versions"]) == 1 and shown["versions"][0]["hash"]
    assert shown["issuer"] and "国家发展改革委" in shown["issuer"]
    code, out, _ = run(capsys, "show", str(shown["id"]), "--db", str(store))
    assert code == 0 and "关于促进数据标注产业高质量发展的实施意见" in out
    code, out, _ = run(capsys, "show", str(shown["id"]), "--text", "--db", str(store))
    assert code == 0 and "2027" in out

    code, out, _ = run(capsys, "search", "数据标注", "--json", "--db", str(store))
    hits = json.loads(out)
    assert code == 0 and any(h["id"] == shown["id"] for h in hits)
    code, out, _ = run(capsys, "search", "數據標注", "--db", str(store))  # Traditional finds Simplified
    assert code == 0 and "关于促进数据标注产业高质量发展的实施意见" in out

    code, out, _ = run(capsys, "sources", "--json", "--db", str(store))
    sources = json.loads(out)
    assert code == 0 and {"id", "name", "region", "level", "start_urls"} <= set(sources[0])
    assert any(s["id"].startswith("ndrc") and s["result"] for s in sources)
    assert run(capsys, "sources", "--db", str(store))[0] == 0


def test_second_replay_stores_no_new_version(store: Path, capsys) -> None:
    code, out, _ = run(capsys, "fetch", "--replay", str(FIXTURE), "--level", "national", "--db", str(store),
                       "--json")
    assert code == 0
    assert sum(r["new"] + r["changed"] for r in json.loads(out)) == 0


def test_extract_file_and_stdin(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "plan.txt"
    f.write_text("到2027年，数据标注产业规模年均复合增长率超过20%。", encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(f), "--json")
    data = json.loads(out)
    assert code == 0 and set(data) >= {"targets", "facts", "incentives", "schemes"}
    assert [(t["value"], t["comparator"], t["year"]) for t in data["targets"]] == [(20, ">", 2027)]

    f.write_text("到2024年底，全县建成标注基地3个。", encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(f), "--date", "2025-03-20", "--json")
    assert code == 0 and [x["year"] for x in json.loads(out)["facts"]] == [2024]  # before its date: past
    code, out, _ = run(capsys, "extract", str(f), "--title", "某县2025年工作要点", "--json")
    assert code == 0 and [x["year"] for x in json.loads(out)["targets"]] == [2024]
    code, _, err = run(capsys, "extract", str(f), "--date", "2025-13-01")
    assert code == 2 and "not a date" in err

    f.write_bytes("到2027年，数据标注产业规模年均复合增长率超过20%。".encode("gb18030"))
    code, out, _ = run(capsys, "extract", str(f), "--json")
    assert code == 0 and json.loads(out)["targets"]


def test_usage_and_input_errors_are_one_line(tmp_path: Path, capsys, store: Path) -> None:
    code, _, err = run(capsys, "fetch", "--source", "no-such-source", "--db", str(store))
    assert code == 2 and "unknown source" in err and "Traceback" not in err
    code, _, err = run(capsys, "docs", "--since", "yesterday", "--db", str(store))
    assert code == 2
    code, _, err = run(capsys, "show", "999999", "--db", str(store))
    assert code == 1 and len(err.strip().splitlines()) == 1
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 this is not a pdf")
    code, _, err = run(capsys, "extract", str(bad))
    assert code == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    not_db = tmp_path / "not.db"
    not_db.write_bytes(b"garbage" * 100)
    code, _, err = run(capsys, "docs", "--db", str(not_db))
    assert code == 1 and "Traceback" not in err


def test_python_dash_m(tmp_path: Path) -> None:
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "policytrack", "--help"], capture_output=True, text=True,
                       cwd=tmp_path)
    assert r.returncode == 0 and "fetch" in r.stdout


def test_bare_modules_are_not_importable(tmp_path: Path) -> None:
    import subprocess
    import sys

    if not shutil.which("policytrack"):
        pytest.skip("not installed")
    r = subprocess.run([sys.executable, "-c", "import db"], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode != 0


def test_quiet_second_run_prints_nothing_and_the_log_file_keeps_the_run(store: Path, capsys, tmp_path: Path) -> None:
    log = tmp_path / "fetch.log"
    code, out, err = run(capsys, "fetch", "--replay", str(FIXTURE), "--level", "national", "--db", str(store),
                         "--quiet", "--log-file", str(log))
    assert code == 0 and out == "" and err == ""  # nothing new: cron mails nothing
    lines = log.read_text(encoding="utf-8").splitlines()
    assert "fetch started: 11 sources" in lines[0] and any("ndrc-tz: ok" in line for line in lines)
    code, out, err = run(capsys, "changes", "--since", "last", "--quiet", "--db", str(store))
    assert (code, out, err) == (0, "", "")
