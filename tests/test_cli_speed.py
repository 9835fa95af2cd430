"""What keeps the CLI quick (issue 13): each command imports only what it needs, and ``score``,
``compare``, ``portfolio`` and ``template`` start from a validated-model cache that is never
trusted without the hash of what the model was made from (scoring.files.load_model)."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_cli
from scoring import arguments, crosswalk, portfolio, report, schema, template
from scoring.files import load_checklists

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini"
ANSWERS = "answers:\n  OWN-001: yes\n  OWN-002: no\n"

#: Runs the CLI, then writes the engine modules it loaded as JSON to the file named first.
LOADED = ("import json, sys; from scoring.cli import main; code = main(sys.argv[2:]); "
          "json.dump(sorted(m for m in sys.modules if m.startswith('scoring')), open(sys.argv[1], 'w')); "
          "sys.exit(code)")


def loaded(tmp_path: Path, *args: str, **env: str) -> list[str]:
    out = tmp_path / "modules.json"
    proc = subprocess.run([sys.executable, "-c", LOADED, str(out), *args], cwd=tmp_path, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT), **env}, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    return [m.removeprefix("scoring.") for m in json.loads(out.read_text(encoding="utf-8"))]


@pytest.fixture
def checklists(tmp_path: Path) -> Path:
    folder = tmp_path / "checklists"
    shutil.copytree(MINI, folder)
    (tmp_path / "a.yml").write_text(ANSWERS, encoding="utf-8")
    return folder


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("model-*.pickle")) if cache.exists() else []


def test_the_parsers_format_choices_are_the_reports() -> None:
    assert arguments.FORMATS == report.FORMATS
    assert arguments.PORTFOLIO_FORMATS == portfolio.PORTFOLIO_FORMATS
    assert arguments.CROSSWALK_FORMATS == crosswalk.FORMATS
    assert (arguments.PUBLISHED, arguments.SCHEMA) == (schema.PUBLISHED, template.SCHEMA)


def test_score_loads_only_what_it_needs(tmp_path: Path, checklists: Path) -> None:
    cache = tmp_path / "cache"
    args = ("score", "a.yml", "--checklists", str(checklists), "--format", "json")
    first = loaded(tmp_path, *args, PILOT2PROD_CACHE=str(cache))
    never = {"portfolio", "compare", "calc", "readout", "template", "api", "state", "shapes"}
    assert not never & set(first), first
    assert {"validation", "config", "dimension"} <= set(first)  # the first run checks the checklists
    assert len(entries(cache)) == 1
    second = loaded(tmp_path, *args, PILOT2PROD_CACHE=str(cache))
    assert not (never | {"validation", "config", "dimension", "registry"}) & set(second), second
    cost = loaded(tmp_path, "cost", str(ROOT / "examples" / "cost.yaml"))
    assert {"calc", "readout"} <= set(cost)
    assert not {"engine", "validation", "portfolio", "compare", "template"} & set(cost), cost


def test_a_cached_model_is_the_checked_one_and_follows_every_edit(tmp_path: Path, checklists: Path) -> None:
    cache = tmp_path / "cache"
    env = {"PILOT2PROD_CACHE": str(cache)}
    plain = run_cli("score", "a.yml", "--checklists", str(checklists), "--format", "json", cwd=tmp_path,
                    PILOT2PROD_CACHE="off")
    assert plain.returncode == 0 and not cache.exists()
    for _ in range(2):  # a miss, then a hit: the same output
        hit = run_cli("score", "a.yml", "--checklists", str(checklists), "--format", "json", cwd=tmp_path, **env)
        assert (hit.returncode, hit.stdout, hit.stderr) == (0, plain.stdout, plain.stderr)
    (entry,) = entries(cache)
    assert pickle.loads(entry.read_bytes().split(b"\n", 2)[2]) == load_checklists(checklists).model
    before = run_cli("template", "--checklists", str(checklists), cwd=tmp_path, **env)
    assert "  # Is there a run owner? [critical]" in before.stdout.splitlines()
    own = checklists / "own.yml"
    own.write_text(own.read_text(encoding="utf-8").replace("Is there a run owner?", "Who runs it?"), encoding="utf-8")
    after = run_cli("template", "--checklists", str(checklists), cwd=tmp_path, **env)
    assert "  # Who runs it? [critical]" in after.stdout.splitlines()
    assert len(entries(cache)) == 1  # one entry per checklists folder, replaced


@pytest.mark.parametrize("damage", ["truncated", "flipped byte", "other key", "not a pickle"])
def test_a_damaged_entry_is_a_miss(tmp_path: Path, checklists: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    env = {"PILOT2PROD_CACHE": str(cache)}
    good = run_cli("score", "a.yml", "--checklists", str(checklists), cwd=tmp_path, **env)
    (entry,) = entries(cache)
    raw = entry.read_bytes()
    key, digest, payload = raw.split(b"\n", 2)
    if damage == "truncated":
        raw = raw[: len(raw) // 2]
    elif damage == "flipped byte":
        raw = key + b"\n" + digest + b"\n" + payload[:-5] + bytes([payload[-5] ^ 1]) + payload[-4:]
    elif damage == "other key":
        raw = b"0" * 64 + b"\n" + digest + b"\n" + payload
    else:
        raw = key + b"\n" + digest + b"\n" + b"not a pickle"
    entry.write_bytes(raw)
    again = run_cli("score", "a.yml", "--checklists", str(checklists), cwd=tmp_path, **env)
    assert (again.returncode, again.stdout, again.stderr) == (0, good.stdout, good.stderr)
    assert entry.read_bytes().split(b"\n", 2)[2] == payload  # written again, whole


def test_an_entry_with_the_right_hash_from_other_checklists_is_used_only_from_a_private_folder(
        tmp_path: Path, checklists: Path) -> None:
    """The hash is all an entry is trusted by, so the folder must be this user's alone: an entry
    planted in a folder others can write is never unpickled."""
    cache = tmp_path / "cache"
    env = {"PILOT2PROD_CACHE": str(cache)}
    run_cli("score", "a.yml", "--checklists", str(checklists), cwd=tmp_path, **env)
    (entry,) = entries(cache)
    key, _, _ = entry.read_bytes().split(b"\n", 2)
    other = load_checklists(checklists).model
    planted_model = type(other)(config=other.config, dimensions=other.dimensions[:1], retired=other.retired,
                                issued=other.issued, releases=other.releases)
    payload = pickle.dumps(planted_model)
    from scoring.files import _sha256
    entry.write_bytes(key + b"\n" + _sha256(payload).hexdigest().encode() + b"\n" + payload)
    if os.name == "posix":
        cache.chmod(0o777)
        shared = run_cli("template", "--checklists", str(checklists), cwd=tmp_path, **env)
        assert "# --- Data ---" in shared.stdout  # the real checklists: the planted entry was not read
        cache.chmod(0o700)
    private = run_cli("template", "--checklists", str(checklists), cwd=tmp_path, **env)
    assert "# --- Data ---" not in private.stdout  # what a valid entry says is used as it is


def test_checklists_with_problems_are_never_cached_and_validate_never_uses_the_cache(
        tmp_path: Path, checklists: Path) -> None:
    cache = tmp_path / "cache"
    env = {"PILOT2PROD_CACHE": str(cache)}
    own = checklists / "own.yml"
    good = own.read_text(encoding="utf-8")
    own.write_text(good.replace("weight: 3", "weight: heavy"), encoding="utf-8")
    runs = [run_cli("score", "a.yml", "--checklists", str(checklists), cwd=tmp_path, **env) for _ in range(2)]
    assert runs[0].returncode == runs[1].returncode == 2
    assert runs[0].stderr == runs[1].stderr and "weight" in runs[0].stderr
    assert entries(cache) == []
    own.write_text(good, encoding="utf-8")
    assert run_cli("score", "a.yml", "--checklists", str(checklists), cwd=tmp_path, **env).returncode == 0
    assert len(entries(cache)) == 1
    assert "validation" in loaded(tmp_path, "validate", "--checklists", str(checklists), **env)


def test_an_unwritable_cache_changes_nothing(tmp_path: Path, checklists: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    proc = run_cli("score", "a.yml", "--checklists", str(checklists), cwd=tmp_path,
                   PILOT2PROD_CACHE=str(blocker / "cache"))
    plain = run_cli("score", "a.yml", "--checklists", str(checklists), cwd=tmp_path, PILOT2PROD_CACHE="off")
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, plain.stdout, plain.stderr)
