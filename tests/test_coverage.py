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
from scoring import api
from scoring.answers import parse_answers
from scoring.coverage import STATUSES, status
from scoring.engine import score
from scoring.files import load_checklists
from scoring.parse import parse_document

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


# ---- the reports' "By framework" section, and the browser's exports ------------------------------------

POLICY_ANSWERS = "pilot: Policy check\nanswers:\n  OWN-001: yes\n  OWN-002: no\n  OWN-003: partial\n  DATA-001: unsure\n"
RULE_LINE = ("Each reference's status comes from the answers of the items mapped to it: met when every one that applies "
             "is yes, partial when some are yes or partly done, unknown when none is and some are not sure, unmet when "
             "all are no, not applicable when all are. It is evidence toward the reference, not a certification that "
             "the reference is met.")


def test_the_reports_add_by_framework(cli: CliRun, tmp_path: Path) -> None:
    """P-1 (OWN-001 yes, OWN-003 partial) partial, P-2 (OWN-002 no) unmet, P-3 (DATA-001 unsure, DATA-002 not
    answered) unknown; P-4 and P-5 map to nothing."""
    answers = tmp_path / "policy.yaml"
    answers.write_text(POLICY_ANSWERS, encoding="utf-8")
    out = {}
    for fmt in ("text", "markdown", "html"):
        code, out[fmt], _ = cli("score", str(answers), "--format", fmt, "--checklists", str(CROSSWALK))
        assert code == 0, fmt
    assert out["text"].endswith(
        "By framework (references the items map to, by status):\n"
        "Framework    Mapped  Met  Partial  Unmet  Unknown  Not applicable\n"
        "Acme policy  3 of 5    0        1      1        1               0\n")
    assert out["markdown"].endswith(
        f"## By framework\n\n{RULE_LINE}\n\n"
        "| Framework | Mapped | Met | Partial | Unmet | Unknown | Not applicable |\n"
        "|---|---:|---:|---:|---:|---:|---:|\n"
        "| Acme policy | 3 of 5 | 0 | 1 | 1 | 1 | 0 |\n\n"
        "### Acme policy (v3)\n\n"
        "- **Partial:** P-1\n- **Unmet:** P-2\n- **Unknown:** P-3\n")
    assert ('<h3>Acme policy (v3)</h3><dl class="p2p-framework-refs"><dt>Partial</dt><dd>P-1</dd><dt>Unmet</dt>'
            "<dd>P-2</dd><dt>Unknown</dt><dd>P-3</dd></dl>") in out["html"]
    assert ("<tbody><tr><td>Acme policy</td><td>3 of 5</td><td>0</td><td>1</td><td>1</td><td>1</td><td>0</td></tr>"
            "</tbody>") in out["html"]


def test_the_browsers_exports_carry_by_framework() -> None:
    """The page's Markdown and HTML exports are the engine's report: the same section as the CLI's."""
    documents = {name: parse_document((CROSSWALK / f"{name}.yml").read_bytes(), f"{name}.yml").data
                 for name in ("scoring", "own", "data", "ids", "frameworks")}
    model_json = {"config": documents["scoring"], "dimensions": {"OWN": documents["own"], "DATA": documents["data"]},
                  "registry": documents["ids"], "frameworks": documents["frameworks"]}
    assert json.loads(api.load(json.dumps(model_json)))["ok"] is True
    state = json.dumps({"pilot": "Policy check", "answers": {"OWN-001": "yes", "OWN-002": "no", "OWN-003": "partial",
                                                              "DATA-001": "unsure"}})
    markdown = json.loads(api.export(state, "markdown", "", "2026-12-01"))["text"]
    assert markdown.endswith("### Acme policy (v3)\n\n- **Partial:** P-1\n- **Unmet:** P-2\n- **Unknown:** P-3\n")
    html = json.loads(api.export(state, "html", "", "2026-12-01"))["text"]
    assert "<h2>By framework</h2>" in html and "<dt>Unmet</dt><dd>P-2</dd>" in html
