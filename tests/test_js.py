"""The browser's JavaScript unit tests (tests/js/*.test.mjs), run with ``node --test`` as part of pytest,
so that ``make test`` and CI run them: the codecs, the store's storage rules on a fake localStorage, the
renderer's pure part, the catalogue's templates, answer entries and the calculator forms.

Also: no file in docs/javascripts/ is longer than 300 lines (issue 11)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "docs" / "javascripts"


def test_node_unit_tests_pass() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node not found: it is required (make setup installs the site's npm packages with it)")
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests" / "js").glob("*.test.mjs"))
    assert len(files) >= 6, files
    proc = subprocess.run([node, "--test", *files], cwd=ROOT, capture_output=True, text=True, check=False, timeout=300)
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]
    assert "# fail 0" in proc.stdout


def test_every_script_is_at_most_300_lines() -> None:
    scripts = sorted(SCRIPTS.glob("*.*js"))
    assert scripts
    long = {p.name: n for p in scripts if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300}
    assert long == {}


#: Words that belong to Python (scoring/words.py, the engine's documents, macros/render.py): answer and
#: decision labels and result sentences. None of them may appear in the browser's code, comments included.
PYTHONS_WORDS = ("Not sure", "Partly", "Not applicable", "No-go", "Conditional", "answered", "Loading the scorer",
                 "Quick check", "Blockers", "Weakest dimension", "What moved", "Headroom", "within budget",
                 "could not be saved", "Restored the answers", "Share link created")


def test_the_browser_writes_none_of_pythons_words() -> None:
    found = [f"{p.name}:{n}: {word}" for p in sorted(SCRIPTS.glob("*.*js"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             for word in PYTHONS_WORDS if word.lower() in line.lower()]
    assert found == []
