"""The ``pilot2prod`` command line: the package's other edge (arguments, files, exit codes).

Exit codes: 0 ok, 1 the ``--fail-on`` gate failed, 2 bad input or usage.
Bad input never produces a traceback: one ``file:line:col: error: ...`` line per problem.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from . import __version__
from .engine import score
from .load import LoadError, default_checklists, load_answers, load_checklists
from .report import FORMATS, render
from .template import template

__all__ = ["main"]

EXIT_OK, EXIT_GATE, EXIT_INPUT = 0, 1, 2
GATES = {"conditional": ("conditional", "no-go"), "no-go": ("no-go",)}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{self.prog}: error: {message}\n")


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

    p = sub.add_parser("score", help="score an answers file (YAML or JSON)")
    p.add_argument("file", metavar="FILE")
    checklists_arg(p)
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("--fail-on", choices=tuple(GATES), default=None,
                   help="exit 1 when the decision is this bad or worse")
    return parser


def _fail(problems) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    return EXIT_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        _parser().print_help(sys.stderr)
        return EXIT_INPUT
    directory = args.checklists or default_checklists()
    try:
        checklists = load_checklists(directory)
    except LoadError as exc:
        return _fail(exc.problems)
    model = checklists.model

    if args.command == "validate":
        count = len(model.items)
        print(f"ok: {len(model.dimensions)} dimensions, {count} items, checklists version {model.config.version}")
        return EXIT_OK
    if args.command == "template":
        sys.stdout.write(template(model, pilot=args.pilot))
        return EXIT_OK
    if args.command == "score":
        try:
            answers, _ = load_answers(args.file, model)
        except LoadError as exc:
            return _fail(exc.problems)
        result = score(model, answers)
        for item_id in result["unrecognised"]:
            print(f"{args.file}: warning: answers.{item_id}: not an item of these checklists; ignored",
                  file=sys.stderr)
        sys.stdout.write(render(result, model, args.format))
        if args.fail_on and result["decision"] in GATES[args.fail_on]:
            print(f"pilot2prod: gate failed: decision is {result['decision']} (--fail-on {args.fail_on})",
                  file=sys.stderr)
            return EXIT_GATE
        return EXIT_OK
    return EXIT_INPUT  # pragma: no cover - argparse rejects unknown commands
