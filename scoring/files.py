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
from typing import Any

from .answers import Answers, check_answers
from .frameworks import UNREADABLE
from .model import Model
from .parse import MAX_BYTES, Document, LoadError, Located, parse_document

__all__ = [
    "Checklists",
    "NOT_DIMENSIONS",
    "STDIN",
    "STDIN_NAME",
    "default_checklists",
    "load_answers",
    "load_checklists",
    "load_document",
    "load_model",
    "model_cache",
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
    from .validation import check_model  # not needed when the model comes from the cache (load_model)

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


# --------------------------------------------------------------------------
# The validated-model cache: what ``score``, ``compare``, ``portfolio`` and ``template`` start from

#: The cache entries' format; a new one makes every older entry a miss.
_CACHE_FORMAT = b"pilot2prod model cache 1\n"


def model_cache() -> str | None:
    """The folder of the validated-model cache, or ``None`` when it is off.

    ``$PILOT2PROD_CACHE`` names it (``off`` turns the cache off); otherwise it is ``pilot2prod`` in
    ``$XDG_CACHE_HOME``, ``%LOCALAPPDATA%`` on Windows, or ``~/.cache``.
    """
    env = os.environ.get("PILOT2PROD_CACHE")
    if env is not None:
        return None if env.strip().lower() in ("", "0", "off", "no", "false") else env
    base = os.environ.get("XDG_CACHE_HOME") or (os.environ.get("LOCALAPPDATA") if os.name == "nt" else None)
    return os.path.join(base or os.path.join(os.path.expanduser("~"), ".cache"), "pilot2prod")


def _sha256(data: bytes) -> Any:
    """A SHA-256 hash object from CPython's own implementation, so as not to load OpenSSL: importing
    :mod:`hashlib` links it, which costs more than the rest of a cached start-up."""
    try:
        from _sha2 import sha256  # type: ignore[import-not-found,unused-ignore]  # CPython 3.12+
    except ImportError:
        try:
            from _sha256 import sha256  # type: ignore[import-not-found,no-redef,unused-ignore]  # CPython 3.11
        except ImportError:
            from hashlib import sha256  # type: ignore[assignment,unused-ignore]
    return sha256(data)


def _inputs_hash(directory: str) -> str | None:
    """SHA-256 of what a model is made from: every ``*.yml`` file of the checklists folder (their
    bytes), the engine's source files (their names, sizes and modification times) and the Python
    version. ``None`` when a file cannot be read: then there is no cache, and :func:`load_checklists`
    reports the file."""
    digest = _sha256(_CACHE_FORMAT)
    digest.update(f"{sys.implementation.cache_tag} {sys.version}\n".encode())
    engine = os.path.dirname(os.path.abspath(__file__))
    try:
        for name in sorted(os.listdir(engine)):
            if name.endswith(".py"):
                info = os.stat(os.path.join(engine, name))
                digest.update(f"{name} {info.st_size} {info.st_mtime_ns}\n".encode())
        for name in sorted(os.listdir(directory)):
            if name.lower().endswith(".yml"):  # a superset of what read_checklists reads
                raw = _read_file(os.path.join(directory, name), name)
                digest.update(b"%d %s %d\n" % (len(name.encode()), name.encode(), len(raw)))
                digest.update(raw)
    except (OSError, LoadError, UnicodeError):
        return None
    return str(digest.hexdigest())


def _private(path: str) -> bool:
    """Whether only this user can write ``path`` (an entry is unpickled: nobody else may plant one)."""
    if os.name != "posix":
        return True
    info = os.stat(path)
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def load_model(directory: str | os.PathLike[str]) -> Model:
    """The checked model of a checklists folder, as :func:`load_checklists` builds it, from the cache
    when nothing it is made from has changed.

    An entry is used only when the SHA-256 of the inputs it was made from (every ``*.yml`` file of
    the folder, the engine's source files, the Python version) equals that of the inputs now, and
    the SHA-256 of its content written beside it matches: a changed, truncated or damaged entry is
    a miss. The folder and the entry must be writable by this user only (on POSIX systems), since
    an entry is unpickled. Checklists with problems are never cached, so they are reported in full
    on every run.
    There is one entry per checklists folder, and a cache that cannot be read or written is
    skipped: it never changes a result or a message. ``pilot2prod validate`` never uses it.
    """
    folder = model_cache()
    path = os.fspath(directory)
    key = _inputs_hash(path) if folder and os.path.isdir(path) else None
    if folder is None or key is None:
        return load_checklists(directory).model
    import pickle

    entry = os.path.join(folder, "model-" + _sha256(os.path.abspath(path).encode()).hexdigest()[:16] + ".pickle")
    try:
        if not (_private(folder) and _private(entry)):
            raise OSError("the cache is writable by others")
        with open(entry, "rb") as handle:
            stored_key, digest, payload = handle.read().split(b"\n", 2)
        if stored_key.decode() == key and _sha256(payload).hexdigest() == digest.decode():
            model = pickle.loads(payload)
            if isinstance(model, Model):
                return model
    except (OSError, ValueError, UnicodeError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    model = load_checklists(directory).model
    payload = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        if not _private(folder):
            return model
        partial = f"{entry}.{os.getpid()}.tmp"
        with open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as handle:
            handle.write(b"%s\n%s\n" % (key.encode(), _sha256(payload).hexdigest().encode()) + payload)
        os.replace(partial, entry)  # whole or not at all, even with two runs at once
    except OSError:
        pass
    return model
