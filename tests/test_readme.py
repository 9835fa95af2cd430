"""The README's answers file example scores as written (its commands run in tests/test_docs_commands.py)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_answers_file_example_scores(tmp_path: Path) -> None:
    example = re.search(r"An answers file \(YAML or JSON\):\n\n```yaml\n(.*?)```", README, re.S).group(1)
    (tmp_path / "answers.yaml").write_text(example, encoding="utf-8")
    proc = run_cli("score", "answers.yaml", "--format", "json", "--checklists", str(ROOT / "checklists"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert '"OWN-001"' not in proc.stdout.split('"unknown"')[1].split("]")[0]  # answered, so not unknown
