"""When a document is in force: its stated period (2024—2026年), its term (有效期3年), its start date.

Pure. Dates are ISO strings; the issue date (written or published) anchors relative terms such as
"自印发之日起施行，有效期3年". A document that states nothing has no expiry (in force until replaced).
"""

from __future__ import annotations

import re
from datetime import date

from policytrack.parser.dates import iso as _iso
from policytrack.parser.numerals import small_number

_DASH = "—–\\-－~～至到"
_PERIOD = re.compile(rf"(?<!\d)(?P<a>20\d{{2}})\s*年?\s*[{_DASH}]+\s*(?P<b>20\d{{2}})\s*年")
_TERM = re.compile(r"有效期(?:为|至)?\s*(?P<n>[0-9一二两三四五六七八九十]+)\s*年")
_UNTIL = re.compile(r"有效期至\s*(?P<y>20\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_FROM = re.compile(r"自\s*(?P<y>20\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*起(?:施行|实施|执行)")
_FROM_ISSUE = re.compile(r"自(?:印发|发布|公布)之日起(?:施行|实施|执行)")


def _add_years(iso: str, years: int) -> str:
    d = date.fromisoformat(iso)
    try:
        end = d.replace(year=d.year + years)
    except ValueError:  # 29 February
        end = d.replace(year=d.year + years, day=28)
    return date.fromordinal(end.toordinal() - 1).isoformat()


def validity(title: str, text: str, issued: str | None) -> tuple[str | None, str | None]:
    """(valid_from, expires) as ISO dates, each None when the document does not say."""
    valid_from = None
    if m := _FROM.search(text):
        valid_from = _iso(m["y"], m["m"], m["d"])
    elif _FROM_ISSUE.search(text):
        valid_from = issued
    start = valid_from or issued
    if m := _UNTIL.search(text):
        return valid_from, _iso(m["y"], m["m"], m["d"])
    if (m := _TERM.search(text)) and start:
        years = small_number(m["n"])
        if years:
            return valid_from, _add_years(start, years)
    m = _PERIOD.search(title)  # a plan's own period is in its title; one in the text may be a citation
    if m and int(m["a"]) <= int(m["b"]):
        return valid_from or f"{m['a']}-01-01", f"{m['b']}-12-31"
    return valid_from, None
