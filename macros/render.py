"""Rendering the checklist model into page content.

Plain functions of the model (no MkDocs objects), so they are tested on their
own.  Checklists are rendered as HTML that works without JavaScript and follows
the browser contract (``data-item``, radio values, ``data-result``); text that
links to other pages is rendered as Markdown so that MkDocs checks the links.
"""

from __future__ import annotations

import html
import posixpath
import re

import markdown as _markdown

from scoring.model import ANSWER_CHOICES, Dimension, Item, Model

__all__ = [
    "ANSWER_LABELS",
    "assessment",
    "checklist",
    "dimension_table",
    "guidance_html",
    "item_link",
    "roadmap",
    "scoring_rules",
]

ANSWER_LABELS = {"yes": "Yes", "partial": "Partly", "no": "No", "unsure": "Not sure", "na": "Not applicable"}
_esc = html.escape


def guidance_html(text: str) -> str:
    """Markdown guidance -> HTML, with no blank lines (it sits inside a raw HTML block)."""
    out = _markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    return re.sub(r"\n\s*\n", "\n", out).strip()


def page_path(dim: Dimension) -> str:
    return f"dimensions/{dim.page}.md"


def relative(target: str, from_page: str) -> str:
    """Relative link from the page ``from_page`` (a docs-relative .md path) to ``target``."""
    start = posixpath.dirname(from_page) or "."
    return posixpath.relpath(target, start)


def item_link(model: Model, item_id: str, from_page: str) -> str:
    item = model.items[item_id]
    return relative(page_path(model.dimension(item.dimension)), from_page) + f"#{item_id}"


def _titles(stages) -> dict[str, str]:
    return {s.id: s.title for s in stages}


def _item(model: Model, item: Item, from_page: str, *, compact: bool) -> str:
    phases = _titles(model.config.phases)
    owners = _titles(model.config.owners)
    name = f"p2p-{item.id}"
    badges = ""
    if item.critical:
        badges += ' <span class="p2p-badge p2p-badge--critical">critical</span>'
    if item.headline:
        badges += ' <span class="p2p-badge p2p-badge--headline">quick check</span>'
    radios = "".join(
        f'<label class="p2p-answer p2p-answer--{value}"><input type="radio" name="{name}" value="{value}">'
        f"<span>{ANSWER_LABELS[value]}</span></label>"
        for value in ANSWER_CHOICES
    )
    meta = (f'<span class="p2p-item__phase">Phase: {_esc(phases.get(item.phase, item.phase))}</span> · '
            f'<span class="p2p-item__owner">Owner: {_esc(owners.get(item.owner, item.owner))}</span> · '
            f'<span class="p2p-item__weight">Weight {item.weight:g}</span>')
    details_open = "" if compact else " open"
    more = ""
    if compact:
        href = _esc(html_href(page_path(model.dimension(item.dimension)), from_page) + f"#{item.id}")
        more = f' <a class="p2p-item__more" href="{href}">Read the guidance for {item.id}</a>'
    anchor = "" if compact else f' id="{item.id}"'
    return (
        f'<fieldset class="p2p-item" data-item="{item.id}"{anchor}>'
        f'<legend class="p2p-item__legend"><span class="p2p-item__id">{item.id}</span> '
        f'<span class="p2p-item__question">{_esc(item.question)}</span>{badges}</legend>'
        f'<div class="p2p-item__answers">{radios}</div>'
        f'<div class="p2p-item__reason" hidden><label>Why is it not applicable? '
        f'<input type="text" class="p2p-item__reason-input" maxlength="500"></label></div>'
        f'<details class="p2p-item__guidance"{details_open}><summary>What good looks like</summary>'
        f'<div class="p2p-item__guidance-body">{guidance_html(item.guidance)}</div>'
        f'<p class="p2p-item__meta">{meta}</p></details>{more}'
        f"</fieldset>"
    )


def _html_link(md_path: str) -> str:
    """A .md path -> the URL MkDocs gives it (use_directory_urls)."""
    if md_path.endswith("index.md"):
        return md_path[: -len("index.md")] or "./"
    return md_path[: -len(".md")] + "/"


def html_href(target: str, from_page: str) -> str:
    """Relative URL for raw HTML links: from the page's URL (not its .md file) to ``target``'s URL.

    MkDocs rewrites Markdown links, but not links inside raw HTML, and with
    directory URLs ``assessment.md`` is served at ``assessment/``.
    """
    here = _html_link(from_page)
    there = _html_link(target)
    start = here if here.endswith("/") else posixpath.dirname(here)
    rel = posixpath.relpath(there, start.rstrip("/") or ".")
    return rel + ("/" if there.endswith("/") and not rel.endswith("/") and rel != "." else "") if rel != "." else "./"


def checklist(model: Model, dim_id: str, from_page: str) -> str:
    """The live checklist of one dimension, as one raw HTML block."""
    try:
        dim = model.dimension(dim_id)
    except KeyError:
        known = ", ".join(d.id for d in model.dimensions)
        raise ValueError(f"checklist({dim_id!r}): no such dimension; expected one of {known}") from None
    items = "".join(_item(model, item, from_page, compact=False) for item in dim.items)
    return (
        f'<div class="p2p-checklist" data-p2p-checklist="{dim.id}">'
        f'<div class="p2p-summary" data-p2p-summary="{dim.id}" aria-live="polite">'
        f'<span class="p2p-summary__text">{len(dim.items)} items. Answer them here; your answers stay in this '
        f"browser and feed the assessment.</span></div>"
        f"{items}</div>"
    )


def assessment(model: Model, from_page: str) -> str:
    """The assessment root: results panel plus every checklist, compact."""
    sections = []
    for dim in model.dimensions:
        items = "".join(_item(model, item, from_page, compact=True) for item in dim.items)
        href = _esc(html_href(page_path(dim), from_page))
        sections.append(
            f'<section class="p2p-assessment__dimension" data-p2p-checklist="{dim.id}" id="assess-{dim.id}">'
            f'<h2 class="p2p-assessment__title">{_esc(dim.title)} '
            f'<a class="p2p-assessment__guide" href="{href}">guidance</a></h2>'
            f'<div class="p2p-summary" data-p2p-summary="{dim.id}" aria-live="polite"></div>'
            f"{items}</section>"
        )
    results = (
        '<section class="p2p-results" aria-labelledby="p2p-results-title">'
        '<h2 id="p2p-results-title">Result</h2>'
        '<p class="p2p-status" data-p2p-status role="status">Loading the scorer…</p>'
        '<div class="p2p-results__headline" aria-live="polite">'
        '<p>Decision: <strong class="p2p-decision" data-result="decision">—</strong></p>'
        '<p>Readiness score: <strong data-result="score">—</strong> '
        '<span class="p2p-results__sub" data-result="level"></span></p>'
        '<ul class="p2p-reasons" data-result="reasons"></ul></div>'
        '<div class="p2p-results__body">'
        '<div data-result="quick-check"></div>'
        '<div data-result="dimensions"></div>'
        '<div data-result="blockers"></div>'
        '<div data-result="plan"></div>'
        "</div></section>"
    )
    noscript = ('<noscript><p class="p2p-noscript">The live scorer needs JavaScript. Every question below is '
                "readable as it is; to score without a browser, run <code>pilot2prod template</code> and "
                "<code>pilot2prod score</code>.</p></noscript>")
    return (f'<div class="p2p-assessment" data-p2p-assessment data-scorer-state="loading">'
            f'{noscript}{results}<div class="p2p-assessment__checklists">{"".join(sections)}</div></div>')


def dimension_table(model: Model, from_page: str) -> str:
    """Markdown table of the dimensions with item counts (links checked by MkDocs)."""
    rows = ["| Dimension | What it covers | Items | Critical |", "|---|---|---:|---:|"]
    for dim in model.dimensions:
        critical = sum(1 for i in dim.items if i.critical)
        rows.append(f"| [{dim.title}]({relative(page_path(dim), from_page)}) | {_md(dim.summary)} | "
                    f"{len(dim.items)} | {critical} |")
    return "\n".join(rows)


def _md(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def roadmap(model: Model, from_page: str) -> str:
    """The phases, each with the items that must be done by then (Markdown)."""
    owners = _titles(model.config.owners)
    out = []
    for n, phase in enumerate(model.config.phases, 1):
        items = [i for d in model.dimensions for i in d.items if i.phase == phase.id]
        out.append(f"## {n}. {phase.title} {{#phase-{phase.id}}}")
        out.append("")
        if phase.summary:
            out.append(_md(phase.summary))
            out.append("")
        critical = sum(1 for i in items if i.critical)
        out.append(f"{len(items)} items, {critical} of them critical.")
        out.append("")
        out.append("| Item | Dimension | Owner | Done when |")
        out.append("|---|---|---|---|")
        for item in items:
            dim = model.dimension(item.dimension)
            flag = " **critical**" if item.critical else ""
            out.append(f"| [{item.id}]({item_link(model, item.id, from_page)}){flag} | {_md(dim.title)} | "
                       f"{_md(owners.get(item.owner, item.owner))} | {_md(item.question)} |")
        out.append("")
    return "\n".join(out)


def scoring_rules(model: Model) -> str:
    """The scoring configuration as prose and tables, so the page cannot drift from it."""
    c = model.config
    answers = "\n".join(f"| `{k}` | {ANSWER_LABELS[k]} | {v:g} |" for k, v in c.answers.items())
    rows = []
    for n, lv in enumerate(c.levels):
        last = n == len(c.levels) - 1
        upper = "and above" if lv.max is None else f"{lv.max:g} inclusive" if last else f"under {lv.max:g}"
        rows.append(f"| {_md(lv.name)} | {lv.min:g} | {upper} |")
    levels = "\n".join(rows)
    mode = ("the weighted share of the maximum, 0–100: Σ weight × value ÷ Σ weight × 100"
            if c.dimension_score == "percent" else "the sum of weight × value over its items")
    overall = ("the **weakest** dimension's score — a chain is as strong as its weakest link"
               if c.overall == "weakest" else "the weighted mean of the dimension scores")
    total_items = len(model.items)
    critical = sum(1 for i in model.items.values() if i.critical)
    return f"""Checklist version **{c.version}**: {len(model.dimensions)} dimensions, {total_items} items,
{critical} of them critical.

## Answers

| Answer | Shown as | Value |
|---|---|---:|
{answers}
| `na` | {ANSWER_LABELS['na']} | excluded |

`unsure` scores like `no` and the item is listed as *unknown*, so that not knowing
is never mistaken for being ready. `na` removes the item from the score and needs
a reason; a critical item marked `na` is flagged in the result. An item with no
answer counts as `unsure`.

## Dimension scores

Each dimension's score is {mode}, over the items that apply (not `na`).
Its level is the band the score falls in:

| Level | From | To |
|---|---:|---|
{levels}

## Overall score

The headline readiness score is {overall}. The weighted mean of all
dimensions is reported beside it.

## Decision

- **No-go** when any critical item is answered `no` or `unsure`, or the overall
  score is under **{c.no_go:g}**.
- **Conditional** when a critical item is only `partial`, or the overall score
  is under **{c.go:g}**.
- **Go** otherwise. Every reason is listed with the decision.

## Quick check

One headline item per dimension forms the quick check. With more than
**{c.quick_check_max_unmet}** of them answered `no` or `unsure`, the verdict is
*still a pilot*.

## Plan

Every item not answered `yes` (or `na`) becomes one action. Blockers come
first; the rest are ordered by weight × gap × weakness of the item's dimension,
where the gap is 1 − the answer's value and the weakness is 1 − the dimension's
share of its maximum. The plan is grouped by phase and by owner.
"""


def _field(name: str, label: str, value: str, unit: str = "", step: str = "any") -> str:
    return (f'<label class="p2p-calc__field"><span>{_esc(label)}</span>'
            f'<input type="number" name="{name}" value="{value}" step="{step}" min="0" inputmode="decimal">'
            f'{f"<small>{_esc(unit)}</small>" if unit else ""}</label>')


def cost_calculator() -> str:
    """The cost-at-scale form; the engine computes the results (scoring.calc) in the browser."""
    fields = "".join([
        _field("cost_per_call", "Cost per model call", "0.02", "currency units"),
        _field("calls_per_workflow", "Calls per workflow", "6"),
        _field("workflows_per_day", "Workflows per day at launch", "500"),
        _field("monthly_growth", "Monthly growth", "10", "%"),
        _field("ceiling", "Monthly budget ceiling", "25000", "currency units"),
        _field("days_per_month", "Working days per month", "30", step="1"),
    ])
    return (f'<form class="p2p-calc" data-p2p-calc="cost" aria-describedby="p2p-cost-help">'
            f'<p id="p2p-cost-help" class="p2p-calc__help">Monthly cost = cost per call × calls per workflow × '
            f"workflows per day × days. Results update as you type; nothing leaves this page.</p>"
            f'<div class="p2p-calc__fields">{fields}</div>'
            f'<output class="p2p-calc__result" data-calc-result="cost" aria-live="polite">'
            f"The calculator needs JavaScript; <code>pilot2prod cost</code> gives the same figures.</output></form>")


def latency_calculator() -> str:
    """The latency-budget form: components with budget and measured p95 against a target."""
    rows = [("Network and gateway", "150", "140"), ("Retrieval", "400", "650"),
            ("Model call", "1800", "1700"), ("Post-processing", "350", "300")]
    body = "".join(
        f'<tr data-calc-row><td><input type="text" name="name" value="{_esc(n)}" aria-label="Component"></td>'
        f'<td><input type="number" name="budget_ms" value="{b}" min="0" aria-label="Budget (ms)"></td>'
        f'<td><input type="number" name="p95_ms" value="{p}" min="0" aria-label="Measured p95 (ms)"></td></tr>'
        for n, b, p in rows)
    return (f'<form class="p2p-calc" data-p2p-calc="latency">'
            f'{_field("target_ms", "Target p95 end to end", "3000", "ms")}'
            f'<table class="p2p-calc__table"><thead><tr><th>Component</th><th>Budget (ms)</th>'
            f"<th>Measured p95 (ms)</th></tr></thead><tbody>{body}</tbody></table>"
            f'<output class="p2p-calc__result" data-calc-result="latency" aria-live="polite">'
            f"The calculator needs JavaScript; <code>pilot2prod latency</code> gives the same figures.</output></form>")
