"""macros/assets.py: the browser scorer's files, settings and policy as one step any builder can run
(issue 15, part 7). A site built without the MkDocs hook, then given ``python -m macros.assets``,
is the site the hook builds, byte for byte."""

from __future__ import annotations

import filecmp
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import build_site
from macros.assets import PYODIDE_FILES, fill_settings, settings_json

ROOT = Path(__file__).resolve().parent.parent
IGNORE = shutil.ignore_patterns(".venv", "node_modules", ".git", "site", "build", "__pycache__", ".pytest_cache",
                                "*.egg-info", "tests")
SETTINGS = re.compile(r'<script id="p2p-settings" type="application/json">(.*?)</script>', re.S)


def assets(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "macros.assets", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=False)


def differences(left: Path, right: Path) -> list[str]:
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(f"{prefix}{name}: only one side" for name in cmp.left_only + cmp.right_only)
        found.extend(f"{prefix}{name}: differs" for name in cmp.diff_files + cmp.funny_files)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=[]), "")
    return found


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """The site as the hook builds it, and as a build without the hook leaves it then the command."""
    tmp = tmp_path_factory.mktemp("assets")
    hooked = tmp / "hooked"
    proc = build_site(hooked, ROOT)
    assert proc.returncode == 0, proc.stderr
    project = tmp / "project"
    shutil.copytree(ROOT, project, ignore=IGNORE)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  - macros/hooks.py\n" in config
    (project / "mkdocs.yml").write_text(config.replace("\n  - macros/hooks.py\n", "\n"), encoding="utf-8")
    plain = tmp / "plain"
    proc = build_site(plain, project)
    assert proc.returncode == 0, proc.stderr
    before = SETTINGS.search((plain / "index.html").read_text(encoding="utf-8"))
    assert before is not None and before.group(1) == "{}"  # what a builder without the hook ships
    assert not (plain / "assets" / "pilot2prod").exists()
    run = assets(str(plain))
    assert (run.returncode, run.stderr) == (0, ""), run.stderr
    return hooked, plain, run.stdout


def test_the_command_makes_a_site_built_without_the_hook_the_hooks_site(sites: tuple[Path, Path, str]) -> None:
    hooked, plain, out = sites
    assert differences(hooked, plain) == []
    pages = len(list(plain.rglob("*.html")))
    # The engine, the model and the answers schema, and the five Pyodide files.
    assert out == f"macros.assets: 8 files written, the settings filled in on {pages} pages, the policy checked\n"


def test_the_sites_scorer_files_are_there_and_named_by_the_settings(sites: tuple[Path, Path, str]) -> None:
    _, plain, _ = sites
    for page in plain.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; ' in text, page
        (block,) = SETTINGS.findall(text)
        settings = json.loads(block)
        assert {"scoring", "model", "pyodide", "words"} <= set(settings), page
    for name in ("scoring", "model"):
        assert (plain / settings[name]).is_file()
    assert json.loads((plain / settings["model"]).read_bytes())["config"]["version"] == settings["version"]
    assert sorted(p.name for p in (plain / settings["pyodide"]).iterdir()) == sorted(PYODIDE_FILES)


def test_the_settings_are_written_as_the_themes_tojson_writes_them(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text('<head><script id="p2p-settings" type="application/json">{}</script></head>', encoding="utf-8")
    settings = {"b": "</script><script>alert(1)</script>", "a": "it's & more"}
    assert fill_settings(tmp_path, settings) == 1
    assert settings_json(settings) == ('{"a": "it\\u0027s \\u0026 more", '
                                       '"b": "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"}')
    assert page.read_text(encoding="utf-8") == ('<head><script id="p2p-settings" type="application/json">'
                                                f"{settings_json(settings)}</script></head>")


def test_the_command_refuses_what_is_not_a_built_site(tmp_path: Path) -> None:
    run = assets(str(tmp_path))
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == f"macros.assets: error: {tmp_path}: expected a built site (no index.html)\n"
    (tmp_path / "index.html").write_text("<html><head></head></html>", encoding="utf-8")
    run = assets(str(tmp_path))
    assert run.returncode == 2 and run.stderr == (
        f"macros.assets: error: {tmp_path}: no page holds the settings block of overrides/main.html "
        "(was the site built with the theme's custom_dir: overrides?)\n")


def test_the_macros_need_only_what_both_builders_give() -> None:
    """MkDocs gives env.conf['config_file_path'] and page.file.src_uri; Zensical's env has neither
    (its page has ``path``): the project is then the folder above macros/."""
    from types import SimpleNamespace

    import macros

    assert macros.config_file(SimpleNamespace(conf={"config_file_path": "/x/mkdocs.yml"})) == "/x/mkdocs.yml"
    assert macros.config_file(SimpleNamespace(conf={})) == str(ROOT / "mkdocs.yml")
    assert macros.config_file(SimpleNamespace()) == str(ROOT / "mkdocs.yml")
    mkdocs_page = SimpleNamespace(file=SimpleNamespace(src_uri="dimensions/data.md"))
    zensical_page = SimpleNamespace(url="dimensions/data/", path="dimensions/data.md")
    assert macros.page_path(mkdocs_page) == macros.page_path(zensical_page) == "dimensions/data.md"
    with pytest.raises(RuntimeError):
        macros.page_path(SimpleNamespace())


def test_the_snapshot_setting_is_always_cached_or_false() -> None:
    from macros.assets import AssetError, snapshot_policy

    assert snapshot_policy({}) == "always"
    assert [snapshot_policy({"snapshot": v}) for v in ("always", "cached", False)] == ["always", "cached", False]
    for bad in (True, "never", 0, None, "yes"):
        with pytest.raises(AssetError) as info:
            snapshot_policy({"snapshot": bad})
        assert str(info.value) == f"extra.pilot2prod.snapshot: expected always, cached or false, got {bad!r}"
