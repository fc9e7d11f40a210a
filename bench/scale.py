"""Scale benchmark: a generated store of 100,000 documents and 1,000,000 targets; p50/p95 of the queries
users run, in-process (the library) and as whole commands (the CLI, start-up included).

    python bench/scale.py [--docs 100000] [--targets-per-doc 10] [--cache DIR] [--cpu]

Goal: p50 ≤ 50 ms in-process.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

from policytrack.db.store import Store

PROVINCES = ["北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省",
             "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区",
             "海南省", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省",
             "宁夏回族自治区", "新疆维吾尔自治区"]
CITIES = {"成都市": "四川省", "沈阳市": "辽宁省", "合肥市": "安徽省", "长沙市": "湖南省", "海口市": "海南省",
          "保定市": "河北省", "大同市": "山西省"}
METRICS = [("industry_scale", "CNY", "数据标注产业规模"), ("growth_rate", "percent", "年均复合增长率"),
           ("enterprises", "count", "数据标注企业"), ("datasets", "count", "高质量数据集"),
           ("talent", "persons", "持证数据标注员"), ("bases", "count", "数据标注基地"),
           ("cases", "count", "典型应用场景"), ("share", "percent", "全国占比"), ("standards", "count", "标准"),
           ("funding", "CNY", "专项资金")]


def generate(path: Path, docs: int, per_doc: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    regions = [(p, p, "provincial") for p in PROVINCES] + [(c, p, "municipal") for c, p in CITIES.items()]
    with Store(path) as store:
        conn = store.conn
        conn.execute("BEGIN")
        for i in range(1, docs + 1):
            region, province, level = rng.choice(regions)
            year = rng.randint(2018, 2026)
            date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            title = f"{region}关于促进数据标注产业高质量发展的实施方案（第{i}号）"
            text = (f"为贯彻落实国家部署，到{year + 3}年，{region}数据标注产业规模达到{rng.randint(10, 500)}亿元，"
                    f"年均复合增长率超过{rng.randint(10, 30)}%，培育数据标注企业{rng.randint(10, 300)}家以上。"
                    + "加强组织领导，完善工作机制，强化要素保障，营造良好氛围。" * rng.randint(2, 6))
            conn.execute("INSERT INTO documents (id, url, title, doc_number, doc_number_key, issuer, region, province, "
                         "level, source_id, written_date, published_date, first_seen, last_seen, current_version) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         [i, f"https://gov.example/{i}.html", title, f"测政发〔{year}〕{i}号", f"测政发〔{year}〕{i}号",
                          f"{region}人民政府", region, province if level == "municipal" else region, level, "bench",
                          date, date, date + "T00:00:00Z", date + "T00:00:00Z", i])
            conn.execute("INSERT INTO document_urls (url, document_id, source_id, first_seen, last_seen) "
                         "VALUES (?, ?, 'bench', ?, ?)", [f"https://gov.example/{i}.html", i, date, date])
            conn.execute("INSERT INTO versions (id, document_id, url, fetched_at, hash, size, text, raw, content_type, "
                         "parser_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'text/html', 'bench')",
                         [i, i, f"https://gov.example/{i}.html", date + "T00:00:00Z", f"{i:064x}", len(text), text,
                          zlib.compress(text.encode())])
            conn.execute("UPDATE documents SET text = ? WHERE id = ?", [text, i])  # the triggers index it
            conn.execute("INSERT INTO events (at, document_id, version_id, kind) VALUES (?, ?, ?, 'new')",
                         [date + "T00:00:00Z", i, i])
            rows = []
            for k in range(per_doc):
                metric, unit, subject = METRICS[k % len(METRICS)]
                rows.append((i, i, "bench", metric, subject, float(rng.randint(1, 1000)), unit,
                             rng.choice([">", ">=", "~", "="]), rng.randint(2020, 2030), f"{subject}{k}", k * 10,
                             k * 10 + 8))
            conn.executemany('INSERT INTO targets (version_id, document_id, parser_version, metric, subject, value, '
                             'unit, comparator, year, quote, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                             rows)
        conn.execute("COMMIT")
        conn.execute("ANALYZE")


def cached(docs: int, directory: Path, per_doc: int = 10) -> Path:
    """The generated store of `docs` documents in `directory`, generated on first use (the same seed, so the
    same store every time)."""
    path = directory / f"scale-{docs}x{per_doc}.db"
    if not path.exists():
        partial = path.with_suffix(".part")
        partial.unlink(missing_ok=True)
        generate(partial, docs, per_doc)
        for suffix in ("-wal", "-shm"):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)
        partial.rename(path)
    return path


def percentiles(samples: list[float]) -> dict[str, float]:
    samples = sorted(samples)
    return {"p50_ms": round(statistics.median(samples) * 1000, 1),
            "p95_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.95))] * 1000, 1)}


def timed(fn, runs: int, clock=time.perf_counter) -> dict[str, float]:
    fn()  # warm the page cache, as a second query in a session would find it
    samples = []
    for _ in range(runs):
        t = clock()
        fn()
        samples.append(clock() - t)
    return percentiles(samples)


QUERIES = {
    "targets --region 四川 --metric industry_scale --year 2027":
        lambda s: s.queries.targets(region="四川", metric="industry_scale", year=2027),
    "search 标注 (2 chars)": lambda s: s.queries.search("标注"),
    "search 无此 (2 chars, no match)": lambda s: s.queries.search("无此"),
    "search 数据标注 (4 chars)": lambda s: s.queries.search("数据标注"),
    "search 数据标注产业规模 (8 chars)": lambda s: s.queries.search("数据标注产业规模"),
    "docs --since 2026-06-01": lambda s: s.queries.documents(since="2026-06-01"),
    "changes --since 2026-11-01": lambda s: s.history.changes(since="2026-11-01"),
    "timeline --region 海口 --metric industry_scale --format json":
        lambda s: list(s.dataset.timeline(region="海口", metric="industry_scale")),
    "timeline --region 海口 --format json (every event of a city)": lambda s: list(s.dataset.timeline(region="海口")),
}
COMMANDS = {
    "targets --region 四川 --metric industry_scale --year 2027 --json":
        ["targets", "--region", "四川", "--metric", "industry_scale", "--year", "2027", "--json"],
    "search 数据标注 --json": ["search", "数据标注", "--json"],
    "docs --since 2026-06-01 --json": ["docs", "--since", "2026-06-01", "--json"],
    "changes --since 2026-11-01 --json": ["changes", "--since", "2026-11-01", "--json"],
    "timeline --region 海口 --metric industry_scale --json":
        ["timeline", "--region", "海口", "--metric", "industry_scale", "--json"],
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--targets-per-doc", type=int, default=10)
    ap.add_argument("--cache", type=Path, help="keep generated stores here (default: a temporary directory)")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--cpu", action="store_true", help="in-process queries only, in CPU time (steadier on a shared "
                    "machine: compare two checkouts by running this with each on PYTHONPATH in turn)")
    a = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    started = time.perf_counter()
    path = cached(a.docs, a.cache or Path(tmp.name), a.targets_per_doc)
    out: dict[str, object] = {"documents": a.docs, "targets": a.docs * a.targets_per_doc,
                              "store_mb": round(os.path.getsize(path) / 1e6, 1),
                              "ready_s": round(time.perf_counter() - started, 1)}
    in_process = {}
    with Store(path, readonly=True) as store:
        for name, q in QUERIES.items():
            clock = time.process_time if a.cpu else time.perf_counter
            in_process[name] = timed(lambda q=q: q(store), a.runs, clock) | {"rows": len(q(store))}
    out["in_process (CPU)" if a.cpu else "in_process"] = in_process
    if a.cpu:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return
    exe = [sys.executable, "-m", "policytrack"]
    out["whole_command"] = {
        name: timed(lambda args=args: subprocess.run([*exe, *args, "--db", str(path)], check=True,
                                                     stdout=subprocess.DEVNULL), max(3, a.runs // 4))
        for name, args in COMMANDS.items()
    }
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
