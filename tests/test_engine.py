"""Scoring rules: dimension scores, weakest link, decision and reasons, quick check, plan."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from scoring.answers import parse_answers
from scoring.engine import score
from scoring.files import load_checklists

DATA = Path(__file__).parent / "data"
CONTRACT = ("decision", "reasons", "score", "mean", "level", "overall_rule", "weakest", "dimensions", "blockers",
            "unknown", "flagged_na", "unrecognised", "mapped", "retired", "quick_check", "plan", "plan_by_phase",
            "plan_by_owner")


@pytest.fixture(scope="module")
def mini():
    return load_checklists(DATA / "mini").model


def run(model, answers: dict, **meta):
    return score(model, parse_answers(model, {"answers": answers, **meta}))


def test_contract_keys(mini) -> None:
    result = run(mini, {})
    assert set(CONTRACT) <= set(result)
    for dim in result["dimensions"]:
        assert set(dim) >= {"id", "title", "page", "score", "max", "level", "weight", "items", "answered", "counts"}
    for step in result["plan"]:
        assert set(step) == {"item", "dimension", "title", "answer", "blocker", "critical", "priority", "phase",
                             "owner", "action"}
    assert set(result["quick_check"]) == {"items", "unmet", "max_unmet", "verdict"}


def test_nothing_answered_is_unknown_and_no_go(mini) -> None:
    result = run(mini, {})
    assert result["decision"] == "no-go"
    assert result["unknown"] == ["OWN-001", "OWN-002", "OWN-003", "DATA-001", "DATA-002"]
    assert result["blockers"] == ["OWN-001", "DATA-001"]
    assert result["score"] == 0 and result["level"] == "Not started"
    assert result["reasons"] == [
        "OWN-001 (Run owner) is critical and answered unsure",
        "DATA-001 (Live pipeline) is critical and answered unsure",
        "Weakest dimension Ownership scores 0, under the no-go threshold 45",
    ]


def test_weighted_percent_and_weakest_link(mini) -> None:
    # OWN: 3*1 + 2*0.5 + 1*0 = 4 of 6 -> 66.7; DATA: 2*1 + 1*1 = 100; mean weights OWN 2, DATA 1.
    result = run(mini, {"OWN-001": "yes", "OWN-002": "partial", "OWN-003": "no", "DATA-001": "yes",
                        "DATA-002": "yes"})
    assert [(d["id"], d["score"], d["level"]) for d in result["dimensions"]] == [
        ("OWN", 66.7, "Hardening"), ("DATA", 100.0, "Operating")]
    assert result["score"] == 66.7 and result["weakest"] == "OWN"
    assert result["mean"] == round((2 * 200 / 3 + 100) / 3, 1)
    assert result["decision"] == "conditional"
    assert result["reasons"] == ["Weakest dimension Ownership scores 66.7, under the go threshold 70"]


def test_go(mini) -> None:
    result = run(mini, dict.fromkeys(["OWN-001", "OWN-002", "OWN-003", "DATA-001", "DATA-002"], "yes"))
    assert result["decision"] == "go"
    assert result["reasons"] == ["no critical item is unmet and every dimension reaches the go threshold 70"]
    assert result["plan"] == [] and result["plan_by_phase"] == [] and result["plan_by_owner"] == []


def test_critical_partial_is_conditional_even_when_scores_are_high(mini) -> None:
    answers = dict.fromkeys(["OWN-002", "OWN-003", "DATA-001", "DATA-002"], "yes") | {"OWN-001": "partial"}
    result = run(mini, answers)
    assert result["score"] == 75.0
    assert result["decision"] == "conditional"
    assert result["reasons"] == ["OWN-001 (Run owner) is critical and only partly done"]


def test_critical_no_is_no_go_even_when_scores_are_high(mini) -> None:
    answers = dict.fromkeys(["OWN-001", "OWN-002", "OWN-003", "DATA-002"], "yes") | {"DATA-001": "no"}
    result = run(mini, answers)
    assert result["decision"] == "no-go"
    assert result["blockers"] == ["DATA-001"]
    assert result["plan"][0] | {"priority": 0} == {
        "item": "DATA-001", "dimension": "DATA", "title": "Live pipeline", "answer": "no", "blocker": True,
        "critical": True, "priority": 0, "phase": "harden", "owner": "build", "action": "Automate the pipeline."}


def test_na_is_excluded_and_critical_na_is_flagged(mini) -> None:
    result = run(mini, {"OWN-001": {"answer": "na", "reason": "vendor runs it"}, "OWN-002": "yes",
                        "OWN-003": "yes", "DATA-001": "yes", "DATA-002": "yes"})
    assert result["dimensions"][0]["score"] == 100.0
    assert result["dimensions"][0]["counts"] == {"yes": 2, "partial": 0, "no": 0, "unsure": 0, "na": 1}
    assert result["flagged_na"] == ["OWN-001"]
    assert result["blockers"] == []
    assert result["decision"] == "go"


def test_every_item_na_is_no_go(mini) -> None:
    na = {"answer": "na", "reason": "out of scope"}
    result = run(mini, dict.fromkeys(["OWN-001", "OWN-002", "OWN-003", "DATA-001", "DATA-002"], na))
    assert result["score"] is None and result["level"] == "n/a"
    assert result["decision"] == "no-go"
    assert result["reasons"] == ["no item applies: every item is answered na"]


def test_quick_check_threshold(mini) -> None:
    # max_unmet is 1 in the mini config: two unmet headline items are "still a pilot".
    assert run(mini, {"OWN-001": "no"})["quick_check"]["verdict"] == "still a pilot"
    one = run(mini, {"OWN-001": "no", "DATA-001": "partial"})["quick_check"]
    assert one == {"items": [{"item": "OWN-001", "dimension": "OWN", "answer": "no"},
                             {"item": "DATA-001", "dimension": "DATA", "answer": "partial"}],
                   "unmet": ["OWN-001"], "max_unmet": 1, "verdict": "ready for the full assessment"}


def test_plan_order_blockers_then_phases_then_priority(mini) -> None:
    result = run(mini, {"OWN-001": "yes", "OWN-002": "partial", "OWN-003": "no", "DATA-001": "no",
                        "DATA-002": "partial"})
    # OWN = 4 of 6 = 66.7 (weakness 1/3); DATA = 0.5 of 3 = 16.7 (weakness 5/6).
    # The blocker DATA-001 comes first. Then the phases: OWN-002 (scope) before the harden items, whatever
    # its priority; within harden, DATA-002 (1 * 0.5 * 5/6) beats OWN-003 (1 * 1 * 1/3).
    assert [(p["item"], p["phase"], p["priority"]) for p in result["plan"]] == [
        ("DATA-001", "harden", 1.6667), ("OWN-002", "scope", 0.3333), ("DATA-002", "harden", 0.4167),
        ("OWN-003", "harden", 0.3333)]
    assert result["plan_by_phase"] == [{"phase": "scope", "title": "Scope", "items": ["OWN-002"]},
                                       {"phase": "harden", "title": "Harden",
                                        "items": ["DATA-001", "DATA-002", "OWN-003"]}]
    assert result["plan_by_owner"][0] == {"owner": "build", "title": "Build team",
                                          "items": ["DATA-001", "DATA-002", "OWN-003"]}


def test_plan_puts_critical_items_partly_done_right_after_the_blockers(mini) -> None:
    # OWN-001 is critical, scope and only partly done: it holds the decision, so it comes before every
    # other item, even the scope item OWN-002 and the harden item DATA-002 with a higher priority; the
    # blocker DATA-001 (harden) still comes first.
    result = run(mini, {"OWN-001": "partial", "OWN-002": "no", "OWN-003": "yes", "DATA-001": "no",
                        "DATA-002": "no"})
    assert [(p["item"], p["blocker"], p["critical"]) for p in result["plan"]] == [
        ("DATA-001", True, True), ("OWN-001", False, True), ("OWN-002", False, False), ("DATA-002", False, False)]
    # Without a blocker, the partly done critical item leads the plan, as it leads the reasons.
    # OWN = (1.5 + 2 + 1) / 6 = 75; DATA = 2 / 3 = 66.7, so DATA-002 has the higher priority.
    result = run(mini, {"OWN-001": "partial", "OWN-002": "yes", "OWN-003": "yes", "DATA-001": "yes",
                        "DATA-002": "no"})
    assert [p["item"] for p in result["plan"]] == ["OWN-001", "DATA-002"]
    assert result["decision"] == "conditional"
    assert result["reasons"] == ["OWN-001 (Run owner) is critical and only partly done",
                                 "Weakest dimension Data scores 66.7, under the go threshold 70"]


def test_retired_and_unknown_ids_are_reported(mini) -> None:
    result = run(mini, {"OWN-004": "yes", "DATA-003": "no", "SEC-001": "yes"})
    assert result["mapped"] == [{"from": "OWN-004", "to": "OWN-002"}]
    assert result["retired"] == ["DATA-003"]
    assert result["unrecognised"] == ["SEC-001"]
    assert "OWN-002" not in result["unknown"]


def test_current_id_wins_over_retired_one(mini) -> None:
    result = run(mini, {"OWN-004": "yes", "OWN-002": "no"})
    assert result["mapped"] == []
    assert result["retired"] == ["OWN-004"]
    assert next(p for p in result["plan"] if p["item"] == "OWN-002")["answer"] == "no"


def test_real_checklists_score() -> None:
    model = load_checklists(Path(__file__).parent.parent / "checklists").model
    everything = {item_id: "yes" for item_id in model.items}
    assert run(model, everything)["decision"] == "go"
    assert len(model.items) >= 80


# --------------------------------------------------------------------------
# Google's ML Test Score, expressed as configuration (tests/data/ml-test-score)

POINTS = {"yes": 1.0, "partial": 0.5, "no": 0.0}


def paper_band(final: float) -> str:
    """The paper's reading of the final score, with its (a, b] intervals, written independently."""
    if final == 0:
        return "More of a research project than a productionized system"
    if final <= 1:
        return "Not totally untested, but serious holes in reliability are possible"
    if final <= 2:
        return "First pass at basic productionization; more investment may be needed"
    if final <= 3:
        return "Reasonably tested; more tests and procedures may be automated"
    if final <= 5:
        return "Strong automated testing and monitoring, fit for mission-critical systems"
    return "Exceptional levels of automated testing and monitoring"


@pytest.fixture(scope="module")
def ml():
    return load_checklists(DATA / "ml-test-score").model


ANSWER_SETS = {
    "nothing": {},
    "one manual test per section": {"DATA-001": "partial", "MODEL-001": "partial", "INFRA-001": "partial",
                                    "MON-001": "partial"},
    "strong but monitoring lags": {
        **{f"DATA-{n:03d}": "yes" for n in range(1, 7)}, **{f"MODEL-{n:03d}": "yes" for n in range(1, 6)},
        **{f"INFRA-{n:03d}": "yes" for n in range(1, 8)}, "MON-001": "yes", "MON-002": "partial",
        "MON-003": "partial", "MON-004": "partial"},
    "everything automated": {f"{s}-{n:03d}": "yes" for s in ("DATA", "MODEL", "INFRA", "MON") for n in range(1, 8)},
    "mixed": {"DATA-001": "yes", "DATA-002": "yes", "DATA-003": "yes", "DATA-004": "partial",
              "MODEL-001": "yes", "MODEL-002": "yes", "MODEL-003": "yes",
              "INFRA-001": "yes", "INFRA-002": "yes", "INFRA-003": "partial", "INFRA-004": "partial",
              "MON-001": "yes", "MON-002": "yes", "MON-003": "yes", "MON-004": "no"},
}


@pytest.mark.parametrize("name", ANSWER_SETS)
def test_ml_test_score_rule(ml, name: str) -> None:
    answers = ANSWER_SETS[name]
    sections = {s: sum(POINTS[answers.get(f"{s}-{n:03d}", "no")] for n in range(1, 8))
                for s in ("DATA", "MODEL", "INFRA", "MON")}
    final = min(sections.values())
    result = run(ml, answers)
    assert {d["id"]: d["score"] for d in result["dimensions"]} == sections
    assert all(d["max"] == 7 for d in result["dimensions"])
    assert result["score"] == final
    assert result["level"] == paper_band(final)


def test_ml_test_score_named_figures(ml) -> None:
    result = run(ml, ANSWER_SETS["strong but monitoring lags"])
    assert [d["score"] for d in result["dimensions"]] == [6.0, 5.0, 7.0, 2.5]
    assert result["score"] == 2.5 and result["weakest"] == "MON"
    assert result["level"] == "Reasonably tested; more tests and procedures may be automated"
    assert result["decision"] == "conditional"  # this example's own thresholds: no-go under 1, go from 3


def test_ml_test_score_bands_match_the_paper_at_every_reachable_score(ml) -> None:
    for halves in range(0, 15):
        final = halves / 2
        assert ml.config.level_for(final) == paper_band(final), final


def test_order_of_dimensions_in_sum_mode_does_not_matter(ml) -> None:
    answers = ANSWER_SETS["mixed"]
    sums = [run(ml, answers)["score"]]
    for perm in itertools.islice(itertools.permutations(ml.dimensions), 5):
        from dataclasses import replace
        sums.append(score(replace(ml, dimensions=tuple(perm)), parse_answers(ml, {"answers": answers}))["score"])
    assert len(set(sums)) == 1
