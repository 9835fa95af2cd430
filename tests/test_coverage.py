"""scoring.coverage: each framework reference's status from the answers of the items that map to it.

The rule (scoring/coverage.py, stated on docs/scoring.md): not-mapped with no item; na when every item is
na; met when every item that applies is yes; partial when one is yes or partial; unknown when none is and
one is unsure; unmet when every one that applies is no.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from conftest import CliRun
from scoring.answers import parse_answers
from scoring.coverage import STATUSES, status
from scoring.engine import score
from scoring.files import load_checklists

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
CROSSWALK = ROOT / "examples" / "cli" / "policy"

RULES = [
    ([], "not-mapped"),
    (["na"], "na"),
    (["na", "na"], "na"),
    (["yes"], "met"),
    (["yes", "na"], "met"),
    (["yes", "yes"], "met"),
    (["partial"], "partial"),
    (["yes", "no"], "partial"),
    (["yes", "unsure"], "partial"),
    (["partial", "no", "unsure"], "partial"),
    (["unsure"], "unknown"),
    (["no", "unsure"], "unknown"),
    (["unsure", "na"], "unknown"),
    (["no"], "unmet"),
    (["no", "na"], "unmet"),
    (["no", "no"], "unmet"),
]


@pytest.mark.parametrize(("answers", "expected"), RULES, ids=lambda v: "+".join(v) if isinstance(v, list) else v)
def test_the_status_rule(answers: list[str], expected: str) -> None:
    assert status(answers) == expected


def test_every_combination_of_answers_gets_the_status_the_rule_states() -> None:
    """The rule in words, checked against every multiset of up to four answers."""
    for size in range(5):
        for combo in itertools.combinations_with_replacement(("yes", "partial", "no", "unsure", "na"), size):
            applicable = [a for a in combo if a != "na"]
            if not combo:
                expected = "not-mapped"
            elif not applicable:
                expected = "na"
            elif set(applicable) == {"yes"}:
                expected = "met"
            elif {"yes", "partial"} & set(applicable):
                expected = "partial"
            elif "unsure" in applicable:
                expected = "unknown"
            else:
                expected = "unmet"
            assert status(combo) == expected, combo
            assert status(reversed(combo)) == expected, combo  # the order of the items does not matter


def test_a_result_holds_every_framework_reference_with_its_items_and_status() -> None:
    model = load_checklists(CROSSWALK).model
    answers = parse_answers(model, {"answers": {"OWN-001": "partial", "OWN-002": "yes", "DATA-001": "no"}})
    assert score(model, answers)["frameworks"] == [{
        "id": "acme-ai-policy", "title": "Acme AI use policy", "edition": "v3",
        "summary": {"refs": 5, "mapped": 3, "met": 1, "partial": 1, "unmet": 0, "unknown": 1, "na": 0},
        "refs": [
            {"id": "P-1", "title": "Every AI system has a named owner", "items": ["OWN-001", "OWN-003"],
             "status": "partial"},
            {"id": "P-2", "title": "Running costs are budgeted before launch", "items": ["OWN-002"], "status": "met"},
            {"id": "P-3", "title": "Data pipelines are automated and checked", "items": ["DATA-001", "DATA-002"],
             "status": "unknown"},  # DATA-002 is unanswered: unsure
            {"id": "P-4", "title": "No customer data leaves the EU", "items": [], "status": "not-mapped"},
            {"id": "P-5", "title": "Staff are trained before they use AI", "items": [], "status": "not-mapped"},
        ]}]


def test_the_summary_counts_add_up_for_every_status() -> None:
    model = load_checklists(ROOT / "checklists").model
    for value in ("yes", "partial", "no", "unsure"):
        result = score(model, parse_answers(model, {"answers": {i: value for i in model.items}}))
        for framework in result["frameworks"]:
            counts = {name: sum(1 for r in framework["refs"] if r["status"] == name) for name in STATUSES}
            summary = framework["summary"]
            assert summary["mapped"] == summary["refs"] - counts["not-mapped"]
            assert all(summary[name] == counts[name] for name in ("met", "partial", "unmet", "unknown", "na"))
            expected = {"yes": "met", "partial": "partial", "no": "unmet", "unsure": "unknown"}[value]
            assert summary[expected] == summary["mapped"], (value, framework["id"])


def test_without_frameworks_the_key_is_there_and_empty() -> None:
    model = load_checklists(DATA / "mini").model
    assert score(model, parse_answers(model, {"answers": {}}))["frameworks"] == []


EXAMPLES = sorted((ROOT / "examples").glob("readiness*.yaml"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_score_json_on_every_example_has_frameworks(cli: CliRun, example: Path) -> None:
    code, out, _ = cli("score", str(example), "--format", "json", "--checklists", str(ROOT / "checklists"))
    assert code == 0
    frameworks = json.loads(out)["frameworks"]
    assert [f["id"] for f in frameworks] == ["nist-ai-rmf", "eu-ai-act", "owasp-llm", "iso-42001", "ml-test-score"]
    assert [f["summary"]["refs"] for f in frameworks] == [72, 23, 10, 38, 28]
    assert all(ref["status"] in STATUSES for f in frameworks for ref in f["refs"])
