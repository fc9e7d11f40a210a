"""Hostile files and targets on the command line: a TOML nested 1,000 deep, exports to a full device and to a
FIFO. One line and an exit code each, and no node that is not a regular file is ever replaced."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from tests.conftest import run_cli as run

FIXTURE = Path(__file__).parent / "fixtures" / "national.warc.gz"
FULL = Path("/dev/full")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from policytrack.cli.app import app

    db = tmp_path_factory.mktemp("hostile-cli") / "pt.db"
    result = CliRunner().invoke(app, ["fetch", "--replay", str(FIXTURE), "--level", "national", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def _one_line(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.strip()]


@pytest.mark.parametrize("body", ["x = " + "[" * 1000 + "]" * 1000, "x = " + "{a = " * 1000 + "1" + "}" * 1000,
                                  "[" + ".".join(["a"] * 1000) + "]\nx = 1"], ids=["arrays", "inline tables",
                                                                                "dotted tables"])
def test_a_source_file_nested_1000_deep_is_one_usage_error(tmp_path: Path, capsys, body: str) -> None:
    toml = tmp_path / "my.toml"
    toml.write_text(body + "\n")
    code, out, err = run(capsys, "sources", "--sources", str(toml), "--db", str(tmp_path / "pt.db"))
    assert code == 2 and "internal error" not in err and len(_one_line(err)) == 1 and str(toml) in err, err


@pytest.mark.skipif(not FULL.exists() or not stat.S_ISCHR(FULL.stat().st_mode), reason="no /dev/full here")
@pytest.mark.parametrize("fmt", ["xlsx", "json", "csl-json", "csv"])
def test_an_export_to_a_full_device_is_one_line_and_the_device_stays(store: Path, capsys, fmt: str) -> None:
    before = FULL.stat()
    code, _, err = run(capsys, "export", "--format", fmt, "-o", str(FULL), "--db", str(store))
    assert code == 1 and len(_one_line(err)) == 1 and "/dev/full" in err and "Traceback" not in err, err
    after = FULL.stat()
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert not [p for p in Path("/dev").iterdir() if p.name.startswith(".full.")]  # no temporary file left


def test_an_export_to_a_fifo_writes_into_it_and_leaves_the_fifo(store: Path, capsys, tmp_path: Path) -> None:
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _, err = run(capsys, "export", "--format", "json", "-o", str(fifo), "--db", str(store))
    reader.join(10)
    assert code == 0, err
    assert stat.S_ISFIFO(fifo.stat().st_mode) and got and got[0].startswith(b'{"documents": [')
