// Mounting: on every page swap of mkdocs-material's instant navigation (document$), find the live parts
// by their data attributes and wire them. Pyodide starts only where it is needed: at once on the
// assessment page and the quick-check page, on a dimension page when the reader reaches a checklist or a calculator (scrolls to it
// or touches it), never on guidance pages.

import { actions, client, store } from "./app.js";
import { hasAlert, recoveryAlert, renderAlerts } from "./alerts.js";
import { mountBars } from "./bar.js";
import { mountCalc, refreshCalculators } from "./calc.js";
import { mountGuide } from "./guide.js";
import { applyAnswers, applyTools, onChange, onToolInput, refreshAll } from "./items.js";
import { chooseView, requestScore, showState, updateCounts } from "./results.js";
import { onKey } from "./keys.js";
import { STORE } from "./store.js";
import { clearAll, compareFile, exportAs, importFile, restoreSaved, restoreShared, share } from "./tools.js";
import { say } from "./words.js";

/** Everything that needs the scorer. */
const LIVE = "[data-p2p-checklist], [data-p2p-assessment], [data-p2p-quick], [data-p2p-calc]";
/** What holds answers; the assessment and the quick-check page need the scorer at once. */
const ANSWERS = "[data-p2p-checklist], [data-p2p-assessment], [data-p2p-quick]";
const EAGER = "[data-p2p-assessment], [data-p2p-quick]";
let observer = null;

actions.exportAs = exportAs;
actions.state = showState;
actions.ready = () => {
  restoreSaved().then(() => {
    requestScore();
    refreshCalculators();
    restoreShared();
  });
};

// Saved text kept from an earlier visit is mentioned again on every load, until the reader deletes it.
function recallRecovered() {
  for (const key of store.recoveryKeys()) {
    if (!hasAlert("recovery:" + key)) recoveryAlert(store, key, say("storage.kept", { key }));
  }
}

function onClick(event) {
  const button = event.target.closest("[data-p2p-action]");
  if (!button) return;
  const action = button.dataset.p2pAction;
  if (action.startsWith("export-")) exportAs(action.slice("export-".length));
  else if (action === "print") window.print();
  else if (action === "clear") clearAll();
  else if (action === "share") share();
}

function openFile(which, file) {
  if (which === "compare") compareFile(file);
  else importFile(file);
}

function wireDrop(zone) {
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("p2p-file--over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("p2p-file--over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("p2p-file--over");
    const file = event.dataTransfer && event.dataTransfer.files[0];
    if (file) openFile(zone.dataset.p2pDrop, file);
  });
}

function mountTools(root) {
  const tools = root.querySelector("[data-p2p-tools]");
  if (!tools) return;
  tools.hidden = false;
  applyTools(tools);
  tools.addEventListener("click", onClick);
  tools.addEventListener("input", onToolInput);
  tools.addEventListener("change", (event) => {
    const input = event.target;
    if (!input.dataset.p2pFile || !input.files.length) return;
    const file = input.files[0];
    input.value = "";
    openFile(input.dataset.p2pFile, file);
  });
  tools.querySelectorAll("[data-p2p-drop]").forEach(wireDrop);
  root.addEventListener("change", (event) => {
    if (event.target.type === "radio" && event.target.closest("[data-p2p-views]")) chooseView(event.target);
  });
}

function start() {
  client.start();
  if (observer) observer.disconnect();
}

export function mount() {
  renderAlerts(); // the page was swapped: show again what the reader must still know
  const containers = document.querySelectorAll(ANSWERS);
  const calcs = document.querySelectorAll("[data-p2p-calc]");
  if (!containers.length && !calcs.length) return; // a guidance page: nothing to load
  if (!store.loaded()) {
    store.load();
    recallRecovered();
  }
  containers.forEach((container) => {
    applyAnswers(container);
    if (container.dataset.p2pMounted) return;
    container.dataset.p2pMounted = "1";
    container.addEventListener("change", onChange);
    container.addEventListener("keydown", onKey);
    container.addEventListener("input", (event) => {
      if (event.target.hasAttribute("data-p2p-extra")) onChange(event);
    });
  });
  calcs.forEach((form) => {
    if (form.dataset.p2pMounted) return;
    form.dataset.p2pMounted = "1";
    mountCalc(form);
  });
  const root = document.querySelector("[data-p2p-assessment]");
  if (root && !root.dataset.p2pToolsMounted) {
    root.dataset.p2pToolsMounted = "1";
    mountTools(root);
  }
  if (root) mountGuide(root);
  mountBars();
  updateCounts();
  if (document.querySelector(EAGER) || client.started()) {
    // The assessment and the quick-check page need the scorer at once; once it runs, every page uses it.
    start();
    showState(client.state());
    if (client.state() === "ready") {
      requestScore();
      refreshCalculators();
      restoreShared();
    }
    return;
  }
  // A dimension page: start the scorer when the reader reaches a checklist or touches it.
  const live = document.querySelectorAll(LIVE);
  live.forEach((node) => {
    node.addEventListener("focusin", start, { once: true });
    node.addEventListener("pointerdown", start, { once: true });
  });
  if ("IntersectionObserver" in window) {
    if (observer) observer.disconnect();
    observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) start();
    }, { rootMargin: "200px 0px" });
    live.forEach((node) => observer.observe(node));
  } else {
    start();
  }
}

/** Once per visit: what does not belong to one page. */
export function once() {
  // Another tab changed the answers: show them here too.
  // Not while this page holds answers it could not save: they are newer than anything stored.
  window.addEventListener("storage", (event) => {
    if ((event.key !== STORE && event.key !== null) || !store.loaded() || store.unsaved()) return;
    store.load();
    refreshAll();
  });
  // The theme's search dialog has no accessible name; the header is not swapped by instant
  // navigation, so naming it once is enough.
  const search = document.querySelector('.md-search[role="dialog"]:not([aria-label]):not([aria-labelledby])');
  if (search) search.setAttribute("aria-label", say("search.label"));
}
