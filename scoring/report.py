"""Reports of a result: text, Markdown, JSON and a self-contained HTML page with an SVG chart."""

from __future__ import annotations

from typing import Any

from .calc import HORIZON_MONTHS
from .model import Model
from .releases import describe_changes
from .text import html as _esc
from .text import http_url, json_text, markdown_code, number, one_line
from .text import lines as _lines
from .text import markdown as _md

__all__ = ["render", "to_text", "to_markdown", "to_json", "to_html", "svg_chart", "FORMATS",
           "compare_text", "cost_text", "latency_text"]

FORMATS = ("text", "markdown", "json", "html")
DECISION_LABEL = {"go": "GO", "conditional": "CONDITIONAL", "no-go": "NO-GO"}


def _num(value: float | None) -> str:
    """A figure as reports show it: to 0.1, ``n/a`` when there is none."""
    return number(value, 1)


def _item_titles(model: Model) -> dict[str, str]:
    return {item_id: item.title for item_id, item in model.items.items()}


def to_json(result: dict[str, Any]) -> str:
    """Standard JSON: never NaN or Infinity (:class:`~scoring.text.NotFinite` instead)."""
    return json_text(result, indent=2) + "\n"


def to_text(result: dict[str, Any], model: Model) -> str:
    titles = _item_titles(model)
    lines = []
    if result.get("pilot"):
        lines.append(f"Pilot: {result['pilot']}" + (f" (assessed {result['assessed']})" if result.get("assessed") else ""))
    lines.append(f"Decision: {DECISION_LABEL[result['decision']]}")
    for reason in result["reasons"]:
        lines.append(f"  - {reason}")
    lines.append(f"Score: {_num(result['score'])} ({result['level']}; "
                 f"{'weakest dimension' if result['overall_rule'] == 'weakest' else 'weighted mean'}), "
                 f"weighted mean {_num(result['mean'])}")
    lines.append("")
    width = max((len(one_line(d["title"])) for d in result["dimensions"]), default=10)
    for dim in result["dimensions"]:
        bar = ""
        if dim["score"] is not None and dim["max"]:
            bar = "#" * round(20 * min(1.0, max(0.0, dim["score"] / dim["max"])))
        lines.append(f"  {one_line(dim['title']):<{width}}  {_num(dim['score']):>5}  {bar:<20}  {dim['level']}")
    lines.append("")
    qc = result["quick_check"]
    lines.append(f"Quick check: {qc['verdict']} ({len(qc['unmet'])} of {len(qc['items'])} headline items unmet)")
    if result["blockers"]:
        lines.append("Blockers: " + ", ".join(f"{i} {titles.get(i, '')}".strip() for i in result["blockers"]))
    if result["unknown"]:
        lines.append(f"Unknown ({len(result['unknown'])}): " + ", ".join(result["unknown"]))
    if result["flagged_na"]:
        lines.append("Critical items marked na (check the reason): " + ", ".join(result["flagged_na"]))
    for note in _notes(result):
        lines.append(note)
    heading, changed = describe_changes(result)
    if heading:
        lines += ["", heading] + [f"  - {line}" for line in changed]
    if result["plan"]:
        lines.append("")
        lines.append("Plan:")
        for n, step in enumerate(result["plan"], 1):
            tag = " [blocker]" if step["blocker"] else ""
            lines.append(f"  {n:>2}. {step['item']}{tag} ({step['phase']}, {step['owner']}): {step['action']}")
    return _lines(lines)


def _notes(result: dict[str, Any]) -> list[str]:
    out = []
    if result["unrecognised"]:
        out.append("Not in these checklists (ignored): " + ", ".join(result["unrecognised"]))
    return out




def to_markdown(result: dict[str, Any], model: Model, base_url: str = "") -> str:
    """A Markdown report; item ids link to their guidance when ``base_url`` is an http(s) address.

    Every text that came from a user or a checklist is escaped (:func:`scoring.text.markdown`):
    the report renders it as written, and no link but those to the guidance.
    """
    titles = _item_titles(model)
    pages = {d.id: d.page for d in model.dimensions}
    base = base_url.rstrip("/") if http_url(base_url) else ""

    def link(item_id: str) -> str:
        if not base or item_id not in model.items:
            return _md(item_id)
        return f"[{_md(item_id)}]({base}/dimensions/{pages[model.items[item_id].dimension]}/#{item_id})"

    out = [f"# Readiness: {_md(result['pilot'])}" if result.get("pilot") else "# Readiness assessment", ""]
    out.append(f"**Decision: {DECISION_LABEL[result['decision']]}** — score {_num(result['score'])} "
               f"({_md(result['level'])}), weighted mean {_num(result['mean'])}.")
    out.append("")
    for reason in result["reasons"]:
        out.append(f"- {_md(reason)}")
    out += ["", "| Dimension | Score | Level |", "|---|---:|---|"]
    for dim in result["dimensions"]:
        out.append(f"| {_md(dim['title'])} | {_num(dim['score'])} | {_md(dim['level'])} |")
    qc = result["quick_check"]
    out += ["", f"**Quick check:** {qc['verdict']} ({len(qc['unmet'])} of {len(qc['items'])} headline items unmet)."]
    if result["blockers"]:
        out += ["", "## Blockers", ""]
        out += [f"- {link(i)} {_md(titles.get(i, ''))}" for i in result["blockers"]]
    if result["unknown"]:
        out += ["", f"## Unknown ({len(result['unknown'])})", "", ", ".join(link(i) for i in result["unknown"])]
    notes = _notes(result)
    if result["flagged_na"]:
        notes.insert(0, "Critical items marked na: " + ", ".join(result["flagged_na"]))
    if notes:
        out += ["", "## Notes", ""] + [f"- {_md(n)}" for n in notes]
    heading, changed = describe_changes(result)
    if heading:
        out += ["", "## Checklist changes", "", _md(heading)]
        if changed:
            out += [""] + [f"- {_md(line)}" for line in changed]
    if result["plan"]:
        out += ["", "## Plan", "", "| # | Item | Phase | Owner | Action |", "|---:|---|---|---|---|"]
        for n, step in enumerate(result["plan"], 1):
            flag = " **blocker**" if step["blocker"] else ""
            out.append(f"| {n} | {link(step['item'])}{flag} | {_md(step['phase'])} | {_md(step['owner'])} "
                       f"| {_md(step['action'])} |")
    return _lines(out)


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


def svg_chart(result: dict[str, Any], width: int = 720) -> str:
    """The dimension scores as bars, the weakest one marked.

    The label column is sized from the longest title (about 7.2 px per character
    at 13 px), and the value column fits "100 (weakest)", so nothing is clipped.
    """
    dims = result["dimensions"]
    longest = max((len(d["title"]) for d in dims), default=10)
    bars = []
    for dim in dims:
        weakest = dim["id"] == result.get("weakest")
        fraction = 0.0 if dim["score"] is None else dim["score"] / (dim["max"] or 1)
        bars.append((dim["title"], fraction, _num(dim["score"]) + (" (weakest)" if weakest else ""),
                     "p2p-chart__bar" + (" p2p-chart__bar--weakest" if weakest else ""),
                     "#c62828" if weakest else "#3949ab"))
    return bar_chart(bars, "Score per dimension", label_w=min(int(longest * 7.2) + 16, width // 2),
                     value_w=104, width=width)


def to_html(result: dict[str, Any], model: Model) -> str:
    """One self-contained HTML file: no scripts, no external resources; every text escaped."""
    esc = _esc
    titles = _item_titles(model)
    title = f"Readiness: {result['pilot']}" if result.get("pilot") else "Readiness assessment"
    rows = "".join(f"<tr><td>{esc(d['title'])}</td><td>{_num(d['score'])}</td><td>{esc(d['level'])}</td></tr>"
                   for d in result["dimensions"])
    reasons = "".join(f"<li>{esc(r)}</li>" for r in result["reasons"])
    plan = "".join(
        f"<tr><td>{n}</td><td>{esc(s['item'])}{' <strong>blocker</strong>' if s['blocker'] else ''}</td>"
        f"<td>{esc(s['phase'])}</td><td>{esc(s['owner'])}</td><td>{esc(s['action'])}</td></tr>"
        for n, s in enumerate(result["plan"], 1))
    blockers = "".join(f"<li>{esc(i)} {esc(titles.get(i, ''))}</li>" for i in result["blockers"])
    qc = result["quick_check"]
    heading, changed = describe_changes(result)
    changes = (f"<h2>Checklist changes</h2><p>{esc(heading)}</p>" +
               (f"<ul>{''.join(f'<li>{esc(line)}</li>' for line in changed)}</ul>" if changed else "")
               if heading else "")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1f}}
table{{border-collapse:collapse;width:100%;margin:1rem 0}}td,th{{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left}}
.decision{{font-size:1.4rem;font-weight:700}}.go{{color:#1b5e20}}.conditional{{color:#8d5300}}.no-go{{color:#b71c1c}}
</style></head><body>
<h1>{esc(title)}</h1>
<p class="decision {esc(result['decision'])}">Decision: {DECISION_LABEL[result['decision']]}</p>
<ul>{reasons}</ul>
<p>Score {_num(result['score'])} ({esc(result['level'])}), weighted mean {_num(result['mean'])}.
Quick check: {esc(qc['verdict'])}.</p>
{svg_chart(result)}
<table><thead><tr><th>Dimension</th><th>Score</th><th>Level</th></tr></thead><tbody>{rows}</tbody></table>
{f'<h2>Blockers</h2><ul>{blockers}</ul>' if blockers else ''}
{changes}
{f'<h2>Plan</h2><table><thead><tr><th>#</th><th>Item</th><th>Phase</th><th>Owner</th><th>Action</th></tr></thead><tbody>{plan}</tbody></table>' if plan else ''}
</body></html>
"""


def render(result: dict[str, Any], model: Model, fmt: str) -> str:
    if fmt == "json":
        return to_json(result)
    if fmt == "markdown":
        return to_markdown(result, model)
    if fmt == "html":
        return to_html(result, model)
    return to_text(result, model)


# --------------------------------------------------------------------------
# Comparisons and calculators

def _signed(value: float | None) -> str:
    if value is None:
        return "n/a"
    return ("+" if value > 0 else "") + _num(value) if value else "±0"


def compare_text(diff: dict[str, Any], markdown: bool = False) -> str:
    """Text (or Markdown) rendering of :func:`scoring.compare.compare`."""
    t = _md if markdown else one_line  # every value from a file, escaped for the format
    d, s, m = diff["decision"], diff["score"], diff["mean"]
    arrow = " → " if markdown else " -> "
    decision = (f"{DECISION_LABEL[d['old']]}{arrow}{DECISION_LABEL[d['new']]}" if d["old"] != d["new"]
                else f"{DECISION_LABEL[d['new']]} (unchanged)")
    score = (f"Score: {_num(s['old'])}{arrow}{_num(s['new'])} ({_signed(s['delta'])}); "
             f"weighted mean {_num(m['old'])}{arrow}{_num(m['new'])} ({_signed(m['delta'])})")
    sides = []  # which file is before and which after, when the caller named them
    for side, key in (("Before", "old"), ("After", "new")):
        if diff.get("files", {}).get(key):
            when = diff.get("assessed", {}).get(key)
            name = f"`{markdown_code(diff['files'][key])}`" if markdown else one_line(diff["files"][key])
            label = f"**{side}:**" if markdown else f"{side + ':':<7}"
            sides.append(f"{label} {name}" + (f" (assessed {when})" if when else ""))
    lines: list[str] = []
    if markdown:
        lines += ["# What moved", ""] + ([*(f"- {side}" for side in sides), ""] if sides else [])
        lines += [f"**Decision: {decision}**", "", score + ".", "",
                  "| Dimension | Before | After | Change | Level |", "|---|---:|---:|---:|---|"]
        for dim in diff["dimensions"]:
            level = (t(dim["new_level"]) if dim["old_level"] == dim["new_level"]
                     else f"{t(dim['old_level'])} → {t(dim['new_level'])}")
            lines.append(f"| {t(dim['title'])} | {_num(dim['old'])} | {_num(dim['new'])} "
                         f"| {_signed(dim['delta'])} | {level} |")
    else:
        lines += [*sides, f"Decision: {decision}", score, ""]
        width = max((len(t(dim["title"])) for dim in diff["dimensions"]), default=10)
        for dim in diff["dimensions"]:
            level = "" if dim["old_level"] == dim["new_level"] else f"  {dim['old_level']} -> {dim['new_level']}"
            lines.append(f"  {t(dim['title']):<{width}}  {_num(dim['old']):>5} -> {_num(dim['new']):>5}  "
                         f"{_signed(dim['delta']):>6}{level}")
    lines.append("")
    notes: list[str] = []
    if diff["blockers_resolved"]:
        notes.append("Blockers resolved: " + ", ".join(t(i) for i in diff["blockers_resolved"]))
    if diff["blockers_new"]:
        notes.append("New blockers: " + ", ".join(t(i) for i in diff["blockers_new"]))
    u = diff["unknown"]
    if u["old"] != u["new"]:
        notes.append(f"Unknown items: {u['old']}{arrow}{u['new']}")
    if diff["versions"]["old"] != diff["versions"]["new"]:
        notes.append(f"Checklist versions differ: {t(diff['versions']['old'])}{arrow}{t(diff['versions']['new'])}")
    lines += [f"- {n}" for n in notes] if markdown else notes
    if diff["items"]:
        lines += ["", f"Answers changed ({len(diff['items'])}):"] if notes else [f"Answers changed ({len(diff['items'])}):"]
        if markdown:
            lines.append("")
        for change in diff["items"]:
            lines.append(f"{'- ' if markdown else '  '}{t(change['item'])}: {t(change['old'])}{arrow}"
                         f"{t(change['new'])} ({change['direction']})")
    else:
        lines.append("No answer changed.")
    return _lines(lines)


def _money(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.2f}"


def cost_text(result: dict[str, Any]) -> str:
    """Text rendering of :func:`scoring.calc.cost`."""
    months = result["months"]
    lines = [
        f"Cost per workflow: {result['cost_per_workflow']:,.4f}",
        f"Daily cost:        {_money(result['daily_cost'])}",
        f"Monthly cost now:  {_money(result['monthly_cost'])}",
        f"{f'In {months} months:':<19}{_money(result['monthly_cost_at_horizon'])}",
        f"At 10x volume:     {_money(result['monthly_cost_10x'])}",
    ]
    if result["ceiling"] is not None:
        lines.append(f"Ceiling:           {_money(result['ceiling'])}")
        pct = f" ({_num(result['headroom_percent'])}%)" if result["headroom_percent"] is not None else ""
        label = "Headroom" if result["headroom"] >= 0 else "Over the ceiling by"
        lines.append(f"{label + ':':<19}{_money(abs(result['headroom']))}{pct}")
        month = result["crosses_ceiling_in_month"]
        if month == 0:
            lines.append("The ceiling is already exceeded.")
        elif month is None:
            lines.append(f"The ceiling is not crossed within {HORIZON_MONTHS} months at this growth rate.")
        else:
            lines.append(f"The ceiling is crossed in month {month}.")
        if result["max_cost_per_workflow_at_10x"] is not None:
            lines.append(f"10x volume fits the ceiling at a cost per workflow of at most "
                         f"{result['max_cost_per_workflow_at_10x']:,.4f}.")
    return _lines(lines)


def latency_text(result: dict[str, Any]) -> str:
    """Text rendering of :func:`scoring.calc.latency`."""
    rows = result["components"]
    names = [one_line(r["name"]) for r in rows]
    width = max([len("Component"), len("Total")] + [len(name) for name in names])
    lines = [f"{'Component':<{width}}  {'budget':>8}  {'p95':>8}  status"]
    for name, r in zip(names, rows):
        status = f"over by {_num(r['over_by_ms'])} ms" if r["status"] == "over" else r["status"]
        lines.append(f"{name:<{width}}  {_num(r['budget_ms']):>8}  "
                     f"{_num(r['p95_ms']) if r['p95_ms'] is not None else '-':>8}  {status}")
    measured = _num(result["measured_total_ms"]) if result["measured_total_ms"] is not None else "-"
    lines.append(f"{'Total':<{width}}  {_num(result['budget_total_ms']):>8}  {measured:>8}")
    lines.append("")
    target = _num(result["target_ms"])
    if result["budget_within_target"]:
        lines.append(f"Budget: {_num(result['budget_total_ms'])} ms allocated of the {target} ms target "
                     f"({_num(result['unallocated_ms'])} ms unallocated).")
    else:
        lines.append(f"Budget: {_num(result['budget_total_ms'])} ms allocated, over the {target} ms target "
                     f"by {_num(-result['unallocated_ms'])} ms.")
    if result["measured_within_target"] is None:
        lines.append("Measured: no component has a measured p95 yet.")
    elif result["measured_within_target"]:
        lines.append(f"Measured: {measured} ms, within the {target} ms target.")
    else:
        lines.append(f"Measured: {measured} ms, over the {target} ms target by "
                     f"{_num(result['measured_over_target_ms'])} ms.")
    if result["over_budget"]:
        lines.append("Over budget: " + ", ".join(result["over_budget"]))
    return _lines(lines)
