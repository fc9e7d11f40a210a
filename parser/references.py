"""References from one policy to others: 《…》 titles and cited 发文字号. Pure: text in, records out.

"为贯彻落实《关于促进数据标注产业高质量发展的实施意见》（发改数据〔2024〕1822号）" gives one reference with
both a title and a number; a bare number or a bare title is a reference too. Titles of laws and plans
that are not documents we track simply match nothing in the store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policytrack.parser.doc_numbers import DOC_NUMBER
from policytrack.parser.doc_numbers import normalise as normalise_doc_number

# A title in book-title marks, optionally followed by its number in brackets.
_TITLED = re.compile(r"《(?P<title>[^《》\n]{4,80})》(?:\s*[（(]\s*(?P<number>[^（）()\n]{4,30}?)\s*[）)])?")


# Words that run into a bare number in prose ("根据国办发〔2023〕5号"): the number starts after the last one.
_LEAD_IN = re.compile(r"^.*(?:根据|按照|依据|落实|贯彻|参照|对照|执行|印发|转发|关于|和|及|与|的|等)")


@dataclass(frozen=True, slots=True)
class Reference:
    title: str | None
    doc_number: str | None
    quote: str
    start: int
    end: int


def find_references(text: str) -> list[Reference]:
    out: list[Reference] = []
    covered: list[tuple[int, int]] = []
    seen: set[tuple[str | None, str | None]] = set()
    for m in _TITLED.finditer(text):
        number = None
        if m.group("number") and DOC_NUMBER.search(m.group("number")):
            number = normalise_doc_number(m.group("number"))
        key = (m.group("title"), number)
        covered.append(m.span())
        if key not in seen:
            seen.add(key)
            out.append(Reference(m.group("title"), number, m.group(0), m.start(), m.end()))
    for m in DOC_NUMBER.finditer(text):
        if any(a <= m.start() < b for a, b in covered):
            continue
        lead = _LEAD_IN.match(m.group(0))
        start = m.start() + (lead.end() if lead else 0)
        number = normalise_doc_number(text[start:m.end()])
        if (None, number) not in seen:
            seen.add((None, number))
            out.append(Reference(None, number, text[start:m.end()], start, m.end()))
    return sorted(out, key=lambda r: r.start)
