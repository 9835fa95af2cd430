"""What the calculators say (:mod:`scoring.calc`), as documents: the terminal's and the page's read-out.

One document per calculator serves ``pilot2prod cost`` / ``pilot2prod latency`` (rendered as text)
and the calculators on the site (laid out by the browser: ``role`` names the part of the form,
``tone`` how it reads).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from . import doc as d
from .calc import HORIZON_MONTHS
from .doc import Block, Doc
from .layout import to_text
from .problems import Problem
from .text import number
from .words import say

__all__ = ["cost", "latency", "problems", "invalid", "cost_text", "latency_text"]


def _num(value: float | None) -> str:
    return number(value, 1)


def _money(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.2f}"


def cost(result: Mapping[str, Any]) -> Doc:
    """The read-out of :func:`scoring.calc.check_cost`."""
    pairs: list[tuple[str, list[d.Inline]]] = [
        ("Cost per workflow", [f"{result['cost_per_workflow']:,.4f}"]),
        ("Daily cost", [_money(result["daily_cost"])]),
        ("Monthly cost now", [_money(result["monthly_cost"])]),
        (f"In {result['months']} months", [_money(result["monthly_cost_at_horizon"])]),
        ("At 10x volume", [_money(result["monthly_cost_10x"])]),
    ]
    said: list[Block] = []
    if result["ceiling"] is None:
        said.append(d.paragraph("No ceiling given: set one to see the headroom.", tone="muted", role="calc__verdict"))
    else:
        pairs.append(("Ceiling", [_money(result["ceiling"])]))
        pct = f" ({_num(abs(result['headroom_percent']))}%)" if result["headroom_percent"] is not None else ""
        pairs.append(("Headroom" if result["headroom"] >= 0 else "Over the ceiling by",
                      [_money(abs(result["headroom"])) + pct]))
        month = result["crosses_ceiling_in_month"]
        if month == 0:
            said.append(d.paragraph("The ceiling is already exceeded.", tone="bad", role="calc__verdict"))
        elif month is None:
            said.append(d.paragraph(f"The ceiling is not crossed within {HORIZON_MONTHS} months at this growth rate.",
                                    tone="ok", role="calc__verdict"))
        else:
            said.append(d.paragraph(f"The ceiling is crossed in month {month}.", tone="warn", role="calc__verdict"))
        if result["max_cost_per_workflow_at_10x"] is not None:
            said.append(d.paragraph(f"10x volume fits the ceiling at a cost per workflow of at most "
                                    f"{result['max_cost_per_workflow_at_10x']:,.4f}.", role="calc__note"))
    return [d.facts(pairs, role="calc__facts"), *said]


def latency(result: Mapping[str, Any]) -> Doc:
    """The read-out of :func:`scoring.calc.check_latency`."""
    rows = [[[c["name"]], [_num(c["budget_ms"])], ["-" if c["p95_ms"] is None else _num(c["p95_ms"])],
             [d.text(f"over by {_num(c['over_by_ms'])} ms", "bad") if c["status"] == "over" else c["status"]]]
            for c in result["components"]]
    measured = "-" if result["measured_total_ms"] is None else _num(result["measured_total_ms"])
    rows.append([["Total"], [_num(result["budget_total_ms"])], [measured], []])
    target = _num(result["target_ms"])
    said = [d.paragraph(f"Budget: {_num(result['budget_total_ms'])} ms allocated of the {target} ms target "
                        f"({_num(result['unallocated_ms'])} ms unallocated).", tone="ok", role="calc__verdict")
            if result["budget_within_target"] else
            d.paragraph(f"Budget: {_num(result['budget_total_ms'])} ms allocated, over the {target} ms target "
                        f"by {_num(-result['unallocated_ms'])} ms.", tone="bad", role="calc__verdict")]
    if result["measured_within_target"] is None:
        said.append(d.paragraph("Measured: no component has a measured p95 yet.", tone="muted", role="calc__verdict"))
    elif result["measured_within_target"]:
        said.append(d.paragraph(f"Measured: {measured} ms, within the {target} ms target.", tone="ok",
                                role="calc__verdict"))
    else:
        said.append(d.paragraph(f"Measured: {measured} ms, over the {target} ms target by "
                                f"{_num(result['measured_over_target_ms'])} ms.", tone="bad", role="calc__verdict"))
    if result["over_budget"]:
        said.append(d.paragraph("Over budget: " + ", ".join(result["over_budget"]), tone="bad", role="calc__note"))
    return [d.section("components", [d.table(("Component", "budget", "p95", "status"), rows,
                                             align=["left", "right", "right", "left"], width=[0, 8, 8, 0],
                                             role="calc__table")]),
            d.section("verdict", said)]


def problems(messages: Sequence[str]) -> Doc:
    """Why the inputs give no result: one line per problem (already capped by the caller)."""
    return [d.paragraph(say("errors.calc"), role="calc__problem"), d.bullets([m] for m in messages)]


def invalid(found: Sequence[Problem]) -> list[dict[str, Any]]:
    """The inputs to mark invalid for ``found``: ``{row, field}``, ``row`` the latency component's index
    (``None`` for a field of the form itself), ``field`` the input's name."""
    out: list[dict[str, Any]] = []
    for problem in found:
        path = tuple(problem.path)
        row = path[1] if len(path) >= 2 and path[0] == "components" and isinstance(path[1], int) else None
        rest = path[2:] if row is not None else path
        field = rest[0] if rest and isinstance(rest[0], str) else None
        if field is None and problem.message.startswith("missing required field '"):
            field = problem.message.split("'")[1]  # the field that is missing is where to type it
        if field is not None and {"row": row, "field": field} not in out:
            out.append({"row": row, "field": field})
    return out


def cost_text(result: Mapping[str, Any]) -> str:
    return to_text(cost(result))


def latency_text(result: Mapping[str, Any]) -> str:
    return to_text(latency(result))
