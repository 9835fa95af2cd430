"""The browser's entry point: JSON text in, JSON text out, and every word the page shows.

The web worker loads the checklist documents once with :func:`load`, then calls the others. Strings
(and a file's bytes) cross the JavaScript/Python boundary, so no proxy objects leak. Every answer is
``{"ok": true, ...}`` or ``{"ok": false, "problems": [...], "doc": Doc}``: a problem is ``{source, path,
message}`` (``message`` as the CLI prints it, ``file:line:col: error: ...`` for a file), at most
:data:`~scoring.problems.MAX_SHOWN` of them and then one saying how many more; ``doc`` says the same as a
document (:mod:`scoring.doc`), ready to show. A *state* is what the page keeps (:mod:`scoring.state`).

Responses (besides ``ok``):

- ``load(model_json)`` -> ``version, items, dimensions, labels`` (``labels``: :data:`scoring.words.WORDS`);
  ``model_json`` holds the checklist documents: ``{config, dimensions: {id: document}, registry, frameworks}``
  (``registry`` and ``frameworks`` ``null`` when there is no such file).
- ``score(state_json, view="priority")`` -> ``result`` (the CLI's JSON result), ``doc`` (one section per
  ``data-result`` name, :data:`scoring.report.SECTIONS`: ``decision``, ``reasons``, ``next`` (three actions)
  first; ``quick-check``, the verdict and a line per unmet headline item; ``roadmap``, the plan as an SVG;
  the plan in ``view``: priority, phase or owner),
  ``pending`` (ids marked na without a reason; they count as unsure), ``progress`` (``{answered, total,
  text, dimensions: {id: text}, bar}``, for ``[data-p2p-progress]``, ``[data-p2p-dimension=id]`` and the
  summary bar, ``[data-p2p-summary]``: ``bar`` is its texts, ``{decision, score, answered, quick, announce}``).
- ``read(data, name, use="import")`` -> ``state, changes, notice`` (``notice``: the doc to show once the
  state is adopted, "Loaded N answers from ..." and what moved; ``changes``: ``{from_version, version,
  mapped, unrecognised, retired}``); ``use`` (``import``, ``share``, ``compare``) words the problems' heading.
- ``restore(saved_json)`` -> ``state, changes, changed, dropped, notice, alert, moved`` (``changed``: whether
  the state differs from what was saved; ``dropped``: the entries left out, capped; ``notice``: the sentence
  that names them, ``""`` when none, and ``alert`` the same as a doc, or ``null``; ``moved``: what moved
  to meet these checklists, or ``null``).
- ``export(state_json, fmt, base_url="", today="")`` -> ``text, filename, mime`` (``fmt``: yaml, json,
  markdown, html, or the evidence pack, evidence-markdown or evidence-html: byte for byte what
  ``pilot2prod score --evidence`` writes for the same answers).
- ``compare(old_json, new_json, name="")`` -> ``diff, doc`` (either side a state or an answers document).
- ``calculate(kind, inputs_json)`` -> ``result, doc``; when not ok, also ``invalid``: ``[{row, field}]``.
- ``message(key, params_json)`` -> ``doc`` (a text of :data:`scoring.words.WORDS`, its fields filled).
- ``check(answers_json)`` -> ``problems``; ``report(answers_json, fmt, base_url)`` -> ``text``.

Importing this module imports neither PyYAML nor the file edge: :func:`read` imports the reader when first used.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from . import doc as d
from . import evidence, readout, state
from . import report as reports
from .answers import Answers, check_answers
from .compare import compare_answers
from .compare import document as compare_document
from .engine import score as _score
from .layout import to_markdown
from .model import Model
from .problems import MAX_SHOWN, Problem, capped, describe
from .releases import change_notes
from .releases import changes as release_changes
from .template import answers_yaml
from .text import json_text
from .validation import check_model
from .words import WORDS, say

__all__ = ["load", "score", "check", "read", "restore", "export", "compare", "report", "calculate", "message"]

_model: Model | None = None

#: How many left-out entries :func:`restore`'s alert names; the rest are counted.
NAMED_AT_MOST = 10
#: What each export is: file extension and media type.
EXPORTS = {"yaml": ("yaml", "application/yaml"), "json": ("json", "application/json"),
           "markdown": ("md", "text/markdown"), "html": ("html", "text/html"),
           "evidence-markdown": ("md", "text/markdown"), "evidence-html": ("html", "text/html")}


def _problems(problems: Sequence[Problem], located: Any = None) -> list[dict[str, str]]:
    return [{"source": p.source, "path": p.where(), "message": str(located(p) if located else p)} for p in problems]


def _capped(problems: list[dict[str, str]]) -> list[dict[str, str]]:
    """The first :data:`MAX_SHOWN` problems, then one that says how many more there are."""
    if len(problems) <= MAX_SHOWN:
        return problems
    return [*problems[:MAX_SHOWN], {"source": "", "path": "", "message": capped([p["message"] for p in problems])[-1]}]


def _failed(title: str, problems: list[dict[str, str]]) -> dict[str, Any]:
    """Not ok: the problems (capped) and the document that says so, ``title`` over one line per problem."""
    problems = _capped(problems)
    doc = [d.paragraph(title, role="errors__title"), d.bullets(([p["message"]] for p in problems), role="errors")]
    return {"ok": False, "problems": problems, "doc": doc}


def _dump(data: Mapping[str, Any]) -> str:
    """The answer as JSON text (standard JSON, never NaN)."""
    return json_text(data)


def load(model_json: str) -> str:
    """Validate and keep the checklist documents; return a summary (and the page's words) or the problems."""
    global _model
    data = json.loads(model_json)
    model, problems = check_model(data.get("config"), data.get("dimensions") or {}, data.get("registry"),
                                  data.get("frameworks"))
    if model is None:
        return _dump(_failed(say("errors.checklists"), _problems(problems)))
    _model = model
    return _dump({"ok": True, "version": model.config.version, "items": len(model.items),
                  "dimensions": [dim.id for dim in model.dimensions], "labels": dict(WORDS)})


def _require() -> Model:
    if _model is None:
        raise RuntimeError("scoring.api.load() must be called first")
    return _model


def check(answers_json: str) -> str:
    """Check an answers document without scoring it."""
    answers, problems = check_answers(_require(), json.loads(answers_json))
    return _dump({"ok": answers is not None, "problems": _capped(_problems(problems))})


def _checked(model: Model, state_json: str | Mapping[str, Any]) -> tuple[Answers | None, dict[str, Any], list[str],
                                                                         list[Problem]]:
    data = json.loads(state_json) if isinstance(state_json, str) else state_json
    if not isinstance(data, Mapping):
        answers, problems = check_answers(model, data)
        return None, {}, [], problems
    document, waiting = state.answers_document(data, model.config.version)
    answers, problems = check_answers(model, document)
    return answers, document, waiting, problems


def _progress(model: Model, result: Mapping[str, Any], waiting: Sequence[str]) -> dict[str, Any]:
    dims = {}
    for dim in result["dimensions"]:
        line = (f"{dim['title']}: {reports._num(dim['score'])} ({dim['level']}) — "
                f"{dim['answered']} of {dim['items']} answered")
        ids = {item.id for item in model.dimension(dim["id"]).items}
        count = sum(1 for item_id in waiting if item_id in ids)
        if count:
            line += f"; {count} marked na need{'s' if count == 1 else ''} a reason"
        dims[dim["id"]] = line
    answered = sum(dim["answered"] for dim in result["dimensions"])
    total = sum(dim["items"] for dim in result["dimensions"])
    return {"answered": answered, "total": total, "text": f"{answered} of {total} items answered.",
            "dimensions": dims, "bar": _bar(result, answered, total)}


def _bar(result: Mapping[str, Any], answered: int, total: int) -> dict[str, str]:
    """The summary bar's parts (``[data-p2p-summary]``), each a text of the catalogue: the decision, the
    score, the count answered, the quick check's verdict, and the sentence a screen reader hears when the
    decision changes."""
    label = reports.DECISION_LABEL[result["decision"]]
    return {"decision": say("bar.decision", decision=label),
            "score": say("bar.score", score=reports._num(result["score"])),
            "answered": say("summary.counted", count=answered, total=total),
            "quick": say("bar.quick", verdict=result["quick_check"]["verdict"]),
            "announce": say("bar.announce", decision=label)}


def score(state_json: str, view: str = "priority") -> str:
    """Score the page's state: the result, the report's sections, the pending ids and the progress lines.

    ``view`` is how the report shows the plan (:data:`scoring.report.PLAN_VIEWS`): the page asks again
    when the reader picks another.
    """
    model = _require()
    if view not in reports.PLAN_VIEWS:
        problem = {"source": "score", "path": "", "message": f"unknown plan view {view!r}; expected one of "
                                                            f"{', '.join(reports.PLAN_VIEWS)}"}
        return _dump(_failed(say("errors.score"), [problem]))
    answers, _, waiting, problems = _checked(model, state_json)
    if answers is None:
        return _dump(_failed(say("errors.score"), _problems(problems)))
    result = _score(model, answers)
    return _dump({"ok": True, "result": result,
                  "doc": reports.document(result, model, title=False, pending=waiting, live=True,
                                          answers=answers.given, view=view),
                  "pending": waiting, "progress": _progress(model, result, waiting)})


def _changes(model: Model, answers: Answers) -> dict[str, Any]:
    return {
        "from_version": answers.version,
        "version": model.config.version,
        "mapped": [{"from": old, "to": new} for old, new in answers.mapped],
        "unrecognised": list(answers.unrecognised),
        "retired": list(answers.retired),
    }


def _moved(model: Model, answers: Answers) -> list[list[d.Inline]]:
    """One line per thing that moved when answers met these checklists (ids kept but not scored included)."""
    _, lines = change_notes(release_changes(model, answers), reports.item_pages(model))
    if answers.unrecognised:
        lines.append(["Not in these checklists (ignored): ", *d.joined(answers.unrecognised)])
    return lines


def read(data: str | bytes | bytearray | memoryview, name: str, use: str = "import") -> str:
    """Read an answers file with the CLI's own reader: same syntax rules, same messages.

    ``data`` is the file's bytes (the browser sends at most the size limit plus one byte), so that
    encodings are checked exactly as ``pilot2prod score`` checks them; text is accepted too. ``name`` is
    the file name in messages (one ending in ``.json`` is read as JSON). ``use`` says what the answers are
    read for, which the documents say: ``import`` (a file), ``share`` (a share link) or ``compare``.
    Problems come located, ``name:line:col: error: ...``, as ``pilot2prod score`` prints them.
    """
    from .parse import LoadError, parse_document  # the reader and PyYAML load on first use only

    model = _require()
    title = say(f"errors.{use}" if use in ("compare", "share") else "errors.import", name=name)
    source = say("share.source") if use == "share" else name
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)  # a JavaScript Uint8Array arrives as a memoryview
    try:
        document = parse_document(data, name)
    except LoadError as exc:
        return _dump(_failed(title, [{"source": "answers", "path": "", "message": str(p)} for p in exc.problems]))
    answers, problems = check_answers(model, document.data)
    if answers is None:
        return _dump(_failed(title, _problems(problems, document.locate)))
    raw = {str(k): v for k, v in (document.data.get("answers") or {}).items()}
    kept = state.from_answers(model, answers, raw)
    count = len(kept["answers"])
    notice: d.Doc = [d.paragraph(say("notice.loaded", count=count, source=source))]
    moved = _moved(model, answers)
    if moved:
        notice.append(d.bullets(moved))
    return _dump({"ok": True, "state": kept, "changes": _changes(model, answers), "notice": notice})


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
    """Bring the browser's saved state up to the current checklists, leaving out what cannot be used.

    Unlike :func:`read`, which refuses a file with any error, a saved state is not refused as a whole:
    each bad entry (a top-level field, an answer, or one field of an answer) is left out and named in
    ``dropped``, and ``notice`` is the sentence that tells the user (as before issue 11; ``alert`` is the
    same sentence as a document). Items marked na without a reason stay as they are (pending). The rest
    is brought up to date as :func:`read` does, ``changes`` says what moved and ``moved`` tells the user
    (``null`` when nothing did). ``changed``: whether the state to keep differs from the one saved (a
    version, a carried-over id, a left-out entry).
    """
    model = _require()
    data = json.loads(saved_json)
    if not isinstance(data, dict):
        return _dump(_failed(say("errors.restore"), _problems(check_answers(model, data)[1])))
    waiting = {item_id: data["answers"][item_id] for item_id in state.pending(data)}
    doc = {key: value for key, value in data.items() if key != "kept"}
    dropped: list[Problem] = []
    kept = data.get("kept")
    if kept is not None and not isinstance(kept, dict):
        dropped.append(Problem("answers", ("kept",), f"expected a mapping of item id to answer, got {describe(kept)}"))
        kept = None
    if isinstance(doc.get("answers"), dict):
        doc["answers"] = {k: v for k, v in doc["answers"].items() if k not in waiting}
        for item_id, entry in (kept or {}).items():
            doc["answers"].setdefault(item_id, entry)  # as the page exports them
    # One pass leaves out every bad entry; a second only checks that nothing bad is left.
    for _ in range(2):
        answers, problems = check_answers(model, doc)
        if answers is not None:
            break
        for problem in problems:
            _drop(doc, tuple(problem.path))
        dropped.extend(problems)
    if answers is None:
        return _dump(_failed(say("errors.restore"), _problems(problems)))
    raw = {str(k): v for k, v in (doc.get("answers") or {}).items()}
    names = [str(p) for p in dropped]
    sentence = ""
    if names:
        shown = "; ".join(names[:NAMED_AT_MOST])
        more = f"; and {len(names) - NAMED_AT_MOST} more" if len(names) > NAMED_AT_MOST else ""
        sentence = (f"{len(names)} saved {'entry' if len(names) == 1 else 'entries'} could not be used and "
                    f"{'was' if len(names) == 1 else 'were'} left out: {shown}{more}.")
    saved_version = data.get("version") if isinstance(data.get("version"), str) else ""
    current = model.config.version
    lines = _moved(model, answers)
    moved: d.Doc | None = None
    if saved_version and saved_version != current:
        moved = [d.paragraph(f"Your saved answers were made against checklists {saved_version}; these are {current}."),
                 d.bullets(lines) if lines else d.paragraph("Nothing needed to move.")]
    elif answers.mapped:
        moved = [d.bullets(lines)]
    return _dump({"ok": True, "state": state.from_answers(model, answers, raw, waiting),
                  "changes": _changes(model, answers),
                  "changed": bool(names or answers.mapped or saved_version != current),
                  "dropped": capped(names, "entries"), "notice": sentence,
                  "alert": [d.paragraph(sentence)] if sentence else None, "moved": moved})


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")


def export(state_json: str, fmt: str, base_url: str = "", today: str = "") -> str:
    """The page's answers as a file: ``yaml`` or ``json`` (an answers file ``pilot2prod score`` reads
    unchanged), a ``markdown`` or ``html`` report (item ids linked under ``base_url``, when it is an
    http(s) address), or the evidence pack, ``evidence-markdown`` or ``evidence-html``
    (:func:`scoring.evidence.render`, as ``pilot2prod score --evidence`` writes it: no links to the site).
    ``today`` (``YYYY-MM-DD``) dates the file name; the default is today."""
    model = _require()
    if fmt not in EXPORTS:
        return _dump(_failed(say("errors.export"), [{"source": "export", "path": "",
                                                               "message": f"unknown format {fmt!r}"}]))
    answers, document, waiting, problems = _checked(model, state_json)
    ext, mime = EXPORTS[fmt]
    pilot = document.get("pilot") or ""
    kind = "-evidence" if fmt.startswith("evidence-") else ""
    name = f"pilot2prod-{_slug(pilot) or 'answers'}{kind}-{today or date.today().isoformat()}.{ext}"
    if fmt == "yaml":
        return _dump({"ok": True, "text": answers_yaml(document, waiting), "filename": name, "mime": mime})
    if fmt == "json":
        return _dump({"ok": True, "text": json_text(document, indent=2) + "\n", "filename": name, "mime": mime})
    if answers is None:
        return _dump(_failed(say("errors.export"), _problems(problems)))
    result = _score(model, answers)
    if kind:  # the evidence pack: the same bytes as pilot2prod score --evidence, so no base_url
        text = evidence.render(result, model, answers.given, fmt.removeprefix("evidence-"), pending=waiting)
        return _dump({"ok": True, "text": text, "filename": name, "mime": mime})
    body = reports.document(result, model, pending=waiting, answers=answers.given)
    text = (to_markdown(body, base_url=base_url) if fmt == "markdown" else
            reports.html_page(reports._title(result), body, base_url))
    return _dump({"ok": True, "text": text, "filename": name, "mime": mime})


def compare(old_json: str, new_json: str, name: str = "") -> str:
    """What moved between two states or answers documents (``pilot2prod compare``'s JSON, and its report).

    ``name`` is the file the old answers came from (the page compares a file with its own answers).
    """
    model = _require()
    checked, problems = [], []
    for text in (old_json, new_json):
        answers, _, _, found = _checked(model, text)
        problems.extend(found)
        checked.append(answers)
    old, new = checked
    if old is None or new is None:
        return _dump(_failed(say("errors.compare_failed"), _problems(problems)))
    diff = compare_answers(model, old, new, files=(name, "") if name else None)
    return _dump({"ok": True, "diff": diff, "doc": compare_document(diff, reports.item_pages(model))})


def report(answers_json: str, fmt: str = "markdown", base_url: str = "") -> str:
    """A report of an answers document in one of the CLI's formats; Markdown links to ``base_url``."""
    model = _require()
    answers, problems = check_answers(model, json.loads(answers_json))
    if answers is None:
        return _dump(_failed(say("errors.export"), _problems(problems)))
    result = _score(model, answers)
    text = reports.to_markdown(result, model, base_url) if fmt == "markdown" else reports.render(result, model, fmt)
    return _dump({"ok": True, "text": text})


def calculate(kind: str, inputs_json: str) -> str:
    """Run a calculator (``cost`` or ``latency``) from :mod:`scoring.calc`: its result and read-out."""
    from . import calc

    checker = {"cost": calc.check_cost, "latency": calc.check_latency}.get(kind)
    if checker is None:
        problem = {"source": kind, "path": "", "message": f"unknown calculator {kind!r}"}
        return _dump({**_failed(say("errors.calc"), [problem]), "invalid": []})
    result, problems = checker(json.loads(inputs_json))
    if result is None:
        shown = _capped(_problems(problems))
        return _dump({"ok": False, "problems": shown, "doc": readout.problems([p["message"] for p in shown]),
                      "invalid": readout.invalid(problems)})
    return _dump({"ok": True, "result": result, "doc": (readout.cost if kind == "cost" else readout.latency)(result)})


def message(key: str, params_json: str = "{}") -> str:
    """A text of the page's catalogue (:data:`scoring.words.WORDS`) as a document, its fields filled."""
    params = json.loads(params_json or "{}")
    if key not in WORDS or not isinstance(params, dict):
        what = f"no message {key!r}" if key not in WORDS else f"expected a mapping of fields, got {describe(params)}"
        return _dump(_failed(say("errors.message"), [{"source": "message", "path": "", "message": what}]))
    return _dump({"ok": True, "doc": [d.paragraph(say(key, **params))]})

