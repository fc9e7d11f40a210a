"""Human forms of stored values: >20%, ≥100亿元, ~10家. Pure functions."""

from __future__ import annotations

COMPARATOR_SIGNS = {">": ">", ">=": "≥", "~": "~", "=": ""}


def number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "")
    return f"{value:.4g}"


def amount(value: float | None, unit: str) -> str:
    """20 percent → 20%; 1e10 CNY → 100亿元; 22000 persons → 2.2万人."""
    if value is None:
        return ""
    if unit == "percent":
        return f"{number(value)}%"
    if unit == "CNY":
        return _scaled(value, "元")
    if unit == "persons":
        return _scaled(value, "人")
    if unit == "bytes":
        for size, name in ((1 << 50, "PB"), (1 << 40, "TB"), (1 << 30, "GB"), (1 << 20, "MB")):
            if value >= size:
                return f"{number(value / size)}{name}"
        return f"{number(value)}B"
    return _scaled(value, "")


def _scaled(value: float, suffix: str) -> str:
    if abs(value) >= 1e8:
        return f"{number(value / 1e8)}亿{suffix}"
    if abs(value) >= 1e4:
        return f"{number(value / 1e4)}万{suffix}"
    return f"{number(value)}{suffix}"


def commitment(comparator: str | None, value: float | None, unit: str) -> str:
    """The comparator and value as a reader writes them: ≥100亿元."""
    return f"{COMPARATOR_SIGNS.get(comparator or '=', '')}{amount(value, unit)}"
