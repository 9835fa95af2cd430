"""Reading YAML and JSON files: the package's edge, the only module that touches files or PyYAML.

YAML is read at ``safe_load`` level, but stricter: duplicate keys are errors,
only ``true``/``false`` are booleans (``yes``/``no`` are answers here), dates
stay strings, aliases may not expand into huge documents, and every value
keeps the line and column it came from so that problems found later by the
engine can be reported as ``file:line:col``.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any, Iterable

import yaml

from .answers import Answers, check_answers
from .model import Model, check_model
from .problems import Path, Problem, describe, format_path
from .text import one_line

__all__ = [
    "Document",
    "LoadError",
    "Located",
    "default_checklists",
    "load_answers",
    "load_checklists",
    "load_document",
    "parse_document",
]

MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 2_000_000


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


class _Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """Safe loader with YAML 1.2 booleans and no timestamps."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


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


def parse_document(text: str | bytes, name: str, lenient: bool = False) -> Document:
    """Parse YAML (or JSON, a subset of YAML 1.2) text into a :class:`Document`.

    Raises :class:`LoadError` with located problems for anything unusable.  With
    ``lenient``, problems that leave usable data (a duplicate key: the first
    value is kept) are returned in ``Document.problems`` instead, so callers can
    report them together with everything the validator finds.
    """
    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:
            raise LoadError([Located(name, 0, 0, f"file is too large ({len(text):,} bytes; "
                                                  f"the limit is {MAX_BYTES:,})")])
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            before = text[: exc.start]
            line = before.count(b"\n") + 1
            col = exc.start - (before.rfind(b"\n") + 1) + 1
            raise LoadError([Located(name, line, col, f"expected UTF-8 text, got the byte "
                                                      f"0x{text[exc.start]:02x}")]) from None
    if len(text) > MAX_BYTES:
        raise LoadError([Located(name, 0, 0, f"file is too large ({len(text):,} characters; "
                                              f"the limit is {MAX_BYTES:,})")])
    syntax = "JSON" if name.lower().endswith(".json") else "YAML"
    loader = None
    try:
        # Inside the try: the pure-Python reader (the browser's) checks every character as it is built.
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            return Document(name, None, {(): (1, 1)})
        if _expanded_size(node) > MAX_NODES:
            raise _TooBig()
        builder = _Builder(loader, name)
        data = builder.build(node, ())
    except yaml.reader.ReaderError:
        raise LoadError([_unprintable(text, name)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or f"invalid {syntax}"
        if exc.context and exc.problem:
            problem = f"{problem} ({exc.context})"
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "nesting depth" in problem:
            # libyaml >= 0.2.5 (PyYAML 6.0.4 wheels) stops at 1,000 levels itself; say it as we do
            # when Python's recursion limit stops the pure-Python reader (in the browser).
            raise LoadError([Located(name, line, col, "document is nested too deeply")]) from None
        raise LoadError([Located(name, line, col, f"invalid {syntax}: {problem}")]) from None
    except yaml.YAMLError as exc:
        raise LoadError([Located(name, 1, 1, f"invalid {syntax}: {exc}")]) from None
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


#: What a path that is not a regular file turned out to be, for "expected a regular file, got ...".
_SPECIAL = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
            (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _not_regular(mode: int) -> str | None:
    """Why a file of this mode cannot be read as a document (``None``: it is a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "expected a file, got a directory"
    kind = next((what for test, what in _SPECIAL if test(mode)), "a special file")
    return f"expected a regular file, got {kind}"


def _read_file(path: str | os.PathLike[str], shown: str) -> bytes:
    """Up to ``MAX_BYTES + 1`` bytes of a regular file; anything else (a FIFO, a device) is refused.

    A FIFO with no writer would block ``open`` and ``read`` forever: it is checked before it is
    opened, and opened without blocking so that one swapped in meanwhile is refused as well.
    """
    try:
        why = _not_regular(os.stat(path).st_mode)
        if why:
            raise LoadError([Located(shown, 0, 0, why)])
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise LoadError([Located(shown, 0, 0, "no such file")]) from None
    except IsADirectoryError:
        raise LoadError([Located(shown, 0, 0, "expected a file, got a directory")]) from None
    except OSError as exc:
        raise LoadError([Located(shown, 0, 0, f"cannot read: {exc.strerror}")]) from None
    with os.fdopen(fd, "rb") as handle:
        why = _not_regular(os.fstat(handle.fileno()).st_mode)
        if why:
            raise LoadError([Located(shown, 0, 0, why)])
        try:
            return handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise LoadError([Located(shown, 0, 0, f"cannot read: {exc.strerror}")]) from None


#: The path that means standard input (``pilot2prod score -``), and the name problems show for it.
STDIN, STDIN_NAME = "-", "<stdin>"


def load_document(path: str | os.PathLike[str], name: str | None = None, lenient: bool = False) -> Document:
    """Read and parse one file; problems are reported against ``name`` (default: the path).

    The file must be a regular file; ``-`` reads standard input instead.
    """
    if os.fspath(path) == STDIN:
        shown = name or STDIN_NAME
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise LoadError([Located(shown, 0, 0, "cannot read: there is no standard input")])
        try:
            raw = stream.read(MAX_BYTES + 1)
        except OSError as exc:
            raise LoadError([Located(shown, 0, 0, f"cannot read: {exc.strerror}")]) from None
    else:
        shown = name or str(path)
        raw = _read_file(path, shown)
    if len(raw) > MAX_BYTES:
        raise LoadError([Located(shown, 0, 0, f"file is too large (over {MAX_BYTES:,} bytes)")])
    return parse_document(raw, shown, lenient)


def default_checklists() -> FsPath:
    """``$PILOT2PROD_CHECKLISTS``, else ``./checklists``, else the bundled set.

    The bundled set is ``scoring/checklists`` in an installed package, or the
    repository's ``checklists/`` when running from a source checkout.
    """
    env = os.environ.get("PILOT2PROD_CHECKLISTS")
    if env:
        return FsPath(env)
    local = FsPath("checklists")
    if (local / "scoring.yml").is_file():
        return local
    here = FsPath(__file__).resolve().parent
    installed = here / "checklists"
    if (installed / "scoring.yml").is_file():
        return installed
    return here.parent / "checklists"


@dataclass
class Checklists:
    model: Model
    #: The documents read: ``"config"``, each dimension id, and ``"registry"`` when there is one.
    documents: dict[str, Document]


def _shown(directory: FsPath, name: str) -> str:
    path = directory / name
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


#: The files in a checklists directory that are not dimensions: frameworks.yml holds the
#: standards items may be mapped to (see checklists/README.md).
NOT_DIMENSIONS = ("scoring.yml", "ids.yml", "frameworks.yml")


def read_checklists(directory: str | os.PathLike[str]
                    ) -> tuple[Document | None, dict[str, Document], Document | None, list[Located]]:
    """Read scoring.yml, every dimension file and ids.yml.

    Returns the documents and the problems of the files that could not be read; an
    unreadable dimension file is kept as a :class:`Document` whose ``data`` is ``None``
    and whose ``positions`` are empty, so that the rest can still be checked.
    """
    directory = FsPath(directory)
    if not directory.is_dir():
        what = "a directory, got a file" if directory.exists() else "a checklists directory, got no such directory"
        raise LoadError([Located(str(directory), 0, 0, f"expected {what}")])
    problems: list[Located] = []
    config: Document | None = None
    try:
        config = load_document(directory / "scoring.yml", _shown(directory, "scoring.yml"), lenient=True)
        problems.extend(config.problems)
    except LoadError as exc:
        problems.extend(exc.problems)
    listed: list[str] = []
    if config is not None and isinstance(config.data, dict) and isinstance(config.data.get("dimensions"), list):
        listed = [d for d in config.data["dimensions"] if isinstance(d, str)]
    names = {d.lower() + ".yml": d for d in listed}
    for extra in sorted(p.name for p in directory.glob("*.yml")):
        if extra not in names and extra not in NOT_DIMENSIONS:
            names[extra] = extra[:-4].upper()
    dims: dict[str, Document] = {}
    for file_name, dim_id in names.items():
        if not (directory / file_name).exists():
            continue  # reported by the model check against the configuration
        try:
            dims[dim_id] = load_document(directory / file_name, _shown(directory, file_name), lenient=True)
            problems.extend(dims[dim_id].problems)
        except LoadError as exc:
            problems.extend(exc.problems)
            dims[dim_id] = Document(_shown(directory, file_name), None, {})
    registry: Document | None = None
    if (directory / "ids.yml").exists():
        try:
            registry = load_document(directory / "ids.yml", _shown(directory, "ids.yml"), lenient=True)
            problems.extend(registry.problems)
        except LoadError as exc:
            problems.extend(exc.problems)
    return config, dims, registry, problems


def load_checklists(directory: str | os.PathLike[str]) -> Checklists:
    """Load and check a checklists directory; raise LoadError with every located problem.

    Problems come in file order (scoring.yml, the dimensions, ids.yml), then by line.
    """
    config, dims, registry, unreadable_problems = read_checklists(directory)
    if config is None:
        raise LoadError(unreadable_problems)
    unreadable = {dim_id for dim_id, doc in dims.items() if doc.data is None and not doc.positions}
    # An unreadable file is passed as None (so it is not "missing"); its own problems are already known.
    model, problems = check_model(config.data, {k: v.data for k, v in dims.items()},
                                  registry.data if registry else None)
    problems = [p for p in problems if p.source not in unreadable]
    documents: dict[str, Document] = {"config": config, **dims}
    if registry is not None:
        documents["registry"] = registry
    if model is None or unreadable_problems:
        order = {doc.name: n for n, doc in enumerate(documents.values())}
        located = list(unreadable_problems)
        for problem in problems:
            doc = documents.get(problem.source) or config
            located.append(doc.locate(problem))
        located.sort(key=lambda p: (order.get(p.file, len(order)), p.line, p.col))
        raise LoadError(located)
    return Checklists(model, documents)


def load_answers(path: str | os.PathLike[str], model: Model) -> tuple[Answers, Document]:
    """Read an answers file (YAML or JSON) and check it against ``model``."""
    doc = load_document(path, lenient=True)
    answers, problems = check_answers(model, doc.data)
    if answers is None or doc.problems:
        located = doc.problems + [doc.locate(p) for p in problems]
        raise LoadError(sorted(located, key=lambda p: (p.line, p.col)))
    return answers, doc


def to_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)
