"""The command line: subcommands, formats, gates, exit codes and errors without tracebacks."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import run_cli

ROOT = Path(__file__).parent.parent
MINI = Path(__file__).parent / "data" / "mini"
CHECKLISTS = ROOT / "checklists"


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_validate_real_checklists(cli) -> None:
    code, out, err = cli("validate", "--checklists", str(CHECKLISTS))
    assert code == 0 and err == ""
    assert re.fullmatch(r"ok: 11 dimensions, \d+ items, checklists version \S+\n", out)


def test_template_is_accepted_by_score_unchanged(cli, tmp_path: Path) -> None:
    code, out, _ = cli("template", "--checklists", str(CHECKLISTS), "--pilot", 'Claims "triage"')
    assert code == 0
    blank = write(tmp_path / "answers.yml", out)
    code, out, err = cli("score", blank, "--checklists", str(CHECKLISTS), "--format", "json")
    assert code == 0 and err == ""
    result = json.loads(out)
    assert result["pilot"] == 'Claims "triage"'
    assert result["decision"] == "no-go"
    assert len(result["unknown"]) == sum(d["items"] for d in result["dimensions"])


SITE = Path(__file__).parent / "data" / "valid" / "template-site" / "checklists"


@pytest.mark.parametrize(("checklists", "args", "first"), [
    (MINI, [], "answers.schema.json"),
    (SITE, [], "https://example.org/playbook/schemas/answers.schema.json"),
    (SITE, ["--schema", "../schemas/answers.json"], "../schemas/answers.json"),
    (MINI, ["--schema", "https://example.com/a.json"], "https://example.com/a.json"),
])
def test_template_points_editors_to_the_answers_schema(cli, checklists: Path, args: list[str], first: str) -> None:
    """--schema when given; else the schema the site in scoring.yml's site_url publishes; else a file beside it."""
    code, out, err = cli("template", "--checklists", str(checklists), *args)
    assert (code, err) == (0, "")
    head = out.splitlines()[:3]
    assert head[0] == f"# yaml-language-server: $schema={first}"
    hint = "# Editors read the schema named above: 'pilot2prod schema answers > answers.schema.json' writes it here."
    assert (head[2] == hint) == (first == "answers.schema.json")


def test_template_refuses_an_empty_schema(cli) -> None:
    code, out, err = cli("template", "--checklists", str(MINI), "--schema", " ")
    assert (code, out) == (2, "")
    assert err.startswith("usage: pilot2prod template ")
    assert err.endswith("\npilot2prod template: error: argument --schema: expected a URL or a path, got an empty one\n")


def test_gates(cli, tmp_path: Path) -> None:
    answers = write(tmp_path / "a.yml", "answers: {OWN-001: partial, OWN-002: yes, OWN-003: yes, DATA-001: yes, "
                                        "DATA-002: yes}\n")
    assert cli("score", answers, "--checklists", str(MINI), "--fail-on", "no-go")[0] == 0
    code, _, err = cli("score", answers, "--checklists", str(MINI), "--fail-on", "conditional")
    assert code == 1
    assert err == "pilot2prod: gate failed: decision is conditional (--fail-on conditional)\n"


def test_json_answers_file(cli, tmp_path: Path) -> None:
    answers = write(tmp_path / "a.json", json.dumps({"pilot": "P", "answers": {
        "OWN-001": "yes", "OWN-002": {"answer": "na", "reason": "no budget needed"}}}, indent="\t"))
    code, out, _ = cli("score", answers, "--checklists", str(MINI), "--format", "json")
    assert code == 0
    assert json.loads(out)["dimensions"][0]["counts"]["na"] == 1


def test_html_is_self_contained_with_an_svg_chart(cli, tmp_path: Path) -> None:
    answers = write(tmp_path / "a.yml", "answers: {OWN-001: yes, DATA-001: partial}\n")
    code, out, _ = cli("score", answers, "--checklists", str(MINI), "--format", "html")
    assert code == 0
    assert out.startswith("<!doctype html>")
    assert out.count("<svg") == 1 and 'class="p2p-chart__bar p2p-chart__bar--weakest"' in out
    assert not re.search(r"<script|<link|src=|@import|url\(", out)


def test_markdown(cli, tmp_path: Path) -> None:
    answers = write(tmp_path / "a.yml", "pilot: Triage | v2\nanswers: {OWN-001: yes}\n")
    code, out, _ = cli("score", answers, "--checklists", str(MINI), "--format", "markdown")
    assert code == 0
    assert out.startswith("# Readiness: Triage \\| v2\n\n**Decision: NO-GO**")
    assert "| Ownership | 50 | Hardening |" in out


def test_compare(cli, tmp_path: Path) -> None:
    old = write(tmp_path / "old.yml", "answers: {OWN-001: no}\n")
    new = write(tmp_path / "new.yml", "assessed: 2026-06-01\nanswers: {OWN-001: yes, DATA-001: yes, DATA-002: partial}\n")
    code, out, err = cli("compare", old, new, "--checklists", str(MINI))
    assert code == 0 and err == ""
    assert out == (
        f"Before: {old}\n"
        f"After:  {new} (assessed 2026-06-01)\n"
        "Decision: NO-GO -> CONDITIONAL\n"
        "Score: 0 -> 50 (+50); weighted mean 0 -> 61.1 (+61.1)\n"
        "\n"
        "  Ownership      0 ->    50     +50  Not started -> Hardening\n"
        "  Data           0 ->  83.3   +83.3  Not started -> Production-ready\n"
        "\n"
        "Blockers resolved: OWN-001, DATA-001\n"
        "Unknown items: 4 -> 2\n"
        "\n"
        "Answers changed (3):\n"
        "  OWN-001: no -> yes (better)\n"
        "  DATA-001: unsure -> yes (better)\n"
        "  DATA-002: unsure -> partial (better)\n")
    code, out, _ = cli("compare", old, new, "--checklists", str(MINI), "--format", "json")
    diff = json.loads(out)
    assert diff["decision"] == {"old": "no-go", "new": "conditional", "direction": "better"}
    assert (diff["files"], diff["assessed"]) == ({"old": old, "new": new}, {"old": None, "new": "2026-06-01"})
    code, out, _ = cli("compare", old, new, "--checklists", str(MINI), "--format", "markdown")
    assert out.startswith(f"# What moved\n\n- **Before:** `{old}`\n- **After:** `{new}` (assessed 2026-06-01)\n\n"
                          "**Decision: NO-GO → CONDITIONAL**\n\n")
    assert "| Dimension | Before | After | Change | Level |" in out


def test_compare_reports_both_files(cli, tmp_path: Path) -> None:
    old = write(tmp_path / "old.yml", "answers: {OWN-001: maybe}\n")
    code, out, err = cli("compare", old, str(tmp_path / "missing.yml"), "--checklists", str(MINI))
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"{old}:1:20: error: answers.OWN-001: expected one of yes, partial, no, unsure, na, got 'maybe'",
        f"{tmp_path / 'missing.yml'}: error: no such file",
    ]


def test_dates_that_do_not_exist_are_located_errors(cli, tmp_path: Path) -> None:
    answers = write(tmp_path / "a.yml", "pilot: P\nassessed: 2026-13-40\nanswers:\n"
                                        "  OWN-001: {answer: yes, date: 2026-02-30}\n")
    code, out, err = cli("score", answers, "--checklists", str(MINI))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"{answers}:2:11: error: assessed: expected a date written YYYY-MM-DD, got '2026-13-40': there is no month 13",
        f"{answers}:4:32: error: answers.OWN-001.date: expected a date written YYYY-MM-DD, got '2026-02-30': "
        "2026-02 has 28 days",
    ]


def test_score_with_two_files_says_to_use_portfolio(cli, tmp_path: Path) -> None:
    """What the pilot2prod-score hook runs when two readiness files are staged: a plain answer, not argparse's."""
    code, out, err = cli("score", "--fail-on", "no-go", "a/readiness.yaml", "b/readiness.yml")
    assert (code, out) == (2, "")
    assert err == ("pilot2prod score: error: score reads one answers file, got 2: a/readiness.yaml, b/readiness.yml; "
                   "to score several, use 'pilot2prod portfolio' (in pre-commit, the pilot2prod-portfolio hook)\n")


def test_cost(cli, tmp_path: Path) -> None:
    inputs = write(tmp_path / "cost.yml", "cost_per_call: 0.02\ncalls_per_workflow: 6\nworkflows_per_day: 4000\n"
                                          "monthly_growth_percent: 10\nceiling: 25000\n")
    code, out, err = cli("cost", inputs)
    assert code == 0 and err == ""
    assert out == (
        "Cost per workflow: 0.1200\n"
        "Daily cost:        480.00\n"
        "Monthly cost now:  14,400.00\n"
        "In 12 months:      45,193.37\n"
        "At 10x volume:     144,000.00\n"
        "Ceiling:           25,000.00\n"
        "Headroom:          10,600.00 (42.4%)\n"
        "The ceiling is crossed in month 6.\n"
        "10x volume fits the ceiling at a cost per workflow of at most 0.0208.\n")
    code, out, _ = cli("cost", inputs, "--format", "json")
    assert json.loads(out)["crosses_ceiling_in_month"] == 6


def test_cost_errors_are_located(cli, tmp_path: Path) -> None:
    inputs = write(tmp_path / "cost.json", '{"cost_per_call": "free",\n "calls_per_workflow": 3}\n')
    code, out, err = cli("cost", inputs)
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"{inputs}:1:19: error: cost_per_call: expected a number, got 'free'",
        f"{inputs}:1:1: error: missing required field 'workflows_per_day'",
    ]


def test_latency(cli, tmp_path: Path) -> None:
    inputs = write(tmp_path / "latency.yml", "target_ms: 3000\ncomponents:\n"
                                             "  - {name: Retrieval, budget_ms: 400, p95_ms: 1150}\n"
                                             "  - {name: Model call, budget_ms: 1800, p95_ms: 1750}\n"
                                             "  - {name: Headroom, budget_ms: 300}\n")
    code, out, err = cli("latency", inputs)
    assert code == 0 and err == ""
    assert out == (
        "Component     budget       p95  status\n"
        "Retrieval        400      1150  over by 750 ms\n"
        "Model call      1800      1750  ok\n"
        "Headroom         300         -  unmeasured\n"
        "Total           2500      2900\n"
        "\n"
        "Budget: 2500 ms allocated of the 3000 ms target (500 ms unallocated).\n"
        "Measured: 2900 ms, within the 3000 ms target.\n"
        "Over budget: Retrieval\n")


@pytest.mark.parametrize("argv, message", [
    (["validate", "--checklists", "nowhere"], "nowhere: error: expected a checklists directory, got no such directory"),
    (["score", "nowhere.yml", "--checklists", str(MINI)], "nowhere.yml: error: no such file"),
    (["score", ".", "--checklists", str(MINI)], ".: error: expected a file, got a directory"),
    (["cost", "nowhere.yml"], "nowhere.yml: error: no such file"),
])
def test_bad_paths(cli, argv, message) -> None:
    code, out, err = cli(*argv)
    assert (code, out, err) == (2, "", message + "\n")


def test_checklists_given_a_file(cli, tmp_path: Path) -> None:
    target = write(tmp_path / "scoring.yml", "x: 1\n")
    assert cli("validate", "--checklists", target)[2] == f"{target}: error: expected a directory, got a file\n"


@pytest.mark.parametrize("argv", [[], ["bogus"], ["score"], ["score", "a.yml", "--format", "pdf"],
                                  ["score", "a.yml", "--fail-on", "go"], ["compare", "a.yml"]])
def test_usage_errors_exit_2(cli, argv) -> None:
    code, out, err = cli(*argv)
    assert code == 2 and out == ""
    assert "Traceback" not in err and err


def test_checklists_from_environment(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PILOT2PROD_CHECKLISTS", str(MINI))
    assert cli("validate")[1] == "ok: 2 dimensions, 5 items, checklists version 1.0.0\n"


def test_python_dash_m_never_shows_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "bin.yml").write_bytes(b"answers:\n  OWN-001: yes\n\xff\xfe\n")
    proc = run_cli("score", "bin.yml", "--checklists", str(MINI), cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == "bin.yml:3:1: error: expected UTF-8 text, got the byte 0xff\n"
    assert proc.stdout == ""
