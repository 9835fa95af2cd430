// Keeping and moving answers: export, import, compare, share links, Clear all and Undo, and bringing saved
// answers up to these checklists once per visit. The engine reads every file and link (as bytes) and writes
// every export and every notice about what changed; the catalogue words the rest. Nothing is replaced before
// its backup is kept (store.backup()).

import { client, emptyState, maxBytes, siteVersion, store } from "./app.js";
import { recoveryAlert } from "./alerts.js";
import { download, fileBytes, shareLink as makeShareLink, sharedBytes } from "./codecs.js";
import { refreshAll, refreshPage } from "./items.js";
import { show } from "./materialise.js";
import { paragraph } from "./render.js";
import { showDoc } from "./results.js";
import { ROOT, say } from "./words.js";

/** Show `blocks` (a document, or a sentence of the catalogue) in the notice line; with `undo`, an Undo button. */
function notice(blocks, undo) {
  const node = document.querySelector("[data-p2p-notice]");
  if (!node) return;
  showDoc(node, typeof blocks === "string" ? [paragraph(blocks)] : blocks, show);
  if (!undo) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button p2p-notice__undo";
  button.textContent = say("button.undo");
  button.addEventListener("click", () => {
    const done = store.undo();
    if (done === null) return;
    if (!done) {
      notice(say("notice.not_undone"));
      return;
    }
    refreshAll();
    notice(say("notice.restored"));
  });
  node.append(button);
}

/** Show why something failed: the engine's document (a title over its problems); nothing: clear. */
function errors(doc) {
  const node = document.querySelector("[data-p2p-errors]");
  if (!node) return;
  if (!doc || !doc.length) node.replaceChildren();
  else showDoc(node, doc, show);
}

/** The same for a failure the page finds before the engine sees anything: the catalogue's words. */
function pageErrors(title, messages) {
  errors([paragraph(title, "errors__title"), { kind: "list", ordered: false, role: "errors", items: messages.map((m) => [m]) }]);
}

/** A call that failed: the engine's document, or (the scorer could not answer) `title` over its problems. */
function failed(payload, title) {
  if (payload.doc) errors(payload.doc);
  else pageErrors(title, payload.problems.map((p) => p.message));
}

/**
 * The answers as a file: written by the engine (scoring.api.export). When the scorer could not start, an
 * answers file (yaml, json) is the answers as they are kept, as JSON (which the CLI reads), so that Export
 * still works; a report needs the engine.
 */
async function answersFile(fmt) {
  const data = store.state();
  const { payload } = await client.call("export", JSON.stringify(data), fmt, ROOT.href);
  if (payload.ok || client.state() !== "error" || (fmt !== "yaml" && fmt !== "json")) return payload;
  const answers = Object.assign(Object.create(null), data.kept || {}, data.answers);
  const doc = { pilot: data.pilot || "", assessed: data.assessed || "", version: data.version || siteVersion(), answers };
  return { ok: true, text: JSON.stringify(doc, null, 2) + "\n", filename: "pilot2prod-answers.json",
    mime: "application/json" };
}

export async function exportAs(fmt) {
  const file = await answersFile(fmt);
  if (file.ok) download(file.filename, file.mime, file.text);
  else failed(file, say("errors.export"));
}

// The engine reads the file's bytes for `use` (import or compare), which its words say.
function readFile(file, use) {
  return fileBytes(file, maxBytes()).then((bytes) => client.call("read", bytes, file.name, use)).then(({ payload }) => payload);
}

// Replace the answers with what the engine read; the previous ones stay one Undo away, and without that
// backup nothing is replaced.
function adopt(payload, subject) {
  if (!store.backup()) {
    notice(say("notice.not_loaded", { what: subject }));
    return;
  }
  store.save(payload.state);
  refreshAll();
  notice(payload.notice, true);
}

export function importFile(file) {
  errors();
  readFile(file, "import").then((payload) => {
    if (!payload.ok) failed(payload, say("errors.import", { name: file.name }));
    else adopt(payload, file.name);
  });
}

export function compareFile(file) {
  errors();
  const box = document.querySelector("[data-p2p-compare]");
  readFile(file, "compare").then((payload) => {
    if (!payload.ok) {
      failed(payload, say("errors.compare", { name: file.name }));
      return null;
    }
    const now = JSON.stringify(store.state());
    return client.call("compare", JSON.stringify(payload.state), now, file.name).then(({ payload: out }) => {
      if (!out.ok) failed(out, say("errors.compare_failed"));
      else if (box) showDoc(box, out.doc, show);
    });
  });
}

/** A link with the answers in its fragment, on the assessment page, shown in the share field. */
export async function share() {
  const file = await answersFile("json");
  if (!file.ok) {
    failed(file, say("errors.export"));
    return;
  }
  const page = document.querySelector("[data-p2p-assessment]") ? location.href.split("#")[0] :
    new URL("assessment/", ROOT).href;
  const url = await makeShareLink(page, file.text);
  const field = document.querySelector("[data-p2p-share]");
  if (!field) return;
  field.value = url;
  field.closest("label").hidden = false;
  field.focus();
  field.select();
  notice(say("notice.shared", { length: url.length.toLocaleString("en") }));
}

// A share link's answers are read like an imported file: as bytes, by the engine, which checks the
// encoding and says "too large" past the limit.
export async function restoreShared() {
  if (!document.querySelector("[data-p2p-assessment]")) return;
  const hash = location.hash;
  let bytes;
  try {
    bytes = await sharedBytes(hash, maxBytes());
  } catch (err) {
    history.replaceState(history.state, "", location.href.split("#")[0]);
    pageErrors(say("share.unreadable"), [say("share.damaged")]);
    return;
  }
  if (bytes === null) return;
  history.replaceState(history.state, "", location.href.split("#")[0]);
  const { payload } = await client.call("read", bytes, say("share.name"), "share");
  if (!payload.ok) failed(payload, say("errors.share"));
  else adopt(payload, say("share.subject"));
}

export function clearAll() {
  const data = store.state();
  const count = Object.keys(data.answers).length + Object.keys(data.kept || {}).length;
  if (!count && !data.pilot) return;
  if (!window.confirm(say("confirm.clear", { count }))) return;
  if (!store.backup()) {
    notice(say("notice.not_cleared"));
    return;
  }
  store.save(emptyState(siteVersion()));
  refreshAll();
  notice(say("notice.cleared", { count }), true);
}

// Once per visit: the engine brings the saved answers up to these checklists and leaves out the entries it
// cannot use, one by one, naming them. The saved text as it was is set aside first.
export function restoreSaved() {
  if (!store.saved() && !store.unsaved()) return Promise.resolve(); // nothing saved yet
  return client.call("restore", JSON.stringify(store.state())).then(({ payload }) => {
    if (!payload.ok) {
      failed(payload, say("errors.restore"));
      return;
    }
    if (payload.notice) {
      const key = store.setAside();
      const kept = key ? say("storage.set_aside", { key }) : say("storage.not_set_aside");
      recoveryAlert(store, key, `${payload.notice} ${kept}`);
    }
    if (!payload.changed) return;
    store.save(payload.state);
    refreshPage();
    if (payload.moved) notice(payload.moved);
  });
}
