// The scorer: a module web worker running Pyodide and the pure-Python engine (scoring/).
// Everything is loaded from the site's own origin unless the site is configured with a CDN.
// Only text and a file's bytes cross into Python (scoring/api.py): strings as they are, a Uint8Array as a
// memoryview that is released after the call. No proxies leak and nothing is eval'd.
// This file writes no sentence: a failure it can name is posted as a key of the page's catalogue
// (scoring/words.py) with its parameters; any other is the message of the error caught.

/**
 * Messages in.
 * @typedef {{type: "init", root: string, settings: Record<string, unknown>}} InitMessage
 * @typedef {{type: "call", id: number, fn: string, args: (string | Uint8Array)[]}} CallMessage
 * Messages out.
 * @typedef {{type: "ready", ms: number, phases: Record<string, number>, snapshot: string}} ReadyMessage
 *   snapshot: "used", or why the worker booted Pyodide instead ("none" when the site has no snapshot)
 * @typedef {{type: "error", key: string, params?: Record<string, string | number>} | {type: "error", message: string}} ErrorMessage
 * @typedef {{type: "result", id: number, payload: {ok: boolean, [key: string]: unknown}}} ResultMessage
 */

/** The settings the worker cannot start without (macros/assets.py writes them). */
const REQUIRED = ["pyodide", "scoring", "model"];
/** The functions of scoring/api.py the page may call. */
const CALLABLE = new Set(["score", "check", "read", "restore", "compare", "export", "report", "calculate", "message"]);

/** A failure the page words from its catalogue. */
class Failure extends Error {
  constructor(key, params = {}) {
    super(key);
    this.key = key;
    this.params = params;
  }
}

let pyodide = null;
let api = null;
let booting = null;
const phases = {};
/** The snapshot to fetch into the HTTP cache once the scorer is ready (the "cached" policy's first visit). */
let nextVisit = null;

function firstLine(err) {
  return String(err && err.message ? err.message : err).trim().split("\n")[0];
}

// Pyodide's loader logs a refused WebAssembly compile and then never settles (a header
// Content-Security-Policy without 'wasm-unsafe-eval' does that): try the smallest module first.
async function checkWasm() {
  if (typeof WebAssembly !== "object") throw new Failure("boot.no_wasm");
  try {
    await WebAssembly.compile(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
  } catch (err) {
    // Chromium says "Content Security policy", Firefox "blocked by CSP", Safari "'unsafe-eval' or 'wasm-unsafe-eval'".
    const csp = /Content.Security|\bCSP\b|unsafe-eval/i.test(firstLine(err));
    throw csp ? new Failure("boot.csp_wasm") : new Failure("boot.wasm_refused", { reason: firstLine(err) });
  }
}

function ok(response) {
  if (!response.ok) throw new Failure("boot.http", { url: response.url, status: response.status });
  return response;
}

function checkSettings(root, settings) {
  if (typeof root !== "string" || !root) throw new Failure("boot.no_settings", { name: "root" });
  const given = settings && typeof settings === "object" ? settings : {};
  for (const name of REQUIRED) {
    if (typeof given[name] !== "string" || !given[name]) throw new Failure("boot.no_settings", { name });
  }
}

// The snapshot's bytes: fetched and inflated as one stream (GitHub Pages serves a .gz as it is, with no
// Content-Encoding, so only the compressed bytes travel). A truncated or damaged file fails gzip's own
// check (CRC-32 and length) here. With the "cached" policy only the HTTP cache may answer.
async function inflate(url, policy) {
  let response;
  if (policy === "cached") {
    try {
      response = await fetch(url, { cache: "only-if-cached", mode: "same-origin" });
    } catch (err) {
      throw new Error(`not in the HTTP cache yet (${firstLine(err)})`);
    }
    if (response.status === 504) throw new Error("not in the HTTP cache yet (504)");
  } else {
    response = await fetch(url);
  }
  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
  try {
    return new Uint8Array(await new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
  } catch (err) {
    throw new Error(`${response.url}: not a whole gzip file (${firstLine(err)})`);
  }
}

// Pyodide started from the build's memory snapshot (macros/snapshot.mjs): the engine imported and the
// checklists loaded already. Throws, with the reason, if the snapshot is missing, damaged or not this
// site's (its recorded key must be the page's: same Pyodide, engine and checklists).
async function fromSnapshot(loadPyodide, base, root, snapshot) {
  const bytes = inflate(new URL(snapshot.url, root).href, snapshot.policy);
  bytes.catch(() => {}); // awaited by Pyodide; a failure is reported there
  // Pyodide 314 restores into its initial 30 MiB heap (pyodide/pyodide#6254): create the module
  // ourselves and grow its memory to the snapshot's size first, so that larger checklists fit.
  const { default: create } = await import(base + "pyodide.asm.mjs");
  const createPyodideModule = async (options) => {
    const module = await create(options);
    const size = (await bytes).length;
    if (module.HEAP8.length < size) module.growMemory(size);
    return module;
  };
  const started = await loadPyodide({ indexURL: base, _loadSnapshot: bytes, createPyodideModule });
  // Pyodide keeps its options for good: drop the inflated snapshot (31 MB) from them.
  if (started._api && started._api.config) delete started._api.config._loadSnapshot;
  const key = started.globals.get("__p2p_snapshot__");
  if (key !== snapshot.key) {
    throw new Error(`the snapshot holds ${key === undefined ? "no key" : "key " + String(key).slice(0, 12)}, `
                    + `this page expects ${snapshot.key.slice(0, 12)}`);
  }
  return started;
}

async function boot(root, settings) {
  const started = performance.now();
  checkSettings(root, settings);
  await checkWasm();
  const base = new URL(settings.pyodide, root).href;
  const { loadPyodide } = await import(base + "pyodide.mjs");
  const snapshot = settings.snapshot;
  phases.snapshot = "none";
  if (snapshot && typeof snapshot === "object") {
    try {
      pyodide = await fromSnapshot(loadPyodide, base, root, snapshot);
      api = pyodide.pyimport("scoring.api");
      phases.snapshot = "used";
      phases.pyodide = phases.engine = phases.model = performance.now() - started;
      return phases;
    } catch (err) {
      phases.snapshot = firstLine(err);
      console.warn(`scorer: starting without the snapshot: ${phases.snapshot}`);
      pyodide = null;
      if (snapshot.policy === "cached" && phases.snapshot.startsWith("not in the HTTP cache")) {
        nextVisit = new URL(snapshot.url, root).href;
      }
    }
  }
  // Fetch the engine and the checklists while Pyodide starts, so they add no time of their own.
  const engine = fetch(new URL(settings.scoring, root)).then(ok).then((r) => r.arrayBuffer());
  const model = fetch(new URL(settings.model, root)).then(ok).then((r) => r.text());
  engine.catch(() => {}); // awaited below; a failure there is reported there
  model.catch(() => {});
  pyodide = await loadPyodide({ indexURL: base });
  phases.pyodide = performance.now() - started;
  pyodide.unpackArchive(await engine, "zip", { extractDir: "/home/pyodide/p2p" });
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/p2p')");
  api = pyodide.pyimport("scoring.api");
  phases.engine = performance.now() - started;
  const loaded = JSON.parse(api.load(await model));
  if (!loaded.ok) {
    throw new Failure("boot.checklists", { reason: loaded.problems.map((p) => p.message).join("; ") });
  }
  phases.model = performance.now() - started;
  return phases;
}

function callApi(fn, args) {
  const converted = args.map((arg) => (arg instanceof Uint8Array ? pyodide.toPy(arg) : String(arg)));
  try {
    return api[fn](...converted);
  } finally {
    for (const arg of converted) if (typeof arg !== "string") arg.destroy();
  }
}

/** @param {unknown} err */
function failure(err) {
  if (err instanceof Failure) return { type: "error", key: err.key, params: err.params };
  return { type: "error", message: String(err && err.message ? err.message : err) };
}

self.onmessage = async (event) => {
  /** @type {InitMessage | CallMessage} */
  const msg = event.data;
  if (msg.type === "init") {
    if (!booting) booting = boot(msg.root, msg.settings);
    try {
      const times = await booting;
      const { snapshot, ...numbers } = times;
      self.postMessage({ type: "ready", ms: times.model, phases: numbers, snapshot });
      if (nextVisit && !(self.navigator.connection && self.navigator.connection.saveData)) {
        const url = nextVisit;
        nextVisit = null;
        fetch(url, { priority: "low" }).then((r) => r.arrayBuffer()).catch(() => {});
      }
    } catch (err) {
      self.postMessage(failure(err));
    }
    return;
  }
  try {
    await booting;
    if (msg.type !== "call" || !CALLABLE.has(msg.fn) || typeof api[msg.fn] !== "function") {
      throw new Error(`unknown message ${msg.type} ${msg.fn || ""}`);
    }
    const out = callApi(msg.fn, msg.args);
    self.postMessage({ type: "result", id: msg.id, payload: JSON.parse(out) });
  } catch (err) {
    const message = String(err && err.message ? err.message : err).trim().split("\n").pop();
    self.postMessage({ type: "result", id: msg.id, payload: { ok: false, problems: [{ source: "", path: "", message }] } });
  }
};
