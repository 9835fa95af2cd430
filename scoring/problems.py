"""Problems found in input data, each located by a path into that data."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

__all__ = ["Path", "Problem", "ValidationError", "format_path", "describe", "did_you_mean"]

Path = tuple  # a tuple of str keys and int indices


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input.

    ``source`` names the document (a dimension id, ``"config"``, ``"answers"``…);
    the caller that read the document maps it to a file and ``path`` to a line.
    """

    source: str
    path: Path
    message: str

    def where(self) -> str:
        return format_path(self.path)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message


class ValidationError(Exception):
    """Raised with every problem at once when data cannot be used."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def format_path(path: Iterable[Any]) -> str:
    """``("items", 3, "weight")`` -> ``items[3].weight``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def describe(value: Any) -> str:
    """A short, user-facing rendering of a value for "got ..." messages."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "...'"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
