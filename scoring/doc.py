"""The document form: everything a person reads, as a small typed tree, and its three renderers.

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
- ``{"kind": "chart", "svg": str, "title": str}``: an SVG drawn by the engine; text shows its title,
  Markdown leaves it out (the tables beside it hold the figures).
- ``{"kind": "section", "name": str, "blocks": [Block]}``: ``name`` is the part of the page it fills
  (``[data-result=name]`` in the browser); in text a section is set apart by blank lines, while the
  blocks between sections follow each other line by line.

``tone`` (:data:`Tone`) becomes the CSS class ``p2p-tone--<tone>`` and ``role`` the class ``p2p-<role>``.

The renderers (:func:`to_text`, :func:`to_markdown`, :func:`to_html`) escape every text with the one
escaping module, :mod:`scoring.text`, for their output.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Literal, NotRequired, Sequence, TypedDict, Union

from .text import html as _esc
from .text import http_url, lines, markdown_code, markdown_line, markdown_span, one_line

__all__ = ["Doc", "Block", "Inline", "Tone", "Href", "text", "strong", "code", "item", "link", "ARROW", "bar",
           "heading", "paragraph", "bullets", "table", "facts", "chart", "section", "joined", "plain",
           "to_text", "to_markdown", "to_html", "site_href"]

Tone = Literal["go", "conditional", "no-go", "ok", "warn", "bad", "muted"]
Align = Literal["left", "right"]


# Functional TypedDicts: the keys are data (``kind``), as the browser reads them.
Text = TypedDict("Text", {"kind": Literal["text"], "text": str, "tone": NotRequired[Tone]})
Strong = TypedDict("Strong", {"kind": Literal["strong"], "text": str})
Code = TypedDict("Code", {"kind": Literal["code"], "text": str})
ItemRef = TypedDict("ItemRef", {"kind": Literal["item"], "id": str, "page": str | None, "title": NotRequired[str]})
Link = TypedDict("Link", {"kind": Literal["link"], "text": str, "href": str})
Arrow = TypedDict("Arrow", {"kind": Literal["arrow"]})
Bar = TypedDict("Bar", {"kind": Literal["bar"], "value": float, "max": float})
Inline = Union[str, Text, Strong, Code, ItemRef, Link, Arrow, Bar]

Heading = TypedDict("Heading", {"kind": Literal["heading"], "level": int, "text": list[Inline]})
Paragraph = TypedDict("Paragraph", {"kind": Literal["paragraph"], "text": list[Inline], "tone": NotRequired[Tone],
                                    "role": NotRequired[str]})
ListBlock = TypedDict("ListBlock", {"kind": Literal["list"], "ordered": bool, "items": list[list[Inline]],
                                    "role": NotRequired[str]})
Table = TypedDict("Table", {"kind": Literal["table"], "head": list[str], "rows": list[list[list[Inline]]],
                            "align": NotRequired[list[Align]], "caption": NotRequired[str],
                            "width": NotRequired[list[int]], "gap": NotRequired[list[int]], "role": NotRequired[str]})
Facts = TypedDict("Facts", {"kind": Literal["facts"], "pairs": list[tuple[str, list[Inline]]],
                            "role": NotRequired[str]})
Chart = TypedDict("Chart", {"kind": Literal["chart"], "svg": str, "title": str})
Section = TypedDict("Section", {"kind": Literal["section"], "name": str, "blocks": "list[Block]"})
Block = Union[Heading, Paragraph, ListBlock, Table, Facts, Chart, Section]
Doc = list[Block]
#: How an item id becomes a link: ``(id, page) -> href``.
Href = Callable[[str, str], str]

BAR_WIDTH = 20


# --------------------------------------------------------------------------
# Building

def _with(block: Any, **hints: Any) -> Any:
    """``block`` with the optional keys whose value is given (not ``None``, not empty)."""
    block.update({key: list(value) if isinstance(value, tuple) else value for key, value in hints.items() if value})
    return block


def text(value: str, tone: Tone | None = None) -> Inline:
    """Plain text; with a ``tone``, a span the page colours."""
    return {"kind": "text", "text": value, "tone": tone} if tone else value


def strong(value: str) -> Strong:
    return {"kind": "strong", "text": value}


def code(value: str) -> Code:
    return {"kind": "code", "text": value}


def item(item_id: str, page: str | None, title: str | None = None) -> ItemRef:
    return _with({"kind": "item", "id": item_id, "page": page}, title=title)  # type: ignore[no-any-return]


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


def chart(svg: str, title: str) -> Chart:
    return {"kind": "chart", "svg": svg, "title": title}


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
# Text

def _bar_text(span: Bar) -> str:
    maximum = span["max"]
    filled = round(BAR_WIDTH * min(1.0, max(0.0, span["value"] / maximum))) if maximum else 0
    return ("#" * filled).ljust(BAR_WIDTH)


def plain(spans: Sequence[Inline]) -> str:
    """The spans as text reads them (no escaping: :func:`to_text` writes each line with ``one_line``)."""
    out = []
    for span in spans:
        if isinstance(span, str):
            out.append(span)
        elif span["kind"] == "item":
            out.append(span["id"])
        elif span["kind"] == "arrow":
            out.append(" -> ")
        elif span["kind"] == "bar":
            out.append(_bar_text(span))
        else:
            out.append(span["text"])
    return "".join(out)


def _columns(head: Sequence[str], rows: Sequence[Sequence[str]], align: Sequence[str], least: Sequence[int],
             gaps: Sequence[int]) -> list[str]:
    count = max([len(head), *(len(r) for r in rows)], default=0)
    widths = [max([least[i] if i < len(least) else 0, *(len(r[i]) for r in [head, *rows] if i < len(r))])
              for i in range(count)]

    def line(cells: Sequence[str]) -> str:
        return "".join((" " * (gaps[i] if i < len(gaps) else 2) if i else "") +
                       (c.rjust(widths[i]) if i < len(align) and align[i] == "right" else c.ljust(widths[i]))
                       for i, c in enumerate(cells)).rstrip()
    return ([line(head)] if head else []) + [line(r) for r in rows]


def _text_block(block: Block) -> list[str]:
    kind = block["kind"]
    if block["kind"] == "heading" or block["kind"] == "paragraph":
        return [plain(block["text"])]
    if block["kind"] == "list":
        if block["ordered"]:
            return [f"  {n:>2}. {plain(entry)}" for n, entry in enumerate(block["items"], 1)]
        return [f"  - {plain(entry)}" for entry in block["items"]]
    if block["kind"] == "table":
        rows = [[one_line(plain(cell)).strip() for cell in row] for row in block["rows"]]
        head = [one_line(h) for h in block["head"]]
        out = _columns(head, rows, block.get("align", []), block.get("width", []), block.get("gap", []))
        caption = [one_line(block["caption"])] if block.get("caption") else []
        return caption + (out if head else ["  " + row if row else row for row in out])
    if block["kind"] == "facts":
        terms = [one_line(term) + ":" for term, _ in block["pairs"]]
        width = max((len(t) for t in terms), default=0)
        return [f"{term:<{width}} {plain(value)}" for term, (_, value) in zip(terms, block["pairs"])]
    if block["kind"] == "chart":
        return [block["title"]]
    raise ValueError(f"not a block: {kind!r}")


def _text_lines(blocks: Sequence[Block]) -> list[str]:
    chunks: list[list[str]] = []
    run: list[str] = []
    for block in blocks:
        if block["kind"] == "section":
            inner = _text_lines(block["blocks"])
            if inner:
                if run:
                    chunks.append(run)
                    run = []
                chunks.append(inner)
        else:
            run += _text_block(block)
    if run:
        chunks.append(run)
    out: list[str] = []
    for n, chunk in enumerate(chunks):
        out += [""] * bool(n) + chunk
    return out


def to_text(doc: Sequence[Block]) -> str:
    """The document as terminal text: one line per paragraph, each written with :func:`~scoring.text.one_line`."""
    return lines(_text_lines(doc))


# --------------------------------------------------------------------------
# Markdown and HTML

def site_href(base_url: str) -> Href | None:
    """Item links to the guidance under ``base_url``, when it is an http(s) address (else no links)."""
    if not http_url(base_url):
        return None
    base = base_url.rstrip("/")
    return lambda item_id, page: f"{base}/dimensions/{page}/#{item_id}"


def _md_spans(spans: Sequence[Inline], href: Href | None, start: bool = True) -> str:
    out = []
    for span in spans:
        if isinstance(span, str):
            out.append(markdown_span(span))
        elif span["kind"] == "text":
            out.append(markdown_span(span["text"]))
        elif span["kind"] == "strong":
            out.append(f"**{markdown_span(span['text']).strip(' ')}**")
        elif span["kind"] == "code":
            out.append(f"`{markdown_code(span['text'])}`")
        elif span["kind"] == "item":
            name = markdown_span(span["id"]).strip(" ")
            page = span["page"]
            out.append(f"[{name}]({href(span['id'], page)})" if href and page else name)
        elif span["kind"] == "link":
            label = markdown_span(span["text"]).strip(" ")
            out.append(f"[{label}]({span['href']})" if http_url(span["href"]) else label)
        elif span["kind"] == "arrow":
            out.append(" → ")
    # Pieces keep one space at their ends, so that they join as written; where two meet, one is enough.
    line = re.sub(" {2,}", " ", "".join(out)).strip(" ")
    return markdown_line(line) if start else line


def _md_block(block: Block, href: Href | None, shift: int) -> list[str]:
    """One block as Markdown: a list of paragraphs (each one or more lines), to be set apart by blank lines."""
    if block["kind"] == "section":
        return [chunk for inner in block["blocks"] for chunk in _md_block(inner, href, shift)]
    if block["kind"] == "heading":
        return ["#" * min(6, block["level"] + shift) + " " + _md_spans(block["text"], href, start=False)]
    if block["kind"] == "paragraph":
        return [_md_spans(block["text"], href)]
    if block["kind"] == "list":
        if not block["items"]:
            return []
        marks = [f"{n}." if block["ordered"] else "-" for n in range(1, len(block["items"]) + 1)]
        return ["\n".join(f"{mark} {_md_spans(entry, href)}" for mark, entry in zip(marks, block["items"]))]
    if block["kind"] == "table":
        count = max([len(block["head"]), *(len(r) for r in block["rows"])], default=0)
        align = block.get("align", [])
        head = [markdown_span(h).strip(" ") for h in block["head"]] + [""] * (count - len(block["head"]))
        rows = ["| " + " | ".join(head) + " |",
                "|" + "|".join("---:" if i < len(align) and align[i] == "right" else "---" for i in range(count)) + "|"]
        rows += ["| " + " | ".join(_md_spans(cell, href) for cell in row) + " |" for row in block["rows"]]
        caption = [markdown_line(markdown_span(block["caption"]).strip(" "))] if block.get("caption") else []
        return caption + ["\n".join(rows)]
    if block["kind"] == "facts":
        return ["\n".join(f"- **{markdown_span(term).strip(' ')}:** {_md_spans(value, href, start=False)}"
                          for term, value in block["pairs"])] if block["pairs"] else []
    return []  # a chart: the figures are in the tables beside it


def to_markdown(doc: Sequence[Block], *, base_url: str = "", href: Href | None = None, shift: int = 0) -> str:
    """The document as Markdown; every text escaped (:func:`~scoring.text.markdown_span`).

    Item ids link to their guidance through ``href`` (``(id, page) -> address``), else under ``base_url``
    when it is an http(s) address (:func:`site_href`), else not at all. Headings go ``shift`` levels deeper.
    """
    link_to = href or site_href(base_url)
    chunks = [chunk for block in doc for chunk in _md_block(block, link_to, shift)]
    return "\n\n".join(chunks) + "\n" if chunks else ""


def _classes(block: Paragraph | ListBlock | Table | Facts) -> str:
    names = []
    tone = block.get("tone")
    if tone:
        names.append(f"p2p-tone--{tone}")
    role = block.get("role")
    if role:
        names.append(f"p2p-{role}")
    return f' class="{_esc(" ".join(names))}"' if names else ""


def _html_spans(spans: Sequence[Inline], href: Href | None) -> str:
    out = []
    for span in spans:
        if isinstance(span, str):
            out.append(_esc(span))
        elif span["kind"] == "text":
            tone = span.get("tone")
            out.append(f'<span class="p2p-tone--{_esc(tone)}">{_esc(span["text"])}</span>' if tone
                       else _esc(span["text"]))
        elif span["kind"] == "strong":
            out.append(f"<strong>{_esc(span['text'])}</strong>")
        elif span["kind"] == "code":
            out.append(f"<code>{_esc(span['text'])}</code>")
        elif span["kind"] == "item":
            page = span["page"]
            title = f' title="{_esc(span["title"])}"' if span.get("title") else ""
            out.append(f'<a href="{_esc(href(span["id"], page))}"{title}>{_esc(span["id"])}</a>' if href and page
                       else _esc(span["id"]))
        elif span["kind"] == "link":
            out.append(f'<a href="{_esc(span["href"])}">{_esc(span["text"])}</a>' if http_url(span["href"])
                       else _esc(span["text"]))
        elif span["kind"] == "arrow":
            out.append(" → ")
    return "".join(out)


def _html_block(block: Block, href: Href | None) -> str:
    if block["kind"] == "section":
        inner = "".join(_html_block(b, href) for b in block["blocks"])
        return f'<div class="p2p-section" data-result="{_esc(block["name"])}">{inner}</div>' if inner else ""
    if block["kind"] == "heading":
        level = min(6, max(1, block["level"]))
        return f"<h{level}>{_html_spans(block['text'], href)}</h{level}>"
    if block["kind"] == "paragraph":
        return f"<p{_classes(block)}>{_html_spans(block['text'], href)}</p>"
    if block["kind"] == "list":
        if not block["items"]:
            return ""
        tag = "ol" if block["ordered"] else "ul"
        entries = "".join(f"<li>{_html_spans(entry, href)}</li>" for entry in block["items"])
        return f"<{tag}{_classes(block)}>{entries}</{tag}>"
    if block["kind"] == "table":
        caption = f"<caption>{_esc(block['caption'])}</caption>" if block.get("caption") else ""
        head = (f"<thead><tr>{''.join(f'<th>{_esc(h)}</th>' for h in block['head'])}</tr></thead>"
                if block["head"] else "")
        rows = "".join("<tr>" + "".join(f"<td>{_html_spans(cell, href)}</td>" for cell in row) + "</tr>"
                       for row in block["rows"])
        return f"<table{_classes(block)}>{caption}{head}<tbody>{rows}</tbody></table>"
    if block["kind"] == "facts":
        pairs = "".join(f"<dt>{_esc(term)}</dt><dd>{_html_spans(value, href)}</dd>" for term, value in block["pairs"])
        return f"<dl{_classes(block)}>{pairs}</dl>" if pairs else ""
    if block["kind"] == "chart":
        return block["svg"]  # drawn by the engine (scoring.report.bar_chart), every text in it escaped
    return ""


def to_html(doc: Sequence[Block], *, base_url: str = "", href: Href | None = None) -> str:
    """The document as an HTML fragment; every text escaped (:func:`~scoring.text.html`), links http(s) only."""
    link_to = href or site_href(base_url)
    return "".join(html + "\n" for html in (_html_block(block, link_to) for block in doc) if html)
