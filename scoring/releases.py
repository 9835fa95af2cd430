"""What changed between the checklist release an answers file was made against and this one.

Answers files name the checklist ``version`` they were made against. Scoring an older file
carries answers to retired ids over to their replacement (:mod:`scoring.answers`); this module
says so, plainly, together with the retired ids that were ignored and the items added since.
The releases come from the registry's optional ``releases:`` changelog (``checklists/ids.yml``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from .answers import Answers
from .doc import Inline, item, joined, plain
from .model import Model

if TYPE_CHECKING:  # the shapes only annotate: not importing them keeps the CLI's start-up short
    from .shapes import AddedItem, CarriedOver, Changes, IgnoredId, Result, SupersededId

__all__ = ["changes", "change_notes", "describe_changes"]


def changes(model: Model, answers: Answers) -> Changes:
    """The ``changes`` entry of a result.

    - ``from`` / ``to``: the answers' version (``None`` when the file names none) and the checklists'.
    - ``known``: whether ``from`` is a release recorded in the registry's changelog (``None`` when the
      checklists keep no changelog or the answers name no version).
    - ``releases``: the releases after ``from`` up to the current one (``{version, date, notes}``).
    - ``mapped``: answers carried from a retired id to its replacement (``{from, to, since, reason}``).
    - ``superseded``: retired ids answered whose answer was not used, because their replacement was answered
      too or a more conservative answer reached it (``{item, replaced_by, since, reason}``).
    - ``combined``: items that several answers reached, with the one used, the most conservative
      (``{item, answer, from: [{item, answer}]}``; see :func:`scoring.answers.check_answers`).
    - ``ignored``: retired ids without a replacement; their answers count for nothing (``{item, since, reason}``).
    - ``added``: items added to the checklists after ``from`` (``{item, title, dimension, since, answered}``);
      an unanswered one counts as ``unsure``. Empty when ``from`` is not a known release.
    """
    retired = model.retired
    old = answers.version or None
    current = model.config.version
    versions = [r.version for r in model.releases]
    # Whether the answers' version is a recorded release: unknowable without a changelog.
    known = (old in versions) if versions and old is not None else None
    later = model.releases[versions.index(old) + 1:] if known and old is not None else ()
    mapped: list[CarriedOver] = [{"from": a, "to": b, "since": retired[a].since, "reason": retired[a].reason}
                                 for a, b in answers.mapped]
    superseded: list[SupersededId] = []
    ignored: list[IgnoredId] = []
    for item_id in answers.retired:
        entry = retired[item_id]
        if entry.replaced_by:
            superseded.append({"item": item_id, "replaced_by": entry.replaced_by, "since": entry.since,
                               "reason": entry.reason})
        else:
            ignored.append({"item": item_id, "since": entry.since, "reason": entry.reason})
    items = model.items
    added: list[AddedItem] = [{"item": item_id, "title": items[item_id].title, "dimension": items[item_id].dimension,
              "since": release.version, "answered": item_id in answers.given}
             for release in later for item_id in release.added if item_id in items]
    return {
        "from": old,
        "to": current,
        "known": known,
        "releases": [{"version": r.version, "date": r.date, "notes": r.notes} for r in later],
        "mapped": mapped,
        "superseded": superseded,
        "combined": [{"item": c.item, "answer": c.answer,
                      "from": [{"item": i, "answer": a} for i, a in c.sources]} for c in answers.combined],
        "ignored": ignored,
        "added": added,
    }


def change_notes(ch: Changes | None, pages: Mapping[str, str] | None = None
                 ) -> tuple[list[Inline], list[list[Inline]]]:
    """What changed (a result's ``changes``, see :func:`changes`) as a heading and one line per change,
    in the document form (:mod:`scoring.doc`); ``([], [])`` when nothing changed.

    Item ids link to their guidance through ``pages`` (item id -> its dimension's page); retired ids,
    which have no guidance any more, stay plain.
    """
    if not ch:
        return [], []
    pages = pages or {}

    def ref(item_id: str) -> Inline:
        return item(item_id, pages.get(item_id))

    def listed(parts: list[list[Inline]]) -> list[Inline]:
        return joined(parts)

    old, new = ch["from"], ch["to"]
    lines: list[list[Inline]] = []
    # "->" as the reports have always written a carried-over id, in every format.
    if ch["mapped"]:
        lines.append(["Carried over from retired ids: ", *listed(
            [[m["from"], " -> ", ref(m["to"]), f" ({m['reason']})" if m["reason"] else ""] for m in ch["mapped"]])])
    if ch["combined"]:
        lines.append(["Answered more than once (the most conservative answer is used): ", *listed(
            [[ref(c["item"]), f" {c['answer']} (from ",
              *joined([[ref(s["item"]), f" {s['answer']}"] for s in c["from"]]), ")"] for c in ch["combined"]])])
    # Superseded ids that took part in a combination are explained by the line above.
    counted = {s["item"] for c in ch["combined"] for s in c["from"]}
    beside = [s for s in ch["superseded"] if s["item"] not in counted]
    if beside:
        lines.append(["Retired ids answered beside their replacement (the replacement's answer is used): ",
                      *listed([[s["item"], " -> ", ref(s["replaced_by"])] for s in beside])])
    if ch["ignored"]:
        lines.append(["Retired ids with no replacement (ignored): ", *listed(
            [[i["item"], f" ({i['reason']})" if i["reason"] else ""] for i in ch["ignored"]])])
    unanswered = [a for a in ch["added"] if not a["answered"]]
    if unanswered:
        lines.append([f"Added since {old}, not answered (counted as unsure): ",
                      *listed([[ref(a["item"]), f" {a['title']}"] for a in unanswered])])
    for release in ch["releases"]:
        if release["notes"]:
            when = f" ({release['date']})" if release["date"] else ""
            lines.append([f"Release {release['version']}{when}: {' '.join(release['notes'].split())}"])
    if old is not None and old != new:
        heading = f"Answers made against checklists {old}; scored against {new}."
        if ch["known"] is False:
            heading += f" {old} is not a release in the checklists' changelog, so items added since are not listed."
    elif lines:
        heading = f"Answers use retired item ids; scored against checklists {new}."
    else:
        return [], []
    return [heading], lines


def describe_changes(result: Result) -> tuple[str, list[str]]:
    """:func:`change_notes` of a result as plain text: a heading and one line per change (``("", [])``
    when nothing changed)."""
    heading, lines = change_notes(result.get("changes"))
    return plain(heading), [plain(line) for line in lines]
