"""Shared fixtures: the built site, a local server for it, and real Chromium.

The site is built once per test session with ``mkdocs build --strict`` into a
temporary folder and served on 127.0.0.1 by a ThreadingHTTPServer with the
MIME types Pyodide needs. Browser tests drive Debian's Chromium through
Playwright; they fail (not skip) when it is missing, so CI cannot pass
without running them.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("P2P_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


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
