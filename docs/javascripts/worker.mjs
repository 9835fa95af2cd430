// The scorer: a module web worker running Pyodide and the pure-Python engine (scoring/).
// Messages in:  {type: "init", root, settings}, {type: "call", id, fn, args}
//               ({type: "score", id, answers} is kept as a short form of call("score")).
// Messages out: {type: "ready", ms}, {type: "error", message}, {type: "result", id, payload}
// Everything is loaded from the site's own origin unless the site is configured with a CDN.
// Only text and a file's bytes cross into Python (scoring/api.py): strings as they are, a Uint8Array
// as a memoryview that is released after the call. No proxies leak and nothing is eval'd.

// Why the scorer cannot start, when this file knows better than the error it caught.
const MESSAGES = {
  noWasm: "this browser does not run WebAssembly",
  cspWasm: "this site's Content-Security-Policy does not let it run WebAssembly (script-src needs 'wasm-unsafe-eval')",
  wasmRefused: (err) => "this browser refused to compile WebAssembly: " + firstLine(err),
};

let pyodide = null;
let api = null;
let booting = null;

function firstLine(err) {
  return String(err && err.message ? err.message : err).trim().split("\n")[0];
}

// Pyodide's loader logs a refused WebAssembly compile and then never settles (a header
// Content-Security-Policy without 'wasm-unsafe-eval' does that): try the smallest module first.
async function checkWasm() {
  if (typeof WebAssembly !== "object") throw new Error(MESSAGES.noWasm);
  try {
    await WebAssembly.compile(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
  } catch (err) {
    // Chromium says "Content Security policy", Firefox "blocked by CSP", Safari "'unsafe-eval' or 'wasm-unsafe-eval'".
    const csp = /Content.Security|\bCSP\b|unsafe-eval/i.test(firstLine(err));
    throw new Error(csp ? MESSAGES.cspWasm : MESSAGES.wasmRefused(err));
  }
}

async function boot(root, settings) {
  const started = performance.now();
  await checkWasm();
  const base = new URL(settings.pyodide, root).href;
  // Fetch the engine and the checklists while Pyodide starts, so they add no time of their own.
  const engine = fetch(new URL(settings.scoring, root)).then(ok).then((r) => r.arrayBuffer());
  const model = fetch(new URL(settings.model, root)).then(ok).then((r) => r.text());
  const { loadPyodide } = await import(base + "pyodide.mjs");
  pyodide = await loadPyodide({ indexURL: base });
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

const CALLABLE = new Set(["score", "check", "read", "restore", "compare", "report", "calculate"]);

function callApi(fn, args) {
  const converted = args.map((arg) => (arg instanceof Uint8Array ? pyodide.toPy(arg) : String(arg)));
  try {
    return api[fn](...converted);
  } finally {
    for (const arg of converted) if (typeof arg !== "string") arg.destroy();
  }
}

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
    else if (msg.type === "call" && CALLABLE.has(msg.fn)) out = callApi(msg.fn, msg.args);
    else throw new Error(`unknown message ${msg.type} ${msg.fn || ""}`);
    self.postMessage({ type: "result", id: msg.id, payload: JSON.parse(out) });
  } catch (err) {
    const message = String(err && err.message ? err.message : err).trim().split("\n").pop();
    self.postMessage({ type: "result", id: msg.id, payload: { ok: false, problems: [{ message }] } });
  }
};
