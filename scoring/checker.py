"""The one checker every validator uses: each check records a problem and returns a usable default.

Checking goes on after a problem, so every problem in a document is reported in one pass. The
checklist validators (:mod:`scoring.config`, :mod:`scoring.dimension`, :mod:`scoring.registry`), the
answers (:mod:`scoring.answers`) and the calculators' inputs (:mod:`scoring.calc`) all say "unknown
field", "missing required field" and "expected a number" here, and only here, so a message reads
the same whichever document it is about.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from .fields import Field, Shape
from .problems import Path, Problem, describe, did_you_mean, out_of_range

__all__ = ["Checker"]

_Choice = TypeVar("_Choice", bound=str)


class Checker:
    """Collects the problems of one document; ``source`` names it (``"config"``, a dimension id, ``"answers"``)."""

    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []

    def error(self, path: Path, message: str) -> None:
        self.problems.append(Problem(self.source, tuple(path), message))

    def mapping(self, data: Any, path: Path, what: str = "a mapping") -> dict[str, Any] | None:
        """``data`` if it is a mapping; else a problem (``expected <what>, got ...``) and ``None``."""
        if not isinstance(data, dict):
            got = "an empty document" if data is None and not path else describe(data)
            self.error(path, f"expected {what}, got {got}")
            return None
        return data

    def unknown(self, data: dict[str, Any], path: Path, allowed: tuple[str, ...]) -> None:
        """One problem per key of ``data`` not in ``allowed``, with the closest allowed key as a hint."""
        for key in data:
            if key not in allowed:
                self.error(path + (str(key),), f"unknown field{did_you_mean(str(key), allowed)}")

    def missing(self, path: Path, key: str) -> None:
        self.error(path, f"missing required field '{key}'")

    def keys(self, data: dict[str, Any], path: Path, required: tuple[str, ...], optional: tuple[str, ...]) -> None:
        """Unknown keys first, then each required key that is missing."""
        self.unknown(data, path, required + optional)
        for key in required:
            if key not in data:
                self.missing(path, key)

    def fields(self, data: dict[str, Any], path: Path, shape: Shape) -> None:
        """:meth:`keys`, with the required and optional fields of the table ``shape``."""
        self.keys(data, path, shape.required, shape.optional)

    def text(self, data: dict[str, Any], key: str, path: Path, default: str = "", required: bool = True) -> str:
        """The string at ``key`` (non-empty when ``required``); ``default`` when it is absent or wrong."""
        if key not in data:
            return default
        value = data[key]
        if not isinstance(value, str) or (required and not value.strip()):
            if isinstance(value, str):
                self.error(path + (key,), "expected a non-empty string, got an empty one")
            else:
                self.error(path + (key,), f"expected a string, got {describe(value)}")
            return default
        return value

    def number(self, data: dict[str, Any], key: str, path: Path, low: float, high: float,
               default: float | None = 0.0,
               above: bool = False, allow_none: bool = False) -> float | None:
        """The number at ``key``, within ``[low, high]`` (``(low, high]`` when ``above``); else a problem."""
        if key not in data:
            return default
        value = data[key]
        if value is None and allow_none:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(path + (key,), f"expected a number, got {describe(value)}")
            return default
        message = out_of_range(value, low, high, above)
        if message:
            self.error(path + (key,), message)
            return default
        return float(value)

    def text_field(self, data: dict[str, Any], spec: Field, path: Path) -> str:
        """:meth:`text` for the field ``spec``: a ``note`` may be empty, any other text may not."""
        return self.text(data, spec.name, path, required=spec.kind != "note")

    def number_field(self, data: dict[str, Any], spec: Field, path: Path, default: float | None = 0.0,
                     high: float | None = None) -> float | None:
        """:meth:`number` within the limits of the field ``spec`` (``high``, when given, below its own)."""
        low, top = spec.limits
        return self.number(data, spec.name, path, low, top if high is None else high, default, above=spec.above,
                           allow_none=spec.nullable)

    def boolean(self, data: dict[str, Any], key: str, path: Path) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.error(path + (key,), f"expected true or false, got {describe(value)}")
            return False
        return value

    def choice(self, data: dict[str, Any], key: str, path: Path, choices: tuple[_Choice, ...],
               default: _Choice) -> _Choice:
        """The value at ``key`` if it is one of ``choices`` (with a "did you mean" hint when it is not)."""
        if key not in data:
            return default
        value = data[key]
        for choice in choices:
            if value == choice:
                return choice
        options = ", ".join(choices)
        hint = did_you_mean(str(value), choices) if isinstance(value, str) else ""
        self.error(path + (key,), f"expected one of {options}, got {describe(value)}{hint}")
        return default

    def string_list(self, data: dict[str, Any], key: str, path: Path) -> list[str]:
        value = data.get(key, [])
        if not isinstance(value, list):
            self.error(path + (key,), f"expected a list, got {describe(value)}")
            return []
        out = []
        for i, entry in enumerate(value):
            if not isinstance(entry, str):
                self.error(path + (key, i), f"expected a string, got {describe(entry)}")
            else:
                out.append(entry)
        return out

    def unique_ids(self, ids: list[str], path: Path, pattern: re.Pattern[str], expected: str, noun: str) -> set[str]:
        """Each id of the list at ``path`` matches ``pattern`` (else ``expected ..., got ...``) and is listed once
        (else ``<noun> '<id>' is listed twice``); returns the ids."""
        seen: set[str] = set()
        for i, value in enumerate(ids):
            if not pattern.fullmatch(value):
                self.error(path + (i,), f"expected {expected}, got {describe(value)}")
            if value in seen:
                self.error(path + (i,), f"{noun} '{value}' is listed twice")
            seen.add(value)
        return seen
