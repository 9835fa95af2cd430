"""A portfolio: many pilots' results rolled up into one table, with the blockers they share.

:func:`portfolio` takes results of :func:`scoring.engine.score` (already loaded and scored by
the caller; this module reads no files) and returns a JSON-ready summary; :func:`render_portfolio`
turns it into text, Markdown, JSON or one self-contained HTML page.
"""

from __future__ import annotations

from typing import Any, Sequence

from .model import Model
from .report import DECISION_LABEL, _num, bar_chart, to_json
from .shapes import CommonBlocker, Decision, PilotRow, Portfolio, Result, WeakestCount
from .text import html as _esc
from .text import lines as _lines
from .text import markdown as _md
from .text import markdown_code, one_line

__all__ = ["portfolio", "render_portfolio", "PORTFOLIO_FORMATS"]

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
# Renderers

def _decisions(summary: dict[str, Any]) -> str:
    return ", ".join(f"{summary['decisions'][d]} {d}" for d in DECISION_ORDER)


def _headline(summary: dict[str, Any]) -> str:
    n = summary["count"]
    return f"{n} pilot{'s' if n != 1 else ''} scored against checklists {summary['version']}: {_decisions(summary)}"


def _weakest_title(row: dict[str, Any]) -> str:
    return row["weakest"]["title"] if row["weakest"] else "n/a"


def _notes(summary: dict[str, Any]) -> list[str]:
    """The lines under the tables, as plain text (each format escapes them its own way)."""
    notes = []
    if summary["weakest_dimensions"]:
        notes.append("Weakest dimensions: " + ", ".join(f"{w['title']} ({w['count']})"
                                                        for w in summary["weakest_dimensions"]))
    if summary["other_versions"]:
        others = ", ".join(f"{o['name']} ({o['version']})" for o in summary["other_versions"])
        notes.append(f"Assessed against other checklist versions: {others}")
    return notes


def _text(summary: dict[str, Any]) -> str:
    header = ("Pilot", "Decision", "Score", "Weakest dimension", "Blockers", "Unknown")
    rows = [(one_line(r["name"]), DECISION_LABEL[r["decision"]], _num(r["score"]), one_line(_weakest_title(r)),
             str(len(r["blockers"])), str(len(r["unknown"]))) for r in summary["pilots"]]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    right = {2, 4, 5}

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.rjust(widths[i]) if i in right else c.ljust(widths[i])
                         for i, c in enumerate(cells)).rstrip()

    out = [f"Portfolio: {_headline(summary)}", "", line(header)] + [line(r) for r in rows]
    n = summary["count"]
    if summary["common_blockers"]:
        out += ["", "Most common blockers:"]
        counts = [f"{b['count']} of {n}" for b in summary["common_blockers"]]
        count_w = max(len(c) for c in counts)
        out += [f"  {c:>{count_w}}  {b['item']} {b['title']}".rstrip()
                for c, b in zip(counts, summary["common_blockers"])]
    else:
        out += ["", "No pilot has a blocker."]
    out += _notes(summary)
    return _lines(out)


def _markdown(summary: dict[str, Any]) -> str:
    n = summary["count"]
    out = ["# Portfolio readiness", "", _md(_headline(summary)) + ".", "",
           "| Pilot | File | Decision | Score | Weakest dimension | Blockers | Unknown |",
           "|---|---|---|---:|---|---:|---:|"]
    for r in summary["pilots"]:
        out.append(f"| {_md(r['name'])} | `{markdown_code(r['file'])}` | **{DECISION_LABEL[r['decision']]}** "
                   f"| {_num(r['score'])} | {_md(_weakest_title(r))} | {len(r['blockers'])} | {len(r['unknown'])} |")
    out += ["", "## Most common blockers", ""]
    if summary["common_blockers"]:
        out += ["| Item | Title | Pilots blocked |", "|---|---|---:|"]
        out += [f"| {_md(b['item'])} | {_md(b['title'])} | {b['count']} of {n} |" for b in summary["common_blockers"]]
    else:
        out.append("No pilot has a blocker.")
    notes = _notes(summary)
    if notes:
        out += [""] + [f"- {_md(note)}" for note in notes]
    return _lines(out)


_COLOURS = {"go": "#2e7d32", "conditional": "#b26a00", "no-go": "#c62828"}


def _chart(summary: dict[str, Any], scale: float) -> str:
    """One bar per pilot (its score), coloured by decision."""
    bars = [(r["name"], 0.0 if r["score"] is None else r["score"] / scale,
             f'{_num(r["score"])} {DECISION_LABEL[r["decision"]]}',
             f'p2p-chart__bar p2p-chart__bar--{r["decision"]}', _COLOURS[r["decision"]])
            for r in summary["pilots"]]
    return bar_chart(bars, "Score per pilot", label_w=230, value_w=110, width=640)


def _html(summary: dict[str, Any], scale: float) -> str:
    esc = _esc
    n = summary["count"]
    rows = "".join(
        f'<tr><td>{esc(r["name"])}</td><td><code>{esc(r["file"])}</code></td>'
        f'<td class="{esc(r["decision"])}">{DECISION_LABEL[r["decision"]]}</td><td>{_num(r["score"])}</td>'
        f'<td>{esc(_weakest_title(r))}</td><td>{len(r["blockers"])}</td><td>{len(r["unknown"])}</td></tr>'
        for r in summary["pilots"])
    blockers = "".join(f"<tr><td>{esc(b['item'])}</td><td>{esc(b['title'])}</td><td>{b['count']} of {n}</td></tr>"
                       for b in summary["common_blockers"])
    blockers_html = (f"<table><thead><tr><th>Item</th><th>Title</th><th>Pilots blocked</th></tr></thead>"
                     f"<tbody>{blockers}</tbody></table>" if blockers else "<p>No pilot has a blocker.</p>")
    notes = _notes(summary)
    notes_html = f"<ul>{''.join(f'<li>{esc(note)}</li>' for note in notes)}</ul>" if notes else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Portfolio readiness</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1f}}
table{{border-collapse:collapse;width:100%;margin:1rem 0}}td,th{{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left}}
.go{{color:#1b5e20;font-weight:700}}.conditional{{color:#8d5300;font-weight:700}}.no-go{{color:#b71c1c;font-weight:700}}
</style></head><body>
<h1>Portfolio readiness</h1>
<p>{esc(_headline(summary))}.</p>
{_chart(summary, scale)}
<table><thead><tr><th>Pilot</th><th>File</th><th>Decision</th><th>Score</th><th>Weakest dimension</th><th>Blockers</th><th>Unknown</th></tr></thead>
<tbody>{rows}</tbody></table>
<h2>Most common blockers</h2>
{blockers_html}
{notes_html}
</body></html>
"""


def render_portfolio(summary: dict[str, Any], model: Model, fmt: str) -> str:
    """Render :func:`portfolio`'s summary as ``text``, ``markdown``, ``json`` or ``html``."""
    if fmt == "json":
        return to_json(summary)
    if fmt == "markdown":
        return _markdown(summary)
    if fmt == "html":
        # Bars are drawn against the largest score a pilot could reach (100 in percent mode).
        scale = 100.0 if model.config.dimension_score == "percent" else max(
            (sum(i.weight for i in d.items) for d in model.dimensions), default=1.0) or 1.0
        return _html(summary, scale)
    return _text(summary)
