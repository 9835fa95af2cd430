"""macros/hooks.py: the Content-Security-Policy allows only the scripts the site writes (issue 14, finding 12).

A checklist is data: a title holding ``</script><script>alert(7)</script>`` must come out as
text on every page, and any script the theme did not write fails the build, naming the page and
the script, instead of being hashed into the policy.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import build_site
from macros.hooks import CSP_TEMPLATE, JSON_BLOCKS, CspError, inline_script_hashes, theme_scripts
from scoring.parse import parse_document

ROOT = Path(__file__).resolve().parent.parent
PAYLOAD = ('</script><script>alert(7)</script><img src=x onerror=alert(8)> [x](javascript:alert(9)) '
           '*x*{: onclick="alert(10)"}')
IGNORE = shutil.ignore_patterns(".venv", "node_modules", ".git", "site", "build", "__pycache__", ".pytest_cache",
                                "*.egg-info", "tests")


def _hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


@pytest.fixture(scope="module")
def allowed() -> dict[str, re.Pattern[str]]:
    import material
    return theme_scripts([ROOT / "overrides", Path(material.__file__).parent / "templates"])


def _template_script(name: str) -> str:
    import material
    text = (Path(material.__file__).parent / "templates" / "partials" / "javascripts" / name).read_text("utf-8")
    return re.search(r"<script>(.*?)</script>", text, re.S).group(1)


def test_the_theme_scripts_are_known_by_name(allowed) -> None:
    assert "material/templates/partials/javascripts/palette.html (script 1)" in allowed
    base = allowed["material/templates/partials/javascripts/base.html (script 1)"]
    template = _template_script("base.html")
    # A value the template inserts may be any path, but cannot leave its string literal.
    assert base.fullmatch(re.sub(r"\{\{.*?\}\}", "../..", template))
    assert not base.fullmatch(re.sub(r"\{\{.*?\}\}", '"+alert(1)+"', template))
    assert set(JSON_BLOCKS) == {"__config", "p2p-settings"}


def _page(*scripts: str) -> str:
    return "<!doctype html><html><head><meta charset=utf-8>" + "".join(scripts) + "</head><body></body></html>"


def test_only_the_theme_scripts_are_hashed(allowed, tmp_path: Path) -> None:
    palette = _template_script("palette.html")
    (tmp_path / "javascripts").mkdir()
    (tmp_path / "javascripts" / "app.js").write_text("", encoding="utf-8")
    page = _page(f"<script>{palette}</script>", '<script id="p2p-settings" type="application/json">{}</script>',
                 '<script src="javascripts/app.js"></script>')
    assert inline_script_hashes({"index.html": page}, allowed, tmp_path) == [_hash(palette)]
    # The 404 page names its files from the site's root, which may be a sub-path (GitHub Pages).
    missing = _page('<script src="/pilot2prod/javascripts/app.js"></script>')
    assert inline_script_hashes({"404.html": missing}, allowed, tmp_path, "/pilot2prod/") == []
    with pytest.raises(CspError):
        inline_script_hashes({"404.html": missing}, allowed, tmp_path, "/")


@pytest.mark.parametrize("script, message", [
    ("<script>alert(7)</script>", "roadmap/index.html: an inline script the theme does not write: 'alert(7)'"),
    ("<SCRIPT>alert(7)</SCRIPT>", "roadmap/index.html: an inline script the theme does not write: 'alert(7)'"),
    ('<script id="x" type="application/json">{}</script>', "roadmap/index.html: a JSON block the site does not "
                                                           "write: '{}'"),
    ('<script src="https://evil.example/x.js"></script>', "roadmap/index.html: a script from outside this site's "
                                                          "files: 'https://evil.example/x.js'"),
    ('<script/src="../../etc/passwd.js"></script>', "roadmap/index.html: a script from outside this site's files: "
                                                    "'../../etc/passwd.js'"),
    ('<script src="data.json"></script>', "roadmap/index.html: a script from outside this site's files: "
                                          "'data.json'"),
])
def test_any_other_script_fails_with_the_page_and_the_text(allowed, tmp_path: Path, script: str,
                                                           message: str) -> None:
    (tmp_path / "data.json").write_text("{}", encoding="utf-8")
    with pytest.raises(CspError) as raised:
        inline_script_hashes({"roadmap/index.html": _page(script)}, allowed, tmp_path)
    assert str(raised.value).splitlines()[1:] == [message]


class _Elements(HTMLParser):
    """What a browser would make live: script elements, event handlers and javascript: addresses."""

    def __init__(self) -> None:
        super().__init__()
        self.live: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # A JSON data block is never run: the settings' text may hold the payload, escaped.
        self._script = tag == "script" and dict(attrs).get("type") != "application/json"
        for key, value in attrs:
            if key.startswith("on") or (key in ("href", "src") and
                                        (value or "").strip().lower().startswith("javascript:")):
                self.live.append(f"<{tag} {key}={value!r}>")

    def handle_data(self, data: str) -> None:
        if self._script and "alert(" in data:
            self.live.append(f"<script>{data}")

    def handle_endtag(self, tag: str) -> None:
        self._script = False


def _live_payload(text: str) -> list[str]:
    parser = _Elements()
    parser.feed(text)
    return parser.live


def _hostile_project(tmp_path: Path) -> Path:
    """A copy of the project whose checklists carry the payload in every kind of text they hold."""
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=IGNORE)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    checklists = project / "checklists"

    def edit(name: str, change) -> None:
        path = checklists / name
        data = parse_document(path.read_bytes(), name).data  # YAML 1.2, as the engine reads it
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    version = "1.0.0</script><script>alert(12)</script>"

    def config(data: dict) -> None:
        data["version"] = version
        data["phases"][0]["title"] += PAYLOAD
        data["phases"][0]["summary"] += PAYLOAD
        data["owners"][0]["title"] += PAYLOAD
        data["levels"][0]["name"] += PAYLOAD

    def own(data: dict) -> None:
        data["title"] += PAYLOAD
        data["summary"] += PAYLOAD
        item = data["items"][0]
        for key in ("title", "question", "action"):
            item[key] += PAYLOAD
        item["guidance"] += f"\n\n{PAYLOAD}\n\n<script>alert(11)</script>\n\n[link](javascript:alert(13))\n"

    def registry(data: dict) -> None:
        current = data["releases"][-1]["version"]
        data["releases"][-1]["version"] = version
        data["releases"][-1]["notes"] += PAYLOAD
        for retired in (data.get("retired") or {}).values():  # retired in the current release
            if retired.get("since") == current:
                retired["since"] = version

    edit("scoring.yml", config)
    edit("own.yml", own)
    edit("ids.yml", registry)
    return project


def test_a_hostile_checklist_builds_inert(tmp_path: Path) -> None:
    project = _hostile_project(tmp_path)
    site = tmp_path / "site"
    proc = build_site(site, project)
    assert proc.returncode == 0, proc.stderr[-3000:]
    pages = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    for name, text in pages.items():
        assert _live_payload(text) == [], name
    roadmap = pages["roadmap/index.html"]
    assert "&lt;/script&gt;&lt;script&gt;alert(7)&lt;/script&gt;" in roadmap
    guidance = pages["dimensions/ownership/index.html"]
    assert "&lt;script&gt;alert(11)&lt;/script&gt;" in guidance
    assert ">link<" in guidance  # the javascript: link keeps its text, not its address
    settings = re.search(r'<script id="p2p-settings" type="application/json">(.*?)</script>', roadmap, re.S).group(1)
    assert "\\u003c/script\\u003e" in settings and "</" not in settings
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', roadmap).group(1)
    for body in ("alert(7)", "alert(11)", "alert(12)"):
        assert _hash(body) not in policy
    # Every hash is of an inline script the pages hold, and none of those holds the payload.
    inline = {m.group(1) for text in pages.values() for m in re.finditer(r"<script>(.*?)</script>", text, re.S)}
    assert inline and not any("alert(" in body for body in inline)
    assert set(re.findall(r"'sha256-[^']+'", policy)) == {_hash(body) for body in inline}


def test_a_script_in_a_page_fails_the_build(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=IGNORE)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    page = project / "docs" / "privacy.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<script>alert(7)</script>\n", encoding="utf-8")
    proc = build_site(tmp_path / "site", project)
    assert proc.returncode != 0
    assert "privacy/index.html: an inline script the theme does not write: 'alert(7)'" in proc.stderr


def test_the_privacy_page_shows_the_policy_and_explains_each_directive() -> None:
    text = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")
    policy = CSP_TEMPLATE.format(scripts="'sha256-…' …")
    assert "```text\n" + policy.replace("; ", ";\n") + "\n```" in text
    table = text[text.index("| Directive |"):]
    for directive in policy.split("; "):
        name = directive.split()[0]
        assert f"`{name}" in table, name
