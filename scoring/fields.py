"""The fields of the checklist documents, as data: one table per kind of document or entry.

Each validator declares its table next to its code (:mod:`scoring.config`, :mod:`scoring.dimension`,
:mod:`scoring.registry`) and reads from it which fields exist, which are required, what kind of value
each holds and its limits; :mod:`scoring.schema` turns the same tables into ``checklists/schema.json``,
the schema editors use. A field added, renamed or limited differently is so in both at once.

What a table cannot say -- ids against file names, cross-references, contiguous bands, one
headline item per dimension -- stays in the validators' code; the schema's description says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Field", "Kind", "Shape"]

#: What a field holds:
#:
#: - ``text``: a non-empty string; ``note``: any string, empty too;
#: - ``slug``, ``prefix``, ``item_id``: a string of the form of :data:`~scoring.model.SLUG_RE`,
#:   :data:`~scoring.model.PREFIX_RE` or :data:`~scoring.model.ID_RE`; ``ref_id``: a framework's
#:   reference id, as frameworks.yml writes it; ``url``: a site address (:data:`~scoring.model.SITE_URL_RE`);
#: - ``number`` (from ``low`` to ``high``; above ``low`` when ``above``), ``integer``, ``boolean``;
#: - ``choice``: one of ``choices``;
#: - ``scalar``: a string or a number; ``version``: a non-empty string or a number;
#: - ``list``: a list of ``of``; ``mapping``: keys of the kind ``keys`` (any when empty), values ``of``;
#: - ``object``: a mapping of the fields of the :class:`Shape` ``of``.
Kind = Literal["text", "note", "slug", "prefix", "item_id", "ref_id", "url", "number", "integer", "boolean", "choice",
               "scalar", "version", "list", "mapping", "object"]


@dataclass(frozen=True)
class Field:
    """One field: its name, what it holds, whether it must be there, and what the schema says about it."""

    name: str
    kind: Kind
    required: bool = False
    description: str = ""
    low: float | None = None
    high: float | None = None
    #: ``low`` itself is not allowed (weights are greater than 0).
    above: bool = False
    #: ``null`` is allowed too (a band with no upper bound, a registry with no retired ids).
    nullable: bool = False
    choices: tuple[str, ...] = ()
    of: Field | Shape | None = None
    keys: Kind | None = None
    min_items: int = 0
    max_items: int | None = None
    unique: bool = False

    @property
    def limits(self) -> tuple[float, float]:
        """``(low, high)`` of a number field."""
        if self.low is None or self.high is None:
            raise TypeError(f"field '{self.name}' has no range")
        return self.low, self.high


@dataclass(frozen=True)
class Shape:
    """The fields of one kind of mapping; ``name`` is its name in the schema's ``$defs``."""

    name: str
    fields: tuple[Field, ...]
    description: str = ""

    def __getitem__(self, name: str) -> Field:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(spec.name for spec in self.fields if spec.required)

    @property
    def optional(self) -> tuple[str, ...]:
        return tuple(spec.name for spec in self.fields if not spec.required)
