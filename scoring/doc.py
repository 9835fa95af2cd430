"""The document form: everything a person reads, as a small typed tree (laid out by :mod:`scoring.layout`).

A document (:data:`Doc`) is a list of blocks; a block's text is a list of inline spans. Every node
is a plain ``dict`` with a ``kind`` (JSON-ready: it crosses into the browser as it is, where one
generic renderer lays it out). No node decides a rule; ``tone`` and ``role`` are presentation hints.

Inline spans (a bare ``str`` is plain text):

- ``{"kind": "text", "text": str, "tone"?: Tone}``
- ``{"kind": "strong", "text": str}`` and ``{"kind": "code", "text": str}``
- ``{"kind": "item", "id": str, "page": str | None, "title"?: str}``: an item id linked to its guidance,
  ``dimensions/<page>/#<id>`` from the site root (plain text when ``page`` is ``None``, or when the
  renderer has no address to link to).
- ``{"kind": "link", "text": str, "href": str}``: only an ``http(s)://`` ``href`` becomes a link; any
  other is shown as its text, by every renderer.
- ``{"kind": "arrow"}``: from one value to the next, ``" -> "`` in text, ``" → "`` elsewhere (terminals
  may be ASCII).
- ``{"kind": "bar", "value": float, "max": float}``: a bar of ``#`` 20 columns wide in text; nothing in
  Markdown and HTML, which draw the ``chart`` instead.

Blocks:

- ``{"kind": "heading", "level": 1..4, "text": [Inline]}``
- ``{"kind": "paragraph", "text": [Inline], "tone"?: Tone, "role"?: str}``
- ``{"kind": "list", "ordered": bool, "items": [[Inline]], "role"?: str}``
- ``{"kind": "table", "head": [str], "rows": [[[Inline]]], "align"?: ["left"|"right"], "caption"?: str,
  "width"?: [int], "gap"?: [int], "role"?: str}``: in text, ``width`` is the least width of each column
  and ``gap`` the spaces before it (2 by default); a table with no ``head`` is indented, like a list.
- ``{"kind": "facts", "pairs": [[str, [Inline]]], "role"?: str}``: terms and their values (``<dl>``).
- ``{"kind": "chart", "svg": str, "title": str, "alt"?: [Block]}``: an SVG drawn by the engine; text and
  Markdown show ``alt`` instead, or without it, text its title and Markdown nothing (the tables beside
  it hold the figures).
- ``{"kind": "section", "name": str, "blocks": [Block]}``: ``name`` is the part of the page it fills
  (``[data-result=name]`` in the browser); in text a section is set apart by blank lines, while the
  blocks between sections follow each other line by line.

``tone`` (:data:`Tone`) becomes the CSS class ``p2p-tone--<tone>`` and ``role`` the class ``p2p-<role>``.

The renderers, :func:`scoring.layout.to_text`, :func:`~scoring.layout.to_markdown` and
:func:`~scoring.layout.to_html`, escape every text with the one escaping module, :mod:`scoring.text`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal, NotRequired, TypedDict

__all__ = ["Doc", "Block", "Inline", "Tone", "Align", "Href", "text", "strong", "code", "item", "link", "ARROW",
           "bar", "heading", "paragraph", "bullets", "table", "facts", "chart", "section", "joined", "plain",
           "BAR_WIDTH", "bar_text"]

Tone = Literal["go", "conditional", "no-go", "ok", "warn", "bad", "muted"]
Align = Literal["left", "right"]




class Text(TypedDict):
    kind: Literal["text"]
    text: str
    tone: NotRequired[Tone]


class Strong(TypedDict):
    kind: Literal["strong"]
    text: str


class Code(TypedDict):
    kind: Literal["code"]
    text: str


class ItemRef(TypedDict):
    kind: Literal["item"]
    id: str
    page: str | None
    title: NotRequired[str]


class Link(TypedDict):
    kind: Literal["link"]
    text: str
    href: str


class Arrow(TypedDict):
    kind: Literal["arrow"]


class Bar(TypedDict):
    kind: Literal["bar"]
    value: float
    max: float


Inline = str | Text | Strong | Code | ItemRef | Link | Arrow | Bar


class Heading(TypedDict):
    kind: Literal["heading"]
    level: int
    text: list[Inline]


class Paragraph(TypedDict):
    kind: Literal["paragraph"]
    text: list[Inline]
    tone: NotRequired[Tone]
    role: NotRequired[str]


class ListBlock(TypedDict):
    kind: Literal["list"]
    ordered: bool
    items: list[list[Inline]]
    role: NotRequired[str]


class Table(TypedDict):
    kind: Literal["table"]
    head: list[str]
    rows: list[list[list[Inline]]]
    align: NotRequired[list[Align]]
    caption: NotRequired[str]
    width: NotRequired[list[int]]
    gap: NotRequired[list[int]]
    role: NotRequired[str]


class Facts(TypedDict):
    kind: Literal["facts"]
    pairs: list[tuple[str, list[Inline]]]
    role: NotRequired[str]


class Chart(TypedDict):
    kind: Literal["chart"]
    svg: str
    title: str
    alt: NotRequired[list[Block]]


class Section(TypedDict):
    kind: Literal["section"]
    name: str
    blocks: list[Block]


Block = Heading | Paragraph | ListBlock | Table | Facts | Chart | Section
Doc = list[Block]
#: How an item id becomes a link: ``(id, page) -> href``.
Href = Callable[[str, str], str]

BAR_WIDTH = 20


# --------------------------------------------------------------------------
# Building

def _with(block: Any, **hints: Any) -> Any:
    """``block`` with the optional keys whose value is given (not ``None``, not empty)."""
    for key, value in hints.items():
        if value:
            block[key] = list(value) if isinstance(value, tuple) else value
    return block


def text(value: str, tone: Tone | None = None) -> Inline:
    """Plain text; with a ``tone``, a span the page colours."""
    return {"kind": "text", "text": value, "tone": tone} if tone else value


def strong(value: str) -> Strong:
    return {"kind": "strong", "text": value}


def code(value: str) -> Code:
    return {"kind": "code", "text": value}


def item(item_id: str, page: str | None, title: str | None = None) -> ItemRef:
    if title:
        return {"kind": "item", "id": item_id, "page": page, "title": title}
    return {"kind": "item", "id": item_id, "page": page}


def link(value: str, href: str) -> Link:
    return {"kind": "link", "text": value, "href": href}


def bar(value: float, maximum: float) -> Bar:
    return {"kind": "bar", "value": value, "max": maximum}


ARROW: Arrow = {"kind": "arrow"}


def heading(level: int, *spans: Inline) -> Heading:
    return {"kind": "heading", "level": level, "text": list(spans)}


def paragraph(*spans: Inline, tone: Tone | None = None, role: str | None = None) -> Paragraph:
    return _with({"kind": "paragraph", "text": list(spans)}, tone=tone, role=role)  # type: ignore[no-any-return]


def bullets(items: Iterable[list[Inline]], ordered: bool = False, role: str | None = None) -> ListBlock:
    return _with({"kind": "list", "ordered": ordered, "items": list(items)}, role=role)  # type: ignore[no-any-return]


def table(head: Sequence[str], rows: Iterable[list[list[Inline]]], align: Sequence[Align] | None = None,
          width: Sequence[int] | None = None, gap: Sequence[int] | None = None, role: str | None = None,
          caption: str | None = None) -> Table:
    return _with({"kind": "table", "head": list(head), "rows": list(rows)},  # type: ignore[no-any-return]
                 align=align, width=width, gap=gap, role=role, caption=caption)


def facts(pairs: Iterable[tuple[str, list[Inline]]], role: str | None = None) -> Facts:
    return _with({"kind": "facts", "pairs": list(pairs)}, role=role)  # type: ignore[no-any-return]


def chart(svg: str, title: str, alt: Sequence[Block] | None = None) -> Chart:
    """An SVG drawn by the engine; ``alt``: what text and Markdown show instead."""
    return _with({"kind": "chart", "svg": svg, "title": title}, alt=list(alt or []))  # type: ignore[no-any-return]


def section(name: str, blocks: Iterable[Block]) -> Section:
    return {"kind": "section", "name": name, "blocks": list(blocks)}


def joined(parts: Iterable[list[Inline]] | Iterable[Inline], sep: str = ", ") -> list[Inline]:
    """The spans of ``parts`` (each a span or a list of spans) with ``sep`` between them."""
    out: list[Inline] = []
    for n, part in enumerate(parts):
        if n:
            out.append(sep)
        if isinstance(part, list):
            out.extend(part)
        else:
            out.append(part)
    return out


# --------------------------------------------------------------------------
# Reading

def bar_text(span: Bar) -> str:
    maximum = span["max"]
    filled = round(BAR_WIDTH * min(1.0, max(0.0, span["value"] / maximum))) if maximum else 0
    return ("#" * filled).ljust(BAR_WIDTH)


def plain(spans: Sequence[Inline]) -> str:
    """The spans as text reads them, unescaped (:func:`scoring.layout.to_text` writes each line with ``one_line``)."""
    out = []
    for span in spans:
        if isinstance(span, str):
            out.append(span)
        elif span["kind"] == "item":
            out.append(span["id"])
        elif span["kind"] == "arrow":
            out.append(" -> ")
        elif span["kind"] == "bar":
            out.append(bar_text(span))
        else:
            out.append(span["text"])
    return "".join(out)
