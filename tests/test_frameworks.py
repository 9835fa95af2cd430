"""scoring.frameworks: frameworks.yml read from its declared tables, and every item's refs checked against it.

The exact located messages of whole checklist sets are tests/data/invalid/framework-refs, frameworks-file
and frameworks-missing (run by tests/test_validation_data.py); these tests cover the rest: the model the
engine builds, what the browser's loader says, the choices made when a file is missing or unreadable,
and the tables agreeing with checklists/schema.json.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from scoring import api
from scoring.files import load_checklists, read_checklists
from scoring.frameworks import PARTS, VALUES, read_frameworks
from scoring.parse import LoadError, parse_document
from scoring.validation import check_model

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
CROSSWALK = ROOT / "examples" / "cli" / "policy"
SCHEMA = json.loads((ROOT / "checklists" / "schema.json").read_text(encoding="utf-8"))


def located(exc: LoadError) -> list[str]:
    return [f"{Path(p.file).name}:{p.line}:{p.col}: {p.kind}: {p.message}" for p in exc.problems]


# ---- the shipped frameworks, as the engine reads them ---------------------------------------------

def test_the_engine_reads_every_reference_of_the_five_frameworks() -> None:
    model = load_checklists(ROOT / "checklists").model
    assert [(f.id, len(f.refs)) for f in model.frameworks] == [
        ("nist-ai-rmf", 72), ("eu-ai-act", 23), ("owasp-llm", 10), ("iso-42001", 38), ("ml-test-score", 28)]
    assert [f.short for f in model.frameworks] == ["NIST AI RMF", "EU AI Act", "OWASP LLM Top 10", "ISO/IEC 42001",
                                                   "ML Test Score"]
    act = model.framework("eu-ai-act")
    art26 = act.ref("Art. 26")
    assert art26.binds == ("deployer",) and art26.group == "chapter-3-section-3"
    assert [(a.start, a.scope) for a in art26.applies] == [("2027-12-02", "systems in the Annex III areas"),
                                                           ("2028-08-02", "safety components of products under "
                                                                          "Annex I laws")]
    assert [r.id for r in act.roles] == ["provider", "deployer"] and act.links[0].url.startswith("https://eur-lex")


def test_each_reference_knows_the_items_that_map_to_it_in_checklist_order() -> None:
    model = load_checklists(ROOT / "checklists").model
    order = list(model.items)
    for framework in model.frameworks:
        for ref in framework.refs:
            expected = [i for i in order if ref.id in model.items[i].refs.get(framework.id, ())]
            assert list(ref.items) == expected, (framework.id, ref.id)
            assert not (ref.items and (ref.outside or ref.gap)), (framework.id, ref.id)
    assert model.framework("owasp-llm").ref("LLM01").items == ("EVAL-006", "SEC-005", "SEC-013")


# ---- optional, and how the browser's loader reads it ------------------------------------------------

def test_without_frameworks_yml_there_are_no_frameworks() -> None:
    model = load_checklists(DATA / "mini").model
    assert model.frameworks == ()


def test_an_empty_frameworks_yml_means_no_frameworks_too(tmp_path: Path) -> None:
    directory = shutil.copytree(DATA / "mini", tmp_path / "checklists")
    (directory / "frameworks.yml").write_text("# none yet\n", encoding="utf-8")
    assert load_checklists(directory).model.frameworks == ()


def test_a_fork_framework_needs_no_reasons_for_what_it_leaves_unmapped(tmp_path: Path) -> None:
    """The outside/gap reasons are our house rule (tests/test_framework_refs.py), not the engine's."""
    directory = shutil.copytree(CROSSWALK, tmp_path / "checklists")
    text = (directory / "frameworks.yml").read_text(encoding="utf-8")
    text = text.replace("        outside: Where data is stored is settled by the data-protection policy\n", "")
    (directory / "frameworks.yml").write_text(text, encoding="utf-8")
    ref = load_checklists(directory).model.framework("acme-ai-policy").ref("P-4")
    assert (ref.items, ref.outside, ref.gap) == ((), "", "")


def test_an_unreadable_frameworks_yml_is_reported_once_not_on_every_item(tmp_path: Path) -> None:
    directory = shutil.copytree(CROSSWALK, tmp_path / "checklists")
    (directory / "frameworks.yml").write_text("frameworks:\n  - id: acme\n   title: x\n", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_checklists(directory)
    assert located(caught.value) == [
        "frameworks.yml:3:4: error: invalid YAML: did not find expected '-' indicator (while parsing a block "
        "collection)"]


def test_the_browser_loader_checks_the_same_and_says_the_same() -> None:
    config, dims, registry, _, frameworks = read_checklists(CROSSWALK)
    documents = {"config": config.data, "dimensions": {k: v.data for k, v in dims.items()},
                 "registry": registry.data, "frameworks": frameworks.data}
    assert json.loads(api.load(json.dumps(documents)))["ok"] is True
    documents["dimensions"]["OWN"]["items"][0]["refs"] = {"acme-ai-policy": ["P-11"]}
    out = json.loads(api.load(json.dumps(documents)))
    assert out["problems"] == [{"source": "OWN", "path": "items[0].refs.acme-ai-policy[0]",
                                "message": "items[0].refs.acme-ai-policy[0]: expected a reference of acme-ai-policy, "
                                           "got 'P-11'; did you mean 'P-1'?"}]
    out = json.loads(api.load(json.dumps({**documents, "frameworks": None})))
    assert [p["message"] for p in out["problems"]][0] == (
        "items[0].refs: expected no refs, since these checklists have no frameworks.yml; got refs to acme-ai-policy")


def test_a_key_that_is_not_a_framework_id_is_one_problem() -> None:
    frameworks = parse_document((CROSSWALK / "frameworks.yml").read_bytes(), "frameworks.yml").data
    frameworks["frameworks"].append(frameworks["frameworks"][0])
    read = read_frameworks(frameworks)
    assert [str(p) for p in read.problems] == ["frameworks[1].id: framework 'acme-ai-policy' is listed twice "
                                               "(also frameworks[0])"]
    assert [f.id for f in read.frameworks] == ["acme-ai-policy"]


@pytest.mark.parametrize(("data", "message"), [
    ([], "expected a mapping with 'frameworks', got a list"),
    ({"frameworks": "nist"}, "frameworks: expected a list, got 'nist'"),
    ({"frameworks": [{"id": "x", "title": "X", "edition": "1", "url": "https://x.example", "refs": [7]}]},
     "frameworks[0].refs[0]: expected a reference (a mapping), got 7"),
    ({"frameworks": [{"id": "x", "title": "X", "edition": "1", "url": "https://x.example",
                      "refs": [{"id": "A", "title": "a", "binds": ["p", "p"]}], "roles": [{"id": "p", "title": "P"}]}]},
     "frameworks[0].refs[0].binds[1]: role 'p' is listed twice"),
    ({"frameworks": [{"id": "x", "title": "X", "edition": "1", "url": "https://x.example",
                      "refs": [{"id": "A", "title": "a", "group": "g"}]}]},
     "frameworks[0].refs[0].group: expected no group (this framework lists none), got 'g'"),
])
def test_shape_problems_read_as_everywhere_else(data: object, message: str) -> None:
    assert [str(p) for p in read_frameworks(data).problems] == [message]


def test_problems_in_a_framework_do_not_also_report_its_items(tmp_path: Path) -> None:
    """A reference that could not be read is not reported again on every item that names it."""
    directory = shutil.copytree(CROSSWALK, tmp_path / "checklists")
    text = (directory / "frameworks.yml").read_text(encoding="utf-8")
    (directory / "frameworks.yml").write_text(text.replace("{id: P-3, title:", '{id: "P 3:", title:'), encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_checklists(directory)
    assert located(caught.value) == [
        "frameworks.yml:12:14: error: frameworks[0].refs[2].id: expected an id as the framework writes it, with no "
        "commas, brackets, '#' or ':' and no space at either end, got 'P 3:'"]


def test_checking_them_together_with_check_model() -> None:
    docs = {name: parse_document((CROSSWALK / f"{name}.yml").read_bytes(), f"{name}.yml").data
            for name in ("scoring", "own", "data", "ids", "frameworks")}
    model, problems = check_model(docs["scoring"], {"OWN": docs["own"], "DATA": docs["data"]}, docs["ids"],
                                  docs["frameworks"])
    assert problems == [] and model is not None
    assert [(r.id, r.items) for r in model.framework("acme-ai-policy").refs] == [
        ("P-1", ("OWN-001", "OWN-003")), ("P-2", ("OWN-002",)), ("P-3", ("DATA-001", "DATA-002")), ("P-4", ()),
        ("P-5", ())]


# ---- the tables, and checklists/schema.json ---------------------------------------------------------

SCHEMA_PARTS = {"file": "frameworks", "framework": "framework", "link": "frameworkLink", "role": "frameworkRole",
                "group": "frameworkGroup", "reference": "frameworkRef", "applies": "frameworkDate"}
SCHEMA_VALUES = {"text": "#/$defs/text", "slug": "#/$defs/slug", "ref-id": "#/$defs/refId", "url": "#/$defs/url",
                 "date": "#/$defs/isoDate"}


@pytest.mark.parametrize("part", PARTS)
def test_the_schema_for_editors_says_what_the_tables_say(part: str) -> None:
    """Until the schema is generated from the tables, each part's fields, required ones and kinds agree with it."""
    schema = SCHEMA["$defs"][SCHEMA_PARTS[part]]
    fields = PARTS[part]
    assert list(schema["properties"]) == list(fields)
    assert schema.get("required", []) == [name for name, field in fields.items() if field.required]
    assert schema["additionalProperties"] is False
    for name, field in fields.items():
        prop = schema["properties"][name]
        target = prop["items"] if field.many else prop
        assert prop.get("type") == ("array" if field.many else None), (part, name)
        if field.many:
            assert prop.get("minItems") == 1, (part, name)
        expected = SCHEMA_VALUES[field.kind] if field.kind in VALUES else f"#/$defs/{SCHEMA_PARTS[field.kind]}"
        assert target["$ref"] == expected, (part, name)
