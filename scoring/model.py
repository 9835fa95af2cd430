"""The checklist model: the data types, immutable, and the limits every checklist keeps.

The validators build these from plain data: :mod:`scoring.config`, :mod:`scoring.dimension` and
:mod:`scoring.registry`, one per kind of document, all through the one :class:`~scoring.checker.Checker`;
:func:`scoring.validation.build_model` checks them together and reports *every* problem at once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "ANSWER_CHOICES",
    "SCORED_ANSWERS",
    "Config",
    "Dimension",
    "Item",
    "Level",
    "Model",
    "Release",
    "Retired",
    "Stage",
    "ScoreMode",
    "OverallRule",
]

#: Answers a reader can give, in the order the site shows them.
ANSWER_CHOICES = ("yes", "partial", "no", "unsure", "na")
SCORED_ANSWERS = ("yes", "partial", "no", "unsure")
ID_RE = re.compile(r"^([A-Z][A-Z0-9]*)-(\d{3,})$")
PREFIX_RE = re.compile(r"^[A-Z][A-Z0-9]*$")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_ITEMS = 100_000
#: The largest weight an item or a dimension may have (weights are greater than 0).
MAX_WEIGHT = 1_000
#: The top of the score range in ``sum`` mode: every item at the largest weight, scored 1.
#: Levels and thresholds must lie in [0, 100] in ``percent`` mode and in [0, MAX_SUM] in ``sum`` mode,
#: so no sum of weights or scores can overflow.
MAX_SUM = MAX_ITEMS * MAX_WEIGHT

#: How a dimension's score is expressed: a percentage, or the weighted sum of its items' values.
ScoreMode = Literal["percent", "sum"]
SCORE_MODES: tuple[ScoreMode, ...] = ("percent", "sum")
#: Which figure the decision is taken on: the weakest dimension, or the weighted mean of them all.
OverallRule = Literal["weakest", "mean"]
OVERALL_RULES: tuple[OverallRule, ...] = ("weakest", "mean")


@dataclass(frozen=True)
class Item:
    id: str
    dimension: str
    title: str
    question: str
    guidance: str
    action: str
    weight: float
    phase: str
    owner: str
    critical: bool = False
    headline: bool = False
    related: tuple[str, ...] = ()
    #: framework id -> the references this item gives evidence toward (checklists/frameworks.yml)
    refs: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Dimension:
    id: str
    title: str
    page: str
    summary: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Level:
    name: str
    min: float
    max: float | None  # None: unbounded


@dataclass(frozen=True)
class Stage:
    id: str
    title: str
    summary: str = ""


@dataclass(frozen=True)
class Retired:
    id: str
    replaced_by: str | None
    since: str
    reason: str


@dataclass(frozen=True)
class Release:
    """One checklist release, from the registry's ``releases:`` changelog (oldest first)."""

    version: str
    date: str = ""
    notes: str = ""
    added: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    version: str
    dimensions: tuple[str, ...]
    answers: Mapping[str, float]
    dimension_score: ScoreMode
    overall: OverallRule
    weights: Mapping[str, float]
    levels: tuple[Level, ...]
    no_go: float
    go: float
    quick_check_max_unmet: int
    phases: tuple[Stage, ...]
    owners: tuple[Stage, ...]

    def level_for(self, score: float | None) -> str:
        """The name of the band holding ``score`` (bands are [min, max))."""
        if score is None:
            return "n/a"
        for level in self.levels:
            if score < level.min:
                continue
            if level.max is None or score < level.max:
                return level.name
        # The top of the range belongs to the last band (100 is "Operating").
        return self.levels[-1].name if self.levels else "n/a"


@dataclass(frozen=True)
class Model:
    config: Config
    dimensions: tuple[Dimension, ...]
    retired: Mapping[str, Retired] = field(default_factory=dict)
    issued: tuple[str, ...] = ()
    releases: tuple[Release, ...] = ()

    @property
    def items(self) -> dict[str, Item]:
        return {item.id: item for dim in self.dimensions for item in dim.items}

    def dimension(self, dim_id: str) -> Dimension:
        for dim in self.dimensions:
            if dim.id == dim_id:
                return dim
        raise KeyError(dim_id)

