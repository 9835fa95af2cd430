"""User text made safe for each output: a terminal line, Markdown, HTML and JSON.

Everything a user or a checklist author wrote (ids, names, titles, notes, file names) passes
through one of these functions before it reaches an output, so that no input can forge a line
(a fake ``file:line:col: error:`` or a CI ``::error`` command), send a terminal escape sequence,
open a link or an HTML element in a Markdown report, or make JSON that is not JSON.
"""

from __future__ import annotations

import html as _html
import json
import re
from collections.abc import Iterable
from typing import Any

__all__ = ["one_line", "lines", "markdown", "markdown_span", "markdown_line", "markdown_code", "html", "json_text",
           "http_url", "number", "NotFinite"]

#: Characters that move the cursor, end a line, start an escape sequence or reorder text on screen:
#: C0 and C1 controls, DEL, the Unicode line and paragraph separators and the bidirectional controls.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: Any) -> str:
    """``text`` on one line, its control characters written out as Python writes them (``\\n``, ``\\x1b``)."""
    return _UNSAFE.sub(_escape, str(text))


def number(value: float | None, places: int | None = None) -> str:
    """A number as every output shows it: ``3``, ``0.5``, ``1e+300``, ``inf``; never 400 digits; ``n/a`` for ``None``.

    Messages show a value as it was given (``places`` ``None``: ``got 0.125``); reports show figures
    rounded to ``places`` decimals first (scores and milliseconds to 0.1: ``69.96`` reads ``70``), so a
    figure and the decision taken on it never disagree.
    """
    if value is None:
        return "n/a"
    if places is not None and not isinstance(value, int):
        value = round(value + 0.0, places)
    if isinstance(value, int):
        digits = str(abs(value))
        if len(digits) <= 15:
            return str(value)
        return f"{'-' if value < 0 else ''}{digits[0]}.{digits[1:3]}e+{len(digits) - 1}"
    if value == value and abs(value) < 1e15 and float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def lines(rows: Iterable[str]) -> str:
    """Join the lines of a text report, each made :func:`one_line` (so a value cannot add a line)."""
    return "".join(one_line(row) + "\n" for row in rows)


#: Backslash escapes where both CommonMark and Python-Markdown (MkDocs, whose tables extension
#: adds ``\|``) honour them; entities for the rest, which neither reads as syntax.
_MD_INLINE = re.compile(r"[\\`*_\[\]{}|~$<]|&(?=#?\w+;)")
_MD_ENTITIES = {"<": "&lt;", "&": "&amp;", "~": "&#126;", "$": "&#36;"}
#: What starts a block when it opens a line (or a list item's text): a heading, a quote, a list item.
#: (``>`` elsewhere is plain text: with every ``<`` escaped, no tag or autolink can open.)
_MD_LINE_START = re.compile(r"^(?:[#>+-]|\d{1,9}(?=[.)](?:\s|$)))")


def markdown(text: Any) -> str:
    """``text`` as literal Markdown inline text, on one line, safe anywhere a sentence or table cell goes.

    Markdown's inline syntax (emphasis, code, links, images, tables' ``|``, attribute lists) is
    backslash-escaped, as is a block marker (``#``, ``>``, ``-``, ``1.``) at the start; ``<`` and
    anything that reads as an entity become entities, so no HTML element or autolink can open;
    line breaks (``\\r`` included) become spaces; other control characters are written out as
    :func:`one_line` does.
    """
    return markdown_line(markdown_span(text).strip(" "))


def markdown_span(text: Any) -> str:
    """A piece of a Markdown line (:func:`markdown` without the line's start): the inline syntax and
    entities escaped, each run of white space one space (kept at either end, so pieces join as written).

    ``markdown(t) == markdown_line(markdown_span(t).strip(" "))``; the pieces of a line joined
    and passed to :func:`markdown_line` read as the whole line would.
    """
    flat = one_line(re.sub(r"\s+", " ", str(text)))
    return _MD_INLINE.sub(lambda m: _MD_ENTITIES.get(m.group(), "\\" + m.group()), flat)


def markdown_line(escaped: str) -> str:
    """Escaped Markdown (:func:`markdown_span`) that starts a line: a block marker at its start escaped."""
    start = _MD_LINE_START.match(escaped)
    if not start:
        return escaped
    end = start.end()
    # "1. x" -> "1\. x"; "# x" -> "\# x"
    return escaped[:end] + "\\" + escaped[end:] if start.group()[0].isdigit() else "\\" + escaped


def markdown_code(text: Any) -> str:
    """``text`` for a Markdown code span (between single backticks) in a table cell."""
    return one_line(" ".join(str(text).split())).replace("`", "").replace("|", "\\|")


def http_url(url: Any) -> bool:
    """Whether ``url`` is an ``http(s)`` address that can stand in a Markdown link as it is."""
    return isinstance(url, str) and re.fullmatch(r"https?://[^\s()<>\[\]\\`\"']+", url) is not None


def html(text: Any) -> str:
    """``text`` for HTML content or a quoted attribute: escaped, with control characters written out."""
    return _html.escape(one_line(text))


class NotFinite(ValueError):
    """A result held NaN or an infinity, which JSON cannot carry; never written as invalid JSON."""


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029]")


def json_text(data: Any, indent: int | None = None) -> str:
    """Standard JSON (no NaN or Infinity), with DEL, C1 controls and line separators as ``\\u`` escapes.

    ``json.dumps`` already escapes C0 controls; the others would reach a terminal raw.
    Raises :class:`NotFinite` instead of writing ``NaN`` or ``Infinity``.
    """
    try:
        text = json.dumps(data, indent=indent, ensure_ascii=False, allow_nan=False)
    except ValueError as exc:
        raise NotFinite(f"a result is not a finite number ({exc})") from None
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
