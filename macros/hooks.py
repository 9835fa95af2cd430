"""MkDocs hook: put the browser scorer's files into the built site.

The worker needs three things, all served from the site's own origin:

* the five Pyodide runtime files, copied from ``node_modules/pyodide``
  (installed by ``npm ci``; the version is pinned in package-lock.json);
* the pure-Python part of ``scoring/`` as a zip archive, built from the same
  source the CLI runs, so browser and terminal cannot disagree;
* the checklist data (``model-<hash>.json``), the same documents the CLI loads.

File names carry a content hash so browsers never score with a stale engine.
The build fails loudly if anything is missing rather than shipping a site whose
scorer cannot load.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

from mkdocs.exceptions import PluginError

from scoring.load import LoadError, load_checklists, read_checklists

PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
#: Modules that read files or import PyYAML: the CLI's edge, never shipped to the browser.
EDGE_MODULES = frozenset({"load.py", "cli.py", "__main__.py", "bench.py"})
ASSETS = "assets/pilot2prod"
_FIXED_TIME = (2020, 1, 1, 0, 0, 0)

_bundle: dict[str, bytes] = {}


def scoring_archive(package: Path) -> bytes:
    """A reproducible zip of the engine's browser-safe modules, under ``scoring/``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(package.glob("*.py")):
            if path.name in EDGE_MODULES:
                continue
            info = zipfile.ZipInfo(f"scoring/{path.name}", _FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def model_document(checklists: Path) -> tuple[bytes, str]:
    """The raw checklist documents as JSON; the worker validates them with the engine, as the CLI does."""
    try:
        load_checklists(checklists)  # every problem, located, before anything is shipped
        config, dims, registry = read_checklists(checklists)[:3]
    except LoadError as exc:
        raise PluginError("invalid checklists:\n" + "\n".join(str(p) for p in exc.problems)) from None
    data = {
        "config": config.data,
        "dimensions": {dim_id: doc.data for dim_id, doc in dims.items()},
        "registry": registry.data if registry else None,
    }
    version = str(config.data.get("version", "")) if isinstance(config.data, dict) else ""
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


def on_config(config):  # noqa: ANN001, ANN201 - MkDocs hook signature
    project = Path(config["config_file_path"]).resolve().parent
    archive = scoring_archive(project / "scoring")
    model, checklist_version = model_document(project / "checklists")
    _, version = _pyodide_dir(project)
    settings = dict(config["extra"].get("pilot2prod") or {})
    names = {"scoring": _hashed("scoring.zip", archive), "model": _hashed("model.json", model)}
    _bundle.clear()
    _bundle.update({names["scoring"]: archive, names["model"]: model})
    config["extra"]["pilot2prod"] = {
        **settings,
        "scoring": f"{ASSETS}/{names['scoring']}",
        "model": f"{ASSETS}/{names['model']}",
        # A CDN base may be set in mkdocs.yml (extra.pilot2prod.pyodide_url); the default is this site.
        "pyodide": settings.get("pyodide_url") or f"assets/pyodide/{version}/",
        "pyodide_version": version,
        "version": checklist_version,
    }
    return config


def on_post_build(config):  # noqa: ANN001, ANN201 - MkDocs hook signature
    project = Path(config["config_file_path"]).resolve().parent
    site = Path(config["site_dir"])
    source, version = _pyodide_dir(project)
    target = site / "assets" / "pyodide" / version
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copyfile(source / name, target / name)
    assets = site / ASSETS
    assets.mkdir(parents=True, exist_ok=True)
    for name, payload in _bundle.items():
        (assets / name).write_bytes(payload)
