"""Parity: for random and edge-case answer sets, the browser's decision, score, plan and framework statuses
equal the CLI's JSON.

The answers are put in the page's store and announced as another tab would (a ``storage``
event), which is the path the page uses to pick up answers changed elsewhere.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from browser_helpers import READY, STORE, cli_score
from conftest import ROOT
from scoring.coverage import COUNTED, STATUS_LABELS
from scoring.files import load_checklists

pytestmark = pytest.mark.browser

MODEL = load_checklists(ROOT / "checklists").model
ITEMS = [item.id for dim in MODEL.dimensions for item in dim.items]
CRITICAL = [i for i in ITEMS if MODEL.items[i].critical]


def _na(reason: str = "out of scope for this pilot") -> dict:
    return {"answer": "na", "reason": reason}


def _random(seed: int) -> dict:
    rng = random.Random(seed)
    out: dict = {}
    for item in ITEMS:
        if rng.random() < 0.15:
            continue  # unanswered: unsure
        value = rng.choice(["yes", "yes", "partial", "no", "unsure", "na"])
        out[item] = _na() if value == "na" else value
    return out


CASES = {
    "empty": {},
    "all yes": {i: "yes" for i in ITEMS},
    "all no": {i: "no" for i in ITEMS},
    "all partial": {i: "partial" for i in ITEMS},
    "all na": {i: _na() for i in ITEMS},
    "yes but critical partial": {i: ("partial" if i in CRITICAL else "yes") for i in ITEMS},
    "yes but one dimension na": {i: (_na() if i.startswith("COST-") else "yes") for i in ITEMS},
    "random 1": _random(1),
    "random 2": _random(2),
    "random 3": _random(3),
    "random 4": _random(4),
}


def _by_framework(result: dict) -> dict:
    """What the "By framework" section must show for a CLI result: each framework's counts row, and the
    references of each status under the framework's heading (the statuses the engine gave, none re-derived)."""
    short = {f.id: f.short for f in MODEL.frameworks}
    rows = [[short[f["id"]], f"{f['summary']['mapped']} of {f['summary']['refs']}",
             *[str(f["summary"][name]) for name in COUNTED]] for f in result["frameworks"]]
    refs = {}
    for f in result["frameworks"]:
        by_status = {STATUS_LABELS[name]: [ref["id"] for ref in f["refs"] if ref["status"] == name] for name in COUNTED}
        if any(by_status.values()):
            refs[f"{short[f['id']]} ({f['edition']})"] = {label: ids for label, ids in by_status.items() if ids}
    return {"rows": rows, "refs": refs}


SHOWN_BY_FRAMEWORK = """() => {
    const section = document.querySelector('[data-result="frameworks"]');
    const rows = [...section.querySelectorAll('table.p2p-frameworks tbody tr')]
        .map((tr) => [...tr.children].map((td) => td.textContent.trim()));
    const refs = {};
    for (const dl of section.querySelectorAll('dl.p2p-framework-refs')) {
        const by = {};
        for (const dt of dl.querySelectorAll('dt')) by[dt.textContent.trim()] = dt.nextElementSibling.textContent.split(', ');
        refs[dl.previousElementSibling.textContent.trim()] = by;
    }
    return {rows, refs};
}"""


def test_browser_equals_cli_for_many_answer_sets(page, site_url: str, tmp_path: Path) -> None:
    page.goto(site_url + "assessment/")
    page.wait_for_selector(READY, timeout=60_000)
    for name, answers in CASES.items():
        expected = cli_score(tmp_path, answers)
        state = {"version": expected["version"], "pilot": "", "assessed": "", "answers": answers}
        page.evaluate("""([key, value]) => {
            localStorage.setItem(key, value);
            window.dispatchEvent(new StorageEvent('storage', {key}));
        }""", [STORE, json.dumps(state)])
        page.wait_for_function(
            """([d, s, plan]) => {
                const dec = document.querySelector('[data-result="decision"]').getAttribute('data-value');
                const sc = document.querySelector('[data-result="score"]').getAttribute('data-value');
                const items = [...document.querySelectorAll('[data-plan-item]')].map(e => e.dataset.planItem);
                return dec === d && (s === null ? sc === "" : sc !== "" && Number(sc) === s)
                    && JSON.stringify(items) === JSON.stringify(plan);
            }""",
            arg=[expected["decision"], expected["score"], [step["item"] for step in expected["plan"]]],
            timeout=15_000,
        )
        shown = page.evaluate("""() => ({
            decision: document.querySelector('[data-result="decision"]').dataset.value,
            reasons: [...document.querySelectorAll('[data-result="reasons"] li')].map(e => e.textContent),
            blockers: [...document.querySelectorAll('[data-result="blockers"] a')].map(e => e.textContent),
        })""")
        assert shown == {"decision": expected["decision"], "reasons": expected["reasons"],
                         "blockers": expected["blockers"]}, name
        # By framework: the same statuses, from the same engine call (issue 10).
        assert expected["frameworks"], name
        assert page.evaluate(SHOWN_BY_FRAMEWORK) == _by_framework(expected), name
        # The radios show the same answers the engine scored.
        for item, value in list(answers.items())[:5]:
            value = value["answer"] if isinstance(value, dict) else value
            assert page.is_checked(f'[data-item="{item}"] input[value="{value}"]'), (name, item)
