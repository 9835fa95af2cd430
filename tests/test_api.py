"""scoring.api's answers, in CPython: the page's state in, the result, documents, files and words out.

Every response shape the browser relies on (scoring/api.py lists them); the browser tests drive the same
calls through Pyodide.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_browser_api import _model_json

from scoring import api
from scoring.answers import parse_answers
from scoring.engine import score as engine_score
from scoring.files import load_checklists
from scoring.layout import to_text
from scoring.parse import parse_document
from scoring.problems import MAX_SHOWN
from scoring.readout import cost_text, latency_text
from scoring.report import SECTIONS
from scoring.text import number
from scoring.words import WORDS

ROOT = Path(__file__).resolve().parent.parent
MODEL = load_checklists(ROOT / "checklists").model


@pytest.fixture(autouse=True)
def loaded() -> None:
    assert json.loads(api.load(_model_json()))["ok"]


def call(fn, *args) -> dict:
    return json.loads(fn(*args))


def cli_json(tmp_path: Path, answers: dict) -> dict:
    document = {"version": MODEL.config.version, "answers": answers}
    (tmp_path / "a.json").write_text(json.dumps(document), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "scoring", "score", "a.json", "--format", "json", "--checklists",
                          str(ROOT / "checklists")], cwd=tmp_path, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_importing_the_api_loads_neither_yaml_nor_the_file_edge(tmp_path: Path) -> None:
    (tmp_path / "model.json").write_text(_model_json(), encoding="utf-8")
    edge = "[m in sys.modules for m in ('yaml', 'scoring.parse', 'scoring.files')]"
    code = (f"import sys, scoring.api as a; print({edge}); "
            "a.load(open('model.json', encoding='utf-8').read()); a.score('{}'); a.export('{}', 'yaml'); "
            f"print({edge}); a.read(b'answers: {{}}', 'x.yaml'); print({edge})")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path,
                         env={"PYTHONPATH": str(ROOT)})
    # Loaded, scored and exported without the reader; reading a file brings it in (not the file edge), only then.
    assert out.stdout.splitlines() == ["[False, False, False]", "[False, False, False]", "[True, True, False]"]


def test_load_gives_the_pages_words() -> None:
    out = call(api.load, _model_json())
    assert out["labels"] == WORDS and out["labels"]["answer.partial"] == "Partly"
    bad = call(api.load, json.dumps({"config": {}, "dimensions": {}}))
    assert bad["ok"] is False and bad["doc"][0] == {"kind": "paragraph", "text": ["The checklists did not validate:"],
                                                     "role": "errors__title"}


def test_score_takes_the_state_as_stored_and_an_na_without_a_reason_is_pending(tmp_path: Path) -> None:
    state = {"version": "", "pilot": "P", "assessed": "", "kept": {"ZZZ-001": "yes"},
             "answers": {"OWN-001": {"answer": "yes", "note": "  ", "reason": ""}, "OWN-003": {"answer": "na"},
                         "OWN-004": {"answer": "na", "reason": "   "}, "OWN-005": {"note": "no answer"}}}
    out = call(api.score, json.dumps(state))
    assert out["ok"] and out["pending"] == ["OWN-003", "OWN-004"]
    # Scored as the CLI scores the same answers without them: they count as unsure.
    expected = cli_json(tmp_path, {"OWN-001": "yes", "ZZZ-001": "yes"})
    assert {k: v for k, v in out["result"].items() if k != "pilot"} == {k: v for k, v in expected.items()
                                                                         if k != "pilot"}
    assert out["result"]["unrecognised"] == ["ZZZ-001"]
    assert [block["name"] for block in out["doc"]] == list(SECTIONS)
    notes = to_text(next(b for b in out["doc"] if b["name"] == "notes")["blocks"])
    assert "Marked na without a reason (counted as unsure until they have one): OWN-003, OWN-004\n" in notes
    own = next(d for d in out["result"]["dimensions"] if d["id"] == "OWN")
    assert out["progress"]["dimensions"]["OWN"] == (f"{own['title']}: {number(own['score'], 1)} ({own['level']}) — "
                                                    f"1 of {own['items']} answered; 2 marked na need a reason")
    assert out["progress"]["dimensions"]["DATA"].endswith(" answered")
    total = len(MODEL.items)
    assert (out["progress"]["answered"], out["progress"]["total"]) == (1, total)
    assert out["progress"]["text"] == f"1 of {total} items answered."
    # The summary bar's texts, in the catalogue's words, from the result.
    assert out["progress"]["bar"] == {
        "decision": "Decision: NO-GO", "score": f"score {number(out['result']['score'], 1)}",
        "answered": f"1 of {total} answered", "quick": "quick check: still a pilot",
        "announce": "The decision is now NO-GO."}
    # The plan as the reader chose to see it: in priority order, by phase or by owner.
    for view in ("priority", "phase", "owner"):
        out = call(api.score, json.dumps(state), view)
        plan = next(b for b in out["doc"] if b["name"] == "plan")
        assert [b["name"] for b in plan["blocks"] if b["kind"] == "section"] == [f"plan-{view}"]
    assert call(api.score, json.dumps(state), "nope")["problems"][0]["message"] == (
        "unknown plan view 'nope'; expected one of priority, phase, owner")


def test_score_problems_come_with_their_document_capped() -> None:
    many = {f"OWN-{n:03d}": {"answer": "yes", "date": "2026-13-01"} for n in range(1, 10)}
    many.update({f"ZZZ-{n:03d}": {"answer": "yes", "date": "x"} for n in range(100)})
    out = call(api.score, json.dumps({"answers": many}))
    assert out["ok"] is False and len(out["problems"]) == MAX_SHOWN + 1
    assert out["problems"][-1]["message"] == f"... and {109 - MAX_SHOWN} more problems"
    assert out["doc"][0]["text"] == ["These answers cannot be scored:"]
    assert out["doc"][1]["items"] == [[p["message"]] for p in out["problems"]]
    assert call(api.score, "[1]")["ok"] is False


def test_read_words_its_notice_and_problems_for_what_the_answers_are_for() -> None:
    bad = b"answers:\n  OWN-001: maybe\n"
    assert call(api.read, bad, "old.yaml")["doc"][0]["text"] == [
        "old.yaml was not loaded; your current answers are unchanged. Problems:"]
    assert call(api.read, bad, "old.yaml", "compare")["doc"][0]["text"] == ["old.yaml cannot be compared. Problems:"]
    shared = call(api.read, bad, "shared link.json", "share")
    assert shared["doc"][0]["text"] == [WORDS["errors.share"]]
    assert shared["problems"][0]["message"].startswith("shared link.json:2:12: error: answers.OWN-001: ")
    good = call(api.read, b"version: '1.0.0'\nanswers: {OWN-001: yes, OWN-002: no, ZZZ-001: yes}\n", "a.yaml")
    assert to_text(good["notice"]).startswith("Loaded 2 answers from a.yaml.\n")
    assert good["state"]["kept"] == {"ZZZ-001": "yes"}


def test_restore_keeps_answers_waiting_for_a_reason_as_they_are() -> None:
    version = MODEL.config.version
    saved = {"version": version, "pilot": "", "assessed": "",
             "answers": {"OWN-003": {"answer": "na", "note": "n"}, "OWN-001": "yes", "ZZZ-009": {"answer": "na"}}}
    out = call(api.restore, json.dumps(saved))
    assert out["ok"] and (out["changed"], out["dropped"], out["notice"], out["alert"], out["moved"]) == (
        False, [], "", None, None)
    assert out["state"]["answers"] == {"OWN-001": "yes", "OWN-003": {"answer": "na", "note": "n"},
                                       "ZZZ-009": {"answer": "na"}}
    many = {f"ZZZ-{n:03d}": "maybe" for n in range(MAX_SHOWN + 5)}
    out = call(api.restore, json.dumps({"version": version, "answers": many}))
    assert out["changed"] is True and len(out["dropped"]) == MAX_SHOWN + 1
    assert out["dropped"][-1] == "... and 5 more entries"


HOSTILE = ('say "hi"\n\ttab \\ back \u2028 sep \u0085 nel \ufeff bom \ufffe \x7f del \x1b esc \ud800 lone '
           "# not a comment")


def test_the_yaml_export_scores_unchanged_with_the_cli(tmp_path: Path) -> None:
    state = {"version": "", "pilot": HOSTILE, "assessed": "2026-11-26",
             "answers": {"OWN-001": {"answer": "partial", "note": HOSTILE, "evidence": "yes", "owner": "no",
                                     "date": "2026-11-01"},
                         "OWN-002": {"answer": "na", "reason": "true"}, "OWN-003": {"answer": "na"},
                         "DATA-001": "unsure"},
             "kept": {"__proto__": "yes", "true": {"answer": "no", "note": "null"}, "x: y": "partial"}}
    out = call(api.export, json.dumps(state), "yaml", "", "2026-12-01")
    assert out["ok"] and out["mime"] == "application/yaml"
    assert out["filename"] == "pilot2prod-say-hi-tab-back-sep-nel-bom-del-esc-lone-2026-12-01.yaml"  # 40 at most
    text = out["text"]
    assert ("# OWN-003 is marked na on the site but has no reason yet, so it is left out (it counts as unsure).\n"
            in text)
    assert all(line.isprintable() for line in text.splitlines())
    (tmp_path / "export.yaml").write_text(text, encoding="utf-8")
    data = parse_document(text.encode(), "export.yaml").data  # the CLI's own reader
    well_formed = HOSTILE.replace("\ud800", "\ufffd")
    assert data["pilot"] == well_formed and data["answers"]["OWN-001"]["note"] == well_formed
    assert data["answers"]["OWN-002"] == {"answer": "na", "reason": "true"}
    assert data["answers"]["__proto__"] == "yes" and data["answers"]["x: y"] == "partial"
    proc = subprocess.run([sys.executable, "-m", "scoring", "score", "export.yaml", "--format", "json", "--checklists",
                           str(ROOT / "checklists")], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    scored = call(api.score, json.dumps(state))["result"]
    assert json.loads(proc.stdout) == {**scored, "pilot": well_formed}


def test_the_other_exports(tmp_path: Path) -> None:
    state = {"pilot": "", "answers": {"OWN-001": "no", "OWN-002": {"answer": "na"}}}
    out = call(api.export, json.dumps(state), "json", "", "2026-12-01")
    assert (out["filename"], out["mime"]) == ("pilot2prod-answers-2026-12-01.json", "application/json")
    assert json.loads(out["text"]) == {"pilot": "", "assessed": "", "version": MODEL.config.version,
                                       "answers": {"OWN-001": "no"}}
    md = call(api.export, json.dumps(state), "markdown", "https://example.org/p2p/", "2026-12-01")
    assert md["filename"].endswith(".md") and md["mime"] == "text/markdown"
    assert "- [OWN-001](https://example.org/p2p/dimensions/ownership/#OWN-001) " in md["text"]
    assert "- Marked na without a reason (counted as unsure until they have one): [OWN-002](" in md["text"]
    html = call(api.export, json.dumps(state), "html", "", "2026-12-01")
    assert html["text"].startswith("<!doctype html>") and html["mime"] == "text/html"
    assert call(api.export, json.dumps(state), "pdf")["ok"] is False
    bad = call(api.export, json.dumps({"answers": {"OWN-001": {"answer": "yes", "date": "x"}}}), "markdown")
    assert bad["ok"] is False and bad["doc"][0]["text"] == ["The report could not be made:"]


def test_compare_takes_states_and_says_what_moved_since_a_file() -> None:
    old = call(api.read, b"answers: {OWN-001: no}\n", "old.yaml")["state"]
    new = {"answers": {"OWN-001": "yes", "OWN-002": {"answer": "na"}}, "kept": {}}
    out = call(api.compare, json.dumps(old), json.dumps(new), "old.yaml")
    assert out["diff"]["blockers_resolved"] == ["OWN-001"] and out["diff"]["files"] == {"old": "old.yaml", "new": ""}
    text = to_text(out["doc"])
    assert text.startswith("What moved since old.yaml\nDecision: NO-GO (unchanged)\n")
    assert "  - OWN-001: no -> yes (better)\n" in text
    assert call(api.compare, json.dumps(old), json.dumps(new))["doc"][0]["text"] == ["What moved"]
    bad = call(api.compare, json.dumps({"answers": {"OWN-001": {"answer": "no", "date": "x"}}}), json.dumps(new))
    assert bad["ok"] is False and bad["doc"][0]["text"] == ["The comparison failed:"]


def test_calculators_read_out_what_the_cli_prints_and_name_the_inputs_to_mark() -> None:
    cost_inputs = {"cost_per_call": 0.02, "calls_per_workflow": 6, "workflows_per_day": 4000,
                   "monthly_growth_percent": 10, "ceiling": 25000}
    out = call(api.calculate, "cost", json.dumps(cost_inputs))
    assert out["ok"] and to_text(out["doc"]) == cost_text(out["result"])
    assert "The ceiling is crossed in month 6.\n" in to_text(out["doc"])
    latency_inputs = {"target_ms": 3000, "components": [{"name": "A", "budget_ms": 3100, "p95_ms": 3500}]}
    out = call(api.calculate, "latency", json.dumps(latency_inputs))
    assert to_text(out["doc"]) == latency_text(out["result"])
    bad = call(api.calculate, "latency", json.dumps({"components": [{"name": "a"}, {"name": "b", "budget_ms": -1},
                                                                    {"name": "c", "budget_ms": 1, "p95": 2}]}))
    assert bad["invalid"] == [{"row": None, "field": "target_ms"}, {"row": 0, "field": "budget_ms"},
                              {"row": 1, "field": "budget_ms"}, {"row": 2, "field": "p95"}]
    assert bad["doc"][0] == {"kind": "paragraph", "text": ["Check the inputs:"], "role": "calc__problem"}
    assert bad["doc"][1]["items"] == [[p["message"]] for p in bad["problems"]]
    assert call(api.calculate, "cost", json.dumps({"cost_per_call": "x"}))["invalid"][0] == {
        "row": None, "field": "cost_per_call"}
    assert call(api.calculate, "nope", "{}") == {
        "ok": False, "problems": [{"source": "nope", "path": "", "message": "unknown calculator 'nope'"}],
        "doc": [{"kind": "paragraph", "text": ["Check the inputs:"], "role": "errors__title"},
                {"kind": "list", "ordered": False, "items": [["unknown calculator 'nope'"]], "role": "errors"}],
        "invalid": []}


def test_message_fills_a_text_of_the_catalogue() -> None:
    assert call(api.message, "notice.cleared", json.dumps({"count": 1}))["doc"] == [
        {"kind": "paragraph", "text": ["Cleared 1 answer."]}]
    assert to_text(call(api.message, "notice.cleared", '{"count": 3}')["doc"]) == "Cleared 3 answers.\n"
    assert to_text(call(api.message, "storage.set_aside", '{"key": "k"}')["doc"]) == (
        "The saved text as it was is kept under k.\n")
    assert call(api.message, "no.such", "{}")["ok"] is False
    assert call(api.message, "notice.cleared", "[1]")["ok"] is False


def test_scored_answers_come_from_the_state_and_nothing_else() -> None:
    """The state's own version and pilot pass through; entries with no answer value are not answers."""
    checked = parse_answers(MODEL, {"answers": {"OWN-001": "yes"}})
    result = call(api.score, json.dumps({"version": "1.0.0", "pilot": 3, "answers": {"OWN-001": "yes",
                                                                                     "OWN-002": {"note": "x"}}}))
    expected = engine_score(MODEL, checked)
    assert result["result"]["answers_version"] == "1.0.0" and result["result"]["pilot"] == ""
    assert result["result"]["score"] == expected["score"] and result["result"]["unknown"] == expected["unknown"]
