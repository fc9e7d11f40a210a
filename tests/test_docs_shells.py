"""Issue 19: the documented examples run as written in bash and in zsh (macOS's shell), where an unquoted
`[`, `]`, `*` or `?` is a glob, and a glob that matches no file is an error ("no matches found")."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FIXTURE = ROOT / "tests" / "fixtures" / "national.warc.gz"
GLOB = re.compile(r"[][*?]")
_FENCE = re.compile(r"^```(\w*)\s*$")
_CRON = re.compile(r"^\s*(?:[\d*/,-]+\s+){5}(?=policytrack)")


def command_lines(path: Path) -> list[str]:
    """The `policytrack …` command lines of a Markdown file's code blocks: `$ ` lines of console blocks, and
    the lines of bash/sh/zsh blocks."""
    found, lang = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        fence = _FENCE.match(line.strip())
        if fence:
            lang = fence.group(1) or "text" if lang is None else None
            continue
        if lang == "console" and line.startswith("$ "):
            line = line[2:]
        elif lang not in ("bash", "sh", "shell", "zsh"):
            continue
        line = _CRON.sub("", line)  # a crontab line: its schedule is cron's, the rest a shell's
        if re.search(r"(^|[|;&(]\s*)policytrack\b", line):
            found.append(line)
    return found


def unquoted_globs(line: str) -> list[str]:
    """The words of a shell line that hold a glob character outside quotes (comments dropped)."""
    lexer = shlex.shlex(line, posix=False, punctuation_chars=";&|()<>")
    lexer.whitespace_split = True
    bad = []
    for word in lexer:
        bare = re.sub(r"'[^']*'|\"(?:[^\"\\\\]|\\\\.)*\"|\\\\.", "", word)
        if GLOB.search(bare):
            bad.append(word)
    return bad


EXAMPLES = [(path.relative_to(ROOT).as_posix(), line) for path in DOCS for line in command_lines(path)]


def test_the_documents_have_examples_to_check() -> None:
    assert len([1 for where, _ in EXAMPLES if where == "README.md"]) >= 8
    assert any("1822号" in line for _, line in EXAMPLES)


@pytest.mark.parametrize(("where", "line"), EXAMPLES)
def test_no_example_has_an_unquoted_glob(where: str, line: str) -> None:
    assert unquoted_globs(line) == [], f"{where}: quote these for zsh: {line}"


def test_the_check_catches_what_zsh_refuses() -> None:
    assert unquoted_globs("policytrack show 发改数据[2024]1822号") == ["发改数据[2024]1822号"]
    assert unquoted_globs("policytrack search 数据* --limit 2") == ["数据*"]
    assert unquoted_globs("policytrack show '发改数据[2024]1822号' && policytrack lineage \"a[1]\"") == []
    assert unquoted_globs("policytrack cite 发改数据〔2024〕1822号 | cut -d, -f1-15") == []


@pytest.fixture(scope="module")
def replayed(tmp_path_factory) -> dict[str, str]:
    """The environment of a shell whose `policytrack` is this checkout, on a store replayed from fixtures."""
    home = tmp_path_factory.mktemp("shell")
    bin_dir = home / "bin"
    bin_dir.mkdir()
    launcher = bin_dir / "policytrack"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m policytrack "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
           "POLICYTRACK_DB": str(home / "pt.db"), "XDG_CONFIG_HOME": str(home / "config"),
           "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT / ".dev"), os.environ.get("PYTHONPATH")) if p)}
    subprocess.run(["policytrack", "fetch", "--replay", str(FIXTURE), "--level", "national"], env=env, cwd=home,
                   check=True, capture_output=True, timeout=300)
    return env


RUN = ["policytrack show '发改数据[2024]1822号'", "policytrack lineage '发改数据〔2024〕1822号'",
       "policytrack search 數據標注 --limit 2", "policytrack docs --level national --since 2024-06-01"]


def shells() -> list[list[str]]:
    """bash with failglob (an unmatched glob is an error, as in zsh) and zsh itself, when installed."""
    found = [["bash", "-O", "failglob", "-c"]] if shutil.which("bash") else []
    return found + ([["zsh", "-c"]] if shutil.which("zsh") else [])


@pytest.mark.parametrize("line", RUN)
def test_readme_examples_run_as_written(line: str, replayed: dict[str, str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"$ {line}" in readme  # the line as the README prints it
    if not shells():
        pytest.skip("neither bash nor zsh is installed")
    for shell in shells():
        done = subprocess.run([*shell, line], env=replayed, capture_output=True, text=True, timeout=120,
                              cwd=Path(replayed["POLICYTRACK_DB"]).parent)
        assert done.returncode == 0 and done.stdout and "no match" not in done.stderr, (shell[0], done.stderr)


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed here")
def test_zsh_would_refuse_the_unquoted_number(replayed: dict[str, str]) -> None:
    done = subprocess.run(["zsh", "-c", "policytrack show 发改数据[2024]1822号"], env=replayed, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode != 0 and "no matches found" in done.stderr
