"""The JSON-ready shapes of the calculators' read-outs (:mod:`scoring.calc`), typed once, as
:mod:`scoring.shapes` types the other results: plain dicts at run time, checked by ``mypy --strict``.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

__all__ = ["ComponentResult", "CostResult", "LatencyResult", "ProjectionMonth"]


class ProjectionMonth(TypedDict):
    month: int
    workflows_per_day: float
    monthly_cost: float
    over_ceiling: NotRequired[bool]  # only with a ceiling


class CostResult(TypedDict):
    cost_per_workflow: float
    daily_cost: float
    monthly_cost: float
    months: int
    monthly_cost_at_horizon: float
    monthly_cost_10x: float
    ceiling: float | None
    headroom: float | None
    headroom_percent: float | None
    crosses_ceiling_in_month: int | None  # 0: already over; None: not within the horizon
    ceiling_multiple_at_horizon: float | None
    ceiling_multiple_10x: float | None
    max_cost_per_workflow_at_10x: float | None
    projection: list[ProjectionMonth]


class ComponentResult(TypedDict):
    name: str
    budget_ms: float
    p95_ms: float | None
    over_by_ms: float | None
    share_of_target_percent: float
    status: Literal["ok", "over", "unmeasured"]


class LatencyResult(TypedDict):
    target_ms: float
    budget_total_ms: float
    unallocated_ms: float
    budget_within_target: bool
    measured_total_ms: float | None
    measured_components: int
    measured_within_target: bool | None
    measured_over_target_ms: float | None
    over_budget: list[str]
    unmeasured: list[str]
    components: list[ComponentResult]
