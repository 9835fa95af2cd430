"""JSON Schemas for editors and validators: of the checklist files, and of an answers file.

:func:`checklist_schema` is ``checklists/schema.json``, made from the validators' field tables
(:mod:`scoring.fields`), so that the schema and ``pilot2prod validate`` accept the same fields, kinds
and limits; a test keeps the committed file equal to it (``make schema`` writes it). It does not depend
on the checklists' content.

:func:`answers_schema` is made from one set of checklists: every item id, with its title and question
for an editor to show, and the answers :mod:`scoring.answers` accepts. ``pilot2prod schema answers``
prints it; the site publishes it at :data:`PUBLISHED` (``schemas/answers.schema.json``).

Both are Draft 2020-12 and compile in Ajv's strict mode. Their patterns are ECMA-262 regular
expressions, as JSON Schema has them (Ajv, check-jsonschema and editors read them so), written with
what Python reads alike too: the engine matches the same patterns (:mod:`scoring.model`), whole.
"""

from __future__ import annotations

import json
import re
from typing import Any

from . import frameworks
from .answers import DATE_PATTERN, LONG_KEYS, NA_NEEDS_REASON, TOP_KEYS
from .config import CONFIG
from .dimension import DIMENSION
from .fields import Field, Shape
from .model import ANSWER_CHOICES, ID_RE, MAX_ITEMS, PREFIX_RE, SCORED_ANSWERS, SITE_URL_RE, SLUG_RE, Model
from .registry import REGISTRY
from .text import number
from .words import ANSWER_LABELS

__all__ = ["CHECKLIST_DOCUMENTS", "DRAFT", "PUBLISHED", "Document", "answers_schema", "checklist_schema",
           "published_at", "schema_text"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
#: Where a playbook site publishes the answers schema of its checklists, from its root: no content hash,
#: so that answers files can name it for good (macros/hooks.py writes it; ``pilot2prod template`` names it).
PUBLISHED = "schemas/answers.schema.json"
Schema = dict[str, Any]

#: Kinds written as a reference to a definition of the schema's own.
_DEFINED = {"text": "text", "slug": "slug", "item_id": "itemId", "ref_id": "refId"}


def _pattern(regex: re.Pattern[str] | None) -> str:
    """A validator's compiled pattern as the schema writes it (the same regular expression, once)."""
    if regex is None:
        raise ValueError("a value kind without a pattern")
    return regex.pattern


_BASE_DEFS: Schema = {
    "text": {"type": "string", "minLength": 1, "pattern": "\\S"},
    "slug": {"type": "string", "pattern": SLUG_RE.pattern},
    "itemId": {"type": "string", "pattern": ID_RE.pattern},
    # The frameworks validator's own pattern (scoring.frameworks.VALUES), not a copy of it.
    "refId": {"type": "string", "pattern": _pattern(frameworks.VALUES["ref-id"][0]),
              "description": "as the framework writes it, e.g. \"GOVERN 1.1\", \"Art. 4\", \"LLM01\"; no commas, "
                             "brackets, '#' or ':', so it can stand unquoted in a YAML list"},
}


def published_at(site_url: str) -> str:
    """The address of the answers schema on the site at ``site_url`` (scoring.yml ``site_url``)."""
    return f"{site_url.rstrip('/')}/{PUBLISHED}"


def schema_text(schema: Schema) -> str:
    """A schema as the files hold it (checklists/schema.json, the site's schemas/answers.schema.json)."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _nullable(schema: Schema) -> Schema:
    if isinstance(schema.get("type"), str):
        return {**schema, "type": [schema["type"], "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def _value(spec: Field | Shape) -> Schema:
    """The schema of one field's value (or, for a shape, a reference to its definition)."""
    if isinstance(spec, Shape):
        return {"$ref": f"#/$defs/{spec.name}"}
    kind = spec.kind
    out: Schema
    if kind in _DEFINED:
        out = {"$ref": f"#/$defs/{_DEFINED[kind]}"}
    elif kind == "prefix":
        out = {"type": "string", "pattern": PREFIX_RE.pattern}
    elif kind == "url":
        out = {"type": "string", "pattern": SITE_URL_RE.pattern}
    elif kind == "note":
        out = {"type": "string"}
    elif kind in ("number", "integer"):
        low, high = spec.limits
        out = {"type": kind, "exclusiveMinimum" if spec.above else "minimum": low, "maximum": high}
    elif kind == "boolean":
        out = {"type": "boolean"}
    elif kind == "choice":
        out = {"enum": list(spec.choices)}
    elif kind == "scalar":
        out = {"anyOf": [{"type": "string"}, {"type": "number"}]}
    elif kind == "version":
        out = {"anyOf": [{"type": "string", "pattern": "\\S"}, {"type": "number"}]}
    elif kind == "list" and spec.of is not None:
        out = {"type": "array", **({"minItems": spec.min_items} if spec.min_items else {}),
               **({"maxItems": spec.max_items} if spec.max_items is not None else {}),
               **({"uniqueItems": True} if spec.unique else {}), "items": _value(spec.of)}
    elif kind == "mapping" and spec.of is not None:
        out = {"type": "object", **({"propertyNames": _value(Field("key", spec.keys))} if spec.keys else {}),
               "additionalProperties": _value(spec.of)}
    elif kind == "object" and spec.of is not None:
        out = _value(spec.of)
    else:
        raise ValueError(f"field '{spec.name}': no schema for a {kind} without 'of'")
    if spec.nullable:
        out = _nullable(out)
    return {**out, "description": spec.description} if spec.description else out


def _shape(shape: Shape) -> Schema:
    out: Schema = {"type": "object", "additionalProperties": False}
    if shape.description:
        out["description"] = shape.description
    if shape.required:
        out["required"] = list(shape.required)
    out["properties"] = {spec.name: _value(spec) for spec in shape.fields}
    return out


def _shapes(shape: Shape, found: dict[str, Shape]) -> dict[str, Shape]:
    """``shape`` and every shape its fields hold, by name, in the order met."""
    found.setdefault(shape.name, shape)
    for spec in shape.fields:
        inner: Field | Shape | None = spec
        while isinstance(inner, Field):
            inner = inner.of
        if isinstance(inner, Shape) and inner.name not in found:
            _shapes(inner, found)
    return found


#: One kind of document a checklists directory holds: the field whose presence tells it apart (``None``
#: for the one left when no other matches, which must come last), and its table -- or, for a kind whose
#: validator has no table yet, the name of a hand-written definition in ``checklist_schema``'s ``defs``.
Document = tuple[str | None, Shape | str]

#: The documents of a checklists directory, tried in this order.
CHECKLIST_DOCUMENTS: tuple[Document, ...] = (
    ("items", DIMENSION),
    ("issued", REGISTRY),
    ("frameworks", "frameworks"),  # a definition of _framework_defs(), from scoring.frameworks.PARTS
    (None, CONFIG),
)


def _dispatch(documents: tuple[Document, ...]) -> Schema:
    """``if`` a document holds the first one's key, ``then`` it is that kind, ``else`` try the rest."""
    (key, kind), rest = documents[0], documents[1:]
    target = {"$ref": f"#/$defs/{kind.name if isinstance(kind, Shape) else kind}"}
    if key is None:
        if rest:
            raise ValueError("the document without a key must come last")
        return target
    if not rest:
        raise ValueError("the last document must have no key: it is the one any other document is")
    return {"if": {"type": "object", "properties": {key: True}, "required": [key]},
            "then": target, "else": _dispatch(rest)}


def checklist_schema(documents: tuple[Document, ...] = CHECKLIST_DOCUMENTS, defs: Schema | None = None) -> Schema:
    """The schema of every file in a checklists directory, made from the validators' tables.

    ``documents`` are the kinds of file (:data:`CHECKLIST_DOCUMENTS`); ``defs`` the definitions they
    name that are not :class:`~scoring.fields.Shape` tables (by default, frameworks.yml's, made from
    its validator's own tables).
    """
    shapes: dict[str, Shape] = {}
    for _, kind in documents:
        if isinstance(kind, Shape):
            _shapes(kind, shapes)
    hand = _framework_defs() if defs is None else defs
    out: Schema = {
        "$schema": DRAFT,
        "$id": "https://pilot2prod.example/checklists/schema.json",
        "title": "pilot2prod checklist, scoring configuration, id registry or frameworks",
        "description": "A dimension file (it has 'items'), the id registry ids.yml (it has 'issued'), the frameworks "
                       "file frameworks.yml (it has 'frameworks') or scoring.yml (none of these). Made from the "
                       "field tables 'pilot2prod validate' checks with, which also checks what a schema cannot: ids "
                       "against file names, cross-references, the id registry against the checklists and its "
                       "changelog, contiguous bands, exactly one headline item.",
        **_dispatch(documents),
        "$defs": {**_BASE_DEFS, **{name: _shape(shape) for name, shape in shapes.items()}},
    }
    for name, definition in hand.items():
        if name in out["$defs"]:
            raise ValueError(f"definition '{name}' is both in a table and written by hand")
        out["$defs"][name] = definition
    return out


# ---- answers files -------------------------------------------------------------------------------

_ANY_TEXT: list[Schema] = [{"type": "string"}, {"type": "number"}, {"type": "null"}]
_LONG_DESCRIPTIONS = {
    "answer": "the answer",
    "note": "what stands behind the answer, in a sentence",
    "evidence": "where to see it: a link, a document, a ticket",
    "owner": "who answered, or who owns closing the gap",
    "date": "when it was answered, YYYY-MM-DD",
    "reason": "why the item does not apply (needed with na)",
}
_TOP_DESCRIPTIONS = {
    "pilot": "the pilot's name",
    "assessed": "when it was assessed, YYYY-MM-DD",
    "version": "the release of the checklists the answers were made against",
    "answers": "item id -> answer",
}


def _answer_defs(model: Model) -> Schema:
    values = {key: f"{ANSWER_LABELS[key]}: counts {number(model.config.answers[key])}" for key in SCORED_ANSWERS}
    short = [{"const": key, "description": text} for key, text in values.items()]
    short.append({"type": "boolean", "description": "true or false, read as yes or no (as YAML 1.1 reads them)"})
    na = {"const": "na", "description": f"{ANSWER_LABELS['na']}: left out of the score"}
    fields: Schema = {key: {"anyOf": _ANY_TEXT, "description": _LONG_DESCRIPTIONS[key]} for key in LONG_KEYS}
    fields["answer"] = {"anyOf": [{"$ref": "#/$defs/value"}, na], "description": _LONG_DESCRIPTIONS["answer"]}
    fields["date"] = {"type": ["string", "null"], "pattern": DATE_PATTERN, "description": _LONG_DESCRIPTIONS["date"]}
    return {
        "answer": {"anyOf": [{"$ref": "#/$defs/value"}, {"$ref": "#/$defs/long"}],
                   "description": f"{' | '.join(ANSWER_CHOICES)}, or the long form {{answer: ..., "
                                  f"{', '.join(f'{key}: ...' for key in LONG_KEYS[1:])}}}; {NA_NEEDS_REASON}"},
        "value": {"anyOf": short},
        "long": {
            "type": "object", "additionalProperties": False, "required": ["answer"], "properties": fields,
            "if": {"type": "object", "properties": {"answer": {"const": "na"}}, "required": ["answer"]},
            "then": {"type": "object", "required": ["reason"],
                     "properties": {"reason": {"anyOf": [{"type": "string", "pattern": "\\S"}, {"type": "number"}],
                                               "description": NA_NEEDS_REASON}}},
        },
    }


def _ids(model: Model) -> Schema:
    """Every current item, then every retired id: the ones the engine reads."""
    out: Schema = {}
    for item in model.items.values():
        critical = " [critical]" if item.critical else ""
        out[item.id] = {"$ref": "#/$defs/answer", "title": item.title, "description": f"{item.question}{critical}"}
    for retired in model.retired.values():
        if retired.id in out:
            continue
        fate = f"its answer counts for {retired.replaced_by}" if retired.replaced_by else "its answer is not used"
        out[retired.id] = {"$ref": "#/$defs/answer", "title": f"{retired.id} (retired in {retired.since})",
                           "description": f"Retired: {retired.reason}; {fate}.", "deprecated": True}
    return out


def answers_schema(model: Model) -> Schema:
    """The schema of an answers file for these checklists: it accepts what ``pilot2prod score`` accepts.

    Answers to ids these checklists do not know are accepted (their values are checked): the CLI
    warns and ignores them, and an answers file may be older or newer than the checklists.
    """
    top: Schema = {key: {"anyOf": _ANY_TEXT, "description": _TOP_DESCRIPTIONS[key]} for key in TOP_KEYS}
    top["assessed"] = {"type": ["string", "null"], "pattern": DATE_PATTERN,
                       "description": _TOP_DESCRIPTIONS["assessed"]}
    top["version"] = {**top["version"], "examples": [model.config.version]}
    top["answers"] = {"type": ["object", "null"], "description": _TOP_DESCRIPTIONS["answers"],
                      "properties": _ids(model), "additionalProperties": {"$ref": "#/$defs/answer"}}
    return {
        "$schema": DRAFT,
        "title": f"pilot2prod answers file (checklists {model.config.version})",
        "description": "The answers 'pilot2prod score' reads: an answer for each item, by id.",
        "type": "object",
        "additionalProperties": False,
        "properties": top,
        "$defs": _answer_defs(model),
    }


# ---- frameworks.yml, from its validator's tables (scoring.frameworks.PARTS) -----------------------

#: The schema definition of each part of frameworks.yml, by its name in the tables.
_FRAMEWORK_PART_DEFS = {"file": "frameworks", "framework": "framework", "link": "frameworkLink",
                        "role": "frameworkRole", "group": "frameworkGroup", "reference": "frameworkRef",
                        "applies": "frameworkDate"}
#: The schema definition of each kind of single value (scoring.frameworks.VALUES).
_FRAMEWORK_VALUE_DEFS = {"text": "text", "slug": "slug", "ref-id": "refId", "url": "url", "date": "isoDate"}


def _framework_field(spec: frameworks.Field) -> Schema:
    kind = _FRAMEWORK_PART_DEFS.get(spec.kind) or _FRAMEWORK_VALUE_DEFS[spec.kind]
    out: Schema = {"$ref": f"#/$defs/{kind}"}
    if spec.many:
        out = {"type": "array", "minItems": 1, "maxItems": MAX_ITEMS, "items": out}
    if spec.help:
        out["description"] = spec.help
    return out


def _framework_defs() -> Schema:
    """frameworks.yml's definitions, made from :data:`scoring.frameworks.PARTS` and ``VALUES``.

    One rule is code, not table, in the validator and so here: a reference is outside the scope or a
    gap, never both.
    """
    out: Schema = {
        "isoDate": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                    "description": "a real date, YYYY-MM-DD"},
        "url": {"type": "string", "pattern": _pattern(frameworks.VALUES["url"][0])},
    }
    for part, fields in frameworks.PARTS.items():
        out[_FRAMEWORK_PART_DEFS[part]] = {
            "type": "object", "additionalProperties": False,
            "required": [name for name, spec in fields.items() if spec.required],
            "properties": {name: _framework_field(spec) for name, spec in fields.items()},
        }
    out["frameworkRef"]["not"] = {"description": "not both: a reference is outside the scope or a gap",
                                  "required": ["outside", "gap"], "properties": {"outside": True, "gap": True}}
    return out
