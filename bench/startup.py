"""Start-up: `policytrack --help` and `policytrack targets --json` on a small store, against sqlite-utils
measured in the same run. Goal: no slower than sqlite-utils.

    python bench/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def p50(cmd: list[str], runs: int) -> float:
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        samples.append(time.perf_counter() - t)
    return round(statistics.median(samples) * 1000, 1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    a = ap.parse_args()
    spec = importlib.util.spec_from_file_location("demo_store", Path(__file__).parent / "demo_store.py")
    demo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(demo)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        demo.build(db)
        policytrack = shutil.which("policytrack") or sys.executable
        pt = [policytrack] if policytrack != sys.executable else [sys.executable, "-m", "policytrack"]
        su = [shutil.which("sqlite-utils") or "sqlite-utils"]
        out = {
            "policytrack --help": p50([*pt, "--help"], a.runs),
            "sqlite-utils --help": p50([*su, "--help"], a.runs),
            "policytrack targets --json (demo store)": p50([*pt, "targets", "--json", "--db", str(db)], a.runs),
            "sqlite-utils rows demo.db targets": p50([*su, "rows", str(db), "targets"], a.runs),
        }
    print(json.dumps({k: f"{v} ms" for k, v in out.items()}, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
