"""What moved between two assessments: decision, scores, dimensions, blockers and answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from . import doc
from .answers import Answers
from .doc import ARROW, Block, Doc, Inline
from .layout import to_markdown, to_text
from .model import Model
from .shapes import AnswerChange, Decision, Diff, DimensionChange, Result
from .text import number
from .words import DECISION_LABELS

__all__ = ["compare", "compare_answers", "answer_map", "summary", "document", "compare_text"]

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


# --------------------------------------------------------------------------
# The comparison as documents (scoring.doc): the terminal's, and the report's (Markdown, the page)

_TONES: dict[str, doc.Tone] = {"go": "go", "conditional": "conditional", "no-go": "no-go"}


def _label(decision: str) -> str:
    return DECISION_LABELS[decision]


def _signed(value: float | None) -> str:
    if value is None:
        return "n/a"
    return ("+" if value > 0 else "") + _num(value) if value else "±0"


def _num(value: float | None) -> str:
    return number(value, 1)


def _pair(old: str, new: str) -> list[Inline]:
    return [old, ARROW, new]


def _decision(diff: Mapping[str, Any]) -> list[Inline]:
    d = diff["decision"]
    return _pair(_label(d["old"]), _label(d["new"])) if d["old"] != d["new"] else [f"{_label(d['new'])} (unchanged)"]


def _score(diff: Mapping[str, Any]) -> list[Inline]:
    s, m = diff["score"], diff["mean"]
    return ["Score: ", *_pair(_num(s["old"]), _num(s["new"])), f" ({_signed(s['delta'])}); weighted mean ",
            *_pair(_num(m["old"]), _num(m["new"])), f" ({_signed(m['delta'])})"]


def _sides(diff: Mapping[str, Any], as_code: bool) -> list[tuple[str, list[Inline]]]:
    """Which file is before and which after, when the caller named them."""
    sides = []
    for side, key in (("Before", "old"), ("After", "new")):
        name = (diff.get("files") or {}).get(key)
        if name:
            when = (diff.get("assessed") or {}).get(key)
            sides.append((side, [doc.code(name) if as_code else name, f" (assessed {when})" if when else ""]))
    return sides


def _notes(diff: Mapping[str, Any], pages: Mapping[str, str]) -> list[list[Inline]]:
    def ids(values: list[str]) -> list[Inline]:
        return doc.joined(doc.item(i, pages.get(i)) for i in values)

    notes: list[list[Inline]] = []
    if diff["blockers_resolved"]:
        notes.append(["Blockers resolved: ", *ids(diff["blockers_resolved"])])
    if diff["blockers_new"]:
        notes.append(["New blockers: ", *ids(diff["blockers_new"])])
    u = diff["unknown"]
    if u["old"] != u["new"]:
        notes.append(["Unknown items: ", *_pair(str(u["old"]), str(u["new"]))])
    v = diff["versions"]
    if v["old"] != v["new"]:
        notes.append(["Checklist versions differ: ", *_pair(str(v["old"] or "none"), str(v["new"] or "none"))])
    return notes


def _answers(diff: Mapping[str, Any], pages: Mapping[str, str]) -> list[list[Inline]]:
    return [[doc.item(c["item"], pages.get(c["item"])), ": ", *_pair(c["old"], c["new"]), f" ({c['direction']})"]
            for c in diff["items"]]


def summary(diff: Mapping[str, Any], pages: Mapping[str, str] | None = None) -> Doc:
    """The comparison as the terminal shows it (``pilot2prod compare``)."""
    pages = pages or {}
    head: list[Block] = [doc.facts(_sides(diff, as_code=False))] if _sides(diff, False) else []
    head += [doc.paragraph("Decision: ", *_decision(diff)), doc.paragraph(*_score(diff))]
    rows: list[list[list[Inline]]] = [[[dim["title"]], [_num(dim["old"])], [ARROW], [_num(dim["new"])],
                                       [_signed(dim["delta"])],
             [] if dim["old_level"] == dim["new_level"] else _pair(str(dim["old_level"]), str(dim["new_level"]))]
            for dim in diff["dimensions"]]
    notes = [doc.paragraph(*note) for note in _notes(diff, pages)]
    answers = _answers(diff, pages)
    if not answers:
        notes.append(doc.paragraph("No answer changed."))
    return [doc.section("decision", head),
            doc.section("dimensions", [doc.table([], rows, align=["left", "right", "left", "right", "right"],
                                                 width=[0, 5, 0, 5, 6], gap=[0, 2, 1, 1, 2, 2])]),
            doc.section("notes", notes),
            # A column of changed answers, indented as the other lists of the terminal, without a bullet.
            doc.section("answers", [doc.paragraph(f"Answers changed ({len(answers)}):"),
                                    doc.table([], [[answer] for answer in answers])] if answers else [])]


def document(diff: Mapping[str, Any], pages: Mapping[str, str] | None = None) -> Doc:
    """The comparison as a report (Markdown, and the assessment page's ``[data-p2p-compare]``).

    With only the file before named (the page compares a file with the answers on it), the heading names it.
    """
    pages = pages or {}
    files = diff.get("files") or {}
    only_before = files.get("old") and not files.get("new")
    title = doc.heading(1, f"What moved since {files['old']}" if only_before else "What moved")
    sides = [] if only_before else _sides(diff, as_code=True)
    decision = doc.strong("Decision: " + "".join(" → " if span == ARROW else str(span) for span in _decision(diff)))
    rows: list[list[list[Inline]]] = [[[dim["title"]], [_num(dim["old"])], [_num(dim["new"])], [_signed(dim["delta"])],
             [str(dim["new_level"])] if dim["old_level"] == dim["new_level"]
             else _pair(str(dim["old_level"]), str(dim["new_level"]))] for dim in diff["dimensions"]]
    answers = _answers(diff, pages)
    blocks: list[Block] = [title, *([doc.facts(sides)] if sides else []),
                           doc.paragraph(decision, tone=_TONES[diff["decision"]["new"]]),
                           doc.paragraph(*_score(diff), "."),
                           doc.table(("Dimension", "Before", "After", "Change", "Level"), rows,
                                     align=["left", "right", "right", "right", "left"]),
                           doc.bullets(_notes(diff, pages))]
    if answers:
        blocks += [doc.paragraph(f"Answers changed ({len(answers)}):"), doc.bullets(answers)]
    else:
        blocks.append(doc.paragraph("No answer changed."))
    return blocks


def compare_text(diff: Mapping[str, Any], markdown: bool = False, pages: Mapping[str, str] | None = None) -> str:
    """Text (or Markdown) rendering of :func:`compare`."""
    return to_markdown(document(diff, pages)) if markdown else to_text(summary(diff, pages))
