"""The engine's core imports only the standard library and never touches the file system,
so the very same modules run under Pyodide (see HOUSE_STYLE.md: dependency direction).

The edge -- the modules that may read files, arguments and the terminal -- is listed once, in
:data:`scoring.EDGE_MODULES`; the site build ships every other module to the browser. The core
may not import the edge, even lazily. One core module, the YAML reader (``parse``), may import
PyYAML; no other core module may import it when it is itself imported (``api.read`` imports it
inside the function), so ``import scoring.api`` loads neither PyYAML nor the edge.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import scoring
from scoring import EDGE_MODULES

PACKAGE = Path(__file__).parent.parent / "scoring"
#: The core modules allowed a package outside the standard library, and which: only the YAML reader.
READERS = {"parse": frozenset({"yaml"})}
CORE = sorted(p for p in PACKAGE.glob("*.py") if p.stem not in EDGE_MODULES)
FORBIDDEN_CALLS = {"open", "exec", "eval", "compile", "__import__", "input"}
FORBIDDEN_ATTRS = {  # module.function pairs that reach the file system or the outside world
    ("os", name) for name in ("open", "remove", "unlink", "listdir", "scandir", "walk", "mkdir", "makedirs",
                              "rename", "replace", "rmdir", "stat", "system", "popen", "getcwd", "chdir")
} | {("io", "open"), ("sys", "stdin"), ("sys", "stdout"), ("sys", "stderr")}
FORBIDDEN_MODULES = {"os", "pathlib", "io", "shutil", "tempfile", "glob", "subprocess", "socket", "urllib",
                     "http", "importlib", "builtins", "ctypes", "sqlite3", "pickle"}


class Import:
    """One import statement's target: ``module`` is absolute (relative imports resolved), or
    ``local`` names the module of the package it imports (``""`` for the package itself)."""

    def __init__(self, module: str, line: int, lazy: bool, local: str | None = None):
        self.module, self.line, self.lazy, self.local = module, line, lazy, local


def imports(tree: ast.Module, package: Path) -> list[Import]:
    """Every import in ``tree``, a module of ``package``; relative ones resolved to the module they name.

    An import inside a function body is ``lazy``: it runs when the function is called, not when
    the module is imported.
    """
    lazy_nodes: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            lazy_nodes.update(id(inner) for inner in ast.walk(node) if inner is not node)
    found = []
    for node in ast.walk(tree):
        lazy = id(node) in lazy_nodes
        if isinstance(node, ast.Import):
            found += [Import(alias.name, node.lineno, lazy) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(Import(node.module, node.lineno, lazy))
        elif isinstance(node, ast.ImportFrom) and node.level == 1:
            # "from .x import y" imports x; "from . import x" imports the module x, or a name of the package.
            targets = [node.module.split(".")[0]] if node.module else [
                alias.name if (package / f"{alias.name}.py").is_file() else "" for alias in node.names]
            found += [Import(f"{package.name}.{t}" if t else package.name, node.lineno, lazy, t) for t in targets]
        elif isinstance(node, ast.ImportFrom):
            found.append(Import("." * node.level + (node.module or ""), node.lineno, lazy, local=None))
    return found


def _tree(package: Path, name: str) -> ast.Module:
    return ast.parse((package / ("__init__.py" if name == "" else f"{name}.py")).read_text(encoding="utf-8"))


def outside_imports(package: Path, name: str, seen: set[str] | None = None) -> dict[str, str]:
    """What importing the module ``name`` of ``package`` imports from outside it: top-level module -> the
    module of the package whose import-time import brings it in, following the package's own imports."""
    seen = set() if seen is None else seen
    seen.add(name)
    found: dict[str, str] = {}
    for imp in imports(_tree(package, name), package):
        if imp.lazy:
            continue
        if imp.local is None and not imp.module.startswith("."):
            found.setdefault(imp.module.split(".")[0], name)
        elif imp.local is not None and imp.local not in seen:
            for top, via in outside_imports(package, imp.local, seen).items():
                found.setdefault(top, via)
        # "from . import x" in a module of the package also runs the package's __init__.
        if imp.local is not None and imp.local != "" and "" not in seen:
            for top, via in outside_imports(package, "", seen).items():
                found.setdefault(top, via)
    return found


def offences(path: Path, edges: frozenset[str] = EDGE_MODULES,
             readers: dict[str, frozenset[str]] = READERS) -> list[str]:
    """Every way the core module at ``path`` breaks the rules: the checker the tests below run."""
    package, name = path.parent, path.stem
    tree = ast.parse(path.read_text(encoding="utf-8"))
    allowed = readers.get(name, frozenset())
    out = []
    for imp in imports(tree, package):
        where = f"{path.name}:{imp.line}"
        if imp.module.startswith("."):
            out.append(f"{where}: imports {imp.module}, from outside the package")
        elif imp.local is not None:
            if imp.local in edges:
                out.append(f"{where}: imports {imp.module}, which is the edge")
            elif not imp.lazy and imp.local != name:
                for top, via in sorted(outside_imports(package, imp.local).items()):
                    if top not in sys.stdlib_module_names and top not in allowed:
                        out.append(f"{where}: imports {imp.module}, which imports {top} ({via}.py)")
        else:
            top = imp.module.split(".")[0]
            if top not in sys.stdlib_module_names and top not in allowed:
                out.append(f"{where}: imports {imp.module}, not in the standard library")
            elif top in FORBIDDEN_MODULES:
                out.append(f"{where}: imports {imp.module}, which reaches the file system")
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FORBIDDEN_CALLS:
            out.append(f"{path.name}:{node.lineno}: calls {node.func.id}()")
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and (node.value.id, node.attr) in FORBIDDEN_ATTRS):
            out.append(f"{path.name}:{node.lineno}: uses {node.value.id}.{node.attr}")
        if isinstance(node, ast.Name) and node.id == "__file__":
            out.append(f"{path.name}:{node.lineno}: uses __file__")
    return out


def test_core_modules_exist() -> None:
    names = {p.stem for p in CORE}
    assert {"model", "checker", "config", "dimension", "registry", "validation", "answers", "engine", "report",
            "template", "problems", "calc", "compare", "portfolio", "releases", "parse", "text", "fields", "schema"} <= names
    assert EDGE_MODULES <= {p.stem for p in PACKAGE.glob("*.py")}  # the list names modules that exist


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.name)
def test_core_is_pure(path: Path) -> None:
    assert offences(path) == []


def test_the_checker_catches_offenders(tmp_path: Path) -> None:
    """The checker above can fail: each rule, run on a small package of bad modules."""
    package = tmp_path / "pkg"
    package.mkdir()
    sources = {
        "__init__.py": "",
        "cli.py": "import os\n",
        "reader.py": "import yaml\n",
        "middle.py": "import json\nfrom .reader import thing\n",
        "lazy.py": "def read():\n    from .reader import thing\n    return thing\n",
        "bad.py": ("import yaml\nfrom pathlib import Path\nfrom . import cli\nfrom .middle import x\n"
                   "from ..other import y\nopen('x')\nos.listdir('.')\nprint(__file__)\n"
                   "def later():\n    from .cli import main\n"),
    }
    for name, text in sources.items():
        (package / name).write_text(text, encoding="utf-8")
    edges, readers = frozenset({"cli"}), {"reader": frozenset({"yaml"})}
    assert offences(package / "bad.py", edges, readers) == [
        "bad.py:1: imports yaml, not in the standard library",
        "bad.py:2: imports pathlib, which reaches the file system",
        "bad.py:3: imports pkg.cli, which is the edge",
        "bad.py:4: imports pkg.middle, which imports yaml (reader.py)",
        "bad.py:5: imports ..other, from outside the package",
        "bad.py:10: imports pkg.cli, which is the edge",
        "bad.py:6: calls open()",
        "bad.py:7: uses os.listdir",
        "bad.py:8: uses __file__",
    ]
    assert offences(package / "reader.py", edges, readers) == []  # the reader may import yaml ...
    assert offences(package / "lazy.py", edges, readers) == []  # ... and be imported when it is needed
    assert offences(package / "middle.py", edges, readers) == ["middle.py:2: imports pkg.reader, which imports "
                                                               "yaml (reader.py)"]


def test_importing_the_core_loads_neither_yaml_nor_the_edge() -> None:
    """``import scoring.api`` (the browser's entry point) and every other core module but the reader."""
    modules = ", ".join(f"scoring.{p.stem}" for p in CORE if p.stem not in READERS)
    code = (f"import sys, {modules}; "
            "print(sorted(m for m in ('yaml', 'scoring.parse', 'scoring.files', 'scoring.cli') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "scoring.api" in modules and out.strip() == "[]"


def test_no_engine_module_is_longer_than_400_lines() -> None:
    """One job per module (issue 11): none of scoring/ grows past 400 lines."""
    package = Path(scoring.__file__).resolve().parent
    long = {p.name: n for p in sorted(package.glob("*.py")) if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}
