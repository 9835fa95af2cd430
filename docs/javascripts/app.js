// The page's one assessment state and one scorer, shared by every module and every page of the visit
// (instant navigation keeps the modules): the store of saved answers, the worker client, and the few
// things other modules do when they happen (`actions`, filled in by mount.js, so that this file imports
// none of the modules that use it).

import { recoveryAlert, setAlert } from "./alerts.js";
import { makeClient } from "./client.js";
import { STORE, dict, makeStore } from "./store.js";
import { ROOT, say, settings } from "./words.js";

/**
 * What other modules provide: the export behind the "storage full" alert, what to do once the scorer is
 * ready, how to show the scorer's state.
 * @type {{exportAs?: (fmt: string) => void, ready?: () => void, state?: (state: string) => void}}
 */
export const actions = {};

/** The state of a page with no answers. */
export function emptyState(version = "") {
  return { version, pilot: "", assessed: "", answers: dict() };
}

/** localStorage, reached only when used: a browser that refuses storage throws then, inside the store's checks. */
export const storage = {
  getItem: (key) => localStorage.getItem(key),
  setItem: (key, value) => localStorage.setItem(key, value),
  removeItem: (key) => localStorage.removeItem(key),
  key: (n) => localStorage.key(n),
  get length() {
    return localStorage.length;
  },
};

export const store = makeStore({
  unsaved: (reason) => setAlert("unsaved", reason ? {
    text: say("storage." + reason),
    actions: [{ label: say("button.download_answers"), action: "export", run: () => actions.exportAs("yaml") }],
  } : null),
  unreadable: (reason, key) => recoveryAlert(store, key, key ?
    say("storage.unreadable", { reason: say("storage.reason." + reason), key }) :
    say("storage.unreadable_not_moved", { reason: say("storage.reason." + reason) })),
  movedAside: (key) => {
    setAlert("recovery:" + STORE, null);
    recoveryAlert(store, key, say("storage.kept", { key }));
  },
}, storage, () => emptyState());

export const client = makeClient({
  root: ROOT,
  settings,
  early: () => {
    const early = window.__p2pEarly; // started from <head> by scorer-boot.js on the assessment page
    window.__p2pEarly = null;
    return early;
  },
  onState: (state) => actions.state && actions.state(state),
  onReady: () => actions.ready && actions.ready(),
});

/** The checklists' version this site was built with. */
export function siteVersion() {
  return (settings() || {}).version || "";
}

/** The largest file or share link the engine reads, in bytes. */
export function maxBytes() {
  return (settings() || {}).max_bytes;
}
