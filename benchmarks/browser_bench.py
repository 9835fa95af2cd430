"""Browser benchmark: ``python benchmarks/browser_bench.py [--runs N] [--clicks N]`` prints, from one run,
the figures issue 5 asks for. Measurements only: nothing here is asserted by the tests.

- time to Pyodide ready on a bare page (a module worker that only loads Pyodide) vs time to the
  first score on the assessment page, and their ratio (target: at most 1.10);
- median and p95 time from a click on an answer to the updated results in the DOM (target: 16 ms);
- bytes transferred by a guidance page without checklists and by a dimension page before
  interaction, with the Pyodide share of each (target: zero);
- the longest main-thread task while Pyodide loads on the assessment page (target: under 50 ms).

Builds the site into a temporary folder, serves it on 127.0.0.1 and drives Debian's Chromium,
exactly as the browser tests do; every page load uses a fresh browser context (cold cache).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, FLAGS, build_site, serve  # noqa: E402

BARE_HTML = """<!doctype html><html><head><meta charset="utf-8"><title>bare Pyodide</title></head><body>
<script type="module">
const worker = new Worker(new URL("bare-worker.mjs", import.meta.url), {type: "module"});
worker.onmessage = () => { window.__ready = performance.now(); };
worker.postMessage(new URL("../assets/pyodide/VERSION/", location.href).href);
</script></body></html>"""
BARE_WORKER = """self.onmessage = async (event) => {
  const { loadPyodide } = await import(event.data + "pyodide.mjs");
  await loadPyodide({ indexURL: event.data });
  self.postMessage("ready");
};"""

LONG_TASKS = """
window.__longtasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longtasks.push([e.startTime, e.duration]);
}).observe({type: "longtask", buffered: true});
"""

CLICKS = """async (n) => {
  const items = [...document.querySelectorAll('[data-p2p-assessment] [data-item]')];
  const values = ['yes', 'partial', 'no', 'unsure'];
  const times = [];
  for (let i = 0; i < n; i++) {
    const item = items[i % items.length];
    const input = item.querySelector(`input[value="${values[(i + 1) % values.length]}"]`);
    const done = new Promise((resolve) => document.addEventListener('p2p:result', resolve, {once: true}));
    const t0 = performance.now();
    input.click();
    await done;
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 20));
  }
  return times;
}"""


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def transferred(page_requests) -> tuple[int, int]:
    total = pyodide = 0
    for request in page_requests:
        try:
            sizes = request.sizes()
        except Exception:  # noqa: BLE001 - a request that never completed has no sizes
            continue
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        total += size
        if "/assets/pyodide/" in request.url or "/assets/pilot2prod/" in request.url or "worker.mjs" in request.url:
            pyodide += size
    return total, pyodide


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="page loads per startup figure (default 3)")
    parser.add_argument("--clicks", type=int, default=60, help="clicks for the click-to-result figure (default 60)")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        proc = build_site(site)
        if proc.returncode != 0:
            print(proc.stdout, proc.stderr, file=sys.stderr)
            return 2
        version = next((site / "assets" / "pyodide").iterdir()).name
        (site / "bench").mkdir()
        (site / "bench" / "index.html").write_text(BARE_HTML.replace("VERSION", version), encoding="utf-8")
        (site / "bench" / "bare-worker.mjs").write_text(BARE_WORKER, encoding="utf-8")
        server, url = serve(site)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)

            def fresh():
                context = browser.new_context()
                page = context.new_page()
                page.requests = []
                context.on("requestfinished", lambda request: page.requests.append(request))
                return context, page

            bare, first, longest, first_render, phases = [], [], [], [], []
            for _ in range(args.runs):
                context, page = fresh()
                page.goto(url + "bench/")
                page.wait_for_function("() => window.__ready", timeout=120_000)
                bare.append(page.evaluate("window.__ready"))
                context.close()

                context, page = fresh()
                context.add_init_script(LONG_TASKS)
                page.goto(url + "assessment/")
                page.wait_for_function("() => performance.getEntriesByName('p2p:first-result').length",
                                       timeout=120_000)
                first.append(page.evaluate("performance.getEntriesByName('p2p:first-result')[0].startTime"))
                tasks = page.evaluate("window.__longtasks")
                longest.append(max((d for _, d in tasks), default=0.0))
                renders = page.evaluate("performance.getEntriesByName('p2p:render').map(e => e.duration)")
                first_render.append(renders[0] if renders else 0.0)
                phases.append(page.evaluate("performance.getEntriesByName('p2p:scorer-ready')[0].detail.phases"))
                if _ == args.runs - 1:
                    clicks = page.evaluate(CLICKS, args.clicks)
                context.close()

            pages = {}
            for name, path in (("guidance page (why-pilots-stall/)", "why-pilots-stall/"),
                               ("guidance page (home)", ""),
                               ("dimension page before interaction (dimensions/ownership/)", "dimensions/ownership/")):
                context, page = fresh()
                page.goto(url + path, wait_until="networkidle")
                page.wait_for_timeout(500)
                pages[name] = transferred(page.requests)
                context.close()
            browser.close()
        server.shutdown()

    b, f = statistics.median(bare), statistics.median(first)
    print(f"runs: {args.runs} cold loads each; clicks: {args.clicks}")
    print(f"Pyodide ready, bare page (module worker):   median {b:7.0f} ms  ({', '.join(f'{x:.0f}' for x in bare)})")
    print(f"first score, assessment page:               median {f:7.0f} ms  ({', '.join(f'{x:.0f}' for x in first)})")
    print(f"ratio first score / bare ready:             {f / b:.3f}  (target <= 1.10)")
    print(f"click to updated results in the DOM:        median {statistics.median(clicks):.2f} ms, "
          f"p95 {percentile(clicks, 95):.2f} ms, max {max(clicks):.2f} ms  (target: median < 16 ms)")
    for name, (total, pyodide) in pages.items():
        print(f"bytes, {name}: {total:,} transferred, {pyodide:,} of them Pyodide/scorer (target 0)")
    print(f"longest main-thread task while Pyodide loads: median {statistics.median(longest):.0f} ms "
          f"({', '.join(f'{x:.0f}' for x in longest)}; 0 = none over 50 ms)")
    print(f"  of which the scorer's own main-thread work (rendering the first result): median "
          f"{statistics.median(first_render):.1f} ms  (target: none over 50 ms)")
    for key in ("pyodide", "engine", "model"):
        median = statistics.median(p[key] for p in phases)
        print(f"  worker boot, {key + ' ready':<14} median {median:6.0f} ms after the worker started")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
