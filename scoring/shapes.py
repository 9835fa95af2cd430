"""The JSON-ready shapes the engine returns, typed once: a result, a crosswalk, a diff, a portfolio (the
calculators' read-outs are in :mod:`scoring.calc_shapes`).

These are the contract shared by the CLI (``--format json``), the browser (through :mod:`scoring.api`)
and the reports; README.md ("JSON output") and docs/cli.md describe the same keys. They are
:class:`~typing.TypedDict`\\ s, so they stay plain dicts at run time (and cross into JavaScript as
JSON) while ``mypy --strict`` holds every producer and reader to them. Keys that are Python
keywords (``from``) use the functional form.
"""

from __future__ import annotations

from typing import Literal, TypedDict

from .model import OverallRule

__all__ = [
    "AddedItem", "AnswerChange", "CarriedOver", "Changes", "CombinedAnswer", "CommonBlocker", "CountChange",
    "Crosswalk", "CrosswalkItem", "CrosswalkRef", "Decision", "DecisionChange", "Diff", "DimensionChange",
    "DimensionResult", "FigureChange", "FrameworkInfo", "FrameworkResult", "FrameworkSummary", "IgnoredId",
    "LevelChange", "Mapped", "OtherVersion", "OwnerGroup", "PhaseGroup", "PilotRow", "PlanEntry", "Portfolio",
    "QuickCheck", "QuickCheckItem", "RefMapping", "RefResult", "RefStatus", "ReleaseNote", "Result", "Sides",
    "SourceAnswer", "SupersededId", "Weakest", "WeakestCount",
]

#: The decision on a pilot, from worst to best.
Decision = Literal["no-go", "conditional", "go"]


# --------------------------------------------------------------------------
# A result: scoring.engine.score


class DimensionResult(TypedDict):
    id: str
    title: str
    page: str
    score: float | None  # None: every item is na
    max: float | None
    level: str
    weight: float
    items: int
    answered: int
    #: How many items got each answer (unanswered ones count as unsure).
    counts: dict[str, int]


class QuickCheckItem(TypedDict):
    item: str
    dimension: str
    answer: str


class QuickCheck(TypedDict):
    items: list[QuickCheckItem]
    unmet: list[str]
    max_unmet: int
    verdict: str


class PlanEntry(TypedDict):
    item: str
    dimension: str
    title: str
    answer: str
    blocker: bool
    critical: bool
    priority: float
    phase: str
    owner: str
    action: str


class PhaseGroup(TypedDict):
    phase: str
    title: str
    items: list[str]


class OwnerGroup(TypedDict):
    owner: str
    title: str
    items: list[str]


#: An answer to a retired id carried over to its replacement.
Mapped = TypedDict("Mapped", {"from": str, "to": str})


class ReleaseNote(TypedDict):
    version: str
    date: str
    notes: str


CarriedOver = TypedDict("CarriedOver", {"from": str, "to": str, "since": str, "reason": str})


class SupersededId(TypedDict):
    item: str
    replaced_by: str
    since: str
    reason: str


class SourceAnswer(TypedDict):
    item: str
    answer: str


CombinedAnswer = TypedDict("CombinedAnswer", {"item": str, "answer": str, "from": list[SourceAnswer]})


class IgnoredId(TypedDict):
    item: str
    since: str
    reason: str


class AddedItem(TypedDict):
    item: str
    title: str
    dimension: str
    since: str
    answered: bool


#: What changed between the release an answers file was made against and this one (scoring.releases.changes).
Changes = TypedDict("Changes", {
    "from": str | None,
    "to": str,
    "known": bool | None,
    "releases": list[ReleaseNote],
    "mapped": list[CarriedOver],
    "superseded": list[SupersededId],
    "combined": list[CombinedAnswer],
    "ignored": list[IgnoredId],
    "added": list[AddedItem],
})


#: How far the answers give evidence toward a framework reference (scoring.coverage.status states the rule).
RefStatus = Literal["met", "partial", "unmet", "unknown", "na", "not-mapped"]


class RefResult(TypedDict):
    """One reference of a framework: the items that map to it (ids, in checklist order) and its status."""

    id: str
    title: str
    items: list[str]
    status: RefStatus


class FrameworkSummary(TypedDict):
    """How many references a framework has, how many some item maps to, and how many of those have each status."""

    refs: int
    mapped: int
    met: int
    partial: int
    unmet: int
    unknown: int
    na: int


class FrameworkResult(TypedDict):
    """One framework of ``checklists/frameworks.yml`` against the answers (scoring.coverage)."""

    id: str
    title: str
    edition: str
    summary: FrameworkSummary
    refs: list[RefResult]


class Result(TypedDict):
    """What ``pilot2prod score --format json`` prints and ``api.score`` returns."""

    pilot: str
    assessed: str
    version: str
    answers_version: str
    decision: Decision
    reasons: list[str]
    score: float | None
    mean: float | None
    level: str
    overall_rule: OverallRule
    weakest: str | None
    dimensions: list[DimensionResult]
    blockers: list[str]
    unknown: list[str]
    flagged_na: list[str]
    unrecognised: list[str]
    mapped: list[Mapped]
    retired: list[str]
    changes: Changes
    quick_check: QuickCheck
    plan: list[PlanEntry]
    plan_by_phase: list[PhaseGroup]
    plan_by_owner: list[OwnerGroup]
    frameworks: list[FrameworkResult]


# --------------------------------------------------------------------------
# A crosswalk: scoring.crosswalk.crosswalk

#: Why a reference is or is not mapped: items map to it, it is outside the playbook's scope, it is a gap,
#: or no item maps to it and the framework gives no reason (a fork's own framework may not).
RefMapping = Literal["mapped", "outside", "gap", "none"]


class CrosswalkItem(TypedDict):
    item: str
    title: str
    dimension: str
    answer: str | None  # None: no answers were given


class CrosswalkRef(TypedDict):
    id: str
    title: str
    group: str | None
    mapping: RefMapping
    reason: str | None  # the outside or gap reason
    items: list[CrosswalkItem]
    status: RefStatus | None  # None: no answers were given


class FrameworkInfo(TypedDict):
    id: str
    title: str
    short: str
    edition: str
    url: str
    publisher: str
    checked: str
    summary: str
    note: str


class Crosswalk(TypedDict):
    """What ``pilot2prod crosswalk FRAMEWORK [ANSWERS] --format json`` prints."""

    framework: FrameworkInfo
    pilot: str | None  # None: no answers were given
    assessed: str | None
    counts: dict[RefMapping, int]
    summary: FrameworkSummary | None  # None: no answers were given
    refs: list[CrosswalkRef]


# --------------------------------------------------------------------------
# A diff: scoring.compare.compare


class DecisionChange(TypedDict):
    old: Decision
    new: Decision
    direction: Literal["better", "worse", "same"]


class FigureChange(TypedDict):
    old: float | None
    new: float | None
    delta: float | None


class LevelChange(TypedDict):
    old: str
    new: str


class DimensionChange(TypedDict):
    id: str
    title: str
    old: float | None
    new: float | None
    delta: float | None
    old_level: str | None
    new_level: str | None


class AnswerChange(TypedDict):
    item: str
    old: str
    new: str
    direction: Literal["better", "worse", "changed"]


class CountChange(TypedDict):
    old: int
    new: int


class Sides(TypedDict):
    """One thing about the assessment before (``old``) and after (``new``); ``None`` when unknown."""

    old: str | None
    new: str | None


class Diff(TypedDict):
    """What ``pilot2prod compare --format json`` prints and ``api.compare`` returns."""

    decision: DecisionChange
    score: FigureChange
    mean: FigureChange
    level: LevelChange
    dimensions: list[DimensionChange]
    blockers_resolved: list[str]
    blockers_new: list[str]
    unknown: CountChange
    items: list[AnswerChange]
    versions: Sides
    files: Sides
    assessed: Sides


# --------------------------------------------------------------------------
# A portfolio: scoring.portfolio.portfolio


class Weakest(TypedDict):
    id: str
    title: str


class PilotRow(TypedDict):
    name: str
    file: str
    assessed: str
    answers_version: str
    decision: Decision
    score: float | None
    level: str
    mean: float | None
    weakest: Weakest | None
    blockers: list[str]
    unknown: list[str]


class CommonBlocker(TypedDict):
    item: str
    title: str
    dimension: str
    count: int
    pilots: list[str]


class WeakestCount(TypedDict):
    id: str
    title: str
    count: int


class OtherVersion(TypedDict):
    name: str
    file: str
    version: str


class Portfolio(TypedDict):
    """What ``pilot2prod portfolio --format json`` prints."""

    version: str
    count: int
    decisions: dict[str, int]
    pilots: list[PilotRow]
    common_blockers: list[CommonBlocker]
    weakest_dimensions: list[WeakestCount]
    other_versions: list[OtherVersion]
