"""Score the extractor in-process against a gold set, with the matching rules of ../shared/bin/score-targets.

    python3 bench/score_extraction.py GOLD.jsonl [--split tune|held-out|all] [--show-misses]
    python3 bench/score_extraction.py GOLD.jsonl --folds [--fold K --show-misses]

Targets and facts match when unit and year are equal and the values agree within 0.5 %, one-to-one and
greedy in gold order (as the official scorer does); incentives match on amount; schemes when one
whitespace-free quote contains the other. Metric and comparator accuracy are measured on matched pairs.

HELD_OUT is the part of the dev set kept apart while the parser is tuned: the ids whose sha1 is 1 mod 4,
decided once (before any excerpt was read) and written here so that the split never moves. Misses are
only shown for the tune split: the held-out excerpts are scored, never looked at.

FOLDS cut the tune split in four for cross-validation: fold = sha1("fold:" + id) mod 4. (sha1(id) mod 4 itself
cannot serve: the tune split is the ids whose sha1 is 0, 2 or 3 mod 4, so it would give three folds, of 15, 23
and 17.) --folds scores each fold and the mean; --fold K --show-misses shows the misses of fold K alone, so
that a change made for them can be checked on the folds not read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

from policytrack.parser.document_text import text_from_file
from policytrack.parser.extract import extract

# sha1(id) % 4 == 1 over the 73 ids of targets_dev.jsonl (mod 4 == 0 gave 15, below the 18–20 wanted).
HELD_OUT: tuple[str, ...] = (
    "e001", "e003", "e008", "e010", "e060", "e063", "e066", "e073", "a005", "a018", "a022", "a026", "a032",
    "a033", "a040", "b002", "b026", "b034",
)
DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "targets_dev.jsonl"


def _squash(s: Any) -> str:
    return re.sub(r"\s+", "", str(s or ""))


def _close(a: Any, b: Any) -> bool:
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return a == b or abs(a - b) <= 0.005 * max(abs(a), abs(b))


def _match(pred: list[dict], gold: list[dict]) -> list[tuple[dict, dict]]:
    pairs, used = [], set()
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and p.get("unit") == g["unit"] and p.get("year") == g["year"] \
                    and _close(p.get("value"), g["value"]):
                used.add(i)
                pairs.append((p, g))
                break
    return pairs


def _quote_matches(pred: list[dict], gold: list[dict]) -> int:
    used, n = set(), 0
    for g in gold:
        for i, x in enumerate(pred):
            q, gq = _squash(x.get("quote") or x.get("name")), _squash(g["quote"])
            if i not in used and q and (q in gq or gq in q):
                used.add(i)
                n += 1
                break
    return n


def _prf(m: int, p: int, g: int) -> dict[str, float]:
    pp, rr = (m / p if p else 0.0), (m / g if g else 0.0)
    return {"f1": round(2 * pp * rr / (pp + rr) if pp + rr else 0.0, 3), "p": round(pp, 3), "r": round(rr, 3),
            "matched": m, "predicted": p, "gold": g}


def load(gold_path: str | Path, ids: set[str] | None = None) -> list[dict]:
    lines = [json.loads(line) for line in Path(gold_path).read_text(encoding="utf-8").splitlines() if line.strip()]
    return [ex for ex in lines if ids is None or ex["id"] in ids]


def score(gold_path: str | Path, ids: set[str] | None = None, misses: list[str] | None = None) -> dict:
    """Micro-averaged scores over the excerpts (all, or those in `ids`); misses appended to `misses`."""
    counts = {k: [0, 0, 0] for k in ("targets", "facts", "incentives", "schemes")}
    metric_ok = comp_ok = fact_as_target = target_as_fact = 0
    excerpts = load(gold_path, ids)
    for ex in excerpts:
        out = json.loads(json.dumps(extract(text_from_file(ex["text"].encode("utf-8"), "x.txt")).to_dict(),
                                    ensure_ascii=False, allow_nan=False))
        pred, gold = out["targets"], ex.get("targets", [])
        pairs = _match(pred, gold)
        metric_ok += sum(p.get("metric") == g["metric"] for p, g in pairs)
        comp_ok += sum(p.get("comparator") == g["comparator"] for p, g in pairs)
        fact_as_target += len(_match(pred, ex.get("facts", [])))
        target_as_fact += len(_match(out["facts"], gold))
        found = {"targets": len(pairs), "facts": len(_match(out["facts"], ex.get("facts", []))),
                 "incentives": len(_match([dict(x, unit="CNY", year=None, value=x.get("amount"))
                                           for x in out["incentives"]],
                                          [dict(x, unit="CNY", year=None, value=x.get("amount"))
                                           for x in ex.get("incentives", [])])),
                 "schemes": _quote_matches(out["schemes"], ex.get("schemes", []))}
        for kind, m in found.items():
            counts[kind][0] += m
            counts[kind][1] += len(out[kind])
            counts[kind][2] += len(ex.get(kind, []))
        if misses is not None:
            _misses(ex, out, pairs, misses)
    tp = counts["targets"][0]
    result: dict[str, Any] = {kind: _prf(*c) for kind, c in counts.items()}
    result["metric_accuracy"] = round(metric_ok / tp, 3) if tp else 0.0
    result["comparator_accuracy"] = round(comp_ok / tp, 3) if tp else 0.0
    result["facts_taken_as_targets"] = fact_as_target
    result["targets_taken_as_facts"] = target_as_fact  # (the tense decision's errors, both ways)
    result["excerpts"] = len(excerpts)
    return result


def _misses(ex: dict, out: dict, pairs: list[tuple[dict, dict]], lines: list[str]) -> None:
    i = ex["id"]
    got, hit = {id(g) for _, g in pairs}, {id(p) for p, _ in pairs}
    for g in ex.get("targets", []):
        if id(g) not in got:
            lines.append(f"{i}: missed  {g['quote']!r} -> {g['value']} {g['unit']} {g['year']}")
    for p in out["targets"]:
        if id(p) not in hit:
            lines.append(f"{i}: extra   {p['quote']!r} -> {p['value']} {p['unit']} {p['year']}")
    for p, g in pairs:
        if p["metric"] != g["metric"] or p["comparator"] != g["comparator"]:
            lines.append(f"{i}: label   {g['quote']!r}: metric {p['metric']} vs {g['metric']}, "
                         f"comparator {p['comparator']} vs {g['comparator']}")
    for kind in ("facts", "incentives", "schemes"):
        g_, p_ = ex.get(kind, []), out[kind]
        if kind == "facts":
            fp = _match(p_, g_)
            fg, fh = {id(g) for _, g in fp}, {id(p) for p, _ in fp}
            lines += [f"{i}: fact missed {g['quote']!r} -> {g['value']} {g['unit']} {g['year']}"
                      for g in g_ if id(g) not in fg]
            lines += [f"{i}: fact extra  {p['quote']!r} -> {p['value']} {p['unit']} {p['year']}"
                      for p in p_ if id(p) not in fh]
        elif kind == "incentives":
            gold = sorted(x.get("amount") or 0 for x in g_)
            pred = sorted(x.get("amount") or 0 for x in p_)
            if gold != pred:
                lines.append(f"{i}: incentives gold {[(x.get('amount'), x['quote']) for x in g_]} "
                             f"predicted {[(x.get('amount'), x['quote']) for x in p_]}")
        elif _quote_matches(p_, g_) < max(len(p_), len(g_)):
            lines.append(f"{i}: schemes gold {[x['quote'] for x in g_]} predicted {[x['quote'] for x in p_]}")


def fold_of(excerpt_id: str) -> int:
    return int(hashlib.sha1(f"fold:{excerpt_id}".encode()).hexdigest(), 16) % 4


def fold_ids(gold_path: str | Path, fold: int) -> set[str]:
    """The tune excerpts of one cross-validation fold (0–3)."""
    return {i for i in split_ids(gold_path, "tune") or set() if fold_of(i) == fold}


def folds(gold_path: str | Path) -> dict[str, Any]:
    """Each fold's scores and their mean (targets, facts, incentives, schemes F1; metric, comparator)."""
    per = [score(gold_path, fold_ids(gold_path, k)) for k in range(4)]
    keys = ("targets", "facts", "incentives", "schemes")
    # A fold with nothing of a kind, gold or predicted, says nothing of it (None, left out of the mean).
    rows = {k: [r[k]["f1"] if r[k]["gold"] or r[k]["predicted"] else None for r in per] for k in keys}
    rows["metric_accuracy"] = [r["metric_accuracy"] for r in per]
    rows["comparator_accuracy"] = [r["comparator_accuracy"] for r in per]
    return {"excerpts": [r["excerpts"] for r in per],
            **{k: {"folds": v, "mean": _mean(v)} for k, v in rows.items()}}


def _mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known), 3) if known else None


def split_ids(gold_path: str | Path, split: str) -> set[str] | None:
    if split == "all":
        return None
    every = {ex["id"] for ex in load(gold_path)}
    return set(HELD_OUT) & every if split == "held-out" else every - set(HELD_OUT)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="?", default=str(DEV))
    ap.add_argument("--split", choices=("tune", "held-out", "all"), default="tune")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--folds", action="store_true", help="4-fold scores over the tune split")
    ap.add_argument("--fold", type=int, choices=range(4), help="with --show-misses: the misses of one fold")
    a = ap.parse_args()
    if a.folds:
        print(json.dumps(folds(a.gold), ensure_ascii=False))
        return
    if a.show_misses and a.split != "tune":
        sys.exit("misses are shown for the tune split only: the held-out excerpts are scored, never read")
    misses: list[str] | None = [] if a.show_misses else None
    ids = fold_ids(a.gold, a.fold) if a.fold is not None else split_ids(a.gold, a.split)
    result = score(a.gold, ids, misses)
    for line in misses or []:
        print(line)
    t = result["targets"]
    print(json.dumps({k: v for k, v in result.items() if k != "targets"}, ensure_ascii=False))
    print(f"metric_accuracy={result['metric_accuracy']:.3f} comparator_accuracy={result['comparator_accuracy']:.3f}")
    print(f"F1={t['f1']:.3f} P={t['p']:.3f} R={t['r']:.3f} (gold {t['gold']}, predicted {t['predicted']})")


if __name__ == "__main__":
    main()
