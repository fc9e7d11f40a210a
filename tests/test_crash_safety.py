"""SIGKILL `policytrack fetch` at random moments over a replayed archive, many times: after every kill the
database passes integrity_check, every stored version is whole (its hash is the hash of its text), and the
next run completes the work."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from policytrack.parser.fingerprint import text_hash
from tests.test_sources_replay import LOCAL, archive

KILLS = int(os.environ.get("POLICYTRACK_CRASH_KILLS", "30"))
NATIONAL = Path(__file__).parent / "fixtures" / "national.warc.gz"


def check_whole(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        versions = conn.execute("SELECT hash, text FROM versions").fetchall()
        assert all(h == text_hash(t) for h, t in versions)
        orphans = conn.execute("SELECT count(*) FROM documents WHERE current_version IS NULL").fetchone()[0]
        assert orphans == 0  # a document is written with its version, or not at all
        return len(versions)
    finally:
        conn.close()


def test_kill_nine_at_random_moments(make_warc, tmp_path: Path) -> None:
    archives = [str(archive(make_warc, spec, n)) for n, spec in enumerate(LOCAL)]
    db = tmp_path / "pt.db"
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "cfg"), "POLICYTRACK_DB": str(db)}
    cmd = [sys.executable, "-m", "policytrack", "fetch", "--quiet", "--replay", str(NATIONAL)]
    for a in archives:
        cmd += ["--replay", a]
    started = time.monotonic()
    full = subprocess.run(cmd, env={**env, "POLICYTRACK_DB": str(tmp_path / "reference.db")},
                          capture_output=True, text=True, timeout=300)
    assert full.returncode == 0, full.stderr
    duration = time.monotonic() - started
    expected = check_whole(tmp_path / "reference.db")

    rng = random.Random(20261124)
    survived = 0
    for _ in range(KILLS):
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, duration))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if db.exists():
            check_whole(db)
        survived += 1
    final = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert final.returncode == 0, final.stderr
    assert check_whole(db) == expected and survived == KILLS
