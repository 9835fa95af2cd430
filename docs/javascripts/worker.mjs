// The scorer: a module web worker running Pyodide and the pure-Python engine (scoring/).
// Messages in:  {type: "init", root, settings}, {type: "call", id, fn, args}
//               ({type: "score", id, answers} is kept as a short form of call("score")).
// Messages out: {type: "ready", ms}, {type: "error", message}, {type: "result", id, payload}
// Everything is loaded from the site's own origin unless the site is configured with a CDN.
// Only JSON text crosses into Python (scoring/api.py), so no proxies leak and nothing is eval'd.

let api = null;
let booting = null;

async function boot(root, settings) {
  const started = performance.now();
  const base = new URL(settings.pyodide, root).href;
  // Fetch the engine and the checklists while Pyodide starts, so they add no time of their own.
  const engine = fetch(new URL(settings.scoring, root)).then(ok).then((r) => r.arrayBuffer());
  const model = fetch(new URL(settings.model, root)).then(ok).then((r) => r.text());
  const { loadPyodide } = await import(base + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL: base });
  phases.pyodide = performance.now() - started;
  pyodide.unpackArchive(await engine, "zip", { extractDir: "/home/pyodide/p2p" });
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/p2p')");
  api = pyodide.pyimport("scoring.api");
  phases.engine = performance.now() - started;
  const loaded = JSON.parse(api.load(await model));
  if (!loaded.ok) {
    throw new Error("the checklists did not validate: " + loaded.problems.map((p) => p.message).join("; "));
  }
  phases.model = performance.now() - started;
  return phases;
}

const phases = {};

function ok(response) {
  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
  return response;
}

const CALLABLE = new Set(["score", "check", "read", "normalise", "compare", "report", "calculate"]);

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === "init") {
    if (!booting) booting = boot(msg.root, msg.settings);
    try {
      const times = await booting;
      self.postMessage({ type: "ready", ms: times.model, phases: times });
    } catch (err) {
      self.postMessage({ type: "error", message: String(err && err.message ? err.message : err) });
    }
    return;
  }
  try {
    await booting;
    let out;
    if (msg.type === "score") out = api.score(JSON.stringify(msg.answers));
    else if (msg.type === "call" && CALLABLE.has(msg.fn)) out = api[msg.fn](...msg.args.map(String));
    else throw new Error(`unknown message ${msg.type} ${msg.fn || ""}`);
    self.postMessage({ type: "result", id: msg.id, payload: JSON.parse(out) });
  } catch (err) {
    const message = String(err && err.message ? err.message : err).trim().split("\n").pop();
    self.postMessage({ type: "result", id: msg.id, payload: { ok: false, problems: [{ message }] } });
  }
};
