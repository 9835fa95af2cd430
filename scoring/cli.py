"""The ``pilot2prod`` command line: the package's other edge (arguments, files, exit codes).

Exit codes: 0 ok, 1 the ``--fail-on`` gate failed, 2 bad input, usage or output that cannot be
written (a full disk). Bad input never produces a traceback: one ``file:line:col: error: ...``
line per problem (the first :data:`~scoring.problems.MAX_SHOWN`, then how many more).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from .arguments import EXIT_GATE, EXIT_INPUT, EXIT_OK, GATES, parser
from .parse import LoadError, Located
from .problems import Problem, capped
from .text import NotFinite, one_line

if TYPE_CHECKING:
    from .model import Model
    from .parse import Document
    from .shapes import Result

# Each command imports what it needs when it runs (``score`` never loads the portfolio, the
# calculators or the comparison): start-up is most of a command's time (benchmarks/bench.py).

__all__ = ["main"]


def _fail(problems: Iterable[Located]) -> int:
    for line in capped([str(problem) for problem in problems]):
        print(line, file=sys.stderr)
    return EXIT_INPUT


def _ascii_json(text: str) -> str:
    """JSON text with every non-ASCII character as a ``\\u`` escape: the same JSON, in any encoding."""
    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        if code < 0x10000:
            return f"\\u{code:04x}"
        code -= 0x10000
        return f"\\u{0xd800 + (code >> 10):04x}\\u{0xdc00 + (code & 0x3ff):04x}"
    return re.sub(r"[^\x00-\x7f]", escape, text)


def _write(text: str, fmt: str = "text") -> None:
    """Write a report to standard output in the terminal's encoding.

    Characters the encoding cannot hold (``PYTHONIOENCODING=ascii``, a Latin-1 terminal) are
    escaped so the output stays what it is: ``\\u00e9`` in JSON, ``&#233;`` in HTML and
    ``\\xe9`` in text, Markdown and YAML (an escape YAML reads back as the same character).
    """
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        text = _ascii_json(text) if fmt == "json" else text.encode(
            encoding, "xmlcharrefreplace" if fmt == "html" else "backslashreplace").decode(encoding)
    except LookupError:
        pass
    try:
        sys.stdout.write(text)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _OutputError(exc) from None


def _flush() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _OutputError(exc) from None


class _OutputError(Exception):
    """Standard output could not be written (a full disk): exit 2 with one line, not a traceback."""

    def __init__(self, cause: OSError):
        super().__init__(f"pilot2prod: error: cannot write the output: {cause.strerror or cause}")


def _model(args: argparse.Namespace) -> Model:
    """The checklists' model, from the validated-model cache when they have not changed (scoring.files)."""
    from .files import default_checklists, load_model
    return load_model(args.checklists or default_checklists())


def _warn_unrecognised(doc: Document, ids: Sequence[str]) -> None:
    warnings = [str(doc.locate(Problem("answers", ("answers", item_id), "not an item of these checklists; ignored"),
                               "warning")) for item_id in ids]
    for line in capped(warnings, "warnings"):
        print(line, file=sys.stderr)


def _warn_version(doc: Document, result: Result) -> None:
    """One warning line when the answers were made against another checklist release."""
    ch = result["changes"]
    if ch["from"] is None or ch["from"] == ch["to"]:
        return
    counts = [f"{len(found)} {what}" for found, what in (
        (ch["mapped"], "carried over from retired ids"),
        (ch["combined"], "items answered more than once, the most conservative used"),
        (ch["superseded"], "retired and superseded by another answer"),
        (ch["ignored"], "retired and ignored"), (ch["added"], "added since")) if found]
    if ch["known"] is False:
        counts.append(f"{ch['from']} is not in the checklists' changelog")
    detail = f" ({'; '.join(counts)})" if counts else ""
    print(doc.locate(Problem("answers", ("version",), f"answers made against checklists {ch['from']}, scored "
                                                      f"against {ch['to']}{detail}"), "warning"), file=sys.stderr)


def _score(args: argparse.Namespace) -> int:
    if args.more:  # e.g. the pilot2prod-score pre-commit hook with two readiness files staged
        files = [args.file, *args.more]
        print(f"pilot2prod score: error: score reads one answers file, got {len(files)}: "
              f"{', '.join(one_line(name) for name in files)}; "
              "to score several, use 'pilot2prod portfolio' (in pre-commit, the pilot2prod-portfolio hook)",
              file=sys.stderr)
        return EXIT_INPUT
    if args.evidence:
        from .evidence import FORMATS as EVIDENCE_FORMATS
        if args.format not in EVIDENCE_FORMATS:
            print(f"pilot2prod score: error: --evidence writes Markdown or HTML: add --format markdown or --format "
                  f"html (got --format {args.format})", file=sys.stderr)
            return EXIT_INPUT
    from .engine import score
    from .files import load_answers
    from .report import render
    model = _model(args)
    answers, doc = load_answers(args.file, model)
    result = score(model, answers)
    _warn_version(doc, result)
    _warn_unrecognised(doc, result["unrecognised"])
    if args.evidence:
        from .evidence import render as evidence
        _write(evidence(result, model, answers.given, args.format), args.format)
    else:
        _write(render(result, model, args.format), args.format)
    if args.fail_on and result["decision"] in GATES[args.fail_on]:
        print(f"pilot2prod: gate failed: decision is {result['decision']} (--fail-on {args.fail_on})",
              file=sys.stderr)
        return EXIT_GATE
    return EXIT_OK


def _compare(args: argparse.Namespace) -> int:
    from .compare import compare_answers, compare_text
    from .files import STDIN, load_answers
    from .report import item_pages, to_json
    if args.old == args.new == STDIN:
        return _fail([Located(STDIN, 0, 0, "expected at most one of OLD and NEW to be - (standard input, "
                                           "which can be read once)")])
    model = _model(args)
    problems: list[Located] = []
    loaded = []
    for path in (args.old, args.new):
        try:
            loaded.append(load_answers(path, model))
        except LoadError as exc:
            problems.extend(exc.problems)
    if problems:
        return _fail(problems)
    (old, old_doc), (new, new_doc) = loaded
    for doc, answers in ((old_doc, old), (new_doc, new)):
        _warn_unrecognised(doc, answers.unrecognised)
    diff = compare_answers(model, old, new, files=(args.old, args.new))
    _write(to_json(diff) if args.format == "json" else
           compare_text(diff, markdown=args.format == "markdown", pages=item_pages(model)), args.format)
    return EXIT_OK


ANSWERS_SUFFIXES = (".yml", ".yaml", ".json")


def _answers_files(paths: Sequence[str]) -> tuple[list[str], list[Located]]:
    """The answers files named by ``paths``: files as given, directories' answers files (not recursive).

    Hidden files are skipped; a file named twice is read once.
    """
    from pathlib import Path as FsPath
    files: list[str] = []
    problems: list[Located] = []
    seen: set[FsPath] = set()

    def add(name: str) -> None:
        key = FsPath(name).resolve()
        if key not in seen:
            seen.add(key)
            files.append(name)

    for path in paths:
        target = FsPath(path)
        if target.is_dir():
            # Not is_file(): a named pipe called x.yml is listed, and refused when read, not skipped.
            try:
                found = sorted(p.name for p in target.iterdir() if p.suffix.lower() in ANSWERS_SUFFIXES
                               and not p.name.startswith(".") and not p.is_dir())
            except OSError as exc:
                problems.append(Located(path, 0, 0, f"cannot read: {exc.strerror}"))
                continue
            if not found:
                problems.append(Located(path, 0, 0, "expected a directory holding answers files (*.yml, *.yaml, "
                                                    "*.json), got none"))
            for name in found:
                add(os.path.join(path, name))
        elif target.exists():
            add(path)
        else:
            problems.append(Located(path, 0, 0, "no such file or directory"))
    return files, problems


def _portfolio(args: argparse.Namespace) -> int:
    from .engine import score
    from .files import load_answers
    from .portfolio import portfolio, render_portfolio
    model = _model(args)
    files, problems = _answers_files(args.paths)
    loaded = []
    for name in files:
        try:
            loaded.append((name, *load_answers(name, model)))
        except LoadError as exc:
            problems.extend(exc.problems)
    if problems:  # all or nothing: a table missing a pilot would mislead
        return _fail(problems)
    assessments = []
    for name, answers, doc in loaded:
        result = score(model, answers)
        _warn_version(doc, result)
        _warn_unrecognised(doc, result["unrecognised"])
        assessments.append((name, result))
    summary = portfolio(model, assessments)
    _write(render_portfolio(summary, model, args.format), args.format)
    if args.fail_on:
        failing = [row["name"] for row in summary["pilots"] if row["decision"] in GATES[args.fail_on]]
        if failing:
            what = " or ".join(GATES[args.fail_on])
            print(one_line(f"pilot2prod: gate failed: {len(failing)} of {summary['count']} pilots "
                           f"{'is' if len(failing) == 1 else 'are'} {what} (--fail-on {args.fail_on}): "
                           f"{', '.join(failing)}"), file=sys.stderr)
            return EXIT_GATE
    return EXIT_OK


def _calculate(args: argparse.Namespace) -> int:
    """``cost`` and ``latency``: check the inputs, then print the figures (or every problem, located)."""
    from .files import load_document
    from .report import to_json
    doc = load_document(args.file)
    text: str | None = None
    if args.command == "cost":
        from .calc import check_cost
        from .readout import cost_text
        cost, problems = check_cost(doc.data)
        if cost is not None:
            text = to_json(cost) if args.format == "json" else cost_text(cost)
    else:
        from .calc import check_latency
        from .readout import latency_text
        latency, problems = check_latency(doc.data)
        if latency is not None:
            text = to_json(latency) if args.format == "json" else latency_text(latency)
    if text is None:
        return _fail(doc.locate(p) for p in problems)
    _write(text, args.format)
    return EXIT_OK


def _crosswalk(args: argparse.Namespace) -> int:
    from .crosswalk import crosswalk, unknown_framework
    from .crosswalk import render as render_crosswalk
    from .engine import score
    from .files import load_answers
    model = _model(args)
    why = unknown_framework(model, args.framework)
    if why:
        print(one_line(f"pilot2prod crosswalk: error: {why}"), file=sys.stderr)
        return EXIT_INPUT
    answers = None
    if args.file is not None:
        answers, doc = load_answers(args.file, model)
        _warn_version(doc, score(model, answers))
        _warn_unrecognised(doc, answers.unrecognised)
    _write(render_crosswalk(model, crosswalk(model, args.framework, answers), args.format), args.format)
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from .files import default_checklists, load_checklists
    model = load_checklists(args.checklists or default_checklists()).model  # always read and checked
    _write(one_line(f"ok: {len(model.dimensions)} dimensions, {len(model.items)} items, "
                    f"checklists version {model.config.version}") + "\n")
    return EXIT_OK


def _template(args: argparse.Namespace) -> int:
    from .template import template
    _write(template(_model(args), pilot=args.pilot, schema=args.schema), "yaml")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from .schema import answers_schema, checklist_schema, schema_text
    if args.kind == "checklists":
        if args.checklists is not None:
            print("pilot2prod schema: error: --checklists applies to 'schema answers' only: the checklist files' "
                  "schema is the same for every set", file=sys.stderr)
            return EXIT_INPUT
        _write(schema_text(checklist_schema()), "json")
    else:
        _write(schema_text(answers_schema(_model(args))), "json")
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": _validate,
    "template": _template,
    "schema": _schema,
    "score": _score,
    "compare": _compare,
    "portfolio": _portfolio,
    "crosswalk": _crosswalk,
    "cost": _calculate,
    "latency": _calculate,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    cli = parser()
    args = cli.parse_args(argv)
    if args.command is None:
        cli.print_help(sys.stderr)
        return EXIT_INPUT
    try:
        code = COMMANDS[args.command](args)
        _flush()  # now, so that a full disk is reported here and not at exit
        return code
    except LoadError as exc:
        return _fail(exc.problems)
    except NotFinite as exc:  # a backstop: inputs are bounded so that results are always finite
        print(f"pilot2prod: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        # The reader went away (``pilot2prod score x | head``): not an error worth a traceback.
        _drop_stdout()
        return EXIT_OK
    except _OutputError as exc:  # a full disk, say
        _drop_stdout()
        print(exc, file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130


def _drop_stdout() -> None:
    """Point standard output at the null device, so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
