"""Certification and skill schemes, standard systems, base designations and talent programmes. Pure.

What a researcher of annotation labour looks for: 人工智能训练师 / 数据标注员 职业技能等级认定, the levels a
certificate has, standard systems, 数据标注基地 designations, talent pools. Each is reported with the clause
that states it.
"""

from __future__ import annotations

import re

from policytrack.parser.cleantext import Clean
from policytrack.parser.records import Scheme

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("skill_certification", re.compile(
        r"(?:人工智能训练师|数据标注员|数据标注师)?[^，,。；;]{0,12}(?:职业技能等级认定|技能等级认定|职业技能鉴定|"
        r"职业技能等级证书|职业资格证书|等级证书|职业技能标准|国家职业标准)"
        r"|(?:共设|分为|设有)[一二三四五六七八九\d]个(?:职业)?等级")),
    ("standard", re.compile(r"[^，,。；;]{0,16}标准(?:化)?体系")),
    # A designation is a naming: a pilot, a list, a plaque, an approval; not a plan to build one.
    ("base_designation", re.compile(
        r"[^，,。；;]{0,10}数据标注基地(?:试点城市|试点|名单)|(?:入选|获批|认定为|命名为|授牌)[^，,。；;]{0,16}基地"
        r"|[^，,。；;]{0,16}(?:产业园|基地)[^，,。；;]{0,20}(?:揭牌|授牌)")),
    ("talent_program", re.compile(r"[^，,。；;]{0,16}(?:人才库|人才计划|人才工程|培训计划|培训基地|实训基地)")),
]


def find_schemes(c: Clean) -> list[Scheme]:
    out: list[Scheme] = []
    seen: set[tuple[str, str]] = set()
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(c.text):
            name = m.group(0).strip("，,、 ")
            if not name or (kind, name) in seen:
                continue
            seen.add((kind, name))
            quote, a, b = c.quote(m.start(), m.end())
            out.append(Scheme(kind, None, None, None, None, quote, a, b))
    return sorted(out, key=lambda s: s.start)
