"""A portfolio: many pilots' results rolled up into one table, with the blockers they share.

:func:`portfolio` takes results of :func:`scoring.engine.score` (already loaded and scored by
the caller; this module reads no files) and returns a JSON-ready summary; :func:`summary_doc` and :func:`document`
tell it as documents (:mod:`scoring.doc`), and :func:`render_portfolio` renders them as text, Markdown,
JSON or one self-contained HTML page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from . import doc
from .doc import Block, Doc, Inline
from .layout import to_markdown, to_text
from .model import Model
from .report import DECISION_LABEL, _num, bar_chart, html_page, to_json
from .shapes import CommonBlocker, Decision, PilotRow, Portfolio, Result, WeakestCount

__all__ = ["portfolio", "render_portfolio", "summary_doc", "document", "PORTFOLIO_FORMATS"]

PORTFOLIO_FORMATS = ("text", "markdown", "json", "html")
#: Worst first: the order of the table and of the decision counts.
DECISION_ORDER: tuple[Decision, ...] = ("no-go", "conditional", "go")


def _stem(file: str) -> str:
    """``pilots/claims.yml`` -> ``claims`` (plain string work: the core never touches paths)."""
    base = file.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base


def portfolio(model: Model, assessments: Sequence[tuple[str, Result]]) -> Portfolio:
    """Roll ``(file, result)`` pairs up into one summary.

    - ``pilots``: one row per file, worst first (decision, then score, then name): ``{name, file,
      assessed, answers_version, decision, score, level, mean, weakest: {id, title} | None,
      blockers: [ids], unknown: [ids]}``; ``name`` is the file's ``pilot:``, else its file name.
    - ``decisions``: how many pilots got each decision (``no-go``, ``conditional``, ``go``).
    - ``common_blockers``: every item that blocks at least one pilot, most pilots first, then in
      checklist order: ``{item, title, dimension, count, pilots: [names]}``.
    - ``weakest_dimensions``: how often each dimension is a pilot's weakest, most often first.
    - ``other_versions``: the pilots assessed against another checklist version ``{name, file, version}``.
    """
    items = model.items
    order = {item_id: n for n, item_id in enumerate(item.id for dim in model.dimensions for item in dim.items)}
    dim_order = {dim.id: n for n, dim in enumerate(model.dimensions)}
    rows: list[PilotRow] = []
    for file, result in assessments:
        titles = {d["id"]: d["title"] for d in result["dimensions"]}
        weakest = result.get("weakest")
        rows.append({
            "name": " ".join(str(result.get("pilot") or "").split()) or _stem(file),
            "file": file,
            "assessed": result.get("assessed", ""),
            "answers_version": result.get("answers_version", ""),
            "decision": result["decision"],
            "score": result["score"],
            "level": result["level"],
            "mean": result["mean"],
            "weakest": {"id": weakest, "title": titles.get(weakest, weakest)} if weakest else None,
            "blockers": list(result["blockers"]),
            "unknown": list(result["unknown"]),
        })
    rows.sort(key=lambda r: (DECISION_ORDER.index(r["decision"]),
                             -1.0 if r["score"] is None else r["score"], r["name"], r["file"]))

    blocked: dict[str, list[str]] = {}
    weakest_count: dict[str, int] = {}
    for row in rows:
        for item_id in row["blockers"]:
            blocked.setdefault(item_id, []).append(row["name"])
        if row["weakest"]:
            weakest_count[row["weakest"]["id"]] = weakest_count.get(row["weakest"]["id"], 0) + 1
    common: list[CommonBlocker] = [{"item": item_id,
                                     "title": items[item_id].title if item_id in items else "",
                                     "dimension": items[item_id].dimension if item_id in items else "",
                                     "count": len(names), "pilots": names}
                                    for item_id, names in blocked.items()]
    common.sort(key=lambda b: (-b["count"], order.get(b["item"], len(order)), b["item"]))
    dim_titles = {dim.id: dim.title for dim in model.dimensions}
    weakest_dims: list[WeakestCount] = [{"id": dim_id, "title": dim_titles.get(dim_id, dim_id), "count": count}
               for dim_id, count in weakest_count.items()]
    weakest_dims.sort(key=lambda w: (-w["count"], dim_order.get(w["id"], len(dim_order))))
    version = model.config.version
    return {
        "version": version,
        "count": len(rows),
        "decisions": {d: sum(1 for r in rows if r["decision"] == d) for d in DECISION_ORDER},
        "pilots": rows,
        "common_blockers": common,
        "weakest_dimensions": weakest_dims,
        "other_versions": [{"name": r["name"], "file": r["file"], "version": r["answers_version"]}
                           for r in rows if r["answers_version"] and r["answers_version"] != version],
    }


# --------------------------------------------------------------------------
# As documents (scoring.doc): the terminal's summary and the report (Markdown, HTML)

def _decisions(summary: Mapping[str, Any]) -> str:
    return ", ".join(f"{summary['decisions'][d]} {d}" for d in DECISION_ORDER)


def _headline(summary: Mapping[str, Any]) -> str:
    n = summary["count"]
    return f"{n} pilot{'s' if n != 1 else ''} scored against checklists {summary['version']}: {_decisions(summary)}"


def _weakest_title(row: Mapping[str, Any]) -> str:
    return str(row["weakest"]["title"]) if row["weakest"] else "n/a"


def _notes(summary: Mapping[str, Any]) -> list[list[Inline]]:
    """The lines under the tables."""
    notes: list[list[Inline]] = []
    if summary["weakest_dimensions"]:
        notes.append(["Weakest dimensions: " + ", ".join(f"{w['title']} ({w['count']})"
                                                         for w in summary["weakest_dimensions"])])
    if summary["other_versions"]:
        others = ", ".join(f"{o['name']} ({o['version']})" for o in summary["other_versions"])
        notes.append([f"Assessed against other checklist versions: {others}"])
    return notes


def _blocker(b: Mapping[str, Any], pages: Mapping[str, str]) -> list[Inline]:
    return [doc.item(b["item"], pages.get(b["item"]))]


def summary_doc(summary: Mapping[str, Any], pages: Mapping[str, str] | None = None) -> Doc:
    """The portfolio as the terminal shows it (``pilot2prod portfolio``)."""
    pages = pages or {}
    n = summary["count"]
    rows = [[[r["name"]], [DECISION_LABEL[r["decision"]]], [_num(r["score"])], [_weakest_title(r)],
             [str(len(r["blockers"]))], [str(len(r["unknown"]))]] for r in summary["pilots"]]
    blockers: list[Block] = [doc.paragraph("Most common blockers:"), doc.table(
        [], [[[f"{b['count']} of {n}"], [*_blocker(b, pages), f" {b['title']}"]] for b in summary["common_blockers"]],
        align=["right", "left"])] if summary["common_blockers"] else [doc.paragraph("No pilot has a blocker.")]
    return [doc.paragraph(f"Portfolio: {_headline(summary)}"),
            doc.section("pilots", [doc.table(("Pilot", "Decision", "Score", "Weakest dimension", "Blockers", "Unknown"),
                                             rows, align=["left", "left", "right", "left", "right", "right"])]),
            doc.section("blockers", blockers + [doc.paragraph(*note) for note in _notes(summary)])]


_COLOURS = {"go": "#2e7d32", "conditional": "#b26a00", "no-go": "#c62828"}


def _chart(summary: Mapping[str, Any], scale: float) -> str:
    """One bar per pilot (its score), coloured by decision."""
    bars = [(r["name"], 0.0 if r["score"] is None else r["score"] / scale,
             f'{_num(r["score"])} {DECISION_LABEL[r["decision"]]}',
             f'p2p-chart__bar p2p-chart__bar--{r["decision"]}', _COLOURS[r["decision"]])
            for r in summary["pilots"]]
    return bar_chart(bars, "Score per pilot", label_w=230, value_w=110, width=640)


def document(summary: Mapping[str, Any], model: Model, pages: Mapping[str, str] | None = None) -> Doc:
    """The portfolio report (Markdown; HTML with one bar per pilot)."""
    pages = pages or {}
    n = summary["count"]
    # Bars are drawn against the largest score a pilot could reach (100 in percent mode).
    scale = 100.0 if model.config.dimension_score == "percent" else max(
        (sum(i.weight for i in dim.items) for dim in model.dimensions), default=1.0) or 1.0
    rows = [[[r["name"]], [doc.code(r["file"])], [doc.strong(DECISION_LABEL[r["decision"]])], [_num(r["score"])],
             [_weakest_title(r)], [str(len(r["blockers"]))], [str(len(r["unknown"]))]] for r in summary["pilots"]]
    blockers: Block = doc.table(
        ("Item", "Title", "Pilots blocked"),
        [[_blocker(b, pages), [b["title"]], [f"{b['count']} of {n}"]] for b in summary["common_blockers"]],
        align=["left", "left", "right"]) if summary["common_blockers"] else doc.paragraph("No pilot has a blocker.")
    return [doc.heading(1, "Portfolio readiness"), doc.paragraph(_headline(summary), "."),
            doc.chart(_chart(summary, scale), "Score per pilot"),
            doc.table(("Pilot", "File", "Decision", "Score", "Weakest dimension", "Blockers", "Unknown"), rows,
                      align=["left", "left", "left", "right", "left", "right", "right"]),
            doc.heading(2, "Most common blockers"), blockers, doc.bullets(_notes(summary))]


def render_portfolio(summary: Mapping[str, Any], model: Model, fmt: str) -> str:
    """Render :func:`portfolio`'s summary as ``text``, ``markdown``, ``json`` or ``html``."""
    if fmt == "json":
        return to_json(summary)
    if fmt == "markdown":
        return to_markdown(document(summary, model))
    if fmt == "html":
        return html_page("Portfolio readiness", document(summary, model))
    return to_text(summary_doc(summary))
