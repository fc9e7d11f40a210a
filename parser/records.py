"""The records that extraction produces: plain dataclasses, no I/O.

Every record carries the exact `quote` it was read from and its character offsets
(`start`, `end`) in the text given to the extractor, so `text[start:end] == quote`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal, get_args

Metric = Literal[
    "growth_rate", "industry_scale", "share", "enterprises", "bases", "datasets",
    "cases", "talent", "standards", "funding", "other",
]
# The unit the gold set and the store match on: compute power (FLOPS), tokens and 条 records are counts,
# 人次 are persons. `Measure` is the finer quantity a researcher counts in.
Unit = Literal["percent", "CNY", "persons", "count", "bytes"]
Measure = Literal["percent", "CNY", "persons", "person_times", "jobs", "count", "bytes", "flops", "tokens",
                  "records"]
Comparator = Literal[">", ">=", "~", "="]
SchemeKind = Literal["skill_certification", "training", "contest", "base_designation", "standard", "pilot",
                     "talent_program"]

METRICS: tuple[str, ...] = get_args(Metric)
UNITS: tuple[str, ...] = get_args(Unit)
MEASURES: tuple[str, ...] = get_args(Measure)
COMPARATORS: tuple[str, ...] = get_args(Comparator)
SCHEME_KINDS: tuple[str, ...] = get_args(SchemeKind)


@dataclass(frozen=True, slots=True)
class Figure:
    """A number a document states about something: the fields targets and facts share."""

    metric: Metric
    subject: str
    value: float
    unit: Unit
    comparator: Comparator
    year: int | None
    quote: str
    start: int
    end: int
    measure: Measure | None = None  # None: the same as `unit`

    def __post_init__(self) -> None:
        if self.measure is None:
            object.__setattr__(self, "measure", self.unit)


@dataclass(frozen=True, slots=True)
class Target(Figure):
    """A quantitative commitment: 到2027年，年均复合增长率超过20%."""


@dataclass(frozen=True, slots=True)
class Fact(Figure):
    """A reported figure (截至2024年底已有41家企业); `year` is the year it describes."""


@dataclass(frozen=True, slots=True)
class Incentive:
    """Money offered: 给予最高500万元奖励 (amount in yuan, cap=True), 按投资额的30%给予补贴 (rate=30)."""

    amount: float | None
    cap: bool
    rate: float | None
    rewards: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Scheme:
    """A scheme a policy sets up or reports: 人工智能训练师职业技能等级认定 (skill_certification, subject
    人工智能训练师, level 五级至一级), 免费定向培训 (training), 职业技能竞赛 (contest), 数据标注基地 认定
    (base_designation), 地方标准 (standard), 试点 (pilot), 积分落户 (talent_program)."""

    kind: SchemeKind
    subject: str | None
    level: str | None
    issuer: str | None
    year: int | None
    quote: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Commitment:
    """A qualitative commitment with no number (培育一批…); never a target."""

    text: str
    year: int | None
    quote: str
    start: int
    end: int


@dataclass(slots=True)
class Extraction:
    targets: list[Target] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    incentives: list[Incentive] = field(default_factory=list)
    schemes: list[Scheme] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)

    def to_dict(self) -> dict[str, list[dict]]:
        return {
            "targets": [asdict(r) for r in self.targets],
            "facts": [asdict(r) for r in self.facts],
            "incentives": [asdict(r) for r in self.incentives],
            "schemes": [asdict(r) for r in self.schemes],
            "commitments": [asdict(r) for r in self.commitments],
        }

