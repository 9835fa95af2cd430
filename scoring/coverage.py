"""Coverage: how far the answers give evidence toward each framework's references.

A reference's status comes from the answers of the items that map to it (an item with no answer counts
as ``unsure``), by the first rule that holds, in this order (:func:`status`, and docs/scoring.md):

1. ``not-mapped``: no item maps to it (the framework page says why: outside the scope, or a gap);
2. ``na``: every item that maps to it is answered ``na``;
3. ``met``: every one that applies (not ``na``) is ``yes``;
4. ``partial``: at least one that applies is ``yes`` or ``partial``;
5. ``unknown``: none is ``yes`` or ``partial``, and at least one is ``unsure``;
6. ``unmet``: every one that applies is ``no``.

A status is evidence toward a reference, never a finding that the reference is met: a mapping says
that an item's "yes" supports the reference, not that it is all the reference asks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal

from .model import Framework, Model
from .shapes import FrameworkResult, FrameworkSummary, RefResult, RefStatus

__all__ = ["STATUSES", "COUNTED", "Counted", "STATUS_LABELS", "RULE", "RULES", "status", "coverage",
           "framework_result"]

#: Every status, in the order reports list them.
STATUSES: tuple[RefStatus, ...] = ("met", "partial", "unmet", "unknown", "na", "not-mapped")
#: The statuses a summary counts (``not-mapped`` is ``refs`` less ``mapped``).
Counted = Literal["met", "partial", "unmet", "unknown", "na"]
COUNTED: tuple[Counted, ...] = ("met", "partial", "unmet", "unknown", "na")
#: How reports and pages name each status.
STATUS_LABELS: dict[RefStatus, str] = {"met": "Met", "partial": "Partial", "unmet": "Unmet", "unknown": "Unknown",
                                       "na": "Not applicable", "not-mapped": "Not mapped"}
#: The rule in full, first match wins, as docs/scoring.md lists it (:func:`status` applies it).
RULES: tuple[tuple[RefStatus, str], ...] = (
    ("not-mapped", "no item maps to the reference; its framework page says why (outside the playbook's scope, "
                   "or a gap in it)"),
    ("na", "every item that maps to it is answered na"),
    ("met", "every item that maps to it and applies (is not na) is answered yes"),
    ("partial", "at least one of those items is answered yes or partial"),
    ("unknown", "none is answered yes or partial, and at least one is unsure or not answered"),
    ("unmet", "every one that applies is answered no"),
)
#: The rule, as reports state it beside the statuses.
RULE = ("Each reference's status comes from the answers of the items mapped to it: met when every one that "
        "applies is yes, partial when some are yes or partly done, unknown when none is and some are not sure, "
        "unmet when all are no, not applicable when all are. It is evidence toward the reference, not a "
        "certification that the reference is met.")


def status(answers: Iterable[str]) -> RefStatus:
    """The status of a reference from the answers of the items that map to it (see the module docstring)."""
    given = set(answers)
    if not given:
        return "not-mapped"
    given.discard("na")
    if not given:
        return "na"
    if given == {"yes"}:
        return "met"
    if "yes" in given or "partial" in given:
        return "partial"
    if "unsure" in given:
        return "unknown"
    return "unmet"


def framework_result(framework: Framework, answers: Mapping[str, str]) -> FrameworkResult:
    """One framework's references with their items and statuses, and the counts of each status.

    ``answers``: item id -> the answer scored for it; an item not in it counts as ``unsure``.
    """
    counts = dict.fromkeys(STATUSES, 0)
    refs: list[RefResult] = []
    for ref in framework.refs:
        found = status({answers.get(item_id, "unsure") for item_id in ref.items})
        counts[found] += 1
        refs.append({"id": ref.id, "title": ref.title, "items": list(ref.items), "status": found})
    summary: FrameworkSummary = {"refs": len(refs), "mapped": len(refs) - counts["not-mapped"],
                                 "met": counts["met"], "partial": counts["partial"], "unmet": counts["unmet"],
                                 "unknown": counts["unknown"], "na": counts["na"]}
    return {"id": framework.id, "title": framework.title, "edition": framework.edition, "summary": summary,
            "refs": refs}


def coverage(model: Model, answers: Mapping[str, str]) -> list[FrameworkResult]:
    """Every framework of ``model``, in order (``answers`` as :func:`framework_result` takes them)."""
    return [framework_result(framework, answers) for framework in model.frameworks]
