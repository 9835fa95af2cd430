"""The browser's entry point: JSON text in, JSON text out.

The web worker loads the checklist documents once with :func:`load` and then
calls :func:`score` on every change.  Strings cross the JavaScript/Python
boundary, so no proxy objects leak and the result is exactly what
``pilot2prod score --format json`` prints for the same answers.
"""

from __future__ import annotations

import json
from typing import Any

from .answers import check_answers
from .engine import score as _score
from .model import Model, check_model
from .problems import Problem
from .report import render, svg_chart

__all__ = ["load", "score", "check", "report", "calculate"]

_model: Model | None = None


def _problems(problems: list[Problem]) -> list[dict[str, str]]:
    return [{"source": p.source, "path": p.where(), "message": str(p)} for p in problems]


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def load(model_json: str) -> str:
    """Validate and keep the checklist documents; return a summary or the problems."""
    global _model
    data = json.loads(model_json)
    model, problems = check_model(data.get("config"), data.get("dimensions") or {}, data.get("registry"))
    if model is None:
        return _dump({"ok": False, "problems": _problems(problems)})
    _model = model
    return _dump({"ok": True, "version": model.config.version, "items": len(model.items),
                  "dimensions": [d.id for d in model.dimensions]})


def _require() -> Model:
    if _model is None:
        raise RuntimeError("scoring.api.load() must be called first")
    return _model


def check(answers_json: str) -> str:
    """Check an answers document without scoring it (used by import)."""
    answers, problems = check_answers(_require(), json.loads(answers_json))
    return _dump({"ok": answers is not None, "problems": _problems(problems)})


def score(answers_json: str) -> str:
    """Score an answers document; the result is the CLI's JSON, plus an SVG chart."""
    model = _require()
    answers, problems = check_answers(model, json.loads(answers_json))
    if answers is None:
        return _dump({"ok": False, "problems": _problems(problems)})
    result = _score(model, answers)
    return _dump({"ok": True, "result": result, "chart": svg_chart(result)})


def report(answers_json: str, fmt: str = "markdown") -> str:
    """A report in one of the CLI's formats (text, markdown, json, html)."""
    model = _require()
    answers, problems = check_answers(model, json.loads(answers_json))
    if answers is None:
        return _dump({"ok": False, "problems": _problems(problems)})
    return _dump({"ok": True, "text": render(_score(model, answers), model, fmt)})


def calculate(kind: str, inputs_json: str) -> str:
    """Run a calculator (``cost`` or ``latency``) from :mod:`scoring.calc`."""
    from . import calc

    checker = {"cost": calc.check_cost, "latency": calc.check_latency}.get(kind)
    if checker is None:
        return _dump({"ok": False, "problems": [{"source": kind, "path": "", "message": f"unknown calculator {kind!r}"}]})
    result, problems = checker(json.loads(inputs_json))
    if result is None:
        return _dump({"ok": False, "problems": _problems(problems)})
    return _dump({"ok": True, "result": result})
