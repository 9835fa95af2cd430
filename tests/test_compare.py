"""compare(): what moved between two assessments."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.answers import parse_answers
from scoring.compare import answer_map, compare
from scoring.engine import score
from scoring.files import load_checklists

MINI = Path(__file__).parent / "data" / "mini"


@pytest.fixture(scope="module")
def model():
    return load_checklists(MINI).model


def assess(model, answers):
    parsed = parse_answers(model, {"answers": answers})
    return score(model, parsed), parsed


def test_what_moved(model) -> None:
    old, old_a = assess(model, {"OWN-001": "no", "OWN-002": "yes", "DATA-001": "partial"})
    new, new_a = assess(model, {"OWN-001": "yes", "OWN-002": "partial", "DATA-001": "yes", "DATA-002": "yes"})
    diff = compare(old, new, old_a, new_a, items=list(model.items))
    assert diff["decision"] == {"old": "no-go", "new": "conditional", "direction": "better"}
    assert diff["score"] == {"old": 33.3, "new": 66.7, "delta": 33.4}
    assert diff["dimensions"][0] == {"id": "OWN", "title": "Ownership", "old": 33.3, "new": 66.7, "delta": 33.4,
                                     "old_level": "Pilot", "new_level": "Hardening"}
    assert diff["blockers_resolved"] == ["OWN-001"] and diff["blockers_new"] == []
    assert diff["items"] == [
        {"item": "OWN-001", "old": "no", "new": "yes", "direction": "better"},
        {"item": "OWN-002", "old": "yes", "new": "partial", "direction": "worse"},
        {"item": "DATA-001", "old": "partial", "new": "yes", "direction": "better"},
        {"item": "DATA-002", "old": "unsure", "new": "yes", "direction": "better"},
    ]
    assert diff["unknown"] == {"old": 2, "new": 1}


def test_same_answers_nothing_moved(model) -> None:
    result, answers = assess(model, {"OWN-001": "yes"})
    diff = compare(result, result, answers, answers)
    assert diff["decision"]["direction"] == "same" and diff["score"]["delta"] == 0
    assert diff["items"] == [] and all(d["delta"] == 0 for d in diff["dimensions"])


def test_plain_mappings_and_no_answers(model) -> None:
    old, _ = assess(model, {})
    new, _ = assess(model, {"OWN-001": "yes"})
    assert compare(old, new)["items"] == []
    diff = compare(old, new, {}, {"OWN-001": {"answer": "yes"}, "OWN-002": "na"})
    assert diff["items"] == [{"item": "OWN-001", "old": "unsure", "new": "yes", "direction": "better"},
                             {"item": "OWN-002", "old": "unsure", "new": "na", "direction": "changed"}]
    assert answer_map(None) == {}


def test_dimension_on_one_side_only(model) -> None:
    old, _ = assess(model, {})
    new = dict(old, dimensions=old["dimensions"][:1])
    diff = compare(old, new)
    assert diff["dimensions"][1] | {"title": ""} == {"id": "DATA", "title": "", "old": 0.0, "new": None,
                                                     "delta": None, "old_level": "Not started", "new_level": None}
