"""Results people can act on: the decision, its reasons and the next three actions first; the quick check's
verdict with a reason per unmet item; the plan as a roadmap (SVG the page lets through, tables elsewhere)."""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from test_browser_api import _model_json

from macros import render as page
from scoring import api
from scoring import doc as d
from scoring.answers import parse_answers
from scoring.engine import score
from scoring.files import load_checklists
from scoring.layout import to_html, to_markdown, to_text
from scoring.model import Model
from scoring.report import SECTIONS, document, render, summary
from scoring.roadmap import TITLE, svg, text_blocks

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini"
REAL = load_checklists(ROOT / "checklists").model
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def model() -> Model:
    return load_checklists(MINI).model


def scored(model: Model, answers: dict) -> dict:
    return score(model, parse_answers(model, {"answers": answers}))


def sections(doc: list) -> dict[str, list]:
    return {block["name"]: block["blocks"] for block in doc if block["kind"] == "section"}


def test_every_report_opens_with_the_decision_its_reasons_and_the_next_three_actions(model: Model) -> None:
    result = scored(model, {"OWN-001": "partial", "OWN-002": "yes", "DATA-001": "no"})
    assert SECTIONS[:3] == ("decision", "reasons", "next")
    assert [s["item"] for s in result["plan"]] == ["DATA-001", "OWN-001", "DATA-002", "OWN-003"]
    out = to_markdown(document(result, model))
    assert out.index("**Decision: NO-GO**") < out.index("- DATA-001 (Live pipeline) is critical") < out.index(
        "## Next 3 actions") < out.index("| Dimension |")
    assert ("## Next 3 actions (of 4 in the plan)\n\n"
            "1. DATA-001 Live pipeline \\[**blocker**\\] (harden, build): Automate the pipeline.\n"
            "2. OWN-001 Run owner (scope, business): Name a run owner.\n"
            "3. DATA-002 Quality checks (harden, build): Add quality checks.\n\n") in out
    text = render(result, model, "text")
    assert text.split("\n\n")[1] == ("Next 3 actions (of 4 in the plan):\n"
                                     "   1. DATA-001 Live pipeline [blocker] (harden, build): Automate the pipeline.\n"
                                     "   2. OWN-001 Run owner (scope, business): Name a run owner.\n"
                                     "   3. DATA-002 Quality checks (harden, build): Add quality checks.")
    html = render(result, model, "html")
    assert html.index('data-result="reasons"') < html.index('data-result="next"') < html.index(
        'data-result="dimensions"')
    # The page: titles of phases and owners, and item ids linked to their guidance.
    live = sections(document(result, model, title=False, live=True))["next"]
    assert d.plain(live[1]["items"][1]) == "OWN-001 Run owner (Scope, Business owner): Name a run owner."
    assert live[1]["items"][0][0] == d.item("DATA-001", "data")


def test_fewer_steps_say_so_and_no_plan_says_nothing(model: Model) -> None:
    one = scored(model, {"OWN-001": "yes", "OWN-002": "yes", "OWN-003": "partial", "DATA-001": "yes",
                         "DATA-002": "yes"})
    assert sections(document(one, model))["next"][0] == d.heading(2, "Next action")
    done = scored(model, {i: "yes" for i in ("OWN-001", "OWN-002", "OWN-003", "DATA-001", "DATA-002")})
    assert sections(document(done, model))["next"] == [] and sections(summary(done, model))["next"] == []


def test_the_quick_check_verdict_names_each_unmet_item_and_why(model: Model) -> None:
    result = scored(model, {"OWN-001": "unsure"})  # DATA-001 not answered
    blocks = sections(document(result, model))["quick-check"]
    assert result["quick_check"]["verdict"] == "still a pilot"
    out = to_markdown(blocks, base_url="https://example.org/p2p/")
    assert out == ("**Quick check:** still a pilot (2 of 2 headline items unmet; more than 1 unmet means still a "
                   "pilot).\n\n"
                   "- [OWN-001](https://example.org/p2p/dimensions/ownership/#OWN-001) Run owner: not sure, or not answered yet\n"
                   "- [DATA-001](https://example.org/p2p/dimensions/data/#DATA-001) Live pipeline: not sure, or not "
                   "answered yet\n")
    assert blocks[0]["tone"] == "warn" and blocks[1]["role"] == "quick-check"
    good = scored(model, {"OWN-001": "yes", "DATA-001": "no"})
    blocks = sections(document(good, model))["quick-check"]
    assert to_text(blocks) == ("Quick check: ready for the full assessment (1 of 2 headline items unmet; more than 1 "
                               "unmet means still a pilot).\n  - DATA-001 Live pipeline: answered no\n")
    assert blocks[0]["tone"] == "ok"


def test_the_api_gives_the_quick_check_section_as_the_page_lays_it_out() -> None:
    assert json.loads(api.load(_model_json()))["ok"]
    headline = [i.id for dim in REAL.dimensions for i in dim.items if i.headline]
    for value, verdict in (("no", "still a pilot"), ("yes", "ready for the full assessment")):
        state = {"answers": {i: value for i in headline}}
        out = json.loads(api.score(json.dumps(state)))
        section = sections(out["doc"])["quick-check"]
        assert d.plain(section[0]["text"]).startswith(f"Quick check: {verdict} (")
        listed = [entry[0]["id"] for entry in section[1]["items"]] if len(section) > 1 else []
        assert listed == (headline if value == "no" else [])
        assert [b["name"] for b in out["doc"]] == list(SECTIONS)


def _allow_list() -> tuple[set[str], set[str]]:
    """The SVG allow-list the page applies (docs/javascripts), read from the script itself."""
    for script in sorted((ROOT / "docs" / "javascripts").glob("*.js")):
        text = script.read_text(encoding="utf-8")
        tags = re.search(r"SVG_TAGS = new Set\(\[(.*?)\]\)", text, re.S)
        attrs = re.search(r"SVG_ATTRS = new Set\(\[(.*?)\]\)", text, re.S)
        if tags and attrs:
            return set(re.findall(r'"([^"]+)"', tags.group(1))), set(re.findall(r'"([^"]+)"', attrs.group(1)))
    raise AssertionError("no SVG allow-list in docs/javascripts")


def _parts(root: ET.Element) -> tuple[set[str], set[str]]:
    tags = {el.tag.removeprefix(SVG) for el in root.iter()}
    attrs = {name for el in root.iter() for name in el.attrib}
    return tags, attrs


def test_the_roadmap_svg_passes_the_pages_allow_list_and_is_accessible() -> None:
    result = score(REAL, parse_answers(REAL, {"answers": {}}))  # nothing answered: every item in the plan
    names = {s.id: s.title for s in (*REAL.config.phases, *REAL.config.owners)}
    drawing = svg(result, REAL, names)
    root = ET.fromstring(drawing)
    tags, attrs = _parts(root)
    allowed_tags, allowed_attrs = _allow_list()
    assert tags <= allowed_tags, tags - allowed_tags
    assert attrs <= allowed_attrs | {"xmlns"}, attrs - allowed_attrs
    assert root.get("role") == "img" and root.get("aria-label") == TITLE
    assert root.find(f"{SVG}title").text == TITLE
    desc = root.find(f"{SVG}desc").text
    assert desc.startswith("Phases across: Scope, Harden, Roll out in stages, Hand over, Operate and optimise. "
                           "Owners down: Build team, Run team, Business owner, Risk & compliance.")
    # Every step is a labelled cell, in its phase's column and its owner's row, and in the description.
    chips = [g for g in root.iter(f"{SVG}g")]
    assert len(chips) == len(result["plan"]) == len(REAL.items)
    labels = ["".join(g.find(f"{SVG}text").itertext()) for g in chips]
    assert sorted(labels) == sorted(REAL.items)
    for step in result["plan"]:
        assert f"{step['item']} {step['title']}" in desc
    blockers = [g for g in chips if "p2p-roadmap__item--blocker" in g.get("class", "")]
    assert {g.find(f"{SVG}title").text.split()[0] for g in blockers} == set(result["blockers"])
    phases = [p.id for p in REAL.config.phases]
    xs = {step["phase"]: set() for step in result["plan"]}
    for g, step in zip(chips, sorted(result["plan"], key=lambda s: (
            [o.id for o in REAL.config.owners].index(s["owner"]), phases.index(s["phase"]))), strict=False):
        xs[step["phase"]].add(g.find(f"{SVG}rect").get("x"))
    assert all(len(found) == 1 for found in xs.values())  # one column per phase


def test_the_roadmap_svg_escapes_every_text(model: Model) -> None:
    result = copy.deepcopy(scored(model, {}))
    result["plan"][0]["title"] = "</title><script>alert(1)</script>"
    hostile = {"harden": '"><script>alert(2)</script>', "build": "<b>&amp;</b>"}
    drawing = svg(result, model, hostile)
    root = ET.fromstring(drawing)  # well-formed: nothing broke out
    tags, _ = _parts(root)
    assert "script" not in tags and "b" not in tags
    assert "<script" not in drawing
    assert any(t.text == f"{result['plan'][0]['item']} </title><script>alert(1)</script> (blocker)" for t in
               root.iter(f"{SVG}title"))
    assert '"><script>alert(2)</script>' in "".join(root.itertext())


def test_the_roadmap_in_text_markdown_and_html(model: Model) -> None:
    result = scored(model, {"OWN-001": "partial", "OWN-002": "yes", "DATA-001": "no"})
    assert to_text(text_blocks(result, model)) == ("Roadmap (phases across, owners down):\n"
                                                   "          scope    harden\n"
                                                   "build              DATA-001\n"
                                                   "                   DATA-002\n"
                                                   "                   OWN-003\n"
                                                   "business  OWN-001\n")
    out = to_markdown(document(result, model))
    assert out.endswith("## Roadmap\n\n| Owner | scope | harden |\n|---|---|---|\n"
                        "| build |  | DATA-001 **blocker**, DATA-002, OWN-003 |\n| business | OWN-001 |  |\n")
    assert "<svg" not in out
    html = to_html(document(result, model))
    roadmap = html[html.index('data-result="roadmap"'):]
    assert "<h2>Roadmap</h2><svg" in roadmap and "<table" not in roadmap  # the SVG, not the table, in HTML


def test_the_assessment_page_has_a_place_for_every_section_and_the_evidence_exports() -> None:
    html = page.assessment(REAL, "assessment.md")
    for name in ("decision", "reasons", "next", "quick-check", "plan", "roadmap"):
        assert f'data-result="{name}"' in html
    for fmt in api.EXPORTS:
        assert f'data-p2p-action="export-{fmt}"' in html or fmt == "html"
    assert '<button type="button" class="md-button" data-p2p-action="export-evidence-html">Evidence pack (HTML)' in html


def test_a_chart_stands_in_for_itself_where_svg_cannot_go() -> None:
    """A chart's ``alt`` is what text and Markdown show; HTML draws the SVG only. Without one, as before."""
    chart = d.chart('<svg class="p2p-chart"></svg>', "Title", alt=[d.paragraph("in words")])
    assert (to_text([chart]), to_markdown([chart]), to_html([chart])) == (
        "in words\n", "in words\n", '<svg class="p2p-chart"></svg>\n')
    bare = d.chart('<svg class="p2p-chart"></svg>', "Title")
    assert "alt" not in bare and (to_text([bare]), to_markdown([bare])) == ("Title\n", "")
