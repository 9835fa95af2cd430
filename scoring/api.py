"""The browser's entry point: JSON text in, JSON text out.

The web worker loads the checklist documents once with :func:`load` and then
calls :func:`score` on every change.  Strings cross the JavaScript/Python
boundary, so no proxy objects leak and the result is exactly what
``pilot2prod score --format json`` prints for the same answers.

Every function returns ``{"ok": true, ...}`` or ``{"ok": false, "problems": [...]}``;
a problem is ``{source, path, message}`` where ``message`` is the text the CLI
would print (``file:line:col: error: ...`` when the input came from a file). As in
the CLI, at most :data:`~scoring.problems.MAX_SHOWN` problems are listed, then one
more whose message says how many were left out: the page shows the list as given.
"""

from __future__ import annotations

import json
from typing import Any

from .answers import Answer, Answers, check_answers
from .engine import score as _score
from .model import Model
from .problems import MAX_SHOWN, Problem, capped, describe
from .report import svg_chart, to_markdown, render
from .text import json_text
from .validation import check_model

__all__ = ["load", "score", "check", "read", "restore", "compare", "report", "calculate"]

_model: Model | None = None


def _problems(problems: list[Problem]) -> list[dict[str, str]]:
    return [{"source": p.source, "path": p.where(), "message": str(p)} for p in problems]


def _dump(data: Any) -> str:
    """The answer as JSON text, its problems capped (the first :data:`MAX_SHOWN`, then how many more)."""
    problems = data.get("problems")
    if isinstance(problems, list) and len(problems) > MAX_SHOWN:
        more = capped([p["message"] for p in problems])[-1]
        data = {**data, "problems": [*problems[:MAX_SHOWN], {"source": "", "path": "", "message": more}]}
    return json_text(data)


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
    """Check an answers document without scoring it."""
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


def _entry(answer: Answer) -> Any:
    """An answer as an answers file writes it: the bare value, or the long form when it has extras."""
    extras = {key: getattr(answer, key) for key in ("note", "evidence", "owner", "date", "reason")
              if getattr(answer, key)}
    return {"answer": answer.value, **extras} if extras else answer.value


def _normalised(model: Model, answers: Answers, raw: dict[str, Any]) -> dict[str, Any]:
    """The document to keep: current ids (retired ones carried over), and every other id kept as given.

    Ids the checklists do not score (unknown, or retired without a replacement) stay in the
    document so that an export still carries them: answers are never dropped silently.
    """
    kept: dict[str, Any] = {}
    order = [item.id for dim in model.dimensions for item in dim.items]
    for item_id in order:
        if item_id in answers.given:
            kept[item_id] = _entry(answers.given[item_id])
    for item_id in (*answers.unrecognised, *answers.retired):
        kept[item_id] = raw[item_id]
    return {
        "pilot": answers.pilot,
        "assessed": answers.assessed,
        "version": model.config.version,
        "answers": kept,
    }


def _changes(model: Model, answers: Answers) -> dict[str, Any]:
    return {
        "from_version": answers.version,
        "version": model.config.version,
        "mapped": [{"from": old, "to": new} for old, new in answers.mapped],
        "unrecognised": list(answers.unrecognised),
        "retired": list(answers.retired),
    }


def read(data: str | bytes | bytearray | memoryview, name: str) -> str:
    """Read an answers file with the CLI's own reader: same syntax rules, same messages.

    ``data`` is the file's bytes (the browser sends at most the size limit plus one byte), so that
    encodings are checked exactly as ``pilot2prod score`` checks them; text is accepted too.
    ``name`` is the file name shown in messages; one ending in ``.json`` is read as JSON.
    Problems come located, ``name:line:col: error: ...``, exactly as ``pilot2prod score`` prints them.
    """
    from .parse import LoadError, parse_document  # the reader and PyYAML load on first import only

    model = _require()
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)  # a JavaScript Uint8Array arrives as a memoryview
    try:
        doc = parse_document(data, name)
    except LoadError as exc:
        return _dump({"ok": False, "problems": [{"source": "answers", "path": "", "message": str(p)}
                                                for p in exc.problems]})
    answers, problems = check_answers(model, doc.data)
    if answers is None:
        return _dump({"ok": False, "problems": [{"source": "answers", "path": p.where(),
                                                 "message": str(doc.locate(p))} for p in problems]})
    raw = {str(k): v for k, v in (doc.data.get("answers") or {}).items()}
    return _dump({"ok": True, "document": _normalised(model, answers, raw), "changes": _changes(model, answers)})


#: How many left-out entries :func:`restore`'s notice names; the rest are counted.
NAMED_AT_MOST = 10


def _drop(doc: dict[str, Any], path: tuple[Any, ...]) -> None:
    """Remove the smallest part of ``doc`` that ``path`` (a problem's) points into.

    A bad note or other extra loses only that field; a bad answer value loses the whole answer;
    a bad top-level field is removed.
    """
    answers = doc.get("answers")
    if len(path) >= 2 and path[0] == "answers" and isinstance(answers, dict):
        entry = answers.get(path[1])
        if len(path) >= 3 and path[2] != "answer" and isinstance(entry, dict):
            entry.pop(path[2], None)
        else:
            answers.pop(path[1], None)
    elif path:
        doc.pop(path[0], None)


def restore(saved_json: str) -> str:
    """Bring the browser's saved answers up to the current checklists, leaving out what cannot be used.

    ``saved_json`` is what the browser keeps: an answers document whose ``kept`` field holds the
    answers to ids the checklists do not score. Unlike :func:`read`, which refuses a file with any
    error, saved answers are not refused as a whole: each bad entry (a top-level field, an answer,
    or one field of an answer) is left out and named in ``dropped``, and ``notice`` is the sentence
    that tells the user (empty when nothing was left out). The rest is brought up to date as :func:`read` does
    (retired ids carried over to their replacement, see :func:`_normalised`), and ``changes`` says what moved.
    """
    model = _require()
    data = json.loads(saved_json)
    if not isinstance(data, dict):
        return _dump({"ok": False, "problems": _problems(check_answers(model, data)[1])})
    doc = {key: value for key, value in data.items() if key != "kept"}
    dropped: list[Problem] = []
    kept = data.get("kept")
    if kept is not None and not isinstance(kept, dict):
        dropped.append(Problem("answers", ("kept",), f"expected a mapping of item id to answer, got {describe(kept)}"))
        kept = None
    if isinstance(doc.get("answers"), dict):
        doc["answers"] = dict(doc["answers"])
        for item_id, entry in (kept or {}).items():
            doc["answers"].setdefault(item_id, entry)  # as the browser exports them
    # One pass leaves out every bad entry; a second only checks that nothing bad is left.
    for _ in range(2):
        answers, problems = check_answers(model, doc)
        if answers is not None:
            break
        for problem in problems:
            _drop(doc, tuple(problem.path))
        dropped.extend(problems)
    if answers is None:
        return _dump({"ok": False, "problems": _problems(problems)})
    raw = {str(k): v for k, v in (doc.get("answers") or {}).items()}
    names = [str(p) for p in dropped]
    notice = ""
    if names:
        shown = "; ".join(names[:NAMED_AT_MOST])
        more = f"; and {len(names) - NAMED_AT_MOST} more" if len(names) > NAMED_AT_MOST else ""
        notice = (f"{len(names)} saved {'entry' if len(names) == 1 else 'entries'} could not be used and "
                  f"{'was' if len(names) == 1 else 'were'} left out: {shown}{more}.")
    return _dump({"ok": True, "document": _normalised(model, answers, raw), "changes": _changes(model, answers),
                  "dropped": names, "notice": notice})


def compare(old_json: str, new_json: str) -> str:
    """What moved between two answers documents (``pilot2prod compare``'s JSON)."""
    from .compare import compare_answers

    model = _require()
    old_data, new_data = json.loads(old_json), json.loads(new_json)
    checked = []
    problems: list[Problem] = []
    for data in (old_data, new_data):
        answers, found = check_answers(model, data)
        problems.extend(found)
        checked.append(answers)
    old, new = checked
    if old is None or new is None:
        return _dump({"ok": False, "problems": _problems(problems)})
    diff = compare_answers(model, old, new)
    return _dump({"ok": True, "diff": diff})


def report(answers_json: str, fmt: str = "markdown", base_url: str = "") -> str:
    """A report in one of the CLI's formats (text, markdown, json, html); Markdown links to ``base_url``."""
    model = _require()
    answers, problems = check_answers(model, json.loads(answers_json))
    if answers is None:
        return _dump({"ok": False, "problems": _problems(problems)})
    result = _score(model, answers)
    text = to_markdown(result, model, base_url) if fmt == "markdown" else render(result, model, fmt)
    return _dump({"ok": True, "text": text})


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
