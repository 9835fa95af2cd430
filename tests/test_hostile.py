"""Hostile input at the command line (issue 14): bounded numbers, capped errors, no tracebacks,
no hangs, no forged lines and no live Markdown. Each test holds one finding of that issue; the
data-driven cases under tests/data/invalid (``out-of-range*``, ``cost-out-of-range``,
``latency-out-of-range``, ``answers-huge-integer``, ``answers-bad-tags``, ``answers-forged-lines``)
hold the rest.

Commands that could hang or crash the interpreter run in a subprocess with a timeout, against
this checkout's ``scoring`` (``PYTHONPATH``), never an installed copy.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import run_cli
from scoring import api
from scoring.cli import main
from scoring.files import read_checklists
from scoring.problems import MAX_SHOWN
from scoring.text import NotFinite, json_text, markdown, one_line

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini"
ANSWERS = "pilot: Claims\nanswers: {OWN-001: yes, OWN-002: yes, OWN-003: yes, DATA-001: yes, DATA-002: yes}\n"


# --------------------------------------------------------------------------
# 6. Every number bounded, and at most MAX_SHOWN problems shown

def test_months_past_the_horizon_are_refused_quickly(cli, tmp_path: Path) -> None:
    (tmp_path / "cost.yml").write_text("cost_per_call: 0.02\ncalls_per_workflow: 6\nworkflows_per_day: 500\n"
                                       "months: 121\n", encoding="utf-8")
    assert cli("cost", "cost.yml") == (2, "", "cost.yml:4:9: error: months: expected a number from 1 to 120, "
                                              "got 121\n")


def test_the_cli_shows_the_first_problems_then_how_many_more(cli, tmp_path: Path) -> None:
    bad = "".join(f"  X-{n:03d}: maybe\n" for n in range(MAX_SHOWN + 150))
    (tmp_path / "answers.yml").write_text("answers:\n" + bad, encoding="utf-8")
    code, out, err = cli("score", "answers.yml", "--checklists", str(MINI))
    lines = err.splitlines()
    assert (code, out, len(lines)) == (2, "", MAX_SHOWN + 1)
    assert lines[0] == "answers.yml:2:10: error: answers.X-000: expected one of yes, partial, no, unsure, na, got 'maybe'"
    assert lines[MAX_SHOWN - 1].startswith(f"answers.yml:{MAX_SHOWN + 1}:10: error: answers.X-{MAX_SHOWN - 1:03d}:")
    assert lines[-1] == "... and 150 more problems"


def _api_with_mini() -> None:
    config, dims, registry, _, _ = read_checklists(MINI)
    loaded = json.loads(api.load(json.dumps({"config": config.data, "dimensions": {k: v.data for k, v in dims.items()},
                                              "registry": registry.data if registry else None})))
    assert loaded["ok"]


def test_the_browser_gets_the_same_capped_list() -> None:
    _api_with_mini()
    answers = {f"X-{n:03d}": "maybe" for n in range(MAX_SHOWN + 1)}
    problems = json.loads(api.check(json.dumps({"answers": answers})))["problems"]
    assert len(problems) == MAX_SHOWN + 1
    assert problems[0]["message"] == "answers.X-000: expected one of yes, partial, no, unsure, na, got 'maybe'"
    assert problems[-1] == {"source": "", "path": "", "message": "... and 1 more problem"}
    exactly = json.loads(api.check(json.dumps({"answers": dict(list(answers.items())[:MAX_SHOWN])})))["problems"]
    assert len(exactly) == MAX_SHOWN and not exactly[-1]["message"].startswith("...")


def test_the_browser_calculator_refuses_huge_numbers() -> None:
    out = json.loads(api.calculate("cost", json.dumps({"cost_per_call": 1e308, "calls_per_workflow": 1e308,
                                                       "workflows_per_day": 1, "months": 10_000_000})))
    assert [p["message"] for p in out["problems"]] == [
        "cost_per_call: expected a number from 0 to 1,000,000, got 1e+308",
        "calls_per_workflow: expected a number from 0 to 1,000,000, got 1e+308",
        "months: expected a number from 1 to 120, got 10000000",
    ]


def test_results_are_checked_after_the_arithmetic(monkeypatch: pytest.MonkeyPatch) -> None:
    """Were a range ever widened too far, the result is refused rather than shown as inf or NaN."""
    from scoring import calc

    monkeypatch.setitem(calc.COST_FIELDS, "cost_per_call", (True, 0, 1e308, False, None))
    result, problems = calc.check_cost({"cost_per_call": 1e308, "calls_per_workflow": 1e6, "workflows_per_day": 1})
    assert result is None
    assert [str(p) for p in problems] == ["expected inputs whose results are finite numbers, got results too "
                                          "large to compute"]


# --------------------------------------------------------------------------
# 7. No tracebacks: exit 2 and one line

def test_huge_integers_in_portfolio(tmp_path: Path) -> None:
    (tmp_path / "big.yml").write_text("pilot: " + "9" * 4400 + "\nanswers: {OWN-001: yes}\n", encoding="utf-8")
    proc = run_cli("portfolio", "big.yml", "--checklists", str(MINI), cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == "big.yml:1:8: error: pilot: expected a number of at most 4,300 digits, got 4,400 digits\n"


def test_two_huge_weights_are_refused_and_never_make_nan(tmp_path: Path) -> None:
    checklists = tmp_path / "checklists"
    shutil.copytree(MINI, checklists)
    own = (checklists / "own.yml").read_text(encoding="utf-8")
    (checklists / "own.yml").write_text(own.replace("weight: 3", "weight: 1.0e+308").replace("weight: 2", "weight: 1.0e+308"),
                                        encoding="utf-8")
    proc = run_cli("validate", "--checklists", "checklists", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.splitlines() == [
        "checklists/own.yml:12:13: error: items[0].weight: expected a number greater than 0 and at most 1,000, got 1e+308",
        "checklists/own.yml:21:13: error: items[1].weight: expected a number greater than 0 and at most 1,000, got 1e+308",
    ]
    (tmp_path / "a.yml").write_text(ANSWERS, encoding="utf-8")
    proc = run_cli("score", "a.yml", "--checklists", "checklists", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 2 and "NaN" not in proc.stdout and "Traceback" not in proc.stderr


def test_json_output_never_holds_nan_or_infinity(tmp_path: Path) -> None:
    (tmp_path / "cost.json").write_text('{"cost_per_call": 1.0e+300, "calls_per_workflow": 1.0e+300, '
                                        '"workflows_per_day": 1}', encoding="utf-8")
    proc = run_cli("cost", "cost.json", "--format", "json", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.splitlines() == [
        "cost.json:1:19: error: cost_per_call: expected a number from 0 to 1,000,000, got 1e+300",
        "cost.json:1:51: error: calls_per_workflow: expected a number from 0 to 1,000,000, got 1e+300",
    ]
    (tmp_path / "words.json").write_text('{"cost_per_call": Infinity, "calls_per_workflow": NaN, '
                                         '"workflows_per_day": 1}', encoding="utf-8")
    proc = run_cli("cost", "words.json", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stderr.splitlines() == [
        "words.json:1:19: error: cost_per_call: expected a number, got 'Infinity'",
        "words.json:1:51: error: calls_per_workflow: expected a number, got 'NaN'",
    ]
    # The backstop: a non-finite number is never written as JSON.
    with pytest.raises(NotFinite):
        json_text({"x": float("nan")})


def test_a_full_disk_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text(ANSWERS, encoding="utf-8")
    for fmt in ("text", "json", "html"):
        with open("/dev/full", "w", encoding="utf-8") as full:
            proc = subprocess.run([sys.executable, "-m", "scoring", "score", "a.yml", "--checklists", str(MINI),
                                   "--format", fmt], cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)},
                                  stdout=full, stderr=subprocess.PIPE, text=True, timeout=30)
        assert (proc.returncode, proc.stderr) == (2, "pilot2prod: error: cannot write the output: "
                                                     "No space left on device\n"), fmt


def test_a_terminal_that_is_not_utf8_gets_escapes(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text("pilot: Café 😀\nanswers: {OWN-001: yes}\n", encoding="utf-8")
    args = ["score", "a.yml", "--checklists", str(MINI)]
    text = run_cli(*args, cwd=tmp_path, PYTHONIOENCODING="ascii")
    assert (text.returncode, text.stderr) == (0, "")
    assert text.stdout.splitlines()[0] == "Pilot: Caf\\xe9 \\U0001f600"
    as_json = run_cli(*args, "--format", "json", cwd=tmp_path, PYTHONIOENCODING="ascii")
    assert as_json.returncode == 0 and as_json.stdout.isascii()
    assert json.loads(as_json.stdout)["pilot"] == "Café 😀"
    as_html = run_cli(*args, "--format", "html", cwd=tmp_path, PYTHONIOENCODING="ascii")
    assert as_html.returncode == 0 and "<title>Readiness: Caf&#233; &#128512;</title>" in as_html.stdout
    template = run_cli("template", "--checklists", str(MINI), "--pilot", "Café", cwd=tmp_path,
                       PYTHONIOENCODING="ascii")
    assert template.returncode == 0 and 'pilot: "Caf\\xe9"' in template.stdout.splitlines()  # YAML reads it back


PURE_PYTHON_YAML = "import sys; sys.modules['yaml._yaml'] = None; from scoring.cli import main; sys.exit(main())"


def test_a_nul_byte_with_the_pure_python_reader(tmp_path: Path) -> None:
    """The browser has no libyaml: its reader rejects the NUL while it is being built."""
    (tmp_path / "nul.yml").write_bytes(b"answers:\n  OWN-001: yes\x00\n")
    for code in ("from scoring.cli import main; import sys; sys.exit(main())", PURE_PYTHON_YAML):
        proc = subprocess.run([sys.executable, "-c", code, "score", "nul.yml", "--checklists", str(MINI)],
                              cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
                              text=True, timeout=30)
        assert (proc.returncode, proc.stdout) == (2, ""), code
        assert proc.stderr == "nul.yml:2:15: error: expected printable text, got the control character U+0000\n"
    pure = subprocess.run([sys.executable, "-c", "import sys; sys.modules['yaml._yaml'] = None\n"
                           "import yaml; from scoring.parse import _Loader; print(_Loader.__mro__[1].__name__)"],
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=30)
    assert pure.stdout == "SafeLoader\n"  # the second run above really used the pure-Python reader


# --------------------------------------------------------------------------
# 8. Never block on a FIFO or a device

@pytest.fixture
def fifo_dir(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this system")
    (tmp_path / "a.yml").write_text(ANSWERS, encoding="utf-8")
    os.mkfifo(tmp_path / "fifo.yml")
    return tmp_path


@pytest.mark.parametrize("args", [
    ["score", "fifo.yml"],
    ["compare", "a.yml", "fifo.yml"],
    ["portfolio", "fifo.yml"],
    ["cost", "fifo.yml"],
    ["latency", "fifo.yml"],
], ids=lambda a: a[0])
def test_answers_and_inputs_that_are_fifos(fifo_dir: Path, args: list[str]) -> None:
    extra = [] if args[0] in ("cost", "latency") else ["--checklists", str(MINI)]
    proc = run_cli(*args, *extra, cwd=fifo_dir, timeout=20)
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        2, "", "fifo.yml: error: expected a regular file, got a named pipe (FIFO)\n")


def test_a_portfolio_directory_holding_a_fifo(fifo_dir: Path) -> None:
    proc = run_cli("portfolio", ".", "--checklists", str(MINI), cwd=fifo_dir, timeout=20)
    assert (proc.returncode, proc.stderr) == (2, "./fifo.yml: error: expected a regular file, got a named pipe (FIFO)\n")


@pytest.mark.parametrize("name", ["scoring.yml", "own.yml", "ids.yml"])
def test_checklists_with_a_fifo(tmp_path: Path, name: str) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this system")
    checklists = tmp_path / "checklists"
    shutil.copytree(MINI, checklists)
    (checklists / name).unlink()
    os.mkfifo(checklists / name)
    proc = run_cli("validate", "--checklists", "checklists", cwd=tmp_path, timeout=20)
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        2, "", f"checklists/{name}: error: expected a regular file, got a named pipe (FIFO)\n")


def test_a_device_is_refused_and_dash_reads_standard_input(tmp_path: Path) -> None:
    proc = run_cli("score", "/dev/zero", "--checklists", str(MINI), cwd=tmp_path, timeout=20)
    assert (proc.returncode, proc.stderr) == (2, "/dev/zero: error: expected a regular file, got a character device\n")
    piped = run_cli("score", "-", "--checklists", str(MINI), "--format", "json", input=ANSWERS, cwd=tmp_path)
    assert piped.returncode == 0 and json.loads(piped.stdout)["decision"] == "go"
    bad = run_cli("score", "-", "--checklists", str(MINI), input="answers: [1]\n", cwd=tmp_path)
    assert (bad.returncode, bad.stderr) == (2, "<stdin>:1:10: error: answers: expected a mapping of item id to "
                                               "answer, got a list\n")
    twice = run_cli("compare", "-", "-", "--checklists", str(MINI), input=ANSWERS, cwd=tmp_path)
    assert (twice.returncode, twice.stderr) == (2, "-: error: expected at most one of OLD and NEW to be - (standard "
                                                   "input, which can be read once)\n")


# --------------------------------------------------------------------------
# 9. No forged lines: control characters written out, one line per message

FORGED = "x\n::error file=app.py,line=1::forged\napp.py:1:1: error: fake\x1b[2J\x1b]0;pwned\x07"
SHOWN = "x\\n::error file=app.py,line=1::forged\\napp.py:1:1: error: fake\\x1b[2J\\x1b]0;pwned\\x07"
#: A pilot's name in a portfolio, its white space collapsed (so on one line too).
SHOWN_NAME = SHOWN.replace("\\n", " ")


def _no_raw_controls(text: str) -> None:
    assert not any(c in text for c in "\x1b\x07\r"), repr(text)
    assert not any(line.startswith(("::", "app.py:")) for line in text.splitlines()), text


def test_warnings_and_reports_keep_user_text_on_one_line(cli, tmp_path: Path) -> None:
    doc = {"pilot": FORGED, "version": FORGED, "answers": {"OWN-001": "yes", FORGED: "yes"}}
    (tmp_path / "a.json").write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = cli("score", "a.json", "--checklists", str(MINI))
    assert code == 0
    assert err.splitlines() == [
        f"a.json:1:117: warning: version: answers made against checklists {SHOWN}, scored against 1.0.0",
        f"a.json:1:337: warning: answers.{SHOWN}: not an item of these checklists; ignored",
    ]
    assert out.splitlines()[0] == f"Pilot: {SHOWN}"
    assert f"Not in these checklists (ignored): {SHOWN}" in out.splitlines()
    _no_raw_controls(out + err)


def test_portfolio_compare_and_gate_lines(cli, tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"pilot": FORGED, "answers": {"OWN-001": "no"}}), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"answers": {"OWN-001": "yes", FORGED: "no"}}), encoding="utf-8")
    code, out, err = cli("portfolio", "a.json", "--checklists", str(MINI), "--fail-on", "no-go")
    assert code == 1
    # A pilot's name is shown with its white space collapsed: one line either way.
    assert out.splitlines()[3].startswith(f"{SHOWN_NAME}  NO-GO ")
    assert err == f"pilot2prod: gate failed: 1 of 1 pilots is no-go (--fail-on no-go): {SHOWN_NAME}\n"
    _no_raw_controls(out + err)
    code, out, err = cli("compare", "a.json", "b.json", "--checklists", str(MINI))
    assert code == 0
    assert err == f"b.json:1:127: warning: answers.{SHOWN}: not an item of these checklists; ignored\n"
    _no_raw_controls(out + err)


def test_calculator_names_and_usage_errors(cli, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "latency.json").write_text(json.dumps({"target_ms": 100, "components": [
        {"name": FORGED, "budget_ms": 50, "p95_ms": 60}]}), encoding="utf-8")
    code, out, err = cli("latency", "latency.json")
    assert code == 0 and out.splitlines()[1].startswith(SHOWN + "  ") and out.splitlines()[-1] == f"Over budget: {SHOWN}"
    _no_raw_controls(out + err)
    with pytest.raises(SystemExit):
        main(["validate", "\n::error file=x::forged"])
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == "pilot2prod: error: unrecognized arguments: \\n::error file=x::forged"
    assert main(["score", "a.yml", "\n::error file=x::forged"]) == 2  # one file at a time: the names are echoed
    assert capsys.readouterr().err == ("pilot2prod score: error: score reads one answers file, got 2: a.yml, "
                                       "\\n::error file=x::forged; to score several, use 'pilot2prod portfolio' "
                                       "(in pre-commit, the pilot2prod-portfolio hook)\n")


def test_template_questions_and_names_cannot_add_yaml_lines(cli, tmp_path: Path) -> None:
    checklists = tmp_path / "checklists"
    shutil.copytree(MINI, checklists)
    own = (checklists / "own.yml").read_text(encoding="utf-8")
    (checklists / "own.yml").write_text(own.replace("question: Is there a budget?",
                                                    'question: "Is there a budget?\\nOWN-001: yes"'), encoding="utf-8")
    code, out, _ = cli("template", "--checklists", "checklists", "--pilot", "A\u2028B\x85C")
    assert code == 0
    assert '  # Is there a budget?\\nOWN-001: yes' in out.splitlines()
    assert 'pilot: "A\\u2028B\\u0085C"' in out.splitlines()
    (tmp_path / "t.yml").write_text(out, encoding="utf-8")
    code, result, _ = cli("score", "t.yml", "--checklists", "checklists", "--format", "json")
    assert code == 0 and json.loads(result)["pilot"] == "A\u2028B\x85C"
    assert json.loads(result)["dimensions"][0]["answered"] == 3  # nothing answered OWN-001 behind our back


def test_one_line() -> None:
    assert one_line("a\nb\r\tc\x00\x7f\x9b\u2028\u202e") == "a\\nb\\r\\tc\\x00\\x7f\\x9b\\u2028\\u202e"
    assert one_line("Café 😀 – ok") == "Café 😀 – ok"


# --------------------------------------------------------------------------
# 10. Markdown: user text is text, only http(s) links

HOSTILE_MD = ("<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) "
              "![x](https://evil.example/x.png) *bold* `code` &lt;b&gt; | cell\r**Decision: GO**\r\n# Heading")


def _rendered(markdown_text: str) -> str:
    return MarkdownIt("commonmark").enable("table").enable("strikethrough").render(markdown_text)


def _assert_inert(html_text: str, decisions: int = 1) -> None:
    for needle in ("<script", "<img", 'href="javascript', "<strong>bold", "<code>code", "<b>", "<h1>Heading"):
        assert needle not in html_text, needle
    assert html_text.count("<strong>Decision:") == decisions


def test_markdown_report_renders_user_text_as_text(cli, tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"pilot": HOSTILE_MD, "answers": {"OWN-001": "yes"}}),
                                     encoding="utf-8")
    code, out, _ = cli("score", "a.json", "--checklists", str(MINI), "--format", "markdown")
    assert code == 0
    assert out.splitlines()[0] == (
        "# Readiness: &lt;script>alert(1)&lt;/script> &lt;img src=x onerror=alert(2)> \\[click\\](javascript:alert(3)) "
        "!\\[x\\](https://evil.example/x.png) \\*bold\\* \\`code\\` &amp;lt;b&amp;gt; \\| cell \\*\\*Decision: GO\\*\\* "
        "# Heading")
    html_text = _rendered(out)
    _assert_inert(html_text)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_text  # shown, as written


def test_browser_export_goes_through_the_same_escaper() -> None:
    _api_with_mini()
    doc = {"pilot": HOSTILE_MD, "answers": {"OWN-001": "yes"}}
    linked = json.loads(api.report(json.dumps(doc), "markdown", "https://example.org/site/"))["text"]
    _assert_inert(_rendered(linked))
    assert "[OWN-002](https://example.org/site/dimensions/ownership/#OWN-002)" in linked
    unlinked = json.loads(api.report(json.dumps(doc), "markdown", "javascript:alert(1)//"))["text"]
    assert "href=" not in _rendered(unlinked) and "javascript" not in unlinked.split("\n", 1)[1]


def test_portfolio_and_compare_markdown(cli, tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"pilot": HOSTILE_MD, "version": HOSTILE_MD,
                                                 "answers": {"OWN-001": "no"}}), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"answers": {"OWN-001": "yes"}}), encoding="utf-8")
    code, out, _ = cli("portfolio", "a.json", "--checklists", str(MINI), "--format", "markdown")
    assert code == 0
    _assert_inert(_rendered(out), decisions=0)
    assert out.count("**NO-GO**") == 1 and "**Decision" not in out
    code, out, _ = cli("compare", "a.json", "b.json", "--checklists", str(MINI), "--format", "markdown")
    assert code == 0
    _assert_inert(_rendered(out).replace("<strong>Decision: NO-GO → GO</strong>", "<strong>Decision:</strong>"))


@pytest.mark.parametrize("text, expected", [
    ("plain text, 1.0.0 - ok", "plain text, 1.0.0 - ok"),
    ("Ownership & operating model", "Ownership & operating model"),
    ("1. first", "1\\. first"),
    ("- item", "\\- item"),
    ("> quote", "\\> quote"),
    ("#tag", "\\#tag"),
    ("a -> b", "a -> b"),
    ("&amp; &#60;", "&amp;amp; &amp;#60;"),
    ("$x$ ~y~", "&#36;x&#36; &#126;y&#126;"),
    ("{: onclick=x}", "\\{: onclick=x\\}"),
    ("a\r\n\r\nb\u2028c", "a b c"),
    ("esc\x1b[31m", "esc\\\\x1b\\[31m"),
])
def test_markdown_escaper(text: str, expected: str) -> None:
    assert markdown(text) == expected


def test_html_reports_escape_everything(cli, tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"pilot": HOSTILE_MD, "answers": {"OWN-001": "no"}}), encoding="utf-8")
    for command in ("score", "portfolio"):
        code, out, _ = cli(command, "a.json", "--checklists", str(MINI), "--format", "html")
        assert code == 0
        assert "<script" not in out and "<img" not in out and "\r" not in out
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
