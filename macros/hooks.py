"""MkDocs hook: put the browser scorer's files into the built site.

The worker needs three things, all served from the site's own origin:

* the five Pyodide runtime files, copied from ``node_modules/pyodide``
  (installed by ``npm ci``; the version is pinned in package-lock.json);
* the pure-Python part of ``scoring/`` as a zip archive, built from the same
  source the CLI runs, so browser and terminal cannot disagree: every module but
  the edge (:data:`scoring.EDGE_MODULES`). It also holds the CLI's YAML reader
  (``scoring/parse.py``) and the pure-Python part of PyYAML, imported only when a
  reader imports a file, so that the browser accepts exactly the answers files
  the CLI accepts and reports the same ``file:line:col`` errors;
* the checklist data (``model-<hash>.json``), the same documents the CLI loads.

It also publishes the answers schema of the checklists the site is built from at a stable
address, ``<site>/schemas/answers.schema.json`` (:data:`scoring.schema.PUBLISHED`), for editors and
validators: ``pilot2prod template`` points answers files to it when scoring.yml names the site
(``site_url``).

File names carry a content hash so browsers never score with a stale engine.
The build fails loudly if anything is missing rather than shipping a site whose
scorer cannot load.

Every page also gets a Content-Security-Policy ``<meta>`` tag (see
docs/privacy.md): scripts only from the site itself plus the exact hashes of
the theme's few inline scripts, WebAssembly compilation allowed, no other
origin. Only scripts the theme's templates write are hashed; any other script
in a built page (checklist text that got through as HTML, say) fails the build
with the page and the script. ``extra.pilot2prod.csp: false`` leaves the tag
out (the check still runs); ``mkdocs serve`` skips both, because its
live-reload script is injected inline at serve time.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import posixpath
import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

from scoring import EDGE_MODULES
from scoring.parse import MAX_BYTES
from scoring.schema import PUBLISHED
from scoring.words import catalogue

PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
ASSETS = "assets/pilot2prod"
_FIXED_TIME = (2020, 1, 1, 0, 0, 0)

#: What mkdocs.yml may set under extra.pilot2prod (everything else there is written by this hook).
SETTINGS = frozenset({"pyodide_url", "csp", "boot_timeout"})
#: Seconds the page waits for the scorer to start before it says it could not (extra.pilot2prod.boot_timeout).
BOOT_TIMEOUT = 60

_bundle: dict[str, bytes] = {}


def _yaml_sources() -> Path:
    import yaml

    return Path(yaml.__file__).resolve().parent


def scoring_archive(package: Path, yaml_dir: Path | None = None) -> bytes:
    """A reproducible zip of the engine's browser-safe modules (``scoring/``) and PyYAML's Python part (``yaml/``)."""
    yaml_dir = yaml_dir or _yaml_sources()
    files = [(f"scoring/{p.name}", p) for p in sorted(package.glob("*.py")) if p.stem not in EDGE_MODULES]
    # PyYAML without its C extension: yaml/__init__.py falls back to the pure-Python loader.
    files += [(f"yaml/{p.name}", p) for p in sorted(yaml_dir.glob("*.py"))]
    if not any(name == "yaml/__init__.py" for name, _ in files):
        raise PluginError(f"{yaml_dir}: PyYAML's Python sources not found")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, path in files:
            info = zipfile.ZipInfo(name, _FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def model_document(checklists: Path) -> tuple[bytes, str]:
    """The raw checklist documents as JSON; the worker validates them with the engine, as the CLI does.

    The checklists are the ones the macros read for the pages in this build (:mod:`macros.checklists`),
    not parsed a second time. Imported here, not at the top: ``mkdocs serve`` re-imports the project's
    modules before each rebuild (macros/reload.py), and this hook module is loaded once.
    """
    from macros.checklists import checklists as read
    from scoring.parse import LoadError
    from scoring.problems import capped

    try:
        # Every problem, located, before anything is shipped; the documents read are shipped as they are.
        loaded = read(checklists)
    except LoadError as exc:
        raise PluginError("invalid checklists:\n" + "\n".join(capped([str(p) for p in exc.problems]))) from None
    documents = loaded.documents
    data = {
        "config": documents["config"].data,
        "dimensions": {dim.id: documents[dim.id].data for dim in loaded.model.dimensions},
        "registry": documents["registry"].data if "registry" in documents else None,
        "frameworks": documents["frameworks"].data if "frameworks" in documents else None,
    }
    version = loaded.model.config.version
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode(), version


def write_answers_schema(site: Path, checklists: Path) -> Path:
    """Write the answers schema of ``checklists`` (:func:`scoring.schema.answers_schema`) into the built site."""
    from macros.checklists import checklists as read  # imported when called, as in model_document
    from scoring.schema import answers_schema, schema_text

    target = site / PUBLISHED
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(schema_text(answers_schema(read(checklists).model)), encoding="utf-8")
    return target


def _hashed(name: str, payload: bytes) -> str:
    stem, _, ext = name.rpartition(".")
    return f"{stem}-{hashlib.sha256(payload).hexdigest()[:12]}.{ext}"


def _pyodide_dir(project: Path) -> tuple[Path, str]:
    source = project / "node_modules" / "pyodide"
    missing = [name for name in PYODIDE_FILES if not (source / name).is_file()]
    if missing:
        raise PluginError(f"{source}: missing {', '.join(missing)}; run 'npm ci' to install the pinned Pyodide")
    version = json.loads((source / "package.json").read_text(encoding="utf-8"))["version"]
    return source, version


def pyodide_base(settings: dict, version: str) -> str:
    """Where the worker loads Pyodide from: this site (the default) or the CDN in ``pyodide_url``.

    ``{version}`` in the URL is replaced with the pinned npm version, so the CDN
    copy cannot drift from the one the tests ran against.
    """
    url = settings.get("pyodide_url")
    if url in (None, "", False):
        return f"assets/pyodide/{version}/"
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise PluginError(f"extra.pilot2prod.pyodide_url: expected an http(s) URL, got {url!r}")
    url = url.replace("{version}", version)
    return url if url.endswith("/") else url + "/"


def boot_timeout(settings: dict) -> float:
    """How long the page waits for the scorer: ``boot_timeout`` seconds, :data:`BOOT_TIMEOUT` by default."""
    value = settings.get("boot_timeout", BOOT_TIMEOUT)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 3600:
        raise PluginError("extra.pilot2prod.boot_timeout: expected a number of seconds, more than 0 and at most "
                          f"3600, got {value!r}")
    return value


_serving = False


def on_startup(command, dirty):  # noqa: ANN001, ANN201 - MkDocs hook signature
    global _serving
    _serving = command == "serve"


#: The policy every page gets; ``{scripts}`` becomes the hashes of the theme's inline scripts.
#: Only directives that differ from ``default-src 'self'`` (or have no default) are written:
#: styles, fonts, fetches and the worker are all the site's own. docs/privacy.md says which
#: feature needs which directive, and tests/test_browser_csp.py that nothing needs more.
CSP_TEMPLATE = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {scripts}; img-src 'self' data:; "
                "object-src 'none'; base-uri 'self'; form-action 'self'")
#: The JSON data blocks pages may hold: ``id`` -> where it comes from. They are never executed.
JSON_BLOCKS = {"__config": "the theme's settings (material/templates/base.html)",
               "p2p-settings": "the live checklists' settings and words (overrides/main.html)"}
#: What a template's ``{{ ... }}`` inside an inline script may become: text inside a string literal.
_PLACEHOLDER = r"""[^"'`<>\\\n]*"""
_TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_SCRIPT_TAG = re.compile(r"<script[\s/>]", re.I)


class CspError(PluginError):
    """A built page holds a script the site did not write: the build stops, naming the page and the text."""


def theme_scripts(template_dirs: list[str | Path]) -> dict[str, re.Pattern[str]]:
    """The inline scripts the theme's templates write, by template: the only inline scripts the policy allows.

    Each becomes a pattern that matches the script exactly, except where the template inserts a
    value (``{{ base_url }}``): there only text that cannot leave its string literal matches. A
    script with template logic inside (``{% if %}``) is left out, so it fails the build if it is ever
    written rather than being allowed by guess.
    """
    found: dict[str, re.Pattern[str]] = {}
    for directory in template_dirs:
        root = Path(directory)
        for template in sorted(root.rglob("*.html")):
            text = template.read_text(encoding="utf-8")
            name = f"{root.parent.name}/{root.name}/{template.relative_to(root).as_posix()}"
            for n, body in enumerate(_TEMPLATE_SCRIPT.findall(text), 1):
                if "{%" in body or "{#" in body:
                    continue
                parts = re.split(r"\{\{.*?\}\}", body, flags=re.S)
                found.setdefault(f"{name} (script {n})", re.compile(_PLACEHOLDER.join(re.escape(p) for p in parts)))
    return found


class _Scripts(HTMLParser):
    """The ``<script>`` elements of one page: ``(attributes, text)``, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._open: tuple[dict[str, str], list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._open = ({k: v or "" for k, v in attrs}, [])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":  # "<script/>" is not self-closing in HTML: what follows is its text
            self.scripts.append(({k: v or "" for k, v in attrs}, "<unknown: self-closing tag>"))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            self.scripts.append((self._open[0], "".join(self._open[1])))
            self._open = None


def _script_file(src: str, page: str, site: Path | None, base: str = "/") -> bool:
    """Whether ``src``, as the page ``page`` names it, is a JavaScript file of this site.

    ``base`` is the URL path the site is served under (``/pilot2prod/`` on GitHub Pages): the
    404 page names its scripts from there, as it is served at any depth.
    """
    if site is None or re.match(r"^[a-z][a-z0-9+.-]*:|^//", src, re.I) or "?" in src or "#" in src:
        return False
    if src.startswith("/"):
        if not src.startswith(base):
            return False
        path = src[len(base):]
    else:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), src))
    target = (site / path).resolve()
    return (target.suffix in (".js", ".mjs") and target.is_file() and site.resolve() in target.parents)


def inline_script_hashes(pages: dict[str, str], allowed: dict[str, re.Pattern[str]],
                         site: Path | None = None, base: str = "/") -> list[str]:
    """The CSP hash source of each distinct inline script in ``pages`` (name -> HTML), all from ``allowed``.

    Every ``<script>`` must be one the site writes: a JSON block named in :data:`JSON_BLOCKS`, a
    file of this site (``src``), or an inline script of the theme (``allowed``, from
    :func:`theme_scripts`). Anything else -- checklist text that opened a script element, say --
    raises :class:`CspError` with the page and the script, instead of being hashed into the policy.
    """
    found: set[str] = set()
    problems: list[str] = []
    for page, text in pages.items():
        parser = _Scripts()
        parser.feed(text)
        parser.close()
        if len(parser.scripts) != len(_SCRIPT_TAG.findall(text)):
            problems.append(f"{page}: a <script> tag that is not a whole script element")
        for attrs, body in parser.scripts:
            kind = attrs.get("type", "").strip().lower()
            if kind == "application/json":
                if attrs.get("id") not in JSON_BLOCKS:
                    problems.append(f"{page}: a JSON block the site does not write: {_shown(body)}")
            elif "src" in attrs:
                if not _script_file(attrs["src"], page, site, base):
                    problems.append(f"{page}: a script from outside this site's files: {attrs['src']!r}")
            elif any(pattern.fullmatch(body) for pattern in allowed.values()):
                digest = hashlib.sha256(body.encode("utf-8")).digest()
                found.add("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
            else:
                problems.append(f"{page}: an inline script the theme does not write: {_shown(body)}")
    if problems:
        raise CspError("pages hold scripts that the Content-Security-Policy will not allow (checklist text "
                       "or a page that writes HTML?):\n" + "\n".join(problems))
    return sorted(found)


def _shown(body: str) -> str:
    text = " ".join(body.split())
    return repr(text if len(text) <= 80 else text[:77] + "...")


def content_security_policy(pages: dict[str, str], allowed: dict[str, re.Pattern[str]],
                            site: Path | None = None, base: str = "/") -> str:
    return CSP_TEMPLATE.format(scripts=" ".join(inline_script_hashes(pages, allowed, site, base)))


def _add_csp_meta(site: Path, allowed: dict[str, re.Pattern[str]], write: bool = True, base: str = "/") -> str:
    """Check every page's scripts; with ``write``, put the policy into each page's ``<head>``."""
    paths = sorted(site.rglob("*.html"))
    texts = {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in paths}
    policy = content_security_policy(texts, allowed, site, base)
    if not write:
        return policy
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    for path, text in zip(paths, texts.values(), strict=True):
        # Right after <meta charset>: before any script it governs.
        head = re.search(r"<meta charset=[^>]*>", text, re.I) or re.search(r"<head[^>]*>", text, re.I)
        if head is None:
            continue
        path.write_text(text[: head.end()] + tag + text[head.end():], encoding="utf-8")
    return policy


def on_config(config):  # noqa: ANN001, ANN201 - MkDocs hook signature
    project = Path(config["config_file_path"]).resolve().parent
    archive = scoring_archive(project / "scoring")
    model, checklist_version = model_document(project / "checklists")
    _, version = _pyodide_dir(project)
    settings = dict(config["extra"].get("pilot2prod") or {})
    unknown = sorted(set(settings) - SETTINGS)
    if unknown:
        raise PluginError(f"extra.pilot2prod: unknown setting(s) {', '.join(unknown)}; "
                          f"expected {' or '.join(sorted(SETTINGS))}")
    names = {"scoring": _hashed("scoring.zip", archive), "model": _hashed("model.json", model)}
    _bundle.clear()
    _bundle.update({names["scoring"]: archive, names["model"]: model})
    config["extra"]["pilot2prod"] = {
        **settings,
        "scoring": f"{ASSETS}/{names['scoring']}",
        "model": f"{ASSETS}/{names['model']}",
        # A CDN base may be set in mkdocs.yml (extra.pilot2prod.pyodide_url); the default is this site.
        "pyodide": pyodide_base(settings, version),
        "pyodide_version": version,
        "version": checklist_version,
        "boot_timeout": boot_timeout(settings),
        # Files and share links over this many bytes are refused, by the engine's reader (scoring/parse.py).
        "max_bytes": MAX_BYTES,
        # Every word the page shows before, or without, the scorer (scoring/words.py): the browser writes none.
        "words": catalogue(),
    }
    return config


def on_post_build(config):  # noqa: ANN001, ANN201 - MkDocs hook signature
    project = Path(config["config_file_path"]).resolve().parent
    site = Path(config["site_dir"])
    source, version = _pyodide_dir(project)
    # With a CDN configured the worker never asks this site for Pyodide: do not ship 12 MB nobody loads.
    if not config["extra"]["pilot2prod"]["pyodide"].startswith(("https://", "http://")):
        target = site / "assets" / "pyodide" / version
        target.mkdir(parents=True, exist_ok=True)
        for name in PYODIDE_FILES:
            shutil.copyfile(source / name, target / name)
    assets = site / ASSETS
    assets.mkdir(parents=True, exist_ok=True)
    for name, payload in _bundle.items():
        (assets / name).write_bytes(payload)
    write_answers_schema(site, project / "checklists")
    if not _serving:
        # The scripts are checked even without the <meta> policy: a header policy copied from a
        # build must not be asked to allow a script nobody wrote.
        allowed = theme_scripts(config["theme"].dirs)
        base = urlsplit(config.get("site_url") or "/").path.rstrip("/") + "/"
        _add_csp_meta(site, allowed, write=(config["extra"].get("pilot2prod") or {}).get("csp", True), base=base)
