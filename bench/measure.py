"""How the benchmarks measure a command: its wall time and peak memory (the child's own maximum resident
set, from wait4), and commands side by side, interleaved, so that load from elsewhere on the machine falls
on each alike and their ratio holds even when absolute times drift."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

POLICYTRACK = [sys.executable, "-m", "policytrack"]


def script(directory: Path) -> list[str]:
    """A `policytrack` script as pip writes one (python, one import, main()), for start-up timings: this
    checkout, whatever is installed, and without `-m`'s extra look-ups."""
    path = directory / "policytrack"
    root = Path(__file__).resolve().parents[1] / ".dev"
    path.write_text(f"#!{sys.executable}\nimport sys\nsys.path.insert(0, {str(root)!r})\n"
                    "from policytrack.cli.app import main\nsys.exit(main())\n", encoding="utf-8")
    path.chmod(0o755)
    return [str(path)]


def run(cmd: Sequence[str], *, stdout: Path | None = None, cwd: Path | None = None) -> tuple[float, float, float]:
    """Wall seconds, peak resident MB and CPU seconds (user + system) of one run; stdout to a file or nowhere."""
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL  # noqa: SIM115 - closed below
    try:
        started = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=out, stderr=subprocess.PIPE, cwd=cwd)
        err = proc.stderr.read() if proc.stderr else b""
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if stdout:
            out.close()
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.decode(errors='replace')[-400:]}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime  # Linux reports kilobytes


def side_by_side(commands: dict[str, Sequence[str]], runs: int, *, cwd: Path | None = None) -> dict[str, dict]:
    """Median wall and CPU time and peak memory of each command over `runs` rounds, each round running every
    command once in turn (after one warm-up round)."""
    samples: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    for round_ in range(runs + 1):
        for name, cmd in commands.items():
            measured = run(cmd, cwd=cwd)
            if round_:
                samples[name].append(measured)
    return {name: {"ms": round(statistics.median(s[0] for s in got) * 1000, 1),
                   "cpu_ms": round(statistics.median(s[2] for s in got) * 1000, 1),
                   "peak_mb": round(max(s[1] for s in got), 1)} for name, got in samples.items()}


def ratio(a: float, b: float) -> float:
    return round(a / b, 2) if b else float("nan")
