"""pilot2prod scoring engine.

The engine turns checklist data (plain dicts, as parsed from YAML or JSON) into
a validated model, and scores answers against it.  It uses only the standard
library and never touches the file system, so the same code runs in CPython and
in Pyodide; reading files is the job of the edge, :data:`EDGE_MODULES`.

Layers, each module importing only from layers below it: the edge (``cli``, ``files``); the
browser's entry point (``api``) and the reports (``report``, ``portfolio``, ``template``);
``engine``, ``compare`` and ``releases``; ``answers``; the validators (``validation`` over
``config``, ``dimension`` and ``registry``) and the calculators (``calc``), all checking through
``checker``; the shapes of results (``shapes``) and the data types (``model``); ``problems`` and
``text`` at the bottom. ``parse`` (the YAML reader, the one module that imports PyYAML) is
imported only by the edge and, lazily, by ``api.read``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .answers import Answers, parse_answers
    from .engine import score
    from .model import Model
    from .problems import Problem, ValidationError
    from .validation import build_model


def __getattr__(name: str) -> Any:
    """The names above, each imported when first used: ``import scoring`` (and the CLI, which imports
    it first) then loads only what a command needs."""
    if name in ("Answers", "parse_answers"):
        from . import answers as module
    elif name == "score":
        from . import engine as module  # type: ignore[no-redef]
    elif name == "Model":
        from . import model as module  # type: ignore[no-redef]
    elif name in ("Problem", "ValidationError"):
        from . import problems as module  # type: ignore[no-redef]
    elif name == "build_model":
        from . import validation as module  # type: ignore[no-redef]
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(module, name)
    globals()[name] = value
    return value


__all__ = [
    "Answers",
    "Model",
    "Problem",
    "ValidationError",
    "build_model",
    "parse_answers",
    "score",
    "__version__",
    "EDGE_MODULES",
]

#: The package's edge: the modules that read files, arguments and the terminal. Only they may touch
#: the file system (tests/test_purity.py), and they are never shipped to the browser (macros/assets.py
#: zips every other module of the package for the worker).
EDGE_MODULES = frozenset({"__main__", "arguments", "cli", "files"})

__version__ = "1.1.0"
"""The package version, set here only (pyproject.toml reads it); released as the git tag ``v<version>``.

The checklists have a version of their own, ``version`` in ``checklists/scoring.yml``: see RELEASING.md.
"""
