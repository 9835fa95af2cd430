"""The checklists as the site build reads them: parsed and checked once per build, for the pages and the hook alike.

The macros (``macros/__init__.py``, rendering the pages) and the site hook (``macros/hooks.py``,
shipping the documents to the browser) both need the checked checklists of the same folder.
Reading them parses every YAML file with positions and checks the whole model, so it is done
once: the result is kept, keyed by the folder and a digest of its files' bytes, and asked for
again it is returned as it is. An edited checklist (``mkdocs serve``) changes the digest, so it
is read afresh; only the latest folder read is kept.

``mkdocs serve`` forgets this module before each rebuild (``macros/reload.py``), so the hook
imports it when it is called, never at its own import: it then finds the copy that the macros
loaded in the same build, with its cache.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from scoring.files import Checklists, load_checklists

__all__ = ["checklists", "digest"]

_last: tuple[tuple[str, str], Checklists] | None = None


def digest(directory: Path) -> str:
    """A digest of every checklist file in ``directory``: their names and bytes."""
    sha = hashlib.sha256()
    for path in sorted(directory.glob("*.yml")) if directory.is_dir() else ():
        sha.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return sha.hexdigest()


def checklists(directory: Path) -> Checklists:
    """The checked checklists in ``directory``, read at most once while the files stay the same.

    Raises :class:`~scoring.parse.LoadError` with every located problem, as
    :func:`scoring.files.load_checklists` does (a failure is not kept: the build stops on it).
    """
    global _last
    key = (str(directory.resolve()), digest(directory))
    if _last is not None and _last[0] == key:
        return _last[1]
    loaded = load_checklists(directory)
    _last = (key, loaded)
    return loaded
