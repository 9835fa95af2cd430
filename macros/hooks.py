"""MkDocs hook: put the browser scorer's files into the built site.

The worker needs three things, all served from the site's own origin:

* the five Pyodide runtime files, copied from ``node_modules/pyodide``
  (installed by ``npm ci``; the version is pinned in package-lock.json);
* the pure-Python part of ``scoring/`` as a zip archive, built from the same
  source the CLI runs, so browser and terminal cannot disagree; it also holds
  the CLI's file reader (``scoring/load.py``) and the pure-Python part of PyYAML,
  imported only when a reader imports a file, so that the browser accepts
  exactly the answers files the CLI accepts and reports the same
  ``file:line:col`` errors;
* the checklist data (``model-<hash>.json``), the same documents the CLI loads.

File names carry a content hash so browsers never score with a stale engine.
The build fails loudly if anything is missing rather than shipping a site whose
scorer cannot load.

Every page also gets a Content-Security-Policy ``<meta>`` tag (see
docs/privacy.md): scripts only from the site itself plus the exact hashes of
the theme's few inline scripts, WebAssembly compilation allowed, no other
origin. ``extra.pilot2prod.csp: false`` turns it off; ``mkdocs serve`` leaves
it out because its live-reload script is injected inline at serve time.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

from mkdocs.exceptions import PluginError

from scoring.load import MAX_BYTES, LoadError, load_checklists

PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
#: The CLI's edge (arguments, stdout, benchmarks): never shipped to the browser. ``load.py`` is
#: shipped: its parser (not its file reading) reads imported answers files in the worker.
EDGE_MODULES = frozenset({"cli.py", "__main__.py", "bench.py"})
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
    files = [(f"scoring/{p.name}", p) for p in sorted(package.glob("*.py")) if p.name not in EDGE_MODULES]
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
    """The raw checklist documents as JSON; the worker validates them with the engine, as the CLI does."""
    try:
        # Every problem, located, before anything is shipped; the documents read are shipped as they are.
        loaded = load_checklists(checklists)
    except LoadError as exc:
        raise PluginError("invalid checklists:\n" + "\n".join(str(p) for p in exc.problems)) from None
    documents = loaded.documents
    data = {
        "config": documents["config"].data,
        "dimensions": {dim.id: documents[dim.id].data for dim in loaded.model.dimensions},
        "registry": documents["registry"].data if "registry" in documents else None,
    }
    version = loaded.model.config.version
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode(), version


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
        raise PluginError(f"extra.pilot2prod.boot_timeout: expected a number of seconds, more than 0 and at most 3600, got {value!r}")
    return value


_serving = False


def on_startup(command, dirty):  # noqa: ANN001, ANN201 - MkDocs hook signature
    global _serving
    _serving = command == "serve"


#: The policy every page gets; ``{scripts}`` becomes the hashes of the site's inline scripts.
CSP_TEMPLATE = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {scripts}; "
                "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
                "worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'")
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_NOT_EXECUTED = re.compile(r"""\b(src\s*=|type\s*=\s*["']?application/(?:ld\+)?json)""", re.I)


def inline_script_hashes(pages: list[str]) -> list[str]:
    """The CSP hash source of every distinct inline script in ``pages`` (JSON data blocks excluded)."""
    found: set[str] = set()
    for text in pages:
        for match in _INLINE_SCRIPT.finditer(text):
            if _NOT_EXECUTED.search(match.group("attrs")):
                continue
            digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
            found.add("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return sorted(found)


def content_security_policy(pages: list[str]) -> str:
    return CSP_TEMPLATE.format(scripts=" ".join(inline_script_hashes(pages)))


def _add_csp_meta(site: Path) -> str:
    pages = sorted(site.rglob("*.html"))
    texts = [p.read_text(encoding="utf-8") for p in pages]
    policy = content_security_policy(texts)
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    for path, text in zip(pages, texts):
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
        # Files and share links over this many bytes are refused, by the engine's reader (scoring/load.py).
        "max_bytes": MAX_BYTES,
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
    if not _serving and (config["extra"].get("pilot2prod") or {}).get("csp", True):
        _add_csp_meta(site)
