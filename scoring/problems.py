"""Problems found in input data, each located by a path into that data."""

from __future__ import annotations

import difflib
import re
from calendar import monthrange
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import MINYEAR, date
from typing import Any, TypeAlias

from .text import number, one_line

__all__ = ["Path", "Problem", "ValidationError", "format_path", "describe", "did_you_mean",
           "capped", "out_of_range", "date_problem", "MAX_SHOWN"]

#: At most this many problems are shown, then one line says how many more there are (the CLI
#: prints them, the browser lists them: 200,000 of either helps nobody and takes minutes).
MAX_SHOWN = 50

#: Where a value sits in a document: its mapping keys and list indices, ``("items", 3, "weight")``.
Path: TypeAlias = tuple[str | int, ...]


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
        return one_line(f"{where}: {self.message}" if where else self.message)


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
    if isinstance(value, (int, float)):
        return number(value)
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + ("...'" if text[0] == "'" else "...")


def _bound(value: float) -> str:
    return f"{value:,}" if float(value).is_integer() and isinstance(value, int) else number(value)


def out_of_range(value: float, low: float, high: float, above: bool = False) -> str | None:
    """The message for a number outside ``[low, high]`` (``(low, high]`` when ``above``), else ``None``.

    Infinities and NaN are outside every range. Compared as given, so a 400-digit integer is
    reported, not turned into a float first (which would overflow).
    """
    if (value > low if above else value >= low) and value <= high:
        return None
    bounds = (f"greater than {_bound(low)} and at most {_bound(high)}" if above
              else f"from {_bound(low)} to {_bound(high)}")
    return f"expected a number {bounds}, got {number(value)}"


def capped(lines: Sequence[str], what: str = "problems") -> list[str]:
    """The first :data:`MAX_SHOWN` of ``lines``, then ``... and N more problems`` if there are more."""
    if len(lines) <= MAX_SHOWN:
        return list(lines)
    more = len(lines) - MAX_SHOWN
    return [*lines[:MAX_SHOWN], f"... and {more:,} more {what if more != 1 else what[:-1]}"]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


#: ASCII digits only: Python's ``\\d`` also takes other scripts' digits, which no ISO date is written in.
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def date_problem(text: str, given: Any) -> str | None:
    """Why ``text`` is not a real date written ``YYYY-MM-DD`` (``given`` is the value as read), or None.

    An empty value is no date at all, and allowed: the template writes ``assessed: ""``.
    """
    if not text.strip():
        return None
    expected = f"expected a date written YYYY-MM-DD, got {describe(given)}"
    match = _ISO_DATE.fullmatch(text)
    if match is None:
        return expected
    year, month, day = (int(part) for part in match.groups())
    if year < MINYEAR:
        return f"{expected}: there is no year 0"
    if not 1 <= month <= 12:
        return f"{expected}: there is no month {month}"
    try:
        date(year, month, day)
    except ValueError:
        days = monthrange(year, month)[1]  # not date(year, month + 1, 1): there is no year 10000
        return f"{expected}: {year:04d}-{month:02d} has {days} days"
    return None
