"""Shared fixtures: the CLI, the built site, a local server for it, and real Chromium.

The CLI runs in this process (the ``cli`` fixture) or in a process of its own (:func:`run_cli`),
the one way each, for every test module. The site is built once per test session with
``mkdocs build --strict`` into a temporary folder and served on 127.0.0.1 by a
ThreadingHTTPServer with the MIME types Pyodide needs. Browser tests drive Debian's
Chromium through Playwright; they fail (not skip) when it is missing, so CI cannot pass
without running them. Helpers that several browser test modules use live in
``browser_helpers.py``, so that no test module imports another.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from scoring.cli import main

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("P2P_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


#: What the ``cli`` fixture returns: the exit code, standard output and standard error.
CliRun = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli_cwd(tmp_path: Path) -> Path:
    """The working folder of the ``cli`` fixture: a fresh temporary folder. A test module that reads
    files by relative paths overrides this fixture with its own."""
    return tmp_path


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], cli_cwd: Path) -> CliRun:
    """``pilot2prod ARGS`` in this process: ``cli(*args, cwd=None)`` returns ``(exit code, stdout, stderr)``.

    It runs in ``cli_cwd`` (or ``cwd``), with ``$PILOT2PROD_CHECKLISTS`` unset; an argparse exit
    (a usage error, ``--version``) is returned as its exit code, as the shell would see it.
    """
    monkeypatch.chdir(cli_cwd)
    monkeypatch.delenv("PILOT2PROD_CHECKLISTS", raising=False)

    def run(*argv: str, cwd: Path | None = None) -> tuple[int, str, str]:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        try:
            code = main(list(argv))
        except SystemExit as exc:  # as the shell sees it: None is 0, a message 1
            code = 0 if exc.code is None else exc.code if isinstance(exc.code, int) else 1
        out, err = capsys.readouterr()
        return code, out, err
    return run


def run_cli(*args: str, cwd: Path | str = ROOT, input: str | None = None, timeout: float = 120,
            **env: str) -> subprocess.CompletedProcess[str]:
    """``python -m scoring ARGS`` in a process of its own, as a reader runs it, with this checkout's engine.

    ``$PILOT2PROD_CHECKLISTS`` is unset and ``env`` added; standard input is empty unless ``input``
    is given (nothing waits for a terminal); output is read as UTF-8. A hang fails the test after
    ``timeout`` seconds.
    """
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    environ.pop("PILOT2PROD_CHECKLISTS", None)
    return subprocess.run([sys.executable, "-m", "scoring", *args], cwd=cwd, env=environ, capture_output=True,
                          input=input, stdin=None if input is not None else subprocess.DEVNULL, text=True,
                          encoding="utf-8", errors="replace", timeout=timeout, check=False)


def build_site(destination: Path, project: Path = ROOT, site_url: str | None = None
               ) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` for ``project`` into ``destination``.

    ``site_url`` is where the site will be served: mkdocs-material's instant
    navigation only intercepts links whose origin matches the sitemap's.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    # No -q: MkDocs 1.6 counts strict-mode warnings with a logging handler, and -q raises the
    # log level above WARNING, so `--strict -q` passes a build full of warnings.
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
         "-f", str(project / "mkdocs.yml"), "-d", str(destination)],
        cwd=project, capture_output=True, text=True, env=env, check=False,
    )


@pytest.fixture(scope="session")
def _site_server(tmp_path_factory: pytest.TempPathFactory):
    """A server bound before the build, so the site is built for its exact address."""
    destination = tmp_path_factory.mktemp("site") / "site"
    handler = functools.partial(SiteHandler, directory=str(destination))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    yield destination, f"http://{host}:{port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def site_build(_site_server) -> tuple[Path, subprocess.CompletedProcess[str]]:
    destination, url = _site_server
    return destination, build_site(destination, site_url=url)


@pytest.fixture(scope="session")
def site_dir(site_build: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    destination, proc = site_build
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}")
    return destination


class SiteHandler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".zip": "application/zip",
    }

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


class _HeaderHandler(SiteHandler):
    headers_to_send: dict[str, str] = {}

    def end_headers(self) -> None:
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        super().end_headers()


def serve(directory: Path, prefix: str = "", headers: dict[str, str] | None = None
          ) -> tuple[ThreadingHTTPServer, str]:
    """Serve ``directory`` on 127.0.0.1 (under the URL path ``prefix`` if given) in a daemon thread,
    sending ``headers`` (such as a Content-Security-Policy) with every response."""
    if prefix:
        root = directory.parent / f"served-{prefix.strip('/').replace('/', '-')}"
        if root.exists():
            shutil.rmtree(root)
        (root / prefix.strip("/")).parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(directory, root / prefix.strip("/"))
        directory = root
    handler_class = type("Handler", (_HeaderHandler,), {"headers_to_send": dict(headers or {})})
    handler = functools.partial(handler_class, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}/" + (prefix.strip("/") + "/" if prefix else "")


@pytest.fixture(scope="session")
def site_url(site_dir: Path, _site_server) -> str:
    return _site_server[1]


@pytest.fixture(scope="module")
def csp_site(site_dir: Path) -> Iterator[tuple[str, str]]:
    """The built site served with its own Content-Security-Policy as an HTTP header too (which, unlike the
    pages' ``<meta>`` tag, also governs the worker): ``(url, policy)``."""
    from browser_helpers import site_policy

    policy = site_policy(site_dir) + "; frame-ancestors 'none'"
    server, url = serve(site_dir, headers={"Content-Security-Policy": policy})
    yield url, policy
    server.shutdown()


@pytest.fixture(scope="session")
def pages_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The site as the GitHub Pages workflow builds it, served under ``/pilot2prod/``: ``(site folder, URL)``."""
    import hosting_helpers

    server, site, url = hosting_helpers.pages_site(tmp_path_factory.mktemp("pages"))
    yield site, url
    server.shutdown()


@pytest.fixture(scope="session")
def custom(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A fork of the project with a dimension added, an item retired, a weight changed and its own branding."""
    import hosting_helpers

    return hosting_helpers.custom(tmp_path_factory.mktemp("custom"))


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


class Requests:
    """Every URL the page and its workers asked for."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def __call__(self, request) -> None:  # noqa: ANN001 - Playwright's Request
        self.urls.append(request.url)

    def foreign(self, origin: str) -> list[str]:
        return [u for u in self.urls if not u.startswith(origin) and not u.startswith(("data:", "blob:"))]


@pytest.fixture()
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.requests = Requests()
    context.on("request", page.requests)
    yield page
    context.close()


#: What ``make setup`` and ``make build`` create: never part of a clone.
SETUP_OUTPUTS = frozenset({".venv", "node_modules", "site"})


def clean_clone(destination: Path) -> Path:
    """What a reader's ``git clone`` holds, made from this working tree so that uncommitted edits count.

    The files git tracks or would track (not ignored), as they are on disk, committed to a new
    repository at ``destination`` on branch ``main``. No .venv, node_modules or site/.
    """
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, listed):
        if name.split("/")[0] in SETUP_OUTPUTS:  # a symlinked .venv or node_modules is not ignored by `/.venv/`
            continue
        source = ROOT / name
        if source.is_file() or source.is_symlink():  # a tracked file deleted in the working tree is left out
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name, follow_symlinks=False)
    git = ["git", "-c", "user.name=pilot2prod tests", "-c", "user.email=tests@pilot2prod.invalid",
           "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "clean clone of the working tree"]):
        subprocess.run([*git, *args], cwd=destination, check=True, capture_output=True)
    return destination
