"""Dates as Chinese government pages write them, normalised to ISO ``YYYY-MM-DD``. Pure."""

from __future__ import annotations

import re
from datetime import date

# One alternation so the leftmost date in the string wins (a PubDate may hold two datetimes back to back).
_FULL = re.compile(
    r"(?P<y1>(?:19|20)\d{2})\s*年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*日?"
    r"|(?P<y2>(?:19|20)\d{2})\s*[-/.．]\s*(?P<m2>\d{1,2})\s*[-/.．]\s*(?P<d2>\d{1,2})(?!\d)"
    r"|(?<!\d)(?P<y3>(?:19|20)\d{2})(?P<m3>[01]\d)(?P<d3>[0-3]\d)(?!\d)"
)
# Month and day only, as lists print them: "[01-13]", "01/13", "1月13日".
_MONTH_DAY = re.compile(r"(?<!\d)(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})(?!\d)")


def iso(y: str | int, m: str | int, d: str | int) -> str | None:
    """A calendar date as YYYY-MM-DD, or None when there is no such day (2025-02-30)."""
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def parse_date(s: str | None, context_year: int | None = None) -> str | None:
    """The first date in `s` as ISO, or None.

    Accepts 2025-01-13, 2025年1月13日, 2025/01/13, 2025.01.13, 20250113, 2025-01-13-10:00:00 and a string
    holding two datetimes (the first wins). A month-day alone (``[01-13]``) needs `context_year`.
    """
    if not s:
        return None
    s = s.replace("\u3000", " ").replace("\xa0", " ")
    for m in _FULL.finditer(s):
        for i in "123":
            if m.group(f"y{i}"):
                found = iso(m.group(f"y{i}"), m.group(f"m{i}"), m.group(f"d{i}"))
                if found:
                    return found
    if context_year is not None:
        for m in _MONTH_DAY.finditer(s):
            found = iso(context_year, m.group("m"), m.group("d"))
            if found:
                return found
    return None
