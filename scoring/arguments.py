"""The ``pilot2prod`` command line's arguments: the commands, their options, and what a usage error
prints. Kept apart from :mod:`scoring.cli` (which runs the commands) and importing no engine module,
so that building the parser costs nothing at start-up.
"""

from __future__ import annotations

import argparse
import sys

from . import __version__
from .text import one_line

__all__ = ["parser", "EXIT_OK", "EXIT_GATE", "EXIT_INPUT", "GATES", "FORMATS", "PORTFOLIO_FORMATS",
           "CROSSWALK_FORMATS", "PUBLISHED", "SCHEMA", "SCHEMAS"]

#: The choices of ``--format``, written out here so that building the parser imports no report
#: module; tests/test_cli_speed.py checks they are the reports' own.
FORMATS = ("text", "markdown", "json", "html")
PORTFOLIO_FORMATS = ("text", "markdown", "json", "html")
CROSSWALK_FORMATS = ("text", "markdown", "json", "html")
#: Where the site publishes the answers schema, and the file ``template`` names when there is no site
#: (scoring.schema.PUBLISHED, scoring.template.SCHEMA), for the parser's help.
PUBLISHED = "schemas/answers.schema.json"
SCHEMA = "answers.schema.json"
#: What ``pilot2prod schema`` writes.
SCHEMAS = ("answers", "checklists")

#: Exit codes: ok, the ``--fail-on`` gate failed, bad input (or usage, or output that cannot be written).
EXIT_OK, EXIT_GATE, EXIT_INPUT = 0, 1, 2
#: The decisions each ``--fail-on`` value fails on.
GATES = {"conditional": ("conditional", "no-go"), "no-go": ("no-go",)}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{self.prog}: error: {one_line(message)}\n")


def _schema_location(value: str) -> str:
    if not value.strip():
        raise argparse.ArgumentTypeError("expected a URL or a path, got an empty one")
    return value


def parser() -> argparse.ArgumentParser:
    """The command line's parser: every command with its options and help."""
    top = _Parser(prog="pilot2prod", description="Score an AI pilot's readiness for production.")
    top.add_argument("--version", action="version", version=f"pilot2prod {__version__}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

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
    p.add_argument("--evidence", action="store_true",
                   help="write the evidence pack instead (every answered item with its answer, note, evidence, "
                        "owner and date), with --format markdown or html")

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
    return top
