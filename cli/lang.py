"""`--lang en`: the labels of every command's rows in English, applied in one place before the rows reach the
output layer, so each command gets it the same way.

Labels are the fields the vocabulary (parser/vocabulary.py) translates: region, province, issuer, level,
metric, kind, relation. JSON keeps every Chinese field and adds an `_en` field beside each label (`region_en:
"Sichuan"`) and `title_en` beside a title (empty unless a translation is stored; titles, subjects and quotes
are the documents' own words and stay Chinese). Tables and CSV show the English label in the label's own
column, under English headers. A name the vocabulary does not know is left as written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from policytrack.cli import formatting
from policytrack.cli.output import Column
from policytrack.parser.vocabulary import KIND_EN, LEVEL_EN, METRIC_EN, RELATION_EN, issuer_en, region_en

LABELS: dict[str, Callable[[Any], Any]] = {
    "region": region_en, "province": region_en, "issuer": issuer_en, "scheme_issuer": issuer_en,
    "level": LEVEL_EN.get, "metric": METRIC_EN.get, "kind": KIND_EN.get, "relation": RELATION_EN.get,
}
HEADERS_EN = {"发文字号": "doc no.", "发文机关": "issuer", "成文日期": "written", "发布日期": "published"}


def english(key: str, value: Any) -> Any:
    """A label's English form; the value itself when the vocabulary has none (or it is not text)."""
    if not isinstance(value, str) or key not in LABELS:
        return value
    return LABELS[key](value) or value


def add_english(obj: Any) -> Any:
    """Rows (dicts, lists, nested) with an `_en` field after each label and `title_en` after each title."""
    if isinstance(obj, list):
        return [add_english(v) for v in obj]
    if not isinstance(obj, dict):
        return obj
    out: dict[str, Any] = {}
    for key, value in obj.items():
        out[key] = add_english(value)
        if key in LABELS and isinstance(value, str) and f"{key}_en" not in obj:
            out[f"{key}_en"] = english(key, value)
        elif key == "title" and "title_en" not in obj:
            out["title_en"] = ""  # no translation is stored: titles stay Chinese
    return out


def in_english(row: dict[str, Any]) -> dict[str, Any]:
    """A row for a table or CSV: each label replaced by its English form, `title_en` beside the title."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        out[key] = english(key, value)
        if key == "title" and "title_en" not in row:
            out["title_en"] = ""
    return out


def header(text: str) -> str:
    return HEADERS_EN.get(text, text)


def localize(rows: Iterable[dict[str, Any]], cols: Sequence[Column], fmt: str,
             lang: str) -> tuple[Iterable[dict[str, Any]], list[Column]]:
    """The rows and columns a command hands to `output.emit`, in the language asked for (rows stay a stream
    in Chinese)."""
    if lang != "en":
        return rows, list(cols)
    if fmt == "json":
        return add_english(list(rows)), list(cols)
    return [in_english(r) for r in rows], [Column(c.key, header(c.header), c.fixed) for c in cols]


# ---- figures -------------------------------------------------------------------------------------------

_UNIT_WORDS = {"persons": "persons", "person_times": "person-times", "jobs": "jobs"}


def _grouped(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"


def amount_en(value: float | None, unit: str | None, measure: str | None = None) -> str:
    """20 percent → 20%; 1.5e10 CNY → CNY 15 bn; 30000 persons → 30,000 persons; 1e15 bytes → 1PB."""
    if value is None:
        return ""
    kind = measure or unit or ""
    if kind in ("percent", "bytes", "flops"):
        return formatting.amount(value, unit, measure)  # 20%, 1PB, 5EFLOPS: no Chinese in them
    if kind == "CNY":
        for size, word in ((1e9, "bn"), (1e6, "m")):
            if abs(value) >= size:
                return f"CNY {formatting.number(value / size)} {word}"
        return f"CNY {_grouped(value)}"
    word = _UNIT_WORDS.get(kind)
    return f"{_grouped(value)} {word}" if word else _grouped(value)


def figure(r: dict[str, Any], lang: str = "zh") -> str:
    """A target's or figure's comparator and value: ≥100亿元, or ≥CNY 10 bn in English."""
    if lang != "en":
        return formatting.figure(r)
    sign = formatting.COMPARATOR_SIGNS.get(r.get("comparator") or "=", "")
    return f"{sign}{amount_en(r.get('value'), r.get('unit'), r.get('measure'))}"


def target_line(t: dict[str, Any], lang: str = "zh") -> str:
    """growth_rate: 年均复合增长率 >20% by 2027 (the metric's English name under --lang en)."""
    if lang != "en":
        return formatting.target_line(t)
    year = f" by {t['year']}" if t.get("year") else ""
    return f"{english('metric', t['metric'])}: {t.get('subject') or ''} {figure(t, lang)}{year}"


def change_line(old: dict[str, Any], new: dict[str, Any], lang: str = "zh") -> str:
    if lang != "en":
        return formatting.change_line(old, new)
    year = f" by {new['year']}" if new.get("year") else ""
    return f"{english('metric', new['metric'])}: {new.get('subject') or ''} {figure(old, lang)} → " \
           f"{figure(new, lang)}{year}"
