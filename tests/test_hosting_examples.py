"""Readiness as code and the repository's own automation: the example answers file, the example
workflow's scoring step (run as written), the pre-commit hooks (run as pre-commit would), the
Pages and CI workflows, and the changelog page against the registry's releases."""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
DECISION = {"go": "GO", "conditional": "CONDITIONAL", "no-go": "NO-GO"}
EXAMPLE = ROOT / "examples" / "readiness.yaml"
BIN = Path(sys.executable).parent


def run(args: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False,
                          env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", **(env or {})})


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# ---- the example answers file -------------------------------------------------------------------

def test_example_answers_score_cleanly_against_the_current_checklists() -> None:
    proc = run_cli("score", str(EXAMPLE), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # no unknown ids, no older-release warning
    result = json.loads(proc.stdout)
    # Realistic: half-way through hardening, so conditional (it passes the example's no-go gate).
    assert result["decision"] == "conditional"
    assert result["blockers"] == [] and result["unrecognised"] == []
    template = run_cli("template")
    every_item = set(yaml.safe_load(template.stdout)["answers"])
    answers = load(EXAMPLE)["answers"]
    assert set(answers) == every_item, "the example should answer every item of the current checklists"
    assert load(EXAMPLE)["version"] == yaml.safe_load(template.stdout)["version"]


# ---- the example workflow for a pilot's repository ----------------------------------------------

def example_workflow() -> dict:
    return load(ROOT / "examples" / "github-workflow.yml")


def step(workflow: dict, name: str) -> dict:
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    return next(s for s in steps if s.get("name") == name)


def run_score_step(tmp_path: Path, answers: dict) -> tuple[subprocess.CompletedProcess[str], str]:
    """The 'Score readiness' step's script, as written, in a pilot repository with pilot2prod checked out."""
    workflow = example_workflow()
    score = step(workflow, "Score readiness")
    repo = tmp_path / "pilot-repo"
    repo.mkdir()
    checkout = step(workflow, "Get pilot2prod")["with"]["path"]
    (repo / checkout).symlink_to(ROOT, target_is_directory=True)
    (repo / workflow["env"]["READINESS_FILE"]).write_text(yaml.safe_dump(answers), encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.write_text("", encoding="utf-8")
    env = {**{k: str(v) for k, v in workflow["env"].items()}, **score["env"], "GITHUB_STEP_SUMMARY": str(summary)}
    proc = run(["bash", "-e", "-c", score["run"]], cwd=repo, env=env)
    return proc, summary.read_text(encoding="utf-8")


def test_example_workflow_installs_from_git_and_scores_every_pull_request() -> None:
    workflow = example_workflow()
    triggers = workflow.get("on", workflow.get(True))  # PyYAML reads the key `on` as true
    assert "pull_request" in triggers
    get = step(workflow, "Get pilot2prod")
    assert get["uses"].startswith("actions/checkout@")
    assert get["with"]["repository"] == "${{ env.PILOT2PROD_REPO }}"
    assert get["with"]["ref"] == "${{ env.PILOT2PROD_REF }}"
    install = step(workflow, "Install pilot2prod")["run"]
    assert shlex.split(install) == ["python", "-m", "pip", "install", "./" + get["with"]["path"]]
    assert step(workflow, "Score readiness")["env"]["PILOT2PROD_CHECKLISTS"] == get["with"]["path"] + "/checklists"


def test_example_workflow_writes_the_summary_and_passes_a_conditional_pilot(tmp_path: Path) -> None:
    proc, summary = run_score_step(tmp_path, load(EXAMPLE))
    assert proc.returncode == 0, proc.stderr
    assert summary.startswith("# Readiness: Claims triage assistant")
    assert "**Decision: CONDITIONAL**" in summary


def test_example_workflow_fails_a_no_go_pilot_after_writing_the_summary(tmp_path: Path) -> None:
    answers = load(EXAMPLE)
    answers["answers"]["OWN-001"] = "no"
    proc, summary = run_score_step(tmp_path, answers)
    assert proc.returncode == 1
    assert "gate failed: decision is no-go (--fail-on no-go)" in proc.stderr
    assert "**Decision: NO-GO**" in summary and "OWN-001" in summary


# ---- pre-commit hooks ---------------------------------------------------------------------------

def hooks() -> dict[str, dict]:
    return {hook["id"]: hook for hook in load(ROOT / ".pre-commit-hooks.yaml")}


def run_hook(hook: dict, files: list[str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """What pre-commit runs: entry, then args, then the matching files (unless pass_filenames is false)."""
    matching = [f for f in files if re.search(hook["files"], f)]
    argv = shlex.split(hook["entry"]) + hook.get("args", [])
    if hook.get("pass_filenames", True):
        argv += matching
    return run(argv, cwd=cwd)


def test_hooks_are_the_console_script_and_match_the_right_files() -> None:
    found = hooks()
    assert set(found) == {"pilot2prod-validate", "pilot2prod-score", "pilot2prod-portfolio"}
    script = next(iter(load_pyproject_scripts()))
    for hook in found.values():
        assert hook["language"] == "python" and shlex.split(hook["entry"])[0] == script
    match = {name: [f for f in ["readiness.yaml", "service/readiness.yml", "pilots/claims.yaml",
                                "checklists/own.yml", "docs/readiness.md", "pilots/old/x.yaml"]
                    if re.search(hook["files"], f)] for name, hook in found.items()}
    assert match == {
        "pilot2prod-validate": ["checklists/own.yml"],
        "pilot2prod-score": ["readiness.yaml", "service/readiness.yml"],
        "pilot2prod-portfolio": ["readiness.yaml", "service/readiness.yml", "pilots/claims.yaml"],
    }


def load_pyproject_scripts() -> dict[str, str]:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]


def test_validate_hook_passes_on_the_shipped_checklists() -> None:
    proc = run_hook(hooks()["pilot2prod-validate"], ["checklists/own.yml"])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("ok: ")


@pytest.mark.parametrize("hook_id", ["pilot2prod-score", "pilot2prod-portfolio"])
def test_score_hooks_gate_on_no_go(hook_id: str, tmp_path: Path) -> None:
    hook = hooks()[hook_id]
    repo = tmp_path / "repo"
    repo.mkdir()
    answers = load(EXAMPLE)
    (repo / "readiness.yaml").write_text(yaml.safe_dump(answers), encoding="utf-8")
    proc = run_hook(hook, ["readiness.yaml", "README.md"], cwd=repo)  # the example's decision: conditional
    assert proc.returncode == 0, proc.stderr
    answers["answers"]["SEC-001"] = "no"
    (repo / "readiness.yaml").write_text(yaml.safe_dump(answers), encoding="utf-8")
    proc = run_hook(hook, ["readiness.yaml", "README.md"], cwd=repo)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "gate failed" in proc.stderr and "no-go" in proc.stderr


def test_score_hook_with_two_readiness_files_points_to_the_portfolio_hook(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    for service in ("billing", "claims"):
        (repo / service).mkdir(parents=True)
        (repo / service / "readiness.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    staged = ["billing/readiness.yaml", "claims/readiness.yaml"]
    proc = run_hook(hooks()["pilot2prod-score"], staged, cwd=repo)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == ("pilot2prod score: error: score reads one answers file, got 2: billing/readiness.yaml, "
                           "claims/readiness.yaml; to score several, use 'pilot2prod portfolio' (in pre-commit, the "
                           "pilot2prod-portfolio hook)\n")
    proc = run_hook(hooks()["pilot2prod-portfolio"], staged, cwd=repo)  # ... which scores both
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Portfolio: 2 pilots scored against checklists ")


# ---- the repository's workflows -----------------------------------------------------------------

def uses(workflow: dict) -> list[str]:
    return [s["uses"].split("@")[0] for job in workflow["jobs"].values() for s in job["steps"] if "uses" in s]


def test_pages_workflow_builds_strictly_and_deploys_with_the_official_actions() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "pages.yml")
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses(workflow))
    build = workflow["jobs"]["build"]["steps"]
    install = next(s["run"] for s in build if "npm ci" in s.get("run", ""))
    assert "pip install" in install
    assert any("mkdocs build --strict" in s.get("run", "") for s in build)
    upload = next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    assert workflow["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    text = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert 'Source: "GitHub Actions"' in text  # the one setting, documented where it is needed


def test_ci_workflow_runs_the_readme_test_command_on_debian() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "ci.yml")
    job = workflow["jobs"]["test"]
    assert all(image.startswith(("debian:", "python:")) and "bookworm" in image for image in job["strategy"]["matrix"]["image"])
    assert [s["run"] for s in job["steps"] if "run" in s][-1] == "bash .ci/run"
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


# ---- the changelog page -------------------------------------------------------------------------

def test_changelog_has_a_section_for_every_release(site_dir: Path) -> None:
    """The page is generated from ids.yml (macro changelog()): newest first, one section each."""
    registry = load(ROOT / "checklists" / "ids.yml")
    releases = [str(r["version"]) for r in registry.get("releases") or []]
    version = str(load(ROOT / "checklists" / "scoring.yml")["version"])
    assert releases == [] or releases[-1] == version
    html = (site_dir / "changelog" / "index.html").read_text(encoding="utf-8")
    headings = [re.sub(r"<[^>]+>|&para;", "", h).split(" (")[0].strip()
                for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)]
    assert headings == list(reversed(releases or [version])), "newest first, one section per release"
    for item_id in registry["issued"][:1] + registry["issued"][-1:]:
        assert item_id in html


def test_changelog_shows_release_1_1_0_with_what_it_added_and_retired(site_dir: Path) -> None:
    registry = load(ROOT / "checklists" / "ids.yml")
    html = (site_dir / "changelog" / "index.html").read_text(encoding="utf-8")
    newest = html.split("<h2", 2)[1]
    assert re.sub(r"<[^>]+>|&para;", "", newest.split("</h2>")[0].split(">", 1)[1]).strip() == "1.1.0 (2026-11-28)"
    assert f"Added {len(registry['releases'][1]['added'])} items:" in newest
    linked = re.findall(r'href="[^"]*#([A-Z]+-\d{3})"', newest)
    assert {"OWN-010", "OWN-012", "SEC-010", "SEC-014", "BIZ-010"} <= set(linked)
    retired = re.findall(r"<li>([A-Z]+-\d{3}): (replaced by|not replaced)", newest)
    assert sorted(i for i, _ in retired) == sorted(registry["retired"])
    assert ("BIZ-008", "not replaced") in retired and ("INT-003", "replaced by") in retired


def test_case_study_page_shows_both_assessments_and_the_real_compare_output(site_dir: Path) -> None:
    html = (site_dir / "case-study" / "index.html").read_text(encoding="utf-8")
    proc = run_cli("compare", "examples/readiness-2026-06.yaml", "examples/readiness.yaml")
    assert proc.returncode == 0 and proc.stderr == ""
    command = "$ pilot2prod compare examples/readiness-2026-06.yaml examples/readiness.yaml\n"
    blocks = [html_lib.unescape(re.sub(r"<[^>]+>", "", b)) for b in re.findall(r"<pre[^>]*>(.*?)</pre>", html, re.S)]
    shown = [b for b in blocks if b.startswith(command)]
    assert len(shown) == 1, "the compare output block is missing"
    assert shown[0][len(command):] == proc.stdout
    for name, decision in (("readiness-2026-06.yaml", "NO-GO"), ("readiness.yaml", "CONDITIONAL")):
        result = json.loads(run_cli("score", f"examples/{name}", "--format", "json").stdout)
        assert DECISION[result["decision"]] == decision
        assert f"<strong>Decision: {decision}</strong>" in html
        assert f"score {str(result['score']).removesuffix('.0')} ({result['level']})" in html
