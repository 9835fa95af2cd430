// The scorer: a module web worker running Pyodide and the pure-Python engine (scoring/).
// Messages in:  {type: "init", root, settings}, {type: "score", id, answers}, {type: "call", id, fn, args}
// Messages out: {type: "ready", ms}, {type: "error", message}, {type: "result", id, ok, ...}
// Everything is loaded from the site's own origin unless the site is configured with a CDN.

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
  pyodide.unpackArchive(await engine, "zip", { extractDir: "/home/pyodide/p2p" });
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/p2p')");
  api = pyodide.pyimport("scoring.api");
  const loaded = JSON.parse(api.load(await model));
  if (!loaded.ok) {
    throw new Error("the checklists did not validate: " + loaded.problems.map((p) => p.message).join("; "));
  }
  return performance.now() - started;
}

function ok(response) {
  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
  return response;
}

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === "init") {
    if (!booting) booting = boot(msg.root, msg.settings);
    try {
      const ms = await booting;
      self.postMessage({ type: "ready", ms });
    } catch (err) {
      self.postMessage({ type: "error", message: String(err && err.message ? err.message : err) });
    }
    return;
  }
  try {
    await booting;
    let out;
    if (msg.type === "score") out = api.score(JSON.stringify(msg.answers));
    else if (msg.type === "call") out = api[msg.fn](...msg.args);
    else throw new Error(`unknown message ${msg.type}`);
    self.postMessage({ type: "result", id: msg.id, payload: JSON.parse(out) });
  } catch (err) {
    self.postMessage({ type: "result", id: msg.id, payload: { ok: false, problems: [{ message: String(err) }] } });
  }
};
