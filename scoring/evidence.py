"""The evidence pack: every answered item with its answer, note, evidence, owner and date.

What a go/no-go meeting reviews, as Markdown or as one self-contained HTML page (no script, no external
resource). :func:`render` is the one function that writes it, for ``pilot2prod score --evidence`` and for
the page's export (:func:`scoring.api.export`), so that both give the same bytes for the same answers:
it takes no address and no date of its own (item ids are not links, since a file has no site to link to).

An evidence link is a link only when it is an ``http(s)`` address; anything else is shown as text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from . import doc as d
from . import layout
from .answers import Answer
from .doc import Block, Doc, Inline
from .model import Model
from .report import DECISION_LABEL, DECISION_TONE, html_page
from .text import http_url, number

__all__ = ["FORMATS", "document", "render"]

#: The formats of the evidence pack.
FORMATS = ("markdown", "html")
_HEAD = ("Item", "Answer", "Note", "Evidence", "Owner", "Date")


def _title(result: Mapping[str, Any]) -> str:
    return f"Evidence pack: {result['pilot']}" if result.get("pilot") else "Evidence pack"


def _evidence(value: str) -> list[Inline]:
    if not value:
        return [""]
    return [d.link(value, value)] if http_url(value) else [value]


def _note(answer: Answer) -> list[Inline]:
    parts: list[list[Inline]] = [[answer.note]] if answer.note else []
    if answer.reason:
        parts.append([d.strong("Not applicable because:"), f" {answer.reason}"])
    return d.joined(parts, "; ") if parts else [""]


def document(result: Mapping[str, Any], model: Model, answers: Mapping[str, Answer],
             pending: Sequence[str] = ()) -> Doc:
    """The evidence pack: the decision and its reasons, then a table per dimension of the items answered."""
    answered = sum(1 for item_id in model.items if item_id in answers)
    decision = result["decision"]
    facts: list[tuple[str, list[Inline]]] = [("Pilot", [result["pilot"] or "(not named)"])]
    if result.get("assessed"):
        facts.append(("Assessed", [result["assessed"]]))
    facts += [("Checklists", [f"version {result['version']}"]),
              ("Answered", [f"{answered} of {len(model.items)} items"])]
    out: list[Block] = [
        d.heading(1, _title(result)), d.facts(facts),
        d.paragraph(d.strong(f"Decision: {DECISION_LABEL[decision]}"),
                    f" — score {number(result['score'], 1)} ({result['level']}).", tone=DECISION_TONE[decision]),
        d.bullets([str(r)] for r in result["reasons"])]
    if pending:
        out.append(d.paragraph("Marked na without a reason, so not listed (counted as unsure): ",
                               *d.joined(pending)))
    for dim in model.dimensions:
        rows: list[list[list[Inline]]] = [
            [[d.item(item.id, None), f" {item.title}"], [answers[item.id].value], _note(answers[item.id]),
             _evidence(answers[item.id].evidence), [answers[item.id].owner], [answers[item.id].date]]
            for item in dim.items if item.id in answers]
        if rows:
            out += [d.heading(2, f"{dim.title} ({len(rows)} of {len(dim.items)} answered)"),
                    d.table(_HEAD, rows, role="evidence")]
    if not answered:
        out.append(d.paragraph("No item is answered yet."))
    return out


def render(result: Mapping[str, Any], model: Model, answers: Mapping[str, Answer], fmt: str,
           pending: Sequence[str] = ()) -> str:
    """The evidence pack as ``markdown`` or ``html`` (:data:`FORMATS`): the same text wherever it is made."""
    if fmt not in FORMATS:
        raise ValueError(f"the evidence pack is Markdown or HTML, not {fmt!r}")
    body = document(result, model, answers, pending)
    return layout.to_markdown(body) if fmt == "markdown" else html_page(_title(result), body)
