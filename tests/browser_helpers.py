"""What several browser test modules share: selectors, page actions, event-based waits, and the CLI's figures.

One module, so that no test module imports another (fixtures are in conftest.py). Expected figures
come from the CLI (``pilot2prod score``), never from the page itself.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from conftest import ROOT, run_cli

#: The assessment page once its scorer is running.
READY = '[data-p2p-assessment][data-scorer-state="ready"]'
#: Where the browser keeps the answers (docs/privacy.md).
STORE = "pilot2prod.assessment"

#: Collects every Content-Security-Policy violation in ``window.__csp`` (an init script).
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e =>
    window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
"""

#: Records in ``window.__injected`` every element the page gains that could run the marker ``__xss``: a
#: script holding it, or an event handler, link or source attribute holding it (an init script). A
#: MutationObserver sees an element the moment it is added, before any handler of it could run, so a
#: test proves "nothing was injected" by reading the record, not by waiting to see whether a handler fires.
INJECTED = """
window.__injected = [];
(() => {
  const risky = el => (el.tagName === 'SCRIPT' && el.textContent.includes('__xss')) ||
    [...el.attributes].some(a => (a.name.startsWith('on') || ['href', 'src', 'srcdoc', 'action', 'formaction']
      .includes(a.name)) && a.value.includes('__xss'));
  const check = el => { if (risky(el)) window.__injected.push(el.outerHTML.slice(0, 120)); };
  new MutationObserver(records => {
    for (const record of records) {
      if (record.type === 'attributes') { check(record.target); continue; }
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        check(node);
        node.querySelectorAll('*').forEach(check);
      }
    }
  }).observe(document, {childList: true, subtree: true, attributes: true});
})();
"""


def reveal(page: Any, item: str) -> None:
    """On the guided assessment, open the step of the item's dimension when another one is shown, as a
    reader would (the step list); elsewhere, nothing."""
    section = page.locator(f'.p2p-assessment__dimension:has([data-item="{item}"])')
    if section.count() and section.is_hidden():
        page.click(f'[data-p2p-step="{section.get_attribute("data-p2p-checklist")}"]')
        section.wait_for(state="visible")


def click(page: Any, item: str, value: str) -> None:
    reveal(page, item)
    page.locator(f'[data-item="{item}"] input[value="{value}"]').check()


def wait_for(page: Any, decision: str, score: float | None) -> None:
    """Wait until the page shows ``decision`` and ``score`` (compared as numbers: JSON's 62.0 is JavaScript's 62)."""
    page.wait_for_function(
        """([d, s]) => {
            const dec = document.querySelector('[data-result="decision"]');
            const sc = document.querySelector('[data-result="score"]');
            if (!dec || !sc || dec.getAttribute('data-value') !== d) return false;
            const shown = sc.getAttribute('data-value');
            return s === null ? shown === "" : shown !== "" && Number(shown) === s;
        }""",
        arg=[decision, score], timeout=30_000,
    )


def settled(page: Any) -> None:
    """Wait until the page has drawn three more frames.

    Whatever the last action set off through the page's event loop -- a scroll or resize handler,
    an IntersectionObserver's notification, a task they queued -- has run by then: the event-based
    way to see that something did *not* happen, instead of sleeping for a while.
    """
    page.evaluate("""() => new Promise(done => {
        let frames = 3;
        const next = () => (--frames ? requestAnimationFrame(next) : setTimeout(done));
        requestAnimationFrame(next);
    })""")


def scrolled_to_the_end(page: Any) -> None:
    """Scroll to the end of the page and wait until it is there, and the page has settled."""
    page.mouse.wheel(0, 20_000)
    page.wait_for_function("() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2")
    settled(page)


def open_assessment(page: Any, url: str) -> None:
    page.goto(url + "assessment/")
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_function("() => document.querySelector('[data-result=\"decision\"]').hasAttribute('data-value')")


def stored(page: Any) -> Any:
    return page.evaluate(f"JSON.parse(localStorage.getItem('{STORE}') || 'null')")


def download(page: Any, action: str, tmp_path: Path) -> Path:
    with page.expect_download() as info:
        page.click(f'[data-p2p-action="{action}"]')
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


def import_file(page: Any, path: Path, which: str = "import") -> None:
    page.set_input_files(f'[data-p2p-file="{which}"]', str(path))


def site_policy(site_dir: Path) -> str:
    """The Content-Security-Policy the build wrote into the pages' ``<meta>`` tag."""
    html = (site_dir / "assessment" / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert match, "the built pages carry no CSP meta tag"
    return match.group(1)


def cli_json(file: Path, checklists: Path = ROOT / "checklists") -> Any:
    """``pilot2prod score FILE --format json``, run where the file is, as a reader would."""
    proc = run_cli("score", file.name, "--format", "json", "--checklists", str(checklists), cwd=file.parent)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def cli_score(tmp_path: Path, answers: dict[str, object]) -> Any:
    """The CLI's result for ``answers`` (item id -> answer), written as an answers file in ``tmp_path``."""
    path = tmp_path / "answers.json"
    # ensure_ascii=False: the CLI reads JSON with a YAML parser, which rejects surrogate-pair escapes.
    path.write_text(json.dumps({"pilot": "", "answers": answers}, ensure_ascii=False), encoding="utf-8")
    return cli_json(path)
