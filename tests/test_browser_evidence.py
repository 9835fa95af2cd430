"""The evidence pack downloaded from the page is byte for byte pilot2prod score --evidence's output.

Needs the page's ES modules (branch i11js), which pass any export-FORMAT button's format to scoring.api.export;
the script on main before them knows only its own formats.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_helpers import download, import_file, open_assessment
from conftest import ROOT, run_cli

pytestmark = pytest.mark.browser

ANSWERS = """pilot: "Claims <triage> | v2"
assessed: 2026-09-14
answers:
  OWN-001: {answer: yes, evidence: "https://wiki.example.com/run-owner?a=1&b=2", owner: "Priya N.", date: 2026-09-01}
  OWN-002: {answer: partial, note: "budget \u2014 caf\u00e9", evidence: "javascript:alert(1)", owner: Finance}
  DATA-001: {answer: no, evidence: "docs/pipeline.md"}
"""


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_evidence_pack_from_the_page_is_the_clis(page, site_url: str, tmp_path: Path, fmt: str) -> None:
    answers = tmp_path / "answers.yml"
    answers.write_text(ANSWERS, encoding="utf-8")
    open_assessment(page, site_url)
    import_file(page, answers)
    page.wait_for_function("() => document.querySelector('[data-p2p-field=\"pilot\"]').value.includes('triage')")
    got = download(page, f"export-evidence-{fmt}", tmp_path).read_bytes()
    cli = run_cli("score", str(answers), "--format", fmt, "--evidence", "--checklists", str(ROOT / "checklists"))
    assert cli.returncode == 0, cli.stderr
    assert got == cli.stdout.encode("utf-8")
    # And the page shows the new sections.
    assert "Next 3 actions" in page.text_content('[data-result="next"]')
    assert page.locator('[data-result="roadmap"] svg g').count() > 0
    assert "Quick check" in page.text_content('[data-result="quick-check"]')
