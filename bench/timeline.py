"""The HTML timeline: render time per event against the number of lanes, time and peak memory against the
number of events (the generated stores of bench/scale.py), the chart's height, and how long headless
Chromium takes to draw one city's chart (when Chromium is installed).

Goals: one pass over the events (time per event flat in lanes and events), a dense lane aggregated so the
chart stays a screen or two tall, memory bounded by the output.

    python bench/timeline.py [--sizes 1000,10000,50000] [--cache DIR]
"""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import POLICYTRACK
from scale import cached

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / ".dev"))
from policytrack.cli.timeline_formats import EVENT_COLUMNS, write_html  # noqa: E402

CHROMIUM = next((p for p in ("chromium", "chromium-browser", "google-chrome") if shutil.which(p)), None)


def synthetic(events: int, lanes: int) -> list[dict]:
    """Events spread over `lanes` regions and 2020-2030: documents on many dates, targets on year ends."""
    out = []
    for i in range(events):
        e = dict.fromkeys(EVENT_COLUMNS)
        region = f"地区{i % lanes:03d}"
        if i % 3:
            e |= {"date": f"{2020 + i % 9}-{1 + i % 12:02d}-{1 + i % 28:02d}", "kind": "published"}
        else:
            e |= {"date": f"{2021 + i % 10}-12-31", "kind": "target", "metric": "enterprises",
                  "subject": "数据标注企业", "value": float(i % 500), "unit": "count", "comparator": ">="}
        out.append(e | {"region": region, "province": region, "document_id": i, "title": f"{region}文件{i}",
                        "doc_number": f"测发〔2025〕{i}号", "issuer": f"{region}人民政府",
                        "url": f"https://gov.example/{i}.html"})
    out.sort(key=lambda e: e["date"])
    return out


def per_event_us(events: list[dict], runs: int = 3) -> float:
    samples = []
    for _ in range(runs):
        started = time.process_time()
        write_html(io.StringIO(), iter(events), title="bench")
        samples.append(time.process_time() - started)
    return round(statistics.median(samples) / len(events) * 1e6, 1)


def chart_height(page: Path) -> int:
    with page.open(encoding="utf-8") as fh:
        for line in fh:
            found = re.search(r'<svg [^>]*viewBox="0 0 \d+ (\d+)"', line)
            if found:
                return int(found.group(1))
    return -1


def draw_s(page: Path, work: Path) -> float | None:
    """Seconds headless Chromium takes to load and screenshot the page (its start-up included)."""
    if CHROMIUM is None:
        return None
    started = time.perf_counter()
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={work / 'profile'}", f"--screenshot={work / 'shot.png'}",
                    "--window-size=1200,900", page.as_uri()], capture_output=True, timeout=600)
    return round(time.perf_counter() - started, 1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,50000")
    ap.add_argument("--city-store", type=int, default=100_000, help="documents in the store for the city's chart")
    ap.add_argument("--cache", type=Path)
    a = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    work = Path(tmp.name)
    cache = a.cache or work
    cache.mkdir(parents=True, exist_ok=True)
    out: dict[str, object] = {}
    from export import measured

    stores = {}
    for docs in (int(x) for x in a.sizes.split(",")):
        db = cached(docs, cache)
        page = work / f"t{docs}.html"
        run = measured([*POLICYTRACK, "timeline", "-f", "html", "-o", str(page), "--db", str(db)])
        stores[f"{docs:,} documents"] = run | {"page_mb": round(page.stat().st_size / 1e6, 1),
                                               "chart_height": chart_height(page)}
        page.unlink()
    out["whole store as HTML (every event)"] = stores
    db = cached(a.city_store, cache)
    page = work / "city.html"
    run = measured([*POLICYTRACK, "timeline", "--region", "海口", "-f", "html", "-o", str(page), "--db", str(db)])
    chart = work / "chart.html"  # the page without its table of 32,772 rows
    text = page.read_text(encoding="utf-8")
    chart.write_text(text[:text.index('<details class="rows"')] + "</body></html>\n", encoding="utf-8")
    out[f"海口's every event, {a.city_store:,}-document store"] = run | {
        "page_mb": round(page.stat().st_size / 1e6, 1), "chart_height": chart_height(page),
        "chromium_screenshot_s": draw_s(page, work), "chromium_screenshot_s, the chart alone": draw_s(chart, work)}
    # in-process last: a child forked from a process holding 300,000 events would count them in its peak
    out["µs per event, 20,000 events (CPU)"] = {f"{lanes} lanes": per_event_us(synthetic(20_000, lanes))
                                               for lanes in (1, 10, 100, 300)}
    out["µs per event, 38 lanes (CPU)"] = {f"{n:,} events": per_event_us(synthetic(n, 38), runs=1)
                                          for n in (10_000, 100_000, 300_000)}
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
