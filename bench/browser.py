"""What a browser page costs next to a plain fetch: time per page and memory, on the local site of the browser
tests (tests/browser_site.py, 127.0.0.1, no politeness delay so that only the work is timed).

    PYTHONPATH=.dev:. python3 bench/browser.py [--pages 30]

Rows: a plain fetch of a static page (Fetcher.get, the baseline); the same static page rendered in Chromium;
a single-page-app list (shell, script, JSON) rendered; and a page behind a cookie challenge that reloads.
Memory: the resident set of this process, and the proportional set size (PSS: shared pages divided among
their sharers) of the browser's process tree (Playwright's driver and every Chromium process), read from
/proc/PID/smaps_rollup. Needs Playwright and a Chromium (Linux for the memory figures).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / ".dev"), str(ROOT)]

from policytrack.sources.browser import Browser, find_chromium  # noqa: E402
from policytrack.sources.fetcher import Fetcher  # noqa: E402
from policytrack.sources.transport import LiveTransport  # noqa: E402
from tests.browser_site import Site  # noqa: E402


def tree(pid: int) -> list[int]:
    kids: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            kids.setdefault(int(stat.read_text().rsplit(")", 1)[1].split()[1]), []).append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    out, todo = [], [pid]
    while todo:
        for k in kids.get(todo.pop(), []):
            out += [k]
            todo.append(k)
    return out


def kb(pid: int, field: str, name: str = "smaps_rollup") -> int:
    try:
        for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def memory() -> tuple[float, float, float, int]:
    """This process's RSS, the browser tree's PSS and its driver's (Node) share, in MB; the tree's size."""
    me = os.getpid()
    children = tree(me)
    driver = sum(kb(p, "Pss") for p in children if b"chrom" not in Path(f"/proc/{p}/cmdline").read_bytes())
    return (kb(me, "VmRSS", "status") / 1024, sum(kb(p, "Pss") for p in children) / 1024, driver / 1024,
            len(children))


def timed(label: str, n: int, once) -> dict[str, float]:
    once()  # warm: connections, the context, the script cache
    times = []
    for _ in range(n):
        started = time.perf_counter()
        once()
        times.append(time.perf_counter() - started)
    times.sort()
    row = {"median": statistics.median(times) * 1000, "p90": times[int(len(times) * 0.9) - 1] * 1000}
    print(f"{label:<44} {row['median']:8.1f} ms {row['p90']:8.1f} ms")
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=30, help="pages timed per row (default 30)")
    args = parser.parse_args()
    if not find_chromium():
        sys.exit("no Chromium found (Debian: apt-get install chromium)")
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {Path(find_chromium()).name}")
    with Site() as site:
        fetcher = Fetcher(LiveTransport(allow_private=True), delay=0, polite=False)
        hosts = {"127.0.0.1"}
        rss0 = memory()[0]
        print(f"{'':<44} {'median':>11} {'p90':>11}")
        timed("plain fetch, static page", args.pages, lambda: fetcher.get(f"{site.base}/plain/doc.html"))
        with Browser(timeout=30) as browser:
            started = time.perf_counter()
            browser.render(f"{site.base}/plain/", fetcher, source="bench", hosts=hosts, headers={})
            first = (time.perf_counter() - started) * 1000
            print(f"{'browser start (Chromium launch, first page)':<44} {first:8.1f} ms")

            def page(path: str, wait_for: str | None = None, source: str = "bench"):
                return lambda: browser.render(f"{site.base}{path}", fetcher, source=source, hosts=hosts, headers={},
                                              wait_for=wait_for)

            timed("browser, static page (network idle)", args.pages, page("/plain/doc.html"))
            timed("browser, app shell + script + JSON (selector)", args.pages, page("/spa/", "ul.list li"))
            timed("browser, app shell + script + JSON (idle)", args.pages, page("/spa/"))
            timed("browser, cookie challenge that reloads", args.pages, page("/wall/", "ul.list li", "wall"))
            rss1, pss, driver, count = memory()
        print(f"memory: this process {rss0:.0f} MB before the browser, {rss1:.0f} MB with it; the browser's "
              f"{count} processes {pss:.0f} MB (PSS), of which Playwright's driver {driver:.0f} MB")


if __name__ == "__main__":
    main()
