"""What a result opens with: the next actions, and the quick check's verdict with a reason per unmet item.

Both are blocks of a document (:mod:`scoring.doc`) that :mod:`scoring.report` places in its sections
(``next`` and ``quick-check``), so that every report and the page say them in the same words. The rules
are the engine's: the plan's order (:func:`scoring.engine.score`) and the quick check's ``max_unmet``
(``scoring.yml``); nothing is decided here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import doc as d
from .doc import Block, Inline
from .words import ANSWER_LABELS

__all__ = ["NEXT_STEPS", "next_actions", "quick_check", "step_line"]

#: How many steps of the plan a report opens with.
NEXT_STEPS = 3


def step_line(step: Mapping[str, Any], pages: Mapping[str, str], names: Mapping[str, str]) -> list[Inline]:
    """One plan step as a line, as the terminal's plan writes it, with the item's title: ``ID Title
    [blocker] (phase, owner): action`` (``names``: the phases' and owners' titles, on the page; else ids)."""
    phase, owner = names.get(step["phase"], step["phase"]), names.get(step["owner"], step["owner"])
    flag: list[Inline] = [" [", d.strong("blocker"), "]"] if step["blocker"] else []
    return [d.item(step["item"], pages.get(step["item"])), f" {step['title']}", *flag,
            f" ({phase}, {owner}): {step['action']}"]


def next_actions(result: Mapping[str, Any], pages: Mapping[str, str], names: Mapping[str, str],
                 heading: bool = True) -> list[Block]:
    """The first :data:`NEXT_STEPS` steps of the plan, in its order, numbered; nothing when the plan is empty."""
    plan = result["plan"]
    if not plan:
        return []
    shown = plan[:NEXT_STEPS]
    what = "Next action" if len(shown) == 1 else f"Next {len(shown)} actions"
    title = f"{what} (of {len(plan)} in the plan)" if len(plan) > len(shown) else what
    lead: Block = d.heading(2, title) if heading else d.paragraph(f"{title}:")
    return [lead, d.bullets((step_line(s, pages, names) for s in shown), ordered=True, role="next")]


def _why(answer: str) -> str:
    """Why a headline item counts as unmet (an item not answered counts as not sure)."""
    if answer == "unsure":
        return f"{ANSWER_LABELS['unsure'].lower()}, or not answered yet"
    return f"answered {ANSWER_LABELS.get(answer, answer).lower()}"


def quick_check(result: Mapping[str, Any], pages: Mapping[str, str], titles: Mapping[str, str]) -> list[Block]:
    """The quick check's verdict, by the engine's rule, then one line per unmet headline item: the item
    (linked to its guidance) and why it counts as unmet."""
    qc = result["quick_check"]
    unmet = qc["unmet"]
    pilot = len(unmet) > qc["max_unmet"]
    rule = (f"more than {qc['max_unmet']} unmet means still a pilot" if qc["max_unmet"]
            else "any unmet means still a pilot")
    out: list[Block] = [d.paragraph(d.strong("Quick check:"), f" {qc['verdict']} ({len(unmet)} of "
                                    f"{len(qc['items'])} headline items unmet; {rule}).",
                                    tone="warn" if pilot else "ok")]
    if unmet:
        answers = {entry["item"]: entry["answer"] for entry in qc["items"]}
        out.append(d.bullets(([d.item(i, pages.get(i)), f" {titles.get(i, '')}".rstrip(),
                               f": {_why(answers.get(i, 'unsure'))}"] for i in unmet),
                             role="quick-check"))
    return out
