"""Copies of the project for the hosting tests: as the Pages workflow builds it, and as a fork customises it.

The builds are slow (a strict MkDocs build each), so conftest.py makes each one once per session
(the ``pages_site`` and ``custom`` fixtures), for tests/test_hosting.py (the files, the CLI) and
tests/test_browser_hosting.py (the same copies in Chromium) alike.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, build_site, serve

# examples/: the case-study page scores its answers files when the site is built.
PROJECT_PARTS = ("mkdocs.yml", "docs", "checklists", "examples", "macros", "overrides", "scoring")


def copy_project(destination: Path) -> Path:
    """What a user forks: the site sources, the engine and the installed Pyodide (symlinked)."""
    destination.mkdir(parents=True)
    for name in PROJECT_PARTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / name)
    (destination / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return destination


def must_build(project: Path, destination: Path) -> Path:
    proc = build_site(destination, project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr
    return destination


def write_answers(path: Path, answers: dict[str, object], version: str = "") -> Path:
    path.write_text(json.dumps({"pilot": "", "version": version, "answers": answers}), encoding="utf-8")
    return path


def html_pages(site: Path) -> list[str]:
    """Every page of a built site as a URL path relative to its root (``dimensions/cost/``)."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        pages.append(rel.removesuffix("index.html"))
    return pages


# ---- the GitHub Pages build, served under a sub-path ------------------------------------------

def pages_build_step() -> str:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job.get("steps", [])]
    builds = [step for step in steps if "mkdocs build" in step.get("run", "")]
    assert len(builds) == 1, "pages.yml should have exactly one step that runs mkdocs build"
    return builds[0]["run"]


def pages_site(base: Path) -> tuple[ThreadingHTTPServer, Path, str]:
    """The site as the Pages workflow builds it, in ``base``, served at http://127.0.0.1:PORT/pilot2prod/:
    the server (to shut down), the site's folder and its URL."""
    project = copy_project(base / "project")
    www = base / "www"
    www.mkdir()
    server, origin = serve(www)  # started first: the build needs the URL it will be served at
    url = origin + "pilot2prod/"
    env = {**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run(["bash", "-euo", "pipefail", "-c", pages_build_step()], cwd=project, env=env,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr
    shutil.copytree(project / "site", www / "pilot2prod")
    # GitHub Pages answers any missing path with the site's 404.html: put one deep in the tree.
    missing = www / "pilot2prod" / "no" / "such" / "page"
    missing.mkdir(parents=True)
    shutil.copy2(www / "pilot2prod" / "404.html", missing / "index.html")
    return server, www / "pilot2prod", url


# ---- a customised copy: checklists, scoring and branding ---------------------------------------

NEW_DIMENSION = """\
# yaml-language-server: $schema=./schema.json
id: VEND
title: Vendor & model-provider risk
page: vendor
summary: >-
  What happens to the system when the model provider changes prices, versions or terms.
items:
  - id: VEND-001
    title: Model version pinned
    question: Does the system call a pinned model version, with a tested plan for the provider's deprecation date?
    guidance: |
      "Yes" means the model version is fixed in configuration and the deprecation date is in the team calendar.
    action: Pin the model version and put its deprecation date in the run team's calendar.
    weight: 2
    phase: harden
    owner: build
    headline: true
  - id: VEND-002
    title: Exit plan
    question: Could you switch to another provider within a month if you had to?
    guidance: |
      "Yes" means a second provider has passed the evaluation suite in the last quarter.
    action: Run the evaluation suite against a second provider and record the gaps.
    critical: true
    weight: 3
    phase: rollout
    owner: risk
  - id: VEND-003
    title: Terms reviewed
    question: Has legal reviewed the provider's data-use and retention terms for this use case?
    guidance: |
      "Yes" means a dated review names the clauses that matter and who accepted the residual risk.
    action: Ask legal to review the provider's data-use and retention terms.
    weight: 1
    phase: scope
    owner: risk
"""

NEW_PAGE = """\
# Vendor & model-provider risk

Our own guidance for the provider our pilots depend on.

## Checklist

{{ checklist("VEND") }}
"""

# A framework of the fork's own, as the customising guide's "Add a framework" adds one.
POLICY = """\
  - id: acme-ai-policy
    title: Acme AI use policy
    short: Acme policy
    edition: v3
    url: https://intranet.example/ai-policy
    refs:
      - {id: P-1, title: Every AI system has a named owner}
      - {id: P-2, title: We can leave any model provider within a month}
      - id: P-3
        title: No customer data leaves the EU
        outside: Where data is stored is settled by the data-protection policy
      - {id: P-4, title: Staff are trained before they use AI}
"""
POLICY_PAGE = '{{ framework_page("acme-ai-policy") }}\n'

# The fork releases its own version after ours, numbered so it cannot be mistaken for one of ours.
OURS = yaml.safe_load((ROOT / "checklists" / "scoring.yml").read_text(encoding="utf-8"))["version"]
CUSTOM_VERSION = f"{OURS}-acme.1"

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="10"/></svg>\n'
BRAND = "Acme AI readiness"


def unreferenced_item(project: Path) -> tuple[str, str]:
    """An item that is neither critical nor headline and that no page or other item mentions."""
    texts = [p.read_text(encoding="utf-8") for p in (project / "docs").rglob("*.md")]
    files = {p: p.read_text(encoding="utf-8") for p in (project / "checklists").glob("*.yml")
             if p.name not in ("scoring.yml", "ids.yml", "frameworks.yml")}
    for path, text in files.items():
        for block in re.split(r"\n(?=  - id: )", text)[1:]:
            item_id = block.split(":", 1)[1].split()[0]
            if "critical: true" in block or "headline: true" in block:
                continue
            mentions = sum(t.count(item_id) for t in [*texts, *files.values()])
            if mentions == 1:
                return path.name, item_id
    pytest.fail("no item that nothing else mentions: pick one to remove by hand")


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: expected one {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def custom(base: Path) -> dict[str, Any]:
    """A fork of the project in ``base``, edited the way checklists/README.md and the customising guide say,
    and built."""
    project = copy_project(base / "project")
    checklists = project / "checklists"
    original = yaml.safe_load((ROOT / "checklists" / "own.yml").read_text(encoding="utf-8"))
    file_name, removed = unreferenced_item(project)

    # 1. A new dimension, its page and its nav entry; its ids issued in the registry.
    (checklists / "vend.yml").write_text(NEW_DIMENSION, encoding="utf-8")
    (project / "docs" / "dimensions" / "vendor.md").write_text(NEW_PAGE, encoding="utf-8")
    replace_once(checklists / "scoring.yml", "BIZ]", "BIZ, VEND]")
    replace_once(project / "mkdocs.yml", "      - Roadmap: roadmap.md\n",
                 "      - Vendor & model-provider risk: dimensions/vendor.md\n      - Roadmap: roadmap.md\n")
    registry_path = checklists / "ids.yml"
    registry = yaml.safe_load(registry_path.read_text(encoding="utf-8")) if registry_path.exists() else None
    if registry is not None:
        registry["issued"] += ["VEND-001", "VEND-002", "VEND-003"]

    # 2. An item removed; its id retired, never reused.
    path = checklists / file_name
    text = path.read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=  - id: )", text)
    kept = [b for b in blocks if not b.startswith(f"  - id: {removed}\n")]
    assert len(kept) == len(blocks) - 1
    path.write_text("\n".join(kept).rstrip("\n") + "\n", encoding="utf-8")
    if registry is not None:
        registry["retired"] = {**(registry.get("retired") or {}),
                               removed: {"since": CUSTOM_VERSION, "reason": "not relevant to our pilots"}}
        if "releases" in registry:
            registry["releases"].append({"version": CUSTOM_VERSION, "notes": "Vendor risk added; one item dropped.",
                                         "added": ["VEND-001", "VEND-002", "VEND-003"]})
        registry_path.write_text(yaml.safe_dump(registry, sort_keys=False), encoding="utf-8")
    replace_once(checklists / "scoring.yml", f'version: "{OURS}"', f'version: "{CUSTOM_VERSION}"')

    # 3. A weight changed: OWN-002 from 3 to 1.
    own = (checklists / "own.yml").read_text(encoding="utf-8")
    start = own.index("  - id: OWN-002\n")
    end = own.index("\n  - id: ", start + 1)
    block = own[start:end]
    assert "    weight: 3\n" in block
    (checklists / "own.yml").write_text(own[:start] + block.replace("    weight: 3\n", "    weight: 1\n")
                                        + own[end:], encoding="utf-8")

    # 4. A framework of its own: added to frameworks.yml, mapped from two items, with its page and nav entry.
    frameworks = checklists / "frameworks.yml"
    frameworks.write_text(frameworks.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + POLICY, encoding="utf-8")
    replace_once(checklists / "own.yml", "    refs: {nist-ai-rmf: [GOVERN 2.1], iso-42001: [A.3.2]}\n\n  - id: OWN-002",
                 "    refs: {nist-ai-rmf: [GOVERN 2.1], iso-42001: [A.3.2], acme-ai-policy: [P-1]}\n\n  - id: OWN-002")
    replace_once(checklists / "vend.yml", "    owner: risk\n  - id: VEND-003",
                 "    owner: risk\n    refs: {acme-ai-policy: [P-2]}\n  - id: VEND-003")
    (project / "docs" / "frameworks" / "acme-ai-policy.md").write_text(POLICY_PAGE, encoding="utf-8")
    replace_once(project / "mkdocs.yml", "      - ML Test Score: frameworks/ml-test-score.md\n",
                 "      - ML Test Score: frameworks/ml-test-score.md\n      - Acme policy: frameworks/acme-ai-policy.md\n")

    # 5. Branding, in mkdocs.yml alone (plus the logo file).
    (project / "docs" / "assets").mkdir(exist_ok=True)
    (project / "docs" / "assets" / "acme.svg").write_text(LOGO, encoding="utf-8")
    replace_once(project / "mkdocs.yml", "site_name: pilot2prod\n", f"site_name: {BRAND}\n")
    replace_once(project / "mkdocs.yml", "  custom_dir: overrides\n", "  custom_dir: overrides\n  logo: assets/acme.svg\n")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.count("primary: indigo") == 2 and config.count("accent: indigo") == 2
    (project / "mkdocs.yml").write_text(config.replace(": indigo", ": teal"), encoding="utf-8")

    site = must_build(project, base / "site")
    weights = {item["id"]: item["weight"] for item in original["items"]}
    return {"project": project, "checklists": checklists, "site": site, "removed": removed,
            "own_weights": weights, "registry": registry}
