"""Checklist releases: scoring an older answers file says what changed, and the changelog is validated.

``tests/data/releases`` is the mini set one release on (1.1.0): OWN-004 was merged into OWN-002,
DATA-003 was dropped without a replacement, and OWN-005 was added.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from scoring.answers import parse_answers
from scoring.cli import main
from scoring.engine import score
from scoring.files import load_checklists, load_document
from scoring.releases import changes, describe_changes

DATA = Path(__file__).parent / "data"
RELEASES = DATA / "releases"
JANUARY = DATA / "releases-answers" / "january.yml"


@pytest.fixture(scope="module")
def model():
    return load_checklists(RELEASES).model


@pytest.fixture
def cli_cwd() -> Path:
    """The ``cli`` fixture (conftest.py) runs where the test data's paths start."""
    return DATA.parent.parent


def test_the_changelog_is_read(model) -> None:
    assert [(r.version, r.date, r.added) for r in model.releases] == [
        ("1.0.0", "2026-01-15", ()), ("1.1.0", "2026-05-01", ("OWN-005",))]


def test_an_older_file_says_what_changed(model) -> None:
    answers = parse_answers(model, {"version": "1.0.0", "answers": {
        "OWN-001": "yes", "OWN-004": "yes", "DATA-003": "no"}})
    assert changes(model, answers) == {
        "from": "1.0.0",
        "to": "1.1.0",
        "known": True,
        "releases": [{"version": "1.1.0", "date": "2026-05-01",
                      "notes": "Budget questions merged; data lineage dropped; an incident runbook item."}],
        "mapped": [{"from": "OWN-004", "to": "OWN-002", "since": "1.1.0", "reason": "merged into the budget item"}],
        "superseded": [],
        "combined": [],
        "ignored": [{"item": "DATA-003", "since": "1.1.0", "reason": "dropped as out of scope"}],
        "added": [{"item": "OWN-005", "title": "Runbook", "dimension": "OWN", "since": "1.1.0", "answered": False}],
    }
    result = score(model, answers)
    assert result["changes"] == changes(model, answers)
    # The keys that existed before releases were recorded keep their meaning.
    assert result["mapped"] == [{"from": "OWN-004", "to": "OWN-002"}] and result["retired"] == ["DATA-003"]
    assert result["answers_version"] == "1.0.0" and result["version"] == "1.1.0"
    assert "OWN-005" in result["unknown"]


def test_a_retired_id_answered_beside_its_replacement_in_a_current_file(model) -> None:
    """Made against the release that retired OWN-004: the stale answer is superseded by the current one."""
    answers = parse_answers(model, {"version": "1.1.0", "answers": {
        "OWN-004": "yes", "OWN-002": "no", "OWN-005": "partial"}})
    ch = changes(model, answers)
    assert ch["mapped"] == [] and ch["ignored"] == [] and ch["combined"] == []
    assert ch["superseded"] == [{"item": "OWN-004", "replaced_by": "OWN-002", "since": "1.1.0",
                                 "reason": "merged into the budget item"}]
    assert answers.given["OWN-002"].value == "no"
    heading, lines = describe_changes(score(model, answers))
    assert heading == "Answers use retired item ids; scored against checklists 1.1.0."
    assert lines == [
        "Retired ids answered beside their replacement (the replacement's answer is used): OWN-004 -> OWN-002"]


@pytest.mark.parametrize("own, retired, used, mapped", [
    ("no", "yes", "no", []),  # the item's own answer is the more cautious
    ("yes", "no", "no", [{"from": "OWN-004", "to": "OWN-002", "since": "1.1.0",
                          "reason": "merged into the budget item"}]),
    ("partial", "partial", "partial", []),  # a tie keeps the item's own answer
])
def test_an_older_file_answering_both_merged_questions_counts_the_more_cautious(model, own, retired, used,
                                                                                mapped) -> None:
    """Made against 1.0.0, when OWN-004 and OWN-002 were both live questions: the merged item is only as
    done as its least-done part."""
    answers = parse_answers(model, {"version": "1.0.0", "answers": {"OWN-004": retired, "OWN-002": own}})
    ch = changes(model, answers)
    assert answers.given["OWN-002"].value == used
    assert ch["mapped"] == mapped
    assert ch["combined"] == [{"item": "OWN-002", "answer": used,
                               "from": [{"item": "OWN-002", "answer": own}, {"item": "OWN-004", "answer": retired}]}]
    assert ch["superseded"] == ([] if mapped else [{"item": "OWN-004", "replaced_by": "OWN-002", "since": "1.1.0",
                                                    "reason": "merged into the budget item"}])
    heading, lines = describe_changes(score(model, answers))
    assert heading == "Answers made against checklists 1.0.0; scored against 1.1.0."
    assert lines[0 if not mapped else 1] == (f"Answered more than once (the most conservative answer is used): "
                                             f"OWN-002 {used} (from OWN-002 {own}, OWN-004 {retired})")
    assert not any(line.startswith("Retired ids answered beside") for line in lines)


@pytest.mark.parametrize("version, known, heading", [
    ("1.1.0", True, ""),
    (None, None, ""),
    ("0.9.0", False, "Answers made against checklists 0.9.0; scored against 1.1.0. 0.9.0 is not a release in "
                     "the checklists' changelog, so items added since are not listed."),
])
def test_versions(model, version, known, heading) -> None:
    data = {"answers": {"OWN-001": "yes"}} | ({"version": version} if version else {})
    result = score(model, parse_answers(model, data))
    assert result["changes"]["known"] is known
    assert result["changes"]["added"] == [] and result["changes"]["releases"] == []
    assert describe_changes(result) == (heading, [])


def test_retired_ids_in_a_current_file(model) -> None:
    result = score(model, parse_answers(model, {"version": "1.1.0", "answers": {"DATA-003": "yes"}}))
    assert describe_changes(result) == ("Answers use retired item ids; scored against checklists 1.1.0.",
                                        ["Retired ids with no replacement (ignored): DATA-003 (dropped as out of scope)"])


def test_score_warns_and_the_text_report_shows_the_changes(cli) -> None:
    code, out, err = cli("score", "tests/data/releases-answers/january.yml", "--checklists", "tests/data/releases")
    assert code == 0
    assert err == ("tests/data/releases-answers/january.yml:3:10: warning: version: answers made against checklists "
                   "1.0.0, scored against 1.1.0 (1 carried over from retired ids; 1 retired and ignored; "
                   "1 added since)\n")
    assert out == (
        "Pilot: Claims triage assistant (assessed 2026-01-20)\n"
        "Decision: GO\n"
        "  - no critical item is unmet and every dimension reaches the go threshold 70\n"
        "Score: 78.6 (Production-ready; weakest dimension), weighted mean 85.7\n"
        "\n"
        "  Ownership   78.6  ################      Production-ready\n"
        "  Data         100  ####################  Operating\n"
        "\n"
        "Quick check: ready for the full assessment (0 of 2 headline items unmet)\n"
        "Unknown (1): OWN-005\n"
        "\n"
        "Answers made against checklists 1.0.0; scored against 1.1.0.\n"
        "  - Carried over from retired ids: OWN-004 -> OWN-002 (merged into the budget item)\n"
        "  - Retired ids with no replacement (ignored): DATA-003 (dropped as out of scope)\n"
        "  - Added since 1.0.0, not answered (counted as unsure): OWN-005 Runbook\n"
        "  - Release 1.1.0 (2026-05-01): Budget questions merged; data lineage dropped; an incident runbook item.\n"
        "\n"
        "Plan:\n"
        "   1. OWN-005 (harden, build): Write the incident runbook.\n"
        "   2. OWN-003 (harden, build): Set up on-call.\n")


def test_markdown_and_html_show_the_changes(cli) -> None:
    _, out, _ = cli("score", str(JANUARY), "--checklists", str(RELEASES), "--format", "markdown")
    assert ("## Checklist changes\n\nAnswers made against checklists 1.0.0; scored against 1.1.0.\n\n"
            "- Carried over from retired ids: OWN-004 -> OWN-002 (merged into the budget item)\n") in out
    _, out, _ = cli("score", str(JANUARY), "--checklists", str(RELEASES), "--format", "html")
    assert ("<h2>Checklist changes</h2><p>Answers made against checklists 1.0.0; scored against 1.1.0.</p>"
            "<ul><li>Carried over from retired ids: OWN-004 -&gt; OWN-002 (merged into the budget item)</li>") in out
    _, out, _ = cli("score", str(JANUARY), "--checklists", str(RELEASES), "--format", "json")
    assert json.loads(out)["changes"]["added"][0]["item"] == "OWN-005"


def test_no_warning_for_the_current_version(cli, tmp_path: Path) -> None:
    current = tmp_path / "current.yml"
    current.write_text('version: "1.1.0"\nanswers: {OWN-001: yes}\n', encoding="utf-8")
    code, out, err = cli("score", str(current), "--checklists", str(RELEASES))
    assert (code, err) == (0, "") and "scored against" not in out


REGISTRY_ERRORS = {
    # (text replaced, replacement)...: the exact problems reported by `pilot2prod validate`.
    "since not a release": ([('since: "1.1.0", reason: merged', 'since: "1.1", reason: merged')],
                            ["ids.yml:11:42: error: retired.OWN-004.since: expected one of the releases 1.0.0, "
                             "1.1.0, got '1.1'; did you mean '1.1.0'?"]),
    "retired before it was added": ([("OWN-005, DATA", "OWN-005, OWN-006, DATA"),
                                     ("added: [OWN-005]", "added: [OWN-005, OWN-006]"),
                                     ("retired:\n", 'retired:\n  OWN-006: {since: "1.0.0", reason: never used}\n')],
                                    ["ids.yml:11:20: error: retired.OWN-006.since: expected a release after 1.1.0, "
                                     "when 'OWN-006' was added, got '1.0.0'"]),
    "added id not issued": ([("added: [OWN-005]", "added: [OWN-005, OWN-050]")],
                            ["ids.yml:9:22: error: releases[1].added[1]: expected an id listed in 'issued', "
                             "got 'OWN-050'; did you mean 'OWN-005'?"]),
    "added twice": ([("notes: First release.", "notes: First release.\n    added: [OWN-005]")],
                    ["ids.yml:10:13: error: releases[1].added[0]: id 'OWN-005' was already added in release 1.0.0"]),
    "unknown release field": ([("notes: First release.", "note: First release.")],
                              ["ids.yml:5:11: error: releases[0].note: unknown field; did you mean 'notes'?"]),
    "last release is not the current one": ([('- version: "1.1.0"', '- version: "1.2.0"')], [
        "ids.yml:6:14: error: releases[1].version: expected the checklists version '1.1.0' of the scoring "
        "configuration (the last release is the current one), got '1.2.0'",
        # Every 'since' must still name a release: renaming one leaves them dangling, and each is reported.
        "ids.yml:11:42: error: retired.OWN-004.since: expected one of the releases 1.0.0, 1.2.0, got '1.1.0'; "
        "did you mean '1.2.0'?",
        "ids.yml:12:21: error: retired.DATA-003.since: expected one of the releases 1.0.0, 1.2.0, got '1.1.0'; "
        "did you mean '1.2.0'?"]),
}


@pytest.mark.parametrize("case", REGISTRY_ERRORS)
def test_changelog_errors(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                          capsys: pytest.CaptureFixture[str]) -> None:
    edits, expected = REGISTRY_ERRORS[case]
    shutil.copytree(RELEASES, tmp_path / "set")
    registry = tmp_path / "set" / "ids.yml"
    text = registry.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    registry.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "set")
    code = main(["validate", "--checklists", "."])
    out, err = capsys.readouterr()
    assert (code, out, err.splitlines()) == (2, "", expected)


# --------------------------------------------------------------------------
# Release 1.1.0 of the real checklists, against answers made for 1.0.0

REAL = DATA.parent.parent / "checklists"
FIXTURE = DATA / "released-answers" / "1.0.0.yaml"


@pytest.fixture(scope="module")
def real():
    return load_checklists(REAL).model


@pytest.mark.parametrize("order", [("OWN-009", "BIZ-007", "COST-009", "SCALE-009"),
                                   ("SCALE-009", "COST-009", "BIZ-007", "OWN-009")])
def test_several_retired_ids_merged_into_one_item_count_the_most_cautious(real, order) -> None:
    """Four 1.0.0 reviews became OWN-010: whatever the order in the file, the least-done one counts."""
    given = {"OWN-009": "yes", "BIZ-007": "partial", "COST-009": "no", "SCALE-009": "yes"}
    answers = parse_answers(real, {"version": "1.0.0", "answers": {key: given[key] for key in order}})
    assert answers.given["OWN-010"].value == "no"
    ch = changes(real, answers)
    assert [(m["from"], m["to"]) for m in ch["mapped"]] == [("COST-009", "OWN-010")]
    assert [s["item"] for s in ch["superseded"]] == [i for i in order if i != "COST-009"]
    assert ch["combined"] == [{"item": "OWN-010", "answer": "no",
                               "from": [{"item": i, "answer": given[i]} for i in order]}]
    assert "OWN-010" not in [a["item"] for a in ch["added"] if not a["answered"]]


def test_not_applicable_counts_only_when_every_merged_answer_says_so(real) -> None:
    na = {"answer": "na", "reason": "one provider, no quota"}
    answers = parse_answers(real, {"version": "1.0.0", "answers": {"SCALE-004": na, "INT-004": "partial"}})
    assert answers.given["SCALE-004"].value == "partial"
    answers = parse_answers(real, {"version": "1.0.0", "answers": {"SCALE-004": na, "INT-004": na}})
    assert answers.given["SCALE-004"] == parse_answers(real, {"answers": {"SCALE-004": na}}).given["SCALE-004"]


def test_a_file_naming_no_release_keeps_the_items_own_answer(real) -> None:
    answers = parse_answers(real, {"answers": {"SEC-003": "yes", "INT-003": "no"}})
    assert answers.given["SEC-003"].value == "yes" and answers.combined == ()
    assert answers.retired == ("INT-003",)


def test_the_1_0_0_fixture_scores_under_1_1_0_and_says_what_moved(real, cli) -> None:
    code, out, err = cli("score", str(FIXTURE), "--checklists", str(REAL), "--format", "json")
    assert code == 0
    assert err == (f"{FIXTURE}:5:10: warning: version: answers made against checklists 1.0.0, scored against "
                   "1.1.0 (5 carried over from retired ids; 7 items answered more than once, the most conservative "
                   "used; 6 retired and superseded by another answer; 1 retired and ignored; 22 added since)\n")
    result = json.loads(out)
    ch = result["changes"]
    assert (ch["from"], ch["to"], ch["known"]) == ("1.0.0", "1.1.0", True)
    assert [(m["from"], m["to"]) for m in ch["mapped"]] == [
        ("COST-009", "OWN-010"), ("DATA-007", "GOV-003"), ("INT-004", "SCALE-004"), ("INT-005", "SCALE-006"),
        ("MON-009", "OWN-007")]
    assert [(s["item"], s["replaced_by"]) for s in ch["superseded"]] == [
        ("OWN-009", "OWN-010"), ("INT-003", "SEC-003"), ("GOV-005", "EVAL-004"), ("GOV-009", "OWN-007"),
        ("SCALE-009", "OWN-010"), ("BIZ-007", "OWN-010")]
    assert [(c["item"], c["answer"], [(s["item"], s["answer"]) for s in c["from"]]) for c in ch["combined"]] == [
        ("OWN-010", "no", [("OWN-009", "partial"), ("COST-009", "no"), ("SCALE-009", "no"), ("BIZ-007", "partial")]),
        ("GOV-003", "partial", [("GOV-003", "yes"), ("DATA-007", "partial")]),
        ("SEC-003", "yes", [("SEC-003", "yes"), ("INT-003", "yes")]),
        ("SCALE-004", "partial", [("SCALE-004", "yes"), ("INT-004", "partial")]),
        ("SCALE-006", "partial", [("SCALE-006", "yes"), ("INT-005", "partial")]),
        ("OWN-007", "no", [("OWN-007", "partial"), ("MON-009", "no"), ("GOV-009", "no")]),
        ("EVAL-004", "partial", [("EVAL-004", "partial"), ("GOV-005", "partial")])]
    assert [i["item"] for i in ch["ignored"]] == ["BIZ-008"]
    added = real.releases[-1].added
    assert [a["item"] for a in ch["added"]] == list(added)
    assert [a["item"] for a in ch["added"] if a["answered"]] == ["OWN-010"]  # answered through the merge
    # Every id of the old file is accounted for: scored as it is, carried over, superseded or ignored.
    old = set(load_document(FIXTURE).data["answers"])
    accounted = (old & set(real.items)) | {m["from"] for m in ch["mapped"]} | {
        s["item"] for s in ch["superseded"]} | {i["item"] for i in ch["ignored"]}
    assert accounted == old and len(old) == 99
    # A gate gives 0 or 1, never 2: the old file is still a valid input.
    assert cli("score", str(FIXTURE), "--checklists", str(REAL), "--fail-on", "conditional")[0] == 1
