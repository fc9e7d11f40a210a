"""Readers work while a fetch writes (WAL); two processes opening a new database never both migrate; a
database from the first release is migrated forward with its data."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from policytrack.cli.app import main
from policytrack.db.schema import MIGRATIONS, SCHEMA_VERSION, statements
from policytrack.db.store import Store
from tests.test_sources_replay import LOCAL, archive


def _migrated(db: Path) -> bool:
    if not db.exists():
        return False
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_queries_answer_while_a_fetch_writes(make_warc, tmp_path: Path, capsys) -> None:
    db = tmp_path / "pt.db"
    cmd = [sys.executable, "-m", "policytrack", "fetch", "--quiet", "--db", str(db)]
    for n, spec in enumerate(LOCAL):
        cmd += ["--replay", str(archive(make_warc, spec, n)), "--source", spec.id]
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    writer = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    while writer.poll() is None and not _migrated(db):  # readers never create or migrate a store
        time.sleep(0.01)
    reads = 0
    while writer.poll() is None or reads < 3:
        for args in (["targets", "--json"], ["search", "数据标注", "--json"], ["docs", "--json"]):
            try:
                main([*args, "--db", str(db)])
            except SystemExit as exc:
                assert not exc.code, capsys.readouterr().err
            reads += 1
        capsys.readouterr()
    assert writer.wait() == 0, writer.stderr.read()
    try:
        main(["docs", "--json", "--db", str(db)])
    except SystemExit as exc:
        assert not exc.code
    assert capsys.readouterr().out.count('"url"') == len(LOCAL) and reads >= 3


def test_a_first_release_database_is_migrated_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for statement in statements(MIGRATIONS[0]()):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO documents (id, url, title, region, level) VALUES (1, 'https://a/1', '旧文件', '全国', "
                 "'national')")
    conn.execute("INSERT INTO versions (id, document_id, url, fetched_at, hash, text) VALUES (7, 1, 'https://a/1', "
                 "'2025-01-01', 'h', '正文')")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        doc = store.queries.document("1")
        assert doc["title"] == "旧文件" and doc["text"] == "正文"
        assert store.conn.execute("SELECT current_version FROM documents").fetchone()[0] == 7


_HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
for _ in range(int(sys.argv[2])):  # a fetch: write transactions, one after another, each held a while
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE documents SET last_seen = last_seen")
    print("holding", flush=True)
    time.sleep(float(sys.argv[3]))
    conn.execute("COMMIT")
    time.sleep(0.01)
"""


def test_reparse_waits_its_turn_while_another_process_writes(tmp_path: Path, capsys) -> None:
    """Another process (a fetch) holds the write lock, over and over; reparse waits its turn each time
    (BEGIN IMMEDIATE under the busy timeout) and completes, never 'database is locked'."""
    db = tmp_path / "pt.db"
    fixture = Path(__file__).parent / "fixtures" / "national.warc.gz"
    try:
        main(["fetch", "--replay", str(fixture), "--level", "national", "--quiet", "--db", str(db)])
    except SystemExit as exc:
        assert not exc.code, capsys.readouterr().err
    capsys.readouterr()
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(db), "6", "0.5"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"  # the lock is taken
    started = time.monotonic()
    try:
        main(["reparse", "--json", "--db", str(db)])
    except SystemExit as exc:
        assert not exc.code, capsys.readouterr().err
    out, err = capsys.readouterr()
    assert holder.wait(30) == 0
    assert '"versions"' in out and "locked" not in err and time.monotonic() - started >= 0.3
