"""Answers: parsed and checked against a model."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .checker import Checker
from .model import ANSWER_CHOICES, Model
from .problems import Path, Problem, ValidationError, date_problem, describe, did_you_mean

__all__ = ["Answer", "Answers", "Combined", "CONSERVATIVE", "DATE_PATTERN", "LONG_KEYS", "NA_NEEDS_REASON",
           "TOP_KEYS", "check_answers", "parse_answers"]

#: The fields of an answers file, and of an answer in the long form.
TOP_KEYS = ("pilot", "assessed", "version", "answers")
LONG_KEYS = ("answer", "note", "evidence", "owner", "date", "reason")
NA_NEEDS_REASON = "an 'na' answer needs a reason: write {answer: na, reason: \"...\"}"


def _date_pattern() -> str:
    """:func:`~scoring.problems.date_problem`'s rule as one regular expression, for the answers schema.

    Blank, or a real date from 0001-01-01 to 9999-12-31: months of 31 and of 30 days, February of 28,
    and of 29 in a leap year (a multiple of 4 but not of 100, or of 400), as Python's calendar has it.
    """
    days_31 = "(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    days_30 = "(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    february = "02-(?:0[1-9]|1[0-9]|2[0-8])"
    leap_year = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
    return f"^(?:\\s*|(?!0000)[0-9]{{4}}-(?:{days_31}|{days_30}|{february})|{leap_year}-02-29)$"


#: A value ``assessed`` and an answer's ``date`` may hold (a JSON Schema pattern, read alike by ECMA-262 and Python).
DATE_PATTERN = _date_pattern()

#: Answers from the most to the least conservative: when several answers reach one item, the first
#: of these wins. ``na`` comes last, so an item counts as not applicable only if every answer says so.
CONSERVATIVE = ("no", "unsure", "partial", "yes", "na")


@dataclass(frozen=True)
class Answer:
    value: str  # one of ANSWER_CHOICES
    note: str = ""
    evidence: str = ""
    owner: str = ""
    date: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Combined:
    """Several answers that reached one item; ``answer`` is the one used (the most conservative).

    ``sources`` are ``(id, answer)`` pairs: the item's own answer first if it counted, then the
    retired ids merged into it, in the order the file gives them.
    """

    item: str
    answer: str
    sources: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Answers:
    """A checked answers document.

    ``given`` holds the answers to current items (after mapping retired ids),
    ``unrecognised`` the ids the checklists do not know, ``mapped`` the retired
    ids whose answers were carried over to their replacement, ``retired`` the
    retired ids whose answers were not used, and ``combined`` the items that
    several answers reached (see :func:`check_answers`).
    """

    pilot: str = ""
    assessed: str = ""
    version: str = ""
    given: Mapping[str, Answer] = field(default_factory=dict)
    unrecognised: tuple[str, ...] = ()
    mapped: tuple[tuple[str, str], ...] = ()
    retired: tuple[str, ...] = ()
    combined: tuple[Combined, ...] = ()


def _scalar_text(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int, float)):
        return str(value)
    return None


def _answer(value: Any, path: Path, ch: Checker) -> Answer | None:
    if isinstance(value, dict):
        ch.unknown(value, path, LONG_KEYS)
        if "answer" not in value:
            ch.missing(path, "answer")
            return None
        extras: dict[str, str] = {}
        for key in LONG_KEYS[1:]:
            if key in value and value[key] is not None:
                text = _scalar_text(value[key])
                if text is None:
                    ch.error(path + (key,), f"expected a string, got {describe(value[key])}")
                elif key == "date" and (why := date_problem(text, value[key])):
                    ch.error(path + (key,), why)
                else:
                    extras[key] = text
        raw = value["answer"]
        path = path + ("answer",)
    else:
        extras = {}
        raw = value
    if isinstance(raw, bool):
        # YAML 1.1 readers turn yes/no into booleans; accept them as meant.
        raw = "yes" if raw else "no"
    if raw not in ANSWER_CHOICES:
        hint = did_you_mean(raw, ANSWER_CHOICES) if isinstance(raw, str) else ""
        ch.error(path, f"expected one of {', '.join(ANSWER_CHOICES)}, got {describe(raw)}{hint}")
        return None
    if raw == "na" and not extras.get("reason", "").strip():
        ch.error(path[:2], NA_NEEDS_REASON)
        return None
    return Answer(raw, **extras)


def _conservative(candidates: list[tuple[str, Answer]]) -> tuple[str, Answer]:
    """The most conservative of several answers; on a tie, the first one given."""
    return min(candidates, key=lambda pair: CONSERVATIVE.index(pair[1].value))


def _live_when_answered(model: Model, version: str, retired_id: str) -> bool:
    """Whether the file was made against a release in which ``retired_id`` was still a question."""
    versions = [r.version for r in model.releases]
    since = model.retired[retired_id].since
    return version in versions and since in versions and versions.index(version) < versions.index(since)


def check_answers(model: Model, data: Any) -> tuple[Answers | None, list[Problem]]:
    """Check an answers document (the parsed YAML/JSON) against ``model``.

    Bad values are problems; answers to unknown ids are not (they are kept in
    ``unrecognised`` so that callers can report them, never dropped silently).

    Answers to retired ids are carried over to their replacement. When several
    answers reach one item (retired ids merged into it, or a retired id and the
    item itself in a file made before the retirement, when both were live
    questions), the most conservative answer is used (:data:`CONSERVATIVE`) and
    the item is listed in ``combined``: merged questions asked parts of what the
    item asks, so it is only as done as its least-done part. In a file made
    against the release that retired an id, or later, or naming no known
    release, the item's own answer wins over answers to retired ids.
    """
    ch = Checker("answers")
    if ch.mapping(data, (), "a mapping with an 'answers' field") is None:
        return None, ch.problems
    ch.unknown(data, (), TOP_KEYS)
    meta = {}
    for key in ("pilot", "assessed", "version"):
        value = data.get(key)
        if value is None:
            meta[key] = ""
            continue
        text = _scalar_text(value)
        if text is None:
            ch.error((key,), f"expected a string, got {describe(value)}")
            text = ""
        elif key == "assessed" and (why := date_problem(text, value)):
            ch.error((key,), why)
        meta[key] = text
    raw = data.get("answers", {})
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        ch.error(("answers",), f"expected a mapping of item id to answer, got {describe(raw)}")
        raw = {}
    items = model.items
    given: dict[str, Answer] = {}
    unrecognised: list[str] = []
    retired_seen: list[str] = []
    pending: list[tuple[str, str, Answer]] = []
    for key, value in raw.items():
        item_id = str(key)
        answer = _answer(value, ("answers", item_id), ch)
        if answer is None:
            continue
        if item_id in items:
            given[item_id] = answer
        elif item_id in model.retired:
            retired_seen.append(item_id)
            target = model.retired[item_id].replaced_by
            if target:
                pending.append((item_id, target, answer))
        else:
            unrecognised.append(item_id)
    mapped: list[tuple[str, str]] = []
    combined: list[Combined] = []
    for target in dict.fromkeys(new for _, new, _ in pending):
        sources = [(old, answer) for old, new, answer in pending if new == target]
        if target in given:
            # The item was answered itself: retired answers count only if they were live questions then.
            counted = [pair for pair in sources if _live_when_answered(model, meta["version"], pair[0])]
            if not counted:
                continue
            candidates = [(target, given[target]), *counted]
        else:
            candidates = sources
        winner, answer = _conservative(candidates)
        given[target] = answer
        if winner != target:
            mapped.append((winner, target))
        if len(candidates) > 1:
            combined.append(Combined(target, answer.value, tuple((i, a.value) for i, a in candidates)))
    if ch.problems:
        return None, ch.problems
    return Answers(meta["pilot"], meta["assessed"], meta["version"], given, tuple(unrecognised),
                   tuple(mapped), tuple(r for r in retired_seen if (r, model.retired[r].replaced_by) not in mapped),
                   tuple(combined)), []


def parse_answers(model: Model, data: Any) -> Answers:
    """Like :func:`check_answers`, but raise :class:`~scoring.problems.ValidationError`."""
    answers, problems = check_answers(model, data)
    if answers is None:
        raise ValidationError(problems)
    return answers

