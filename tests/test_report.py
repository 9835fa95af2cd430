"""scoring.report: a result told as documents, the terminal's summary and the full report's sections."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scoring import doc as d
from scoring.answers import parse_answers
from scoring.engine import score
from scoring.files import load_checklists
from scoring.layout import to_html, to_markdown, to_text
from scoring.model import Model
from scoring.report import SECTIONS, document, html_page, item_pages, render, summary

MINI = Path(__file__).parent / "data" / "mini"


@pytest.fixture(scope="module")
def model() -> Model:
    return load_checklists(MINI).model


def scored(model: Model, answers: dict, **top: str) -> tuple[dict, object]:
    checked = parse_answers(model, {**top, "answers": answers})
    return score(model, checked), checked


def names(doc: list) -> list[str]:
    return [block["name"] for block in doc if block["kind"] == "section"]


def test_every_section_is_there_in_order_even_when_it_has_nothing_to_say(model: Model) -> None:
    """The page fills [data-result=name] from each section, and clears it when the section is empty."""
    result, _ = scored(model, {"OWN-001": "yes", "OWN-002": "yes", "OWN-003": "yes", "DATA-001": "yes",
                               "DATA-002": "yes"})
    doc = document(result, model)
    assert doc[0] == d.heading(1, "Readiness assessment")
    assert names(doc) == list(SECTIONS)
    empty = {block["name"] for block in doc if block["kind"] == "section" and not block["blocks"]}
    assert empty == {"holding", "blockers", "unknown", "notes", "changes", "plan", "frameworks"}
    assert names(document(result, model, title=False)) == list(SECTIONS)
    assert document(result, model, title=False)[0]["kind"] == "section"


def test_the_markdown_report_says_what_holds_the_decision(model: Model) -> None:
    result, _ = scored(model, {"OWN-001": {"answer": "na", "reason": "vendor runs it"}, "DATA-001": "no",
                               "ZZZ-001": "yes"}, pilot="Claims | triage")
    out = to_markdown(document(result, model), base_url="https://example.org/p2p/")
    link = "https://example.org/p2p/dimensions"
    assert out.startswith("# Readiness: Claims \\| triage\n\n**Decision: NO-GO** — score 0 (Not started), "
                          "weighted mean 0.\n\n- DATA-001 (Live pipeline) is critical and answered no\n")
    assert (f"**Quick check:** still a pilot (2 of 2 headline items unmet: [OWN-001]({link}/ownership/#OWN-001), "
            f"[DATA-001]({link}/data/#DATA-001)).\n") not in out  # OWN-001 is na: not unmet
    assert (f"**Quick check:** ready for the full assessment (1 of 2 headline items unmet: "
            f"[DATA-001]({link}/data/#DATA-001)).\n") in out
    assert f"\n## Blockers (1)\n\n- [DATA-001]({link}/data/#DATA-001) Live pipeline\n" in out
    # The same sentences as the terminal's; unknown ids are never links.
    assert (f"\n## Notes\n\n- Critical items marked na (check the reason): [OWN-001]({link}/ownership/#OWN-001)\n"
            "- Not in these checklists (ignored): ZZZ-001\n") in out
    assert (f"\n## Plan\n\n| # | Item | Phase | Owner | Action |\n|---:|---|---|---|---|\n"
            f"| 1 | [DATA-001]({link}/data/#DATA-001) **blocker** | harden | build | Automate the pipeline. |\n") in out
    assert render(result, model, "markdown") == to_markdown(document(result, model))


def test_the_terminal_summary(model: Model) -> None:
    result, _ = scored(model, {"OWN-001": "yes", "OWN-002": {"answer": "na", "reason": "r"},
                               "OWN-003": {"answer": "na", "reason": "r"}, "DATA-001": "no"}, pilot="P")
    assert to_text(summary(result, model)) == (
        "Pilot: P\n"
        "Decision: NO-GO\n"
        "  - DATA-001 (Live pipeline) is critical and answered no\n"
        "  - Weakest dimension Data scores 0, under the no-go threshold 45\n"
        "Score: 0 (Not started; weakest dimension), weighted mean 66.7\n"
        "\n"
        "  Ownership    100  ####################  Operating\n"
        "  Data           0                        Not started\n"
        "\n"
        "Quick check: ready for the full assessment (1 of 2 headline items unmet)\n"
        "Blockers: DATA-001 Live pipeline\n"
        "Unknown (1): DATA-002\n"
        "\n"
        "Plan:\n"
        "   1. DATA-001 [blocker] (harden, build): Automate the pipeline.\n"
        "   2. DATA-002 (harden, build): Add quality checks.\n")
    assert render(result, model, "text") == to_text(summary(result, model))


def test_the_plan_in_each_view_and_the_pages_names_for_phases_and_owners(model: Model) -> None:
    result, _ = scored(model, {"OWN-001": "partial"})

    def plan(**options: object) -> dict:
        section = next(b for b in document(result, model, **options) if b.get("name") == "plan")
        views = [b for b in section["blocks"] if b["kind"] == "section"]
        assert len(views) == 1
        return views[0]

    priority = plan(live=True)
    assert priority["name"] == "plan-priority"
    rows = priority["blocks"][0]["rows"]
    assert [row[0] for row in rows] == [[str(n)] for n in range(1, len(result["plan"]) + 1)]
    assert [row[1][0]["id"] for row in rows] == [step["item"] for step in result["plan"]]
    own = next(row for row in rows if row[1][0]["id"] == "OWN-001")
    assert own[2:4] == [["Scope"], ["Business owner"]]  # titles, not ids, on the page
    ranks = {step["item"]: n for n, step in enumerate(result["plan"], 1)}
    for view, key in (("phase", "plan_by_phase"), ("owner", "plan_by_owner")):
        grouped = plan(live=True, view=view)
        assert grouped["name"] == f"plan-{view}"
        headings = [d.plain(b["text"]) for b in grouped["blocks"] if b["kind"] == "heading"]
        assert headings == [f"{g['title']} ({len(g['items'])})" for g in result[key]]
        tables = [b for b in grouped["blocks"] if b["kind"] == "table"]
        assert [[row[1][0]["id"] for row in t["rows"]] for t in tables] == [g["items"] for g in result[key]]
        # A step's number is its place in the whole plan.
        assert all(row[0] == [str(ranks[row[1][0]["id"]])] for t in tables for row in t["rows"])
    # Files and terminals keep the ids, as pilot2prod has always printed them.
    assert "| scope | business |" in to_markdown(document(result, model))
    cut = plan(view="owner", steps=1)
    assert [row[1][0]["id"] for b in cut["blocks"] if b["kind"] == "table" for row in b["rows"]] == [
        result["plan"][0]["item"]]


def test_pending_answers_and_what_the_team_wrote(model: Model) -> None:
    result, checked = scored(model, {"OWN-001": {"answer": "partial", "note": "vendor <b>runs</b> it",
                                                 "evidence": "https://e.example/runbook"},
                                     "DATA-001": {"answer": "no", "evidence": "wiki page 4"}})
    doc = document(result, model, pending=["OWN-003"], answers=checked.given, title=False)
    out = to_markdown(doc, href=lambda item_id, page: f"{page}.md#{item_id}")
    assert ("- Marked na without a reason (counted as unsure until they have one): [OWN-003](ownership.md#OWN-003)\n"
            in out)
    assert ("## What holds the decision\n\n| Item | Answer | What the team wrote |\n|---|---|---|\n"
            "| [DATA-001](data.md#DATA-001) Live pipeline | no | evidence: wiki page 4 |\n"
            "| [OWN-001](ownership.md#OWN-001) Run owner | partial | vendor &lt;b>runs&lt;/b> it; "
            "[evidence](https://e.example/runbook) |\n") in out


def test_the_plan_can_be_cut_and_says_so(model: Model) -> None:
    result, _ = scored(model, {})
    out = to_markdown(document(result, model, steps=2))
    assert f"\n## Plan\n\nThe first 2 of the plan's {len(result['plan'])} steps:\n\n" in out
    assert len(re.findall(r"^\| \d+ \|", out, re.M)) == 2


def test_tones_say_how_it_reads_and_decide_nothing(model: Model) -> None:
    result, _ = scored(model, {})  # nothing answered: no-go, and still a pilot
    parts = {block["name"]: block["blocks"] for block in document(result, model) if block["kind"] == "section"}
    assert parts["decision"][0]["tone"] == "no-go" and parts["quick-check"][0]["tone"] == "warn"
    assert result["quick_check"]["verdict"] == "still a pilot"
    good, _ = scored(model, {i: "yes" for i in ("OWN-001", "OWN-002", "OWN-003", "DATA-001", "DATA-002")})
    parts = {block["name"]: block["blocks"] for block in document(good, model) if block["kind"] == "section"}
    assert parts["decision"][0]["tone"] == "go" and parts["quick-check"][0]["tone"] == "ok"


def test_the_html_report_is_one_self_contained_page(model: Model) -> None:
    result, _ = scored(model, {"OWN-001": "yes"}, pilot="<script>alert(1)</script>")
    page = render(result, model, "html")
    assert page.startswith("<!doctype html>")
    assert "<title>Readiness: &lt;script&gt;alert(1)&lt;/script&gt;</title>" in page
    assert page.count("<svg") == 1 and "<script" not in page and not re.search(r"<link|src=|@import|url\(", page)
    assert '<div class="p2p-section" data-result="decision"><p class="p2p-tone--no-go"><strong>Decision: NO-GO' in page
    assert to_html(document(result, model)) in page
    assert html_page("T", [d.paragraph("x")]).count("<p>x</p>") == 1


def test_item_pages(model: Model) -> None:
    assert item_pages(model) == {"OWN-001": "ownership", "OWN-002": "ownership", "OWN-003": "ownership",
                                 "DATA-001": "data", "DATA-002": "data"}
