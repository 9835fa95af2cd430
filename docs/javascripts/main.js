// Live checklists: one assessment state shared by every page, scored by the Python engine in a module web
// worker (worker.mjs). Loaded as an ES module (mkdocs.yml: extra_javascript, type: module), once per visit:
// mkdocs-material's instant navigation swaps pages without running it again, and says so on document$.
//
// Who imports whom (each file's head says what it holds):
//   main -> mount -> {tools, calc, items, results, alerts} -> app -> {client, store, alerts, words}
//   render, codecs, entries, store and words import nothing of the page's (they are tested in node).
// Every text from the checklists, the engine, an imported file or a share link is inserted as text (or as
// an input's value), never as HTML; the engine's SVG chart goes through an allow-list first.

import { mount, once } from "./mount.js";

once();
if (typeof document$ !== "undefined" && document$.subscribe) {
  document$.subscribe(mount);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mount);
} else {
  mount();
}
