"""pilot2prod scoring engine.

The engine turns checklist data (plain dicts, as parsed from YAML or JSON) into
a validated model, and scores answers against it.  It uses only the standard
library and never touches the file system, so the same code runs in CPython and
in Pyodide; reading files is the job of :mod:`scoring.load` and :mod:`scoring.cli`.
"""

from __future__ import annotations

from .answers import Answers, parse_answers
from .engine import score
from .model import Model, build_model
from .problems import Problem, ValidationError

__all__ = [
    "Answers",
    "Model",
    "Problem",
    "ValidationError",
    "build_model",
    "parse_answers",
    "score",
    "__version__",
]

__version__ = "1.1.0"
"""The package version, set here only (pyproject.toml reads it); released as the git tag ``v<version>``.

The checklists have a version of their own, ``version`` in ``checklists/scoring.yml``: see RELEASING.md.
"""
