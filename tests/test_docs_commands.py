"""Every command printed in README.md and docs/ runs as printed, in a clean clone, on the files it ships.

A reader copies a command from a page into a terminal at the top of a fresh clone. The test does
the same:

1. a clean clone: the files git tracks (or would track: not ignored), as they are on disk, in a
   fresh folder (:func:`conftest.clean_clone`);
2. the README's own install line, ``pip install -e .``, run as printed into a new virtual
   environment at the clone's ``.venv`` (pip needs PyPI, or its cache, for setuptools and PyYAML);
3. each page's commands, run by bash in its own fresh copy of that clone, top to bottom:

   - a ``console`` block holds ``$ command`` lines, each followed by its exact output (stdout and
     stderr as a terminal interleaves them); ``$ echo $?`` checks the exit code;
   - an ``sh`` block's lines run in one bash, in order; each must exit 0 (or 1 when it is a
     ``--fail-on`` gate) and print no traceback and no ``error:`` line;
   - a ``yaml`` block introduced by a shipped example file (`` `examples/...`: ``) is that file,
     byte for byte: the page shows the input, it does not create it.

Commands that cannot run here are in :data:`NOT_RUN`, each with the reason and the test that covers
what it does; a command that is neither run nor listed there fails the test, and so does a listed
one that no page prints any more. Commands in running prose (inline code) are not extracted.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, clean_clone

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
FENCE = re.compile(r"^```(sh|console|yaml)\n(.*?)^```", re.M | re.S)
INSTALL = "pip install -e ."
#: Printed commands that are not run here: why, and what tests what they do.
NOT_RUN = {
    "make serve": "a server that runs until stopped; tests/test_serve.py starts `mkdocs serve` as it does and "
                  "checks that it rebuilds on a checklist edit",
    "make test": "this test suite itself",
    "make lint": "the first step of make test, which CI runs; installs the toolchain first, as make build does",
    "make build": "installs the whole toolchain first (pip's docs and test extras, npm ci); the strict build it "
                  "then runs is the one every site test uses (conftest.build_site)",
    "SITE_URL=https://intranet.example.com/playbooks/pilot2prod/ make build":
        "as make build; tests/test_hosting.py builds with SITE_URL and serves the site under a sub-path",
    "python3 -m http.server --directory site --bind 127.0.0.1 8000":
        "a server that runs until stopped; tests/test_hosting.py runs it on a free port and scores in Chromium",
    "export HTTPS_PROXY=http://proxy.example.internal:3128": "a proxy that exists only in the reader's network",
    'npm config set proxy "$HTTPS_PROXY"': "changes the reader's own npm configuration",
    ".venv/bin/python benchmarks/bench.py": "a benchmark (about a minute), not a check",
    ".venv/bin/python benchmarks/browser_bench.py": "a browser benchmark (minutes), not a check",
}


def command(line: str) -> str:
    """A printed line without its trailing comment (``make serve   # the playbook ...``)."""
    return re.sub(r"\s+#\s.*$", "", line).strip()


def blocks(kind: str) -> list[tuple[Path, int, str]]:
    out = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for fence in FENCE.finditer(text):
            if fence.group(1) == kind:
                out.append((page, text[: fence.start()].count("\n") + 1, fence.group(2)))
    return out


def where(page: Path, line: int) -> str:
    return f"{page.relative_to(ROOT)}:{line}"


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean clone with pilot2prod installed by the README's own install line into its .venv."""
    clone = clean_clone(tmp_path_factory.mktemp("docs") / "pilot2prod")
    readme = next(body for page, _, body in blocks("sh") if page.name == "README.md" and INSTALL in body)
    assert command(readme.splitlines()[0]) == INSTALL, "the README's command-line block starts by installing"
    assert not (clone / ".venv").exists()  # a new environment, never this checkout's
    subprocess.run([sys.executable, "-m", "venv", str(clone / ".venv")], check=True, timeout=300)
    proc = subprocess.run(["bash", "-c", INSTALL], cwd=clone, env=environment(clone), capture_output=True,
                          text=True, check=False, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return clone


def environment(clone: Path) -> dict[str, str]:
    """A reader's shell with the clone's .venv first on PATH (as after `source .venv/bin/activate`)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PILOT2PROD_CHECKLISTS", "PYTHONPATH", "VIRTUAL_ENV")}
    path = [p for p in env.get("PATH", "/usr/bin:/bin").split(os.pathsep) if not p.startswith(str(ROOT))]
    return {**env, "PATH": os.pathsep.join([str(clone / ".venv" / "bin"), *path]), "VIRTUAL_ENV": str(clone / ".venv"),
            "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}


def fresh_copy(clone: Path, name: str) -> Path:
    """The clone as a reader has it before following one page: its .venv shared, nothing left by other pages."""
    copy = clone.parent / name
    shutil.copytree(clone, copy, symlinks=True, ignore=shutil.ignore_patterns(".venv", ".git"))
    (copy / ".venv").symlink_to(clone / ".venv", target_is_directory=True)
    return copy


def interleaves(expected: list[str], out: list[str], err: list[str]) -> bool:
    """Whether ``expected`` is ``out`` and ``err`` merged, each in its own order (as a terminal shows them)."""
    reachable = {(0, 0)}
    for line in expected:
        reachable = {(i + 1, j) for i, j in reachable if i < len(out) and out[i] == line} | \
                    {(i, j + 1) for i, j in reachable if j < len(err) and err[j] == line}
    return (len(out), len(err)) in reachable


def run_console(cwd: Path, env: dict[str, str], body: str) -> list[str]:
    """Run a console block's ``$`` lines; the problems found."""
    steps: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    problems, last = [], None
    for cmd, expected in steps:
        if cmd == "echo $?":
            if expected != [str(last)]:
                problems.append(f"exit code {last}, the page says {expected}")
            continue
        proc = subprocess.run(["bash", "-c", cmd], cwd=cwd, env=env, capture_output=True, text=True, check=False,
                              timeout=120)
        last = proc.returncode
        if not interleaves(expected, proc.stdout.splitlines(), proc.stderr.splitlines()):
            problems.append(f"$ {cmd}: the output differs from the page:\n{proc.stdout}{proc.stderr}")
    return problems


def run_sh(cwd: Path, env: dict[str, str], lines: list[str]) -> list[str]:
    """Run an sh block's lines in one bash, in order; the problems found."""
    assert not any(line.endswith("\\") for line in lines), "one command per line"
    codes = cwd / ".exit-codes"
    script = "".join(f"{line}\necho \"$?\" >> {codes}\n" for line in lines)
    proc = subprocess.run(["bash", "-c", script], cwd=cwd, env={**env, "GITHUB_STEP_SUMMARY": str(cwd / ".summary")},
                          capture_output=True, text=True, check=False, timeout=300)
    exits = [int(c) for c in codes.read_text(encoding="utf-8").split()] if codes.exists() else []
    codes.unlink(missing_ok=True)
    if len(exits) < len(lines):  # the script ended early (`exit "$status"`): that line's code is bash's
        exits.append(proc.returncode)
    gate = "--fail-on" in "\n".join(lines)  # a gate may fail: exit 1 from it, or from `exit "$status"` after it
    problems = [f"{line}: exit {code}" for line, code in zip(lines, exits, strict=False)
                if code != 0 and not (code == 1 and ("--fail-on" in line or (gate and line.startswith("exit "))))]
    printed = proc.stdout + proc.stderr
    if "Traceback" in printed or re.search(r"(^|: )error: ", printed, re.M):
        problems.append(f"an error was printed:\n{printed}")
    return problems


def test_every_printed_command_runs_as_printed(clone: Path) -> None:
    env = environment(clone)
    failures: list[str] = []
    ran = {"sh": 0, "console": 0}
    not_run: set[str] = set()
    for number, page in enumerate(PAGES):
        text = page.read_text(encoding="utf-8")
        cwd = fresh_copy(clone, f"page-{number}")
        for fence in FENCE.finditer(text):
            kind, body = fence.groups()
            at = where(page, text[: fence.start()].count("\n") + 1)
            if kind == "console":
                failures += [f"{at}: {p}" for p in run_console(cwd, env, body)]
                ran["console"] += 1
            elif kind == "sh":
                lines = [command(line) for line in body.splitlines() if command(line)]
                not_run |= {line for line in lines if line in NOT_RUN}
                lines = [line for line in lines if line not in NOT_RUN and line != INSTALL]
                if lines:
                    failures += [f"{at}: {p}" for p in run_sh(cwd, env, lines)]
                    ran["sh"] += 1
    assert failures == []
    assert not_run == set(NOT_RUN), "NOT_RUN lists a command no page prints any more"
    assert ran["console"] >= 15 and ran["sh"] >= 4, ran


def test_shipped_examples_shown_on_a_page_are_the_files() -> None:
    """A yaml block introduced by `examples/...`: is that file as shipped; docs/cli.md shows only such files."""
    shown = 0
    for page, line, body in blocks("yaml"):
        text = page.read_text(encoding="utf-8")
        intro = text.splitlines()[: line - 1]
        label = next((row for row in reversed(intro) if row.strip()), "")
        named = re.search(r"`(examples/[\w./-]+)`:$", label)
        if page.name == "cli.md":
            assert named, f"{where(page, line)}: every input on the command-line page is a shipped file"
        if named:
            assert (ROOT / named.group(1)).read_text(encoding="utf-8") == body, where(page, line)
            shown += 1
    assert shown >= 7
