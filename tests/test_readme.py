"""The README's command-line examples and its answers file work as written."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent


def _section(title: str) -> str:
    return README.split(f"## {title}", 1)[1].split("\n## ", 1)[0]


def test_the_command_line_examples_run(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    block = re.search(r"```sh\n(.*?)```", _section("The command line"), re.S).group(1)
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    env.pop("PILOT2PROD_CHECKLISTS", None)
    ran = 0
    for line in block.splitlines():
        words = shlex.split(line, comments=True)
        command = " ".join(words)
        if not words or words[:2] == ["pip", "install"]:
            continue
        target = None
        if ">" in words:
            words, target = words[: words.index(">")], words[words.index(">") + 1]
        if words[0] == "python":
            words[0] = sys.executable
        proc = subprocess.run(words, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
        assert proc.returncode in (0, 1), f"{command}: exit {proc.returncode}\n{proc.stderr}"
        assert "Traceback" not in proc.stderr, command
        assert proc.stdout, command
        if target:
            (tmp_path / target).write_text(proc.stdout, encoding="utf-8")
        ran += 1
    assert ran >= 9


def test_the_answers_file_example_scores(tmp_path: Path) -> None:
    example = re.search(r"An answers file \(YAML or JSON\):\n\n```yaml\n(.*?)```", README, re.S).group(1)
    (tmp_path / "answers.yaml").write_text(example, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "scoring", "score", "answers.yaml", "--format", "json",
                           "--checklists", str(ROOT / "checklists")], cwd=tmp_path,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert '"OWN-001"' not in proc.stdout.split('"unknown"')[1].split("]")[0]  # answered, so not unknown
