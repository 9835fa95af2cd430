"""Reports of a result, as documents (:mod:`scoring.doc`) rendered to text, Markdown, HTML and JSON.

Two documents tell a result:

- :func:`summary`, the terminal's: a few lines, the dimensions with text bars, the plan numbered;
- :func:`document`, the full report: one ``section`` per part of the assessment page
  (:data:`SECTIONS`, the ``data-result`` names), which the browser lays out as it is, and which is the
  Markdown and the HTML report.

Each sentence is written once, here (or in :mod:`scoring.releases` for checklist changes); the
browser writes none of its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from . import doc as d
from . import layout
from .answers import Answer
from .coverage import COUNTED, RULE, STATUS_LABELS
from .doc import Block, Doc, Href, Inline
from .model import Model
from .releases import change_notes
from .text import html as _esc
from .text import json_text, number
from .words import DECISION_LABELS

__all__ = ["render", "to_text", "to_markdown", "to_json", "to_html", "svg_chart", "bar_chart", "summary",
           "document", "html_page", "item_pages", "FORMATS", "SECTIONS", "DECISION_LABEL", "PLAN_VIEWS"]

FORMATS = ("text", "markdown", "json", "html")
DECISION_LABEL = DECISION_LABELS
#: The sections of :func:`document`, in order: each fills ``[data-result=name]`` on the assessment page.
SECTIONS = ("decision", "reasons", "dimensions", "quick-check", "holding", "blockers", "unknown", "notes",
            "changes", "plan", "frameworks")
#: The tone of each decision (a CSS class on the page).
DECISION_TONE: dict[str, d.Tone] = {"go": "go", "conditional": "conditional", "no-go": "no-go"}


def _num(value: float | None) -> str:
    """A figure as reports show it: to 0.1, ``n/a`` when there is none."""
    return number(value, 1)


def item_pages(model: Model) -> dict[str, str]:
    """Item id -> the page of its dimension (where its guidance is)."""
    return {item.id: dim.page for dim in model.dimensions for item in dim.items}


def to_json(result: Mapping[str, Any]) -> str:
    """Standard JSON: never NaN or Infinity (:class:`~scoring.text.NotFinite` instead)."""
    return json_text(result, indent=2) + "\n"


# --------------------------------------------------------------------------
# Sentences shared by both documents

def _ids(ids: Sequence[str], pages: Mapping[str, str]) -> list[Inline]:
    return d.joined(d.item(i, pages.get(i)) for i in ids)


def _titled(item_id: str, pages: Mapping[str, str], titles: Mapping[str, str]) -> list[Inline]:
    """An item id (linked) and its title."""
    return [d.item(item_id, pages.get(item_id)), f" {titles.get(item_id, '')}".rstrip()]


def _quick_check(result: Mapping[str, Any], pages: Mapping[str, str], name_them: bool) -> list[Inline]:
    qc = result["quick_check"]
    unmet = qc["unmet"]
    listed: list[Inline] = [": ", *_ids(unmet, pages)] if name_them and unmet else []
    return [d.strong("Quick check:"), f" {qc['verdict']} ({len(unmet)} of {len(qc['items'])} headline items unmet",
            *listed, ")"]


def _notes(result: Mapping[str, Any], pages: Mapping[str, str], pending: Sequence[str] = ()) -> list[list[Inline]]:
    """The notes under a result: items waiting for a reason, critical items marked na, ids not scored."""
    notes: list[list[Inline]] = []
    if pending:
        notes.append(["Marked na without a reason (counted as unsure until they have one): ", *_ids(pending, pages)])
    if result["flagged_na"]:
        notes.append(["Critical items marked na (check the reason): ", *_ids(result["flagged_na"], pages)])
    if result["unrecognised"]:
        notes.append(["Not in these checklists (ignored): ", *d.joined(result["unrecognised"])])
    return notes


# --------------------------------------------------------------------------
# The terminal's summary

def summary(result: Mapping[str, Any], model: Model) -> Doc:
    """The result as the terminal shows it (``pilot2prod score``)."""
    pages = item_pages(model)
    titles = {item_id: item.title for item_id, item in model.items.items()}
    head: list[Block] = []
    if result.get("pilot"):
        head.append(d.paragraph(f"Pilot: {result['pilot']}" +
                                (f" (assessed {result['assessed']})" if result.get("assessed") else "")))
    rule = "weakest dimension" if result["overall_rule"] == "weakest" else "weighted mean"
    head += [d.paragraph(f"Decision: {DECISION_LABEL[result['decision']]}"), d.bullets([r] for r in result["reasons"]),
             d.paragraph(f"Score: {_num(result['score'])} ({result['level']}; {rule}), "
                         f"weighted mean {_num(result['mean'])}")]
    bars: list[list[list[Inline]]] = [[[dim["title"]], [_num(dim["score"])],
             [d.bar(dim["score"], dim["max"])] if dim["score"] is not None and dim["max"] else [""], [dim["level"]]]
            for dim in result["dimensions"]]
    notes = [d.paragraph(*_quick_check(result, pages, name_them=False))]
    if result["blockers"]:
        notes.append(d.paragraph("Blockers: ", *d.joined(_titled(i, pages, titles) for i in result["blockers"])))
    if result["unknown"]:
        notes.append(d.paragraph(f"Unknown ({len(result['unknown'])}): ", *_ids(result["unknown"], pages)))
    notes += [d.paragraph(*note) for note in _notes(result, pages)]
    heading, changed = change_notes(result.get("changes"), pages)
    steps: list[list[Inline]] = [[d.item(s["item"], pages.get(s["item"])), " [blocker]" if s["blocker"] else "",
              f" ({s['phase']}, {s['owner']}): {s['action']}"] for s in result["plan"]]
    return [
        d.section("decision", head),
        d.section("dimensions", [d.table([], bars, align=["left", "right", "left", "left"], width=[0, 5, 20, 0])]),
        d.section("notes", notes),
        d.section("changes", [d.paragraph(*heading), d.bullets(changed)] if heading else []),
        d.section("plan", [d.paragraph("Plan:"), d.bullets(steps, ordered=True)] if steps else []),
        d.section("frameworks", _by_framework(result, model, terminal=True)),
    ]


# --------------------------------------------------------------------------
# By framework

_COUNT_HEAD = ("Framework", "Mapped", *(STATUS_LABELS[name] for name in COUNTED))
_RIGHT: d.Align = "right"
_COUNT_ALIGN: list[d.Align] = ["left", *[_RIGHT] * (len(_COUNT_HEAD) - 1)]


def _by_framework(result: Mapping[str, Any], model: Model, terminal: bool = False) -> list[Block]:
    """How far the answers give evidence toward each framework (:mod:`scoring.coverage`): the counts, and in the
    full report the references by status. Nothing when the checklists have no frameworks."""
    frameworks = result.get("frameworks") or []
    if not frameworks:
        return []
    short = {f.id: f.short for f in model.frameworks}
    rows: list[list[list[Inline]]] = []
    for f in frameworks:
        counts = f["summary"]
        row: list[list[Inline]] = [[short.get(f["id"], f["title"])], [f"{counts['mapped']} of {counts['refs']}"]]
        rows.append(row + [[str(counts[name])] for name in COUNTED])
    align = _COUNT_ALIGN
    if terminal:
        return [d.paragraph("By framework (references the items map to, by status):"),
                d.table(_COUNT_HEAD, rows, align=align)]
    out: list[Block] = [d.heading(2, "By framework"), d.paragraph(RULE),
                        d.table(_COUNT_HEAD, rows, align=align, role="frameworks")]
    for framework in frameworks:
        by_status = [(STATUS_LABELS[name], [ref["id"] for ref in framework["refs"] if ref["status"] == name])
                     for name in COUNTED]
        pairs = [(label, [", ".join(ids)]) for label, ids in by_status if ids]
        if pairs:
            title = short.get(framework["id"], framework["title"])
            out += [d.heading(3, f"{title} ({framework['edition']})"),
                    d.facts([(label, list(value)) for label, value in pairs], role="framework-refs")]
    return out


# --------------------------------------------------------------------------
# The full report

def _said(answer: Answer | None) -> list[Inline]:
    """What the team wrote beside an answer: its note and its evidence (a link when it is http(s))."""
    if answer is None:
        return ["(not answered)"]
    parts: list[list[Inline]] = [[answer.note]] if answer.note else []
    if answer.evidence:
        parts.append([d.link("evidence", answer.evidence)] if answer.evidence.startswith(("https://", "http://"))
                     else [f"evidence: {answer.evidence}"])
    return d.joined(parts, "; ") if parts else ["—"]


def _plan_rows(rank: Mapping[str, int], steps: Sequence[Mapping[str, Any]], pages: Mapping[str, str],
               names: Mapping[str, str]) -> list[list[list[Inline]]]:
    return [[[str(rank[s["item"]])],
             [d.item(s["item"], pages.get(s["item"]), s["title"]), *_blocker_flag(s)],
             [names.get(s["phase"], s["phase"])], [names.get(s["owner"], s["owner"])], [s["action"]]] for s in steps]


def _blocker_flag(step: Mapping[str, Any]) -> list[Inline]:
    return [" ", d.strong("blocker")] if step["blocker"] else []


_PLAN_HEAD = ("#", "Item", "Phase", "Owner", "Action")
_PLAN_ALIGN: list[d.Align] = ["right", "left", "left", "left", "left"]
# The plan's tables have the role "plan": on the page each row is marked with its item
# (``data-plan-item``, docs/javascripts/render.js), in the HTML report they are ``class="p2p-plan"``.


#: The views of the plan: in priority order, or grouped by phase or by owner (``plan_by_phase``...).
PLAN_VIEWS = ("priority", "phase", "owner")


def _plan(result: Mapping[str, Any], model: Model, pages: Mapping[str, str], live: bool, steps: int | None,
          view: str) -> list[Block]:
    plan = result["plan"]
    if not plan:
        return []
    # The page names phases and owners by their titles; files and terminals by their ids.
    names = {s.id: s.title for s in (*model.config.phases, *model.config.owners)} if live else {}
    shown = plan[:steps] if steps is not None else plan
    rank = {step["item"]: n for n, step in enumerate(plan, 1)}
    out: list[Block] = [d.heading(2, "Plan")]
    if len(shown) < len(plan):
        out.append(d.paragraph(f"The first {len(shown)} of the plan's {len(plan)} steps:"))
    if view == "priority":
        out.append(d.section("plan-priority", [d.table(_PLAN_HEAD, _plan_rows(rank, shown, pages, names),
                                                       align=_PLAN_ALIGN, role="plan")]))
        return out
    cut = {step["item"] for step in shown}
    by_id = {step["item"]: step for step in shown}
    groups: list[Block] = []
    for group in result[f"plan_by_{view}"]:
        ids = [i for i in group["items"] if i in cut]
        if ids:
            groups += [d.heading(3, f"{group['title']} ({len(ids)})"),
                       d.table(_PLAN_HEAD, _plan_rows(rank, [by_id[i] for i in ids], pages, names), align=_PLAN_ALIGN,
                               role="plan")]
    out.append(d.section(f"plan-{view}", groups))
    return out


def document(result: Mapping[str, Any], model: Model, *, title: bool = True, pending: Sequence[str] = (),
             live: bool = False, answers: Mapping[str, Answer] | None = None, steps: int | None = None,
             view: str = "priority") -> Doc:
    """The full report: a ``# Readiness`` heading (with ``title``), then every section of :data:`SECTIONS`
    in order, an empty one when it has nothing to say (so that the page clears it).

    ``pending``: item ids marked na without a reason (the browser's, see :func:`scoring.api.score`).
    ``live``: the assessment page's version: phases and owners by their titles, not their ids.
    ``answers``: the answers given (their notes and evidence say what holds the decision).
    ``steps``: show only the first ``steps`` steps of the plan, and say so.
    ``view``: the plan in priority order (a table in section ``plan-priority``), or grouped by ``phase`` or
    ``owner`` (a heading and a table per group, in section ``plan-phase`` / ``plan-owner``); :data:`PLAN_VIEWS`.
    """
    pages = item_pages(model)
    titles = {item_id: item.title for item_id, item in model.items.items()}
    decision = result["decision"]
    parts: dict[str, list[Block]] = {name: [] for name in SECTIONS}
    dims: list[list[list[Inline]]] = [[[dim["title"]], [_num(dim["score"])], [dim["level"]]]
                                      for dim in result["dimensions"]]
    parts["decision"] = [d.paragraph(d.strong(f"Decision: {DECISION_LABEL[decision]}"),
                                     f" — score {_num(result['score'])} ({result['level']}), "
                                     f"weighted mean {_num(result['mean'])}.", tone=DECISION_TONE[decision])]
    parts["reasons"] = [d.bullets(([str(r)] for r in result["reasons"]), role="reasons")]
    parts["dimensions"] = [
        d.chart(svg_chart(result), "Score per dimension"),
        d.table(("Dimension", "Score", "Level"), dims, align=["left", "right", "left"])]
    pilot = result["quick_check"]["verdict"] == "still a pilot"
    parts["quick-check"] = [d.paragraph(*_quick_check(result, pages, name_them=True), ".",
                                        tone="warn" if pilot else "ok")]
    holding = [s for s in result["plan"] if s["critical"]]
    if answers is not None and holding:
        parts["holding"] = [d.heading(2, "What holds the decision"), d.table(
            ("Item", "Answer", "What the team wrote"),
            [[[d.item(s["item"], pages.get(s["item"])), f" {s['title']}"], [s["answer"]], _said(answers.get(s["item"]))]
             for s in holding])]
    if result["blockers"]:
        parts["blockers"] = [d.heading(2, f"Blockers ({len(result['blockers'])})"),
                             d.bullets(_titled(i, pages, titles) for i in result["blockers"])]
    if result["unknown"]:
        parts["unknown"] = [d.heading(2, f"Unknown ({len(result['unknown'])})"),
                            d.paragraph(*_ids(result["unknown"], pages))]
    notes = _notes(result, pages, pending)
    if notes:
        parts["notes"] = [d.heading(2, "Notes"), d.bullets(notes)]
    heading, changed = change_notes(result.get("changes"), pages)
    if heading:
        parts["changes"] = [d.heading(2, "Checklist changes"), d.paragraph(*heading), d.bullets(changed)]
    parts["plan"] = _plan(result, model, pages, live, steps, view)
    parts["frameworks"] = _by_framework(result, model)
    head: list[Block] = [d.heading(1, _title(result))] if title else []
    return head + [d.section(name, blocks) for name, blocks in parts.items()]


def _title(result: Mapping[str, Any]) -> str:
    return f"Readiness: {result['pilot']}" if result.get("pilot") else "Readiness assessment"


# --------------------------------------------------------------------------
# Rendered

def to_text(result: Mapping[str, Any], model: Model) -> str:
    return layout.to_text(summary(result, model))


def to_markdown(result: Mapping[str, Any], model: Model, base_url: str = "", href: Href | None = None) -> str:
    """The Markdown report; item ids link to their guidance when ``base_url`` is an http(s) address.

    Every text that came from a user or a checklist is escaped (:func:`scoring.text.markdown_span`):
    the report renders it as written, and no link but those to the guidance and http(s) evidence.
    """
    return layout.to_markdown(document(result, model), base_url=base_url, href=href)


#: The style of the self-contained HTML reports (no external resource, no script).
_STYLE = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1f}
table{border-collapse:collapse;width:100%;margin:1rem 0}
td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left}
.p2p-tone--go,.p2p-tone--ok{color:#1b5e20}.p2p-tone--conditional,.p2p-tone--warn{color:#8d5300}
.p2p-tone--no-go,.p2p-tone--bad{color:#b71c1c}.p2p-tone--muted{color:#555}
.p2p-tone--go strong,.p2p-tone--conditional strong,.p2p-tone--no-go strong{font-size:1.4rem}"""


def html_page(title: str, body: Doc, base_url: str = "") -> str:
    """One self-contained HTML file: no scripts, no external resources; every text escaped."""
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{_esc(title)}</title>\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<style>\n{_STYLE}\n</style>'
            f"</head><body>\n{layout.to_html(body, base_url=base_url)}</body></html>\n")


def to_html(result: Mapping[str, Any], model: Model, base_url: str = "") -> str:
    return html_page(_title(result), document(result, model), base_url)


def render(result: Mapping[str, Any], model: Model, fmt: str) -> str:
    if fmt == "json":
        return to_json(result)
    if fmt == "markdown":
        return to_markdown(result, model)
    if fmt == "html":
        return to_html(result, model)
    return to_text(result, model)


# --------------------------------------------------------------------------
# Charts

def bar_chart(bars: list[tuple[str, float, str, str, str]], title: str, *, label_w: int, value_w: int,
              width: int = 720) -> str:
    """Horizontal bars as an SVG string (no dependencies).

    Each bar is ``(label, fraction of the full bar, value text, CSS class, colour)``; every text
    is escaped here.
    """
    esc = _esc
    row = 26
    bar_w = width - label_w - value_w
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="p2p-chart" viewBox="0 0 {width} '
             f'{row * len(bars) + 20}" width="100%" role="img" aria-label="{esc(title)}">',
             f"<title>{esc(title)}</title>"]
    for i, (label, fraction, value, cls, colour) in enumerate(bars):
        y = 10 + i * row
        filled = bar_w * max(0.0, min(1.0, fraction))
        parts.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" class="p2p-chart__label" '
                     f'font-size="13" fill="currentColor">{esc(label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="16" rx="2" '
                     f'fill="currentColor" fill-opacity="0.12"/>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{filled:.1f}" height="16" rx="2" class="{esc(cls)}" '
                     f'fill="{colour}"/>')
        parts.append(f'<text x="{label_w + bar_w + 6}" y="{y + 15}" font-size="13" fill="currentColor">'
                     f'{esc(value)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def svg_chart(result: Mapping[str, Any], width: int = 720) -> str:
    """The dimension scores as bars, the weakest one marked.

    The label column is sized from the longest title (about 7.2 px per character
    at 13 px), and the value column fits "100 (weakest)", so nothing is clipped.
    """
    dims = result["dimensions"]
    longest = max((len(dim["title"]) for dim in dims), default=10)
    bars = []
    for dim in dims:
        weakest = dim["id"] == result.get("weakest")
        fraction = 0.0 if dim["score"] is None else dim["score"] / (dim["max"] or 1)
        bars.append((dim["title"], fraction, _num(dim["score"]) + (" (weakest)" if weakest else ""),
                     "p2p-chart__bar" + (" p2p-chart__bar--weakest" if weakest else ""),
                     "#c62828" if weakest else "#3949ab"))
    return bar_chart(bars, "Score per dimension", label_w=min(int(longest * 7.2) + 16, width // 2),
                     value_w=104, width=width)
