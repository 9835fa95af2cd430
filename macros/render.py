"""Rendering the checklist model into page content.

Plain functions of the model (no MkDocs objects), so they are tested on their
own.  Checklists are rendered as HTML that works without JavaScript and follows
the browser contract (``data-item``, radio values, ``data-result``); text that
links to other pages is rendered as Markdown so that MkDocs checks the links.

Checklist text is data, never markup: titles, questions and the rest are escaped
for where they go (:func:`_esc` in HTML, :func:`_md` in Markdown), and guidance,
which is Markdown by design, is rendered with raw HTML turned off and only
http(s), mailto and relative links kept. No checklist can open a script element.
"""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import markdown as _markdown
from markdown.extensions import Extension
from markdown.extensions.tables import TableExtension
from markdown.treeprocessors import Treeprocessor

from scoring.answers import Answers
from scoring.layout import to_markdown
from scoring.model import ANSWER_CHOICES, Dimension, Framework, Item, Model
from scoring.report import PLAN_VIEWS, SECTIONS, document
from scoring.shapes import Result
from scoring.text import markdown as _md_text
from scoring.words import ANSWER_LABELS, say  # the site's words: how each answer is shown, the scorer's state

__all__ = [
    "ANSWER_KEYS",
    "ANSWER_LABELS",
    "assessment",
    "checklist",
    "dimension_table",
    "example_assessment",
    "example_compare",
    "framework_path",
    "guidance_html",
    "item_link",
    "link_ids",
    "quick_check",
    "ref_anchors",
    "roadmap",
    "scoring_rules",
    "summary_bar",
]

#: The answer whose reason field the page shows (and requires): "not applicable" needs a reason.
NA = "na"
#: The answer a note given to an unanswered item is filed under: an item with no answer counts as unsure.
UNANSWERED = "unsure"


def _esc(text: str) -> str:
    """Text for HTML: escaped, on one line (a blank line would end the raw HTML block it sits in)."""
    return html.escape(" ".join(str(text).split()))


def _md(text: str) -> str:
    """Text for Markdown: the engine's escaper, so a title can neither format nor open HTML."""
    return _md_text(text)


#: Link schemes guidance may use; a link with any other (``javascript:``, ``data:``) keeps its text only.
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


class _SafeLinks(Treeprocessor):
    def run(self, root: Element) -> None:
        for element in root.iter():
            for attr in ("href", "src"):
                value = element.get(attr)
                if value is None:
                    continue
                scheme = urlsplit(html.unescape(value).strip().replace("\\", "/")).scheme.lower()
                if scheme and scheme not in SAFE_SCHEMES:
                    del element.attrib[attr]


class _TextOnly(Extension):
    """Guidance as Markdown without raw HTML (shown as text) and without unsafe link schemes."""

    def extendMarkdown(self, md: _markdown.Markdown) -> None:  # noqa: N802 - the library's name
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinks(md), "p2p_safe_links", 0)


def guidance_html(text: str) -> str:
    """Markdown guidance -> HTML, with no blank lines (it sits inside a raw HTML block).

    Raw HTML in the guidance is shown as text, never passed through.
    """
    # align="right", not style="text-align: right": the site's CSP allows no inline style.
    out = _markdown.markdown(text, extensions=[TableExtension(use_align_attribute=True), "sane_lists", _TextOnly()],
                             output_format="html")
    return re.sub(r"\n\s*\n", "\n", out).strip()


_ID_IN_TEXT = re.compile(r"\b[A-Z][A-Z0-9]*-\d{3,}\b")
_TAG = re.compile(r"(<[^>]+>)")


def link_ids(model: Model, html_text: str, from_page: str, skip: str = "") -> str:
    """Turn the item ids mentioned in rendered guidance into links to their anchors.

    Only text outside tags, links and code is touched; ``skip`` (the item's own id) stays plain.
    """
    out: list[str] = []
    inside = 0  # depth of <a> and <code> elements
    for part in _TAG.split(html_text):
        if part.startswith("<"):
            name = re.match(r"</?([a-zA-Z0-9]+)", part)
            if name and name.group(1).lower() in ("a", "code"):
                inside += -1 if part.startswith("</") else 1
            out.append(part)
            continue
        if inside:
            out.append(part)
            continue

        def link(match: re.Match[str]) -> str:
            item_id = match.group(0)
            if item_id == skip or item_id not in model.items:
                return item_id
            href = html_href(page_path(model.dimension(model.items[item_id].dimension)), from_page)
            return f'<a href="{_esc(href)}#{item_id}">{item_id}</a>'
        out.append(_ID_IN_TEXT.sub(link, part))
    return "".join(out)


def page_path(dim: Dimension) -> str:
    return f"dimensions/{dim.page}.md"


def relative(target: str, from_page: str) -> str:
    """Relative link from the page ``from_page`` (a docs-relative .md path) to ``target``."""
    start = posixpath.dirname(from_page) or "."
    return posixpath.relpath(target, start)


def item_link(model: Model, item_id: str, from_page: str) -> str:
    item = model.items[item_id]
    return relative(page_path(model.dimension(item.dimension)), from_page) + f"#{item_id}"


def framework_path(framework_id: str) -> str:
    """The page of a framework: ``docs/frameworks/<id>.md`` (``{{ framework_page("<id>") }}`` fills it)."""
    return f"frameworks/{framework_id}.md"


def ref_anchors(framework: Framework) -> dict[str, str]:
    """Each reference id -> its anchor on the framework's page: lower case, every run of other characters
    a hyphen (``GOVERN 1.1`` -> ``govern-1-1``, ``Art. 4`` -> ``art-4``); a clash gets ``-2``, ``-3``."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for ref in framework.refs:
        base = re.sub(r"[^a-z0-9]+", "-", ref.id.lower()).strip("-") or "ref"
        anchor, n = base, 1
        while anchor in used:
            n += 1
            anchor = f"{base}-{n}"
        used.add(anchor)
        out[ref.id] = anchor
    return out


def _item_refs(model: Model, item: Item, from_page: str) -> str:
    """The references an item gives evidence toward, each linked to its line on its framework's page."""
    parts = []
    for framework in model.frameworks:
        ids = item.refs.get(framework.id, ())
        if not ids:
            continue
        anchors = ref_anchors(framework)
        href = _esc(html_href(framework_path(framework.id), from_page))
        links = ", ".join(f'<a href="{href}#{anchors[ref]}">{_esc(ref)}</a>' for ref in ids)
        parts.append(f'<span class="p2p-item__framework">{_esc(framework.short)}</span> {links}')
    if not parts:
        return ""
    return f'<p class="p2p-item__refs">Evidence toward: {" · ".join(parts)}</p>'


def _titles(stages) -> dict[str, str]:
    return {s.id: s.title for s in stages}


#: The key that answers the focused question with each answer (and its position, 1 to 5), shown as
#: ``keys.help`` says; the page reads them from each radio's ``data-p2p-keys``.
ANSWER_KEYS: dict[str, str] = {"yes": "y", "partial": "p", "no": "n", "unsure": "u", "na": "a"}


def _keys(value: str) -> str:
    return f"{ANSWER_KEYS[value]} {ANSWER_CHOICES.index(value) + 1}"


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
        f'<label class="p2p-answer p2p-answer--{value}"><input type="radio" name="{name}" value="{value}" '
        f'data-p2p-keys="{_keys(value)}" aria-keyshortcuts="{_keys(value).upper()}">'
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
    reason_id = f"p2p-reason-{item.id}"
    return (
        f'<fieldset class="p2p-item" data-item="{item.id}"{anchor}>'
        f'<legend class="p2p-item__legend"><span class="p2p-item__id">{item.id}</span> '
        f'<span class="p2p-item__question">{_esc(item.question)}</span>{badges}</legend>'
        f'<div class="p2p-item__answers">{radios}</div>'
        f'<div class="p2p-item__reason" data-p2p-when="{NA}" hidden><label>Why is it not applicable? (required) '
        f'<input type="text" class="p2p-item__reason-input" data-p2p-extra="reason" maxlength="500" '
        f'aria-describedby="{reason_id}">'
        f'</label><small id="{reason_id}" class="p2p-item__hint">Until it has a reason, this item counts as '
        f'\u201cNot sure\u201d, as <code>pilot2prod score</code> would not accept it either.</small></div>'
        f'<details class="p2p-item__extra"><summary>Note</summary><label>Note (kept with your answer and in '
        f'exports) <input type="text" class="p2p-item__note-input" data-p2p-extra="note" '
        f'data-p2p-fallback="{UNANSWERED}" maxlength="1000"></label></details>'
        f'<details class="p2p-item__guidance"{details_open}><summary>What good looks like</summary>'
        f'<div class="p2p-item__guidance-body">'
        f'{link_ids(model, guidance_html(item.guidance), from_page, item.id)}</div>'
        f'<p class="p2p-item__meta">{meta}</p>{_item_refs(model, item, from_page)}</details>{more}'
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
    href = _esc(html_href("assessment.md", from_page))
    return (
        f'<div class="p2p-checklist" data-p2p-checklist="{dim.id}" data-scorer-state="idle">'
        f'<div class="p2p-summary" data-p2p-dimension="{dim.id}" aria-live="polite">'
        f'<span class="p2p-summary__text">{len(dim.items)} items. Answer them here; your answers stay in this '
        f"browser and feed the assessment.</span></div>"
        f'<p class="p2p-status" data-p2p-status role="status" hidden></p>'
        f"{items}"
        f'<p class="p2p-checklist__next"><a href="{href}">See the decision and the plan for all dimensions</a></p>'
        f"{summary_bar(from_page)}</div>"
    )


def _tools() -> str:
    """Save, move and compare answers: shown only when JavaScript runs (the buttons need it)."""
    return (
        '<section class="p2p-tools" data-p2p-tools hidden aria-labelledby="p2p-tools-title">'
        '<h2 id="p2p-tools-title">Your answers</h2>'
        '<div class="p2p-tools__meta">'
        '<label class="p2p-tools__field">Pilot name <input type="text" data-p2p-field="pilot" maxlength="200" '
        'autocomplete="off"></label>'
        '<label class="p2p-tools__field">Assessed on <input type="date" data-p2p-field="assessed"></label>'
        '<p class="p2p-tools__progress" data-p2p-progress></p></div>'
        '<div class="p2p-tools__row" role="group" aria-label="Export">'
        '<button type="button" class="md-button" data-p2p-action="export-yaml">Export YAML</button>'
        '<button type="button" class="md-button" data-p2p-action="export-json">Export JSON</button>'
        '<button type="button" class="md-button" data-p2p-action="export-markdown">Markdown report</button>'
        '<button type="button" class="md-button" data-p2p-action="export-evidence-markdown">Evidence pack '
        '(Markdown)</button>'
        '<button type="button" class="md-button" data-p2p-action="export-evidence-html">Evidence pack (HTML)</button>'
        '<button type="button" class="md-button" data-p2p-action="print">Print</button></div>'
        '<div class="p2p-tools__row" role="group" aria-label="Import and compare">'
        '<label class="md-button p2p-file" data-p2p-drop="import">Import a file (YAML or JSON)\u2026'
        '<input type="file" class="p2p-file__input" data-p2p-file="import" '
        'accept=".yml,.yaml,.json,application/json,application/yaml,text/yaml"></label>'
        '<label class="md-button p2p-file" data-p2p-drop="compare">Compare with a previous export\u2026'
        '<input type="file" class="p2p-file__input" data-p2p-file="compare" '
        'accept=".yml,.yaml,.json,application/json,application/yaml,text/yaml"></label></div>'
        '<p class="p2p-tools__hint">Or drop a file on either button. A file with errors is not loaded: your '
        "current answers stay as they are.</p>"
        '<div class="p2p-tools__row">'
        '<button type="button" class="md-button" data-p2p-action="share">Create a share link</button>'
        '<label class="p2p-tools__share" hidden>Share link (the answers are in the part after #, which '
        'browsers never send to a server) <input type="text" readonly data-p2p-share></label>'
        '<button type="button" class="md-button p2p-button--danger" data-p2p-action="clear">Clear all '
        "answers\u2026</button></div>"
        '<div class="p2p-notice" data-p2p-notice role="status" aria-live="polite"></div>'
        '<div class="p2p-errors" data-p2p-errors role="alert"></div>'
        '<div class="p2p-compare" data-p2p-compare aria-live="polite"></div>'
        "</section>"
    )


def _plan_views() -> str:
    """The choice of the plan's view: the page asks the engine for the plan in the view chosen (shown once
    there is a plan). The values are :data:`scoring.report.PLAN_VIEWS`; the words the catalogue's."""
    options = "".join(f'<label><input type="radio" name="p2p-plan-view" value="{view}"{" checked" if n == 0 else ""}> '
                      f"{_esc(say(f'plan.{view}'))}</label>" for n, view in enumerate(PLAN_VIEWS))
    return (f'<fieldset class="p2p-plan__views" data-p2p-views="plan" hidden><legend>{_esc(say("plan.views"))}'
            f"</legend>{options}</fieldset>")


def _result_parts() -> str:
    """One element per section of the engine's report (:data:`scoring.report.SECTIONS`), which the page
    fills with that section (docs/javascripts/results.js): the decision, a live region, first.

    ``[data-result=score]`` holds no text (the decision's sentence gives the score): the page sets its
    ``data-value`` (and the decision's) to the engine's raw value, for styles and tests.
    """
    body = "".join(_plan_views() + f'<div data-result="{name}"></div>' if name == "plan" else
                   f'<div data-result="{name}"></div>' for name in SECTIONS if name not in ("decision", "reasons"))
    return ('<div class="p2p-results__headline" aria-live="polite" aria-atomic="true">'
            '<p class="p2p-decision" data-result="decision">\u2014</p><data data-result="score" value=""></data></div>'
            '<ul class="p2p-reasons" data-result="reasons"></ul>'
            f'<div class="p2p-results__body">{body}</div>')


def _root_href(target: str, from_page: str) -> str:
    """A file under the site's root (not a page), relative to the page's URL."""
    return posixpath.relpath(target, _html_link(from_page).rstrip("/") or ".")


def summary_bar(from_page: str) -> str:
    """The summary bar (``[data-p2p-summary]``): the decision, the score, the count answered and the quick
    check's verdict, held in view at the foot of the window while the reader answers, with a link to the full
    results. The page fills its parts with the engine's texts (``progress.bar`` of :func:`scoring.api.score`)
    and puts the ``announce`` text in its polite live region only when the decision changes. Hidden until
    the script runs: without it there is nothing to show."""
    href = _esc(html_href("assessment.md", from_page)) + "#p2p-results"
    parts = "".join(f' <span class="p2p-bar__{part}" data-p2p-bar="{part}"></span>' for part in ("score", "answered",
                                                                                               "quick"))
    return (f'<section class="p2p-bar" data-p2p-summary aria-label="{_esc(say("bar.label"))}" hidden>'
            f'<p class="p2p-bar__parts"><strong class="p2p-bar__decision" data-p2p-bar="decision">'
            f'{_esc(say("bar.waiting"))}</strong>{parts}</p>'
            f'<a class="p2p-bar__link" href="{href}">{_esc(say("bar.results"))}</a>'
            f'<p class="p2p-bar__announce" data-p2p-announce aria-live="polite"></p></section>')


def _keys_help() -> str:
    return f'<p class="p2p-keys" data-p2p-keys-help>{_esc(say("keys.help"))}</p>'


def _steps(model: Model) -> str:
    """The guided assessment's step list: one link per dimension, with its progress (filled by the page), and
    the choice of the single long view. Hidden until the script runs (without it every dimension is shown)."""
    steps = "".join(
        f'<li><a class="p2p-steps__step" href="#assess-{dim.id}" data-p2p-step="{dim.id}">'
        f'<span class="p2p-steps__title">{_esc(dim.title)}</span> '
        f'<span class="p2p-steps__count" data-p2p-step-count="{dim.id}"></span></a></li>'
        for dim in model.dimensions)
    return (f'<nav class="p2p-steps" data-p2p-steps aria-label="{_esc(say("steps.label"))}" hidden>'
            f'<label class="p2p-steps__all"><input type="checkbox" data-p2p-all> {_esc(say("steps.all"))}</label>'
            f'<ol class="p2p-steps__list">{steps}</ol>{_keys_help()}</nav>')


def _turn() -> str:
    """Previous / next dimension and the next unanswered question, under the dimension shown."""
    buttons = "".join(f'<button type="button" class="md-button{" md-button--primary" if go == "todo" else ""}" '
                      f'data-p2p-go="{go}">{_esc(say(f"steps.{go}"))}</button>'
                      for go in ("previous", "next", "todo"))
    return (f'<div class="p2p-turn" data-p2p-turn hidden>{buttons}'
            f'<p class="p2p-turn__status" data-p2p-turn-status role="status"></p></div>')


def _show_all_without_script(from_page: str) -> str:
    """Without a script every dimension is shown: a style sheet only a browser not running scripts loads
    (the site's CSP allows no inline style)."""
    href = _esc(_root_href("stylesheets/noscript.css", from_page))
    return f'<noscript><link rel="stylesheet" href="{href}"></noscript>'


def assessment(model: Model, from_page: str) -> str:
    """The guided assessment: the step list, one dimension shown at a time (the others ``hidden``, so only
    the one shown is laid out; a toggle shows them all), the results, the tools, and the summary bar."""
    sections = []
    for n, dim in enumerate(model.dimensions):
        items = "".join(_item(model, item, from_page, compact=True) for item in dim.items)
        href = _esc(html_href(page_path(dim), from_page))
        sections.append(
            f'<section class="p2p-assessment__dimension" data-p2p-checklist="{dim.id}" id="assess-{dim.id}"'
            f' aria-labelledby="assess-{dim.id}-title"{" hidden" if n else ""}>'
            f'<h2 class="p2p-assessment__title" id="assess-{dim.id}-title" tabindex="-1">{_esc(dim.title)} '
            f'<a class="p2p-assessment__guide" href="{href}">guidance</a></h2>'
            f'<div class="p2p-summary" data-p2p-dimension="{dim.id}" aria-live="polite"></div>'
            f"{items}</section>"
        )
    results = (
        '<section class="p2p-results" id="p2p-results" aria-labelledby="p2p-results-title">'
        '<h2 id="p2p-results-title">Result</h2>'
        f'<p class="p2p-status" data-p2p-status role="status">{_esc(say("status.loading"))}</p>'
        f"{_result_parts()}"
        '<section class="p2p-results__calculators" aria-labelledby="p2p-calculators-title">'
        '<h3 id="p2p-calculators-title">Calculators</h3>'
        '<details class="p2p-results__calc"><summary>Cost at scale</summary>'
        f"{cost_calculator()}</details>"
        '<details class="p2p-results__calc"><summary>Latency budget</summary>'
        f"{latency_calculator()}</details>"
        "</section></section>"
    )
    noscript = ('<noscript><p class="p2p-noscript">The live scorer needs JavaScript. Every question below is '
                "readable as it is; to score without a browser, run <code>pilot2prod template</code> and "
                "<code>pilot2prod score</code>.</p></noscript>")
    return (f'<div class="p2p-assessment" data-p2p-assessment data-scorer-state="loading">'
            f'{noscript}{_show_all_without_script(from_page)}{_steps(model)}'
            f'<div class="p2p-assessment__checklists">{"".join(sections)}</div>{_turn()}{results}{_tools()}'
            f"{summary_bar(from_page)}</div>")


def quick_check(model: Model, from_page: str) -> str:
    """The quick check: the headline items only, the same widgets (and the same saved answers) as the
    assessment, and the engine's quick-check section in ``[data-result=quick-check]``."""
    items = "".join(_item(model, item, from_page, compact=True)
                    for dim in model.dimensions for item in dim.items if item.headline)
    href = _esc(html_href("assessment.md", from_page))
    noscript = ('<noscript><p class="p2p-noscript">The verdict needs JavaScript. Every question below is readable '
                "as it is; <code>pilot2prod score</code> gives the quick check's verdict in the terminal."
                "</p></noscript>")
    return (f'<div class="p2p-quick" data-p2p-quick data-scorer-state="loading">{noscript}{_keys_help()}'
            f'<p class="p2p-status" data-p2p-status role="status">{_esc(say("status.loading"))}</p>'
            f'<div class="p2p-quick__items">{items}</div>'
            '<section class="p2p-quick__result" aria-labelledby="p2p-quick-title">'
            '<h2 id="p2p-quick-title">Verdict</h2><div data-result="quick-check"></div>'
            f'<p class="p2p-quick__next"><a href="{href}">Continue with the full assessment</a>: the answers given '
            "here are already in it.</p></section>"
            f"{summary_bar(from_page)}</div>")


def dimension_table(model: Model, from_page: str) -> str:
    """Markdown table of the dimensions with item counts (links checked by MkDocs)."""
    rows = ["| Dimension | What it covers | Items | Critical |", "|---|---|---:|---:|"]
    for dim in model.dimensions:
        critical = sum(1 for i in dim.items if i.critical)
        rows.append(f"| [{_md(dim.title)}]({relative(page_path(dim), from_page)}) | {_md(dim.summary)} | "
                    f"{len(dim.items)} | {critical} |")
    return "\n".join(rows)


def roadmap(model: Model, from_page: str) -> str:
    """The phases, each with the items that must be done by then (Markdown)."""
    owners = _titles(model.config.owners)
    out = []
    for n, phase in enumerate(model.config.phases, 1):
        items = [i for d in model.dimensions for i in d.items if i.phase == phase.id]
        out.append(f"## {n}. {_md(phase.title)} {{#phase-{phase.id}}}")
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
    headline = sum(1 for i in model.items.values() if i.headline)
    phases = " → ".join(_md(s.title) for s in c.phases)
    return f"""Checklist version **{_md(c.version)}**: {len(model.dimensions)} dimensions, {total_items} items,
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

One headline item per dimension forms the quick check: {headline} items. With more than
**{c.quick_check_max_unmet}** of them answered `no` or `unsure`, the verdict is
*still a pilot*; otherwise the pilot is ready for the full assessment.

## Plan

Every item not answered `yes` (or `na`) becomes one action, in this order:

1. **Blockers**: critical items answered `no` or `unsure`.
2. **Critical items only partly done**: they hold a conditional decision.
3. **Everything else, phase by phase**: {phases}.

Within each group, actions follow the phases too; within a phase, they are ordered
by weight × gap × weakness of the item's dimension, where the gap is 1 − the
answer's value and the weakness is 1 − the dimension's share of its maximum. The
plan is also grouped by phase and by owner.
"""


def _field(name: str, label: str, value: str, unit: str = "", step: str = "any", minimum: str = "0") -> str:
    return (f'<label class="p2p-calc__field"><span>{_esc(label)}</span>'
            f'<input type="number" name="{name}" value="{value}" step="{step}" min="{minimum}" inputmode="decimal">'
            f'{f"<small>{_esc(unit)}</small>" if unit else ""}</label>')


def cost_calculator() -> str:
    """The cost-at-scale form; the engine computes the results (scoring.calc) in the browser.

    Field names are :data:`scoring.calc.COST_FIELDS`, so the form's values are the calculator's input.
    """
    fields = "".join([
        _field("cost_per_call", "Cost per model call", "0.02", "currency units"),
        _field("calls_per_workflow", "Calls per workflow", "6"),
        _field("workflows_per_day", "Workflows per day at launch", "500"),
        _field("monthly_growth_percent", "Monthly growth of volume", "10", "% per month", minimum="-99"),
        _field("ceiling", "Monthly budget ceiling", "25000", "currency units; leave empty for none"),
        _field("days_per_month", "Days of use per month", "30", step="1"),
        _field("months", "Projection horizon", "12", "months", step="1"),
    ])
    return (f'<form class="p2p-calc" data-p2p-calc="cost" aria-label="Cost at scale calculator">'
            f'<p class="p2p-calc__help">Monthly cost = cost per call \u00d7 calls per workflow \u00d7 '
            f"workflows per day \u00d7 days. Results update as you type; nothing leaves this page.</p>"
            f'<div class="p2p-calc__fields">{fields}</div>'
            f'<output class="p2p-calc__result" data-calc-result="cost" aria-live="polite">'
            f"The calculator needs JavaScript; <code>pilot2prod cost FILE</code> gives the same figures.</output>"
            f"</form>")


def _latency_row(index: str, number: str, name: str, budget: str, p95: str) -> str:
    """One component row; its inputs are named as the engine's fields (``components[0].budget_ms``), one name each."""
    field = f"components[{index}]"
    return (f'<tr data-calc-row><td><input type="text" name="{field}.name" value="{_esc(name)}" '
            f'aria-label="Component {number}"></td><td><input type="number" name="{field}.budget_ms" value="{budget}" '
            f'min="0" aria-label="Component {number} budget (ms)"></td><td><input type="number" name="{field}.p95_ms" '
            f'value="{p95}" min="0" aria-label="Component {number} measured p95 (ms)"></td></tr>')


def latency_calculator() -> str:
    """The latency-budget form: components with budget and measured p95 against a target (scoring.calc)."""
    rows = [("Network and gateway", "150", "140"), ("Retrieval", "400", "650"),
            ("Model call", "1800", "1700"), ("Post-processing", "350", "300")]
    body = "".join(_latency_row(str(i), str(i + 1), name, budget, p95) for i, (name, budget, p95) in enumerate(rows))
    # The row "Add a component" adds: the page fills {index} and {number} (scoring/words.py's field syntax).
    template = _latency_row("{index}", "{number}", "", "", "")
    return (f'<form class="p2p-calc" data-p2p-calc="latency" aria-label="Latency budget calculator">'
            f'{_field("target_ms", "Target p95 end to end", "3000", "ms")}'
            f'<table class="p2p-calc__table"><thead><tr><th scope="col">Component</th>'
            f'<th scope="col">Budget (ms)</th><th scope="col">Measured p95 (ms)</th></tr></thead>'
            f'<tbody data-calc-rows="components">{body}</tbody></table>'
            f"<template data-calc-template>{template}</template>"
            f'<p class="p2p-calc__help">Leave a measured p95 empty when there is none yet; clear a row\u2019s '
            f"name and budget to leave it out.</p>"
            f'<button type="button" class="md-button p2p-calc__add" data-calc-add hidden>Add a component</button>'
            f'<output class="p2p-calc__result" data-calc-result="latency" aria-live="polite">'
            f"The calculator needs JavaScript; <code>pilot2prod latency FILE</code> gives the same figures.</output>"
            f"</form>")


def _id_runs(ids: list[str]) -> list[tuple[str, str]]:
    """Consecutive ids of one prefix as (first, last) runs: OWN-001..OWN-009 -> one run."""
    runs: list[tuple[str, str]] = []
    for item_id in ids:
        prefix, _, number = item_id.rpartition("-")
        if runs:
            first, last = runs[-1]
            last_prefix, _, last_number = last.rpartition("-")
            if last_prefix == prefix and int(number) == int(last_number) + 1:
                runs[-1] = (first, item_id)
                continue
        runs.append((item_id, item_id))
    return runs


def _run_text(model: Model, first: str, last: str, from_page: str) -> str:
    def one(item_id: str) -> str:
        if item_id in model.items:
            return f"[{item_id}]({item_link(model, item_id, from_page)})"
        since = model.retired[item_id].since if item_id in model.retired else ""
        return f"{item_id} (retired{' in ' + _md(since) if since else ''})"

    if first == last:
        return one(first)
    if all(i in model.items for i in (first, last)):
        return f"{one(first)} to {one(last)}"
    prefix, _, a = first.rpartition("-")
    b = last.rpartition("-")[2]
    return ", ".join(one(f"{prefix}-{n:0{len(a)}d}") for n in range(int(a), int(b) + 1))


def changelog(model: Model, from_page: str) -> str:
    """One section per checklist release, newest first, from the registry (``ids.yml``)."""
    releases = list(model.releases)
    if not releases:
        return f"## {_md(model.config.version)}\n\nThe current checklists; no release history is recorded.\n"
    later_added = {item_id for release in releases[1:] for item_id in release.added}
    first_ids = [i for i in model.issued if i not in later_added]
    out = []
    for index in range(len(releases) - 1, -1, -1):
        release = releases[index]
        added = first_ids if index == 0 else list(release.added)
        out.append(f"## {_md(release.version)}" + (f" ({_md(release.date)})" if release.date else ""))
        out.append("")
        if release.notes:
            out += [_md(release.notes), ""]
        if added:
            out += [f"Added {len(added)} item{'s' if len(added) != 1 else ''}:", ""]
            titles = {d.id: d.title for d in model.dimensions}
            prefixes = list(titles) + sorted({i.rpartition("-")[0] for i in added} - set(titles))
            for prefix in prefixes:
                ids = [i for i in added if i.rpartition("-")[0] == prefix]
                if ids:
                    runs = ", ".join(_run_text(model, a, b, from_page) for a, b in _id_runs(ids))
                    out.append(f"- **{_md(titles.get(prefix, prefix))}**: {runs}")
            out.append("")
        gone = [r for r in model.retired.values() if r.since == release.version]
        if gone:
            out += ["Retired:", ""]
            for entry in gone:
                target = (f"replaced by [{entry.replaced_by}]({item_link(model, entry.replaced_by, from_page)})"
                          if entry.replaced_by else "not replaced")
                out.append(f"- {entry.id}: {target} — {_md(entry.reason)}")
            out.append("")
        else:
            out += ["No ids were retired.", ""]
    return "\n".join(out)


def example_assessment(model: Model, answers: Answers, result: Result, from_page: str, extra_steps: int = 5) -> str:
    """One assessment of the case study: the engine's report (:func:`scoring.report.document`) as Markdown.

    The same report as ``pilot2prod score --format markdown``, with what the team wrote beside the items
    that hold the decision, the plan cut to those items and ``extra_steps`` more, item ids linked to their
    guidance on this site, and headings one level down (the page's own sections are level 2).
    """
    holding = sum(1 for step in result["plan"] if step["critical"])
    report = document(result, model, title=False, answers=answers.given, steps=holding + extra_steps)

    def href(item_id: str, page: str) -> str:
        return relative(f"dimensions/{page}.md", from_page) + f"#{item_id}"
    return to_markdown(report, href=href, shift=1)


def example_compare(output: str, command: str) -> str:
    """A command and its output as a console block (Markdown)."""
    fence = "```"
    while fence in output:
        fence += "`"
    return f"{fence}console\n$ {command}\n{output.rstrip()}\n{fence}\n"
