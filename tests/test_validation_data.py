"""Data-driven tests: every case under tests/data/{valid,invalid} with its exact expected output.

An invalid case is either a ``checklists/`` directory (run through ``validate``), an answers
file (scored against ``tests/data/mini``) or any command, given in a ``cmd`` file (the arguments);
``expected.txt`` holds the exact lines on stderr.
A valid case has a ``cmd`` file (the arguments), ``expected.txt`` (stdout) and
``expected-stderr.txt``.
"""

from __future__ import annotations

import copy
import json
import shlex
from pathlib import Path

import jsonschema
import pytest

from conftest import CliRun
from scoring.files import load_checklists
from scoring.parse import parse_document
from scoring.validation import check_model

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini"
INVALID = sorted(p for p in (DATA / "invalid").iterdir() if p.is_dir())
VALID = sorted(p for p in (DATA / "valid").iterdir() if p.is_dir())


def test_there_are_cases() -> None:
    assert len(INVALID) >= 30
    assert len(VALID) >= 7


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_invalid(case: Path, cli: CliRun) -> None:
    if (case / "cmd").is_file():
        argv = shlex.split((case / "cmd").read_text(encoding="utf-8"))
    elif (case / "checklists").is_dir():
        argv = ["validate", "--checklists", "checklists"]
    else:
        (answers,) = [p.name for p in case.iterdir() if p.name.startswith("answers.")]
        argv = ["score", answers, "--checklists", str(MINI)]
    code, out, err = cli(*argv, cwd=case)
    assert err == (case / "expected.txt").read_text(encoding="utf-8")
    assert out == ""
    assert code == 2
    assert "Traceback" not in err


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_valid(case: Path, cli: CliRun) -> None:
    argv = shlex.split((case / "cmd").read_text(encoding="utf-8"))
    code, out, err = cli(*argv, cwd=case)
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


# --------------------------------------------------------------------------
# checklists/schema.json agrees with the engine's validator

ROOT = Path(__file__).parent.parent
SCHEMA = json.loads((ROOT / "checklists" / "schema.json").read_text(encoding="utf-8"))
VALID_SETS = [ROOT / "checklists", MINI, DATA / "ml-test-score", DATA / "releases", ROOT / "examples" / "cli" / "policy"]


def _schema_errors(doc) -> list[str]:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    return [e.message for e in validator.iter_errors(doc)]


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("directory", VALID_SETS, ids=lambda p: p.parent.name + "/" + p.name)
def test_valid_files_pass_both(directory: Path) -> None:
    load_checklists(directory)  # the engine accepts the set ...
    for path in sorted(directory.glob("*.yml")):
        doc = parse_document(path.read_text(encoding="utf-8"), path.name).data
        assert _schema_errors(doc) == [], path  # ... and the schema each file in it


def _mini() -> tuple[dict, dict]:
    """The mini set's config and OWN dimension as the engine sees them (YAML 1.2: ``yes`` stays a string)."""
    config = parse_document((MINI / "scoring.yml").read_text(encoding="utf-8"), "scoring.yml").data
    own = parse_document((MINI / "own.yml").read_text(encoding="utf-8"), "own.yml").data
    return config, own


def _set(doc: dict, path: tuple, value) -> dict:
    doc = copy.deepcopy(doc)
    target = doc
    for key in path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return doc


_DELETE = object()
INVALID_DIMENSIONS = {
    "weight zero": (("items", 0, "weight"), 0),
    "weight negative": (("items", 1, "weight"), -2),
    "weight a word": (("items", 0, "weight"), "high"),
    "weight above 1000": (("items", 0, "weight"), 1001),
    "critical a string": (("items", 0, "critical"), "yes"),
    "unknown item field": (("items", 0, "wieght"), 1),
    "missing question": (("items", 1, "question"), _DELETE),
    "bad id": (("items", 2, "id"), "OWN-3"),
    "empty items": (("items",), []),
    "items not a list": (("items",), {"OWN-001": {}}),
    "related not a list": (("items", 1, "related"), "OWN-001"),
    "refs not a mapping": (("items", 0, "refs"), ["LLM01"]),
    "refs entry not a list": (("items", 0, "refs"), {"owasp-llm": "LLM01"}),
    "refs entry not strings": (("items", 0, "refs"), {"owasp-llm": [1]}),
    "empty title": (("items", 0, "title"), "  "),
    "page not a slug": (("page",), "Ownership Page"),
    "unknown top-level field": (("colour",), "blue"),
}
INVALID_CONFIGS = {
    "dimension_score typo": (("dimension_score",), "sums"),
    "overall typo": (("overall",), "weakes"),
    "answer above 1": (("answers", "partial"), 1.5),
    "missing answer value": (("answers", "unsure"), _DELETE),
    "level without max": (("levels", 0, "max"), _DELETE),
    "missing go threshold": (("thresholds", "go"), _DELETE),
    "threshold typo": (("thresholds", "nogo"), 1),
    "weight zero": (("weights", "OWN"), 0),
    "weight above 1000": (("weights", "OWN"), 1001),
    "level below 0": (("levels", 0, "min"), -1),
    "threshold above any score": (("thresholds", "go"), 100_000_001),
    "max_unmet above the item limit": (("quick_check", "max_unmet"), 100_001),
    "no phases": (("phases",), []),
    "owner without title": (("owners", 0, "title"), _DELETE),
    "max_unmet negative": (("quick_check", "max_unmet"), -1),
    "dimensions listed twice": (("dimensions",), ["OWN", "DATA", "OWN"]),
    "missing version": (("version",), _DELETE),
}


@pytest.mark.parametrize("name", INVALID_DIMENSIONS)
def test_invalid_dimension_rejected_by_both(name: str) -> None:
    config, own = _mini()
    path, value = INVALID_DIMENSIONS[name]
    bad = _set(own, path, value)
    assert _schema_errors(bad), name
    data = parse_document_data()
    data["OWN"] = bad
    _, problems = check_model(config, data)
    assert problems, name


@pytest.mark.parametrize("name", INVALID_CONFIGS)
def test_invalid_config_rejected_by_both(name: str) -> None:
    config, _ = _mini()
    path, value = INVALID_CONFIGS[name]
    bad = _set(config, path, value)
    assert _schema_errors(bad), name
    _, problems = check_model(bad, parse_document_data())
    assert problems, name


def parse_document_data() -> dict:
    return {dim: parse_document((MINI / f"{dim.lower()}.yml").read_text(encoding="utf-8"), dim).data
            for dim in ("OWN", "DATA")}


def _registry() -> dict:
    """The releases set's id registry: a changelog, a mapped and an unreplaced retired id."""
    return parse_document((DATA / "releases" / "ids.yml").read_text(encoding="utf-8"), "ids.yml").data


INVALID_REGISTRIES = {
    "issued a word": (("issued", 0), "first"),
    "unknown field": (("released",), []),
    "releases empty": (("releases",), []),
    "release without version": (("releases", 0, "version"), _DELETE),
    "release version empty": (("releases", 1, "version"), " "),
    "release unknown field": (("releases", 0, "summary"), "x"),
    "release notes a list": (("releases", 1, "notes"), ["a"]),
    "added not a list": (("releases", 1, "added"), "OWN-005"),
    "retired without reason": (("retired", "DATA-003", "reason"), _DELETE),
    "retired without since": (("retired", "DATA-003", "since"), _DELETE),
    "replaced_by a number": (("retired", "OWN-004", "replaced_by"), 2),
}


@pytest.mark.parametrize("name", INVALID_REGISTRIES)
def test_invalid_registry_rejected_by_both(name: str) -> None:
    path, value = INVALID_REGISTRIES[name]
    bad = _set(_registry(), path, value)
    assert _schema_errors(bad), name
    directory = DATA / "releases"
    config = parse_document((directory / "scoring.yml").read_text(encoding="utf-8"), "scoring.yml").data
    dims = {dim: parse_document((directory / f"{dim.lower()}.yml").read_text(encoding="utf-8"), dim).data
            for dim in ("OWN", "DATA")}
    assert check_model(config, dims, _registry())[1] == []  # the unchanged registry passes ...
    _, problems = check_model(config, dims, bad)
    assert problems, name  # ... and the changed one does not
