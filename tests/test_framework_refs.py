"""Every item's ``refs``: the framework references it gives evidence toward (issue 10).

``pilot2prod validate`` checks that every framework and reference an item names exists
(scoring/frameworks.py, tested in tests/test_frameworks.py). These tests hold the shipped checklists to
the house rules besides, reading the YAML as it stands: every item maps to at least one reference, in
tidy order, and every reference of every framework is accounted for, either mapped by some item or
marked ``outside`` the playbook's scope or a ``gap`` with a one-line reason (a fork's own framework need
not give reasons). They read whatever frameworks and dimensions the files list, so they keep holding
when a framework, an item or a mapping is added.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from scoring.files import load_checklists
from scoring.parse import LoadError, parse_document
from scoring.validation import check_model

ROOT = Path(__file__).resolve().parent.parent
CHECKLISTS = ROOT / "checklists"
MINI = ROOT / "tests" / "data" / "mini"

MAX_REASON = 120
ITEM_ID = re.compile(r"\b[A-Z][A-Z0-9]*-\d{3,}\b")


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _frameworks() -> list[dict]:
    return _yaml(CHECKLISTS / "frameworks.yml")["frameworks"]


def _items() -> list[dict]:
    """Every item of every dimension scoring.yml lists, as written."""
    dimensions = _yaml(CHECKLISTS / "scoring.yml")["dimensions"]
    return [item for dim in dimensions for item in _yaml(CHECKLISTS / f"{dim.lower()}.yml")["items"]]


def _mapped() -> dict[str, dict[str, list[str]]]:
    """framework id -> reference id -> the items that map to it, in checklist order."""
    out: dict[str, dict[str, list[str]]] = {}
    for item in _items():
        for framework_id, refs in (item.get("refs") or {}).items():
            for ref in refs:
                out.setdefault(framework_id, {}).setdefault(ref, []).append(item["id"])
    return out


FRAMEWORK_IDS = [framework["id"] for framework in _frameworks()]


def test_every_item_maps_to_at_least_one_reference() -> None:
    bare = [item["id"] for item in _items()
            if not isinstance(item.get("refs"), dict) or not any(item["refs"].values())]
    assert bare == []


def test_every_framework_and_reference_an_item_names_exists() -> None:
    known = {framework["id"]: {ref["id"] for ref in framework["refs"]} for framework in _frameworks()}
    unknown = [(item["id"], framework_id, ref)
               for item in _items() for framework_id, refs in item.get("refs", {}).items()
               for ref in (refs if framework_id in known else ["(the framework)"])
               if framework_id not in known or ref not in known[framework_id]]
    assert unknown == []


def test_refs_are_tidy_each_once_in_the_frameworks_order() -> None:
    """Frameworks in the order of frameworks.yml, references in each framework's own order, none twice."""
    order = {framework["id"]: [ref["id"] for ref in framework["refs"]] for framework in _frameworks()}

    def position(ids: list[str], key: str) -> int:  # unknown ones last: the test above reports them
        return ids.index(key) if key in ids else len(ids)

    untidy = []
    for item in _items():
        refs = item.get("refs", {})
        if list(refs) != sorted(refs, key=lambda framework_id: position(FRAMEWORK_IDS, framework_id)):
            untidy.append((item["id"], list(refs)))
        for framework_id, ids in refs.items():
            known = order.get(framework_id, [])
            if not isinstance(ids, list) or ids != sorted(set(ids), key=lambda ref: position(known, ref)):
                untidy.append((item["id"], framework_id, ids))
    assert untidy == []


@pytest.mark.parametrize("framework_id", FRAMEWORK_IDS)
def test_every_reference_is_mapped_outside_the_scope_or_a_gap(framework_id: str) -> None:
    framework = next(f for f in _frameworks() if f["id"] == framework_id)
    mapped = _mapped().get(framework_id, {})
    wrong = []
    counts = {"mapped": 0, "outside": 0, "gap": 0}
    for ref in framework["refs"]:
        marks = [key for key in ("outside", "gap") if key in ref]
        if ref["id"] in mapped:
            counts["mapped"] += 1
            if marks:  # mapped and unmapped at once: the page could not say which
                wrong.append((ref["id"], "mapped by " + ", ".join(mapped[ref["id"]]), marks))
        elif len(marks) != 1:
            wrong.append((ref["id"], "not mapped", marks))
        else:
            counts[marks[0]] += 1
    assert wrong == []
    assert sum(counts.values()) == len(framework["refs"])


# Per framework: references mapped by some item, outside the playbook's scope, and gaps (the closing note of
# issue 10). A change to these is a change to what the playbook claims; update the pages' wording with it.
COVERAGE = {"nist-ai-rmf": (61, 10, 1), "eu-ai-act": (20, 2, 1), "owasp-llm": (10, 0, 0), "iso-42001": (28, 8, 2),
            "ml-test-score": (21, 7, 0)}


def test_what_the_playbook_maps_outside_and_gap_per_framework() -> None:
    mapped = _mapped()
    counts = {f["id"]: (sum(1 for ref in f["refs"] if ref["id"] in mapped.get(f["id"], {})),
                        sum(1 for ref in f["refs"] if "outside" in ref), sum(1 for ref in f["refs"] if "gap" in ref))
              for f in _frameworks()}
    assert counts == COVERAGE


RISK_AND_IMPACT = {"nist-ai-rmf": ["GOVERN 4.2", "MAP 5.1", "MANAGE 1.2", "MANAGE 1.3"],
                   "eu-ai-act": ["Art. 9", "Art. 27"], "iso-42001": ["A.5.2", "A.5.3", "A.5.4", "A.5.5"]}


def test_gov_013_answers_the_risk_and_impact_references() -> None:
    """Before GOV-013 no item asked for a written assessment of risks and effects on people; these were gaps."""
    item = next(item for item in _items() if item["id"] == "GOV-013")
    assert item["refs"] == RISK_AND_IMPACT
    assert item.get("critical", False) is False and item["owner"] == "risk"
    mapped = _mapped()
    assert {f: [ref for ref in refs if "GOV-013" in mapped[f][ref]] for f, refs in RISK_AND_IMPACT.items()} \
        == RISK_AND_IMPACT


@pytest.mark.parametrize("framework_id", FRAMEWORK_IDS)
def test_reasons_are_one_short_line_naming_only_items_that_exist(framework_id: str) -> None:
    framework = next(f for f in _frameworks() if f["id"] == framework_id)
    items = {item["id"] for item in _items()}
    bad = []
    for ref in framework["refs"]:
        for key in ("outside", "gap"):
            if key not in ref:
                continue
            reason = ref[key]
            if (not isinstance(reason, str) or not reason.strip() or "\n" in reason
                    or len(reason) > MAX_REASON or reason.rstrip().endswith(".")):
                bad.append((ref["id"], key, reason))
            elif any(item_id not in items for item_id in ITEM_ID.findall(reason)):
                bad.append((ref["id"], key, reason))
    assert bad == []


# --------------------------------------------------------------------------
# The engine carries refs on each item, and reads their shape.

def test_the_engine_carries_every_items_refs() -> None:
    model = load_checklists(CHECKLISTS).model
    written = {item["id"]: {k: tuple(v) for k, v in item["refs"].items()} for item in _items()}
    carried = {item.id: dict(item.refs) for dim in model.dimensions for item in dim.items}
    assert carried == written


def test_refs_default_to_empty() -> None:
    """An item without ``refs`` (a fork's, or one written before issue 10) maps to nothing."""
    model = load_checklists(MINI).model
    assert "refs:" not in (MINI / "own.yml").read_text(encoding="utf-8")
    assert [dict(item.refs) for item in model.items.values()] == [{}] * len(model.items)


def _mini_with(tmp_path: Path, refs_line: str) -> Path:
    """The mini set and our frameworks.yml, with ``refs_line`` added to the first item (OWN-001, which ends on
    line 15)."""
    directory = tmp_path / "checklists"
    shutil.copytree(MINI, directory)
    shutil.copy(CHECKLISTS / "frameworks.yml", directory)
    own = directory / "own.yml"
    lines = own.read_text(encoding="utf-8").splitlines()
    assert lines[14] == "    headline: true"
    lines.insert(15, "    " + refs_line)
    own.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return directory


def test_refs_load_into_the_item(tmp_path: Path) -> None:
    directory = _mini_with(tmp_path, "refs: {nist-ai-rmf: [GOVERN 2.1, MANAGE 4.1], iso-42001: [A.3.2]}")
    item = load_checklists(directory).model.items["OWN-001"]
    assert dict(item.refs) == {"nist-ai-rmf": ("GOVERN 2.1", "MANAGE 4.1"), "iso-42001": ("A.3.2",)}


@pytest.mark.parametrize(("refs_line", "message"), [
    ("refs: [GOVERN 2.1]",
     "own.yml:16:11: error: items[0].refs: expected a mapping of framework ids to lists of references, "
     "got a list"),
    ("refs: {owasp-llm: LLM01}",
     "own.yml:16:23: error: items[0].refs.owasp-llm: expected a list, got 'LLM01'"),
    ("refs: {owasp-llm: [LLM01, 1]}",
     "own.yml:16:31: error: items[0].refs.owasp-llm[1]: expected a string, got 1"),
])
def test_a_malformed_refs_is_a_located_error(tmp_path: Path, refs_line: str, message: str) -> None:
    directory = _mini_with(tmp_path, refs_line)
    with pytest.raises(LoadError) as caught:
        load_checklists(directory)
    assert [f"{Path(p.file).name}:{p.line}:{p.col}: {p.kind}: {p.message}" for p in caught.value.problems] == [message]



def _mini_data(name: str) -> dict:
    return parse_document((MINI / f"{name}.yml").read_text(encoding="utf-8"), f"{name}.yml").data


def test_a_key_that_is_not_a_string_is_an_error_too() -> None:
    """YAML files give string keys; data handed to the engine directly (the API) may not."""
    own, data = _mini_data("own"), _mini_data("data")
    own["items"][0]["refs"] = {2025: ["LLM01"], "owasp-llm": ["LLM01"]}
    frameworks = parse_document((CHECKLISTS / "frameworks.yml").read_bytes(), "frameworks.yml").data
    _, problems = check_model(_mini_data("scoring"), {"OWN": own, "DATA": data}, None, frameworks)
    assert [str(p) for p in problems] == ["items[0].refs: expected a framework id (a string) as each key, got 2025"]
