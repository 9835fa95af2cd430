"""One benchmark report: ``python benchmarks/report.py [--runs N] [--json FILE]`` prints, from one run,
every figure of issue 13's table, and writes them as JSON so that two runs can be compared.

- first score on the assessment page / Pyodide ready on a bare page (a module worker that only
  loads Pyodide): the two pages are loaded alternately, each in a fresh browser context (cold HTTP
  cache), the order reversed every other round; the ratio is taken within each round;
- the longest main-thread task while the assessment page loads and scores;
- CLI ``score --format json`` / ``python -c pass``: the two commands run alternately, the ratio of
  their CPU times (user + system) and wall times taken pair by pair;
- validating a synthetic 10,000-item checklist from files (parse YAML with positions + check);
- the bytes of a cold assessment-page load, split into Pyodide, the engine and snapshot (the
  worker, the engine archive, the checklists, the snapshot) and the theme (everything else), as
  this test server sends them and as GitHub Pages would (gzip for text types; ``.zip``, ``.gz`` and
  images as they are).

Builds the site as the tests do, serves it on 127.0.0.1 and drives Debian's Chromium. Medians are
printed with their range; the machine's load average is recorded, since a shared machine slows
everything (ratios are the figures to trust). Measurements only: nothing here is asserted by the tests.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

from bench import synthetic  # noqa: E402
from browser_bench import BARE_HTML, BARE_WORKER, LONG_TASKS  # noqa: E402

from conftest import CHROMIUM, FLAGS, build_site, serve  # noqa: E402

GOALS = {"first_score_ratio": 1.0, "longest_task_ms": 50, "cli_ratio": 3.0, "validate_10k_s": 0.5}
#: Served as they are by GitHub Pages (already compressed): everything else of text types is gzipped.
NOT_GZIPPED = (".zip", ".gz", ".png", ".jpg", ".jpeg", ".webp", ".woff", ".woff2", ".ico")


def spread(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def shown(figure: dict[str, float], unit: str = "", digits: int = 0) -> str:
    return (f"{figure['median']:,.{digits}f}{unit} [{figure['min']:,.{digits}f}-{figure['max']:,.{digits}f}], "
            f"n={figure['n']:.0f}")


def _run(argv: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, the child's own) of one run of ``argv``."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)}: exit {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


def cli_figures(runs: int) -> dict[str, object]:
    """``score --format json`` against ``python -c pass``, alternately, from a folder of their own."""
    # Bytecode as an installed package has it (PYTHONDONTWRITEBYTECODE would make every run compile).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "scoring")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        answers = work / "answers.yml"
        template = subprocess.run([sys.executable, "-m", "scoring", "template", "--checklists",
                                   str(ROOT / "checklists")], cwd=work, capture_output=True, text=True, check=True)
        answers.write_text(template.stdout, encoding="utf-8")
        score = [sys.executable, "-m", "scoring", "score", str(answers), "--format", "json",
                 "--checklists", str(ROOT / "checklists")]
        base = [sys.executable, "-c", "pass"]
        _run(score, work)  # fills the validated-model cache, as any run after the first finds it
        pairs = []
        for n in range(runs * 2):
            order = (score, base) if n % 2 == 0 else (base, score)
            times = {id(argv): _run(argv, work) for argv in order}
            pairs.append((times[id(score)], times[id(base)]))
    return {
        "score_wall_s": spread([s[0] for s, _ in pairs]), "score_cpu_s": spread([s[1] for s, _ in pairs]),
        "pass_wall_s": spread([b[0] for _, b in pairs]), "pass_cpu_s": spread([b[1] for _, b in pairs]),
        "ratio_cpu": spread([s[1] / b[1] for s, b in pairs]), "ratio_wall": spread([s[0] / b[0] for s, b in pairs]),
    }


def validation_figure(runs: int) -> dict[str, float]:
    from scoring.files import load_checklists

    config, dims, _ = synthetic()
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "scoring.yml").write_text(json.dumps(config), encoding="utf-8")
        for prefix, doc in dims.items():
            # Block YAML, as checklists are written (the fast reader and the full one alike).
            lines = [f"id: {doc['id']}", f"title: {doc['title']}", f"page: {doc['page']}", "summary: s", "items:"]
            for item in doc["items"]:
                lines.append(f"  - id: {item['id']}")
                lines += [f"    {key}: {json.dumps(value)}" for key, value in item.items() if key != "id"]
            (Path(tmp) / f"{prefix.lower()}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        for _ in range(runs):
            start = time.perf_counter()
            model = load_checklists(tmp).model
            times.append(time.perf_counter() - start)
    assert len(model.items) == 10_000
    return spread(times)


def _category(url: str) -> str:
    if "/assets/pyodide/" in url:
        return "pyodide"
    if "/assets/pilot2prod/" in url or url.endswith("/worker.mjs"):
        return "engine_and_snapshot"
    return "theme"


def browser_figures(runs: int, site: Path, url: str) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    bare, first, ratios, longest, paths = [], [], [], [], []
    sizes: dict[str, list[int]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)

        def bare_ready() -> float:
            context = browser.new_context()
            page = context.new_page()
            page.goto(url + "bench/")
            page.wait_for_function("() => window.__ready", timeout=180_000)
            value = page.evaluate("window.__ready")
            context.close()
            return float(value)

        def assessment() -> float:
            context = browser.new_context()
            context.add_init_script(LONG_TASKS)
            page = context.new_page()
            finished: list = []
            context.on("requestfinished", lambda request: finished.append(request))
            page.goto(url + "assessment/")
            page.wait_for_function("() => performance.getEntriesByName('p2p:first-result').length", timeout=180_000)
            value = page.evaluate("performance.getEntriesByName('p2p:first-result')[0].startTime")
            longest.append(max((d for _, d in page.evaluate("window.__longtasks")), default=0.0))
            paths.append(page.evaluate("performance.getEntriesByName('p2p:scorer-ready')[0].detail.snapshot"))
            served = {"pyodide": 0, "engine_and_snapshot": 0, "theme": 0}
            pages_gzip = dict.fromkeys(served, 0)
            for request in finished:
                try:
                    size = request.sizes()
                except Exception:  # noqa: BLE001 - a request that never completed has no sizes
                    continue
                kind = _category(request.url)
                served[kind] += size["responseBodySize"] + size["responseHeadersSize"]
                pages_gzip[kind] += _as_github_pages(site, url, request.url, size["responseBodySize"])
            for kind in served:
                sizes.setdefault(f"{kind}_served", []).append(served[kind])
                sizes.setdefault(f"{kind}_gzip", []).append(pages_gzip[kind])
            context.close()
            return float(value)

        for n in range(runs):
            if n % 2 == 0:
                b, f = bare_ready(), assessment()
            else:
                f, b = assessment(), bare_ready()
            bare.append(b)
            first.append(f)
            ratios.append(f / b)
        browser.close()
    return {
        "bare_ready_ms": spread(bare), "first_score_ms": spread(first), "first_score_ratio": spread(ratios),
        "longest_task_ms": spread(longest), "scorer_start": paths,
        "bytes": {kind: spread([float(v) for v in values]) for kind, values in sizes.items()},
    }


def _as_github_pages(site: Path, base: str, url: str, served: int) -> int:
    """The body's bytes as GitHub Pages would send them: gzip -6 for text types, others as they are."""
    path = url[len(base):].split("?")[0].split("#")[0] if url.startswith(base) else ""
    target = site / path
    if path.endswith("/") or not path:
        target = target / "index.html"
    if not target.is_file() or target.suffix in NOT_GZIPPED:
        return served
    return len(gzip.compress(target.read_bytes(), 6))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds of each figure (default 5)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures to FILE as JSON")
    parser.add_argument("--skip-browser", action="store_true", help="only the CLI and validation figures")
    args = parser.parse_args()
    load_before = os.getloadavg()
    started = time.perf_counter()
    report: dict[str, object] = {"runs": args.runs, "goals": GOALS, "machine": {"cpus": os.cpu_count()}}

    report["cli"] = cli_figures(max(args.runs, 10))
    report["validate_10k_s"] = validation_figure(max(3, args.runs // 2))
    if not args.skip_browser:
        with tempfile.TemporaryDirectory() as tmp:
            site = Path(tmp) / "site"
            built = time.perf_counter()
            proc = build_site(site)
            if proc.returncode != 0:
                print(proc.stdout, proc.stderr, file=sys.stderr)
                return 2
            report["site_build_s"] = time.perf_counter() - built
            version = next((site / "assets" / "pyodide").iterdir()).name
            (site / "bench").mkdir()
            (site / "bench" / "index.html").write_text(BARE_HTML.replace("VERSION", version), encoding="utf-8")
            (site / "bench" / "bare-worker.mjs").write_text(BARE_WORKER, encoding="utf-8")
            server, url = serve(site)
            try:
                report["browser"] = browser_figures(args.runs, site, url)
            finally:
                server.shutdown()
    report["machine"] = {"cpus": os.cpu_count(), "load_before": load_before, "load_after": os.getloadavg(),
                         "seconds": time.perf_counter() - started}
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print_report(report)
    return 0


def row(label: str, value: str, goal: str = "") -> None:
    print(f"{label:<58}{value:<32}{goal}")


def print_report(report: dict) -> None:
    machine = report["machine"]
    print(f"{report['runs']} rounds; {machine['cpus']} CPUs; load average before {machine['load_before'][0]:.1f}, "
          f"after {machine['load_after'][0]:.1f}; {machine['seconds']:.0f} s in all")
    row("figure", "median [min-max], n", "goal")
    browser = report.get("browser")
    if browser:
        row("first score, assessment page / bare Pyodide ready", shown(browser["first_score_ratio"], digits=2),
            f"<= {GOALS['first_score_ratio']}")
        row("  first score on the assessment page (ms)", shown(browser["first_score_ms"]))
        row("  Pyodide ready on the bare page (ms)", shown(browser["bare_ready_ms"]))
        row("  how the scorer started", ", ".join(sorted({str(how) for how in browser["scorer_start"]})))
        row("longest main-thread task while Pyodide loads (ms)", shown(browser["longest_task_ms"]),
            f"<= {GOALS['longest_task_ms']}")
    cli = report["cli"]
    row("CLI score --format json / python -c pass (CPU time)", shown(cli["ratio_cpu"], digits=2),
        f"<= {GOALS['cli_ratio']}")
    row("  the same in wall time", shown(cli["ratio_wall"], digits=2))
    row("  score / python -c pass, CPU ms", f"{cli['score_cpu_s']['median'] * 1000:.0f} / "
                                             f"{cli['pass_cpu_s']['median'] * 1000:.0f}")
    row("validating a 10,000-item checklist from files (s)", shown(report["validate_10k_s"], digits=3),
        f"< {GOALS['validate_10k_s']}")
    if browser:
        row("bytes of a cold assessment-page load", "as served here", "gzipped as GitHub Pages would")
        for kind, label in (("pyodide", "Pyodide"), ("engine_and_snapshot", "engine and snapshot"), ("theme", "theme")):
            row(f"  {label}", f"{browser['bytes'][kind + '_served']['median']:,.0f}",
                f"{browser['bytes'][kind + '_gzip']['median']:,.0f}")
        row("site build (the snapshot included when not cached), s", f"{report['site_build_s']:.1f}")


if __name__ == "__main__":
    raise SystemExit(main())
