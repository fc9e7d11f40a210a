"""Crawl benchmark: a full crawl of the local farm against the politeness bound, then an incremental run.

    python bench/crawl.py [--sites 40] [--docs 250] [--delay 0.5] [--latency 0.02]

The politeness bound is the largest number of requests any one host must receive times the per-host delay:
no polite crawler can finish sooner. Goal: full crawl / bound ≤ 1.15.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from farm import PER_PAGE, Farm  # noqa: E402

from policytrack.db.store import Store  # noqa: E402
from policytrack.pipeline.run import run_fetch  # noqa: E402
from policytrack.sources.records import SourceSpec  # noqa: E402
from policytrack.sources.transport import LiveTransport  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sites", type=int, default=40)
    ap.add_argument("--docs", type=int, default=250)
    ap.add_argument("--delay", type=float, default=0.5)
    ap.add_argument("--latency", type=float, default=0.02)
    a = ap.parse_args()
    farm = Farm(a.sites, a.docs, a.latency)
    pages = math.ceil(a.docs / PER_PAGE)
    specs = [SourceSpec(id=f"farm{i:02d}", name=f"farm {i}", region=f"第{i}号省", level="provincial",
                        kind="html_list", start_urls=(farm.url(i),), max_pages=pages + 1,
                        options={"item": "ul.u-list > li", "pagination": "index_{n-1}.html"})
             for i in range(a.sites)]
    # Per host: robots.txt, the list pages (and the one past the end), every detail page.
    per_host = 1 + (pages + 1) + a.docs
    bound = per_host * a.delay
    out: dict[str, object] = {"sites": a.sites, "docs_per_site": a.docs, "delay_s": a.delay,
                              "latency_s": a.latency, "requests_per_host": per_host, "bound_s": round(bound, 1)}
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        for run in ("full", "incremental"):
            before = dict(farm.requests)
            started = time.perf_counter()
            reports = run_fetch(store, LiveTransport(allow_private=True), specs, delay=a.delay)
            wall = time.perf_counter() - started
            served = {k: farm.requests[k] - before[k] for k in farm.requests}
            out[run] = {"wall_s": round(wall, 1), "ratio_to_bound": round(wall / bound, 3), "served": served,
                        "new": sum(r.new for r in reports), "changed": sum(r.changed for r in reports),
                        "unchanged": sum(r.unchanged for r in reports), "errors": sum(r.errors for r in reports)}
        out["incremental_fraction_of_full"] = round(out["incremental"]["wall_s"] / out["full"]["wall_s"], 3)
        out["versions"] = store.conn.execute("SELECT count(*) FROM versions").fetchone()[0]
    farm.close()
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
