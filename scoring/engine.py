"""Scoring: answers + model -> result (a JSON-ready dict).

The result is the stable contract shared by the CLI and the browser; its keys
are documented in README.md ("JSON output").  Every rule's parameters come
from the model's configuration.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .answers import Answer, Answers
from .coverage import coverage
from .model import Config, Dimension, Item, Model
from .releases import changes
from .shapes import Decision, DimensionResult, OwnerGroup, PhaseGroup, PlanEntry, QuickCheck, Result
from .text import number

__all__ = ["score", "UNMET", "dimension_score"]

#: Answers that count as "not done" for blockers and the quick check.
UNMET = ("no", "unsure")


def _round(value: float | None) -> float | None:
    return None if value is None else round(value + 0.0, 1)


def _figure(value: float) -> str:
    """A score or threshold as the reasons state it: to 0.1, as the result shows the score."""
    return number(value, 1)


def _value(config: Config, answer: str) -> float:
    return float(config.answers.get(answer, 0.0))


def dimension_score(config: Config, dim: Dimension, given: Mapping[str, Answer]) -> tuple[float | None, float]:
    """Score of one dimension and its maximum (``None`` when nothing applies)."""
    total = 0.0
    weights = 0.0
    for item in dim.items:
        answer = given.get(item.id)
        value = answer.value if answer else "unsure"
        if value == "na":
            continue
        weights += item.weight
        total += item.weight * _value(config, value)
    if weights == 0:
        return None, 0.0
    if config.dimension_score == "sum":
        return total, weights
    return 100.0 * total / weights, 100.0


def _weakness(score: float | None, maximum: float) -> float:
    if score is None or maximum <= 0:
        return 0.0
    return max(0.0, 1.0 - score / maximum)


def score(model: Model, answers: Answers) -> Result:
    """Score ``answers`` against ``model``; see the module docstring."""
    config = model.config
    given = dict(answers.given)

    def answer_of(item: Item) -> str:
        found = given.get(item.id)
        return found.value if found else "unsure"

    dims_out: list[DimensionResult] = []
    weakness: dict[str, float] = {}
    applicable: list[tuple[Dimension, float]] = []
    for dim in model.dimensions:
        value, maximum = dimension_score(config, dim, given)
        counts = {choice: 0 for choice in ("yes", "partial", "no", "unsure", "na")}
        for item in dim.items:
            counts[answer_of(item)] += 1
        answered = sum(1 for item in dim.items if item.id in given)
        dims_out.append({
            "id": dim.id,
            "title": dim.title,
            "page": dim.page,
            "score": _round(value),
            "max": _round(maximum) if value is not None else None,
            "level": config.level_for(_round(value)),
            "weight": config.weights.get(dim.id, 1.0),
            "items": len(dim.items),
            "answered": answered,
            "counts": counts,
        })
        weakness[dim.id] = _weakness(value, maximum)
        if value is not None:
            applicable.append((dim, value))

    weakest_id: str | None = None
    overall: float | None = None
    mean: float | None = None
    if applicable:
        weakest_dim, weakest_value = min(applicable, key=lambda pair: pair[1])
        weakest_id = weakest_dim.id
        total_weight = sum(config.weights.get(d.id, 1.0) for d, _ in applicable)
        mean = sum(config.weights.get(d.id, 1.0) * v for d, v in applicable) / total_weight
        overall = weakest_value if config.overall == "weakest" else mean
        # Decide on the figure the reader is shown, so 69.96 never reads "70" yet "conditional".
        overall = _round(overall)

    blockers: list[str] = []
    partial_critical: list[str] = []
    unknown: list[str] = []
    flagged_na: list[str] = []
    for dim in model.dimensions:
        for item in dim.items:
            answer = answer_of(item)
            if answer == "unsure":
                unknown.append(item.id)
            if item.critical and answer in UNMET:
                blockers.append(item.id)
            elif item.critical and answer == "partial":
                partial_critical.append(item.id)
            elif item.critical and answer == "na":
                flagged_na.append(item.id)

    items = model.items
    dim_titles = {d.id: d.title for d in model.dimensions}
    reasons: list[str] = []
    for item_id in blockers:
        reasons.append(f"{item_id} ({items[item_id].title}) is critical and answered "
                       f"{answer_of(items[item_id])}")
    threshold_note = ""
    if overall is None:
        reasons.append("no item applies: every item is answered na")
    elif weakest_id is not None:
        subject = (f"Weakest dimension {dim_titles[weakest_id]} scores" if config.overall == "weakest"
                   else "The weighted mean of the dimensions is")
        if overall < config.no_go:
            reasons.append(f"{subject} {_figure(overall)}, under the no-go threshold {_figure(config.no_go)}")
        elif overall < config.go:
            threshold_note = f"{subject} {_figure(overall)}, under the go threshold {_figure(config.go)}"
    decision: Decision
    if blockers or overall is None or overall < config.no_go:
        decision = "no-go"
    elif partial_critical or overall < config.go:
        decision = "conditional"
        for item_id in partial_critical:
            reasons.append(f"{item_id} ({items[item_id].title}) is critical and only partly done")
        if threshold_note:
            reasons.append(threshold_note)
    else:
        decision = "go"
        reasons.append(f"no critical item is unmet and every dimension reaches the go threshold "
                       f"{_figure(config.go)}" if config.overall == "weakest" else
                       f"no critical item is unmet and the score reaches the go threshold {_figure(config.go)}")

    headline = [item for dim in model.dimensions for item in dim.items if item.headline]
    unmet_headline = [item.id for item in headline if answer_of(item) in UNMET]
    quick_check: QuickCheck = {
        "items": [{"item": item.id, "dimension": item.dimension, "answer": answer_of(item)} for item in headline],
        "unmet": unmet_headline,
        "max_unmet": config.quick_check_max_unmet,
        "verdict": "still a pilot" if len(unmet_headline) > config.quick_check_max_unmet
        else "ready for the full assessment",
    }

    plan = _plan(model, answer_of, weakness, set(blockers), set(partial_critical))
    by_phase: list[PhaseGroup] = [
        {"phase": s.id, "title": s.title, "items": [p["item"] for p in plan if p["phase"] == s.id]}
        for s in config.phases]
    by_owner: list[OwnerGroup] = [
        {"owner": s.id, "title": s.title, "items": [p["item"] for p in plan if p["owner"] == s.id]}
        for s in config.owners]

    return {
        "pilot": answers.pilot,
        "assessed": answers.assessed,
        "version": config.version,
        "answers_version": answers.version,
        "decision": decision,
        "reasons": reasons,
        "score": _round(overall),
        "mean": _round(mean),
        "level": config.level_for(_round(overall)),
        "overall_rule": config.overall,
        "weakest": weakest_id,
        "dimensions": dims_out,
        "blockers": blockers,
        "unknown": unknown,
        "flagged_na": flagged_na,
        "unrecognised": list(answers.unrecognised),
        "mapped": [{"from": old, "to": new} for old, new in answers.mapped],
        "retired": list(answers.retired),
        "changes": changes(model, answers),
        "quick_check": quick_check,
        "plan": plan,
        "plan_by_phase": [group for group in by_phase if group["items"]],
        "plan_by_owner": [group for group in by_owner if group["items"]],
        "frameworks": coverage(model, {item_id: answer.value for item_id, answer in given.items()}),
    }


#: Plan groups, in order: what holds the decision comes first.
_BLOCKER, _PARTLY_DONE, _REST = 0, 1, 2


def _plan(model: Model, answer_of: Callable[[Item], str], weakness: dict[str, float], blockers: set[str],
          partly_done: set[str]) -> list[PlanEntry]:
    """One action per unmet item, ordered by what holds the decision, then by the journey.

    First the critical items that hold the decision: blockers (critical and ``no``/``unsure``),
    then critical items only partly done. Then every other item in phase order (the order of
    ``phases`` in the configuration). Within each group and phase, by priority: weight x gap x
    weakness of the item's dimension; ties keep checklist order.
    """
    config = model.config
    phase_rank = {stage.id: n for n, stage in enumerate(config.phases)}
    entries = []
    position = 0
    for dim in model.dimensions:
        for item in dim.items:
            position += 1
            value = answer_of(item)
            if value in ("yes", "na"):
                continue
            gap = 1.0 - _value(config, value)
            if gap <= 0:
                continue
            priority = item.weight * gap * weakness.get(dim.id, 0.0)
            group = _BLOCKER if item.id in blockers else _PARTLY_DONE if item.id in partly_done else _REST
            entries.append((group, phase_rank.get(item.phase, len(phase_rank)), -priority, position,
                            item, value, priority))
    entries.sort(key=lambda e: e[:4])
    return [{
        "item": item.id,
        "dimension": item.dimension,
        "title": item.title,
        "answer": value,
        "blocker": item.id in blockers,
        "critical": item.critical,
        "priority": round(priority, 4),
        "phase": item.phase,
        "owner": item.owner,
        "action": item.action,
    } for _, _, _, _, item, value, priority in entries]
