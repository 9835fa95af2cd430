// Live checklists: one assessment state shared by every page, scored by the Python engine in a module web
// worker (worker.mjs). Loaded as an ES module (mkdocs.yml: extra_javascript, type: module), once per visit:
// mkdocs-material's instant navigation swaps pages without running it again, and says so on document$.
//
// Who imports whom (each file's head says what it holds); no import goes back up this list:
//   main      -> mount (wiring, once per page swap)
//   mount     -> tools (files, links, exports, Clear all), calc (calculators), items (answers on the page),
//                results (the scorer's answer on the page), guide (the guided assessment's steps),
//                keys (answer keys), bar (the summary bar), alerts, app
//   tools     -> items, results, app;   items -> results, app;   calc -> app
//   results   -> app, bar, guide
//   app       -> client (the worker client), store (localStorage), alerts (the storage alerts' box)
//   materialise -> render;   entries -> store
//   render, codecs, store, words, keys, bar: no page module (guide: words only) (node --test covers them, and client and entries)
// The worker (worker.mjs) imports nothing of these; scorer-boot.js is a classic script in <head>.
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
