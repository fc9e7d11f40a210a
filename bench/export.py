"""Export time and peak memory against the store's size, beside sqlite-utils doing the same work, on the
generated stores of bench/scale.py (10 targets a document):

    policytrack export -f csv -o DIR         vs  sqlite-utils query DB SQL --csv, once per table (its five
                                                 SELECTs, the rows written to files)
    policytrack export -f json -o FILE
    policytrack export -f xlsx -o FILE       (openpyxl's write-only mode)
    policytrack targets --csv                (every target, through the query command)
    policytrack timeline --csv / --json      (every event of the store)

Goal: memory flat in the store's size (≤ 100 MB at 100,000 documents for CSV and xlsx). Times are wall and
CPU (user + system of the process: steadier than wall on a machine other work shares).

    python bench/export.py [--sizes 1000,10000,50000,100000] [--xlsx-sizes 1000,10000,50000] [--cache DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from measure import POLICYTRACK, ratio
from scale import cached

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / ".dev"))
from policytrack.db.dataset import EXPORT_SQL  # noqa: E402 - the very SELECTs the export runs

SQLITE_UTILS = [str(Path(sys.executable).parent / "sqlite-utils")]


def measured(cmd: list[str], stdout: Path | None = None) -> dict[str, float]:
    """Wall and CPU seconds and peak MB of one command."""
    out = open(stdout, "wb") if stdout else open(os.devnull, "wb")  # noqa: SIM115 - closed below
    try:
        import subprocess

        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
    finally:
        out.close()
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return {"wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_mb": round(usage.ru_maxrss / 1024, 1)}


def combined(runs: list[dict[str, float]]) -> dict[str, float]:
    return {"wall_s": round(sum(r["wall_s"] for r in runs), 2), "cpu_s": round(sum(r["cpu_s"] for r in runs), 2),
            "peak_mb": max(r["peak_mb"] for r in runs)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,50000,100000")
    ap.add_argument("--xlsx-sizes", default="1000,10000,50000")
    ap.add_argument("--cache", type=Path)
    a = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    cache = a.cache or Path(tmp.name)
    cache.mkdir(parents=True, exist_ok=True)
    xlsx_sizes = {int(x) for x in a.xlsx_sizes.split(",") if x}
    out: dict[str, dict] = {}
    for docs in (int(x) for x in a.sizes.split(",")):
        db = cached(docs, cache)
        work = Path(tmp.name) / f"out{docs}"
        work.mkdir()
        row: dict[str, object] = {"store_mb": round(db.stat().st_size / 1e6, 1)}
        pt = measured([*POLICYTRACK, "export", "-f", "csv", "-o", str(work / "csv"), "--db", str(db)])
        su = combined([measured([*SQLITE_UTILS, "query", str(db), sql, "--csv"], stdout=work / f"su-{name}.csv")
                       for name, sql in EXPORT_SQL.items()])
        row["csv"] = {"policytrack": pt, "sqlite-utils query --csv (5 tables)": su,
                      "cpu ÷ sqlite-utils": ratio(pt["cpu_s"], su["cpu_s"]),
                      "wall ÷ sqlite-utils": ratio(pt["wall_s"], su["wall_s"])}
        row["json"] = measured([*POLICYTRACK, "export", "-f", "json", "-o", str(work / "all.json"), "--db", str(db)])
        if docs in xlsx_sizes:
            row["xlsx"] = measured([*POLICYTRACK, "export", "-f", "xlsx", "-o", str(work / "all.xlsx"), "--db",
                                    str(db)])
            row["xlsx"]["mb"] = round((work / "all.xlsx").stat().st_size / 1e6, 1)
        row["targets --csv"] = measured([*POLICYTRACK, "targets", "--csv", "--db", str(db)])
        row["timeline --csv"] = measured([*POLICYTRACK, "timeline", "--csv", "--db", str(db)])
        row["timeline --json"] = measured([*POLICYTRACK, "timeline", "--json", "--db", str(db)])
        out[f"{docs:,} documents"] = row
        shutil.rmtree(work)
        print(json.dumps({f"{docs:,} documents": row}, ensure_ascii=False), file=sys.stderr)  # progress
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
