"""Human forms of stored values: >20%, ≥100亿元, ~10家, and the one way a target is written in a line.

Pure functions; JSON never carries these strings, only the values they are made from.
"""

from __future__ import annotations

from typing import Any

COMPARATOR_SIGNS = {">": ">", ">=": "≥", "~": "~", "=": ""}
# Decimal prefixes, as the documents write them: 1PB is 10^15 bytes, 5000PFLOPS is 5×10^18 FLOPS.
_PREFIXES = ((1e21, "Z"), (1e18, "E"), (1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "K"))
_SUFFIX = {"CNY": "元", "persons": "人", "person_times": "人次", "jobs": "个岗位"}


def number(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.4g}"


def amount(value: float | None, unit: str | None, measure: str | None = None) -> str:
    """20 percent → 20%; 1e10 CNY → 100亿元; 22000 persons → 2.2万人; 1e15 bytes → 1PB; 5e18 FLOPS → 5EFLOPS."""
    if value is None:
        return ""
    kind = measure or unit or ""
    if kind == "percent":
        return f"{number(value)}%"
    if kind in ("bytes", "flops"):
        name = "B" if kind == "bytes" else "FLOPS"
        for size, prefix in _PREFIXES:
            if value >= size:
                return f"{number(value / size)}{prefix}{name}"
        return f"{number(value)}{name}"
    if kind == "jobs" and unit == "persons":
        kind = "persons"  # 带动就业1万人: jobs said as the people in them
    return _scaled(value, _SUFFIX.get(kind, ""))


def _scaled(value: float, suffix: str) -> str:
    if abs(value) >= 1e8:
        return f"{number(value / 1e8)}亿{suffix}"
    if abs(value) >= 1e4:
        return f"{number(value / 1e4)}万{suffix}"
    return f"{number(value)}{suffix}"


def commitment(comparator: str | None, value: float | None, unit: str | None, measure: str | None = None) -> str:
    """The comparator and value as a reader writes them: ≥100亿元."""
    return f"{COMPARATOR_SIGNS.get(comparator or '=', '')}{amount(value, unit, measure)}"


def figure(r: dict[str, Any]) -> str:
    """A target's or fact's comparator and value (≥100亿元)."""
    return commitment(r.get("comparator"), r.get("value"), r.get("unit"), r.get("measure"))


def target_line(t: dict[str, Any]) -> str:
    """The one way a target reads in a line: growth_rate: 年均复合增长率 >20% by 2027."""
    year = f" by {t['year']}" if t.get("year") else ""
    return f"{t['metric']}: {t.get('subject') or ''} {figure(t)}{year}"


def change_line(old: dict[str, Any], new: dict[str, Any]) -> str:
    """A revised target: industry_scale: 数据标注产业规模 ≥50亿元 → ≥100亿元 by 2027."""
    year = f" by {new['year']}" if new.get("year") else ""
    return f"{new['metric']}: {new.get('subject') or ''} {figure(old)} → {figure(new)}{year}"
