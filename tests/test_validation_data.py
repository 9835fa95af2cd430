"""Data-driven tests: every case under tests/data/{valid,invalid} with its exact expected output.

An invalid case is either a ``checklists/`` directory (run through ``validate``) or an answers
file (scored against ``tests/data/mini``); ``expected.txt`` holds the exact lines on stderr.
A valid case has a ``cmd`` file (the arguments), ``expected.txt`` (stdout) and
``expected-stderr.txt``.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from scoring.cli import main

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini"
INVALID = sorted(p for p in (DATA / "invalid").iterdir() if p.is_dir())
VALID = sorted(p for p in (DATA / "valid").iterdir() if p.is_dir())


def run(argv: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.chdir(cwd)
    monkeypatch.delenv("PILOT2PROD_CHECKLISTS", raising=False)
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_there_are_cases() -> None:
    assert len(INVALID) >= 30
    assert len(VALID) >= 7


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_invalid(case: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    if (case / "checklists").is_dir():
        argv = ["validate", "--checklists", "checklists"]
    else:
        (answers,) = [p.name for p in case.iterdir() if p.name.startswith("answers.")]
        argv = ["score", answers, "--checklists", str(MINI)]
    code, out, err = run(argv, case, monkeypatch, capsys)
    assert err == (case / "expected.txt").read_text(encoding="utf-8")
    assert out == ""
    assert code == 2
    assert "Traceback" not in err


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_valid(case: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    argv = shlex.split((case / "cmd").read_text(encoding="utf-8"))
    code, out, err = run(argv, case, monkeypatch, capsys)
    assert out == (case / "expected.txt").read_text(encoding="utf-8")
    assert err == (case / "expected-stderr.txt").read_text(encoding="utf-8")
    assert code == 0


def test_every_invalid_line_has_a_location() -> None:
    """The house format: ``file:line:col: error: ...`` (or ``file: error: ...`` when no line applies)."""
    import re

    pattern = re.compile(r"^[^:\n]+(:\d+:\d+)?: error: \S.*$")
    for case in INVALID:
        for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
            assert pattern.match(line), (case.name, line)
