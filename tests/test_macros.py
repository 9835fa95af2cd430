"""The site build reads the checklists once (macros/checklists.py), for the pages and the hook alike."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from macros.checklists import checklists
from scoring.parse import LoadError

#: A build in a process of its own that counts how often the checklists' scoring.yml is opened to be parsed:
#: the engine's reader opens a file with os.open (its audit event has no mode), a digest reads it with open().
COUNTING_BUILD = """
import sys
parsed = []
sys.addaudithook(lambda event, args: event == "open" and args[1] is None and str(args[0]).endswith("scoring.yml")
                 and parsed.append(args[0]))
from mkdocs.__main__ import cli
try:
    cli(["build", "--strict", "-f", sys.argv[1], "-d", sys.argv[2]])
finally:
    print(f"scoring.yml parsed {len(parsed)} time(s)", file=sys.stderr)
"""


def test_a_build_parses_the_checklists_once(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-c", COUNTING_BUILD, str(ROOT / "mkdocs.yml"), str(tmp_path / "site")],
                          cwd=ROOT, capture_output=True, text=True, check=False, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stderr.splitlines()[-1] == "scoring.yml parsed 1 time(s)"


def test_the_same_files_are_read_once_and_an_edit_is_read_again(tmp_path: Path) -> None:
    folder = tmp_path / "checklists"
    shutil.copytree(ROOT / "checklists", folder)
    first = checklists(folder)
    assert checklists(folder) is first
    own = folder / "own.yml"
    own.write_text(own.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8")
    edited = checklists(folder)
    assert edited is not first and edited.model.dimension("OWN").title.startswith("Edited ")
    assert checklists(folder) is edited


def test_a_broken_checklist_is_reported_and_not_kept(tmp_path: Path) -> None:
    folder = tmp_path / "checklists"
    shutil.copytree(ROOT / "checklists", folder)
    scoring = folder / "scoring.yml"
    good = scoring.read_text(encoding="utf-8")
    scoring.write_text(good + "surprise: 1\n", encoding="utf-8")
    with pytest.raises(LoadError) as info:
        checklists(folder)
    assert [p.message for p in info.value.problems] == ["surprise: unknown field"]
    scoring.write_text(good, encoding="utf-8")
    assert checklists(folder).model.config.version
