"""``make serve`` rebuilds when a checklist changes, as someone making the playbook theirs expects.

The test runs the Makefile's own serve command (as ``make -n serve`` prints it, on a free port) in a
clean clone of the project, edits the title of the checklist in ``checklists/own.yml`` and polls the
assessment page, where it is a heading, until the new title is there. It also edits the wording the macros render and checks that shows up
too: the served pages come from the current code of ``macros/`` and ``scoring/``, not the code of the
first build.
"""

from __future__ import annotations

import html
import os
import re
import shlex
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, clean_clone

TIMEOUT = 240  # seconds for the first build, and again for each rebuild (two cores, shared)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def page_text(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, text: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + TIMEOUT
    while text not in page_text(url):
        if server.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"{text!r} never appeared on {url}; mkdocs serve said:\n{log.read_text(errors='replace')}")
        time.sleep(1)


@pytest.fixture
def served(tmp_path: Path):
    project = clean_clone(tmp_path / "project")
    (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    host = f"127.0.0.1:{free_port()}"
    # The recipe as make would run it, with this checkout's tools: `make -n` runs nothing.
    recipe = subprocess.run(["make", "-n", "serve", f"VENV={ROOT / '.venv'}", f"HOST={host}"], cwd=project,
                            capture_output=True, text=True, check=True).stdout
    (line,) = [row for row in recipe.splitlines() if " serve " in row]
    assert shlex.split(line)[1:] == [str(ROOT / ".venv" / "bin" / "mkdocs"), "serve", "--dev-addr", host]
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(["bash", "-c", line], cwd=project, stdout=out, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    try:
        yield project, f"http://{host}/", server, log
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_serve_rebuilds_on_checklist_and_macro_edits(served) -> None:
    project, url, server, log = served
    own = project / "checklists" / "own.yml"
    title = re.search(r"^title: (.+)$", own.read_text(encoding="utf-8"), re.M).group(1)
    assessment = url + "assessment/"
    wait_for(assessment, html.escape(title, quote=False), server, log)

    replace_once(own, f"\ntitle: {title}\n", "\ntitle: Who runs it, edited while serving\n")
    wait_for(assessment, "Who runs it, edited while serving", server, log)

    render = project / "macros" / "render.py"
    link = re.search(r'p2p-checklist__next"><a href="\{href\}">([^<]+)</a>', render.read_text(encoding="utf-8"))
    assert link, "the link under each checklist, rendered by macros/render.py"
    page = url + "dimensions/ownership/"
    wait_for(page, f">{link.group(1)}<", server, log)
    replace_once(render, f">{link.group(1)}<", ">The decision and the plan, edited while serving<")
    wait_for(page, ">The decision and the plan, edited while serving<", server, log)
