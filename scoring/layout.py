"""Documents (:mod:`scoring.doc`) laid out as terminal text, Markdown and HTML.

Text: one line per paragraph, heading and list entry (``  - `` or ``   1. ``); tables in aligned columns
(``align``, ``width``, ``gap``; a table with no head indented like a list); facts as ``term: value`` with the
values aligned; a chart as its ``alt`` blocks, or its title. Blocks follow each other line by line; a
``section`` is set apart from what surrounds it by one blank line. Every line is written with
:func:`~scoring.text.one_line`.

Markdown: blocks set apart by blank lines, sections flattened; every text escaped
(:func:`~scoring.text.markdown_span`), so that it renders as written; a chart as its ``alt`` blocks, or left
out (the tables beside it hold the figures). HTML: an escaped fragment (:func:`~scoring.text.html`), each section a
``<div data-result=name>``, tones and roles as classes. In both, only ``http(s)`` links are links, and item
ids link to their guidance only when the caller says where it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .doc import Block, Facts, Href, Inline, ListBlock, Paragraph, Table, plain
from .text import html as _esc
from .text import http_url, lines, markdown_code, markdown_line, markdown_span, one_line

__all__ = ["to_text", "to_markdown", "to_html", "site_href"]

_OPEN_ENTITY = re.compile(r"&#?\w*$")
_ENTITY = re.compile(r"&#?\w+;")


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
        return [f"{term:<{width}} {plain(value)}" for term, (_, value) in zip(terms, block["pairs"], strict=True)]
    if block["kind"] == "chart":
        return _text_lines(block["alt"]) if block.get("alt") else [block["title"]]
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


def site_href(base_url: str) -> Href | None:
    """Item links to the guidance under ``base_url``, when it is an http(s) address (else no links)."""
    if not http_url(base_url):
        return None
    base = base_url.rstrip("/")
    return lambda item_id, page: f"{base}/dimensions/{page}/#{item_id}"


def _md_spans(spans: Sequence[Inline], href: Href | None, start: bool = True) -> str:
    out: list[str] = []
    text = ""  # plain text is escaped in one piece, as it reads (an entity may span two spans)
    for span in [*spans, ""]:
        if isinstance(span, str) or span["kind"] == "text":
            text += span if isinstance(span, str) else span["text"]
            continue
        if text:
            out.append(markdown_span(text))
            text = ""
        if span["kind"] == "strong":
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
    if text:
        out.append(markdown_span(text))
    # An "&" near a piece's end could read as an entity with the next piece ("&" "amp;"): escaped, as in one piece.
    for n, piece in enumerate(out[:-1]):
        tail = _OPEN_ENTITY.search(piece)
        if tail and _ENTITY.match(piece[tail.start():] + "".join(out[n + 1:])):
            out[n] = piece[:tail.start()] + "&amp;" + piece[tail.start() + 1:]
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
        return ["\n".join(f"{f'{n}.' if block['ordered'] else '-'} {_md_spans(entry, href)}"
                          for n, entry in enumerate(block["items"], 1))]
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
    # A chart: its stand-in, if it has one; else the figures are in the tables beside it.
    return [chunk for inner in block.get("alt", []) for chunk in _md_block(inner, href, shift)]


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
    return block["svg"]  # a chart, drawn by the engine (scoring.report.bar_chart), every text in it escaped


def to_html(doc: Sequence[Block], *, base_url: str = "", href: Href | None = None) -> str:
    """The document as an HTML fragment; every text escaped (:func:`~scoring.text.html`), links http(s) only."""
    link_to = href or site_href(base_url)
    return "".join(html + "\n" for html in (_html_block(block, link_to) for block in doc) if html)
