"""The plan starts with what holds the decision, then follows the journey, for every answers file we ship.

Order: blockers (critical, no/unsure), then critical items only partly done, then every other item in
the phase order of the scoring configuration; within each group and phase, by priority. Checked for each
answers file under examples/ and tests/data/ (the deliberately invalid ones excepted), each scored against
the checklists it was written for.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from scoring.engine import score
from scoring.files import load_answers, load_checklists, load_document

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SUFFIXES = (".yml", ".yaml", ".json")


def _checklists_for(path: Path) -> Path:
    """The checklists an answers file is scored against, as the tests and docs that use it do."""
    relative = path.relative_to(ROOT)
    if relative.parts[:2] == ("examples", "cli"):  # the command-line reference's inputs (docs/cli.md)
        return DATA / ("releases" if path.name == "january.yml" else "mini")
    if relative.parts[0] == "examples":
        return ROOT / "checklists"
    case = relative.parts[2] if len(relative.parts) > 2 else ""
    if relative.parts[:2] == ("tests", "data") and case == "valid":
        argv = shlex.split((path.parent / "cmd").read_text(encoding="utf-8"))
        given = argv[argv.index("--checklists") + 1] if "--checklists" in argv else None
        return (path.parent / given).resolve() if given else ROOT / "checklists"
    if case == "portfolio":
        return DATA / "mini"
    if case == "releases-answers":
        return DATA / "releases"
    if case == "released-answers":
        return ROOT / "checklists"
    raise AssertionError(f"{relative}: an answers file this test does not know how to score; map it here")


def _is_answers_file(path: Path) -> bool:
    try:
        data = load_document(path).data
    except Exception:  # noqa: BLE001 - anything unreadable is not an answers file we ship
        return False
    # scoring.yml has an "answers" key too (the value of each answer), beside "dimensions"
    return isinstance(data, dict) and "answers" in data and "dimensions" not in data


#: Answers files that are invalid on purpose, besides tests/data/invalid: they never score.
INVALID_ON_PURPOSE = {DATA / "portfolio" / "archive" / "old.yml",  # proves portfolio skips subfolders
                      # docs/cli.md shows the errors these give
                      ROOT / "examples" / "cli" / "broken.yml", ROOT / "examples" / "cli" / "broken-pilots" / "fraud.yml"}


def answers_files() -> list[Path]:
    found = [p for p in sorted((ROOT / "examples").rglob("*")) if p.suffix in SUFFIXES]
    found += [p for p in sorted(DATA.rglob("*")) if p.suffix in SUFFIXES and "invalid" not in p.parts]
    return [p for p in found if p.is_file() and p not in INVALID_ON_PURPOSE and _is_answers_file(p)]


FILES = answers_files()


def test_the_files_include_the_examples_and_the_test_data() -> None:
    names = {str(p.relative_to(ROOT)) for p in FILES}
    assert {"examples/readiness.yaml", "examples/readiness-2026-06.yaml",
            "tests/data/released-answers/1.0.0.yaml", "tests/data/releases-answers/january.yml",
            "tests/data/portfolio/claims.yml", "tests/data/valid/mixed/answers.yml"} <= names
    assert len(FILES) >= 12


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_plan_starts_with_what_holds_the_decision(path: Path) -> None:
    model = load_checklists(_checklists_for(path)).model
    result = score(model, load_answers(path, model)[0])
    plan = result["plan"]
    holding = set(result["blockers"]) | {s["item"] for s in plan if s["critical"] and s["answer"] == "partial"}
    # The items that hold the decision come first, blockers before the partly done ones ...
    assert {s["item"] for s in plan[:len(holding)]} == holding
    assert [s["item"] for s in plan[:len(result["blockers"])]] == [
        s["item"] for s in plan if s["item"] in result["blockers"]]
    # ... and in every group the phases follow the configuration's order, then priority.
    phase = {stage.id: n for n, stage in enumerate(model.config.phases)}
    keys = [(0 if s["blocker"] else 1 if s["critical"] else 2, phase[s["phase"]], -s["priority"]) for s in plan]
    assert keys == sorted(keys)


def test_the_example_plan_no_longer_starts_in_the_operate_phase() -> None:
    """Issue 9's finding: the conditional example's plan began with an operate-phase item."""
    model = load_checklists(ROOT / "checklists").model
    result = score(model, load_answers(ROOT / "examples" / "readiness.yaml", model)[0])
    assert result["decision"] == "conditional" and result["blockers"] == []
    partly_done = [s["item"] for s in result["plan"] if s["critical"]]
    assert partly_done == ["OWN-005", "SCALE-003", "GOV-003", "MON-001", "SEC-007"]
    assert [s["item"] for s in result["plan"][:5]] == partly_done
    assert result["plan"][5]["phase"] == "scope"
