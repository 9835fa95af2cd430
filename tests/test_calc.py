"""Calculators: the worked examples of the cost and scale pages, and input checking."""

from __future__ import annotations

import pytest

from scoring.calc import check_cost, check_latency, cost, latency
from scoring.problems import ValidationError

CLAIMS = {"cost_per_call": 0.02, "calls_per_workflow": 6, "workflows_per_day": 4000,
          "monthly_growth_percent": 10, "ceiling": 25000}


def test_cost_worked_example() -> None:
    """The figures of docs/dimensions/cost.md's worked example."""
    r = cost(CLAIMS)
    assert r["cost_per_workflow"] == 0.12
    assert r["daily_cost"] == 480
    assert r["monthly_cost"] == 14400
    assert r["headroom"] == 10600 and r["headroom_percent"] == 42.4
    assert r["projection"][6]["monthly_cost"] == 25510.48 and r["projection"][6]["over_ceiling"] is True
    assert r["projection"][5]["over_ceiling"] is False
    assert r["crosses_ceiling_in_month"] == 6
    assert r["monthly_cost_at_horizon"] == 45193.37 and r["ceiling_multiple_at_horizon"] == 1.81
    assert r["monthly_cost_10x"] == 144000 and r["ceiling_multiple_10x"] == 5.76
    assert r["max_cost_per_workflow_at_10x"] == 0.020833
    assert len(r["projection"]) == 13


def test_cost_without_ceiling_or_growth() -> None:
    r = cost({"cost_per_call": 0.5, "calls_per_workflow": 2, "workflows_per_day": 10, "days_per_month": 21})
    assert r["monthly_cost"] == 210 and r["monthly_cost_at_horizon"] == 210
    assert r["headroom"] is None and r["crosses_ceiling_in_month"] is None
    assert "over_ceiling" not in r["projection"][0]


def test_cost_ceiling_already_crossed_and_never_crossed() -> None:
    assert cost(CLAIMS | {"ceiling": 1000})["crosses_ceiling_in_month"] == 0
    assert cost(CLAIMS | {"ceiling": 1000})["headroom"] == -13400
    assert cost(CLAIMS | {"monthly_growth_percent": -5})["crosses_ceiling_in_month"] is None
    assert cost(CLAIMS | {"monthly_growth_percent": 0})["crosses_ceiling_in_month"] is None


def test_cost_problems_all_at_once() -> None:
    result, problems = check_cost({"cost_per_call": "free", "cals_per_workflow": 3, "workflows_per_day": -1,
                                   "monthly_growth_percent": -100, "months": 2.5})
    assert result is None
    assert [str(p) for p in problems] == [
        "cals_per_workflow: unknown field; did you mean 'calls_per_workflow'?",
        "cost_per_call: expected a number, got 'free'",
        "missing required field 'calls_per_workflow'",
        "workflows_per_day: expected a number from 0 to 1,000,000,000, got -1",
        "monthly_growth_percent: expected a number greater than -100 and at most 1,000, got -100",
        "months: expected a whole number of months, got 2.5",
    ]
    assert all(p.source == "cost" for p in problems)


@pytest.mark.parametrize("bad, message", [
    (None, "expected a mapping of cost inputs, got an empty document"),
    ([1, 2], "expected a mapping of cost inputs, got a list"),
])
def test_cost_not_a_mapping(bad, message) -> None:
    assert [str(p) for p in check_cost(bad)[1]] == [message]
    with pytest.raises(ValidationError):
        cost(bad)


BUDGET = {"target_ms": 3000, "components": [
    {"name": "Network", "budget_ms": 150, "p95_ms": 140},
    {"name": "Retrieval", "budget_ms": 400, "p95_ms": 1150},
    {"name": "Model call", "budget_ms": 1800, "p95_ms": 1750},
    {"name": "Post-processing", "budget_ms": 350, "p95_ms": 300},
    {"name": "Headroom", "budget_ms": 300},
]}


def test_latency_worked_example() -> None:
    """The load-test column of docs/dimensions/scale.md's worked example."""
    r = latency(BUDGET)
    assert r["budget_total_ms"] == 3000 and r["unallocated_ms"] == 0 and r["budget_within_target"] is True
    assert r["measured_total_ms"] == 3340 and r["measured_within_target"] is False
    assert r["measured_over_target_ms"] == 340
    assert r["over_budget"] == ["Retrieval"] and r["unmeasured"] == ["Headroom"]
    assert r["components"][1] == {"name": "Retrieval", "budget_ms": 400, "p95_ms": 1150, "over_by_ms": 750,
                                  "share_of_target_percent": 13.3, "status": "over"}


def test_latency_pilot_column_is_within_target() -> None:
    pilot = {"target_ms": 3000, "components": [
        {"name": "Network", "budget_ms": 150, "p95_ms": 90}, {"name": "Retrieval", "budget_ms": 400, "p95_ms": 180},
        {"name": "Model call", "budget_ms": 1800, "p95_ms": 1300},
        {"name": "Post-processing", "budget_ms": 350, "p95_ms": 120}]}
    r = latency(pilot)
    assert r["measured_total_ms"] == 1690 and r["measured_within_target"] is True and r["over_budget"] == []
    assert r["unallocated_ms"] == 300


def test_latency_over_allocated_and_unmeasured() -> None:
    r = latency({"target_ms": 500, "components": [{"name": "a", "budget_ms": 400}, {"name": "b", "budget_ms": 200.5}]})
    assert r["budget_within_target"] is False and r["unallocated_ms"] == -100.5
    assert r["measured_total_ms"] is None and r["measured_within_target"] is None


def test_latency_problems_all_at_once() -> None:
    result, problems = check_latency({"target": 3000, "components": [
        {"name": "a", "budget_ms": "fast"}, {"budget_ms": 1, "p95": 2}, "c", {"name": "a", "budget_ms": -1}]})
    assert result is None
    assert [str(p) for p in problems] == [
        "target: unknown field; did you mean 'target_ms'?",
        "missing required field 'target_ms'",
        "components[0].budget_ms: expected a number, got 'fast'",
        "components[1].p95: unknown field; did you mean 'p95_ms'?",
        "components[1]: missing required field 'name'",
        "components[2]: expected a component (a mapping), got 'c'",
        "components[3].name: duplicate component 'a' (also components[0])",
        "components[3].budget_ms: expected a number from 0 to 86,400,000, got -1",
    ]


def test_latency_needs_components() -> None:
    assert [str(p) for p in check_latency({"target_ms": 0, "components": []})[1]] == [
        "target_ms: expected a number greater than 0 and at most 86,400,000, got 0",
        "components: expected a non-empty list of components, got an empty list"]
