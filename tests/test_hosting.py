"""Hosting in real Chromium: the site under a sub-path, every page offline, the CDN option, a customised copy.

* The GitHub Pages workflow's build step is run as written (site_url from the
  Pages base URL) and the result is served under ``/pilot2prod/``, as a project
  site is; a crawl then visits every page and asserts that nothing is fetched
  outside that folder of the local server (no fonts, no CDN, no analytics, no
  404s), with the scorer ready on every page that has a checklist and a search run.
* The default build (no site_url) still scores when served under a sub-path.
* ``extra.pilot2prod.pyodide_url`` loads Pyodide from another origin (a second
  local server stands in for the CDN) and stops shipping the vendored copy.
* A copy of the project with a dimension added, an item retired, a weight
  changed and its own branding builds, and the pages, the CLI and the browser
  all show the change.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from conftest import ROOT, SiteHandler, build_site, serve
from test_browser import click, wait_for

pytestmark = pytest.mark.browser

# examples/: the case-study page scores its answers files when the site is built.
PROJECT_PARTS = ("mkdocs.yml", "docs", "checklists", "examples", "macros", "overrides", "scoring")
CHECKLIST = "[data-p2p-checklist], [data-p2p-assessment]"
READY = '[data-p2p-assessment][data-scorer-state="ready"]'
STORE = "pilot2prod.assessment"


# ---- helpers ----------------------------------------------------------------------------------

def copy_project(destination: Path) -> Path:
    """What a user forks: the site sources, the engine and the installed Pyodide (symlinked)."""
    destination.mkdir(parents=True)
    for name in PROJECT_PARTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / name)
    (destination / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return destination


def must_build(project: Path, destination: Path) -> Path:
    proc = build_site(destination, project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr
    return destination


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scoring", *args], capture_output=True, text=True, check=False)


def cli_json(answers: Path, checklists: Path) -> dict:
    proc = cli("score", str(answers), "--format", "json", "--checklists", str(checklists))
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def write_answers(path: Path, answers: dict[str, object], version: str = "") -> Path:
    path.write_text(json.dumps({"pilot": "", "version": version, "answers": answers}), encoding="utf-8")
    return path


def seed(page, url: str, answers: dict[str, object]) -> None:
    """Answers already saved in this browser (as a returning reader has them), for pages under ``url``."""
    page.goto(url)  # any page of the site: storage belongs to the origin
    page.evaluate("([key, data]) => localStorage.setItem(key, JSON.stringify(data))",
                  [STORE, {"pilot": "", "answers": answers}])


def items_on(page) -> list[str]:
    return page.eval_on_selector_all("[data-item]", "els => els.map(e => e.getAttribute('data-item'))")


def html_pages(site: Path) -> list[str]:
    """Every page of a built site as a URL path relative to its root (``dimensions/cost/``)."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        pages.append(rel.removesuffix("index.html"))
    return pages


class Traffic:
    """Every request a browser context made, and every response that was not a success."""

    def __init__(self, context) -> None:  # noqa: ANN001 - Playwright's BrowserContext
        self.urls: list[str] = []
        self.errors: list[str] = []
        context.on("request", lambda request: self.urls.append(request.url))
        context.on("response", lambda response: response.status >= 400
                   and self.errors.append(f"{response.status} {response.url}"))

    def outside(self, base: str) -> list[str]:
        return sorted({u for u in self.urls if not u.startswith(base) and not u.startswith(("data:", "blob:"))})


# ---- the GitHub Pages build, served under a sub-path ------------------------------------------

def pages_build_step() -> str:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job.get("steps", [])]
    builds = [step for step in steps if "mkdocs build" in step.get("run", "")]
    assert len(builds) == 1, "pages.yml should have exactly one step that runs mkdocs build"
    return builds[0]["run"]


@pytest.fixture(scope="module")
def pages_site(tmp_path_factory: pytest.TempPathFactory):
    """The site as the Pages workflow builds it, served at http://127.0.0.1:PORT/pilot2prod/."""
    base = tmp_path_factory.mktemp("pages")
    project = copy_project(base / "project")
    www = base / "www"
    www.mkdir()
    server, origin = serve(www)  # started first: the build needs the URL it will be served at
    url = origin + "pilot2prod/"
    env = {**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run(["bash", "-euo", "pipefail", "-c", pages_build_step()], cwd=project, env=env,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr
    shutil.copytree(project / "site", www / "pilot2prod")
    # GitHub Pages answers any missing path with the site's 404.html: put one deep in the tree.
    missing = www / "pilot2prod" / "no" / "such" / "page"
    missing.mkdir(parents=True)
    shutil.copy2(www / "pilot2prod" / "404.html", missing / "index.html")
    yield www / "pilot2prod", url
    server.shutdown()


def test_sitemap_lists_every_page_under_the_pages_url(pages_site) -> None:
    site, url = pages_site
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {loc.text for loc in ElementTree.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)}
    expected = {url + page for page in html_pages(site) if page not in ("404.html", "no/such/page/")}
    assert locs == expected


def follow(tab, url: str) -> None:
    """Go to ``url`` the way a reader does, by clicking a link (mkdocs-material swaps the page in place)."""
    tab.evaluate("""u => {
        const a = document.createElement('a');
        a.href = u;
        a.textContent = u;
        document.querySelector('.md-content').append(a);
        a.click();
    }""", url)
    tab.wait_for_function("u => location.href === u && document.querySelector('.md-content a[href]')", arg=url)


def wait_ready(tab, path: str) -> None:
    """Ready or error, whichever comes first; then insist on ready."""
    tab.wait_for_selector(f':is({CHECKLIST})[data-scorer-state="ready"], :is({CHECKLIST})[data-scorer-state="error"]',
                          state="attached", timeout=60_000)
    assert tab.get_attribute(CHECKLIST, "data-scorer-state") == "ready", \
        f"{path}: " + (tab.text_content("[data-p2p-status]") or "")


def test_every_page_loads_only_from_its_own_folder(browser, pages_site) -> None:
    site, url = pages_site
    pages = html_pages(site)
    live = [p for p in pages if "data-p2p-checklist" in (site / p / "index.html" if p.endswith("/") or not p
                                                          else site / p).read_text(encoding="utf-8")]
    assert len(pages) >= 20 and "assessment/" in live and "no/such/page/" in pages
    assert len(live) >= 12, live
    context = browser.new_context()
    traffic = Traffic(context)
    tab = context.new_page()
    try:
        # 1. Every page from cold, as a bookmark or a search engine opens it.
        for path in pages:
            response = tab.goto(url + path)
            assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
            # Styled by mkdocs-material, even 404.html served three folders down.
            assert tab.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky", path
            if path == live[0] or path == "assessment/":
                # The scorer starts when the reader reaches a checklist (at once on the assessment).
                tab.locator(CHECKLIST).first.scroll_into_view_if_needed()
                wait_ready(tab, path)

        # 2. Every page with a checklist as a reader moves through the site: the scorer stays up.
        tab.goto(url + "assessment/")
        wait_ready(tab, "assessment/")
        tab.evaluate("window.__p2pSamePage = true")
        for path in live:
            if path != "assessment/":
                follow(tab, url + path)
                assert tab.evaluate("window.__p2pSamePage") is True, f"{path}: a full page load, not instant navigation"
                wait_ready(tab, path)

        # 3. Search runs in mkdocs-material's own worker over search/search_index.json.
        # Typing before its index is built is lost, as for a reader: wait for the prompt first.
        tab.goto(url)
        tab.click("input.md-search__input")
        tab.wait_for_function(
            "() => document.querySelector('.md-search-result__meta').textContent === 'Type to start searching'")
        tab.keyboard.type("owner")
        tab.wait_for_selector(".md-search-result__item", timeout=30_000)
    finally:
        context.close()

    assert any(u.endswith("pyodide.asm.wasm") for u in traffic.urls), "the scorer's requests were not seen"
    assert any("search_index.json" in u for u in traffic.urls), "the search index was not loaded"
    assert traffic.outside(url) == []
    assert traffic.errors == []


def test_default_build_scores_under_a_sub_path(page, site_dir: Path, tmp_path: Path) -> None:
    """No site_url set (what a plain `mkdocs build` gives): the live checklists still work two folders down."""
    server, url = serve(site_dir, "/teams/pilot2prod/")
    try:
        ids = re.findall(r'data-item="([A-Z]+-\d+)"', (site_dir / "assessment" / "index.html").read_text("utf-8"))
        answers: dict[str, object] = {item: "yes" for item in ids}
        seed(page, url, answers)
        page.goto(url + "assessment/")
        page.wait_for_selector(READY, timeout=60_000)
        wait_for(page, "go", 100)
        for item, value in {"OWN-002": "partial", "DATA-001": "no"}.items():
            click(page, item, value)
            answers[item] = value
        result = cli_json(write_answers(tmp_path / "a.json", answers), ROOT / "checklists")
        wait_for(page, result["decision"], result["score"])

        # Across pages (instant navigation or a full load), the answers follow.
        page.locator('a[href*="dimensions/ownership/"]:visible').first.click()
        page.wait_for_url(url + "dimensions/ownership/**")
        page.locator('[data-p2p-checklist="OWN"]').scroll_into_view_if_needed()
        page.wait_for_selector('[data-p2p-checklist="OWN"][data-scorer-state="ready"]', timeout=60_000)
        assert page.is_checked('[data-item="OWN-002"] input[value="partial"]')
    finally:
        server.shutdown()
    assert page.requests.foreign(url) == []


def test_python_http_server_as_the_hosting_guide_says(page, site_dir: Path) -> None:
    """`python3 -m http.server --directory site` (docs/guides/hosting.md): right MIME types, the scorer starts."""
    proc = subprocess.Popen([sys.executable, "-u", "-m", "http.server", "--directory", str(site_dir),
                             "--bind", "127.0.0.1", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = proc.stdout.readline()  # "Serving HTTP on 127.0.0.1 port 12345 (http://127.0.0.1:12345/) ..."
        port = re.search(r"port (\d+)", line)
        assert port, line
        url = f"http://127.0.0.1:{port.group(1)}/"
        page.goto(url + "assessment/")
        page.wait_for_selector(READY, timeout=60_000)
    finally:
        proc.terminate()
        proc.wait()
    assert page.requests.foreign(url) == []


# ---- the CDN option ---------------------------------------------------------------------------

class CDNHandler(SiteHandler):
    def end_headers(self) -> None:
        # What jsDelivr sends: a module worker on another origin may import and fetch the files.
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()


def test_pyodide_url_loads_the_runtime_from_a_cdn(page, tmp_path: Path) -> None:
    version = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text())["version"]
    cdn_root = tmp_path / "cdn"
    (cdn_root / "npm").mkdir(parents=True)
    (cdn_root / "npm" / f"pyodide@{version}").symlink_to(ROOT / "node_modules" / "pyodide")
    cdn = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(CDNHandler, directory=str(cdn_root)))
    threading.Thread(target=cdn.serve_forever, daemon=True).start()
    cdn_url = "http://127.0.0.1:%d/" % cdn.server_address[1]

    project = copy_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nextra:\n  pilot2prod: {}\n" in config
    config = config.replace("\nextra:\n  pilot2prod: {}\n",
                            f"\nextra:\n  pilot2prod:\n    pyodide_url: {cdn_url}npm/pyodide@{{version}}/\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = must_build(project, tmp_path / "site")
    assert not (site / "assets" / "pyodide").exists(), "the vendored copy is shipped although a CDN is set"

    server, url = serve(site)
    try:
        page.goto(url + "assessment/")
        page.wait_for_selector(READY, timeout=60_000)
    finally:
        server.shutdown()
        cdn.shutdown()
    assert f"{cdn_url}npm/pyodide@{version}/pyodide.asm.wasm" in page.requests.urls
    assert [u for u in page.requests.urls if "pyodide" in u and u.startswith(url)] == []


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

NEW_DIMENSION = """\
# yaml-language-server: $schema=./schema.json
id: VEND
title: Vendor & model-provider risk
page: vendor
summary: >-
  What happens to the system when the model provider changes prices, versions or terms.
items:
  - id: VEND-001
    title: Model version pinned
    question: Does the system call a pinned model version, with a tested plan for the provider's deprecation date?
    guidance: |
      "Yes" means the model version is fixed in configuration and the deprecation date is in the team calendar.
    action: Pin the model version and put its deprecation date in the run team's calendar.
    weight: 2
    phase: harden
    owner: build
    headline: true
  - id: VEND-002
    title: Exit plan
    question: Could you switch to another provider within a month if you had to?
    guidance: |
      "Yes" means a second provider has passed the evaluation suite in the last quarter.
    action: Run the evaluation suite against a second provider and record the gaps.
    critical: true
    weight: 3
    phase: rollout
    owner: risk
  - id: VEND-003
    title: Terms reviewed
    question: Has legal reviewed the provider's data-use and retention terms for this use case?
    guidance: |
      "Yes" means a dated review names the clauses that matter and who accepted the residual risk.
    action: Ask legal to review the provider's data-use and retention terms.
    weight: 1
    phase: scope
    owner: risk
"""

NEW_PAGE = """\
# Vendor & model-provider risk

Our own guidance for the provider our pilots depend on.

## Checklist

{{ checklist("VEND") }}
"""

# The fork releases its own version after ours, numbered so it cannot be mistaken for one of ours.
OURS = yaml.safe_load((ROOT / "checklists" / "scoring.yml").read_text(encoding="utf-8"))["version"]
CUSTOM_VERSION = f"{OURS}-acme.1"

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="10"/></svg>\n'
BRAND = "Acme AI readiness"


def unreferenced_item(project: Path) -> tuple[str, str]:
    """An item that is neither critical nor headline and that no page or other item mentions."""
    texts = [p.read_text(encoding="utf-8") for p in (project / "docs").rglob("*.md")]
    files = {p: p.read_text(encoding="utf-8") for p in (project / "checklists").glob("*.yml")
             if p.name not in ("scoring.yml", "ids.yml", "frameworks.yml")}
    for path, text in files.items():
        for block in re.split(r"\n(?=  - id: )", text)[1:]:
            item_id = block.split(":", 1)[1].split()[0]
            if "critical: true" in block or "headline: true" in block:
                continue
            mentions = sum(t.count(item_id) for t in [*texts, *files.values()])
            if mentions == 1:
                return path.name, item_id
    pytest.fail("no item that nothing else mentions: pick one to remove by hand")


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: expected one {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def custom(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A fork of the project, edited the way checklists/README.md and the customising guide say."""
    base = tmp_path_factory.mktemp("custom")
    project = copy_project(base / "project")
    checklists = project / "checklists"
    original = yaml.safe_load((ROOT / "checklists" / "own.yml").read_text(encoding="utf-8"))
    file_name, removed = unreferenced_item(project)

    # 1. A new dimension, its page and its nav entry; its ids issued in the registry.
    (checklists / "vend.yml").write_text(NEW_DIMENSION, encoding="utf-8")
    (project / "docs" / "dimensions" / "vendor.md").write_text(NEW_PAGE, encoding="utf-8")
    replace_once(checklists / "scoring.yml", "BIZ]", "BIZ, VEND]")
    replace_once(project / "mkdocs.yml", "      - Roadmap: roadmap.md\n",
                 "      - Vendor & model-provider risk: dimensions/vendor.md\n      - Roadmap: roadmap.md\n")
    registry_path = checklists / "ids.yml"
    registry = yaml.safe_load(registry_path.read_text(encoding="utf-8")) if registry_path.exists() else None
    if registry is not None:
        registry["issued"] += ["VEND-001", "VEND-002", "VEND-003"]

    # 2. An item removed; its id retired, never reused.
    path = checklists / file_name
    text = path.read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=  - id: )", text)
    kept = [b for b in blocks if not b.startswith(f"  - id: {removed}\n")]
    assert len(kept) == len(blocks) - 1
    path.write_text("\n".join(kept).rstrip("\n") + "\n", encoding="utf-8")
    if registry is not None:
        registry["retired"] = {**(registry.get("retired") or {}),
                               removed: {"since": CUSTOM_VERSION, "reason": "not relevant to our pilots"}}
        if "releases" in registry:
            registry["releases"].append({"version": CUSTOM_VERSION, "notes": "Vendor risk added; one item dropped.",
                                         "added": ["VEND-001", "VEND-002", "VEND-003"]})
        registry_path.write_text(yaml.safe_dump(registry, sort_keys=False), encoding="utf-8")
    replace_once(checklists / "scoring.yml", f'version: "{OURS}"', f'version: "{CUSTOM_VERSION}"')

    # 3. A weight changed: OWN-002 from 3 to 1.
    own = (checklists / "own.yml").read_text(encoding="utf-8")
    start = own.index("  - id: OWN-002\n")
    end = own.index("\n  - id: ", start + 1)
    block = own[start:end]
    assert "    weight: 3\n" in block
    (checklists / "own.yml").write_text(own[:start] + block.replace("    weight: 3\n", "    weight: 1\n")
                                        + own[end:], encoding="utf-8")

    # 4. Branding, in mkdocs.yml alone (plus the logo file).
    (project / "docs" / "assets").mkdir(exist_ok=True)
    (project / "docs" / "assets" / "acme.svg").write_text(LOGO, encoding="utf-8")
    replace_once(project / "mkdocs.yml", "site_name: pilot2prod\n", f"site_name: {BRAND}\n")
    replace_once(project / "mkdocs.yml", "  custom_dir: overrides\n", "  custom_dir: overrides\n  logo: assets/acme.svg\n")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.count("primary: indigo") == 2 and config.count("accent: indigo") == 2
    (project / "mkdocs.yml").write_text(config.replace(": indigo", ": teal"), encoding="utf-8")

    site = must_build(project, base / "site")
    weights = {item["id"]: item["weight"] for item in original["items"]}
    return {"project": project, "checklists": checklists, "site": site, "removed": removed,
            "own_weights": weights, "registry": registry}


def test_custom_checklists_validate(custom: dict) -> None:
    proc = cli("validate", "--checklists", str(custom["checklists"]))
    assert proc.returncode == 0, proc.stderr
    original = cli("validate", "--checklists", str(ROOT / "checklists"))
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
    proc = cli("template", "--checklists", str(custom["checklists"]))
    assert proc.returncode == 0, proc.stderr
    template = yaml.safe_load(proc.stdout)
    ids = list(template["answers"])
    assert "VEND-001" in ids and custom["removed"] not in ids

    answers = {item: "yes" for item in ids}
    answers["OWN-002"] = "no"
    result = cli_json(write_answers(tmp_path / "a.json", answers, CUSTOM_VERSION), custom["checklists"])
    weights = {**custom["own_weights"], "OWN-002": 1}
    assert {d["id"]: d["score"] for d in result["dimensions"]}["OWN"] == \
        pytest.approx(own_score_when_only_own002_is_no(weights), abs=0.05)
    assert own_score_when_only_own002_is_no(weights) != own_score_when_only_own002_is_no(custom["own_weights"])
    assert result["decision"] == "go"

    # An answers file made against our release still scores; the retired id is reported, not "unrecognised".
    old = {**answers, custom["removed"]: "yes", "VEND-002": "no"}
    proc = cli("score", str(write_answers(tmp_path / "old.json", old, OURS)), "--format", "json",
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


def test_custom_browser_scores_with_the_changes(page, custom: dict, tmp_path: Path) -> None:
    server, url = serve(custom["site"], "/acme/")
    try:
        ids = re.findall(r'data-item="([A-Z]+-\d+)"',
                         (custom["site"] / "assessment" / "index.html").read_text("utf-8"))
        answers: dict[str, object] = {item: "yes" for item in ids}
        seed(page, url, answers)
        page.goto(url + "assessment/")
        page.wait_for_selector(READY, timeout=60_000)
        assert items_on(page) == ids and "VEND-003" in ids and custom["removed"] not in ids
        click(page, "OWN-002", "no")
        answers["OWN-002"] = "no"
        result = cli_json(write_answers(tmp_path / "a.json", answers), custom["checklists"])
        assert result["decision"] == "go"
        wait_for(page, "go", result["score"])

        click(page, "VEND-002", "no")
        answers["VEND-002"] = "no"
        result = cli_json(write_answers(tmp_path / "b.json", answers), custom["checklists"])
        wait_for(page, "no-go", result["score"])
        plan = page.eval_on_selector_all("[data-plan-item]", "els => els.map(e => e.getAttribute('data-plan-item'))")
        assert plan == [step["item"] for step in result["plan"]] and plan[0] == "VEND-002"
        assert "Vendor & model-provider risk" in page.text_content('[data-result="dimensions"]')

        page.goto(url + "dimensions/vendor/")
        page.wait_for_selector('[data-p2p-checklist="VEND"][data-scorer-state="ready"]', timeout=60_000)
        page.wait_for_function(
            "() => (document.querySelector('[data-p2p-dimension=\"VEND\"]').textContent || '').includes('3 of 3')")
    finally:
        server.shutdown()
    assert page.requests.foreign(url) == []
