"""Answers files written by the engine, in YAML: a blank one (:func:`template`, every item ``unsure``,
its question as a comment) and one holding given answers (:func:`answers_yaml`, the browser's export).

Both read back unchanged with ``pilot2prod score``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from .model import ANSWER_CHOICES, Model
from .schema import published_at
from .text import json_text, lines, one_line

__all__ = ["SCHEMA", "template", "answers_yaml", "quote"]

#: What YAML readers refuse, or read as something else, even inside a double-quoted scalar: a byte-order
#: mark and the two non-characters (``json_text`` already escapes C0, DEL, C1 and the line separators).
_ODD = re.compile("[\ufeff\ufffe\uffff]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
#: Keys written bare: item ids and plain words, but never one a YAML 1.1 reader takes for a boolean or null.
_BARE_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_]*(-[0-9]+)?")
_NOT_BARE = re.compile(r"true|false|null|yes|no|on|off|y|n", re.I)


def quote(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back as the same text.

    A JSON string is one, once the few characters YAML refuses are escaped too; a lone surrogate
    (no character at all) becomes U+FFFD, as JavaScript's ``toWellFormed`` makes it.
    """
    well_formed = _LONE_SURROGATE.sub("\ufffd", str(text))
    return _ODD.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text(well_formed))


_quote = quote


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) and not _NOT_BARE.fullmatch(key) else quote(key)


def _flow(value: Any, answer: bool = False) -> str:
    """A value in YAML's flow style; answer values (``yes``, ``na``...) bare, every other text quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json_text(value) if value == value and value not in (float("inf"), float("-inf")) else "null"
    if isinstance(value, str):
        return value if answer and value in ANSWER_CHOICES else quote(value)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_key(str(k))}: {_flow(v, answer=k == 'answer')}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return quote(str(value))


def answers_yaml(document: Mapping[str, Any], pending: Sequence[str] = ()) -> str:
    """An answers document (``{pilot, assessed, version, answers}``) as an answers file.

    ``pending`` names the items marked na on the site without a reason yet: they are left out (they
    count as unsure) and a comment says so, so that the file scores as the page does.
    """
    out = ["# pilot2prod answers file, exported from the playbook site.",
           "# Score it in a terminal or CI with: pilot2prod score <this file>",
           f"pilot: {quote(document.get('pilot') or '')}",
           f"assessed: {quote(document.get('assessed') or '')}",
           f"version: {quote(document.get('version') or '')}"]
    out += [f"# {_key(item_id)} is marked na on the site but has no reason yet, so it is left out (it counts as "
            f"unsure)." for item_id in pending]
    answers = document.get("answers") or {}
    out += ["answers:", *(f"  {_key(str(k))}: {_flow(v, answer=True)}" for k, v in answers.items())] if answers \
        else ["answers: {}"]
    return "".join(one_line(line) + "\n" for line in out)


#: Where a template points editors for the answers schema when the checklists name no site: a file beside it.
SCHEMA = "answers.schema.json"


def template(model: Model, pilot: str = "", assessed: str = "", schema: str | None = None) -> str:
    """Return YAML text that ``pilot2prod score`` accepts unchanged.

    Its first line points editors that read ``yaml-language-server`` comments (VS Code's YAML extension,
    and others) to the answers schema, so that they show each item's question and check the answers as
    they are typed: ``schema`` when given (a URL, or a path from the file); else the schema the site at
    the checklists' ``site_url`` publishes (:func:`~scoring.schema.published_at`); else :data:`SCHEMA`
    beside the file, with a line saying which command writes it there.
    """
    if schema is None:
        schema = published_at(model.config.site_url) if model.config.site_url else SCHEMA
    out = [f"# yaml-language-server: $schema={one_line(schema)}", "# pilot2prod answers file."]
    if schema == SCHEMA:
        out.append(f"# Editors read the schema named above: 'pilot2prod schema answers > {SCHEMA}' writes it here.")
    out += [
        "# Answer each item: yes | partial | no | unsure | na.",
        "# Long form: OWN-002: {answer: partial, note: \"...\", evidence: \"https://...\", owner: \"...\", "
        "date: \"YYYY-MM-DD\"}",
        "# 'na' needs a reason: DATA-004: {answer: na, reason: \"no personal data in scope\"}",
        f"pilot: {_quote(pilot)}",
        f"assessed: {_quote(assessed)}",
        f"version: {_quote(model.config.version)}",
        "answers:",
    ]
    for dim in model.dimensions:
        out.append(f"  # --- {dim.title} ---")
        for item in dim.items:
            flags = " [critical]" if item.critical else ""
            # one_line: a question with a line break must not end the comment and add a YAML line.
            out.append(f"  # {one_line(item.question.strip())}{flags}")
            out.append(f"  {item.id}: unsure")
    return lines(out)
