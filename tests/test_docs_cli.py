"""The command-line reference (docs/cli.md) stays true: its examples are run and compared.

The page is read top to bottom like a tutorial. A ``yaml`` block is written to the file the
text names just before it (`` `examples/june.yml`: ``), or else to the file the next command
reads; a ``console`` block holds ``$ command`` lines, each followed by its exact output, and
``$ echo $?`` checks the previous exit code. Blocks that need files which exist only in prose
(a copy of a checklist set with mistakes in it, a folder of pilots) are left out; the test
requires that most blocks run.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "cli.md"
VALUE_OPTIONS = {"--format", "--fail-on", "--pilot"}
FENCE = re.compile(r"^```(yaml|console)\n(.*?)^```", re.M | re.S)


def _paths(words: list[str]) -> list[str]:
    """The file and directory arguments of a ``pilot2prod`` command line."""
    out, skip = [], False
    for word in words[2:]:
        if skip:
            skip = False
        elif word in VALUE_OPTIONS:
            skip = True
        elif word != "--checklists" and not word.startswith("-"):
            out.append(word)
    return out


def _commands(body: str) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            out.append((line[2:], []))
        else:
            out[-1][1].append(line)
    return out


def _run(workspace: Path, command: str, expected: list[str], last: int | None) -> tuple[int | None, str | None]:
    if command == "echo $?":
        return last, None if expected == [str(last)] else f"exit code {last}, page says {expected}"
    words = shlex.split(command)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PILOT2PROD_CHECKLISTS", None)
    proc = subprocess.run([sys.executable, "-m", "scoring", *words[1:]], cwd=workspace, env=env,
                          capture_output=True, text=True, check=False)
    shown = (proc.stdout + proc.stderr).splitlines()
    # A terminal interleaves stdout and stderr; compare the lines, not their order across streams.
    problem = None if sorted(shown) == sorted(expected) else "output differs:\n" + "\n".join(shown)
    return proc.returncode, problem


def test_the_examples_on_the_page_are_what_the_cli_prints(tmp_path: Path) -> None:
    workspace = tmp_path / "work"
    shutil.copytree(ROOT / "tests" / "data", workspace / "tests" / "data")
    text = PAGE.read_text(encoding="utf-8")
    fences = list(FENCE.finditer(text))
    failures: list[str] = []
    consoles = checked = 0
    for index, fence in enumerate(fences):
        kind, body = fence.groups()
        line = text[: fence.start()].count("\n") + 1
        if kind == "yaml":
            before = text[: fence.start()].splitlines()[-3:]
            named = re.findall(r"`([\w./-]+\.(?:ya?ml|json))`", "\n".join(before))
            target = named[-1] if named else None
            if target is None:
                following = next((f for f in fences[index + 1:] if f.group(1) == "console"), None)
                if following:
                    paths = _paths(shlex.split(_commands(following.group(2))[0][0]))
                    target = paths[0] if paths else None
            if target:
                (workspace / target).parent.mkdir(parents=True, exist_ok=True)
                (workspace / target).write_text(body, encoding="utf-8")
            continue
        consoles += 1
        commands = _commands(body)
        runnable = all(
            cmd == "echo $?" or (cmd.startswith("pilot2prod ")
                                 and all((workspace / p).exists() for p in _paths(shlex.split(cmd))))
            for cmd, _ in commands)
        if not runnable:
            continue
        checked += 1
        last = None
        for command, expected in commands:
            last, problem = _run(workspace, command, expected, last)
            if problem:
                failures.append(f"cli.md:{line}: $ {command}: {problem}")
    assert failures == []
    assert consoles >= 10 and checked >= consoles * 2 // 3, f"only {checked} of {consoles} examples could run"
