"""The crosswalk of one framework: every reference with the items that map to it and, given answers, its status.

``pilot2prod crosswalk FRAMEWORK [ANSWERS]`` prints it: a starting point for a statement of applicability,
which lists each reference of a framework and how it is addressed. :func:`crosswalk` builds the JSON shape
(:class:`~scoring.shapes.Crosswalk`), :func:`document` tells it as a document (:mod:`scoring.doc`), which
:func:`render` lays out as text, Markdown or HTML. Statuses follow :mod:`scoring.coverage`'s rule.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import doc as d
from . import layout
from .answers import Answers
from .coverage import COUNTED, RULE, STATUS_LABELS, status
from .doc import Block, Doc, Inline
from .model import Framework, FrameworkRef, Model
from .problems import describe, did_you_mean
from .report import html_page, item_pages, to_json
from .shapes import Crosswalk, CrosswalkItem, CrosswalkRef, FrameworkSummary, RefMapping

__all__ = ["FORMATS", "crosswalk", "document", "render", "unknown_framework"]

FORMATS = ("text", "markdown", "json", "html")
#: How the crosswalk names a reference nothing maps to, by why.
_UNMAPPED = {"outside": "Outside the playbook's scope", "gap": "A gap in the playbook", "none": "Not mapped"}


def unknown_framework(model: Model, framework_id: str) -> str | None:
    """Why ``framework_id`` names no framework of ``model`` (``None``: it does)."""
    known = [f.id for f in model.frameworks]
    if framework_id in known:
        return None
    if not known:
        return f"expected a framework id, got {describe(framework_id)}: these checklists have no frameworks.yml"
    return (f"expected one of the frameworks {', '.join(known)}, got {describe(framework_id)}"
            f"{did_you_mean(framework_id, known)}")


def _mapping(ref: FrameworkRef) -> RefMapping:
    return "mapped" if ref.items else "outside" if ref.outside else "gap" if ref.gap else "none"


def crosswalk(model: Model, framework_id: str, answers: Answers | None = None) -> Crosswalk:
    """Every reference of one framework with its items (and, given ``answers``, their answers and its status)."""
    framework = model.framework(framework_id)
    items = model.items
    given: Mapping[str, str] = {i: a.value for i, a in answers.given.items()} if answers else {}
    refs: list[CrosswalkRef] = []
    counts: dict[RefMapping, int] = {"mapped": 0, "outside": 0, "gap": 0, "none": 0}
    for ref in framework.refs:
        mapping = _mapping(ref)
        counts[mapping] += 1
        entries: list[CrosswalkItem] = [{
            "item": i, "title": items[i].title, "dimension": items[i].dimension,
            "answer": given.get(i, "unsure") if answers else None} for i in ref.items]
        refs.append({"id": ref.id, "title": ref.title, "group": ref.group or None, "mapping": mapping,
                     "reason": ref.outside or ref.gap or None, "items": entries,
                     "status": status(e["answer"] or "unsure" for e in entries) if answers else None})
    summary: FrameworkSummary | None = None
    if answers:
        found = [ref_out["status"] for ref_out in refs]
        summary = {"refs": len(refs), "mapped": counts["mapped"], "met": found.count("met"),
                   "partial": found.count("partial"), "unmet": found.count("unmet"),
                   "unknown": found.count("unknown"), "na": found.count("na")}
    return {
        "framework": {"id": framework.id, "title": framework.title, "short": framework.short,
                      "edition": framework.edition, "url": framework.url, "publisher": framework.publisher,
                      "checked": framework.checked, "summary": framework.summary, "note": framework.note},
        "pilot": answers.pilot if answers else None,
        "assessed": answers.assessed if answers else None,
        "counts": counts,
        "summary": summary,
        "refs": refs,
    }


def _plural(count: int, one: str, other: str) -> str:
    return f"{count} {one if count == 1 else other}"


def _head(framework: Framework, walk: Crosswalk) -> list[Block]:
    facts: list[tuple[str, list[Inline]]] = [("Framework", [framework.title]), ("Edition", [framework.edition])]
    if framework.publisher:
        facts.append(("Publisher", [framework.publisher]))
    facts.append(("Source", [d.link(framework.url, framework.url)]))
    if framework.checked:
        facts.append(("Checked", [framework.checked]))
    if walk["pilot"] is not None:
        facts.append(("Pilot", [walk["pilot"] or "(not named)"]))
        if walk["assessed"]:
            facts.append(("Assessed", [walk["assessed"]]))
    out: list[Block] = [d.facts(facts)]
    if framework.summary:
        out.append(d.paragraph(framework.summary))
    if framework.note:
        out.append(d.paragraph(d.strong("Note:"), f" {framework.note}"))
    counts = walk["counts"]
    total = len(walk["refs"])
    parts = [f"{counts['mapped']} mapped to items", f"{counts['outside']} outside the playbook's scope",
             _plural(counts["gap"], "gap", "gaps")]
    if counts["none"]:
        parts.append(f"{counts['none']} not mapped, with no reason given")
    out.append(d.paragraph(f"{_plural(total, 'reference', 'references')}: {', '.join(parts)}."))
    summary = walk["summary"]
    if summary is not None:
        shown = ", ".join(f"{summary[name]} {STATUS_LABELS[name].lower()}" for name in COUNTED)
        out += [d.paragraph(f"Of the {counts['mapped']} mapped: {shown}."), d.paragraph(RULE, tone="muted")]
    else:
        out.append(d.paragraph("A mapping says that an item's \"yes\" is evidence toward the reference, not that "
                               "the reference is met. Give an answers file to see each reference's status.",
                               tone="muted"))
    return [d.heading(1, f"Crosswalk: {framework.short} ({framework.edition})"), d.section("framework", out)]


def _row(framework: Framework, ref: CrosswalkRef, pages: Mapping[str, str], answered: bool,
         applies: bool) -> list[list[Inline]]:
    source = framework.ref(ref["id"])
    if ref["items"]:
        entries: list[list[Inline]] = []
        for entry in ref["items"]:
            entries.append([d.item(entry["item"], pages.get(entry["item"]))])
            if answered:
                entries[-1].append(f" ({entry['answer']})")
        cell = d.joined(entries)
    else:
        cell = [f"{_UNMAPPED[ref['mapping']]}" + (f": {ref['reason']}" if ref["reason"] else "")]
    row: list[list[Inline]] = [[ref["id"]], [ref["title"]], cell]
    if applies:
        dates = ", ".join(a.start + (f" ({a.scope})" if a.scope else "") for a in source.applies)
        row.append(["; ".join(part for part in (", ".join(source.binds), f"from {dates}" if dates else "") if part)])
    if answered:
        row.append([STATUS_LABELS[ref["status"]] if ref["status"] else ""])
    return row


def document(model: Model, walk: Crosswalk) -> Doc:
    """The crosswalk as a document: the framework, the counts, then a table of references per group."""
    framework = model.framework(walk["framework"]["id"])
    pages = item_pages(model)
    answered = walk["summary"] is not None
    applies = any(ref.binds or ref.applies for ref in framework.refs)
    head = ["Reference", "Summary (our words)", "Items", *(["Binds, from"] if applies else []),
            *(["Status"] if answered else [])]
    by_group: dict[str, list[CrosswalkRef]] = {}
    for ref in walk["refs"]:
        by_group.setdefault(ref["group"] or "", []).append(ref)
    depth: dict[str, int] = {}
    for group in framework.groups:
        depth[group.id] = depth.get(group.parent, -1) + 1 if group.parent else 0
    out = _head(framework, walk)
    for group_id in ["", *(g.id for g in framework.groups)]:
        refs = by_group.get(group_id, [])
        blocks: list[Block] = []
        if group_id:
            group = next(g for g in framework.groups if g.id == group_id)
            blocks.append(d.heading(min(4, 2 + depth[group_id]), group.title))
        elif refs and framework.groups:
            blocks.append(d.heading(2, "References"))
        if refs:
            blocks.append(d.table(head, [_row(framework, ref, pages, answered, applies) for ref in refs]))
        if blocks:
            out.append(d.section("references", blocks))
    return out


def render(model: Model, walk: Crosswalk, fmt: str) -> str:
    """The crosswalk in one of :data:`FORMATS`."""
    if fmt == "json":
        return to_json(walk)
    body = document(model, walk)
    if fmt == "markdown":
        return layout.to_markdown(body)
    if fmt == "html":
        return html_page(f"Crosswalk: {walk['framework']['short']}", body)
    return layout.to_text(body)
