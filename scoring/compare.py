"""What moved between two assessments: decision, scores, dimensions, blockers and answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from .answers import Answers
from .model import Model
from .shapes import AnswerChange, Decision, Diff, DimensionChange, Result

__all__ = ["compare", "compare_answers", "answer_map"]

DECISION_RANK: dict[Decision, int] = {"no-go": 0, "conditional": 1, "go": 2}
#: For the direction of a changed answer; "na" is neither better nor worse than anything.
ANSWER_RANK = {"unsure": 0, "no": 0, "partial": 1, "yes": 2}


def answer_map(answers: Answers | Mapping[str, Any] | None) -> dict[str, str]:
    """Item id -> answer value, from :class:`Answers` or a plain ``answers`` mapping."""
    if answers is None:
        return {}
    if isinstance(answers, Answers):
        return {item_id: a.value for item_id, a in answers.given.items()}
    out = {}
    for item_id, value in answers.items():
        if isinstance(value, Mapping):
            value = value.get("answer")
        out[str(item_id)] = str(value)
    return out


def _delta(old: float | None, new: float | None) -> float | None:
    return None if old is None or new is None else round(new - old, 1)


def _direction(old: str, new: str) -> Literal["better", "worse", "changed"]:
    if old in ANSWER_RANK and new in ANSWER_RANK and ANSWER_RANK[old] != ANSWER_RANK[new]:
        return "better" if ANSWER_RANK[new] > ANSWER_RANK[old] else "worse"
    return "changed"


def compare(old: Result, new: Result,
            old_answers: Answers | Mapping[str, Any] | None = None,
            new_answers: Answers | Mapping[str, Any] | None = None,
            items: Sequence[str] | None = None,
            files: tuple[str, str] | None = None) -> Diff:
    """Compare two results of :func:`scoring.engine.score` (and, if given, the answers behind them).

    ``old`` is the assessment before, ``new`` the one after; ``files`` names the files they were
    read from, in that order, so that a report can say which is which.

    ``items`` is the checklist's item ids in order: when given, changed answers are listed in
    that order and only for those items; otherwise every id either answers set mentions, in the
    order they appear. Items without an answer count as ``unsure``, as in scoring. Dimensions are
    matched by id; one present on one side only has ``None`` for the other side.
    """
    old_rank, new_rank = DECISION_RANK[old["decision"]], DECISION_RANK[new["decision"]]
    old_dims = {d["id"]: d for d in old["dimensions"]}
    new_dims = {d["id"]: d for d in new["dimensions"]}
    order = list(old_dims) + [d for d in new_dims if d not in old_dims]
    dimensions: list[DimensionChange] = []
    for dim_id in order:
        a, b = old_dims.get(dim_id), new_dims.get(dim_id)
        side = b or a  # the newer title, for a dimension on either side
        dimensions.append({
            "id": dim_id,
            "title": side.get("title", dim_id) if side else dim_id,
            "old": a["score"] if a else None,
            "new": b["score"] if b else None,
            "delta": _delta(a["score"] if a else None, b["score"] if b else None),
            "old_level": a["level"] if a else None,
            "new_level": b["level"] if b else None,
        })

    changed: list[AnswerChange] = []
    if old_answers is not None or new_answers is not None:
        before, after = answer_map(old_answers), answer_map(new_answers)
        ids = list(items) if items is not None else list(dict.fromkeys([*before, *after]))
        for item_id in ids:
            was, now = before.get(item_id, "unsure"), after.get(item_id, "unsure")
            if was != now:
                changed.append({"item": item_id, "old": was, "new": now, "direction": _direction(was, now)})

    old_blockers, new_blockers = set(old["blockers"]), set(new["blockers"])
    return {
        "decision": {"old": old["decision"], "new": new["decision"],
                     "direction": "better" if new_rank > old_rank else "worse" if new_rank < old_rank else "same"},
        "score": {"old": old["score"], "new": new["score"], "delta": _delta(old["score"], new["score"])},
        "mean": {"old": old["mean"], "new": new["mean"], "delta": _delta(old["mean"], new["mean"])},
        "level": {"old": old["level"], "new": new["level"]},
        "dimensions": dimensions,
        "blockers_resolved": [i for i in old["blockers"] if i not in new_blockers],
        "blockers_new": [i for i in new["blockers"] if i not in old_blockers],
        "unknown": {"old": len(old["unknown"]), "new": len(new["unknown"])},
        "items": changed,
        "versions": {"old": old.get("version"), "new": new.get("version")},
        "files": {"old": files[0] if files else None, "new": files[1] if files else None},
        "assessed": {"old": old.get("assessed") or None, "new": new.get("assessed") or None},
    }


def compare_answers(model: Model, old: Answers, new: Answers,
                    files: tuple[str, str] | None = None) -> Diff:
    """Score two answer sets against ``model`` and compare them: what ``pilot2prod compare`` reports.

    Changed answers are listed in checklist order, over the current items only.
    """
    from .engine import score  # the engine does not need this module: import it here, not at the top

    order = [item.id for dim in model.dimensions for item in dim.items]
    return compare(score(model, old), score(model, new), old, new, items=order, files=files)
