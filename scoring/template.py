"""A blank answers file: every item as ``unsure``, its question as a comment."""

from __future__ import annotations

from .model import Model
from .text import json_text, lines, one_line

__all__ = ["template"]


def _quote(text: str) -> str:
    # JSON strings are valid YAML double-quoted scalars (control characters and line separators
    # escaped, which YAML would otherwise refuse or fold).
    return json_text(text)


def template(model: Model, pilot: str = "", assessed: str = "") -> str:
    """Return YAML text that ``pilot2prod score`` accepts unchanged."""
    out = [
        "# pilot2prod answers file.",
        "# Answer each item: yes | partial | no | unsure | na.",
        "# Long form: OWN-002: {answer: partial, note: \"...\", evidence: \"https://...\", owner: \"...\", date: \"YYYY-MM-DD\"}",
        "# 'na' needs a reason: DATA-004: {answer: na, reason: \"no personal data in scope\"}",
        f"pilot: {_quote(pilot)}",
        f"assessed: {_quote(assessed)}",
        f"version: {_quote(model.config.version)}",
        "answers:",
    ]
    for dim in model.dimensions:
        out.append(f"  # --- {dim.title} ---")
        for item in dim.items:
            flags = " [critical]" if item.critical else ""
            # one_line: a question with a line break must not end the comment and add a YAML line.
            out.append(f"  # {one_line(item.question.strip())}{flags}")
            out.append(f"  {item.id}: unsure")
    return lines(out)
