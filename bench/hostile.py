"""Each hostile case of issue 17, built here on this machine, and what it now costs: its outcome, wall time
and peak memory. Wall time is the case's own (imports included, interpreter start-up not). Every case runs
in a child process of its own (`--case NAME`), so that each peak is that case's alone (the child's maximum
resident set, from wait4, interpreter included).

    python bench/hostile.py [--deadline SECONDS] [CASE ...]

The slow-server cases run with a request deadline of --deadline seconds (default 10; the fetcher's own
default is 60 s), so that the bench does not take minutes of waiting to show a wall clock that holds.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / ".dev"), str(ROOT)]

PAGE_URL = "https://www.t.gov.cn/zcwj/a.html"


def _page(html: str) -> str:
    from policytrack.parser.errors import PageError
    from policytrack.parser.gov_page import parse_detail

    try:
        doc = parse_detail(html, PAGE_URL)
    except PageError as exc:
        return f"PageError: {exc}"
    return f"document, {len(doc.body_text):,} chars of text"


def deep_page() -> str:
    text = "到2027年，数据标注企业达到300家。"
    return _page("<html><body>" + "<div>" * 5000 + text + "</div>" * 5000 + "</body></html>")


def unclosed_page(tag: str) -> Callable[[], str]:
    return lambda: _page("<html><body><table>" + f"<tr><td>发文机关：<{tag}>数据标注" * 5000 + "</table></body></html>")


def _attachment(content: bytes, name: str) -> str:
    from policytrack.parser.errors import AttachmentError
    from policytrack.pipeline.attachments import read_attachment

    try:
        text = read_attachment(content, "", name)
    except AttachmentError as exc:
        return f"AttachmentError: {str(exc)[:90]}"
    return f"read, {len(text):,} chars"


def heavy_pdf() -> str:
    from tests.hostile_files import heavy_pages_pdf

    return _attachment(heavy_pages_pdf(500), "heavy.pdf")


def fanned_pdf() -> str:
    from tests.hostile_files import fanned_out_pdf

    return _attachment(fanned_out_pdf(), "fanned.pdf")


def lying_docx() -> str:
    from tests.hostile_files import lying_docx as make

    return _attachment(make(), "lying.docx")


def _served(mode: str, path: str = "/a.html", **kw: object) -> str:
    from policytrack.sources.fetcher import Fetcher, FetchError
    from policytrack.sources.transport import LiveTransport
    from tests.hostile_servers import serving

    deadline = float(os.environ.get("HOSTILE_DEADLINE", "10"))
    with serving(mode, **kw) as srv:  # type: ignore[arg-type]
        fetcher = Fetcher(LiveTransport(allow_private=True), polite=False, robots=mode == "ok", deadline=deadline)
        try:
            page = fetcher.get(srv.url + path)
        except FetchError as exc:
            return f"FetchError: {str(exc).split(': ', 1)[-1][:70]}"
    return f"fetched, {len(page.content):,} bytes"


def trickle() -> str:
    return _served("trickle", interval=1.0)  # a byte a second


def slow_headers() -> str:
    return _served("slow-headers", interval=1.0)


def huge_robots() -> str:
    return _served("ok", "/zcwj/a.html", robots_bytes=28 * 2 ** 20)


def _extract(text: str) -> str:
    from policytrack.parser.extract import extract

    r = extract(text)
    figures = [t.value for t in r.targets + r.facts if isinstance(getattr(t, "value", None), float)]
    return f"{len(r.targets)} targets, {len(r.facts)} facts, largest figure {max(figures, default=None)}"


def unpunctuated() -> str:
    unit = "数据标注产业规模达到100亿元培训人才5000人建设基地"
    return _extract((unit * (56_000 // len(unit) + 1))[:56_000])


def huge_number() -> str:
    return _extract("到2027年，数据标注产业规模达到1" + "0" * 400 + "亿元。")


CASES: dict[str, Callable[[], str]] = {
    "deep page (5,000 nested div)": deep_page,
    "5,000 unclosed td": unclosed_page("td"),
    "5,000 unclosed tr": unclosed_page("tr"),
    "5,000 unclosed p": unclosed_page("p"),
    "heavy PDF (500 pages of operators)": heavy_pdf,
    "fanned-out PDF (forms 12 deep, 8 wide)": fanned_pdf,
    "lying DOCX (100 MB entry claims 1 KB)": lying_docx,
    "body trickled 1 byte/s": trickle,
    "headers trickled 1 byte/s": slow_headers,
    "28 MB robots.txt starting Disallow: /": huge_robots,
    "56,000 chars without clause punctuation": unpunctuated,
    "10^400 in a target": huge_number,
}


def child(name: str) -> None:
    started = time.perf_counter()
    outcome = CASES[name]()
    print(json.dumps({"outcome": outcome, "wall": time.perf_counter() - started}, ensure_ascii=False))


def measure(name: str, deadline: float) -> tuple[str, float, float]:
    """The case's outcome, its own wall seconds (inside the child, start-up excluded) and the child's peak MB."""
    env = {**os.environ, "HOSTILE_DEADLINE": str(deadline)}
    proc = subprocess.Popen([sys.executable, __file__, "--case", name], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    out = proc.stdout.read() if proc.stdout else b""
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return f"crashed: {err.decode(errors='replace').strip().splitlines()[-1:]}", 0.0, usage.ru_maxrss / 1024
    got = json.loads(out)
    return got["outcome"], got["wall"], usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--case", help=argparse.SUPPRESS)
    ap.add_argument("--deadline", type=float, default=10.0, help="request deadline for the slow-server cases")
    ap.add_argument("cases", nargs="*", help="case names (default: all)")
    args = ap.parse_args()
    if args.case:
        child(args.case)
        return
    names = args.cases or list(CASES)
    print("| case | outcome | wall s | peak MB |\n|---|---|---:|---:|")
    for name in names:
        outcome, wall, peak = measure(name, args.deadline)
        print(f"| {name} | {outcome.replace('|', '/')} | {wall:.2f} | {peak:.0f} |", flush=True)


if __name__ == "__main__":
    main()
