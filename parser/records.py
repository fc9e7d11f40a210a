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
Unit = Literal["percent", "CNY", "persons", "count", "bytes"]
Comparator = Literal[">", ">=", "~", "="]
SchemeKind = Literal["skill_certification", "standard", "base_designation", "talent_program", "other"]


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
    """A certification or skill scheme, a standard system, a base designation, a talent programme."""

    kind: SchemeKind
    name: str
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


METRICS: tuple[str, ...] = get_args(Metric)
SCHEME_KINDS: tuple[str, ...] = get_args(SchemeKind)
