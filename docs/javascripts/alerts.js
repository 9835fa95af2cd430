// Alerts: what the reader must know about their saved answers (storage full, text set aside), in one box
// at the foot of the window on every page, until it is resolved. Instant navigation keeps the script, not
// the box: mount() draws it again on every page. The words are the catalogue's (scoring/words.py).

import { download } from "./codecs.js";
import { RECOVERY, STORE, recoveryNumber } from "./store.js";
import { say } from "./words.js";

/** @typedef {{label: string, action: string, run: () => void}} Action */
/** @typedef {{kind?: string, key?: string, text: string, actions: Action[]}} Alert */

/** @type {Map<string, Alert>} id -> alert, in the order they were raised */
const alerts = new Map();

/** Raise (or, with null, resolve) the alert `id`. */
export function setAlert(id, spec) {
  if (spec) alerts.set(id, spec);
  else if (!alerts.delete(id)) return;
  renderAlerts();
}

export function hasAlert(id) {
  return alerts.has(id);
}

/**
 * Saved text kept under `key` (null: not moved yet, still under STORE): it can be downloaded, or deleted
 * once it is under a key of its own.
 * @param {{get(key: string): string | null, pending(): string | null, forget(key: string): void}} store
 * @param {string | null} key
 * @param {string} message
 */
export function recoveryAlert(store, key, message) {
  const raw = () => (key ? store.get(key) : store.pending());
  const actions = [{ label: say("button.download_kept"), action: "download", run: () => {
    const n = key && key !== RECOVERY ? "-" + recoveryNumber(key) : "";
    download(`pilot2prod-unreadable-answers${n}.txt`, "text/plain", raw() || "");
  } }];
  if (key) {
    actions.push({ label: say("button.delete_kept"), action: "delete", run: () => {
      if (!window.confirm(say("storage.confirm_delete", { key }))) return;
      store.forget(key);
      setAlert("recovery:" + key, null);
    } });
  }
  setAlert("recovery:" + (key || STORE), { kind: "recovery", key: key || STORE, text: message, actions });
}

function make(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

/** The box, as `alerts` says; alerts already shown stay the same nodes (a screen reader does not repeat them). */
export function renderAlerts() {
  let box = document.querySelector("[data-p2p-alerts]");
  if (!alerts.size) {
    if (box) box.remove();
    return;
  }
  if (!box) {
    box = make("div", undefined, "p2p-alerts");
    box.setAttribute("data-p2p-alerts", "");
    document.body.append(box);
  }
  const shown = new Map(Array.from(box.children).map((node) => [node.dataset.p2pAlertId, node]));
  const nodes = [];
  for (const [id, spec] of alerts) {
    const old = shown.get(id);
    if (old && old.querySelector(".p2p-alert__text").textContent === spec.text) {
      nodes.push(old);
      continue;
    }
    const node = make("div", undefined, "p2p-alert");
    node.setAttribute("role", "alert");
    node.dataset.p2pAlert = spec.kind || id;
    node.dataset.p2pAlertId = id;
    if (spec.key) node.dataset.p2pKey = spec.key;
    const actions = make("span", undefined, "p2p-alert__actions");
    for (const action of spec.actions) {
      const button = make("button", action.label, "md-button");
      button.type = "button";
      button.dataset.p2pAlertAction = action.action;
      button.addEventListener("click", action.run);
      actions.append(button);
    }
    node.append(make("p", spec.text, "p2p-alert__text"), actions);
    nodes.push(node);
  }
  box.replaceChildren(...nodes);
}
