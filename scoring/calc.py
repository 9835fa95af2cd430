"""Calculators beside the checklists: cost at scale and a latency budget.

Pure functions over plain dicts, so the CLI and the browser share them. Each
``check_*`` returns ``(result, problems)`` with ``result`` ``None`` whenever a
problem was found; problems carry the path of the offending input, as the
model's do. The plain ``cost`` / ``latency`` raise
:class:`~scoring.problems.ValidationError` instead.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, TypeVar

from .calc_shapes import ComponentResult, CostResult, LatencyResult, ProjectionMonth
from .checker import Checker
from .problems import Path, Problem, ValidationError, describe
from .text import number

__all__ = ["check_cost", "check_latency", "cost", "latency", "COST_FIELDS", "LATENCY_FIELDS", "MAX_MS"]

#: The ceiling-crossing month is searched this far ahead; further out it is reported as never.
HORIZON_MONTHS = 120
#: Cost inputs: name -> (required, lowest, highest, strictly above the lowest, default).
#: The ranges (documented in docs/cli.md) keep every result a finite number: the largest
#: inputs give about 1e150 a month after 120 months of 1,000% growth.
COST_FIELDS: dict[str, tuple[bool, float, float, bool, float | None]] = {
    "cost_per_call": (True, 0, 1_000_000, False, None),
    "calls_per_workflow": (True, 0, 1_000_000, False, None),
    "workflows_per_day": (True, 0, 1_000_000_000, False, None),
    "monthly_growth_percent": (False, -100, 1_000, True, 0.0),
    "ceiling": (False, 0, 1_000_000_000_000_000, False, None),
    "days_per_month": (False, 0, 31, True, 30.0),
    "months": (False, 1, HORIZON_MONTHS, False, 12.0),
}
LATENCY_FIELDS = ("target_ms", "components")
_COMPONENT_FIELDS = ("name", "budget_ms", "p95_ms")
#: The longest latency, budget or target: a day, in milliseconds.
MAX_MS = 86_400_000


def _finite(value: Any) -> bool:
    """Whether every number in a result is finite: the check after the arithmetic."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list):
        return all(_finite(v) for v in value)
    return True


_Result = TypeVar("_Result", bound=Mapping[str, object])


def _checked(result: _Result, source: str) -> tuple[_Result | None, list[Problem]]:
    if _finite(result):
        return result, []
    return None, [Problem(source, (), "expected inputs whose results are finite numbers, got results too "
                                     "large to compute")]


def _money(value: float) -> float:
    return round(value + 0.0, 2)


def check_cost(inputs: Any) -> tuple[CostResult | None, list[Problem]]:
    """Cost at scale.

    Inputs: ``cost_per_call`` (currency per model call), ``calls_per_workflow``,
    ``workflows_per_day``; optional ``monthly_growth_percent`` (volume growth per month, default 0),
    ``ceiling`` (monthly budget), ``days_per_month`` (default 30), ``months`` (the projection
    horizon, default 12).

    Returns the monthly cost now, after ``months`` months of growth and at 10x today's volume,
    the headroom to the ceiling, the first month whose cost exceeds the ceiling (0 = already
    over; ``None`` = not within :data:`HORIZON_MONTHS` months), the cost per workflow that would keep 10x volume
    under the ceiling, and a month-by-month projection.
    """
    ch = Checker("cost")
    if ch.mapping(inputs, (), "a mapping of cost inputs") is None:
        return None, ch.problems
    ch.unknown(inputs, (), tuple(COST_FIELDS))
    values: dict[str, float | None] = {}
    for key, (required, low, high, above, default) in COST_FIELDS.items():
        if key not in inputs or inputs[key] is None:
            if required:
                ch.missing((), key)
            values[key] = default
            continue
        values[key] = ch.number(inputs, key, (), low, high, default=None, above=above)
    months = values["months"]
    if months is not None and not float(months).is_integer():
        ch.error(("months",), f"expected a whole number of months, got {number(months)}")
    if ch.problems:
        return None, ch.problems

    per_call = values["cost_per_call"] or 0.0
    calls = values["calls_per_workflow"] or 0.0
    per_day = values["workflows_per_day"] or 0.0
    growth = (values["monthly_growth_percent"] or 0.0) / 100.0
    days = values["days_per_month"] or 30.0
    horizon = int(months or 12)
    ceiling = values["ceiling"]

    per_workflow = per_call * calls
    monthly = per_workflow * per_day * days

    def at_month(n: int) -> float:
        return monthly * (1.0 + growth) ** n

    projection: list[ProjectionMonth] = []
    for n in range(horizon + 1):
        month: ProjectionMonth = {"month": n, "workflows_per_day": round(per_day * (1.0 + growth) ** n, 1),
                                  "monthly_cost": _money(at_month(n))}
        if ceiling is not None:
            month["over_ceiling"] = at_month(n) > ceiling
        projection.append(month)
    result: CostResult = {
        "cost_per_workflow": round(per_workflow, 6),
        "daily_cost": _money(per_workflow * per_day),
        "monthly_cost": _money(monthly),
        "months": horizon,
        "monthly_cost_at_horizon": _money(at_month(horizon)),
        "monthly_cost_10x": _money(monthly * 10),
        "ceiling": ceiling,
        "headroom": None,
        "headroom_percent": None,
        "crosses_ceiling_in_month": None,
        "ceiling_multiple_at_horizon": None,
        "ceiling_multiple_10x": None,
        "max_cost_per_workflow_at_10x": None,
        "projection": projection,
    }
    if ceiling is not None:
        result["headroom"] = _money(ceiling - monthly)
        result["headroom_percent"] = round(100.0 * (ceiling - monthly) / ceiling, 1) if ceiling else None
        if ceiling:
            result["ceiling_multiple_at_horizon"] = round(at_month(horizon) / ceiling, 2)
            result["ceiling_multiple_10x"] = round(monthly * 10 / ceiling, 2)
        if per_day > 0 and calls > 0:
            result["max_cost_per_workflow_at_10x"] = round(ceiling / (10 * per_day * days), 6)
        result["crosses_ceiling_in_month"] = next(
            (n for n in range(HORIZON_MONTHS + 1) if at_month(n) > ceiling), None)
    return _checked(result, ch.source)


def check_latency(inputs: Any) -> tuple[LatencyResult | None, list[Problem]]:
    """Latency budget.

    Inputs: ``target_ms`` (the end-to-end p95 target) and ``components``, a list of
    ``{name, budget_ms, p95_ms}`` (``p95_ms`` optional: the measured p95, when there is one).

    Adding p95s gives a conservative total (tails rarely coincide), which is what a budget
    wants. Returns the budget total and what is left unallocated, the measured total, whether
    each is within the target, and the components over their budget.
    """
    ch = Checker("latency")
    if ch.mapping(inputs, (), "a mapping with 'target_ms' and 'components'") is None:
        return None, ch.problems
    ch.unknown(inputs, (), LATENCY_FIELDS)
    target = None
    if "target_ms" not in inputs:
        ch.missing((), "target_ms")
    else:
        target = ch.number(inputs, "target_ms", (), 0, MAX_MS, default=None, above=True)
    raw = inputs.get("components")
    if "components" not in inputs:
        ch.missing((), "components")
        raw = []
    elif not isinstance(raw, list) or not raw:
        ch.error(("components",), f"expected a non-empty list of components, got "
                                  f"{'an empty list' if raw == [] else describe(raw)}")
        raw = []
    rows: list[tuple[str, float, float | None]] = []  # name, budget, measured p95: once every input is good
    names: dict[str, int] = {}
    for i, entry in enumerate(raw):
        path: Path = ("components", i)
        if ch.mapping(entry, path, "a component (a mapping)") is None:
            continue
        ch.unknown(entry, path, _COMPONENT_FIELDS)
        for key in ("name", "budget_ms"):
            if key not in entry:
                ch.missing(path, key)
        name = entry.get("name")
        if "name" in entry and (not isinstance(name, str) or not name.strip()):
            ch.error(path + ("name",), f"expected a non-empty string, got {describe(name)}")
        elif isinstance(name, str):
            if name in names:
                ch.error(path + ("name",), f"duplicate component '{name}' (also components[{names[name]}])")
            names.setdefault(name, i)
        budget = ch.number(entry, "budget_ms", path, 0, MAX_MS, default=None)
        p95 = None
        if entry.get("p95_ms") is not None:
            p95 = ch.number(entry, "p95_ms", path, 0, MAX_MS, default=None)
        if isinstance(name, str) and budget is not None:
            rows.append((name, budget, p95))
    if ch.problems or target is None:
        return None, ch.problems

    budget_total = sum(budget for _, budget, _ in rows)
    measured = [p95 for _, _, p95 in rows if p95 is not None]
    measured_total = sum(measured) if measured else None
    components: list[ComponentResult] = []
    for name, budget, p95 in rows:
        components.append({
            "name": name, "budget_ms": _rounded(budget), "p95_ms": None if p95 is None else _rounded(p95),
            "over_by_ms": _rounded(p95 - budget) if p95 is not None and p95 > budget else None,
            "share_of_target_percent": round(100.0 * budget / target, 1),
            "status": "unmeasured" if p95 is None else "over" if p95 > budget else "ok",
        })
    latency: LatencyResult = {
        "target_ms": _rounded(target),
        "budget_total_ms": _rounded(budget_total),
        "unallocated_ms": _rounded(target - budget_total),
        "budget_within_target": budget_total <= target,
        "measured_total_ms": None if measured_total is None else _rounded(measured_total),
        "measured_components": len(measured),
        "measured_within_target": None if measured_total is None else measured_total <= target,
        "measured_over_target_ms": None if measured_total is None or measured_total <= target
        else _rounded(measured_total - target),
        "over_budget": [c["name"] for c in components if c["status"] == "over"],
        "unmeasured": [c["name"] for c in components if c["status"] == "unmeasured"],
        "components": components,
    }
    return _checked(latency, ch.source)


def _rounded(value: float) -> float:
    """Whole numbers as ints (1150, not 1150.0), others rounded to 0.1."""
    value = round(value + 0.0, 1)
    return int(value) if value.is_integer() else value


def cost(inputs: Any) -> CostResult:
    """Like :func:`check_cost`, but raise :class:`ValidationError` on bad input."""
    result, problems = check_cost(inputs)
    if result is None:
        raise ValidationError(problems)
    return result


def latency(inputs: Any) -> LatencyResult:
    """Like :func:`check_latency`, but raise :class:`ValidationError` on bad input."""
    result, problems = check_latency(inputs)
    if result is None:
        raise ValidationError(problems)
    return result
