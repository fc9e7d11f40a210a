"""Numbers as Chinese policy text writes them, with their units: pure functions over cleaned text.

20%, 百分之二十, 1.2万名, 3000余家, 十余个, 两千, 百亿元, 5.86万亿元, 3至5个, 8323TB, 5000PFLOPS, 增长1倍.
A number counts only with a unit: bare digits (文号, phone numbers, enumerations, [1]) and numbers followed
by 年/月/日/级/第 are not quantities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policytrack.parser.numerals import cn_number

MULTIPLIERS = {"十": 10, "百": 100, "千": 1000, "万": 1e4, "亿": 1e8}
COUNT_WORDS = "个家项所座款种套台架户处张例件支颗门"
PERSON_WORDS = "人名"
BYTE_UNITS = {"KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12, "PB": 1e15, "EB": 1e18, "ZB": 1e21}
FLOPS_UNITS = {"TFLOPS": 1e12, "PFLOPS": 1e15, "EFLOPS": 1e18}

_CN = "零〇一二两三四五六七八九十百千万亿"
_AR = r"\d+(?:\.\d+)?"
_CORE = rf"(?:{_AR}|[{_CN}]+)"
_UNIT = (r"(?P<unit>%|个百分点|元|倍|人次|(?:" + "|".join(sorted(FLOPS_UNITS, key=len, reverse=True)) + r")"
         r"|(?:" + "|".join(BYTE_UNITS) + r")(?![A-Za-z])"
         rf"|[{COUNT_WORDS}{PERSON_WORDS}](?!民|类|性|体|月|工作日|小时|持|付|出|撑))")
QUANTITY = re.compile(
    rf"(?<![\d.{_CN}第A-Za-z])(?:百分之(?P<pct>{_CORE})"
    rf"|(?P<low>{_CORE})(?:[至到\-—–~～]+|个至)(?P<high>{_CORE})(?P<rmult>[万亿千百]*)(?P<rapprox>余|多)?{_UNIT}"
    rf"|(?P<num>{_CORE})(?P<mult>[万亿千百]*)(?P<approx>余|多)?" + _UNIT.replace("?P<unit>", "?P<unit2>") + ")",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    unit: str  # percent | CNY | persons | count | bytes | flops | times
    approx: str | None  # "余"/"多" (more than) when written after the number
    is_range: bool
    start: int
    end: int
    word: str  # the unit as written: 家, 个, 亿元 ...


def core_value(core: str, mult: str = "") -> float | None:
    value = float(core) if core[0].isdigit() else cn_number(core)
    if value is None:
        return None
    for ch in mult:
        value *= MULTIPLIERS[ch]
    return float(f"{value:.12g}")  # 18.6亿 is 1860000000, not 1860000000.0000002


def _unit(word: str) -> tuple[str, float]:
    upper = word.upper()
    if word in ("%", "个百分点"):
        return "percent", 1
    if word == "元":
        return "CNY", 1
    if word == "倍":
        return "times", 1
    if upper in FLOPS_UNITS:
        return "flops", FLOPS_UNITS[upper]
    if upper in BYTE_UNITS:
        return "bytes", BYTE_UNITS[upper]
    if word in PERSON_WORDS or word == "人次":
        return "persons", 1
    return "count", 1


# 百亿级, 千亿级: an order of magnitude of money, "at least"
MAGNITUDE = re.compile(rf"(?<![\d.{_CN}第A-Za-z])(?P<num>{_AR}|[{_CN}]+)亿级")

# 100万 with no unit after it: a count of what the sentence is about (岗位缺口将高达100万).
BARE_LARGE = re.compile(
    rf"(?<![\d.{_CN}第A-Za-z])(?P<num>{_AR})(?P<mult>万|亿)(?![\d{_CN}元余多级{COUNT_WORDS}{PERSON_WORDS}])")


def quantities(text: str) -> list[Quantity]:
    out: list[Quantity] = []
    for m in MAGNITUDE.finditer(text):
        num = m.group("num")
        value = core_value(num, "亿") if num[0].isdigit() else core_value(num + "亿")
        if value:
            out.append(Quantity(value, "CNY", "级", False, m.start(), m.end(), "亿级"))
    for m in BARE_LARGE.finditer(text):
        out.append(Quantity(core_value(m.group("num"), m.group("mult")) or 0, "unknown", None, False,
                            m.start(), m.end(), m.group("mult")))
    for m in QUANTITY.finditer(text):
        if m.group("pct"):
            value = core_value(m.group("pct"))
            if value is not None:
                out.append(Quantity(value, "percent", None, False, m.start(), m.end(), "%"))
            continue
        if m.group("low"):
            core, mult, approx, word, is_range = m.group("low"), m.group("rmult"), m.group("rapprox"), \
                m.group("unit"), True
        else:
            core, mult, approx, word, is_range = m.group("num"), m.group("mult"), m.group("approx"), \
                m.group("unit2"), False
        value = core_value(core, mult)
        if value is None:
            continue
        unit, scale = _unit(word)
        out.append(Quantity(value * scale, unit, approx, is_range, m.start(), m.end(),
                            (mult or "") + word))
    return _merge_ranges(text, sorted(out, key=lambda q: q.start))


_RANGE_JOIN = re.compile(r"^(?:[至到\-—–~～]+)$")


def _merge_ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    """20%—30%, 100万元至1000万元: one quantity, its lower bound, marked as a range."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if prev and prev.unit == q.unit and _RANGE_JOIN.match(text[prev.end:q.start]):
            out[-1] = Quantity(prev.value, prev.unit, prev.approx, True, prev.start, q.end, q.word)
            continue
        out.append(q)
    return out
