"""An installed pilot2prod (not a clone) carries the checklists and scores with them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import scoring

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_ships_the_checklists_and_the_installed_cli_uses_them(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                           "-w", str(tmp_path / "dist"), str(ROOT)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    (wheel,) = (tmp_path / "dist").glob("pilot2prod-*.whl")
    assert wheel.name.startswith(f"pilot2prod-{scoring.__version__}-")  # the metadata reads scoring.__version__
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.name for p in (ROOT / "checklists").glob("*.yml")}
    assert {f"scoring/checklists/{name}" for name in shipped} <= names
    assert "scoring/checklists/schema.json" in names

    # Unpacked somewhere else, run from an empty folder: the bundled checklists are found.
    target = tmp_path / "site-packages"
    zipfile.ZipFile(wheel).extractall(target)
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    where = subprocess.run([sys.executable, "-c", "import scoring; print(scoring.__file__)"], cwd=empty, env=env,
                           capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(target)), where  # the unpacked wheel, not this checkout
    run = subprocess.run([sys.executable, "-m", "scoring", "validate"], cwd=empty, env=env,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("ok: 11 dimensions"), run.stdout
