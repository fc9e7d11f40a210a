"""One fetch at a time: a second one exits 2 naming the holder, or waits with --wait."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from policytrack.db.lock import FetchLock, LockError

HOLD = """
import sys, time
from pathlib import Path
from policytrack.db.lock import FetchLock
with FetchLock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def hold(db: Path, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_fetch_is_refused_while_one_holds_the_lock(tmp_path: Path) -> None:
    db = tmp_path / "pt.db"
    proc = hold(db, 30)
    try:
        with pytest.raises(LockError, match=f"pid {proc.pid}"), FetchLock(db):
            pass
    finally:
        proc.kill()
        proc.wait()
    with FetchLock(db):  # a killed holder leaves no stale lock
        pass


def test_wait_takes_the_lock_when_the_holder_finishes(tmp_path: Path) -> None:
    db = tmp_path / "pt.db"
    proc = hold(db, 1.0)
    started = time.monotonic()
    with FetchLock(db, wait=True, timeout=20):
        assert time.monotonic() - started > 0.3
    proc.wait()


def test_the_cli_exits_2_with_one_line(tmp_path: Path) -> None:
    db = tmp_path / "pt.db"
    proc = hold(db, 30)
    try:
        r = subprocess.run([sys.executable, "-m", "policytrack", "fetch", "--db", str(db), "--source", "ndrc-tz"],
                           capture_output=True, text=True, timeout=60)
    finally:
        proc.kill()
        proc.wait()
    assert r.returncode == 2 and "another fetch" in r.stderr and len(r.stderr.strip().splitlines()) == 1
