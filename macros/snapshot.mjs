// The site build's snapshot step (macros/assets.py runs it): a Pyodide memory snapshot with the engine
// imported and the checklists loaded, so that the worker starts from it instead of booting Python.
//
//   node macros/snapshot.mjs --engine scoring.zip --model model.json --key KEY --out snapshot.bin.gz [--pyodide DIR]
//
// Boots the vendored npm Pyodide in Node with `_makeSnapshot: true`, unpacks the engine archive
// (macros/assets.py scoring_archive()), imports every engine module and PyYAML (the unpacked files are NOT in
// the snapshot: Emscripten's file system lives in JavaScript, not in the heap, so a module imported
// lazily later would not be found), calls scoring.api.load(model), records KEY as
// __main__.__p2p_snapshot__, and writes the heap gzipped. Prints {key, bytes, gzip_bytes, heap_bytes, ms}.
// KEY (macros/assets.py snapshot_key) names the Pyodide version, the engine and the checklists: the
// worker refuses a snapshot whose recorded key is not the one its page expects.
// Exits 1 with the reason when anything fails: a site must never ship a bad snapshot.

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import zlib from "node:zlib";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ENGINE_DIR = "/home/pyodide/p2p";
// Imports every module of the engine, and PyYAML.
const PREPARE = `
import importlib, os, sys
sys.path.insert(0, ${JSON.stringify(ENGINE_DIR)})
import yaml  # PyYAML's pure-Python modules, as its __init__ imports them (yaml.cyaml needs the C part)
for name in sorted(os.listdir(os.path.join(${JSON.stringify(ENGINE_DIR)}, "scoring"))):
    if name.endswith(".py") and name != "__init__.py":
        importlib.import_module(f"scoring.{name[:-3]}")
`;

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith("--") || argv[i + 1] === undefined) throw new Error(`bad argument ${argv[i]}`);
    args[argv[i].slice(2)] = argv[i + 1];
  }
  for (const name of ["engine", "model", "key", "out"]) if (!args[name]) throw new Error(`--${name} is required`);
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const pyodideDir = path.resolve(args.pyodide || path.join(HERE, "..", "node_modules", "pyodide"));
  const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({ indexURL: pyodideDir + "/", _makeSnapshot: true, stdout: () => {} });
  // unpackArchive refuses Node's Buffer: a plain Uint8Array.
  pyodide.unpackArchive(new Uint8Array(fs.readFileSync(args.engine)), "zip", { extractDir: ENGINE_DIR });
  pyodide.runPython(PREPARE);
  // Only strings cross: Python must keep no JavaScript object, or makeMemorySnapshot() cannot serialise it.
  const api = pyodide.pyimport("scoring.api");
  const loaded = JSON.parse(api.load(fs.readFileSync(args.model, "utf-8")));
  api.destroy();
  if (!loaded.ok) throw new Error("the checklists did not load: " + JSON.stringify(loaded.problems));
  pyodide.runPython(`__p2p_snapshot__ = ${JSON.stringify(args.key)}\nimport gc\ngc.collect()`);
  const heap = pyodide._module.HEAP8.length;
  const snapshot = pyodide.makeMemorySnapshot();
  const gz = zlib.gzipSync(snapshot, { level: 9 });
  fs.writeFileSync(args.out, gz);
  console.log(JSON.stringify({ key: args.key, bytes: snapshot.length, gzip_bytes: gz.length, heap_bytes: heap,
                               ms: Math.round(performance.now() - started) }));
}

main().catch((err) => {
  console.error(`macros/snapshot.mjs: error: ${err && err.message ? err.message : err}`);
  process.exit(1);
});
