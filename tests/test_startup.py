"""Start-up: commands load lazily, `--help` lists them without importing them, and a command imports only
what it uses (counted in sys.modules of a fresh interpreter, never timed: docs/BENCHMARKS.md has the times)."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from policytrack.cli.app import COMMANDS, _commands_of
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]
TYPER = tuple(int(p) for p in typer.__version__.split(".")[:2])


def test_commands_lists_every_command_its_module_registers_with_its_help() -> None:
    modules = {module for module, _ in COMMANDS.values()}
    for module in modules:
        built = _commands_of(module)
        assert sorted(built) == sorted(n for n, (m, _) in COMMANDS.items() if m == module), module
        for name, command in built.items():
            first = " ".join((command.help or "").split("\n\n")[0].split())
            assert first == COMMANDS[name][1], name  # --help shows what `policytrack NAME --help` says


def test_help_lists_the_commands_and_every_one_runs(capsys, tmp_path: Path) -> None:
    code, out, _ = run_cli(capsys, "--help")
    listed = [line.split()[0] for line in out.split("Commands:")[1].splitlines() if line.strip()]
    assert code == 0 and listed == list(COMMANDS)
    for name in COMMANDS:
        code, out, _ = run_cli(capsys, name, "--help")
        assert code == 0 and f"policytrack {name}" in out, name
    code, _, err = run_cli(capsys, "nosuch")
    assert code == 2 and "No such command 'nosuch'" in err


def imported(*args: str, tmp_path: Path) -> set[str]:
    """Top-level packages and policytrack modules a fresh interpreter holds after running the command."""
    probe = ("import json, sys\nfrom policytrack.cli.app import main\ntry:\n    main(sys.argv[1:])\n"
             "except SystemExit:\n    pass\nprint(json.dumps(sorted(sys.modules)), file=sys.stderr)")
    path = f"{ROOT / '.dev'}:{Path(typer.__file__).parents[1]}"  # this checkout, and the typer the tests run with
    out = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=tmp_path,
                         env={"PYTHONPATH": path, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    names = json.loads(out.stderr.strip().splitlines()[-1])
    return {n if n.startswith("policytrack.") else n.split(".")[0] for n in names}


HEAVY = {"rich", "markdown_it", "sqlite_utils", "bs4", "soupsieve", "requests", "openpyxl", "warcio"}
if TYPER < (0, 29):  # typer 0.29 coerces every option value through pydantic (pyproject pins below it)
    HEAVY.add("pydantic")


def test_help_imports_no_command(tmp_path: Path) -> None:
    mods = imported("--help", tmp_path=tmp_path)
    assert not mods & (HEAVY | {"sqlite3", "pydantic"})
    assert not [m for m in mods if m.startswith("policytrack.cli.") and m not in (
        "policytrack.cli.app", "policytrack.cli.options")]


def test_a_query_imports_its_own_module_only(tmp_path: Path) -> None:
    from tests.realistic_store import build

    db = build(tmp_path / "pt.db")
    mods = imported("targets", "--json", "--db", str(db), tmp_path=tmp_path)
    assert "sqlite3" in mods and "policytrack.cli.queries" in mods
    assert not mods & HEAVY
    assert not mods & {"policytrack.cli.export", "policytrack.cli.timeline", "policytrack.cli.fetch",
                       "policytrack.cli.sources", "policytrack.cli.history", "policytrack.cli.extract",
                       "policytrack.pipeline", "policytrack.parser.extract"}


def test_extract_of_a_text_file_reads_no_html_and_no_store(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("到2027年，全省数据标注产业规模突破100亿元。\n", encoding="utf-8")
    mods = imported("extract", "--json", str(text), tmp_path=tmp_path)
    assert "policytrack.parser.extract" in mods
    assert not mods & (HEAVY | {"sqlite3", "policytrack.db.store", "policytrack.cli.queries"})


@pytest.mark.parametrize("module", sorted({m for m, _ in COMMANDS.values()}))
def test_every_command_module_has_register(module: str) -> None:
    assert callable(importlib.import_module(f"policytrack.cli.{module}").register)
