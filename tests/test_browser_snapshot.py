"""The scorer starts from the build's Pyodide memory snapshot, and boots Pyodide when it cannot (issue 13).

The snapshot (macros/snapshot.mjs) holds the engine imported and the checklists loaded, keyed by the
Pyodide version, the engine and the checklists. A snapshot that is missing, damaged or made from
other inputs is refused with its reason (logged, and in the worker's ready message), and the page
scores as before. Parity through both paths is tests/test_browser_parity.py's.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from browser_helpers import READY, cli_score, click, wait_for
from macros.assets import snapshot_key

pytestmark = pytest.mark.browser

SETTINGS = re.compile(r'<script id="p2p-settings" type="application/json">(.*?)</script>', re.S)


def settings(site_dir: Path) -> dict:
    return json.loads(SETTINGS.search((site_dir / "assessment" / "index.html").read_text(encoding="utf-8")).group(1))


def ready(page) -> dict:
    return page.evaluate("() => performance.getEntriesByName('p2p:scorer-ready')[0].detail")


def test_the_build_ships_the_snapshot_its_settings_name(site_dir: Path) -> None:
    given = settings(site_dir)
    snapshot = given["snapshot"]
    assert snapshot["policy"] == "always"
    engine, model = (site_dir / given["scoring"]).read_bytes(), (site_dir / given["model"]).read_bytes()
    assert snapshot["key"] == snapshot_key(given["pyodide_version"], engine, model)
    assert snapshot["url"] == f"assets/pilot2prod/snapshot-{snapshot['key'][:12]}.bin.gz"
    heap = gzip.decompress((site_dir / snapshot["url"]).read_bytes())
    assert heap[:4] == b"\x00snp" and len(heap) >= 30 * 1024 * 1024  # Pyodide's header, then the wasm heap
    assert snapshot["key"].encode() in heap  # the key it records, which the worker checks


def test_the_assessment_starts_from_the_snapshot_without_the_engine_or_checklists(page, site_url: str,
                                                                               site_dir: Path) -> None:
    given = settings(site_dir)
    page.goto(site_url + "assessment/")
    page.wait_for_selector(READY, timeout=60_000)
    assert ready(page)["snapshot"] == "used"
    asked = page.requests.urls
    assert any(u.endswith(given["snapshot"]["url"]) for u in asked)
    assert not any(u.endswith((given["scoring"], given["model"])) for u in asked)  # all in the snapshot
    click(page, "OWN-001", "yes")
    page.wait_for_function("() => document.querySelector('[data-result=\"decision\"]').hasAttribute('data-value')")


def _truncated(body: bytes) -> bytes:
    return body[: len(body) // 2]


def _flipped(body: bytes) -> bytes:
    at = len(body) // 2
    return body[:at] + bytes([body[at] ^ 0xFF]) + body[at + 1:]


@pytest.mark.parametrize(("damage", "reason"), [
    ("missing", r"assets/pilot2prod/snapshot-[0-9a-f]{12}\.bin\.gz: HTTP 404"),
    ("truncated", r".*snapshot-[0-9a-f]{12}\.bin\.gz: not a whole gzip file \(.+\)"),
    ("flipped byte", r".*snapshot-[0-9a-f]{12}\.bin\.gz: not a whole gzip file \(.+\)"),
    ("other checklists", r"the snapshot holds key [0-9a-f]{12}, this page expects 000000000000"),
])
def test_a_snapshot_that_cannot_be_used_is_refused_with_its_reason_and_the_page_still_scores(
        page, site_url: str, site_dir: Path, tmp_path: Path, damage: str, reason: str) -> None:
    given = settings(site_dir)
    body = (site_dir / given["snapshot"]["url"]).read_bytes()
    warnings: list[str] = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    context = page.context
    if damage == "missing":
        context.route("**/snapshot-*.bin.gz", lambda route: route.fulfill(status=404, body="not found"))
    elif damage in ("truncated", "flipped byte"):
        changed = (_truncated if damage == "truncated" else _flipped)(body)
        context.route("**/snapshot-*.bin.gz", lambda route: route.fulfill(
            status=200, body=changed, headers={"Content-Type": "application/gzip"}))
    else:  # the page expects a snapshot of other inputs than the one the site has
        html = (site_dir / "assessment" / "index.html").read_text(encoding="utf-8")
        other = html.replace(given["snapshot"]["key"], "0" * 64)
        assert other != html
        context.route("**/assessment/", lambda route: route.fulfill(
            status=200, body=other, headers={"Content-Type": "text/html; charset=utf-8"}))
    page.goto(site_url + "assessment/")
    page.wait_for_selector(READY, timeout=90_000)
    said = ready(page)["snapshot"]
    assert re.fullmatch(reason, said.removeprefix(site_url)), said
    assert f"scorer: starting without the snapshot: {said}" in warnings
    # Booted the usual way: the engine and the checklists were fetched, and the page scores.
    assert any(u.endswith(given["scoring"]) for u in page.requests.urls)
    for item in ("OWN-001", "OWN-002"):
        click(page, item, "yes")
    expected = cli_score(tmp_path, {"OWN-001": "yes", "OWN-002": "yes"})
    wait_for(page, expected["decision"], expected["score"])
