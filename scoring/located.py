"""Problems with their place in a file, and a document read with the places of its values.

:class:`Located` is one ``file:line:col: error: ...`` line; :class:`LoadError` carries every one
found in an input; :class:`Document` is data read from a file (by :mod:`scoring.parse`) with the
line and column of each value, so that problems found later by the engine are reported where they
are. Pure data: no PyYAML, no file I/O (the readers re-export them, ``scoring.parse.Document``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .problems import Path, Problem
from .text import one_line

__all__ = ["Document", "LoadError", "Located"]


@dataclass(frozen=True)
class Located:
    """A problem with its file position: ``file:line:col: error: path: message``, always one line.

    ``kind`` is ``error`` or ``warning``. Control characters in the file name or the message
    (an id with a newline in it, say) are written out, so no input can forge another line.
    """

    file: str
    line: int
    col: int
    message: str
    kind: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}" if self.line else self.file
        return one_line(f"{where}: {self.kind}: {self.message}")


class LoadError(Exception):
    """Every problem found in the input, located."""

    def __init__(self, problems: Iterable[Located]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Document:
    name: str
    data: Any
    positions: dict[Path, tuple[int, int]]
    #: Problems found while reading that still left usable data (duplicate keys: the first wins).
    problems: list[Located] = field(default_factory=list)

    def locate(self, problem: Problem, kind: str = "error") -> Located:
        """Map a problem's data path to the nearest known position."""
        path = tuple(problem.path)
        while path not in self.positions and path:
            path = path[:-1]
        line, col = self.positions.get(path, (1, 1))
        return Located(self.name, line, col, str(problem), kind)
