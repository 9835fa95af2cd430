"""The words of the page: every label and sentence the browser shows before, or without, the scorer.

One catalogue, :data:`WORDS`: a key names each text; a text is a template whose ``{fields}`` the
caller fills (``{count}``, ``{key}``, ``{name}``…), or a pair of plural forms, ``{"one": ..., "other": ...}``,
chosen by the ``count`` field (``one`` when it is 1). The site embeds the catalogue in every page
(``config.extra.pilot2prod.words``, by ``macros/assets.py``), so the browser shows these texts even
when the scorer cannot start; when the scorer runs, :func:`scoring.api.message` answers from the same
catalogue. The browser fills the fields and picks the form as :func:`say` does, and decides nothing else.

Results, reports, comparisons and calculator read-outs are not here: the engine writes them as
documents (:mod:`scoring.doc`) from the result itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TypedDict

__all__ = ["WORDS", "ANSWER_LABELS", "DECISION_LABELS", "say", "fill", "catalogue", "Plural"]


class Plural(TypedDict):
    one: str
    other: str


Template = str | Plural

#: How each answer value is shown beside its radio button (the values are those of answers files).
ANSWER_LABELS: dict[str, str] = {"yes": "Yes", "partial": "Partly", "no": "No", "unsure": "Not sure",
                                 "na": "Not applicable"}
#: How each decision is written in every report, in the terminal and on the page.
DECISION_LABELS: dict[str, str] = {"go": "GO", "conditional": "CONDITIONAL", "no-go": "NO-GO"}

_STORAGE_FULL = "there is no room in this browser's storage to keep a copy of"
_TRY_AGAIN = "Download your answers, or free some space, and try again."

WORDS: dict[str, Template] = {
    # Answers and decisions, for the checklists' radio buttons and the summary.
    **{f"answer.{value}": label for value, label in ANSWER_LABELS.items()},
    **{f"decision.{value}": label for value, label in DECISION_LABELS.items()},
    # The scorer's state, shown in [data-p2p-status].
    "status.loading": "Loading the scorer\u2026 you can answer meanwhile; the result appears when it is ready.",
    "status.error": "The scorer could not start: {reason}. Your answers are safe in this browser, and Export "
                    "still works.",
    "status.unavailable": "the scorer is not available: {reason}",
    "status.stopped": "the scorer stopped: {reason}",
    "boot.no_worker": "this browser cannot start the scorer ({reason})",
    "boot.stopped": "the scorer stopped",
    "boot.timeout": "it did not finish loading within {seconds} seconds; check the connection and reload the "
                    "page to try again",
    "boot.no_settings": "the page has no scorer settings ({name} is missing)",
    "boot.no_wasm": "this browser does not run WebAssembly",
    "boot.csp_wasm": "this site's Content-Security-Policy does not let it run WebAssembly (script-src needs "
                     "'wasm-unsafe-eval')",
    "boot.wasm_refused": "this browser refused to compile WebAssembly: {reason}",
    "boot.http": "{url}: HTTP {status}",
    "boot.checklists": "the checklists did not validate: {reason}",
    # Counts beside each checklist until the scorer has scored.
    "summary.counting": "{count} of {total} answered; the score appears when the scorer is ready.",
    "summary.counted": "{count} of {total} answered",
    # The plan's views (radio buttons) and the chart's stand-in.
    "plan.views": "Show the plan",
    "plan.priority": "in priority order",
    "plan.phase": "by phase",
    "plan.owner": "by owner",
    "chart.unavailable": "(chart unavailable)",
    # Buttons and prompts the script adds.
    "button.undo": "Undo",
    "button.download_answers": "Download your answers (YAML)",
    "button.download_kept": "Download the saved text",
    "button.delete_kept": "Delete it\u2026",
    "search.label": "Search",
    # Notices in [data-p2p-notice] after an action.
    "notice.loaded": {"one": "Loaded {count} answer from {source}.", "other": "Loaded {count} answers from {source}."},
    "notice.restored": "Restored the answers you had before.",
    "notice.cleared": {"one": "Cleared {count} answer.", "other": "Cleared {count} answers."},
    "confirm.clear": {"one": "Clear the {count} answer saved in this browser? Export it first if you want to keep "
                             "a copy.",
                      "other": "Clear all {count} answers saved in this browser? Export them first if you want to "
                               "keep a copy."},
    "notice.shared": "Share link created ({length} characters). Anyone who opens it sees these answers; nothing "
                     "was uploaded.",
    "notice.not_cleared": f"Nothing was cleared: {_STORAGE_FULL} your answers for Undo. {_TRY_AGAIN}",
    "notice.not_loaded": f"{{what}} was not loaded: {_STORAGE_FULL} your current answers for Undo. {_TRY_AGAIN}",
    "notice.not_undone": f"Nothing was restored: {_STORAGE_FULL} the current answers. {_TRY_AGAIN}",
    # Headings over the problems in [data-p2p-errors] (scoring.api's documents use them too).
    "errors.score": "These answers cannot be scored:",
    "errors.export": "The report could not be made:",
    "errors.import": "{name} was not loaded; your current answers are unchanged. Problems:",
    "errors.share": "The share link's answers were not loaded; your current answers are unchanged. Problems:",
    "errors.compare": "{name} cannot be compared. Problems:",
    "errors.compare_failed": "The comparison failed:",
    "errors.restore": "Some saved answers could not be read; they are kept as they were:",
    "errors.checklists": "The checklists did not validate:",
    "errors.calc": "Check the inputs:",
    "errors.message": "No such message:",
    # Share links: read as a file of this name; problems the script finds before the engine sees anything.
    "share.name": "shared link.json",
    "share.unreadable": "The share link could not be read; your current answers are unchanged.",
    "share.damaged": "the link is damaged or incomplete (copy the whole link, including everything after #)",
    "share.subject": "The share link",
    "share.source": "the share link",
    # Storage alerts in [data-p2p-alerts] (docs/privacy.md, "Storage rules").
    "storage.full": "Your latest changes could not be saved: this browser's storage for this site is full. They "
                    "are kept on this page until you close or reload it; download your answers to keep a copy.",
    "storage.blocked": "Your latest changes could not be saved: this browser does not let this site keep data. "
                       "They are kept on this page until you close or reload it; download your answers to keep a "
                       "copy.",
    "storage.unreadable": "The answers saved in this browser could not be read ({reason}). They are kept as they "
                          "were under {key}, and the page starts with no answers.",
    "storage.unreadable_not_moved": "The answers saved in this browser could not be read ({reason}). There is no "
                                    "room to copy them aside, so they are left as they were and the changes on "
                                    "this page are not saved.",
    "storage.reason.json": "it is not valid JSON",
    "storage.reason.shape": "it holds no mapping of answers",
    "storage.set_aside": "The saved text as it was is kept under {key}.",
    "storage.not_set_aside": "There is no room to copy the saved text aside, so it is left as it was and the "
                             "changes on this page are not saved.",
    "storage.kept": "Saved answers this page could not read are kept in this browser under {key}.",
    "storage.confirm_delete": "Delete the saved text kept under {key}? Download it first if you may need it.",
    # The guided assessment, the quick check and the summary bar (issue 12): the bar's parts
    # ([data-p2p-summary], filled from scoring.api.score's progress.bar), the step list and its buttons,
    # the answer keys.
    "bar.label": "Your result so far",
    "bar.waiting": "The decision appears when the scorer is ready.",
    "bar.decision": "Decision: {decision}",
    "bar.score": "score {score}",
    "bar.quick": "quick check: {verdict}",
    "bar.results": "Full results",
    "bar.announce": "The decision is now {decision}.",
    "steps.label": "Dimensions",
    "steps.previous": "Previous dimension",
    "steps.next": "Next dimension",
    "steps.todo": "Next unanswered question",
    "steps.all": "Show every dimension on one page",
    "steps.done": "Every question is answered: see the full results.",
    "keys.help": "Keys: on a question, press Y for yes, P for partly, N for no, U for not sure or A for not "
                 "applicable (or 1 to 5); the focus then moves to the next question (after A, to the reason).",
}

_FIELD = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _one(count: object) -> bool:
    try:
        return float(count) == 1  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def fill(template: Template, /, **fields: object) -> str:
    """A template with its ``{fields}`` filled, as the page fills it (``docs/javascripts/words.js``).

    ``{{`` and ``}}`` are braces; a pair of plural forms is chosen by ``count`` (``one`` when it is 1); a
    field the caller did not give stays as written (``{name}``), so a missing value shows instead of failing.
    """
    if not isinstance(template, str):
        template = template["one"] if _one(fields.get("count")) else template["other"]

    def field(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:
            return match.group(0)[0]
        return str(fields[name]) if name in fields else match.group(0)
    return _FIELD.sub(field, template)


def say(key: str, /, **fields: object) -> str:
    """The text of ``key`` with its fields filled (:func:`fill`); :class:`KeyError` for a key not in :data:`WORDS`."""
    return fill(WORDS[key], **fields)


def catalogue() -> Mapping[str, Template]:
    """The catalogue as the page embeds it (JSON-ready)."""
    return dict(WORDS)
