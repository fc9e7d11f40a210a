"""The 发文字号 grammar: the numbers documents carry, in the ways pages and citations spell them. Pure.

Three forms are in use:
- the common one, issuer code〔year〕serial号: 发改数据〔2024〕1822号; brackets vary (〔〕 [] ［］ （） () 【】),
  號 appears in Traditional mirrors, spaces creep in, and some pages write full-width digits (〔２０２０〕６号);
- orders (令), numbered without a year or with one: 国令第707号, 国家发展和改革委员会令第27号, 第27号令,
  2024年第22号令;
- announcements (公告): 国家发展改革委公告2025年第1号, 公告 2025年第1号, 2025年第1号公告.

`find` reads the first number of any form in a text, `normalise` gives its official spelling, and `key` one
spelling for matching, under which all variants of a number agree. `DOC_NUMBER` is the first form alone
(citations in running text use it).
"""

from __future__ import annotations

import re
import unicodedata

_YEAR = r"(?:19|20|１９|２０)\d{2}"
# 发改数据〔2024〕1822号, with [2024] / （2024） / 【2024】 variants, full-width digits and traditional 號.
DOC_NUMBER = re.compile(
    rf"[\u4e00-\u9fff]{{1,10}}\s*[〔\[［（(【]\s*({_YEAR})\s*[〕\]］）)】]\s*(\d{{1,5}})\s*[号號]"
)
# 国令第707号, 中华人民共和国国家发展和改革委员会令 第 27 号, 国家发展改革委令2024年第22号: the issuer ends in 令.
ORDER = re.compile(
    rf"(?P<org>[\u4e00-\u9fff]{{0,20}}?令)\s*(?:(?P<year>{_YEAR})\s*年\s*)?第\s*(?P<n>\d{{1,5}})\s*[号號]"
)
# 第27号令, 2024年第22号令: the order named after its number.
ORDER_AFTER = re.compile(rf"(?:(?P<year>{_YEAR})\s*年\s*)?第\s*(?P<n>\d{{1,5}})\s*[号號]\s*令")
# 国家发展改革委公告 2025年第1号 (NDRC's list titles), 公告2025年第1号.
NOTICE = re.compile(
    rf"(?P<org>[\u4e00-\u9fff]{{0,20}}?公告)\s*(?P<year>{_YEAR})\s*年\s*第\s*(?P<n>\d{{1,5}})\s*[号號]"
)
# 2025年第1号公告.
NOTICE_AFTER = re.compile(rf"(?P<year>{_YEAR})\s*年\s*第\s*(?P<n>\d{{1,5}})\s*[号號]\s*公告")
_SPACE = re.compile(r"\s+")
# Words a sentence puts before an order's issuer: 根据国家发展改革委令第22号 cites 国家发展改革委令第22号.
_LEAD = re.compile(r"^(?:根据|依据|按照|依照|参照|贯彻|落实|执行|印发|发布|公布|经|由|以|及|和|与|的)+")
_FORMS = (DOC_NUMBER, ORDER, ORDER_AFTER, NOTICE, NOTICE_AFTER)


def _digits(text: str) -> str:
    """Full-width digits as ASCII (２０２０ → 2020), nothing else folded."""
    return "".join(unicodedata.normalize("NFKC", c) if "０" <= c <= "９" else c for c in text)


def _spelled(m: re.Match[str], *, serial: str | None = None) -> str:
    """The official spelling of one match, of whichever form; `serial` replaces the serial (for `key`)."""
    groups = m.groupdict()
    if m.re is DOC_NUMBER:
        prefix = _SPACE.sub("", m.string[m.start(): m.start(1)]).rstrip("〔[［（(【")
        return f"{prefix}〔{_digits(m.group(1))}〕{serial or _digits(m.group(2))}号"
    n = serial or _digits(groups["n"])
    year = f"{_digits(groups['year'])}年" if groups.get("year") else ""
    if m.re in (ORDER, NOTICE):
        org = _LEAD.sub("", _SPACE.sub("", groups["org"])) or groups["org"]
        return f"{org}{year}第{n}号"
    if m.re is ORDER_AFTER:
        return f"{year}第{n}号令"
    return f"{year}第{n}号公告"


def _first(text: str) -> re.Match[str] | None:
    """The earliest number in `text` of any form (the common form first on a tie)."""
    found = [m for form in _FORMS if (m := form.search(text))]
    return min(found, key=lambda m: (m.start(), _FORMS.index(m.re))) if found else None


def normalise(found: str) -> str:
    """The official spelling: 〔〕 brackets, 号, ASCII digits, no spaces; 国令第707号, 第27号令,
    国家发展改革委公告2025年第1号; a string without a number is returned folded."""
    m = _first(found)
    return _spelled(m) if m else " ".join(found.split())


def find(text: str | None) -> str | None:
    """The first 发文字号 in `text`, of any form, normalised."""
    m = _first(text or "")
    return _spelled(m) if m else None


def key(doc_number: str | None) -> str | None:
    """One spelling for matching (spaces, width and leading zeros of the serial folded); None for no
    number at all, such as the empty placeholder 〔〕号."""
    if not doc_number:
        return None
    m = _first(_SPACE.sub("", unicodedata.normalize("NFKC", doc_number)))
    if not m:
        return None
    serial = m.group(2) if m.re is DOC_NUMBER else m.group("n")
    return _spelled(m, serial=str(int(serial)))
