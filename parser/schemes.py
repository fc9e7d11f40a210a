"""Schemes a policy sets up or a report describes, as first-class records. Pure.

What a researcher of annotation labour looks for: 人工智能训练师 / 数据标注员 职业技能等级认定 and the levels it has
(skill_certification), 免费定向培训 and 理论培训+项目实训 (training), 职业技能竞赛 (contest), 数据标注基地 and
集聚区 认定/遴选/揭牌 (base_designation), 地方标准 and 标准体系 (standard), 试点 (pilot), 积分落户 and 人才库
(talent_program). Each is reported once per document and subject, with the clause that states it, the
occupation it concerns, its level, the body that runs it and the year, where the text says them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from policytrack.parser.cleantext import Clean
from policytrack.parser.records import Scheme

_N = r"[一二三四五六七八九\d]"
# Each opens on a lookahead for the characters its mentions can start with: without it the engine tries
# every alternative at every character of the text.
_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("skill_certification", re.compile(
        r"(?=[职技等一二三四五国初中高共分设新企专人])(?:职业技能等级认定|技能等级认定|职业技能鉴定|职业技能等级证书|职业资格证书|技能等级证书|等级证书|一试双证|"
        r"职业资格目录|(?:职业)?技能等级制度|新八级|职业技能等级(?:分为|设置|设)|(?:[一二三四五]级|[初中高]级工?)(?:认定|证书)|"
        r"职业技能标准|国家职业标准|(?:初级|中级|高级)(?:数据标注师|数据标注员|人工智能训练师)|"
        rf"(?:共设|分为|设有|设)[^，,。；;]{{0,16}}?{_N}\s*个(?:职业)?(?:技能)?等级|职业技能等级评价|技能等级评价|技能人才评价|"
        r"(?:企业|等级)自主评价|专项职业能力考核|人才评价(?:体系|机制|制度))")),
    ("training", re.compile(
        r"(?=[免定订专技职岗试集理项线在转培实开联数人标新以产])(?:(?:免费|定向|订单式|专项|技能|职业技能|岗前|试标|集中|理论|项目|线上|线下|在岗|转岗)[”\"]?[^，,。；;\d]{0,6}培训"
        r"|培训参考学时|理论培训\+项目实训|实训基地|培训基地|培训计划|培训班"
        r"|(?:订单式|定向|联合)培养|开设[^，,。；;\d]{0,10}专业"
        r"|(?:数据标注员|数据标注师|人工智能训练师|标注员)[^，,。；;\d]{0,4}培训(?!基地|中心|机构)|新职业培训|以工代训"
        r"|产业学院|职业技能提升行动)")),
    ("contest", re.compile(r"(?=[职技标训数])(?:职业技能|技能|标注|训练师|数据)[^，,。；;\d]{0,8}"
                           r"(?:竞赛|大赛|挑战赛)")),
    ("standard", re.compile(
        r"(?=[地行国团企标“])(?:(?:地方|行业|国家|团体|企业)标准(?:体系|立项|项目)?|标准(?:化)?体系|“标准化\+”)")),
    ("base_designation", re.compile(
        r"(?=[数人入获评认命列授挂遴争创申落产基批])(?:(?:数据标注|数据产业|人工智能|数据)[^，,。；;\d]{0,6}(?:基地|集聚区|特色产业园|产业园)"
        r"(?:[^，,。；;]{0,10}(?:试点城市|名单|任务书|认定|遴选|揭牌|授牌|命名|申报)|分别位于)"
        r"|(?:入选|获批|获评|评为|认定(?!的)|评定为|命名为|列为|授牌|挂牌|遴选|争创|创建|申报)[^，,。；;]{0,16}"
        r"(?:基地|集聚区|产业园|园区|示范区)"
        r"|(?:批复|批准)[^，,。；;]{0,24}(?:基地|集聚区|产业园)"  # 批复同意在成都等7个城市开展数据标注基地建设
        r"|落户于[^，,。；;]{0,30}基地|(?:产业园|基地)[^，,。；;]{0,20}(?:揭牌|授牌|挂牌|开园))")),
    ("pilot", re.compile(r"(?=[标数人])(?:标注|数据|人工智能)(?:[^，,。；;\n]{0,4}|\+[^，,。；;\n”\"]{1,6}[”\"]?)"
                         r"试点(?!城市)")),  # 数据标注试点, “数据标注+乡村振兴”试点
    ("talent_program", re.compile(r"积分落户|人才库|人才(?:培养|培育|引育|引进)?(?:计划|工程)|人才公寓|安家补贴"
                                  r"|人才认定|高层次人才|人才安居|安居工程|租房补贴|购房补贴|(?:工匠|标注师|训练师)[”\"]?评选")),
]
_SUBJECT = re.compile(r"人工智能训练师|数据标注员|数据标注师|数据标注工程师|算法测试员|数据分析师|人工智能工程技术人员|"
                      r"数据标注基地|数据产业集聚区|数据要素产业园|特色产业园|地方标准|行业标准|国家标准|团体标准|标准体系")
_LEVEL = re.compile(r"[一二三四五]级(?:/(?:初级工|中级工|高级工|技师|高级技师))?|初级|中级|高级(?!技师)|高级技师|技师")
_LEVEL_ORDER = ["五级", "四级", "三级", "二级", "一级", "初级", "中级", "高级", "技师", "高级技师"]
_ISSUER = re.compile(r"(?:国家|省|市|区|县|自治区)?[\u4e00-\u9fff]{0,8}?(?:数据局|人力资源和?社会保障(?:部|厅|局)|"
                     r"人社(?:部|厅|局)|发展改革委|发改委|工信厅|工业和信息化部|市场监管局|市场监督管理局|科技厅|教育厅|人民政府|管委会)")
_YEAR = re.compile(r"(20\d{2})\s*年")
_CLAUSE_END = "，,。；;！？!?\n|"  # (a table's cell is a clause of its own)


# Kinds a reader lists as one where one sentence names several: a certificate and the contest that awards it,
# a training and the talent policy it serves, a base and the pilot it is, standards of several levels.
_GROUP = {"skill_certification": "cert", "contest": "cert", "training": "talent", "talent_program": "talent",
          "base_designation": "base", "pilot": "base", "standard": "standard"}
# A word each kind's mentions hold: a text without it is not searched for that kind.
_NEEDS = {"skill_certification": ("认定", "鉴定", "证书", "一试双证", "标准", "等级", "评价", "数据标注师",
                                  "数据标注员", "人工智能训练师", "职业资格", "制度", "八级"),
          "training": ("培训", "实训", "培养", "专业", "代训", "学院", "提升行动"), "contest": ("赛",),
          "standard": ("标准",),
          "base_designation": ("基地", "集聚区", "产业园", "园区", "示范区"), "pilot": ("试点",),
          "talent_program": ("落户", "人才", "安居", "租房", "购房", "工匠", "评选")}


_NEEDED = {kind: re.compile("|".join(map(re.escape, words))) for kind, words in _NEEDS.items()}  # one scan each


def find_schemes(c: Clean) -> list[Scheme]:
    """Each scheme once: the mentions of one sentence that a reader lists as one are one record, its quote
    running from the first mention's clause to the last's; a later sentence naming the same scheme again
    (same kind and subject) adds none."""
    mentions: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, pattern in _KINDS:
        if not _NEEDED[kind].search(c.text):
            continue
        for m in pattern.finditer(c.text):
            # 参与制定国家标准2项, 建成实训基地10个, 取得证书人数超过3万人: a figure; but 开展培训2万人次 is a scheme
            if (kind == "standard" and _COUNTED.match(c.text, m.end())) or (
                    not m.group(0).endswith(("培训", "实训")) and _FIGURE_OF.match(c.text, m.end())):
                continue
            mentions.append((m.start(), m.end(), kind, m))
    mentions.sort(key=lambda x: (x[0], x[1]))
    groups: dict[tuple[int, int, str], list[tuple[int, int, str, re.Match[str]]]] = {}
    for mention in mentions:
        sa = _back(c.text, mention[0], "。！？\n")
        sb = _forward(c.text, mention[1], "。！？\n")
        groups.setdefault((sa, sb, _GROUP[mention[2]]), []).append(mention)
    out: list[Scheme] = []
    seen: set[tuple[str, str]] = set()
    ordered = sorted(groups.items(), key=lambda kv: kv[1][0][0])
    for n, ((sa, sb, group), found) in enumerate(ordered):
        sentence = c.text[sa:sb]
        if n + 1 < len(ordered) and ordered[n + 1][0][2] == group and ordered[n + 1][0][0] - sb <= 2 \
                and len(_LIST_MARK.sub("", sentence, count=1)) <= 12:
            continue  # （五）完善标准体系。支持企业参与制定…标准: a section's heading, its scheme stated in the body
        a = _clause(c.text, found[0][0], found[0][1])[0]
        b = max(_clause(c.text, start, end)[1] for start, end, _, _ in found)
        subjects = [_subject(c.text[slice(*_clause(c.text, start, end))], sentence, kind)
                    for start, end, kind, _ in found]
        keys = {(kind, _family(kind, m.group(0), subject)) for (_, _, kind, m), subject in zip(found, subjects,
                                                                                          strict=True)}
        if keys <= seen or any(s.start <= c.base + c.pos[a] < s.end for s in out):
            continue
        seen |= keys
        kind = found[0][2]
        subject = next((x for x in subjects if x), None)
        level = _level(sentence)
        named = next((i for i, s in enumerate(out) if s.kind == kind and s.subject), None)
        if kind == "skill_certification" and subject is None and named is not None:
            # 人工智能训练师职业技能等级认定 …取得五级证书的补贴1000元: the certificate named before, its levels here
            out[named] = replace(out[named], level=out[named].level or level)
            continue
        quote, qa, qb = c.quote(a, b)
        out.append(Scheme(kind, subject, level, _issuer(sentence), _year(sentence), quote, qa, qb))
    return sorted(out, key=lambda s: s.start)


_COUNTED = re.compile(rf"{_N}+\s*[项个部]")
_FIGURE_OF = re.compile(r"(?:人数|数量|总数|规模)?(?:达到|超过|突破|达|超)?\s*\d+(?:\.\d+)?\s*[万千百]?\s*"
                        r"[个家所名人项座]")


_NUMERALS = re.compile(r"\d|[一二三四五六七八九]")
_TITLE = re.compile(r"《[^》]*》")


def _family(kind: str, mention: str, subject: str | None) -> str:
    """What makes two mentions one scheme: the occupation trained or certified, the kind of standard work
    (a standard system, 标准化 as a programme, standards as such), the base and its name."""
    if kind == "standard":
        return "体系" if "体系" in mention else "标准化" if "标准化" in mention else "标准"
    if kind in ("training", "contest", "talent_program", "pilot"):
        return subject or ""
    return subject or _NUMERALS.sub("", mention)


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a mention, at most 40 characters either side, without its leading list mark."""
    a, b = _back(text, start, _CLAUSE_END, 40), _forward(text, end, _CLAUSE_END, 40)
    if (m := _LIST_MARK.match(text, a)) and m.end() <= start:
        a = m.end()
    while a < start and text[a] in " 　\t、（(":
        a += 1
    while b > end and text[b - 1] in " 　\t":
        b -= 1
    return a, b


_LIST_MARK = re.compile(r"\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、"
                        r"|\d{1,2}(?:\.\d{1,2})*(?:[.、．](?!\d)|\s|(?=[\u4e00-\u9fff])(?![年月日条项个家万亿元])))\s*")


@cache
def _stops(stops: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The last stop in a window (greedy .* backtracks from its end) and the first: found by the engine, not
    by a loop over characters."""
    one = "[" + re.escape(stops) + "]"
    return re.compile("(?s:.*)" + one), re.compile(one)


def _back(text: str, pos: int, stops: str, limit: int = 200) -> int:
    lo = max(0, pos - limit)
    m = _stops(stops)[0].match(text, lo, pos)
    return m.end() if m else lo


def _forward(text: str, pos: int, stops: str, limit: int = 200) -> int:
    m = _stops(stops)[1].search(text, pos, pos + limit)
    return m.start() if m else min(len(text), pos + limit)


def _subject(clause: str, sentence: str, kind: str) -> str | None:
    """The occupation a certificate, training or contest is for; the kind of base or standard."""
    found = _SUBJECT.findall(clause) or (_SUBJECT.findall(sentence) if kind in ("skill_certification", "training",
                                                                              "contest") else [])
    return found[0] if found else None


# 五级（初级工）: the grade's other name, in brackets
_GLOSS = re.compile(r"(?<=级)[（(](?:初级工|中级工|高级工|技师|高级技师)[）)]")


def _level(sentence: str) -> str | None:
    """初级; 五级至一级 when the text lists several (五级/初级工 … 一级/高级技师)."""
    levels = [m.group(0).split("/")[0] for m in _LEVEL.finditer(_GLOSS.sub("", sentence))]
    levels = [lv for lv in dict.fromkeys(levels) if lv in _LEVEL_ORDER]
    levels = [lv for lv in levels if lv[0] in "一二三四五"] or levels  # 五级 … 一级, where named, give the range
    if not levels:
        return None
    if len(levels) == 1:
        return levels[0]
    return f"{levels[0]}至{levels[-1]}"


def _issuer(sentence: str) -> str | None:
    m = _ISSUER.search(sentence)
    return m.group(0) if m else None


def _year(sentence: str) -> int | None:
    m = _YEAR.search(_TITLE.sub("", sentence))
    return int(m.group(1)) if m else None
