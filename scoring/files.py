"""The file edge: reading checklists and answers files from disk (or standard input) into checked data.

This module and :mod:`scoring.cli` are the only ones that touch the file system (they are listed in
:data:`scoring.EDGE_MODULES` and never shipped to the browser). Reading is refused for anything but a
regular file (a named pipe would block forever), at most :data:`~scoring.parse.MAX_BYTES` plus one
byte is read, and the bytes are parsed by :func:`scoring.parse.parse_document`, as the browser's are.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path as FsPath

from .answers import Answers, check_answers
from .frameworks import UNREADABLE
from .model import Model
from .parse import MAX_BYTES, Document, LoadError, Located, parse_document
from .validation import check_model

__all__ = [
    "Checklists",
    "NOT_DIMENSIONS",
    "STDIN",
    "STDIN_NAME",
    "default_checklists",
    "load_answers",
    "load_checklists",
    "load_document",
    "read_checklists",
]


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
    #: The documents read: ``"config"``, each dimension id, ``"registry"`` and ``"frameworks"`` when there are.
    documents: dict[str, Document]


def _shown(directory: FsPath, name: str) -> str:
    path = directory / name
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


#: The files in a checklists directory that are not dimensions: the scoring configuration, the id
#: registry and the frameworks items may be mapped to (see checklists/README.md).
NOT_DIMENSIONS = ("scoring.yml", "ids.yml", "frameworks.yml")


def _optional(directory: FsPath, name: str, problems: list[Located]) -> Document | None:
    """An optional file of the set (ids.yml, frameworks.yml): ``None`` when there is none; a document whose
    ``data`` is ``None`` and whose ``positions`` are empty when it cannot be read (its problems added)."""
    if not (directory / name).exists():
        return None
    try:
        document = load_document(directory / name, _shown(directory, name), lenient=True)
    except LoadError as exc:
        problems.extend(exc.problems)
        return Document(_shown(directory, name), None, {})
    problems.extend(document.problems)
    return document


def _unreadable(document: Document | None) -> bool:
    return document is not None and document.data is None and not document.positions


def read_checklists(directory: str | os.PathLike[str]) -> tuple[Document | None, dict[str, Document],
                                                                Document | None, list[Located], Document | None]:
    """Read scoring.yml, every dimension file, ids.yml and frameworks.yml.

    Returns the configuration, the dimensions, the registry, the problems of the files that could
    not be read, and the frameworks. An unreadable dimension file is kept as a :class:`Document`
    whose ``data`` is ``None`` and whose ``positions`` are empty, so that the rest can still be checked.
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
    registry = _optional(directory, "ids.yml", problems)
    frameworks = _optional(directory, "frameworks.yml", problems)
    return config, dims, registry, problems, frameworks


def load_checklists(directory: str | os.PathLike[str]) -> Checklists:
    """Load and check a checklists directory; raise LoadError with every located problem.

    Problems come in file order (scoring.yml, the dimensions, ids.yml, frameworks.yml), then by line.
    """
    config, dims, registry, unreadable_problems, frameworks = read_checklists(directory)
    if config is None:
        raise LoadError(unreadable_problems)
    unreadable = {dim_id for dim_id, doc in dims.items() if _unreadable(doc)}
    # An unreadable file is passed as None (so it is not "missing"); its own problems are already known.
    model, problems = check_model(config.data, {k: v.data for k, v in dims.items()},
                                  registry.data if registry else None,
                                  UNREADABLE if _unreadable(frameworks) else frameworks.data if frameworks else None)
    problems = [p for p in problems if p.source not in unreadable]
    documents: dict[str, Document] = {"config": config, **dims}
    if registry is not None:
        documents["registry"] = registry
    if frameworks is not None:
        documents["frameworks"] = frameworks
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
