"""The browser's saved answers (the *state*) and the answers document they stand for.

The page keeps ``{version, pilot, assessed, answers: {id: entry}, kept: {id: entry}}`` (see
``docs/javascripts``): ``answers`` holds what the reader chose on the page, ``kept`` the answers to
ids these checklists do not score (unknown ids, retired ids without a replacement), carried along
so that an export loses nothing. An entry is an answer value or ``{answer, note?, evidence?, owner?,
date?, reason?}``.

The state is taken as stored: an ``na`` without a reason is not an answer ``pilot2prod score``
accepts, so it is *pending* (it counts as ``unsure`` until it has one) rather than an error. That
rule lives here, and only here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .answers import Answer, Answers
from .model import ANSWER_CHOICES, Model

__all__ = ["EXTRAS", "answer_of", "pending", "answers_document", "from_answers", "entry"]

#: The fields an answer may carry besides its value.
EXTRAS = ("note", "evidence", "owner", "date", "reason")


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def answer_of(entry: Any) -> Any:
    """The answer value of an entry, in either form."""
    return entry.get("answer") if isinstance(entry, Mapping) else entry


def _extra(entry: Any, key: str) -> str:
    value = entry.get(key) if isinstance(entry, Mapping) else None
    return value if isinstance(value, str) else ""


def pending(state: Mapping[str, Any]) -> list[str]:
    """The ids marked ``na`` with no reason yet, in the state's order."""
    return [str(item_id) for item_id, value in _mapping(state.get("answers")).items()
            if answer_of(value) == "na" and not _extra(value, "reason").strip()]


def _compact(value: Any) -> Any:
    """An entry in the short form when it carries nothing else, as an answers file writes it."""
    if not isinstance(value, Mapping):
        return value
    extras = {key: value[key] for key in EXTRAS if isinstance(value.get(key), str) and value[key].strip()}
    return {"answer": value.get("answer"), **extras} if extras else value.get("answer")


def answers_document(state: Mapping[str, Any], version: str) -> tuple[dict[str, Any], list[str]]:
    """The answers document the state stands for, and its pending ids.

    The answers chosen on the page, without the pending ones and without entries that hold no answer
    value, then the kept answers to ids the checklists do not score. ``version`` is the checklists'
    version, for a state that names none.
    """
    waiting = pending(state)
    answers: dict[str, Any] = {}
    for item_id, value in _mapping(state.get("answers")).items():
        if answer_of(value) in ANSWER_CHOICES and str(item_id) not in waiting:
            answers[str(item_id)] = _compact(value)
    for item_id, value in _mapping(state.get("kept")).items():
        answers.setdefault(str(item_id), value)

    def text(key: str) -> str:
        value = state.get(key)
        return value if isinstance(value, str) else ""
    return {"pilot": text("pilot"), "assessed": text("assessed"), "version": text("version") or version,
            "answers": answers}, waiting


def entry(answer: Answer) -> Any:
    """An answer as an answers file writes it: the bare value, or the long form when it has extras."""
    extras = {key: getattr(answer, key) for key in EXTRAS if getattr(answer, key)}
    return {"answer": answer.value, **extras} if extras else answer.value


def from_answers(model: Model, answers: Answers, raw: Mapping[str, Any],
                 waiting: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The state to keep for checked answers: brought up to these checklists (retired ids carried over to
    their replacement, in checklist order), the ids they do not score in ``kept`` as given (``raw``: the
    document's answers), and the ``waiting`` entries (pending, still without a reason) kept as they were.
    """
    waiting = waiting or {}
    given: dict[str, Any] = {}
    for item_id in (item.id for dim in model.dimensions for item in dim.items):
        if item_id in answers.given:
            given[item_id] = entry(answers.given[item_id])
        elif item_id in waiting:
            given[item_id] = waiting[item_id]
    given.update({item_id: value for item_id, value in waiting.items() if item_id not in given})
    unscored: Sequence[str] = (*answers.unrecognised, *answers.retired)
    return {"version": model.config.version, "pilot": answers.pilot, "assessed": answers.assessed,
            "answers": given, "kept": {item_id: raw[item_id] for item_id in unscored if item_id in raw}}
