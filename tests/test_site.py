"""The site builds under --strict with no warning, and the macros render the checklists into it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent


def test_strict_build_succeeds_without_warnings(site_build) -> None:
    destination, proc = site_build
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr
    assert (destination / "index.html").is_file()


def test_assessment_page_follows_the_browser_contract(site_dir: Path) -> None:
    html = (site_dir / "assessment" / "index.html").read_text(encoding="utf-8")
    assert 'data-scorer-state="loading"' in html
    for result in ("decision", "score", "dimensions", "plan"):
        assert f'data-result="{result}"' in html
    items = re.findall(r'data-item="([A-Z]+-\d{3})"', html)
    assert len(items) == len(set(items)) >= 80
    for item in items[:3]:
        for value in ("yes", "partial", "no", "unsure", "na"):
            assert re.search(rf'name="p2p-{item}" value="{value}"', html)


def test_scorer_assets_are_in_the_site(site_dir: Path) -> None:
    runtime = next((site_dir / "assets" / "pyodide").iterdir())
    names = sorted(p.name for p in runtime.iterdir())
    assert names == sorted(["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                            "pyodide-lock.json"])
    bundle = sorted(p.name.split("-")[0] for p in (site_dir / "assets" / "pilot2prod").iterdir())
    assert bundle == ["model", "scoring", "snapshot"]  # the snapshot: tests/test_browser_snapshot.py


def test_the_site_publishes_the_answers_schema_of_its_checklists(site_dir: Path) -> None:
    """At a stable address (no content hash): answers files name it for good."""
    published = (site_dir / "schemas" / "answers.schema.json").read_text(encoding="utf-8")
    assert published == run_cli("schema", "answers", "--checklists", "checklists").stdout


def test_a_template_names_the_schema_the_site_of_its_checklists_publishes(site_dir: Path, tmp_path: Path) -> None:
    """With site_url in scoring.yml, the template's first line is that site's schema, which accepts the template."""
    checklists = tmp_path / "checklists"
    shutil.copytree(ROOT / "checklists", checklists)
    config = checklists / "scoring.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        '\nversion: "', '\nsite_url: https://example.org/playbook/\nversion: "', 1), encoding="utf-8")
    template = run_cli("template", "--checklists", str(checklists), "--pilot", "P")
    assert (template.returncode, template.stderr) == (0, "")
    first = template.stdout.splitlines()[0]
    assert first == "# yaml-language-server: $schema=https://example.org/playbook/schemas/answers.schema.json"
    (tmp_path / "readiness.yaml").write_text(template.stdout, encoding="utf-8")
    schema = site_dir / first.removeprefix("# yaml-language-server: $schema=https://example.org/playbook/")
    proc = subprocess.run([str(Path(sys.executable).parent / "check-jsonschema"), "--schemafile", str(schema),
                           str(tmp_path / "readiness.yaml")], capture_output=True, text=True, check=False)
    assert (proc.returncode, proc.stdout) == (0, "ok -- validation done\n"), proc.stdout + proc.stderr


def test_no_page_links_a_font_cdn(site_dir: Path) -> None:
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page


def test_quick_check_is_the_first_thing_a_visitor_is_offered(site_dir: Path) -> None:
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    # The header's tabs: Home, then the quick check.
    tabs = re.findall(r'<a href="([^"]*)" class="md-tabs__link">\s*([^<]+?)\s*</a>', home)
    assert [title for _, title in tabs][:2] == ["Home", "Quick check"], tabs
    # The page's own first link is to it too.
    body = home[home.index('<article'):]
    first = re.search(r'<a [^>]*href="([^"#]+)"', body.split("</h1>", 1)[1])
    assert first and first.group(1) == "quick-check/"
    quick = (site_dir / "quick-check" / "index.html").read_text(encoding="utf-8")
    assert 'data-p2p-quick' in quick and 'data-result="quick-check"' in quick
    assert "javascripts/scorer-boot.js" in quick  # the scorer starts while the page loads
