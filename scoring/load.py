"""Reading YAML and JSON files: the package's edge, the only module that touches files or PyYAML.

YAML is read at ``safe_load`` level, but stricter: duplicate keys are errors,
only ``true``/``false`` are booleans (``yes``/``no`` are answers here), dates
stay strings, aliases may not expand into huge documents, and every value
keeps the line and column it came from so that problems found later by the
engine can be reported as ``file:line:col``.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any, Iterable

import yaml

from .answers import Answers, check_answers
from .model import Model, check_model
from .problems import Path, Problem, format_path

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
    """A problem with its file position: ``file:line:col: error: path: message``."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}" if self.line else self.file
        return f"{where}: error: {self.message}"


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

    def locate(self, problem: Problem) -> Located:
        """Map a problem's data path to the nearest known position."""
        path = tuple(problem.path)
        while path not in self.positions and path:
            path = path[:-1]
        line, col = self.positions.get(path, (1, 1))
        return Located(self.name, line, col, str(problem))


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
        value = self.loader.construct_object(node, deep=True)
        if isinstance(value, float) and value != value:  # .nan is never a useful value here
            return "nan"
        if isinstance(value, bytes):
            return value.decode("latin-1")
        return value

    def _at(self, node: yaml.Node, message: str) -> Located:
        return Located(self.name, node.start_mark.line + 1, node.start_mark.column + 1, message)


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
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Document(name, None, {(): (1, 1)})
        if _expanded_size(node) > MAX_NODES:
            raise _TooBig()
        builder = _Builder(loader, name)
        data = builder.build(node, ())
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
        loader.dispose()
    if builder.problems and not lenient:
        raise LoadError(builder.problems)
    return Document(name, data, builder.positions, list(builder.problems))


def load_document(path: str | os.PathLike[str], name: str | None = None, lenient: bool = False) -> Document:
    """Read and parse one file; problems are reported against ``name`` (default: the path)."""
    shown = name or str(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise LoadError([Located(shown, 0, 0, "no such file")]) from None
    except IsADirectoryError:
        raise LoadError([Located(shown, 0, 0, "expected a file, got a directory")]) from None
    except OSError as exc:
        raise LoadError([Located(shown, 0, 0, f"cannot read: {exc.strerror}")]) from None
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
        if not (directory / file_name).is_file():
            continue  # reported by the model check against the configuration
        try:
            dims[dim_id] = load_document(directory / file_name, _shown(directory, file_name), lenient=True)
            problems.extend(dims[dim_id].problems)
        except LoadError as exc:
            problems.extend(exc.problems)
            dims[dim_id] = Document(_shown(directory, file_name), None, {})
    registry: Document | None = None
    if (directory / "ids.yml").is_file():
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
