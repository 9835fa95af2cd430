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
from pathlib import Path as FsPath
from typing import Any, TypeVar

from . import __version__
from .calc import check_cost, check_latency
from .compare import compare_answers, compare_text
from .crosswalk import FORMATS as CROSSWALK_FORMATS
from .crosswalk import crosswalk, unknown_framework
from .crosswalk import render as render_crosswalk
from .engine import score
from .files import STDIN, Checklists, default_checklists, load_answers, load_checklists, load_document
from .parse import Document, LoadError, Located
from .portfolio import PORTFOLIO_FORMATS, portfolio, render_portfolio
from .problems import Problem, capped
from .readout import cost_text, latency_text
from .report import FORMATS, item_pages, render, to_json
from .schema import PUBLISHED, answers_schema, checklist_schema, schema_text
from .shapes import CostResult, LatencyResult, Result
from .template import SCHEMA, template
from .text import NotFinite, one_line

__all__ = ["main"]

EXIT_OK, EXIT_GATE, EXIT_INPUT = 0, 1, 2
GATES = {"conditional": ("conditional", "no-go"), "no-go": ("no-go",)}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{self.prog}: error: {one_line(message)}\n")


def _schema_location(value: str) -> str:
    if not value.strip():
        raise argparse.ArgumentTypeError("expected a URL or a path, got an empty one")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pilot2prod", description="Score an AI pilot's readiness for production.")
    parser.add_argument("--version", action="version", version=f"pilot2prod {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def checklists_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("--checklists", metavar="DIR", default=None,
                       help="checklists directory (default: $PILOT2PROD_CHECKLISTS, ./checklists, or the bundled set)")

    p = sub.add_parser("validate", help="check the checklists and scoring config; report every problem")
    checklists_arg(p)

    p = sub.add_parser("template", help="print a blank answers file listing every item")
    checklists_arg(p)
    p.add_argument("--pilot", default="", help="the pilot's name to put in the file")
    p.add_argument("--schema", metavar="URL", type=_schema_location, default=None,
                   help="the answers schema the file's first line points editors to: a URL, or a path from the file "
                        f"(default: the {PUBLISHED} of the checklists' site_url, else {SCHEMA})")

    p = sub.add_parser("schema", help="print a JSON Schema: of an answers file for these checklists (answers), "
                                      "or of the checklist files (checklists)")
    p.add_argument("kind", choices=SCHEMAS)
    checklists_arg(p)

    p = sub.add_parser("score", help="score an answers file (YAML or JSON)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("more", nargs="*", help=argparse.SUPPRESS)  # refused in _score, with what to use instead
    checklists_arg(p)
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("--fail-on", choices=tuple(GATES), default=None,
                   help="exit 1 when the decision is this bad or worse")

    p = sub.add_parser("portfolio", help="roll many answers files up into one table (decision, score, weakest "
                                         "dimension per pilot; the most common blockers)")
    p.add_argument("paths", metavar="PATH", nargs="+",
                   help="a directory (its *.yml, *.yaml and *.json files, not its subdirectories) or an answers file")
    checklists_arg(p)
    p.add_argument("--format", choices=PORTFOLIO_FORMATS, default="text")
    p.add_argument("--fail-on", choices=tuple(GATES), default=None,
                   help="exit 1 when any pilot's decision is this bad or worse")

    p = sub.add_parser("compare", help="what moved between two answers files (the one before, then the one after)")
    p.add_argument("old", metavar="BEFORE")
    p.add_argument("new", metavar="AFTER")
    checklists_arg(p)
    p.add_argument("--format", choices=("text", "markdown", "json"), default="text")

    p = sub.add_parser("crosswalk", help="every reference of one framework with the items that map to it and, "
                                         "given answers, its status (a start for a statement of applicability)")
    p.add_argument("framework", metavar="FRAMEWORK", help="a framework id of frameworks.yml, e.g. nist-ai-rmf")
    p.add_argument("file", metavar="ANSWERS", nargs="?", default=None, help="an answers file (YAML or JSON)")
    checklists_arg(p)
    p.add_argument("--format", choices=CROSSWALK_FORMATS, default="text")

    for name, what in (("cost", "cost at scale: monthly cost now, after growth, at 10x, headroom to the ceiling"),
                       ("latency", "latency budget: components' budgets and measured p95 against the target")):
        p = sub.add_parser(name, help=f"{what} (input: a YAML or JSON file)")
        p.add_argument("file", metavar="FILE")
        p.add_argument("--format", choices=("text", "json"), default="text")
    return parser


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


def _checklists(args: argparse.Namespace) -> Checklists:
    return load_checklists(args.checklists or default_checklists())


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
    checklists = _checklists(args)
    model = checklists.model
    answers, doc = load_answers(args.file, model)
    result = score(model, answers)
    _warn_version(doc, result)
    _warn_unrecognised(doc, result["unrecognised"])
    _write(render(result, model, args.format), args.format)
    if args.fail_on and result["decision"] in GATES[args.fail_on]:
        print(f"pilot2prod: gate failed: decision is {result['decision']} (--fail-on {args.fail_on})",
              file=sys.stderr)
        return EXIT_GATE
    return EXIT_OK


def _compare(args: argparse.Namespace) -> int:
    if args.old == args.new == STDIN:
        return _fail([Located(STDIN, 0, 0, "expected at most one of OLD and NEW to be - (standard input, "
                                           "which can be read once)")])
    model = _checklists(args).model
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
    model = _checklists(args).model
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


_Calculated = TypeVar("_Calculated", CostResult, LatencyResult)


def _calculator(check: Callable[[Any], tuple[_Calculated | None, list[Problem]]],
                text: Callable[[_Calculated], str]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        doc = load_document(args.file)
        result, problems = check(doc.data)
        if result is None:
            return _fail(doc.locate(p) for p in problems)
        _write(to_json(result) if args.format == "json" else text(result), args.format)
        return EXIT_OK
    return run


def _crosswalk(args: argparse.Namespace) -> int:
    model = _checklists(args).model
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
    model = _checklists(args).model
    _write(one_line(f"ok: {len(model.dimensions)} dimensions, {len(model.items)} items, "
                    f"checklists version {model.config.version}") + "\n")
    return EXIT_OK


def _template(args: argparse.Namespace) -> int:
    _write(template(_checklists(args).model, pilot=args.pilot, schema=args.schema), "yaml")
    return EXIT_OK


SCHEMAS = ("answers", "checklists")


def _schema(args: argparse.Namespace) -> int:
    if args.kind == "checklists":
        if args.checklists is not None:
            print("pilot2prod schema: error: --checklists applies to 'schema answers' only: the checklist files' "
                  "schema is the same for every set", file=sys.stderr)
            return EXIT_INPUT
        _write(schema_text(checklist_schema()), "json")
    else:
        _write(schema_text(answers_schema(_checklists(args).model)), "json")
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": _validate,
    "template": _template,
    "schema": _schema,
    "score": _score,
    "compare": _compare,
    "portfolio": _portfolio,
    "crosswalk": _crosswalk,
    "cost": _calculator(check_cost, cost_text),
    "latency": _calculator(check_latency, latency_text),
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
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
