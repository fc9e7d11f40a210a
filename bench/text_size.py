"""Time against input size for text cleaning and extraction: 0.1 / 1 / 5 MB of policy text, once as the
paragraphs the corpus has and once broken into 40-character lines as PDF text comes (issue 15: cleaning was
quadratic in newlines). CPU time of one core, best of five (extraction: one run); the goal is 5 MB within
5.5× the time of 1 MB.

    python bench/text_size.py [--sizes 0.1,1,5] [--no-extract]
"""

from __future__ import annotations

import argparse
import json
import time

from extract_speed import corpus

from policytrack.parser.cleantext import clean
from policytrack.parser.extract import extract


def text_of(mb: float, line: int | None) -> str:
    _, texts = corpus()
    base = "\n".join(texts)
    if line:  # PDF-like: every paragraph broken into short lines
        base = "\n".join(base[i:i + line] for i in range(0, len(base), line))
    want = int(mb * 1e6)
    out = base
    while len(out.encode()) < want:
        out += "\n" + base
    return out.encode()[:want].decode("utf-8", "ignore")


def best(fn, text: str, rounds: int = 5) -> float:
    times = []
    for _ in range(rounds):
        started = time.process_time()
        fn(text)
        times.append(time.process_time() - started)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="0.1,1,5")
    ap.add_argument("--no-extract", action="store_true")
    a = ap.parse_args()
    sizes = [float(s) for s in a.sizes.split(",")]
    rows = []
    for shape, line in (("paragraphs", None), ("40-character lines", 40)):
        for mb in sizes:
            text = text_of(mb, line)
            row = {"shape": shape, "mb": mb, "clean_s": round(best(clean, text), 3)}
            if not a.no_extract:
                row["extract_s"] = round(best(extract, text, rounds=1), 2)
            rows.append(row)
    for shape in ("paragraphs", "40-character lines"):
        of = {r["mb"]: r for r in rows if r["shape"] == shape}
        if 1.0 in of and 5.0 in of:
            ratio = {k: round(of[5.0][k] / of[1.0][k], 2) for k in ("clean_s", "extract_s") if k in of[1.0]}
            rows.append({"shape": shape, "ratio_5mb_to_1mb": ratio})
    print(json.dumps(rows, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
