"""Versions that exist: one package version, and every documented pin names the tag it is released as.

The package version is set once (``scoring.__version__``; pyproject.toml reads it) and released as
the git tag ``v`` + that version (RELEASING.md). The checklists' own version is separate.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import scoring
from conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
TAG = f"v{scoring.__version__}"
#: ``rev: X`` (pre-commit) and ``PILOT2PROD_REF: X`` (the example workflow): where users pin a release.
PIN = re.compile(r"^\W*(?:rev|PILOT2PROD_REF):\s*['\"]?([^\s'\"#]+)", re.M)


def documents() -> list[Path]:
    return [ROOT / "README.md", ROOT / ".pre-commit-hooks.yaml", *sorted((ROOT / "docs").rglob("*.md")),
            *sorted(p for p in (ROOT / "examples").rglob("*") if p.is_file())]


def test_the_package_version_is_set_in_one_place() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "scoring.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", scoring.__version__)
    proc = run_cli("--version")
    assert (proc.returncode, proc.stdout) == (0, f"pilot2prod {scoring.__version__}\n")


def test_every_documented_pin_is_this_release_tag() -> None:
    pins = {}
    for path in documents():
        for match in PIN.finditer(path.read_text(encoding="utf-8")):
            line = path.read_text(encoding="utf-8")[: match.start()].count("\n") + 1
            pins[f"{path.relative_to(ROOT)}:{line}"] = match.group(1)
    assert len(pins) >= 3, pins  # the hooks file, the readiness-as-code guide, the example workflow
    assert {where: rev for where, rev in pins.items() if rev != TAG} == {}, f"every pin should be {TAG}"


def test_the_changelog_has_this_release_and_says_how_versions_work() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    sections = re.findall(r"^## (\d+\.\d+\.\d+) \(", changelog, re.M)
    assert sections[0] == scoring.__version__, "the newest section is the current version"
    assert sections == sorted(sections, key=lambda v: tuple(map(int, v.split("."))), reverse=True)
    releasing = (ROOT / "RELEASING.md").read_text(encoding="utf-8")
    assert "git tag -a vX.Y.Z" in releasing and "`version` in `checklists/scoring.yml`" in releasing
