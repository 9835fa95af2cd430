"""The evidence pack: every answered item with its answer, note, evidence, owner and date, from one function.

``pilot2prod score --evidence`` and the page's export (``scoring.api.export``) give the same bytes for the
same answers; evidence is a link only when it is an http(s) address.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_browser_api import _model_json

from conftest import run_cli
from scoring import api
from scoring.answers import parse_answers
from scoring.engine import score
from scoring.evidence import document, render
from scoring.files import load_checklists
from scoring.layout import to_html, to_markdown

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini"

#: Evidence of every kind: http(s) links, and what must stay text (a script, data, a relative path).
ANSWERS = """pilot: "Claims <triage> | v2"
assessed: 2026-09-14
answers:
  OWN-001: {answer: yes, evidence: "https://wiki.example.com/run-owner?a=1&b=2", owner: "Priya N.", date: 2026-09-01}
  OWN-002: {answer: partial, note: "budget \u2014 caf\u00e9 line | 4.2", evidence: "javascript:alert(1)", owner: Finance}
  OWN-003: {answer: no, evidence: "data:text/html,<script>alert(1)</script>", date: 2026-08-01}
  DATA-001: {answer: yes, evidence: "docs/pipeline.md"}
  DATA-002: {answer: na, reason: "upstream validates every record", evidence: "http://intranet.example/dq"}
"""


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yml"
    path.write_text(ANSWERS, encoding="utf-8")
    return path


def _cli(answers_file: Path, fmt: str, checklists: Path = MINI) -> str:
    out = run_cli("score", str(answers_file), "--checklists", str(checklists), "--format", fmt, "--evidence")
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    return out.stdout


def test_every_answered_item_with_what_the_team_wrote(answers_file: Path) -> None:
    out = _cli(answers_file, "markdown")
    assert out.startswith("# Evidence pack: Claims &lt;triage> \\| v2\n\n- **Pilot:** Claims &lt;triage> \\| v2\n"
                          "- **Assessed:** 2026-09-14\n- **Checklists:** version 1.0.0\n- **Answered:** 5 of 5 items\n\n"
                          "**Decision: CONDITIONAL** — score 66.7 (Hardening).\n\n"
                          "- Weakest dimension Ownership scores 66.7, under the go threshold 70\n\n")
    assert ("## Ownership (3 of 3 answered)\n\n| Item | Answer | Note | Evidence | Owner | Date |\n"
            "|---|---|---|---|---|---|\n"
            "| OWN-001 Run owner | yes |  | [https://wiki.example.com/run-owner?a=1&b=2]"
            "(https://wiki.example.com/run-owner?a=1&b=2) | Priya N. | 2026-09-01 |\n"
            "| OWN-002 Budget | partial | budget — café line \\| 4.2 | javascript:alert(1) | Finance |  |\n"
            "| OWN-003 On-call | no |  | data:text/html,&lt;script>alert(1)&lt;/script> |  | 2026-08-01 |\n") in out
    assert ("| DATA-001 Live pipeline | yes |  | docs/pipeline.md |  |  |\n"
            "| DATA-002 Quality checks | na | **Not applicable because:** upstream validates every record | "
            "[http://intranet.example/dq](http://intranet.example/dq) |  |  |\n") in out


def test_evidence_is_a_link_only_when_it_is_http(answers_file: Path) -> None:
    page = _cli(answers_file, "html")
    links = re.findall(r'<a href="([^"]*)"', page)
    assert links == ["https://wiki.example.com/run-owner?a=1&amp;b=2", "http://intranet.example/dq"]
    assert "<td>javascript:alert(1)</td>" in page
    assert "<td>data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;</td>" in page
    assert "<td>docs/pipeline.md</td>" in page
    # Self-contained: no script, no external resource; item ids are not links (a file has no site).
    assert page.startswith("<!doctype html>") and "<script" not in page
    assert not re.search(r"<link|src=|@import|url\(", page)
    assert "<title>Evidence pack: Claims &lt;triage&gt; | v2</title>" in page


def test_only_answered_items_are_listed() -> None:
    model = load_checklists(MINI).model
    checked = parse_answers(model, {"answers": {"DATA-002": {"answer": "yes", "owner": "Data team"}}})
    result = score(model, checked)
    doc = document(result, model, checked.given)
    out = to_markdown(doc)
    assert "- **Pilot:** (not named)\n- **Checklists:** version 1.0.0\n- **Answered:** 1 of 5 items\n" in out
    assert "## Ownership" not in out
    assert "## Data (1 of 2 answered)\n" in out and "| DATA-002 Quality checks | yes |  |  | Data team |  |\n" in out
    empty = score(model, parse_answers(model, {"answers": {}}))
    assert "No item is answered yet." in to_html(document(empty, model, {}))
    with pytest.raises(ValueError, match="the evidence pack is Markdown or HTML, not 'text'"):
        render(empty, model, {}, "text")


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_page_export_is_byte_for_byte_the_cli_output(answers_file: Path, fmt: str) -> None:
    """The page reads the same file (api.read, as an import does) and exports the evidence pack."""
    cli_out = _cli(answers_file, fmt, ROOT / "checklists")
    assert json.loads(api.load(_model_json()))["ok"]
    read = json.loads(api.read(answers_file.read_bytes(), "answers.yml"))
    assert read["ok"]
    exported = json.loads(api.export(json.dumps(read["state"]), f"evidence-{fmt}", "https://example.org/p2p/",
                                     "2026-09-15"))
    assert exported["ok"]
    assert exported["text"] == cli_out
    ext = "md" if fmt == "markdown" else "html"
    assert exported["filename"] == f"pilot2prod-claims-triage-v2-evidence-2026-09-15.{ext}"
    assert exported["mime"] == ("text/markdown" if fmt == "markdown" else "text/html")


def test_the_page_export_lists_pending_answers_apart() -> None:
    """On the page, an na waiting for its reason is not an answer yet: the pack says so."""
    assert json.loads(api.load(_model_json()))["ok"]
    state = {"version": "", "pilot": "P", "assessed": "", "answers": {"OWN-001": "yes", "OWN-002": {"answer": "na"}}}
    out = json.loads(api.export(json.dumps(state), "evidence-markdown", "", "2026-01-01"))["text"]
    assert "Marked na without a reason, so not listed (counted as unsure): OWN-002\n" in out
    assert "| OWN-001 " in out and "| OWN-002 " not in out


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_evidence_needs_markdown_or_html(cli, answers_file: Path, fmt: str) -> None:
    args = ["score", str(answers_file), "--checklists", str(MINI), "--evidence"]
    code, out, err = cli(*args, *(["--format", fmt] if fmt != "text" else []))
    assert (code, out) == (2, "")
    assert err == ("pilot2prod score: error: --evidence writes Markdown or HTML: add --format markdown or "
                   f"--format html (got --format {fmt})\n")
