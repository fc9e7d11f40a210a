"""Differences between two versions of a document: the text by sentence, the targets by what they measure.

Pure. Chinese has no spaces, so a word or line diff is unreadable; sentences (。！？；and line ends) are the
unit a reader compares. Targets are matched on (metric, subject, year): the same commitment with a new
value or comparator is a change, not a removal plus an addition.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

_SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+|\n|$)")
TARGET_KEY = ("metric", "subject", "year")
TARGET_VALUE = ("value", "unit", "comparator")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def text_diff(old: str, new: str, *, context: int = 1) -> list[tuple[str, str]]:
    """(op, sentence) pairs, op being ' ' (context), '-' or '+'; only changed regions with `context`
    sentences around them. Empty when the texts have the same sentences."""
    a, b = sentences(old), sentences(new)
    out: list[tuple[str, str]] = []
    for group in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(context):
        if out:
            out.append(("@", "…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out += [(" ", s) for s in a[i1:i2]]
                continue
            out += [("-", s) for s in a[i1:i2]]
            out += [("+", s) for s in b[j1:j2]]
    return out


def unified(diff: Sequence[tuple[str, str]], old_label: str, new_label: str) -> str:
    lines = [f"--- {old_label}", f"+++ {new_label}"]
    lines += [f"{op}{s}" if op != "@" else "@@" for op, s in diff]
    return "\n".join(lines) + "\n"


def _key(r: dict[str, Any]) -> tuple:
    return tuple(r.get(k) for k in TARGET_KEY)


def record_diff(old: Iterable[dict[str, Any]], new: Iterable[dict[str, Any]]) -> dict[str, list]:
    """{"added": [...], "removed": [...], "changed": [{"old": .., "new": ..}]} between two target lists."""
    before: dict[tuple, list[dict]] = defaultdict(list)
    for r in old:
        before[_key(r)].append(r)
    added, changed = [], []
    for r in new:
        olds = before.get(_key(r))
        if not olds:
            added.append(r)
            continue
        same = next((o for o in olds if all(o.get(k) == r.get(k) for k in TARGET_VALUE)), None)
        prev = same or olds[0]
        olds.remove(prev)
        if same is None:
            changed.append({"old": prev, "new": r})
    removed = [r for rs in before.values() for r in rs]
    return {"added": added, "removed": removed, "changed": changed}
