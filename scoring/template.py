"""A blank answers file: every item as ``unsure``, its question as a comment."""

from __future__ import annotations

import json

from .model import Model

__all__ = ["template"]


def _quote(text: str) -> str:
    # JSON strings are valid YAML double-quoted scalars.
    return json.dumps(text, ensure_ascii=False)


def template(model: Model, pilot: str = "", assessed: str = "") -> str:
    """Return YAML text that ``pilot2prod score`` accepts unchanged."""
    lines = [
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
        lines.append(f"  # --- {dim.title} ---")
        for item in dim.items:
            flags = " [critical]" if item.critical else ""
            lines.append(f"  # {item.question.strip()}{flags}")
            lines.append(f"  {item.id}: unsure")
    return "\n".join(lines) + "\n"
