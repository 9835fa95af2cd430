"""Answers: short and long forms, na with a reason, unknown and retired ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.answers import Answer, check_answers
from scoring.files import load_checklists

MINI = Path(__file__).parent / "data" / "mini"


@pytest.fixture(scope="module")
def model():
    return load_checklists(MINI).model


def test_short_and_long_forms(model) -> None:
    answers, problems = check_answers(model, {"pilot": "P", "assessed": "2026-11-26", "answers": {
        "OWN-001": "yes",
        "OWN-002": {"answer": "partial", "note": "n", "evidence": "https://e", "owner": "Dana", "date": "2026-11-20"},
        "OWN-003": {"answer": "na", "reason": "not in scope"},
        "DATA-001": False,  # what a YAML 1.1 tool writes for "no"
    }})
    assert problems == []
    assert answers.given == {
        "OWN-001": Answer("yes"),
        "OWN-002": Answer("partial", note="n", evidence="https://e", owner="Dana", date="2026-11-20"),
        "OWN-003": Answer("na", reason="not in scope"),
        "DATA-001": Answer("no"),
    }
    assert (answers.pilot, answers.assessed) == ("P", "2026-11-26")


def test_unknown_and_retired_ids_are_kept_not_dropped(model) -> None:
    answers, _ = check_answers(model, {"answers": {"SEC-009": "yes", "OWN-004": "no", "DATA-003": "yes"}})
    assert answers.unrecognised == ("SEC-009",)
    assert answers.mapped == (("OWN-004", "OWN-002"),)
    assert answers.retired == ("DATA-003",)
    assert answers.given["OWN-002"] == Answer("no")


def test_every_problem_at_once(model) -> None:
    answers, problems = check_answers(model, {"pilot": ["x"], "answer": {}, "answers": {
        "OWN-001": "Yes", "OWN-002": {"answer": "na"}, "OWN-003": {"answer": "no", "reason": 3, "extra": 1}}})
    assert answers is None
    assert [str(p) for p in problems] == [
        "answer: unknown field; did you mean 'answers'?",
        "pilot: expected a string, got a list",
        "answers.OWN-001: expected one of yes, partial, no, unsure, na, got 'Yes'; did you mean 'yes'?",
        "answers.OWN-002: an 'na' answer needs a reason: write {answer: na, reason: \"...\"}",
        "answers.OWN-003.extra: unknown field",
    ]


def test_empty_answers_are_fine(model) -> None:
    for doc in ({}, {"answers": None}, {"answers": {}}):
        answers, problems = check_answers(model, doc)
        assert problems == [] and answers.given == {}


DATE = "expected a date written YYYY-MM-DD, got "


@pytest.mark.parametrize(("given", "message"), [
    ("2026-13-40", DATE + "'2026-13-40': there is no month 13"),
    ("2026-00-10", DATE + "'2026-00-10': there is no month 0"),
    ("2026-02-29", DATE + "'2026-02-29': 2026-02 has 28 days"),
    ("2026-04-31", DATE + "'2026-04-31': 2026-04 has 30 days"),
    ("2026-12-32", DATE + "'2026-12-32': 2026-12 has 31 days"),
    ("0000-01-01", DATE + "'0000-01-01': there is no year 0"),
    ("26/11/2026", DATE + "'26/11/2026'"),
    ("2026-11-26T10:00", DATE + "'2026-11-26T10:00'"),
    ("2026-1-5", DATE + "'2026-1-5'"),
    ("20261126", DATE + "'20261126'"),  # ISO's basic form: Python's fromisoformat takes it, we do not
    (20261126, DATE + "20261126"),
    ("next week", DATE + "'next week'"),
])
def test_dates_must_be_real_iso_dates(model, given, message) -> None:
    """`assessed` and the long form's `date`: a real calendar date, YYYY-MM-DD, or nothing."""
    answers, problems = check_answers(model, {"assessed": given, "answers": {
        "OWN-001": {"answer": "yes", "date": given}}})
    assert answers is None
    assert [str(p) for p in problems] == [f"assessed: {message}", f"answers.OWN-001.date: {message}"]


@pytest.mark.parametrize("given", ["2028-02-29", "2026-12-31", "0001-01-01", "", None])
def test_real_dates_and_no_date_are_accepted(model, given) -> None:
    answers, problems = check_answers(model, {"assessed": given, "answers": {"OWN-001": {"answer": "yes", "date": given}}})
    assert problems == []
    assert (answers.assessed, answers.given["OWN-001"].date) == (given or "", given or "")
