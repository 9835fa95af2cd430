"""Hosting: the site as GitHub Pages builds it, the CDN option's settings, and a customised copy.

* The GitHub Pages workflow's build step is run as written (site_url from the
  Pages base URL): its sitemap lists every page under the Pages URL.
* ``extra.pilot2prod.pyodide_url`` and ``boot_timeout`` are checked when the site is built.
* A copy of the project with a dimension added, an item retired, a weight
  changed, a framework of its own and its own branding builds, and the pages and the CLI show the change.

The same copies in Chromium (every page offline, the scorer under a sub-path, the CDN, the
customised checklists scoring) are tests/test_browser_hosting.py; these tests need no browser.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from conftest import ROOT, build_site, run_cli
from hosting_helpers import BRAND, CUSTOM_VERSION, OURS, copy_project, html_pages, write_answers


def test_sitemap_lists_every_page_under_the_pages_url(pages_site: tuple[Path, str]) -> None:
    site, url = pages_site
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {loc.text for loc in ElementTree.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)}
    expected = {url + page for page in html_pages(site) if page not in ("404.html", "no/such/page/")}
    assert locs == expected


# ---- the CDN option's setting, and the boot timeout ---------------------------------------------

def test_pyodide_url_must_be_a_url(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("\nextra:\n  pilot2prod: {}\n",
                            "\nextra:\n  pilot2prod:\n    pyodide_url: cdn.jsdelivr.net/npm/pyodide/\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    proc = build_site(tmp_path / "site", project)
    assert proc.returncode != 0
    assert "extra.pilot2prod.pyodide_url: expected an http(s) URL, got 'cdn.jsdelivr.net/npm/pyodide/'" \
        in proc.stderr


def test_boot_timeout_is_a_number_of_seconds() -> None:
    from mkdocs.exceptions import PluginError

    from macros.hooks import BOOT_TIMEOUT, boot_timeout

    assert boot_timeout({}) == BOOT_TIMEOUT == 60
    assert boot_timeout({"boot_timeout": 2.5}) == 2.5
    for bad in (0, -1, "60", True, None, 3601):
        with pytest.raises(PluginError) as info:
            boot_timeout({"boot_timeout": bad})
        assert str(info.value) == ("extra.pilot2prod.boot_timeout: expected a number of seconds, more than 0 and "
                                   f"at most 3600, got {bad!r}")


# ---- a customised copy: checklists, scoring and branding ---------------------------------------

def test_custom_checklists_validate(custom: dict) -> None:
    proc = run_cli("validate", "--checklists", str(custom["checklists"]))
    assert proc.returncode == 0, proc.stderr
    original = run_cli("validate", "--checklists", str(ROOT / "checklists"))
    count = int(re.search(r"(\d+) items", original.stdout).group(1))
    assert proc.stdout == f"ok: 12 dimensions, {count + 3 - 1} items, checklists version {CUSTOM_VERSION}\n"


def test_custom_pages_show_the_changes(custom: dict) -> None:
    site, removed = custom["site"], custom["removed"]
    vendor = (site / "dimensions" / "vendor" / "index.html").read_text(encoding="utf-8")
    assert [m for m in re.findall(r'data-item="([A-Z]+-\d+)"', vendor)] == ["VEND-001", "VEND-002", "VEND-003"]
    assessment = (site / "assessment" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'data-item="([A-Z]+-\d+)"', assessment)
    assert "VEND-002" in ids and removed not in ids
    for page in site.rglob("*.html"):
        assert f'data-item="{removed}"' not in page.read_text(encoding="utf-8"), page
    table = (site / "dimensions" / "index.html").read_text(encoding="utf-8")
    assert "Vendor &amp; model-provider risk" in table and 'href="vendor/"' in table
    own = (site / "dimensions" / "ownership" / "index.html").read_text(encoding="utf-8")
    item = own[own.index('data-item="OWN-002"'):own.index('data-item="OWN-003"')]
    assert "Weight 1<" in item


def test_custom_framework_has_its_page_statuses_and_crosswalk(custom: dict, tmp_path: Path) -> None:
    """A framework added to frameworks.yml, mapped from items, with no code changed: the guide's three edits."""
    site = custom["site"]
    page = (site / "frameworks" / "acme-ai-policy" / "index.html").read_text(encoding="utf-8")
    assert "Acme AI use policy" in page and "We can leave any model provider within a month" in page
    assert 'href="../../dimensions/ownership/#OWN-001"' in page and 'href="../../dimensions/vendor/#VEND-002"' in page
    assert "Where data is stored is settled by the data-protection policy" in page
    overview = (site / "frameworks" / "index.html").read_text(encoding="utf-8")
    assert 'href="acme-ai-policy/"' in overview
    vendor = (site / "dimensions" / "vendor" / "index.html").read_text(encoding="utf-8")
    item = vendor[vendor.index('data-item="VEND-002"'):vendor.index('data-item="VEND-003"')]
    assert re.search(r'Acme policy</span> <a href="../../frameworks/acme-ai-policy/#p-2">P-2</a>', item)

    proc = run_cli("template", "--checklists", str(custom["checklists"]))
    answers = {item: "yes" for item in yaml.safe_load(proc.stdout)["answers"]}
    answers["VEND-002"] = "no"
    path = write_answers(tmp_path / "a.json", answers, CUSTOM_VERSION)
    proc = run_cli("score", str(path), "--format", "json", "--checklists", str(custom["checklists"]))
    policy = next(f for f in json.loads(proc.stdout)["frameworks"] if f["id"] == "acme-ai-policy")
    assert [(ref["id"], ref["items"], ref["status"]) for ref in policy["refs"]] == [
        ("P-1", ["OWN-001"], "met"), ("P-2", ["VEND-002"], "unmet"), ("P-3", [], "not-mapped"),
        ("P-4", [], "not-mapped")]
    assert policy["summary"] == {"refs": 4, "mapped": 2, "met": 1, "partial": 0, "unmet": 1, "unknown": 0, "na": 0}

    proc = run_cli("crosswalk", "acme-ai-policy", str(path), "--checklists", str(custom["checklists"]))
    assert proc.returncode == 0, proc.stderr
    assert "Crosswalk: Acme policy (v3)" in proc.stdout
    assert re.search(r"P-2 +We can leave any model provider within a month +VEND-002 \(no\) +Unmet", proc.stdout)


def test_custom_branding_comes_from_mkdocs_yml(custom: dict) -> None:
    home = (custom["site"] / "index.html").read_text(encoding="utf-8")
    assert f"<title>{BRAND}</title>" in home
    assert 'data-md-color-primary="teal"' in home and "indigo" not in home
    assert re.search(r'<img src="assets/acme\.svg" alt="logo">', home)
    assert (custom["site"] / "assets" / "acme.svg").is_file()


def own_score_when_only_own002_is_no(weights: dict[str, float]) -> float:
    total = sum(weights.values())
    return round(100 * (total - weights["OWN-002"]) / total, 1)


def test_custom_cli_scores_with_the_changes(custom: dict, tmp_path: Path) -> None:
    proc = run_cli("template", "--checklists", str(custom["checklists"]))
    assert proc.returncode == 0, proc.stderr
    template = yaml.safe_load(proc.stdout)
    ids = list(template["answers"])
    assert "VEND-001" in ids and custom["removed"] not in ids

    answers = {item: "yes" for item in ids}
    answers["OWN-002"] = "no"
    proc = run_cli("score", str(write_answers(tmp_path / "a.json", answers, CUSTOM_VERSION)), "--format", "json",
                   "--checklists", str(custom["checklists"]))
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    weights = {**custom["own_weights"], "OWN-002": 1}
    assert {d["id"]: d["score"] for d in result["dimensions"]}["OWN"] == \
        pytest.approx(own_score_when_only_own002_is_no(weights), abs=0.05)
    assert own_score_when_only_own002_is_no(weights) != own_score_when_only_own002_is_no(custom["own_weights"])
    assert result["decision"] == "go"

    # An answers file made against our release still scores; the retired id is reported, not "unrecognised".
    old = {**answers, custom["removed"]: "yes", "VEND-002": "no"}
    proc = run_cli("score", str(write_answers(tmp_path / "old.json", old, OURS)), "--format", "json",
                   "--checklists", str(custom["checklists"]))
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["decision"] == "no-go" and result["blockers"] == ["VEND-002"]
    assert custom["removed"] not in result["unrecognised"]
    if custom["registry"] is not None:
        assert custom["removed"] in result["retired"]
        changes = result["changes"]
        assert (changes["from"], changes["to"]) == (OURS, CUSTOM_VERSION)
        assert [entry["item"] for entry in changes["ignored"]] == [custom["removed"]]
        if "releases" in custom["registry"]:
            assert [entry["item"] for entry in changes["added"]] == ["VEND-001", "VEND-002", "VEND-003"]
