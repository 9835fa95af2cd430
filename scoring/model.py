"""The checklist model: the data types, immutable, and the limits every checklist keeps.

The validators build these from plain data: :mod:`scoring.config`, :mod:`scoring.dimension`,
:mod:`scoring.registry` and :mod:`scoring.frameworks`, one per kind of document, all through the one
:class:`~scoring.checker.Checker`;
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
    "Applies",
    "Config",
    "Dimension",
    "Framework",
    "FrameworkGroup",
    "FrameworkLink",
    "FrameworkRef",
    "FrameworkRole",
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
#: The forms of ids and slugs. The checklists' schema (scoring/schema.py) writes these very patterns, so
#: they keep to what Python and JSON Schema's ECMA-262 regular expressions read alike: ASCII classes, no
#: ``\d`` (Python's matches every script's digits). Match with ``fullmatch``: Python's ``$`` also matches
#: before a final line break, which would let ``"ownership\n"`` through.
ID_RE = re.compile(r"^([A-Z][A-Z0-9]*)-([0-9]{3,})$")
PREFIX_RE = re.compile(r"^[A-Z][A-Z0-9]*$")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
#: A site address (scoring.yml ``site_url``): http or https, no white space or control character, and no
#: query or fragment, since paths are appended to it.
SITE_URL_RE = re.compile(r"^https?://[^\x00-\x20\x7f?#]+$")
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
    #: Where the playbook site built from these checklists is published ("" when not said).
    site_url: str = ""

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
class FrameworkLink:
    title: str
    url: str


@dataclass(frozen=True)
class FrameworkRole:
    """Who a reference can bind (the EU AI Act's provider and deployer)."""

    id: str
    title: str


@dataclass(frozen=True)
class FrameworkGroup:
    """A heading references sit under; ``parent`` is the id of the group around it (``""``: none)."""

    id: str
    title: str
    parent: str = ""


@dataclass(frozen=True)
class Applies:
    """From when a reference applies (``start``, ``YYYY-MM-DD``), and to what when not to all of it."""

    start: str
    scope: str = ""


@dataclass(frozen=True)
class FrameworkRef:
    """One reference of a framework (a subcategory, an article, a control, a test).

    ``outside`` or ``gap`` says why no item maps to it (at most one of them, and neither when
    some item does); ``items`` are the items that map to it, in checklist order.
    """

    id: str
    title: str
    group: str = ""
    outside: str = ""
    gap: str = ""
    url: str = ""
    binds: tuple[str, ...] = ()
    applies: tuple[Applies, ...] = ()
    note: str = ""
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Framework:
    """A framework items may map to (``checklists/frameworks.yml``), with every one of its references."""

    id: str
    title: str
    short: str
    edition: str
    url: str
    refs: tuple[FrameworkRef, ...]
    publisher: str = ""
    checked: str = ""
    summary: str = ""
    note: str = ""
    links: tuple[FrameworkLink, ...] = ()
    roles: tuple[FrameworkRole, ...] = ()
    groups: tuple[FrameworkGroup, ...] = ()

    def ref(self, ref_id: str) -> FrameworkRef:
        for ref in self.refs:
            if ref.id == ref_id:
                return ref
        raise KeyError(ref_id)


@dataclass(frozen=True)
class Model:
    config: Config
    dimensions: tuple[Dimension, ...]
    retired: Mapping[str, Retired] = field(default_factory=dict)
    issued: tuple[str, ...] = ()
    releases: tuple[Release, ...] = ()
    #: The frameworks items may map to, in the order of ``frameworks.yml`` (none without that file).
    frameworks: tuple[Framework, ...] = ()

    @property
    def items(self) -> dict[str, Item]:
        return {item.id: item for dim in self.dimensions for item in dim.items}

    def dimension(self, dim_id: str) -> Dimension:
        for dim in self.dimensions:
            if dim.id == dim_id:
                return dim
        raise KeyError(dim_id)

    def framework(self, framework_id: str) -> Framework:
        for framework in self.frameworks:
            if framework.id == framework_id:
                return framework
        raise KeyError(framework_id)

