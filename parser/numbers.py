"""Numbers as Chinese policy text writes them, with their units: pure functions over cleaned text.

20%, 百分之二十, 三分之一, 四成, 一半以上, 1.2万名, 3000余家, 十余个, 两千, 百亿元, 5.86万亿元, 3至5个, 8323TB, 5万P,
150EFLOPS, 60亿条, 增长1倍. A number counts only with a unit: bare digits (文号, phone numbers, enumerations,
[1]) and numbers followed by 年/月/日/级/第 are not quantities. Every value is finite: a figure of 10^400
is no quantity at all.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from policytrack.parser.numerals import cn_number

MULTIPLIERS = {"十": 10, "百": 100, "千": 1000, "万": 1e4, "亿": 1e8}
COUNT_WORDS = "个家项所座款种套台架户处张例件支颗门份"
PERSON_WORDS = "人名位"
BYTE_UNITS = {"KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12, "PB": 1e15, "EB": 1e18, "ZB": 1e21}
FLOPS_PREFIXES = {"T": 1e12, "P": 1e15, "E": 1e18, "Z": 1e21}

_CN = "零〇一二两三四五六七八九十百千万亿"
_AR = r"\d{1,3}(?:,\d{3})+(?![\d,])(?:\.\d+)?|\d+(?:\.\d+)?"  # 1,200家: thousands grouped
_CORE = rf"(?:{_AR}|[{_CN}]+)"
# 位 counts persons (至少100位同学) but not in 位于/位列/位居; 条 counts records or items (60亿条数据, 10条产业链).
_UNIT = (r"(?P<unit>%|‰|个百分点|元|倍|人次"
         r"|[TPEZ]\s?FLOPS|P(?![A-Za-z])"  # 5000PFLOPS, 150Eflops, 5万P
         r"|(?:" + "|".join(BYTE_UNITS) + r")(?![A-Za-z])"
         r"|次"  # 每秒10万亿次: operations per second (other counts of times are no quantity)
         r"|位(?![于列居置]|一体|数(?!据|字))|条(?![例件款龙])|类(?![型别似])"
         r"|大(?![于幅力大约多量会型规模和精神以来报告批])"  # 七大职场, 10大数据中心 (三大行动 is a plan's own part)
         r"|场次|场(?![景地所馆次合面])"  # 举办招聘会10场, 20场次 (not 场景, 场地)
         r"|本(?![市省区县次地级科届轮期年月土部])"  # 发放证书1200余本 (not 本市, 本科)
         rf"|[{COUNT_WORDS}人名](?!民|类|性|体|月|工作日|小时|持|付|出|撑))")
# Each pattern opens on a lookahead for the characters a match can start with: the engine then skips the other
# characters at once instead of trying the lookbehind and every alternative at each one (3× faster).
QUANTITY = re.compile(
    rf"(?=[\d{_CN}半翻双过倍])(?<![\d.{_CN}第A-Za-z])(?:百分之(?P<pct>{_CORE})"
    r"|(?P<den>[二三四五六七八九十]|\d{1,2})分之(?P<nom>[一二三四五六七八九]|\d{1,2})(?![\d十百千万])"  # 三分之一
    r"|(?P<cheng>[一二两三四五六七八九])成(?=以上|左右|多|的|[，,。；;、]|$)"  # 四成: 40 %
    r"|(?<=[约近超逾占达过有])(?P<cheng2>[一二两三四五六七八九1-9])成(?![为立功效果长本])"  # 约四成, 约占5成
    r"|(?P<half>一大半|一半|(?<!超)过半(?!年)|半数)"  # 一半以上, 一大半: half, or more than half
    # 翻番, 翻一番, 实现倍增: growth of 100 %; 翻两番 300 %; 双翻番 of two quantities (not 倍增计划, a plan's name)
    r"|(?P<fan>双?翻了?(?:一|两|三)?番|(?<=[现量模收值])倍增(?![计行工]))"
    rf"|(?P<low>{_CORE})(?P<lmult>[万亿千百]*)(?:[至到\-—–~～]+|个至)(?P<high>{_CORE})(?P<rmult>[万亿千百]*)"
    rf"(?P<rapprox>余|多)?{_UNIT}"
    rf"|(?P<num>{_CORE})(?:(?P<approx0>余|多)(?=[万亿]))?(?P<mult>[万亿千百]*)(?P<approx>余|多)?"
    + _UNIT.replace("?P<unit>", "?P<unit2>") + ")",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    unit: str  # percent | CNY | persons | person_times | count | records | bytes | flops | times | unknown
    approx: str | None  # "余"/"多" (more than) when written after the number; "级" an order of magnitude
    is_range: bool
    start: int
    end: int
    word: str  # the unit as written: 家, 个, 亿元 ...
    high: float | None = None  # a range's upper bound (100万至1000万元: value 1e6, high 1e7)


def core_value(core: str, mult: str = "") -> float | None:
    """The number, or None when it is none a document could mean: a figure of 10^400 overflows to inf
    (and inf * 0 to NaN), which no JSON can carry."""
    value = float(core.replace(",", "")) if core[0].isdigit() else cn_number(core)
    if value is None:
        return None
    for ch in mult:
        value *= MULTIPLIERS[ch]
    return finite(float(f"{value:.12g}"))  # 18.6亿 is 1860000000, not 1860000000.0000002


def scaled(value: float, factor: float) -> float:
    """value × factor as a person writes it: 增长2.3倍 is 230 percent, not 229.99999999999997."""
    return float(f"{value * factor:.12g}")


def finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def _unit(word: str) -> tuple[str, float]:
    upper = word.upper().replace(" ", "")
    if word in ("%", "个百分点"):
        return "percent", 1
    if word == "‰":
        return "percent", 0.1
    if word == "元":
        return "CNY", 1
    if word == "倍":
        return "times", 1
    if word == "人次":
        return "person_times", 1
    if upper.endswith("FLOPS") or upper == "P":
        return "flops", FLOPS_PREFIXES[upper[0]]
    if word.endswith("次") and not word.endswith("场次"):
        return "flops", 1  # 每秒10万亿次 (场次 counts events)
    if upper in BYTE_UNITS:
        return "bytes", BYTE_UNITS[upper]
    if word in PERSON_WORDS:
        return "persons", 1
    if word == "条":
        return "records", 1
    return "count", 1


# 百亿级, 千亿级: an order of magnitude of money, "at least"
MAGNITUDE = re.compile(rf"(?=[\d{_CN}])(?<![\d.{_CN}第A-Za-z])(?P<num>{_AR}|[{_CN}]+)亿级")

# 100万 with no unit after it: a count of what the sentence is about (岗位缺口将高达100万, 40万亿Token).
BARE_LARGE = re.compile(
    rf"(?=\d)(?<![\d.{_CN}第A-Za-z])(?P<num>{_AR})(?P<mult>万亿|亿|万)"
    rf"(?![\d{_CN}元余多级{COUNT_WORDS}{PERSON_WORDS}条次场本])"
    # 从业人员已超百万。: a round number in words after 超/近/逾, its clause ending on it
    r"|(?<=[超近逾过])(?P<cn>[一二两三四五六七八九十百千]{1,3})(?P<cnmult>万亿|亿|万)(?=[，,。；;）)]|$)")


_ANY_NUMBER = re.compile(rf"[\d{_CN}半番倍]")


def quantities(text: str) -> list[Quantity]:
    if not _ANY_NUMBER.search(text):
        return []
    out: list[Quantity] = []
    # Each pattern below needs a word most sentences lack: a test for it is cheaper than the scan.
    for m in MAGNITUDE.finditer(text) if "亿级" in text else ():
        num = m.group("num")
        value = core_value(num, "亿") if num[0].isdigit() else core_value(num + "亿")
        if value:
            out.append(Quantity(value, "CNY", "级", False, m.start(), m.end(), "亿级"))
    for m in BARE_LARGE.finditer(text) if "万" in text or "亿" in text else ():
        mult = m.group("mult") or m.group("cnmult")
        value = core_value(m.group("num"), mult) if m.group("num") else core_value(m.group("cn") + mult)
        if value:
            out.append(Quantity(value, "unknown", None, False, m.start(), m.end(), mult))
    for m in QUANTITY.finditer(text):
        q = _quantity(m)
        if q is not None:
            out.append(q)
    kept: list[Quantity] = []
    for q in sorted(out, key=lambda q: (q.start, -q.end, q.unit == "unknown")):
        if not kept or q.start >= kept[-1].end:
            kept.append(q)  # 5万P is one figure, not 5万 and 5万P
    return _merge_ranges(text, kept)


def _quantity(m: re.Match[str]) -> Quantity | None:
    if m.group("pct"):
        value = core_value(m.group("pct"))
        return None if value is None else Quantity(value, "percent", None, False, m.start(), m.end(), "%")
    if m.group("den"):
        den, nom = (core_value(m.group(k)) for k in ("den", "nom"))
        if not den or nom is None or nom >= den:
            return None
        return Quantity(round(nom / den * 100, 2), "percent", None, False, m.start(), m.end(), "分之")
    if m.group("cheng") or m.group("cheng2"):
        return Quantity(scaled(core_value(m.group("cheng") or m.group("cheng2")), 10), "percent", None, False,
                        m.start(), m.end(), "成")
    if m.group("fan"):
        fan = m.group("fan")
        times = {"两": 3, "三": 7}.get(fan[-2], 1)  # doubled twice is four times: growth of 300 %
        return Quantity(times, "times", None, False, m.start(), m.end(), "双翻番" if fan[0] == "双" else "翻番")
    if m.group("half"):
        approx = None if m.group("half") == "一半" else "多"  # 一大半, 过半: more than half
        return Quantity(50, "percent", approx, False, m.start(), m.end(), m.group("half"))
    if m.group("low"):
        # 100万至1000万元: the lower bound, with the multiplier written after the upper one when it has none
        core, mult, approx, word = m.group("low"), m.group("lmult") or m.group("rmult"), m.group("rapprox"), \
            m.group("unit")
        high = core_value(m.group("high"), m.group("rmult"))
        value = core_value(core, mult)
        if value is not None and high is not None and value > high and not m.group("lmult"):
            value = core_value(core)  # 3000至1万元: 3000 yuan, not 3000万
        is_range = True
    else:
        core, mult, word = m.group("num"), m.group("mult"), m.group("unit2")
        approx = m.group("approx0") or m.group("approx")  # 30余亿元 as 30亿余元
        if core[0] in "十百千万亿" and m.start() and m.string[m.start() - 1] in "数上":
            approx = "多"  # 数十家, 上千人: more than ten, a thousand or more
        value, is_range, high = core_value(core, mult), False, None
        if word == "元" and not core[0].isdigit() and all(ch in "万亿" for ch in core) and not (
                core == "亿" and m.start() > 0 and m.string[m.start() - 1] in "破超过逾上"):
            return None  # a bare 万元 (the figure lost in conversion) is no amount; but 营收破亿元, 上亿元 pass 1亿
    if value is None:
        return None
    unit, scale = _unit(word)
    if word == "次" and not _PER_SECOND.search(m.string, max(0, m.start() - 12), m.end() + 3):
        if not mult or mult[-1] not in "万亿":
            return None  # 培训100次 counts events; only 每秒…次 (计算能力) is compute power
        unit, scale = "count", 1  # 调用量超过5亿次: calls, visits, services counted in the millions
    value = finite(value * scale)
    if value is None:
        return None
    top = finite(high * scale) if is_range and high is not None else None
    return Quantity(value, unit, approx, is_range, m.start(), m.end(), (mult or "") + word, top)


_PER_SECOND = re.compile(r"每秒|次/秒|次每秒|运算|浮点|算力")
_RANGE_JOIN = re.compile(r"^(?:[至到\-—–~～]+)$")


def _merge_ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    """20%—30%, 100万元至1000万元: one quantity, its lower bound, marked as a range."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if prev and prev.unit == q.unit and _RANGE_JOIN.match(text[prev.end:q.start]):
            out[-1] = Quantity(prev.value, prev.unit, prev.approx, True, prev.start, q.end, q.word, q.value)
            continue
        out.append(q)
    return out
