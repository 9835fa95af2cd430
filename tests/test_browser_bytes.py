"""Files and share links reach the engine as bytes, so the browser accepts exactly what the CLI accepts
(one reader: scoring.parse.parse_document) and says so in the CLI's words; a share link that unpacks to
more than the limit is stopped at the limit and called too large."""

from __future__ import annotations

import base64
import zlib
from pathlib import Path

import pytest

from browser_helpers import READY, STORE, click, import_file, open_assessment, stored
from conftest import ROOT, run_cli
from scoring.parse import MAX_BYTES

pytestmark = pytest.mark.browser

ANSWERS = "pilot: Claims\nanswers:\n  OWN-001: yes\n"


def cli_errors(file: Path) -> list[str]:
    proc = run_cli("score", file.name, "--checklists", str(ROOT / "checklists"), cwd=file.parent)
    assert proc.returncode == 2, proc.stdout
    return proc.stderr.splitlines()


def shown_errors(page, name: str) -> list[str]:
    page.wait_for_function("(n) => (document.querySelector('.p2p-errors__line')?.textContent || '').startsWith(n + ':')",
                           arg=name)
    return page.eval_on_selector_all(".p2p-errors__line", "els => els.map(e => e.textContent)")


FILES = {
    "utf16.yaml": ANSWERS.encode("utf-16"),  # with its byte-order mark, as Windows editors save it
    "utf16be.json": b'\xfe\xff' + '{"answers": {"OWN-001": "yes"}}'.encode("utf-16-be"),
    "latin1.yaml": ANSWERS.replace("Claims", "Caf\u00e9").encode("latin-1"),
    "cut-utf8.yaml": ANSWERS.encode("utf-8") + "  OWN-002: partial # \u00e9".encode("utf-8")[:-1] + b"\n",
    "huge.yaml": b"answers: {}\n" + b"#" * MAX_BYTES,
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_import_and_compare_reject_what_the_cli_rejects_in_its_words(page, site_url: str, tmp_path: Path,
                                                                      name: str) -> None:
    file = tmp_path / name
    file.write_bytes(FILES[name])
    expected = cli_errors(file)
    assert expected[0].startswith(name + ":")
    open_assessment(page, site_url)
    click(page, "OWN-002", "no")
    before = stored(page)
    import_file(page, file)
    assert shown_errors(page, name) == expected
    assert stored(page) == before
    page.evaluate("document.querySelector('[data-p2p-errors]').replaceChildren()")
    import_file(page, file, "compare")
    assert shown_errors(page, name) == expected
    assert "cannot be compared" in page.inner_text("[data-p2p-errors]")


def test_a_utf8_file_with_a_byte_order_mark_loads(page, site_url: str, tmp_path: Path) -> None:
    file = tmp_path / "bom.yaml"
    file.write_bytes(b"\xef\xbb\xbf" + ANSWERS.encode("utf-8"))
    assert run_cli("score", str(file), "--checklists", str(ROOT / "checklists")).returncode == 0
    open_assessment(page, site_url)
    import_file(page, file)
    page.wait_for_function(f"() => (JSON.parse(localStorage.getItem('{STORE}')) || {{}}).pilot === 'Claims'")
    assert stored(page)["answers"] == {"OWN-001": "yes"}


def share_link(site_url: str, payload: bytes) -> str:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate, as the page's CompressionStream makes
    packed = packer.compress(payload) + packer.flush()
    return site_url + "assessment/#answers=" + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def share_errors(page, link: str) -> tuple[str, list[str]]:
    page.goto(link)
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_selector(".p2p-errors__line", timeout=30_000)
    return (page.inner_text("[data-p2p-errors] p"),
            page.eval_on_selector_all(".p2p-errors__line", "els => els.map(e => e.textContent)"))


def test_a_share_link_that_unpacks_past_the_limit_is_too_large_not_damaged(page, site_url: str) -> None:
    # 256 MB of answers file from a 250 KB link: the page must stop unpacking at the limit.
    bomb = b'{"answers": {}, "pilot": "' + b" " * (256 << 20) + b'"}'
    link = share_link(site_url, bomb)
    assert len(link) < 400_000
    title, lines = share_errors(page, link)
    assert title == "The share link's answers were not loaded; your current answers are unchanged. Problems:"
    assert lines == [f"shared link.json: error: file is too large (over {MAX_BYTES:,} bytes)"]
    assert page.evaluate(f"localStorage.getItem('{STORE}')") is None


def test_a_share_link_with_bytes_that_are_not_utf8_gets_the_clis_message(page, site_url: str, tmp_path: Path) -> None:
    payload = '{"pilot": "Caf\u00e9", "answers": {"OWN-001": "yes"}}'.encode("latin-1")
    file = tmp_path / "shared link.json"
    file.write_bytes(payload)
    title, lines = share_errors(page, share_link(site_url, payload))
    assert title == "The share link's answers were not loaded; your current answers are unchanged. Problems:"
    assert lines == cli_errors(file) == ["shared link.json:1:15: error: expected UTF-8 text, got the byte 0xe9"]
