"""Table output against sqlite-utils' --table, side by side (interleaved rounds, medians), on 10,000 targets
(the 1,000-document store of bench/scale.py), piped, as the same seven columns. Goal: ≤ 2× sqlite-utils.

    python bench/table.py [--runs 7] [--docs 1000] [--cache DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from measure import ratio, script, side_by_side
from scale import cached

SQL = ("SELECT region, coalesce(doc_number, title) AS document, metric, subject, value, year, quote "
       "FROM current_targets ORDER BY region, coalesce(published_date, written_date), document_id, start")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--cache", type=Path)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = cached(a.docs, a.cache or Path(tmp))
        su = [str(Path(sys.executable).parent / "sqlite-utils")]
        pt = script(Path(tmp))
        commands = {"policytrack targets (table)": [*pt, "targets", "--db", str(db)],
                    "sqlite-utils query … --table": [*su, "query", str(db), SQL, "--table"],
                    "policytrack targets --csv": [*pt, "targets", "--csv", "--db", str(db)],
                    "sqlite-utils query … --csv": [*su, "query", str(db), SQL, "--csv"],
                    "policytrack --help (start-up alone)": [*pt, "--help"],
                    "sqlite-utils --help (start-up alone)": [*su, "--help"]}
        got = side_by_side(commands, a.runs)
    ms = {k: v["ms"] for k, v in got.items()}
    print(json.dumps({"rows": a.docs * 10, "p50_ms": ms, "cpu_ms": {k: v["cpu_ms"] for k, v in got.items()},
                      "table ÷ sqlite-utils --table (goal ≤ 2)": ratio(ms["policytrack targets (table)"],
                                                                     ms["sqlite-utils query … --table"]),
                      "csv ÷ sqlite-utils --csv": ratio(ms["policytrack targets --csv"],
                                                        ms["sqlite-utils query … --csv"])},
                     ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
