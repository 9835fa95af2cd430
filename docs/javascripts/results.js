// The scorer's answer on the page: every `[data-result=name]` element of the assessment filled with the
// section of that name from the engine's document (scoring.api.score), the per-dimension summaries and the
// progress line (its `progress`), the reason fields it says are still missing (its `pending`), and the
// scorer's state in the status lines. The words are all Python's; this file only places them.

import { client, store } from "./app.js";
import { fill, put } from "./materialise.js";
import { inlineTree, sections, viewsTree } from "./render.js";
import { ROOT, say } from "./words.js";

const CTX = { root: ROOT, say };

/** What the reader chose to see of a section with several views (the plan: by priority, phase or owner). */
const views = new Map();
let last = null; // the latest score answer that was shown
let latest = 0; // the id of the latest score request

export function lastResult() {
  return last;
}

/** Score the answers as they are now; an answer to an older request is not shown. */
export function requestScore() {
  if (client.state() !== "ready") return;
  const pending = client.call("score", JSON.stringify(store.state()));
  latest = pending.id;
  pending.then(({ id, payload }) => {
    if (id === latest) showResult(payload);
  });
}

export function showResult(payload) {
  const started = performance.now();
  try {
    render(payload);
  } finally {
    performance.measure("p2p:render", { start: started, end: performance.now() });
  }
}

function setText(node, spans) {
  put(node, inlineTree(spans, CTX));
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
    document.querySelectorAll(`[data-p2p-summary="${CSS.escape(dim)}"]`).forEach((node) => setText(node, line));
  }
  markPending(document);
  const root = document.querySelector("[data-p2p-assessment]");
  if (root) {
    showSections(root, payload);
    const line = root.querySelector("[data-p2p-progress]");
    if (line) setText(line, progress.line || "");
  }
  if (!performance.getEntriesByName("p2p:first-result").length) performance.mark("p2p:first-result");
  document.dispatchEvent(new CustomEvent("p2p:result", { detail: { decision: payload.result.decision } }));
}

/** The reason fields the engine is still waiting for are marked invalid; the others are not. */
export function markPending(scope) {
  if (!last) return;
  const pending = new Set(last.pending || []);
  scope.querySelectorAll("[data-item] [data-p2p-when] [data-p2p-extra]").forEach((input) => {
    const id = input.closest("[data-item]").getAttribute("data-item");
    if (pending.has(id) && !input.closest("[data-p2p-when]").hidden) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  });
}

function showSections(root, payload) {
  const found = sections(payload.doc);
  root.querySelectorAll("[data-result]").forEach((container) => {
    const name = container.getAttribute("data-result");
    const section = found.get(name);
    if (section && section.blocks.some((block) => block.kind === "section")) showViews(container, section);
    else fill(container, section, CTX);
  });
  // The raw values, for styles and tests: the engine's, not the page's.
  const decision = root.querySelector('[data-result="decision"]');
  if (decision) decision.setAttribute("data-value", String(payload.result.decision));
  const score = root.querySelector('[data-result="score"]');
  if (score) score.setAttribute("data-value", payload.result.score === null ? "" : String(payload.result.score));
}

function showViews(container, section) {
  const name = section.name;
  put(container, viewsTree(section, views.get(name), CTX));
}

/** The reader chose another view of a section: show it from the latest answer, and keep the focus there. */
export function chooseView(input) {
  const match = /^p2p-(.+)-view$/.exec(input.name);
  if (!match || !last) return;
  const name = match[1];
  views.set(name, input.value);
  const container = document.querySelector(`[data-p2p-assessment] [data-result="${CSS.escape(name)}"]`);
  const section = sections(last.doc).get(name);
  if (!container || !section) return;
  showViews(container, section);
  const again = container.querySelector(`input[name="${CSS.escape(input.name)}"][value="${CSS.escape(input.value)}"]`);
  if (again) again.focus();
}

/** The scorer's state, on every checklist and in every status line. */
export function showState(state) {
  document.querySelectorAll("[data-p2p-assessment], [data-p2p-checklist]").forEach((node) => {
    if (state !== "idle") node.setAttribute("data-scorer-state", state);
  });
  document.querySelectorAll("[data-p2p-status]").forEach((node) => {
    node.textContent = state === "loading" ? say("status.loading") :
      state === "error" ? say("status.error", { reason: client.reason() }) : "";
    node.setAttribute("role", state === "error" ? "alert" : "status");
    // Beside a checklist the summary line already says the score is coming; a status line appearing
    // there on the first click would move the answers under the pointer.
    node.hidden = state === "ready" || state === "idle" || (state === "loading" && !node.closest("[data-p2p-assessment]"));
  });
}

/** Before the scorer's first reply (or if it cannot start), each summary still counts the items done here. */
export function updateCounts() {
  const ready = client.state() === "ready";
  if (ready && last) return;
  document.querySelectorAll("[data-p2p-summary]").forEach((node) => {
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
