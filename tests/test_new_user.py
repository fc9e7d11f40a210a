"""Issue 19, what a new user hits: the store's full-text search seen by sqlite-utils and Datasette, partial and
foreign archives, no network, --record, unknown regions, what `extract` refuses, help, and the README in zsh."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from policytrack.db.schema import MIGRATIONS, SCHEMA_VERSION, statements
from policytrack.db.store import Store
from tests.conftest import run_cli as run


@pytest.fixture
def store(national_store: Path) -> Path:
    return national_store


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


# -- replaying a partial or a foreign archive ----------------------------------------------------------------

MY_TOML = ('[[source]]\nid = "mysite"\nname = "某市"\nregion = "某市"\nlevel = "municipal"\nkind = "html_list"\n'
           'start_urls = ["https://www.my.gov.cn/zcwj/index.html"]\n')
MY_LIST = ('<ul class="u-list"><li><a href="./a.html">关于促进数据标注产业发展的若干措施</a>'
           '<span>2025-03-01</span></li>'
           '<li><a href="./gone.html">数据标注基地建设方案</a><span>2025-02-01</span></li></ul>')
MY_PAGE = ("<html><head><title>关于促进数据标注产业发展的若干措施</title></head><body><div class='content'>"
           "<p>到2027年，全市数据标注产业规模达到10亿元。</p></div></body></html>")


def sources_states(capsys, db: Path, *extra: str) -> dict[str, str]:
    code, out, _ = run(capsys, "sources", "--json", *extra, "--db", str(db))
    assert code == 0
    return {r["id"]: r["state"] for r in json.loads(out)}


def never_ran(capsys, db: Path, level: str | None = None) -> dict[str, str]:
    """The built-in sources' states before any run (of one level): new, or browser for those that need a browser
    this machine lacks (CI installs one; a machine without it must pass too)."""
    from policytrack.sources.browser import missing

    code, out, _ = run(capsys, "sources", "--json", "--db", str(db))
    lacking = missing() is not None
    return {r["id"]: "browser" if lacking and r["transport"] == "browser" else "new" for r in json.loads(out)
            if level in (None, r["level"])}


def test_a_capture_of_one_site_replays_that_source_only(tmp_path: Path, capsys, make_warc, no_network,
                                                        monkeypatch) -> None:
    """The README's interop path: a `wget --warc-file` capture of one site, replayed with --sources my.toml."""
    from tests.conftest import Resp

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    sources = tmp_path / "my.toml"
    sources.write_text(MY_TOML, encoding="utf-8")
    archive = make_warc([Resp("https://www.my.gov.cn/zcwj/index.html", MY_LIST),
                         Resp("https://www.my.gov.cn/zcwj/a.html", MY_PAGE)])  # gone.html was not captured
    db = tmp_path / "pt.db"
    code, out, err = run(capsys, "fetch", "--replay", str(archive), "--sources", str(sources), "--db", str(db))
    assert code == 0, err
    assert out.splitlines()[0].startswith("mysite: ok") and "1 new" in out and "1 not in the archive" in out
    assert "404" not in out + err and len(out.splitlines()) == 1
    [skipped] = [line for line in err.splitlines() if "skipped" in line]
    assert skipped.startswith("policytrack: 63 sources with no record in the archive skipped: govcn-search, ")
    assert "  https://www.my.gov.cn/zcwj/gone.html: not in the archive" in err.splitlines()
    states = sources_states(capsys, db, "--sources", str(sources))
    assert states.pop("mysite") == "ok" and states == never_ran(capsys, db)  # the others never ran


def test_a_list_missing_from_the_archive_leaves_the_sources_health(store: Path, capsys, make_warc) -> None:
    from tests.conftest import Resp

    before = sources_states(capsys, store)
    assert before["ndrc-tz"] == "ok"
    archive = make_warc([Resp("https://www.ndrc.gov.cn/xxgk/zcfb/elsewhere.html", "<p>x</p>")])
    code, out, err = run(capsys, "fetch", "--replay", str(archive), "--source", "ndrc-tz", "--db", str(store))
    assert code == 0, err
    assert out.startswith("ndrc-tz: not fetched · not in the archive (https://www.ndrc.gov.cn/") and "404" not in out
    assert sources_states(capsys, store) == before


@pytest.mark.parametrize("content", [bytes(range(256)) * 40, b"hello world\nnot an archive\n",
                                     b"\x1f\x8b\x08\x00" + bytes(range(200))])
def test_a_file_that_is_not_a_warc_is_one_line(tmp_path: Path, capsys, content: bytes, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    path = tmp_path / "capture.warc.gz"
    path.write_bytes(content)
    code, out, err = run(capsys, "fetch", "--replay", str(path), "--db", str(tmp_path / "pt.db"))
    assert code in (1, 2) and out == ""
    [line] = err.splitlines()
    assert str(path) in line and "WARC" in line and len(line) < 200 + len(str(path)) and line.isprintable(), line
    assert not (tmp_path / "pt.db").exists()


# -- no network at all ---------------------------------------------------------------------------------------


def test_no_host_resolving_is_said_once_and_leaves_every_state(store: Path, capsys, monkeypatch) -> None:
    import socket

    def unresolvable(host, *args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    before = sources_states(capsys, store)
    monkeypatch.setattr(socket, "getaddrinfo", unresolvable)
    code, out, err = run(capsys, "fetch", "--level", "national", "--delay", "0", "--db", str(store))
    assert code == 1
    first = err.splitlines()[0]
    national = never_ran(capsys, store, "national")  # (a browser source is not tried on a machine without one)
    tried = len(national) - list(national.values()).count("browser")
    assert len(national) == 11
    assert first.startswith(f"policytrack: no host resolved ({tried} sources tried)") and "network" in first, err
    lines = out.splitlines()
    assert len(lines) == 11 and sum("cannot resolve" in line for line in lines) == tried, out
    assert all("cannot resolve" in line or "not fetched · needs a browser" in line for line in lines), out
    assert sources_states(capsys, store) == before


# -- --record ------------------------------------------------------------------------------------------------


def test_a_run_that_fails_early_leaves_no_empty_archive(store: Path, capsys, tmp_path: Path) -> None:
    from policytrack.db.lock import FetchLock

    record = tmp_path / "run.warc.gz"
    with FetchLock(store):  # another fetch holds the store: this one stops before any request
        code, _, err = run(capsys, "fetch", "--record", str(record), "--level", "national", "--db", str(store))
    assert code == 2, err
    assert not record.exists()


def test_a_recording_writes_records_only_once_something_answered(tmp_path: Path) -> None:
    from warcio.archiveiterator import ArchiveIterator

    from policytrack.sources.transport import RawResponse, RecordingTransport

    class One:
        def send(self, url, headers, timeout, *, method="GET", body=None):
            return RawResponse(url, 200, {"content-type": "text/html"}, b"<p>x</p>")

    path = tmp_path / "r.warc.gz"
    t = RecordingTransport(One(), path)
    t.close()
    assert not path.exists()
    t = RecordingTransport(One(), path)
    t.send("https://a.gov.cn/1", {}, (1, 1))
    t.close()
    with open(path, "rb") as fh:
        assert [r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(fh)] == ["https://a.gov.cn/1"]


# -- unknown regions -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["docs"], ["targets"], ["timeline", "--json"], ["fetch"]])
@pytest.mark.parametrize(("region", "closest"), [("火星", None), ("Sichuang", "Sichuan"), ("四州", "四川")])
def test_an_unknown_region_is_named_with_the_closest(store: Path, capsys, command: list[str], region: str,
                                                     closest: str | None) -> None:
    code, out, err = run(capsys, *command, "--region", region, "--db", str(store))
    assert code == 2 and out == ""
    [line] = [x for x in err.splitlines() if f"no region is called {region!r}" in x]
    assert closest is None or closest in line.split("the closest: ")[1].split(" (")[0]


def test_known_regions_in_english_chinese_and_a_custom_source(store: Path, capsys, tmp_path: Path) -> None:
    for region in ("Sichuan", "sichuan", "四川", "四川省成都市", "全国", "China"):
        code, _, err = run(capsys, "docs", "--region", region, "--db", str(store))
        assert code == 0 and "no region" not in err, (region, err)
    store_rw = Store(store)
    store_rw.conn.execute("UPDATE documents SET region = '某县' WHERE id = 1")  # a custom source's place
    store_rw.close()
    code, out, _ = run(capsys, "docs", "--region", "某县", "--json", "--db", str(store))
    assert code == 0 and [d["id"] for d in json.loads(out)] == [1]


# -- what extract refuses, and how long input shows -------------------------------------------------------


def test_extract_refuses_binary_input_as_not_text(tmp_path: Path, capsys) -> None:
    import random

    path = tmp_path / "noise.bin"
    path.write_bytes(random.Random(19).randbytes(100_000))
    for name in (str(path), str(path.with_suffix(".txt"))):
        Path(name).write_bytes(path.read_bytes())
        code, out, err = run(capsys, "extract", name, "--json")
        assert code != 0 and out == "" and "targets" not in out
        [line] = err.splitlines()
        assert "not text" in line and name in line and line.isprintable()


@pytest.mark.parametrize(("name", "content"), [("plan.docx", b"PK\x03\x04" + bytes(300)),
                                               ("plan.docx", b"not a zip at all"),
                                               ("plan.pdf", b"%PDF-1.4\n1 0 obj << >>\n")])
def test_extract_names_a_corrupt_file_as_corrupt(tmp_path: Path, capsys, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run(capsys, "extract", str(path))
    assert code == 1 and out == ""
    [line] = err.splitlines()
    assert str(path) in line and ("corrupt" in line or "unreadable" in line) and "unsupported" not in line, line


def test_extract_names_a_directory_as_a_directory(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "extract", str(tmp_path))
    assert code == 2 and "is a directory" in err and "no such file" not in err


def test_extract_shows_progress_on_a_terminal_only(tmp_path: Path, capsys, monkeypatch) -> None:
    import policytrack.cli.extract as cli_extract

    path = tmp_path / "long.txt"
    path.write_text("到2027年，数据标注产业规模突破100亿元。加强组织领导，完善工作机制。\n" * 2000, encoding="utf-8")
    monkeypatch.setattr(cli_extract, "LONG_TEXT", 10_000)  # the real bound is 1 MB: the same path, faster
    code, out, err = run(capsys, "extract", str(path), "--json")
    assert code == 0 and err == "" and json.loads(out)["targets"]  # piped: no progress
    told: list[tuple[int, int]] = []
    from policytrack.parser import extract as parser_extract

    real = parser_extract.extract
    monkeypatch.setattr(parser_extract, "extract", lambda text, **kw: real(
        text, progress=lambda d, t: (told.append((d, t)), kw["progress"](d, t))))
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, out2, err = run(capsys, "extract", str(path), "--json")
    assert code == 0 and out2 == out and len(told) > 2 and told[-1][0] == told[-1][1]
    assert "extracting" in err  # rich's bar, on stderr


# -- help ----------------------------------------------------------------------------------------------------


def every_command() -> list[list[str]]:
    """Every command line that has a --help: the root, each command, each subcommand of a group."""
    import click

    from policytrack.cli.app import COMMANDS, app

    root = typer_main_group(app)
    found = [[]]
    for name in COMMANDS:
        command = root.get_command(None, name)
        found.append([name])
        if isinstance(command, click.Group):
            found += [[name, sub] for sub in command.list_commands(None)]
    return found


def typer_main_group(app):
    import typer

    return typer.main.get_group(app)


def greedy(lines: list[str], width: int) -> list[str]:
    """The lines of a paragraph after which the next line's first word would still have fitted: a hard break."""
    import unicodedata

    def cells(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)

    ragged = []
    for line, after in zip(lines, lines[1:], strict=False):
        if not line.strip() or not after.strip() or line.rstrip().endswith(("·", ":")):
            continue
        if re.match(r"\s+\S+\s{2,}", after):  # the next row of a list of commands
            continue
        first = after.split()[0]
        if after.startswith(" ") and len(after) - len(after.lstrip()) <= len(line) - len(line.lstrip()) and \
                cells(line.rstrip()) + 1 + cells(first) <= width and not after.lstrip().startswith(("-", "[")):
            ragged.append(line)
    return ragged


@pytest.mark.parametrize("command", every_command(), ids=lambda c: " ".join(c) or "policytrack")
def test_every_help_shows_flags_as_flags_wraps_and_ends_with_examples(command: list[str], capsys,
                                                                      monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")  # click's help is 78 columns wide at most
    code, out, err = run(capsys, *command, "--help")
    assert code == 0 and err == ""
    for bad in ("<bool>", "<list", "[list", "list[", "<Path>", "<Optional", "<NoneType"):
        assert bad not in out, (command, bad)
    assert "--json <" not in out and "--quiet <" not in out
    options = [line for line in out.splitlines() if line.lstrip().startswith("-")]
    flags = [line for line in options if " / " in line.split("  ")[0]]  # --x / --no-x pairs are fine
    assert all("<" not in line.split("  ")[0] for line in flags)
    if command:
        tail = out.rstrip().split("\n\n")[-1].strip()
        assert tail.startswith(("Example:", "Examples:")) and "policytrack " in tail, (command, tail)
    body = [line for line in out.splitlines() if not line.startswith("Usage:")]
    assert greedy(body, 78) == [], (command, greedy(body, 78))


def test_shell_completion_is_shown_and_installed(capsys, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SHELL", "/bin/bash")
    monkeypatch.setenv("HOME", str(tmp_path))
    code, out, err = run(capsys, "--show-completion", "bash")
    assert code == 0 and "_policytrack_completion" in out.replace("-", "_").lower() or "complete" in out, (out, err)
    code, out, err = run(capsys, "--install-completion", "bash")
    assert code == 0, err
    assert (tmp_path / ".bashrc").exists()
