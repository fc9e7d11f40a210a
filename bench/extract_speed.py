"""Extraction throughput (MB/s of text, one core) on the dev corpus, and `reparse` over 10,000 stored
documents from their raw bytes.

    python bench/extract_speed.py [--reparse-docs 10000] [--against REV] [--big-mb 20]

--against REV measures the parser of another commit side by side in the same run (its tree from `git archive`
into a temporary directory, each measured in its own process, alternating, best of three). --big-mb N
extracts one N MB text made of the corpus and reports wall time and peak memory (ru_maxrss of the process).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from farm import detail_html  # noqa: E402

from policytrack.db.store import Store  # noqa: E402
from policytrack.parser.extract import extract  # noqa: E402

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "targets_dev.jsonl"


def corpus() -> tuple[str, list[str]]:
    if DEV.exists():
        texts = [json.loads(line)["text"] for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
        return "dev corpus (../shared/corpus/targets_dev.jsonl)", texts
    return "farm detail pages (../shared absent)", [detail_html(1, i).decode() for i in range(50)]


def throughput(texts: list[str], repeat: int) -> dict[str, float]:
    size = sum(len(t.encode()) for t in texts) * repeat
    started = time.process_time()
    for _ in range(repeat):
        for t in texts:
            extract(t)
    seconds = time.process_time() - started
    return {"mb": round(size / 1e6, 2), "cpu_s": round(seconds, 2), "mb_per_s": round(size / 1e6 / seconds, 2)}


def reparse(docs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "reparse.db"
        with Store(path) as store:
            conn = store.conn
            conn.execute("BEGIN")
            for i in range(1, docs + 1):
                url = f"https://gov.example/{i}.html"
                conn.execute("INSERT INTO documents (id, url, title, region, level, current_version) "
                             "VALUES (?, ?, ?, '某省', 'provincial', ?)", [i, url, f"文件{i}", i])
                conn.execute("INSERT INTO versions (id, document_id, url, fetched_at, hash, text, raw, content_type) "
                             "VALUES (?, ?, ?, '2025-01-01', 'h', '', ?, 'text/html')",
                             [i, i, url, zlib.compress(detail_html(i % 40, i))])
            conn.execute("COMMIT")
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "policytrack", "reparse", "--db", str(path)], check=True,
                       stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - started
        with Store(path) as store:
            targets = store.conn.execute("SELECT count(*) FROM targets").fetchone()[0]
    return {"documents": docs, "wall_s": round(wall, 1), "docs_per_s": round(docs / wall), "targets": targets}


_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {bench!r})
from extract_speed import corpus, throughput
from policytrack.parser.extract import extract
name, texts = corpus()
if {big_mb}:
    text = "\\n".join(texts)
    text = (text + "\\n") * (({big_mb} * 1_000_000) // len(text.encode()) + 1)
    started = time.perf_counter()
    r = extract(text)
    print(json.dumps({{"mb": round(len(text.encode()) / 1e6, 1), "wall_s": round(time.perf_counter() - started, 1),
                      "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                      "targets": len(r.targets)}}))
else:
    extract("预热")
    print(json.dumps(throughput(texts, {repeat})))
"""


def measure(tree: Path, repeat: int, big_mb: int = 0) -> dict:
    """One measurement in a fresh process whose `policytrack` is the checkout at `tree`."""
    code = _CHILD.format(bench=str(Path(__file__).parent), repeat=repeat, big_mb=big_mb)
    out = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(tree)},
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def side_by_side(rev: str, repeat: int, big_mb: int) -> dict:
    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        (old / "policytrack").mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(root), "archive", rev], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old / "policytrack")], input=archive, check=True)
        trees = {rev: old, "HEAD worktree": root / ".dev"}
        runs: dict[str, list[dict]] = {k: [] for k in trees}
        for _ in range(3):
            for name, tree in trees.items():
                runs[name].append(measure(tree, repeat))
        out = {name: max(r, key=lambda x: x["mb_per_s"]) for name, r in runs.items()}
        if big_mb:
            out["big"] = {name: measure(tree, repeat, big_mb) for name, tree in trees.items()}
        return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reparse-docs", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=40)
    ap.add_argument("--against", help="a commit to measure side by side (extraction only)")
    ap.add_argument("--big-mb", type=int, default=0)
    a = ap.parse_args()
    name, texts = corpus()
    if a.against:
        print(json.dumps({"corpus": name, **side_by_side(a.against, a.repeat, a.big_mb)}, ensure_ascii=False,
                         indent=2))
        return
    out = {"corpus": name, "extract": throughput(texts, a.repeat), "reparse": reparse(a.reparse_docs)}
    if a.big_mb:
        out["big"] = measure(Path(__file__).resolve().parents[1] / ".dev", a.repeat, a.big_mb)
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
