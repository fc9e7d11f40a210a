"""What a new user and an odd command line meet: read-only and mistyped stores, --db before the command,
impossible dates, numbers past SQLite's range, text that is not text. Each is one line and an exit code."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from policytrack.db.schema import SCHEMA_VERSION
from policytrack.db.store import Store
from tests.conftest import run_cli as run

FIXTURE = Path(__file__).parent / "fixtures" / "national.warc.gz"


@pytest.fixture
def store(national_store: Path) -> Path:
    return national_store


def test_a_read_only_store_is_read_and_never_written(store: Path, capsys, tmp_path: Path) -> None:
    before = store.read_bytes()
    store.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        for args in (["targets", "--json"], ["docs"], ["search", "数据标注"], ["show", "1"], ["changes"],
                     ["timeline", "--csv"], ["sources"]):
            code, out, err = run(capsys, *args, "--db", str(store))
            assert code == 0 and out and "readonly" not in err, (args, err)
    finally:
        store.chmod(0o644)
    assert store.read_bytes() == before


def test_a_mistyped_store_is_named_not_created(tmp_path: Path, capsys, monkeypatch) -> None:
    missing = tmp_path / "nope" / "dir" / "x.db"
    for args in (["targets"], ["docs", "--json"], ["show", "1"], ["changes"]):
        code, out, err = run(capsys, *args, "--db", str(missing))
        assert code == 1 and out == "" and f"no store at {missing}" in err and "policytrack fetch" in err
    monkeypatch.setenv("POLICYTRACK_DB", str(missing))
    assert run(capsys, "targets")[0] == 1
    assert not missing.parent.exists()


def test_an_older_store_is_read_only_after_its_upgrade(tmp_path: Path, capsys) -> None:
    db = tmp_path / "old.db"
    Store(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    code, _, err = run(capsys, "targets", "--db", str(db))
    assert code == 1 and f"schema version {SCHEMA_VERSION - 1}" in err and "reparse" in err


def test_db_before_the_command(store: Path, capsys) -> None:
    code, out, _ = run(capsys, "--db", str(store), "docs", "--json")
    assert code == 0 and "发改数据〔2024〕1822号" in out


def test_a_foreign_sqlite_file_is_refused_and_left_as_it_was(tmp_path: Path, capsys) -> None:
    theirs = tmp_path / "theirs.db"
    with sqlite3.connect(theirs) as conn:
        conn.execute("CREATE TABLE expenses (amount REAL)")
        conn.execute("INSERT INTO expenses VALUES (12.5)")
    before = theirs.read_bytes()
    for args in (["targets"], ["fetch", "--replay", str(FIXTURE), "--source", "ndrc-tz"], ["reparse"]):
        code, _, err = run(capsys, *args, "--db", str(theirs))
        assert code == 1 and "is not a policytrack store" in err, (args, err)
    assert theirs.read_bytes() == before and not Path(str(theirs) + "-wal").exists()
    empty = tmp_path / "empty.db"
    empty.touch()
    assert run(capsys, "reparse", "--db", str(empty))[0] == 0  # an empty file becomes a store


@pytest.mark.parametrize("value", ["2025-13-45", "2025-02-30", "25-01-01", "last week", "2025-1-1"])
def test_impossible_dates_are_usage_errors_naming_the_option(store: Path, capsys, value: str) -> None:
    for args in (["docs", "--since", value], ["changes", "--since", value], ["timeline", "--until", value],
                 ["diff", "1", "--from", value]):
        code, _, err = run(capsys, *args, "--db", str(store))
        assert code == 2 and value in err and args[-2] in err, (args, err)


def test_a_year_or_a_month_is_the_whole_of_it(store: Path, capsys) -> None:
    import json

    code, out, _ = run(capsys, "docs", "--since", "2025", "--until", "2025-01", "--json", "--db", str(store))
    assert code == 0 and [d["published_date"] for d in json.loads(out)] == ["2025-01-13"]


@pytest.mark.parametrize("args", [
    ["show", "²"], ["show", "99999999999999999999"], ["targets", "--year", "99999999999999999999"],
    ["search", "x", "--limit", "99999999999999999999"], ["docs", "--region", "\udcff\udcfe"],
    ["fetch", "--delay", "inf"], ["fetch", "--user-agent", "a\r\nb"], ["docs", "--since"],
    ["targets", "--metric", "happiness"], ["docs", "--level", "county"],
])
def test_odd_command_lines_are_one_line_errors(store: Path, capsys, args: list[str]) -> None:
    code, out, err = run(capsys, *args, "--db", str(store))
    said = [line for line in err.splitlines() if line.startswith(("Error:", "policytrack:"))]
    assert code in (1, 2) and "internal error" not in err and len(said) == 1, err  # click adds its usage line


def test_issuer_percent_and_underscore_match_literally(store: Path, capsys) -> None:
    assert run(capsys, "docs", "--issuer", "%", "--json", "--db", str(store))[1].strip() == "[]"
    assert run(capsys, "docs", "--issuer", "_", "--json", "--db", str(store))[1].strip() == "[]"
    assert "1822" in run(capsys, "docs", "--issuer", "国家数据局", "--json", "--db", str(store))[1]


def test_the_lock_file_never_follows_a_symlink(tmp_path: Path, capsys) -> None:
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me")
    db = tmp_path / "pt.db"
    os.symlink(victim, str(db) + ".lock")
    code, _, err = run(capsys, "fetch", "--replay", str(FIXTURE), "--source", "ndrc-tz", "--db", str(db))
    assert code == 1 and "lock file" in err and victim.read_text() == "keep me"
