"""The plan as a roadmap: phases as columns, owners as rows, each step a labelled cell.

:func:`blocks` is the report's ``roadmap`` section: an SVG drawn here (HTML and the page), with a table of
the same cells for Markdown (:func:`scoring.doc.chart`'s ``alt``). :func:`text_blocks` is the terminal's:
one column per phase and one line per step, so that no line grows with the plan.

Only the phases and owners that have a step are shown, in ``scoring.yml``'s order; steps keep the plan's
order within a cell. The SVG uses only the elements and attributes the page lets through (``svg``,
``title``, ``desc``, ``g``, ``rect``, ``text``, ``tspan``; no ids, links, styles or scripts), and every
text in it is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from . import doc as d
from .doc import Block, Inline
from .model import Model
from .text import html as _esc

__all__ = ["TITLE", "Grid", "grid", "svg", "blocks", "text_blocks"]

TITLE = "Roadmap: the plan by phase (across) and owner (down)"

#: ``(phases, owners, cells)``: phase and owner ids in order, and the plan's steps of each ``(owner, phase)``.
Grid = tuple[list[str], list[str], dict[tuple[str, str], list[Mapping[str, Any]]]]

# Geometry of the SVG (px at font-size 12: about 6.6 px a character).
_WIDTH, _LABEL_W, _HEAD_H, _CHIP_H, _CHIP_GAP, _PAD, _CHAR_W, _LINE_H = 720, 136, 40, 20, 4, 6, 6.6, 14
_CHIP = "#3949ab"
_BLOCKER = "#c62828"


def grid(result: Mapping[str, Any], model: Model) -> Grid:
    """The plan's steps by owner and phase (only the phases and owners that have one)."""
    plan = result["plan"]
    phases = [p.id for p in model.config.phases if any(s["phase"] == p.id for s in plan)]
    owners = [o.id for o in model.config.owners if any(s["owner"] == o.id for s in plan)]
    cells: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for step in plan:
        cells.setdefault((step["owner"], step["phase"]), []).append(step)
    return phases, owners, cells


def _wrap(text: str, width: float, most: int) -> list[str]:
    """``text`` in lines of at most ``width`` px, at most ``most`` of them (the last cut with an ellipsis)."""
    room = max(4, int(width / _CHAR_W))
    out: list[str] = []
    for word in text.split():
        if out and len(out[-1]) + 1 + len(word) <= room:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > most:
        out = out[:most]
        out[-1] += "\u2026"
    return [line if len(line) <= room else line[:room - 1] + "\u2026" for line in out] or [""]


def _lines(lines: Sequence[str], x: float, y: float, anchor: str, cls: str, fill: str = "currentColor") -> str:
    spans = "".join(f'<tspan x="{x:g}" y="{y + n * _LINE_H:g}">{_esc(line)}</tspan>' for n, line in enumerate(lines))
    return (f'<text x="{x:g}" y="{y:g}" text-anchor="{anchor}" font-size="12" fill="{fill}" '
            f'class="{cls}">{spans}</text>')


def _step_text(step: Mapping[str, Any]) -> str:
    return f"{step['item']} {step['title']}" + (" (blocker)" if step["blocker"] else "")


def _description(phases: Sequence[str], owners: Sequence[str], cells: Mapping[tuple[str, str], Any],
                 names: Mapping[str, str]) -> str:
    """The roadmap in words, for screen readers (the SVG's ``desc``)."""
    parts = [f"Phases across: {', '.join(names.get(p, p) for p in phases)}. "
             f"Owners down: {', '.join(names.get(o, o) for o in owners)}."]
    for owner in owners:
        for phase in phases:
            steps = cells.get((owner, phase))
            if steps:
                parts.append(f"{names.get(owner, owner)}, {names.get(phase, phase)}: "
                             f"{'; '.join(_step_text(s) for s in steps)}.")
    return " ".join(parts)


def svg(result: Mapping[str, Any], model: Model, names: Mapping[str, str]) -> str:
    """The roadmap as an SVG string: a column per phase, a band per owner, a chip per step (red: a blocker)."""
    phases, owners, cells = grid(result, model)
    col_w = (_WIDTH - _LABEL_W) / max(1, len(phases))
    chip_w = col_w - 2 * _PAD
    parts = [_lines(_wrap(names.get(p, p), col_w - _PAD, 2), _LABEL_W + col_w * (n + 0.5), 16, "middle",
                    "p2p-roadmap__phase") for n, p in enumerate(phases)]
    y = float(_HEAD_H)
    for row, owner in enumerate(owners):
        label = _wrap(names.get(owner, owner), _LABEL_W - 2 * _PAD, 3)
        most = max(len(cells.get((owner, p), [])) for p in phases)
        height = max(most * (_CHIP_H + _CHIP_GAP) + _CHIP_GAP + 2 * _PAD, len(label) * _LINE_H + 2 * _PAD)
        if row % 2 == 0:
            parts.append(f'<rect x="0" y="{y:g}" width="{_WIDTH}" height="{height:g}" fill="currentColor" '
                         f'fill-opacity="0.06"/>')
        parts.append(_lines(label, _PAD, y + _PAD + 12, "start", "p2p-roadmap__owner"))
        for col, phase in enumerate(phases):
            x = _LABEL_W + col * col_w + _PAD
            for n, step in enumerate(cells.get((owner, phase), [])):
                top = y + _PAD + _CHIP_GAP + n * (_CHIP_H + _CHIP_GAP)
                cls = "p2p-roadmap__item" + (" p2p-roadmap__item--blocker" if step["blocker"] else "")
                chip_text = _lines(_wrap(step["item"], chip_w - _PAD, 1), x + _PAD, top + 14, "start",
                                   "p2p-roadmap__id", "#ffffff")  # white on the chip's fill, in either palette
                parts.append(f'<g class="{cls}"><title>{_esc(_step_text(step))}</title>'
                             f'<rect x="{x:g}" y="{top:g}" width="{chip_w:g}" height="{_CHIP_H}" rx="3" '
                             f'fill="{_BLOCKER if step["blocker"] else _CHIP}"/>{chip_text}</g>')
        y += height
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="p2p-chart p2p-roadmap" viewBox="0 0 {_WIDTH} {y:g}" '
            f'width="100%" role="img" aria-label="{_esc(TITLE)}"><title>{_esc(TITLE)}</title>'
            f"<desc>{_esc(_description(phases, owners, cells, names))}</desc>")
    return head + "".join(parts) + "</svg>"


def _cell(steps: Sequence[Mapping[str, Any]], pages: Mapping[str, str]) -> list[Inline]:
    spans: list[list[Inline]] = []
    for s in steps:
        flag: list[Inline] = [" ", d.strong("blocker")] if s["blocker"] else []
        spans.append([d.item(s["item"], pages.get(s["item"])), *flag])
    return d.joined(spans)


def blocks(result: Mapping[str, Any], model: Model, pages: Mapping[str, str],
           names: Mapping[str, str]) -> list[Block]:
    """The report's ``roadmap`` section: a heading and the SVG, which Markdown shows as a table of the
    same cells (a row per owner, a column per phase). Nothing when the plan is empty."""
    if not result["plan"]:
        return []
    phases, owners, cells = grid(result, model)
    rows: list[list[list[Inline]]] = [[[names.get(o, o)], *(_cell(cells.get((o, p), []), pages) for p in phases)]
                                      for o in owners]
    table = d.table(["Owner", *(names.get(p, p) for p in phases)], rows, role="roadmap")
    return [d.heading(2, "Roadmap"), d.chart(svg(result, model, names), TITLE, alt=[table])]


def text_blocks(result: Mapping[str, Any], model: Model) -> list[Block]:
    """The terminal's roadmap: a column per phase, a line per step, the owner on its first line."""
    if not result["plan"]:
        return []
    phases, owners, cells = grid(result, model)
    rows: list[list[list[Inline]]] = []
    for owner in owners:
        most = max(len(cells.get((owner, p), [])) for p in phases)
        columns = [cells.get((owner, p), []) for p in phases]
        for n in range(most):
            row: list[list[Inline]] = [[owner if n == 0 else ""]]
            row += [[steps[n]["item"] if n < len(steps) else ""] for steps in columns]
            rows.append(row)
    return [d.paragraph("Roadmap (phases across, owners down):"), d.table(["", *phases], rows)]
