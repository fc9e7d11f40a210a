"""Issue 19, what a new user hits: the store's full-text search seen by sqlite-utils and Datasette, partial and
foreign archives, no network, --record, unknown regions, what `extract` refuses, help, and the README in zsh."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from policytrack.db.schema import MIGRATIONS, SCHEMA_VERSION, statements
from policytrack.db.store import Store
from tests.conftest import run_cli as run

FIXTURE = Path(__file__).parent / "fixtures" / "national.warc.gz"


@pytest.fixture
def store(tmp_path: Path, capsys, no_network, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    db = tmp_path / "pt.db"
    assert run(capsys, "fetch", "--replay", str(FIXTURE), "--level", "national", "--db", str(db))[0] == 0
    return db


# -- the search index, as sqlite-utils and Datasette find it -------------------------------------------------


def test_sqlite_utils_searches_the_documents(store: Path) -> None:
    import sqlite_utils

    table = sqlite_utils.Database(store)["documents"]
    assert table.detect_fts() == "documents_fts"
    found = list(table.search("数据标注", columns=["id", "title"]))
    assert found and any("数据标注" in r["title"] for r in found)
    # a trigram index holds no term under three characters: the search runs, and finds what FTS5 can
    assert list(table.search("标注")) == []
    ours = {r["id"] for r in Store(store, readonly=True).queries.search("数据标注", limit=100)}
    assert ours == {r["id"] for r in found}  # one index, the same answer


def test_the_sqlite_utils_command_searches_the_documents(store: Path) -> None:
    exe = Path(sys.executable).with_name("sqlite-utils")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "sqlite_utils"]
    done = subprocess.run([*command, "search", str(store), "documents", "数据标注", "-c", "id", "-c", "title"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert rows and all(set(r) == {"id", "title"} for r in rows)


def test_datasette_detects_the_search_table_and_its_search_matches(store: Path) -> None:
    # datasette/utils/__init__.py detect_fts_sql and datasette/filters.py's `_search` clause (datasette 1.0)
    detect = """select name from sqlite_master where rootpage = 0 and (
        sql like '%VIRTUAL TABLE%USING FTS%content="documents"%'
        or sql like '%VIRTUAL TABLE%USING FTS%content=[documents]%'
        or (tbl_name = "documents" and sql like '%VIRTUAL TABLE%USING FTS%'))"""
    conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    assert [r[0] for r in conn.execute(detect)] == ["documents_fts"]
    rows = conn.execute('select id, title from documents where rowid in (select rowid from "documents_fts" '
                        'where "documents_fts" match :search)', {"search": '"数据标注"'}).fetchall()
    assert rows
    conn.close()


def test_the_index_follows_every_write_and_a_v8_store_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "v8.db"
    conn = sqlite3.connect(path)
    for migration in MIGRATIONS[:8]:
        for statement in statements(migration()):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 8")
    conn.execute("INSERT INTO documents (id, url, title, region, level) VALUES (1, 'https://a/1', '旧的实施意见', "
                 "'全国', 'national')")
    conn.execute("INSERT INTO search_index (rowid, title, text) VALUES (1, '旧的实施意见', '推动数据标注基地建设')")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 9
        assert store.conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'search_index'").fetchone()[0] == 0
        assert [r["id"] for r in store.queries.search("标注基地")] == [1]
        assert [r["id"] for r in store.queries.search("意见")] == [1]  # two characters ending the title
        store.conn.execute("UPDATE documents SET text = '改为人工智能训练师' WHERE id = 1")
        assert store.queries.search("标注基地") == []
        assert [r["id"] for r in store.queries.search("训练师")] == [1]
        assert [r["id"] for r in store.queries.search("练师")] == [1]  # two characters ending the text
        assert [r["id"] for r in store.queries.search("智能")] == [1]
        assert store.queries.search("无此") == []
        store.conn.execute("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)")
        store.conn.execute("DELETE FROM documents WHERE id = 1")
        assert store.queries.search("训练师") == []
        store.conn.execute("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)")


def test_two_character_search_matches_like_did(store: Path) -> None:
    """The vocabulary and tail indexes find exactly what a LIKE over every title and text finds."""
    s = Store(store, readonly=True)
    texts = s.conn.execute("SELECT id, title || char(0) || coalesce(text, '') FROM documents").fetchall()
    pairs = {t[i:i + 2] for _, t in texts for i in range(0, len(t) - 1, 97)} - {""}
    for term in sorted(p for p in pairs if "\0" not in p and not any(c.isspace() for c in p))[:60]:
        expected = sorted((i for i, t in texts if term.lower() in t.lower()), reverse=True)
        assert [r["id"] for r in s.queries.search(term, limit=100)] == expected, term
