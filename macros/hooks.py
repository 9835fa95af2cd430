"""MkDocs hook: put the browser scorer's files into the built site, with :mod:`macros.assets`.

``on_config`` sets ``extra.pilot2prod`` (where the engine and the checklists are, the page's
words), which every page writes into its settings block; ``on_post_build`` writes the files and
the Content-Security-Policy. A builder that runs no MkDocs hooks runs ``python -m macros.assets
SITE_DIR`` after its build instead (docs/guides/hosting.md).
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

# MkDocs loads a hook from its file: the project (above macros/) must be importable for macros.assets.
if str(Path(__file__).resolve().parent.parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.assets import (  # noqa: F401 - the names tests and other hooks have imported from here
    ASSETS,
    BOOT_TIMEOUT,
    CSP_TEMPLATE,
    JSON_BLOCKS,
    PYODIDE_FILES,
    SETTINGS,
    AssetError,
    Bundle,
    CspError,
    boot_timeout,
    content_security_policy,
    inline_script_hashes,
    model_document,
    prepare,
    pyodide_base,
    scoring_archive,
    theme_scripts,
    write,
)

_bundle: Bundle | None = None
_serving = False


def on_startup(command, dirty):  # noqa: ANN001, ANN201 - MkDocs hook signature
    global _serving
    _serving = command == "serve"


def on_config(config):  # noqa: ANN001, ANN201 - MkDocs hook signature
    global _bundle
    project = Path(config["config_file_path"]).resolve().parent
    try:
        _bundle = prepare(project, config["extra"].get("pilot2prod"), serving=_serving)
    except AssetError as exc:
        raise PluginError(str(exc)) from None
    config["extra"]["pilot2prod"] = _bundle.settings
    return config


def on_post_build(config):  # noqa: ANN001, ANN201 - MkDocs hook signature
    assert _bundle is not None, "on_config runs first"
    base = urlsplit(config.get("site_url") or "/").path.rstrip("/") + "/"
    try:
        # mkdocs serve injects its live-reload script inline: no policy and no check there.
        write(Path(config["site_dir"]), _bundle, None if _serving else config["theme"].dirs, base=base)
    except AssetError as exc:
        raise PluginError(str(exc)) from None
