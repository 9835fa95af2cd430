// Starts the scorer's worker while the assessment page is still being parsed, so that Pyodide
// loads in parallel with the page instead of after it. Included (blocking, tiny, in <head>) only on pages
// whose front matter says `p2p_scorer: eager`; client.js adopts the worker and the messages it sent
// meanwhile. Without this file everything still works, only later. A classic script, not a module: modules
// run only after the page is parsed, which is what this file exists to avoid.
(function () {
  "use strict";
  const tag = document.getElementById("p2p-settings");
  if (!tag || window.__p2pEarly) return;
  const root = new URL("../", document.currentScript.src);
  let worker;
  try {
    worker = new Worker(new URL("javascripts/worker.mjs", root), { type: "module" });
  } catch (err) {
    return; // client.js will try again and report the failure
  }
  const early = { worker, messages: [], taken: false };
  worker.addEventListener("message", (event) => {
    if (!early.taken) early.messages.push(event.data);
  });
  worker.addEventListener("error", (event) => {
    if (!early.taken) early.messages.push(event.message ? { type: "error", message: event.message } : { type: "error", key: "boot.stopped" });
  });
  worker.postMessage({ type: "init", root: root.href, settings: JSON.parse(tag.textContent) });
  window.__p2pEarly = early;
})();
