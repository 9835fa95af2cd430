// The scorer's answer on the page: every `[data-result=name]` element of the assessment and the quick-check page
// filled with the section of that name from the engine's document (scoring.api.score), the per-dimension
// lines, the summary bars and the progress line (its `progress`), the reason fields it says are still
// missing (its `pending`), and the scorer's state in the status lines. The words are all Python's; this
// file only places them.

import { client, store } from "./app.js";
import { showBars } from "./bar.js";
import { updateSteps } from "./guide.js";
import { fill, put } from "./materialise.js";
import { headingShift, inlineTree, sections } from "./render.js";
import { ROOT, say } from "./words.js";

/** The parts of a page that show the engine's sections: the assessment and the quick-check page. */
const ROOTS = "[data-p2p-assessment], [data-p2p-quick]";

/** How the reader asked to see each section that has views (`[data-p2p-views]`: the plan's, by name). */
const views = new Map();
let last = null; // the latest score answer that was shown
let latest = 0; // the id of the latest score request

/** Score the answers as they are now; an answer to an older request is not shown. */
export function requestScore() {
  if (client.state() !== "ready") return;
  const pending = client.call("score", JSON.stringify(store.state()), views.get("plan") || "priority");
  latest = pending.id;
  pending.then(({ id, payload }) => {
    if (id === latest) showResult(payload);
  });
}

function showResult(payload) {
  const started = performance.now();
  try {
    render(payload);
  } finally {
    performance.measure("p2p:render", { start: started, end: performance.now() });
  }
}

function setText(node, spans) {
  put(node, inlineTree(spans, { root: ROOT }));
}

function render(payload) {
  if (!payload.ok) {
    const text = say("errors.score") + " " + payload.problems.map((p) => p.message).join("; ");
    document.querySelectorAll("[data-p2p-status]").forEach((status) => {
      status.hidden = false;
      status.textContent = text;
    });
    return;
  }
  last = payload;
  const progress = payload.progress || {};
  for (const [dim, line] of Object.entries(progress.dimensions || {})) {
    document.querySelectorAll(`[data-p2p-dimension="${CSS.escape(dim)}"]`).forEach((node) => setText(node, line));
  }
  markPending(document);
  showBars(payload);
  document.querySelectorAll(ROOTS).forEach((root) => showSections(root, payload));
  const root = document.querySelector("[data-p2p-assessment]");
  if (root) {
    updateSteps(root);
    const line = root.querySelector("[data-p2p-progress]");
    if (line) setText(line, progress.text || "");
  }
  if (!performance.getEntriesByName("p2p:first-result").length) performance.mark("p2p:first-result");
  document.dispatchEvent(new CustomEvent("p2p:result", { detail: { decision: payload.result.decision } }));
}

/** The reason fields the engine is still waiting for are marked invalid; the others are not. */
function markPending(scope) {
  if (!last) return;
  const pending = new Set(last.pending || []);
  scope.querySelectorAll("[data-item] [data-p2p-when] [data-p2p-extra]").forEach((input) => {
    const id = input.closest("[data-item]").getAttribute("data-item");
    if (pending.has(id) && !input.closest("[data-p2p-when]").hidden) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  });
}

/** The level of the heading of the page section that holds `node` (0 when there is none). */
function levelAround(node) {
  const heading = node.closest("section") && node.closest("section").querySelector("h1, h2, h3, h4, h5, h6");
  return heading ? Number(heading.tagName.slice(1)) : 0;
}

/** Show a document in `node`, its headings under the heading of the page section it is in. */
export function showDoc(node, blocks, show) {
  show(node, blocks, { root: ROOT, shift: headingShift(blocks, levelAround(node)) });
}

function showSections(root, payload) {
  const found = sections(payload.doc);
  const blocks = Array.isArray(payload.doc) ? payload.doc : [];
  const ctx = { root: ROOT, shift: headingShift(blocks, levelAround(root.querySelector("[data-result]") || root)) };
  const choices = Array.from(root.querySelectorAll("[data-p2p-views]"));
  const focused = document.activeElement;
  root.querySelectorAll("[data-result]").forEach((container) => {
    fill(container, found.get(container.getAttribute("data-result")), ctx);
  });
  // A choice of views (static markup) is offered under the heading of the section it chooses for, when
  // that section has something to show; else it waits, hidden, just before it.
  for (const choice of choices) {
    const name = choice.getAttribute("data-p2p-views");
    const container = root.querySelector(`[data-result="${CSS.escape(name)}"]`);
    const section = found.get(name);
    if (!container) continue;
    choice.hidden = !(section && section.blocks.length);
    // A page swapped in by instant navigation has its markup's choice: check the view the engine scored.
    if (views.has(name)) {
      choice.querySelectorAll('input[type="radio"]').forEach((radio) => {
        radio.checked = radio.value === views.get(name);
      });
    }
    const heading = choice.hidden ? null : container.querySelector(":scope > h1, :scope > h2, :scope > h3, :scope > h4");
    if (choice.hidden) container.before(choice);
    else if (heading) heading.after(choice);
    else container.prepend(choice);
    if (choice.contains(focused) && document.activeElement !== focused) focused.focus();
  }
  // The raw values, for styles and tests: the engine's, not the page's.
  const decision = root.querySelector('[data-result="decision"]');
  if (decision) decision.setAttribute("data-value", String(payload.result.decision));
  const score = root.querySelector('[data-result="score"]');
  if (score) {
    const value = payload.result.score === null ? "" : String(payload.result.score);
    score.setAttribute("data-value", value);
    if (score.tagName === "DATA") score.setAttribute("value", value);
  }
}

/** The reader chose another view (a radio of a `[data-p2p-views=name]` group): score again in that view. */
export function chooseView(input) {
  const choice = input.closest("[data-p2p-views]");
  if (!choice) return;
  views.set(choice.getAttribute("data-p2p-views"), input.value);
  requestScore();
}

/** The scorer's state, on every checklist and in every status line. */
export function showState(state) {
  document.querySelectorAll(`${ROOTS}, [data-p2p-checklist]`).forEach((node) => {
    if (state !== "idle") node.setAttribute("data-scorer-state", state);
  });
  document.querySelectorAll("[data-p2p-status]").forEach((node) => {
    node.textContent = state === "loading" ? say("status.loading") :
      state === "error" ? say("status.error", { reason: client.reason() }) : "";
    node.setAttribute("role", state === "error" ? "alert" : "status");
    // Beside a checklist the summary line already says the score is coming; a status line appearing
    // there on the first click would move the answers under the pointer.
    node.hidden = state === "ready" || state === "idle" || (state === "loading" && !node.closest(ROOTS));
  });
}

/** Before the scorer's first reply (or if it cannot start), each summary still counts the items done here. */
export function updateCounts() {
  const ready = client.state() === "ready";
  if (ready && last) return;
  document.querySelectorAll("[data-p2p-dimension]").forEach((node) => {
    const scope = node.closest("[data-p2p-checklist]") || document;
    const items = new Map();
    scope.querySelectorAll("[data-item]").forEach((item) => {
      const id = item.getAttribute("data-item");
      items.set(id, items.get(id) || item.querySelector('input[type="radio"]:checked') !== null);
    });
    if (!items.size) return;
    const done = Array.from(items.values()).filter(Boolean).length;
    const text = say(ready ? "summary.counted" : "summary.counting", { count: done, total: items.size });
    if (node.textContent !== text) node.textContent = text;
  });
}
