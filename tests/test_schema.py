"""scoring/schema.py: the schemas editors and validators use (issue 15, schemas).

- ``checklists/schema.json`` is made from the validators' field tables (scoring/fields.py); the
  committed file is the one they make, and every field of every table, given a wrong value, is
  refused by both the validator and the schema.
- The answers schema accepts exactly the answers documents the engine accepts: its date pattern is
  the engine's date rule, and on generated documents the two agree.

The real clients (Ajv in strict mode, check-jsonschema on every shipped answers file) are in
tests/test_clients.py.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import regress
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CliRun
from scoring.answers import DATE_PATTERN, check_answers
from scoring.config import CONFIG
from scoring.dimension import DIMENSION
from scoring.fields import Field, Shape
from scoring.files import load_checklists
from scoring.parse import parse_document
from scoring.problems import date_problem as _date_problem
from scoring.registry import REGISTRY
from scoring.schema import answers_schema, checklist_schema, schema_text
from scoring.validation import check_model

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
MINI = DATA / "mini"
RELEASES = DATA / "releases"


def read(path: Path) -> Any:
    return parse_document(path.read_text(encoding="utf-8"), path.name).data


# ---- checklists/schema.json: made from the tables, committed as made -------------------------------

def test_the_committed_checklist_schema_is_the_one_the_tables_make() -> None:
    """Run `make schema` when this fails: the tables changed and the committed schema did not."""
    assert (ROOT / "checklists" / "schema.json").read_text(encoding="utf-8") == schema_text(checklist_schema())


def test_the_generator_takes_a_set_of_tables() -> None:
    """A kind of document is its key and its table: how frameworks.yml's table will join, once it has one."""
    notes = Shape("notes", (Field("notes", "list", required=True, of=Field("note", "text"), min_items=1),))
    schema = checklist_schema((("notes", notes), ("items", DIMENSION), (None, CONFIG)), defs={})
    assert {"notes", "dimension", "item", "scoring"} <= set(schema["$defs"])
    assert not {"frameworks", "registry"} & set(schema["$defs"])
    assert schema_errors(schema, {"notes": ["a"]}) == []
    assert schema_errors(schema, {"notes": []}) == ["[] should be non-empty"]
    assert schema_errors(schema, read(MINI / "own.yml")) == schema_errors(schema, read(MINI / "scoring.yml")) == []
    with pytest.raises(ValueError, match="^the document without a key must come last$"):
        checklist_schema(((None, CONFIG), ("notes", notes)))
    with pytest.raises(ValueError, match="^the last document must have no key: it is the one any other document is$"):
        checklist_schema((("notes", notes),))
    with pytest.raises(ValueError, match="^definition 'notes' is both in a table and written by hand$"):
        checklist_schema((("notes", notes), (None, CONFIG)), defs={"notes": {}})


def test_schema_checklists_prints_it(cli: CliRun) -> None:
    assert cli("schema", "checklists") == (0, (ROOT / "checklists" / "schema.json").read_text(encoding="utf-8"), "")


def test_schema_checklists_takes_no_checklists(cli: CliRun) -> None:
    assert cli("schema", "checklists", "--checklists", str(MINI)) == (
        2, "", "pilot2prod schema: error: --checklists applies to 'schema answers' only: the checklist files' schema "
               "is the same for every set\n")


def test_make_schema_writes_what_the_test_compares() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\n\t$(PY) -m scoring schema checklists > checklists/schema.json\n" in makefile


# ---- every field of every table: a wrong value is refused by the validator and by the schema --------

SCHEMA = checklist_schema()
#: Each document kind: its table, a valid document of that kind, and how the engine checks it.
DOCUMENTS = {
    "config": (CONFIG, lambda doc: check_model(doc, {"OWN": read(MINI / "own.yml"), "DATA": read(MINI / "data.yml")})),
    "dimension": (DIMENSION, lambda doc: check_model(read(MINI / "scoring.yml"),
                                                     {"OWN": doc, "DATA": read(MINI / "data.yml")})),
    "registry": (REGISTRY, lambda doc: check_model(read(RELEASES / "scoring.yml"),
                                                   {"OWN": read(RELEASES / "own.yml"),
                                                    "DATA": read(RELEASES / "data.yml")}, doc)),
}
VALID = {"config": MINI / "scoring.yml", "dimension": MINI / "own.yml", "registry": RELEASES / "ids.yml"}
#: Where in each valid document a mapping of each table sits.
PLACES: list[tuple[str, tuple[Any, ...]]] = [
    ("config", ()), ("config", ("answers",)), ("config", ("levels", 1)), ("config", ("thresholds",)),
    ("config", ("phases", 0)), ("config", ("owners", 1)), ("config", ("quick_check",)),
    ("dimension", ()), ("dimension", ("items", 0)), ("dimension", ("items", 1)),
    ("registry", ()), ("registry", ("releases", 1)), ("registry", ("retired", "DATA-003")),
]
#: Values of the wrong kind, or of the right kind but the wrong form, for each kind of field.
WRONG: dict[str, list[Any]] = {
    "text": ["", " \t", 7, ["a"]], "note": [7, None], "slug": ["Ownership", "own page", "own\n", 3],
    "prefix": ["own", "OWN-1", 3],
    "url": ["", "example.org/playbook/", "ftp://example.org/", "https://example.org/?lang=en", "https://example.org/#top",
            "https://example .org/", "https://example.org/\n", 7], "item_id": ["OWN-1", "own-001", "OWN-001\n", "OWN-\u0661\u0662\u0663", 5],
    "number": ["high", True, None], "integer": [1.5, "2", True], "boolean": ["yes", 1, None],
    "choice": ["nope", 1], "scalar": [["1.0"], True], "version": ["", " ", ["1"], True, None],
    "list": ["x", {"a": 1}], "mapping": [["x"], "x"], "object": [["x"], "x"],
}


def shape_at(shape: Shape, path: tuple[Any, ...]) -> Shape:
    """The table of the mapping at ``path`` in a document whose table is ``shape``, found through the tables."""
    spec: Field | Shape = shape
    for key in path:
        if isinstance(spec, Shape):
            spec = spec[key]
        else:  # a list entry or a mapping value
            assert spec.kind in ("list", "mapping") and spec.of is not None, spec
            spec = spec.of
        while isinstance(spec, Field) and spec.kind == "object":
            assert spec.of is not None
            spec = spec.of
    assert isinstance(spec, Shape), (shape.name, path)
    return spec


def mutations(shape: Shape) -> list[tuple[str, Any]]:
    """``(field, value)``: each wrong value of each field; ``(field, DELETE)`` for each required one."""
    out: list[tuple[str, Any]] = [(name, DELETE) for name in shape.required]
    for spec in shape.fields:
        wrong = list(WRONG[spec.kind])
        if spec.kind in ("number", "integer"):
            low, high = spec.limits
            wrong += [low if spec.above else low - 1, high + 1]
        if spec.nullable:
            wrong = [value for value in wrong if value is not None]
        if spec.kind in ("list", "mapping") and isinstance(spec.of, Field) and spec.of.kind not in ("list", "object"):
            element = WRONG[spec.of.kind][0]  # a list holding, or a mapping to, a wrong value
            wrong.append([element] if spec.kind == "list" else {"OWN": element})
        out += [(spec.name, value) for value in wrong]
    out.append(("zz_unknown", 1))
    return out


DELETE = object()
CASES = [(kind, place, name, value) for kind, place in PLACES
         for name, value in mutations(shape_at(DOCUMENTS[kind][0], place))]


def changed(doc: Any, place: tuple[Any, ...], name: str, value: Any) -> Any:
    doc = copy.deepcopy(doc)
    target = doc
    for key in place:
        target = target[key]
    if value is DELETE:
        del target[name]
    else:
        target[name] = value
    return doc


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Any:
    if validator.is_type(instance, "string") and not regress.Regex(pattern, flags="u").find(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


#: Draft 2020-12 with ECMA-262 patterns, as JSON Schema specifies them and Ajv, check-jsonschema and editors
#: read them (python-jsonschema uses Python's re, whose ``$`` also matches before a final line break).
ECMA = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _ecma_pattern})


def schema_errors(schema: dict[str, Any], doc: Any) -> list[str]:
    return [error.message for error in ECMA(schema).iter_errors(doc)]


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_the_valid_documents_pass_both(kind: str) -> None:
    doc = read(VALID[kind])
    assert DOCUMENTS[kind][1](doc)[1] == []
    assert schema_errors(SCHEMA, doc) == []


def test_every_table_is_reached() -> None:
    """Every table of every document kind has a place above, so every field is tried."""
    reached = {shape_at(DOCUMENTS[kind][0], place).name for kind, place in PLACES}
    defined = {name for name, definition in SCHEMA["$defs"].items() if "properties" in definition
               and not name.startswith("framework")}
    assert reached == defined


@pytest.mark.parametrize(("kind", "place", "name", "value"), CASES,
                         ids=[f"{k}:{'.'.join(map(str, p)) or '-'}:{n}={'DELETE' if v is DELETE else repr(v)}"
                              for k, p, n, v in CASES])
def test_a_wrong_value_is_refused_by_both(kind: str, place: tuple[Any, ...], name: str, value: Any) -> None:
    bad = changed(read(VALID[kind]), place, name, value)
    assert schema_errors(SCHEMA, bad), "the schema accepts it"
    assert DOCUMENTS[kind][1](bad)[1], "the validator accepts it"


def test_a_missing_field_is_named_by_the_validator_as_the_table_has_it() -> None:
    """The validator's "missing required field" comes from the table: a field made optional there is not asked."""
    for kind, place in PLACES:
        shape = shape_at(DOCUMENTS[kind][0], place)
        for name in shape.required:
            problems = DOCUMENTS[kind][1](changed(read(VALID[kind]), place, name, DELETE))[1]
            assert f"missing required field '{name}'" in [p.message for p in problems], (kind, place, name)


# ---- the answers schema --------------------------------------------------------------------------

MODEL = load_checklists(MINI).model
ANSWERS_SCHEMA = answers_schema(MODEL)


def test_the_answers_schema_shows_each_item_and_where_a_retired_ids_answer_goes() -> None:
    ids = ANSWERS_SCHEMA["properties"]["answers"]["properties"]
    assert list(ids) == ["OWN-001", "OWN-002", "OWN-003", "DATA-001", "DATA-002", "OWN-004", "DATA-003"]
    assert ids["OWN-001"] == {"$ref": "#/$defs/answer", "title": "Run owner",
                              "description": "Is there a run owner? [critical]"}
    assert ids["OWN-002"] == {"$ref": "#/$defs/answer", "title": "Budget", "description": "Is there a budget?"}
    assert ids["OWN-004"] == {"$ref": "#/$defs/answer", "title": "OWN-004 (retired in 1.0.0)", "deprecated": True,
                              "description": "Retired: merged into the budget item; its answer counts for OWN-002."}
    assert ids["DATA-003"] == {"$ref": "#/$defs/answer", "title": "DATA-003 (retired in 1.0.0)", "deprecated": True,
                               "description": "Retired: dropped; its answer is not used."}
    assert ANSWERS_SCHEMA["title"] == "pilot2prod answers file (checklists 1.0.0)"


def test_the_answers_offered_are_the_checklists_answers() -> None:
    values = ANSWERS_SCHEMA["$defs"]["value"]["anyOf"]
    assert values == [{"const": "yes", "description": "Yes: counts 1"},
                      {"const": "partial", "description": "Partly: counts 0.5"},
                      {"const": "no", "description": "No: counts 0"},
                      {"const": "unsure", "description": "Not sure: counts 0"},
                      {"type": "boolean", "description": "true or false, read as yes or no (as YAML 1.1 reads them)"}]


def test_schema_answers_prints_it(cli: CliRun) -> None:
    code, out, err = cli("schema", "answers", "--checklists", str(MINI))
    assert (code, err) == (0, "")
    assert out == schema_text(ANSWERS_SCHEMA)


def test_schema_answers_with_broken_checklists_says_what_validate_says(cli: CliRun) -> None:
    bad = str(ROOT / "examples" / "cli" / "bad")
    code, out, err = cli("schema", "answers", "--checklists", bad)
    assert (code, out) == (2, "")
    assert err == cli("validate", "--checklists", bad)[2] != ""


def test_the_date_pattern_is_the_date_rule() -> None:
    """Every day of every month, and the days around them, in years with and without a 29 February."""
    pattern = regress.Regex(DATE_PATTERN, flags="u")
    texts = [f"{year:04d}-{month:02d}-{day:02d}" for year in (0, 1, 4, 100, 400, 1900, 1996, 2000, 2023, 2024, 2100,
                                                               2400, 9996, 9999)
             for month in range(14) for day in range(33)]
    texts += ["", "  ", "2026-1-01", "20260101", " 2026-01-01", "2026-01-01 ", "2026-01-01\n",
              "\u0662\u0660\u0662\u0666-01-01"]
    assert [text for text in texts if (_date_problem(text, text) is None) != bool(pattern.find(text))] == []


GOOD_TEXTS = st.sampled_from(["", " ", "ok", "Dana", 5, 2.5, None])
GOOD_DATES = st.sampled_from(["2026-01-31", "2024-02-29", "2000-02-29", "9999-12-31", "0001-01-01", "", " ", None])
GOOD_VALUES = st.sampled_from(["yes", "partial", "no", "unsure", True, False])
GOOD_LONG = st.one_of(
    st.fixed_dictionaries({"answer": GOOD_VALUES}, optional={
        "note": GOOD_TEXTS, "evidence": GOOD_TEXTS, "owner": GOOD_TEXTS, "date": GOOD_DATES, "reason": GOOD_TEXTS}),
    st.fixed_dictionaries({"answer": st.just("na"), "reason": st.sampled_from(["no data", " x ", 5])},
                          optional={"note": GOOD_TEXTS, "date": GOOD_DATES}))
IDS = st.sampled_from(["OWN-001", "OWN-002", "OWN-004", "DATA-003", "SEC-001", "x"])
GOOD_DOCS = st.fixed_dictionaries({"answers": st.dictionaries(IDS, st.one_of(GOOD_VALUES, GOOD_LONG), max_size=3)},
                                  optional={"pilot": GOOD_TEXTS, "assessed": GOOD_DATES, "version": GOOD_TEXTS})
BAD_TEXTS = [True, ["a"], {"a": 1}]
BAD_DATES = ["2026-02-29", "1900-02-29", "0000-01-01", "2026-13-01", "2026-00-10", "2026-1-1", "2026-01-01\n",
             " 2026-01-01", 20260101, True, "\u0662\u0660\u0662\u0666-01-01", ["2026-01-01"]]
BAD_VALUES = ["na", "Yes", "maybe", "", None, 1, 0.5, ["yes"], {}]
#: One fault each, as (where, key, value): the document itself, its top level, or one answer (short or long).
FAULTS = st.one_of(
    st.tuples(st.just("document"), st.just(""), st.sampled_from([None, [], "answers", 5])),
    st.tuples(st.just("top"), st.sampled_from(["pilot", "version"]), st.sampled_from(BAD_TEXTS)),
    st.tuples(st.just("top"), st.just("assessed"), st.sampled_from(BAD_DATES)),
    st.tuples(st.just("top"), st.sampled_from(["assesed", "answer", "Pilot"]), GOOD_TEXTS),
    st.tuples(st.just("top"), st.just("answers"), st.sampled_from([["OWN-001"], "yes", 5])),
    st.tuples(st.just("answer"), IDS, st.sampled_from(BAD_VALUES)),
    st.tuples(st.just("long"), st.just("answer"), st.sampled_from(BAD_VALUES)),
    st.tuples(st.just("long"), st.sampled_from(["note", "evidence", "owner", "reason"]), st.sampled_from(BAD_TEXTS)),
    st.tuples(st.just("long"), st.just("date"), st.sampled_from(BAD_DATES)),
    st.tuples(st.just("long"), st.sampled_from(["notes", "Answer", "why"]), GOOD_TEXTS),
    st.tuples(st.just("na"), st.just("reason"), st.sampled_from([DELETE, "", "  ", None, True])),
    st.tuples(st.just("no answer"), st.just("answer"), st.just(DELETE)),
)


def with_fault(doc: dict[str, Any], fault: tuple[str, str, Any]) -> Any:
    where, key, value = fault
    if where == "document":
        return value
    if where == "top":
        return {**doc, key: value}
    answers = dict(doc["answers"])
    if where == "answer":
        answers[key] = value
    else:
        long = {"answer": "na", "reason": "no data"} if where == "na" else {"answer": "yes", "note": "ok"}
        if value is DELETE:
            del long[key]
        else:
            long[key] = value
        answers["OWN-002"] = long
    return {**doc, "answers": answers}


@settings(max_examples=300, deadline=None)
@given(GOOD_DOCS, st.one_of(st.none(), FAULTS))
def test_the_answers_schema_accepts_what_the_engine_accepts(doc: dict[str, Any], fault: Any) -> None:
    """A document the engine accepts, unchanged or with one fault: the schema and the engine agree on both."""
    assert check_answers(MODEL, doc)[1] == []
    assert schema_errors(ANSWERS_SCHEMA, doc) == [], json.dumps(doc)
    if fault is not None:
        bad = with_fault(doc, fault)
        assert check_answers(MODEL, bad)[1] != [], repr(bad)
        assert schema_errors(ANSWERS_SCHEMA, bad) != [], repr(bad)
