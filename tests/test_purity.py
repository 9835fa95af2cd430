"""The engine's core imports only the standard library and never touches the file system,
so the very same modules run under Pyodide (see HOUSE_STYLE.md: dependency direction)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "scoring"
#: The edges: they read files and arguments. Everything else is the pure core.
EDGES = {"load.py", "cli.py", "bench.py", "__main__.py"}
CORE = sorted(p for p in PACKAGE.glob("*.py") if p.name not in EDGES)
FORBIDDEN_CALLS = {"open", "exec", "eval", "compile", "__import__", "input"}
FORBIDDEN_ATTRS = {  # module.function pairs that reach the file system or the outside world
    ("os", name) for name in ("open", "remove", "unlink", "listdir", "scandir", "walk", "mkdir", "makedirs",
                              "rename", "replace", "rmdir", "stat", "system", "popen", "getcwd", "chdir")
} | {("io", "open"), ("sys", "stdin"), ("sys", "stdout"), ("sys", "stderr")}
FORBIDDEN_MODULES = {"os", "pathlib", "io", "shutil", "tempfile", "glob", "subprocess", "socket", "urllib",
                     "http", "importlib", "builtins", "ctypes", "sqlite3", "pickle"}


def test_core_modules_exist() -> None:
    names = {p.name for p in CORE}
    assert {"model.py", "answers.py", "engine.py", "report.py", "template.py", "problems.py", "calc.py",
            "compare.py", "portfolio.py", "releases.py"} <= names


def _imports(tree: ast.AST) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module:
                found.append((node.module, node.lineno))
    return found


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.name)
def test_core_imports_only_the_standard_library(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for module, line in _imports(tree):
        top = module.split(".")[0]
        assert top in sys.stdlib_module_names, f"{path.name}:{line}: imports {module}, not in the standard library"
        assert top not in FORBIDDEN_MODULES, f"{path.name}:{line}: imports {module}, which reaches the file system"


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.name)
def test_core_does_no_file_io(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in FORBIDDEN_CALLS, f"{path.name}:{node.lineno}: calls {node.func.id}()"
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            assert (node.value.id, node.attr) not in FORBIDDEN_ATTRS, \
                f"{path.name}:{node.lineno}: uses {node.value.id}.{node.attr}"
        if isinstance(node, ast.Name):
            assert node.id != "__file__", f"{path.name}:{node.lineno}: uses __file__"


def test_the_checker_catches_offenders(tmp_path: Path) -> None:
    """The rules above can fail: a module that opens a file or imports yaml is caught."""
    bad = ast.parse("import yaml\nfrom pathlib import Path\nopen('x')\nos.listdir('.')\n")
    assert [m for m, _ in _imports(bad)] == ["yaml", "pathlib"]
    assert "yaml" not in sys.stdlib_module_names
    calls = [n.func.id for n in ast.walk(bad) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)]
    attrs = [(n.value.id, n.attr) for n in ast.walk(bad) if isinstance(n, ast.Attribute)]
    assert "open" in calls and ("os", "listdir") in attrs


def test_importing_the_core_does_not_import_yaml() -> None:
    import subprocess

    code = ("import sys, scoring, scoring.engine, scoring.calc, scoring.compare, scoring.report, scoring.template, "
            "scoring.portfolio, scoring.releases; "
            "print('yaml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
