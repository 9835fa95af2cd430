"""Reading YAML and JSON text into data with positions: pure (no file I/O), the only module that imports PyYAML.

YAML is read at ``safe_load`` level, but stricter: duplicate keys are errors,
only ``true``/``false`` are booleans (``yes``/``no`` are answers here), dates
stay strings, aliases may not expand into huge documents, and every value
keeps the line and column it came from so that problems found later by the
engine can be reported as ``file:line:col``.

The CLI reads files with :mod:`scoring.files` and hands their bytes here; the browser's worker
hands the bytes of a file the user picked (:func:`scoring.api.read`), so both accept exactly
the same files and say the same things about the others. Nothing imports this module at import
time: PyYAML loads only when a document is first read.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable
from typing import Any

import yaml

from .located import Document, LoadError, Located
from .problems import Path, describe, format_path

__all__ = ["Document", "LoadError", "Located", "MAX_BYTES", "MAX_NODES", "parse_document"]

MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 2_000_000


class _PureLoader(yaml.SafeLoader):
    """Safe loader with YAML 1.2 booleans and no timestamps: PyYAML's pure-Python reader (the browser's)."""


class _CLoader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """The same loader over libyaml, when PyYAML has it: the same data and positions, read faster."""


for _cls in (_PureLoader, _CLoader):
    _cls.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers
                if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _cls.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                               list("tTfF"))

#: The loader documents are read with: libyaml's where PyYAML has it, else the pure-Python one. Syntax
#: errors are always worded by the pure-Python reader (see :func:`parse_document`).
_Loader: type[yaml.SafeLoader] = _CLoader if hasattr(yaml, "CSafeLoader") else _PureLoader


class _Builder:
    def __init__(self, loader: yaml.SafeLoader, name: str):
        self.loader = loader
        self.name = name
        self.positions: dict[Path, tuple[int, int]] = {}
        self.problems: list[Located] = []
        #: Values that could not be read at all (a number past Python's digit limit): always an error.
        self.unreadable: list[Located] = []
        self.nodes = 0

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooBig()
        mark = node.start_mark
        self.positions.setdefault(path, (mark.line + 1, mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            first_line: dict[Any, int] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problems.append(self._at(key_node, f"{format_path(path) or 'top level'}: merge keys (<<) "
                                                            "are not supported; write the fields out"))
                    continue
                key = self.build(key_node, path + ("<key>",))
                if isinstance(key, (dict, list)):
                    self.problems.append(self._at(key_node, f"{format_path(path) or 'top level'}: "
                                                            "expected a plain key, got a mapping or list"))
                    continue
                key = key if isinstance(key, str) else str(key).lower() if isinstance(key, bool) else str(key)
                if key in out:
                    self.problems.append(self._at(key_node, f"{format_path(path + (key,))}: duplicate key "
                                                            f"'{key}' (first defined on line {first_line[key]})"))
                    continue
                first_line[key] = key_node.start_mark.line + 1
                child = path + (key,)
                out[key] = self.build(value_node, child)
                self.positions[child] = (value_node.start_mark.line + 1, value_node.start_mark.column + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
        where = format_path(path) or "top level"
        try:
            value = self.loader.construct_object(node, deep=True)
        except ValueError as exc:  # "!!float abc", "!!timestamp 2020-13-45", int("9" * 5000)
            digits = sum(ch.isdigit() for ch in str(node.value))
            limit = _int_digits_limit()
            if node.tag == "tag:yaml.org,2002:int" and limit and digits > limit:
                message = f"expected a number of at most {limit:,} digits, got {digits:,} digits"
            else:
                tag = node.tag.rsplit(":", 1)[-1]
                message = f"expected a valid !!{tag} value, got {describe(node.value)} ({exc})"
            self.unreadable.append(self._at(node, f"{where}: {message}"))
            return None
        if isinstance(value, int) and not isinstance(value, bool) and _too_many_digits(value):
            digits = int(math.log10(abs(value))) + 1  # a hexadecimal, octal or sexagesimal literal
            self.unreadable.append(self._at(node, f"{where}: expected a number of at most "
                                                  f"{_int_digits_limit():,} digits, got {digits:,} digits"))
            return None
        if isinstance(value, float) and value != value:  # .nan is never a useful value here
            return "nan"
        if isinstance(value, bytes):
            return value.decode("latin-1")
        return value

    def _at(self, node: yaml.Node, message: str) -> Located:
        return Located(self.name, node.start_mark.line + 1, node.start_mark.column + 1, message)


def _int_digits_limit() -> int:
    """Python's limit on the digits of an integer written in decimal (0: none; 4,300 by default)."""
    return sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 0


def _too_many_digits(value: int) -> bool:
    """Whether ``value`` has more decimal digits than Python will write out (``str`` would raise)."""
    limit = _int_digits_limit()
    if not limit or value.bit_length() <= limit * 3.32:  # 10 ** limit needs limit * 3.3219... bits
        return False
    try:
        str(value)
    except ValueError:
        return True
    return False


class _TooBig(Exception):
    pass


class _Cycle(Exception):
    def __init__(self, mark: yaml.Mark):
        self.mark = mark


def _expanded_size(root: yaml.Node) -> int:
    """How many values ``root`` expands to once aliases are resolved, without expanding them.

    Aliases make the node graph a DAG (or a cycle); sizes are memoised per node, so an
    alias bomb is measured in time linear in its text and rejected before it is built.
    """
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise _Cycle(node.start_mark)  # an alias that contains itself
        active.add(key)
        total = 1
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                total += size(k) + size(v)
        elif isinstance(node, yaml.SequenceNode):
            for child in node.value:
                total += size(child)
        active.discard(key)
        sizes[key] = min(total, MAX_NODES + 1)
        return sizes[key]

    return size(root)


_STR = "tag:yaml.org,2002:str"


class _NotPlain(Exception):
    """The quick reader met something only the full reader handles: an anchor, a tag, any problem."""


def _read_plain(loader: yaml.SafeLoader) -> tuple[Any, dict[Path, tuple[int, int]]]:
    """Data and positions of a document of plain mappings, sequences and untagged scalars, from the parser's events.

    Most files are such documents, and reading them without building a node tree first is about
    three times as fast. Anything else (anchors, aliases, tags, merge keys, duplicate keys, a key
    that is not a string, an unreadable number, more than one document, a syntax error) raises
    :class:`_NotPlain`, and the full reader reads the file again: so the data, the positions and
    every message are the full reader's, by construction (tests/test_parse.py checks the positions).
    """
    get: Callable[[], Any] = loader.get_event  # untyped in PyYAML's stubs
    resolve: Callable[[type[yaml.Node], str, tuple[bool, bool]], str] = loader.resolve
    positions: dict[Path, tuple[int, int]] = {}
    tags: dict[str, str] = {}  # plain scalars repeat (answers, ids, yes/no): resolve each once
    constants: dict[tuple[str, str], Any] = {}
    count = 0

    def tag_of(event: Any) -> str:
        if event.tag is not None or event.anchor is not None:
            raise _NotPlain()
        if not event.implicit[0]:  # quoted or block scalars are strings
            return _STR
        tag = tags.get(event.value)
        if tag is None:
            tag = tags[event.value] = resolve(yaml.ScalarNode, event.value, (True, False))
        return tag

    def value(event: Any, path: Path) -> Any:
        nonlocal count
        count += 1
        if count > MAX_NODES:
            raise _NotPlain()
        mark = event.start_mark
        if path not in positions:
            positions[path] = (mark.line + 1, mark.column + 1)
        kind = type(event)
        if kind is yaml.ScalarEvent:
            tag = tag_of(event)
            if tag == _STR:
                return event.value
            known = (tag, event.value)
            if known not in constants:  # numbers, booleans and nulls: immutable, built once
                constants[known] = _constant(loader, yaml.ScalarNode(tag, event.value, mark, event.end_mark))
            return constants[known]
        if event.anchor is not None or event.tag is not None:
            raise _NotPlain()
        if kind is yaml.SequenceStartEvent:
            items: list[Any] = []
            event = get()
            while type(event) is not yaml.SequenceEndEvent:
                items.append(value(event, path + (len(items),)))
                event = get()
            return items
        if kind is not yaml.MappingStartEvent:
            raise _NotPlain()  # an alias
        out: dict[str, Any] = {}
        event = get()
        while type(event) is not yaml.MappingEndEvent:
            if type(event) is not yaml.ScalarEvent or tag_of(event) != _STR or event.value in out:
                raise _NotPlain()
            count += 1
            if not out:
                key_mark: Any = event.start_mark
                positions.setdefault(path + ("<key>",), (key_mark.line + 1, key_mark.column + 1))
            key = event.value
            child = path + (key,)
            event = get()
            positions[child] = (event.start_mark.line + 1, event.start_mark.column + 1)
            out[key] = value(event, child)
            event = get()
        return out

    get()  # the stream's start
    if type(get()) is not yaml.DocumentStartEvent:
        raise _NotPlain()  # an empty stream
    data = value(get(), ())
    if type(get()) is not yaml.DocumentEndEvent or type(get()) is not yaml.StreamEndEvent:
        raise _NotPlain()  # more than one document
    return data, positions


def _constant(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """A number, boolean or null, as the full reader builds it (anything it would refuse is not plain)."""
    try:
        value = loader.construct_object(node, deep=True)
    except ValueError:
        raise _NotPlain() from None
    if isinstance(value, int) and not isinstance(value, bool) and _too_many_digits(value):
        raise _NotPlain()
    if isinstance(value, float) and value != value:
        return "nan"
    return value


def parse_document(text: str | bytes, name: str, lenient: bool = False) -> Document:
    """Parse YAML (or JSON, a subset of YAML 1.2) text into a :class:`Document`.

    ``text`` is best given as the file's bytes: they must be UTF-8 (a byte-order mark is allowed),
    and the CLI and the browser then accept exactly the same files.

    Raises :class:`LoadError` with located problems for anything unusable.  With
    ``lenient``, problems that leave usable data (a duplicate key: the first
    value is kept) are returned in ``Document.problems`` instead, so callers can
    report them together with everything the validator finds.

    The file is read with libyaml when PyYAML has it, but a syntax error is always worded and
    located by PyYAML's pure-Python reader, the one the browser has: libyaml words them its own way
    ("did not find expected key" for "expected <block end>, but found ..."). So every message is
    the same in the CLI and in the browser.
    """
    if isinstance(text, bytes):
        # Readers (load_document, the browser) read at most MAX_BYTES + 1 bytes: how far past the
        # limit a file goes is not known, only that it does.
        if len(text) > MAX_BYTES:
            raise LoadError([Located(name, 0, 0, f"file is too large (over {MAX_BYTES:,} bytes)")])
        raw = text
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            before = raw[: exc.start]
            line = before.count(b"\n") + 1
            col = exc.start - (before.rfind(b"\n") + 1) + 1
            raise LoadError([Located(name, line, col, f"expected UTF-8 text, got the byte "
                                                      f"0x{raw[exc.start]:02x}")]) from None
    if len(text) > MAX_BYTES:
        raise LoadError([Located(name, 0, 0, f"file is too large ({len(text):,} characters; "
                                              f"the limit is {MAX_BYTES:,})")])
    quick = None
    try:
        quick = _Loader(text)  # the pure-Python reader checks the characters here already
        return Document(name, *_read_plain(quick))
    except (_NotPlain, yaml.YAMLError, RecursionError):
        pass
    finally:
        if quick is not None:
            quick.dispose()
    try:
        return _parse(text, name, lenient, _Loader)
    except _Syntax:
        return _parse(text, name, lenient, _PureLoader)


class _Syntax(Exception):
    """libyaml found a syntax error: the pure-Python reader reads the file again to word it."""


def _parse(text: str, name: str, lenient: bool, loader_class: type[yaml.SafeLoader]) -> Document:
    syntax = "JSON" if name.lower().endswith(".json") else "YAML"
    loader = None
    try:
        # Inside the try: the pure-Python reader (the browser's) checks every character as it is built.
        loader = loader_class(text)
        node = loader.get_single_node()
        if node is None:
            return Document(name, None, {(): (1, 1)})
        if _expanded_size(node) > MAX_NODES:
            raise _TooBig()
        builder = _Builder(loader, name)
        data = builder.build(node, ())
    except yaml.reader.ReaderError:
        raise LoadError([_unprintable(text, name)]) from None
    except yaml.YAMLError as exc:
        if loader_class is not _PureLoader:
            raise _Syntax() from None
        if not isinstance(exc, yaml.MarkedYAMLError):
            raise LoadError([Located(name, 1, 1, f"invalid {syntax}: {exc}")]) from None
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or f"invalid {syntax}"
        if exc.context and exc.problem:
            problem = f"{problem} ({exc.context})"
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise LoadError([Located(name, line, col, f"invalid {syntax}: {problem}")]) from None
    except _TooBig:
        raise LoadError([Located(name, 1, 1, f"document expands to more than {MAX_NODES:,} values "
                                              "(an alias bomb?)")]) from None
    except _Cycle as exc:
        raise LoadError([Located(name, exc.mark.line + 1, exc.mark.column + 1,
                                 "an alias refers to the value that contains it (a cycle)")]) from None
    except RecursionError:
        raise LoadError([Located(name, 1, 1, "document is nested too deeply")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if builder.unreadable or (builder.problems and not lenient):
        raise LoadError(sorted(builder.problems + builder.unreadable, key=lambda p: (p.line, p.col)))
    return Document(name, data, builder.positions, list(builder.problems))


def _unprintable(text: str, name: str) -> Located:
    """Where the first character YAML does not allow (a NUL, say) is, as both readers see it.

    The C reader counts bytes and the Python reader characters, so the position is found here.
    """
    found = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if found is None:
        return Located(name, 1, 1, "expected printable text, got a character YAML does not allow")
    before = text[: found.start()]
    line = before.count("\n") + 1
    col = found.start() - (before.rfind("\n") + 1) + 1
    return Located(name, line, col, f"expected printable text, got the control character "
                                    f"U+{ord(found.group()):04X}")
