"""The extractor against the hand-checked dev set (../shared/corpus/targets_dev.jsonl), in process, with the
official scorer's matching rules (bench/score_extraction.py). Thresholds sit a little below the figures
reached, so that a regression fails; the held-out split is the part never looked at while tuning."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "corpus" / "targets_dev.jsonl"

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="the dev set (../shared/corpus) is not here")


@pytest.fixture(scope="module")
def scorer():
    spec = importlib.util.spec_from_file_location("score_extraction", ROOT / "bench" / "score_extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_whole_dev_set(scorer) -> None:
    r = scorer.score(GOLD)
    assert r["targets"]["f1"] >= 0.95  # 0.972 reached (second pass; 0.940 at its start)
    assert r["facts"]["f1"] >= 0.90  # 0.925
    assert r["incentives"]["f1"] >= 0.95  # 0.980
    assert r["schemes"]["f1"] >= 0.88  # 0.923
    assert r["metric_accuracy"] >= 0.97 and r["comparator_accuracy"] >= 0.97


def test_the_held_out_split(scorer) -> None:
    r = scorer.score(GOLD, scorer.split_ids(GOLD, "held-out"))
    assert r["excerpts"] == 18
    assert r["targets"]["f1"] >= 0.90  # 0.928 reached (second pass, scored once at its end; 0.855 before)


def test_the_split_is_the_one_written_down(scorer) -> None:
    import hashlib

    ids = {line.split('"id": "')[1].split('"')[0] for line in GOLD.read_text(encoding="utf-8").splitlines()
           if '"id": "' in line}
    assert set(scorer.HELD_OUT) == {i for i in ids if int(hashlib.sha1(i.encode()).hexdigest(), 16) % 4 == 1}


def test_the_folds_cut_the_tune_split_in_four(scorer) -> None:
    parts = [scorer.fold_ids(GOLD, k) for k in range(4)]
    tune = scorer.split_ids(GOLD, "tune")
    assert set().union(*parts) == tune and sum(len(p) for p in parts) == len(tune) == 55
    assert all(len(p) >= 10 for p in parts) and not tune & set(scorer.HELD_OUT)


def test_the_tune_folds(scorer) -> None:
    r = scorer.folds(GOLD)
    assert r["targets"]["mean"] >= 0.97 and min(r["targets"]["folds"]) >= 0.95  # 1.000 in each
    assert r["facts"]["mean"] >= 0.95  # 0.996
