"""portfolio(): many pilots rolled up into one table, and ``pilot2prod portfolio`` around it.

``tests/data/portfolio`` holds three pilots' answers files (YAML, ``.yaml`` and JSON, one made
against an older checklist version) beside a README and an ``archive/`` folder that must not be read.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from scoring.answers import parse_answers
from scoring.engine import score
from scoring.files import load_checklists
from scoring.portfolio import _stem, portfolio, render_portfolio

ROOT = Path(__file__).parent.parent
MINI = "tests/data/mini"
PILOTS = "tests/data/portfolio"


@pytest.fixture(scope="module")
def model():
    return load_checklists(ROOT / MINI).model


@pytest.fixture
def cli_cwd() -> Path:
    """The ``cli`` fixture (conftest.py) runs at the repository's root: the files are named from there."""
    return ROOT


def assessed(model, file: str, data: dict) -> tuple[str, dict]:
    return file, score(model, parse_answers(model, data))


def test_rows_counts_and_common_blockers(model) -> None:
    summary = portfolio(model, [
        assessed(model, "pilots/b.yml", {"pilot": "B", "version": "0.9.0",
                                         "answers": {"OWN-001": "no", "DATA-001": "no", "DATA-002": "yes"}}),
        assessed(model, "pilots/a.yml", {"pilot": "A", "answers": {"DATA-001": "no"}}),
        assessed(model, "pilots/go.json", {"answers": {"OWN-001": "yes", "OWN-002": "yes", "OWN-003": "yes",
                                                       "DATA-001": "yes", "DATA-002": "partial"}}),
    ])
    assert summary["version"] == "1.0.0" and summary["count"] == 3
    assert summary["decisions"] == {"no-go": 2, "conditional": 0, "go": 1}
    # Worst first: the decision, then the score, then the name.
    assert [(r["name"], r["decision"], r["score"]) for r in summary["pilots"]] == [
        ("A", "no-go", 0.0), ("B", "no-go", 0.0), ("go", "go", 83.3)]
    assert summary["pilots"][1] == {
        "name": "B", "file": "pilots/b.yml", "assessed": "", "answers_version": "0.9.0",
        "decision": "no-go", "score": 0.0, "level": "Not started", "mean": 11.1,
        "weakest": {"id": "OWN", "title": "Ownership"},
        "blockers": ["OWN-001", "DATA-001"], "unknown": ["OWN-002", "OWN-003"],
    }
    # Equally common blockers come in checklist order.
    assert summary["common_blockers"] == [
        {"item": "OWN-001", "title": "Run owner", "dimension": "OWN", "count": 2, "pilots": ["A", "B"]},
        {"item": "DATA-001", "title": "Live pipeline", "dimension": "DATA", "count": 2, "pilots": ["A", "B"]},
    ]
    assert summary["weakest_dimensions"] == [{"id": "OWN", "title": "Ownership", "count": 2},
                                             {"id": "DATA", "title": "Data", "count": 1}]
    assert summary["other_versions"] == [{"name": "B", "file": "pilots/b.yml", "version": "0.9.0"}]


def test_blockers_shared_equally_keep_checklist_order(model) -> None:
    summary = portfolio(model, [assessed(model, "x.yml", {"answers": {}}), assessed(model, "y.yml", {"answers": {}})])
    assert [(b["item"], b["count"]) for b in summary["common_blockers"]] == [("OWN-001", 2), ("DATA-001", 2)]
    assert [r["name"] for r in summary["pilots"]] == ["x", "y"]


def test_an_empty_portfolio(model) -> None:
    summary = portfolio(model, [])
    assert summary["count"] == 0 and summary["pilots"] == [] and summary["common_blockers"] == []
    assert render_portfolio(summary, model, "text") == (
        "Portfolio: 0 pilots scored against checklists 1.0.0: 0 no-go, 0 conditional, 0 go\n"
        "\n"
        "Pilot  Decision  Score  Weakest dimension  Blockers  Unknown\n"
        "\n"
        "No pilot has a blocker.\n")


@pytest.mark.parametrize("file, stem", [("pilots/claims.yml", "claims"), ("a\\b\\c.d.json", "c.d"),
                                        (".hidden", ".hidden"), ("plain", "plain")])
def test_names_fall_back_to_the_file_name(file: str, stem: str) -> None:
    assert _stem(file) == stem


EXPECTED_TEXT = (
    "Portfolio: 3 pilots scored against checklists 1.0.0: 2 no-go, 0 conditional, 1 go\n"
    "\n"
    "Pilot                    Decision  Score  Weakest dimension  Blockers  Unknown\n"
    "Claims triage assistant  NO-GO         0  Data                      1        2\n"
    "Invoice matching         NO-GO      33.3  Data                      2        0\n"
    "support-bot              GO         91.7  Ownership                 0        0\n"
    "\n"
    "Most common blockers:\n"
    "  2 of 3  DATA-001 Live pipeline\n"
    "  1 of 3  OWN-001 Run owner\n"
    "Weakest dimensions: Data (2), Ownership (1)\n"
    "Assessed against other checklist versions: Invoice matching (0.9.0)\n")
VERSION_WARNING = (f"{PILOTS}/invoices.yaml:3:10: warning: version: answers made against checklists 0.9.0, "
                   "scored against 1.0.0 (1 carried over from retired ids)\n")


def test_cli_text(cli) -> None:
    assert cli("portfolio", PILOTS, "--checklists", MINI) == (0, EXPECTED_TEXT, VERSION_WARNING)


def test_cli_gate(cli) -> None:
    code, out, err = cli("portfolio", PILOTS, "--checklists", MINI, "--fail-on", "no-go")
    assert (code, out) == (1, EXPECTED_TEXT)
    assert err == VERSION_WARNING + ("pilot2prod: gate failed: 2 of 3 pilots are no-go (--fail-on no-go): "
                                     "Claims triage assistant, Invoice matching\n")
    code, _, err = cli("portfolio", f"{PILOTS}/support-bot.json", "--checklists", MINI, "--fail-on", "conditional")
    assert (code, err) == (0, "")
    code, _, err = cli("portfolio", f"{PILOTS}/claims.yml", "--checklists", MINI, "--fail-on", "conditional")
    assert (code, err) == (1, "pilot2prod: gate failed: 1 of 1 pilots is conditional or no-go "
                              "(--fail-on conditional): Claims triage assistant\n")


def test_cli_markdown(cli) -> None:
    code, out, _ = cli("portfolio", PILOTS, "--checklists", MINI, "--format", "markdown")
    assert code == 0
    assert out == (
        "# Portfolio readiness\n"
        "\n"
        "3 pilots scored against checklists 1.0.0: 2 no-go, 0 conditional, 1 go.\n"
        "\n"
        "| Pilot | File | Decision | Score | Weakest dimension | Blockers | Unknown |\n"
        "|---|---|---|---:|---|---:|---:|\n"
        f"| Claims triage assistant | `{PILOTS}/claims.yml` | **NO-GO** | 0 | Data | 1 | 2 |\n"
        f"| Invoice matching | `{PILOTS}/invoices.yaml` | **NO-GO** | 33.3 | Data | 2 | 0 |\n"
        f"| support-bot | `{PILOTS}/support-bot.json` | **GO** | 91.7 | Ownership | 0 | 0 |\n"
        "\n"
        "## Most common blockers\n"
        "\n"
        "| Item | Title | Pilots blocked |\n"
        "|---|---|---:|\n"
        "| DATA-001 | Live pipeline | 2 of 3 |\n"
        "| OWN-001 | Run owner | 1 of 3 |\n"
        "\n"
        "- Weakest dimensions: Data (2), Ownership (1)\n"
        "- Assessed against other checklist versions: Invoice matching (0.9.0)\n")


def test_cli_json(cli) -> None:
    code, out, _ = cli("portfolio", PILOTS, "--checklists", MINI, "--format", "json")
    summary = json.loads(out)
    assert code == 0
    assert list(summary) == ["version", "count", "decisions", "pilots", "common_blockers", "weakest_dimensions",
                             "other_versions"]
    assert [r["file"] for r in summary["pilots"]] == [f"{PILOTS}/claims.yml", f"{PILOTS}/invoices.yaml",
                                                      f"{PILOTS}/support-bot.json"]
    assert summary["pilots"][1]["blockers"] == ["OWN-001", "DATA-001"]


def test_cli_html_is_self_contained_and_escaped(cli, tmp_path: Path) -> None:
    shutil.copy(ROOT / PILOTS / "claims.yml", tmp_path / "claims.yml")
    (tmp_path / "evil.yml").write_text('pilot: "<script>alert(1)</script> & co"\nanswers: {OWN-001: yes}\n',
                                       encoding="utf-8")
    code, out, _ = cli("portfolio", str(tmp_path), "--checklists", MINI, "--format", "html")
    assert code == 0
    assert out.startswith("<!doctype html>") and out.count("<svg") == 1
    assert not re.search(r"<script|<link|src=|@import|url\(", out)
    assert out.count("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co") == 2  # the chart and the table
    assert 'class="p2p-chart__bar p2p-chart__bar--no-go"' in out
    assert "<tr><td>OWN-001</td><td>Run owner</td><td>1 of 2</td></tr>" not in out  # evil.yml met OWN-001
    assert "<tr><td>DATA-001</td><td>Live pipeline</td><td>2 of 2</td></tr>" in out


def test_bad_files_report_every_problem_and_print_no_table(cli, tmp_path: Path) -> None:
    shutil.copy(ROOT / PILOTS / "claims.yml", tmp_path / "a-good.yml")
    (tmp_path / "b-typo.yml").write_text("answers:\n  OWN-001: yse\n  OWN-002: {answer: na}\n", encoding="utf-8")
    (tmp_path / "c-syntax.json").write_text('{"answers": {"OWN-001": "yes"}\n', encoding="utf-8")
    (tmp_path / "d-dup.yaml").write_text("answers:\n  OWN-001: yes\n  OWN-001: no\n", encoding="utf-8")
    code, out, err = cli("portfolio", str(tmp_path), str(tmp_path / "missing.yml"), "--checklists", MINI)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"{tmp_path}/missing.yml: error: no such file or directory",
        f"{tmp_path}/b-typo.yml:2:12: error: answers.OWN-001: expected one of yes, partial, no, unsure, na, "
        "got 'yse'; did you mean 'yes'?",
        f"{tmp_path}/b-typo.yml:3:12: error: answers.OWN-002: an 'na' answer needs a reason: "
        'write {answer: na, reason: "..."}',
        f"{tmp_path}/c-syntax.json:2:1: error: invalid JSON: did not find expected ',' or '}}' "
        "(while parsing a flow mapping)",
        f"{tmp_path}/d-dup.yaml:3:3: error: answers.OWN-001: duplicate key 'OWN-001' (first defined on line 2)",
    ]


@pytest.mark.parametrize("setup, message", [
    (lambda d: None, "{d}: error: expected a directory holding answers files (*.yml, *.yaml, *.json), got none"),
    (lambda d: (d / "notes.txt").write_text("x"), "{d}: error: expected a directory holding answers files "
                                                  "(*.yml, *.yaml, *.json), got none"),
])
def test_a_directory_without_answers_files(cli, tmp_path: Path, setup, message: str) -> None:
    setup(tmp_path)
    assert cli("portfolio", str(tmp_path), "--checklists", MINI) == (2, "", message.format(d=tmp_path) + "\n")


def test_files_and_directories_mix_and_each_file_counts_once(cli) -> None:
    code, out, _ = cli("portfolio", f"{PILOTS}/claims.yml", PILOTS, f"{PILOTS}/./claims.yml", "--checklists", MINI,
                       "--format", "json")
    assert code == 0
    assert [r["file"] for r in json.loads(out)["pilots"]] == [
        f"{PILOTS}/claims.yml", f"{PILOTS}/invoices.yaml", f"{PILOTS}/support-bot.json"]


@pytest.mark.parametrize("argv", [["portfolio"], ["portfolio", PILOTS, "--format", "pdf"],
                                  ["portfolio", PILOTS, "--fail-on", "go"]])
def test_usage_errors(cli, argv) -> None:
    code, out, err = cli(*argv)
    assert code == 2 and out == "" and "Traceback" not in err and "usage: pilot2prod portfolio" in err
