// Live checklists: one assessment state shared by every page, scored by the Python engine in a
// module web worker (worker.mjs). Mounted on every page swap of mkdocs-material's instant
// navigation (document$), found by data attributes. Every text from the checklists, the engine,
// an imported file or a share link is inserted with textContent (or as an input's value), never
// as HTML; the engine's SVG chart goes through an allow-list first.
(function () {
  "use strict";

  // The site root, from this script's own URL (javascripts/pilot2prod.js): right under any sub-path.
  const ROOT = new URL("../", document.currentScript.src);
  const STORE = "pilot2prod.assessment";
  const BACKUP = "pilot2prod.assessment.previous";
  const RECOVERY = "pilot2prod.assessment.unreadable";
  const CALCS = "pilot2prod.calculators";
  const CHOICES = ["yes", "partial", "no", "unsure", "na"];
  const EXTRAS = ["note", "evidence", "owner", "date", "reason"];
  const LABELS = { go: "Go", conditional: "Conditional", "no-go": "No-go" };
  const ANSWER_LABELS = { yes: "Yes", partial: "Partly", no: "No", unsure: "Not sure", na: "Not applicable" };
  const SHARE_KEY = "answers=";
  // Everything that needs the scorer: Pyodide starts only when one of these is on the page and
  // the reader reaches it (scrolls to it or interacts with it). Guidance pages have none.
  const LIVE = "[data-p2p-checklist], [data-p2p-assessment], [data-p2p-calc]";

  // Sentences about saved answers that this script writes itself, before or without the engine.
  // Kept together so that they can move to Python with the others (issue 11, "One voice").
  const MESSAGES = {
    unsaved: {
      full: "Your latest changes could not be saved: this browser's storage for this site is full. They are kept " +
        "on this page until you close or reload it; download your answers to keep a copy.",
      blocked: "Your latest changes could not be saved: this browser does not let this site keep data. They are " +
        "kept on this page until you close or reload it; download your answers to keep a copy.",
    },
    downloadAnswers: "Download your answers (YAML)",
    notCleared: "Nothing was cleared: there is no room in this browser's storage to keep a copy of your answers " +
      "for Undo. Download your answers, or free some space, and try again.",
    notLoaded: (what) => `${what} was not loaded: there is no room in this browser's storage to keep a copy of ` +
      "your current answers for Undo. Download your answers, or free some space, and try again.",
    notUndone: "Nothing was restored: there is no room in this browser's storage to keep a copy of the current " +
      "answers. Download your answers, or free some space, and try again.",
    unreadable: (reason, key) => `The answers saved in this browser could not be read (${reason}). ` +
      `They are kept as they were under ${key}, and the page starts with no answers.`,
    unreadableNotMoved: (reason) => `The answers saved in this browser could not be read (${reason}). ` +
      "There is no room to copy them aside, so they are left as they were and the changes on this page are not saved.",
    reasons: { json: "it is not valid JSON", shape: "it holds no mapping of answers" },
    setAside: (key) => ` The saved text as it was is kept under ${key}.`,
    notSetAside: " There is no room to copy the saved text aside, so it is left as it was and the changes on this " +
      "page are not saved.",
    kept: (key) => `Saved answers this page could not read are kept in this browser under ${key}.`,
    downloadKept: "Download the saved text",
    deleteKept: "Delete it\u2026",
    confirmDelete: (key) => `Delete the saved text kept under ${key}? Download it first if you may need it.`,
    bootTimeout: (seconds) => `it did not finish loading within ${seconds} seconds; check the connection and ` +
      "reload the page to try again",
  };

  let worker = null;
  let state = "idle"; // idle | loading | ready | error
  let errorText = "";
  let bootTimer = null;
  let nextId = 1;
  let latestScore = 0;
  let lastPayload = null;
  let planView = "priority";
  let observer = null;
  const waiting = new Map();
  const latestCalc = {};

  function settings() {
    const tag = document.getElementById("__p2p");
    try {
      return tag ? JSON.parse(tag.textContent) : null;
    } catch (err) {
      return null;
    }
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // Every structure keyed by item id has no prototype, so that ids such as "__proto__" or
  // "constructor" are plain keys like any other (never a setter, never an inherited property).
  function dict() {
    return Object.create(null);
  }

  function has(object, key) {
    return isObject(object) && Object.prototype.hasOwnProperty.call(object, key);
  }

  function text(value) {
    return typeof value === "string" ? value : "";
  }

  // ---- saved answers: the one place that reads and writes them -----------------------------------
  // The rules (docs/privacy.md, "Storage rules"): saved answers are never removed or overwritten
  // before their backup is written and read back; saved text the page cannot read is copied aside to
  // a recovery key, never overwritten; when storage is full or refused, the page keeps the answers in
  // memory for the session and says so. `report` is told of both so that the page can show it.

  function makeStore(report) {
    let current = null; // the answers as the page has them; ahead of storage when `unsaved` is set
    let unsaved = ""; // "" | "full" | "blocked": why `current` is not what is saved
    let aside = null; // saved text to copy to a recovery key before STORE may be written again

    function get(key) {
      try {
        return localStorage.getItem(key);
      } catch (err) {
        return null;
      }
    }

    // Written and read back, or an exception: a write that did not stick is never taken for one that did.
    function put(key, value) {
      localStorage.setItem(key, value);
      if (localStorage.getItem(key) !== value) throw new Error(`${key} did not keep what was written`);
    }

    function why(err) {
      const full = ["QuotaExceededError", "NS_ERROR_DOM_QUOTA_REACHED"];
      return err && (full.includes(err.name) || err.code === 22) ? "full" : "blocked";
    }

    function setUnsaved(reason) {
      if (reason === unsaved) return;
      unsaved = reason;
      report.unsaved(reason);
    }

    function empty() {
      return { version: "", pilot: "", assessed: "", answers: dict() };
    }

    // The saved shape the page needs to work at all: an object with a mapping of answers. Anything
    // else inside is judged entry by entry, by the engine (scoring.api.restore).
    function parse(raw) {
      let data;
      try {
        data = JSON.parse(raw, (k, v) => (isObject(v) ? Object.assign(dict(), v) : v));
      } catch (err) {
        return { error: "json" };
      }
      return isObject(data) && isObject(data.answers) ? { data } : { error: "shape" };
    }

    function recoveryKeys() {
      const keys = [];
      try {
        for (let i = 0; i < localStorage.length; i++) {
          const key = localStorage.key(i);
          if (key === RECOVERY || (key && key.startsWith(RECOVERY + ".") && /^\d+$/.test(key.slice(RECOVERY.length + 1)))) keys.push(key);
        }
      } catch (err) {
        /* no storage: nothing kept */
      }
      const n = (key) => (key === RECOVERY ? 1 : Number(key.slice(RECOVERY.length + 1)));
      return keys.sort((a, b) => n(a) - n(b));
    }

    // `aside` to a recovery key of its own (a new one: an earlier text is never overwritten).
    function copyAside() {
      if (aside === null) return null;
      const keys = recoveryKeys();
      let key = keys.find((k) => get(k) === aside);
      if (!key) {
        key = RECOVERY;
        for (let n = 2; keys.includes(key); n++) key = `${RECOVERY}.${n}`;
        put(key, aside);
      }
      aside = null;
      return key;
    }

    // Before STORE is written: text still waiting to be set aside goes first, or nothing is written.
    function copyAsideLate() {
      const key = copyAside();
      if (key) report.movedAside(key);
    }

    function load() {
      const raw = get(STORE);
      const parsed = raw === null ? { data: empty() } : parse(raw);
      current = parsed.data || empty();
      if (!parsed.error) return;
      aside = raw;
      let key = null;
      try {
        key = copyAside();
        localStorage.removeItem(STORE); // moved, not lost: it is under `key` now
      } catch (err) {
        setUnsaved(why(err));
      }
      report.unreadable(parsed.error, key);
    }

    function state() {
      if (current === null) load();
      return parse(JSON.stringify(current)).data; // a copy: callers change it and hand it to save()
    }

    // Keep `data` as the answers, and save it; false when it is kept in memory only.
    function save(data) {
      if (current === null) load();
      current = data;
      try {
        copyAsideLate();
        put(STORE, JSON.stringify(data));
      } catch (err) {
        setUnsaved(why(err));
        return false;
      }
      setUnsaved("");
      return true;
    }

    // A copy of the answers in BACKUP, read back: what Undo restores. Required before anything
    // removes or replaces them (Clear all, an import, a share link); false when it could not be made.
    function backup() {
      try {
        put(BACKUP, JSON.stringify(state()));
        return true;
      } catch (err) {
        return false;
      }
    }

    // Swap the answers with their backup; null when there is no backup, false when it was refused.
    function undo() {
      const previous = get(BACKUP);
      const parsed = previous === null ? {} : parse(previous);
      if (!parsed.data) return null;
      try {
        put(BACKUP, JSON.stringify(state()));
      } catch (err) {
        return false;
      }
      // The answers before Undo are safe in BACKUP now; the backup's are in `previous`.
      try {
        copyAsideLate();
        put(STORE, previous);
      } catch (err) {
        try {
          put(BACKUP, previous); // back as they were: the size that fitted before
          return false;
        } catch (again) {
          current = parsed.data; // each set is kept somewhere: this one on the page, the other in BACKUP
          setUnsaved(why(again));
          return true;
        }
      }
      current = parsed.data;
      setUnsaved("");
      return true;
    }

    // Before saved text is rewritten without some of its entries: the text as it was, to a recovery key.
    // Returns the key, or null when there is no room (then STORE is not written until there is).
    function setAside() {
      const raw = get(STORE);
      if (raw === null) return null;
      aside = raw;
      try {
        return copyAside();
      } catch (err) {
        setUnsaved(why(err));
        return null;
      }
    }

    function pending() {
      return aside;
    }

    function forget(key) {
      try {
        localStorage.removeItem(key);
      } catch (err) {
        /* nothing to remove */
      }
    }

    return { load, state, save, backup, undo, setAside, pending, recoveryKeys, get, forget,
      unsaved: () => unsaved, loaded: () => current !== null };
  }

  const store = makeStore({
    unsaved: (reason) => setAlert("unsaved", reason ? {
      text: MESSAGES.unsaved[reason],
      actions: [{ label: MESSAGES.downloadAnswers, action: "export", run: () => exportAs("yaml") }],
    } : null),
    unreadable: (reason, key) => recoveryAlert(key, key ? MESSAGES.unreadable(MESSAGES.reasons[reason], key) :
      MESSAGES.unreadableNotMoved(MESSAGES.reasons[reason])),
    movedAside: (key) => {
      setAlert("recovery:" + STORE, null);
      recoveryAlert(key, MESSAGES.kept(key));
    },
  });

  function readState() {
    return store.state();
  }

  function writeState(data) {
    return store.save(data);
  }

  // ---- alerts: what the reader must know about their saved answers, shown until it is resolved -----

  const alerts = new Map(); // id -> {kind, key, text, actions: [{label, action, run}]}

  function setAlert(id, spec) {
    if (spec) alerts.set(id, spec);
    else if (!alerts.delete(id)) return;
    renderAlerts();
  }

  // Saved text kept under `key` (null: not moved yet, still under STORE): it can be downloaded or deleted.
  function recoveryAlert(key, message) {
    const raw = () => (key ? store.get(key) : store.pending());
    const actions = [{ label: MESSAGES.downloadKept, action: "download", run: () => {
      const n = key && key !== RECOVERY ? "-" + key.slice(RECOVERY.length + 1) : "";
      download(`pilot2prod-unreadable-answers${n}.txt`, "text/plain", raw() || "");
    } }];
    if (key) {
      actions.push({ label: MESSAGES.deleteKept, action: "delete", run: () => {
        if (!window.confirm(MESSAGES.confirmDelete(key))) return;
        store.forget(key);
        setAlert("recovery:" + key, null);
      } });
    }
    setAlert("recovery:" + (key || STORE), { kind: "recovery", key: key || STORE, text: message, actions });
  }

  // Saved text kept from an earlier visit is mentioned again on every load, until the reader deletes it.
  function recallRecovered() {
    for (const key of store.recoveryKeys()) {
      if (!alerts.has("recovery:" + key)) recoveryAlert(key, MESSAGES.kept(key));
    }
  }

  // One box at the foot of the window, on every page (instant navigation keeps the script, not the box).
  function renderAlerts() {
    let box = document.querySelector("[data-p2p-alerts]");
    if (!alerts.size) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = el("div", null, "p2p-alerts");
      box.setAttribute("data-p2p-alerts", "");
      document.body.append(box);
    }
    // Alerts already shown stay the same nodes, so that a screen reader does not announce them again.
    const shown = new Map(Array.from(box.children).map((node) => [node.dataset.p2pAlertId, node]));
    const nodes = [];
    for (const [id, spec] of alerts) {
      const old = shown.get(id);
      if (old && old.querySelector(".p2p-alert__text").textContent === spec.text) {
        nodes.push(old);
        continue;
      }
      const node = el("div", null, "p2p-alert");
      node.setAttribute("role", "alert");
      node.dataset.p2pAlert = spec.kind || id;
      node.dataset.p2pAlertId = id;
      if (spec.key) node.dataset.p2pKey = spec.key;
      const actions = el("span", null, "p2p-alert__actions");
      for (const action of spec.actions) {
        const button = el("button", action.label, "md-button");
        button.type = "button";
        button.dataset.p2pAlertAction = action.action;
        button.addEventListener("click", action.run);
        actions.append(button);
      }
      node.append(el("p", spec.text, "p2p-alert__text"), actions);
      nodes.push(node);
    }
    box.replaceChildren(...nodes);
  }

  function answerOf(entry) {
    return isObject(entry) ? entry.answer : entry;
  }

  function extra(entry, key) {
    return isObject(entry) && typeof entry[key] === "string" ? entry[key] : "";
  }

  // An entry in the short form when it carries nothing else, as an answers file would write it.
  function compact(entry) {
    if (!isObject(entry)) return entry;
    const out = { answer: entry.answer };
    for (const key of EXTRAS) if (typeof entry[key] === "string" && entry[key].trim()) out[key] = entry[key];
    return Object.keys(out).length === 1 ? out.answer : out;
  }

  // "na" without a reason is not an answer the engine (or the CLI) accepts: it stays on the page,
  // marked as needing a reason, and counts as "not sure" until it has one.
  function pendingNa(data) {
    return Object.keys(data.answers).filter((id) => {
      const entry = data.answers[id];
      return answerOf(entry) === "na" && !extra(entry, "reason").trim();
    });
  }

  // The document the engine scores and the exports contain: the shape of an answers file.
  function answersDocument(data) {
    data = data || readState();
    const cfg = settings() || {};
    const answers = dict();
    for (const [id, entry] of Object.entries(data.answers)) {
      const value = answerOf(entry);
      if (!CHOICES.includes(value)) continue;
      if (value === "na" && !extra(entry, "reason").trim()) continue;
      answers[id] = compact(entry);
    }
    // Answers to ids these checklists do not score (retired, unknown) travel along untouched.
    if (isObject(data.kept)) for (const [id, entry] of Object.entries(data.kept)) if (!has(answers, id)) answers[id] = entry;
    return { pilot: text(data.pilot), assessed: text(data.assessed), version: text(data.version) || cfg.version || "", answers };
  }

  // The saved answers as they are, for the engine to judge entry by entry (scoring.api.restore);
  // only the "na" answers still waiting for a reason stay out (the engine would refuse them).
  function savedDocument(data, pending) {
    const answers = dict();
    for (const [id, entry] of Object.entries(data.answers)) if (!pending.includes(id)) answers[id] = entry;
    return Object.assign(dict(), data, { answers });
  }

  // From an engine-normalised document (api.read / api.restore) back to the stored state.
  function stateFrom(doc, changes) {
    const unscored = new Set([...changes.unrecognised, ...changes.retired]);
    const answers = dict();
    const kept = dict();
    for (const [id, entry] of Object.entries(doc.answers || {})) (unscored.has(id) ? kept : answers)[id] = entry;
    return { version: doc.version || "", pilot: doc.pilot || "", assessed: doc.assessed || "", answers, kept };
  }

  // ---- the worker -------------------------------------------------------------------------------

  function ensureWorker() {
    if (worker) return;
    const cfg = settings();
    if (!cfg) return;
    setState("loading");
    const early = window.__p2pEarly; // started from <head> by scorer-boot.js on the assessment page
    if (early && !early.taken) {
      worker = early.worker;
    } else {
      try {
        worker = new Worker(new URL("javascripts/worker.mjs", ROOT), { type: "module" });
      } catch (err) {
        fail("this browser cannot start the scorer (" + err + ")");
        return;
      }
    }
    // A scorer that never says ready or failed (a runtime that never arrives) is given up on, with a reason.
    const seconds = Number(cfg.boot_timeout);
    if (seconds > 0) {
      bootTimer = setTimeout(() => {
        if (state !== "loading") return;
        fail(MESSAGES.bootTimeout(seconds));
        worker.terminate();
      }, seconds * 1000);
    }
    const onMessage = (msg) => {
      if (msg.type === "ready") {
        if (state === "error") return; // given up on already
        clearTimeout(bootTimer);
        performance.mark("p2p:scorer-ready", { detail: msg });
        setState("ready");
        restoreSaved().then(() => {
          requestScore();
          refreshCalculators();
          restoreShared();
        });
      } else if (msg.type === "error") {
        fail(msg.message);
      } else if (msg.type === "result") {
        const resolve = waiting.get(msg.id);
        waiting.delete(msg.id);
        if (resolve) resolve(msg.payload);
      }
    };
    worker.onmessage = (event) => onMessage(event.data);
    worker.onerror = (event) => fail(event.message || "the scorer stopped");
    if (early && !early.taken) {
      early.taken = true;
      window.__p2pEarly = null;
      early.messages.forEach(onMessage);
      return;
    }
    worker.postMessage({ type: "init", root: ROOT.href, settings: cfg });
  }

  // Call a function of scoring/api.py in the worker; resolves with its JSON answer. Arguments are
  // strings, or a Uint8Array for a file's bytes.
  function call(fn, ...args) {
    ensureWorker();
    if (state === "error" || !worker) {
      return Promise.resolve({ ok: false, problems: [{ message: "the scorer is not available: " + errorText }] });
    }
    const id = nextId++;
    const promise = new Promise((resolve) => waiting.set(id, resolve));
    worker.postMessage({ type: "call", id, fn, args });
    return promise.then((payload) => ({ id, payload }));
  }

  function requestScore() {
    if (!worker || state !== "ready") return;
    const pending = call("score", JSON.stringify(answersDocument()));
    latestScore = nextId - 1;
    pending.then(({ id, payload }) => {
      if (id !== latestScore) return; // a newer answer is already being scored
      lastPayload = payload;
      render(payload);
    });
  }

  function fail(message) {
    clearTimeout(bootTimer);
    errorText = message;
    setState("error");
    // Pending calls would never be answered now: release them.
    for (const [id, resolve] of waiting) resolve({ ok: false, problems: [{ message: "the scorer stopped: " + message }] });
    waiting.clear();
  }

  function setState(value) {
    state = value;
    document.querySelectorAll("[data-p2p-assessment], [data-p2p-checklist]").forEach((node) => {
      if (value !== "idle") node.setAttribute("data-scorer-state", value);
    });
    document.querySelectorAll("[data-p2p-status]").forEach((node) => {
      node.textContent =
        value === "loading" ? "Loading the scorer\u2026 you can answer meanwhile; the result appears when it is ready." :
        value === "error" ? "The scorer could not start: " + errorText + ". Your answers are safe in this browser, " +
          "and Export still works." : "";
      node.setAttribute("role", value === "error" ? "alert" : "status");
      // Beside a checklist the summary line already says the score is coming; a status line appearing
      // there on the first click would move the answers under the pointer.
      node.hidden = value === "ready" || value === "idle" || (value === "loading" && !node.closest("[data-p2p-assessment]"));
    });
  }

  // ---- rendering helpers ------------------------------------------------------------------------

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  // A table with a header row of column headings; returns the table and its (empty) body.
  function tableWithHead(cls, headings) {
    const head = el("tr");
    for (const heading of headings) {
      const th = el("th", heading);
      th.scope = "col";
      head.append(th);
    }
    const thead = el("thead");
    thead.append(head);
    const body = el("tbody");
    const table = el("table", null, cls);
    table.append(thead, body);
    return [table, body];
  }

  function setText(node, text) {
    // Unchanged text is not rewritten, so aria-live regions announce only what changed.
    if (node && node.textContent !== text) node.textContent = text;
  }

  function fmt(value) {
    return value === null || value === undefined ? "n/a" : String(Math.round(value * 10) / 10);
  }

  function itemLink(id, pages) {
    const page = pages[id.split("-")[0]];
    const a = el("a", id);
    a.href = page ? new URL(`dimensions/${page}/#${encodeURIComponent(id)}`, ROOT).href : "#";
    return a;
  }

  // The engine's chart is built from checklist titles; still, only known SVG parts get through.
  const SVG_TAGS = new Set(["svg", "title", "desc", "g", "rect", "text", "line", "tspan"]);
  const SVG_ATTRS = new Set(["xmlns", "class", "viewBox", "width", "height", "role", "aria-label", "x", "y", "rx",
    "fill", "fill-opacity", "text-anchor", "font-size", "x1", "x2", "y1", "y2", "stroke"]);
  function safeSvg(text) {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    const root = doc.documentElement;
    if (!root || root.nodeName !== "svg") return el("p", "(chart unavailable)");
    const walk = (node) => {
      for (const child of Array.from(node.children)) {
        if (!SVG_TAGS.has(child.nodeName)) child.remove();
        else walk(child);
      }
      for (const attr of Array.from(node.attributes)) if (!SVG_ATTRS.has(attr.name)) node.removeAttribute(attr.name);
    };
    walk(root);
    return document.importNode(root, true);
  }

  // ---- results ----------------------------------------------------------------------------------

  function render(payload) {
    const started = performance.now();
    try {
      renderResult(payload);
    } finally {
      performance.measure("p2p:render", { start: started, end: performance.now() });
    }
  }

  function renderResult(payload) {
    const root = document.querySelector("[data-p2p-assessment]");
    if (!payload.ok) {
      document.querySelectorAll("[data-p2p-status]").forEach((status) => {
        status.hidden = false;
        status.textContent = "These answers cannot be scored: " + payload.problems.map((p) => p.message).join("; ");
      });
      return;
    }
    const result = payload.result;
    const data = readState();
    const pending = pendingNa(data);
    for (const dim of result.dimensions) {
      const waitingReason = pending.filter((id) => id.split("-")[0] === dim.id).length;
      const text = `${dim.title}: ${fmt(dim.score)} (${dim.level}) \u2014 ${dim.answered} of ${dim.items} answered` +
        (waitingReason ? `; ${waitingReason} marked not applicable need${waitingReason === 1 ? "s" : ""} a reason` : "");
      document.querySelectorAll(`[data-p2p-summary="${dim.id}"]`).forEach((node) => setText(node, text));
    }
    if (root) renderAssessment(root, payload, data, pending);
    if (!performance.getEntriesByName("p2p:first-result").length) performance.mark("p2p:first-result");
    document.dispatchEvent(new CustomEvent("p2p:result", { detail: { decision: result.decision } }));
  }

  function renderAssessment(root, payload, data, pending) {
    const result = payload.result;
    const pages = dict();
    for (const dim of result.dimensions) pages[dim.id] = dim.page;
    const q = (name) => root.querySelector(`[data-result="${name}"]`);

    const decision = q("decision");
    setText(decision, LABELS[result.decision]);
    decision.setAttribute("data-value", result.decision);
    decision.className = "p2p-decision p2p-decision--" + result.decision;
    const score = q("score");
    setText(score, fmt(result.score));
    score.setAttribute("data-value", result.score === null ? "" : String(result.score));
    setText(q("level"), `${result.level} (${result.overall_rule === "weakest" ? "the weakest dimension" : "the weighted mean"})`);
    q("reasons").replaceChildren(...result.reasons.map((r) => el("li", r)));
    const weakest = result.dimensions.find((d) => d.id === result.weakest);
    setText(q("weakest"), (weakest ? `Weakest dimension: ${weakest.title} (${fmt(weakest.score)}). ` : "") +
      `Weighted mean of all dimensions: ${fmt(result.mean)}.`);

    const qc = result.quick_check;
    const quick = el("p", null, "p2p-quick p2p-quick--" + (qc.unmet.length > qc.max_unmet ? "pilot" : "ok"));
    quick.append(el("strong", "Quick check: "), document.createTextNode(
      `${qc.verdict} \u2014 ${qc.unmet.length} of ${qc.items.length} headline items answered no or not sure` +
      (qc.unmet.length ? ": " : ".")));
    qc.unmet.forEach((id, n) => {
      if (n) quick.append(document.createTextNode(", "));
      quick.append(itemLink(id, pages));
    });
    q("quick-check").replaceChildren(quick);

    q("dimensions").replaceChildren(el("h3", "Dimensions"), safeSvg(payload.chart));

    const titles = dict();
    for (const step of result.plan) titles[step.item] = step.title;
    const idList = (heading, ids, cls) => {
      if (!ids.length) return [];
      const list = el("ul", null, cls);
      for (const id of ids) {
        const li = el("li");
        li.append(itemLink(id, pages), document.createTextNode(titles[id] ? " " + titles[id] : ""));
        list.append(li);
      }
      return [el("h3", `${heading} (${ids.length})`), list];
    };
    q("blockers").replaceChildren(...idList("Blockers", result.blockers, "p2p-blockers"));
    q("unknown").replaceChildren(...idList("Not sure (unknown)", result.unknown, "p2p-unknown"));

    const notes = [];
    if (pending.length) notes.push(`Marked not applicable without a reason (counted as not sure until they have one): ${pending.join(", ")}`);
    if (result.flagged_na.length) notes.push("Critical items marked not applicable \u2014 check the reason: " + result.flagged_na.join(", "));
    if (result.unrecognised.length) notes.push("Answers to ids these checklists do not have (kept in exports, not scored): " + result.unrecognised.join(", "));
    if (result.retired.length) notes.push("Answers to retired ids with no replacement (kept in exports, not scored): " + result.retired.join(", "));
    if (result.mapped.length) notes.push("Carried over from retired ids: " + result.mapped.map((m) => `${m.from} \u2192 ${m.to}`).join(", "));
    if (result.answers_version && result.answers_version !== result.version) {
      notes.push(`These answers were made against checklists ${result.answers_version}; scored against ${result.version}.`);
    }
    q("notes").replaceChildren(...(notes.length ? [el("h3", "Notes"), listOf(notes)] : []));

    renderPlan(q("plan"), result, pages);
    const progress = root.querySelector("[data-p2p-progress]");
    if (progress) {
      const total = result.dimensions.reduce((n, d) => n + d.items, 0);
      const answered = result.dimensions.reduce((n, d) => n + d.answered, 0);
      setText(progress, `${answered} of ${total} items answered.`);
    }
  }

  function listOf(texts) {
    const list = el("ul");
    for (const text of texts) list.append(el("li", text));
    return list;
  }

  function renderPlan(container, result, pages) {
    if (!container) return;
    const phaseTitles = dict();
    const ownerTitles = dict();
    for (const g of result.plan_by_phase) phaseTitles[g.phase] = g.title;
    for (const g of result.plan_by_owner) ownerTitles[g.owner] = g.title;
    const steps = dict();
    for (const step of result.plan) steps[step.item] = step;
    const stepItem = (step) => {
      const li = el("li", null, step.blocker ? "p2p-plan__step p2p-plan__step--blocker" : "p2p-plan__step");
      li.setAttribute("data-plan-item", step.item);
      const label = el("strong");
      label.append(itemLink(step.item, pages));
      li.append(label, document.createTextNode(" " + step.action + " "),
        el("span", `(${step.blocker ? "blocker; " : ""}${phaseTitles[step.phase] || step.phase}, ` +
          `${ownerTitles[step.owner] || step.owner})`, "p2p-plan__meta"));
      return li;
    };
    const parts = [el("h3", `Plan (${result.plan.length} action${result.plan.length === 1 ? "" : "s"})`)];
    if (result.plan.length) {
      const views = el("fieldset", null, "p2p-plan__views");
      views.append(el("legend", "Show the plan"));
      for (const [value, label] of [["priority", "in priority order"], ["phase", "by phase"], ["owner", "by owner"]]) {
        const wrap = el("label");
        const input = el("input");
        input.type = "radio";
        input.name = "p2p-plan-view";
        input.value = value;
        input.checked = planView === value;
        wrap.append(input, document.createTextNode(" " + label));
        views.append(wrap);
      }
      parts.push(views);
      if (planView === "priority") {
        const list = el("ol", null, "p2p-plan");
        for (const step of result.plan) list.append(stepItem(step));
        parts.push(list);
      } else {
        const groups = planView === "phase" ? result.plan_by_phase : result.plan_by_owner;
        for (const group of groups) {
          parts.push(el("h4", `${group.title} (${group.items.length})`));
          const list = el("ol", null, "p2p-plan");
          for (const id of group.items) list.append(stepItem(steps[id]));
          parts.push(list);
        }
      }
    }
    container.replaceChildren(...parts);
  }

  // ---- notices ----------------------------------------------------------------------------------

  function notice(text, undo) {
    const node = document.querySelector("[data-p2p-notice]");
    if (!node) return;
    node.replaceChildren(el("span", text));
    if (undo) {
      const button = el("button", "Undo", "md-button p2p-notice__undo");
      button.type = "button";
      button.addEventListener("click", () => {
        const done = store.undo();
        if (done === null) return;
        if (!done) {
          notice(MESSAGES.notUndone);
          return;
        }
        refreshAll();
        notice("Restored the answers you had before.");
      });
      node.append(document.createTextNode(" "), button);
    }
  }

  function errors(title, problems) {
    const node = document.querySelector("[data-p2p-errors]");
    if (!node) return;
    if (!problems || !problems.length) {
      node.replaceChildren();
      return;
    }
    const list = el("ul");
    for (const p of problems) list.append(el("li", p.message, "p2p-errors__line"));
    node.replaceChildren(el("p", title), list);
  }

  function describeChanges(changes) {
    const parts = [];
    if (changes.mapped.length) parts.push("carried over from retired ids: " + changes.mapped.map((m) => `${m.from} \u2192 ${m.to}`).join(", "));
    const kept = [...changes.retired, ...changes.unrecognised];
    if (kept.length) parts.push("kept but not scored (not in these checklists): " + kept.join(", "));
    return parts;
  }

  // ---- versioning: saved answers meet the current checklists --------------------------------------

  // Once per page load: the engine brings the saved answers up to these checklists and leaves out the
  // entries it cannot use, one by one, naming them. The saved text as it was is set aside first.
  function restoreSaved() {
    if (store.get(STORE) === null && !store.unsaved()) return Promise.resolve(); // nothing saved yet
    const cfg = settings() || {};
    const data = readState();
    const pending = pendingNa(data);
    return call("restore", JSON.stringify(savedDocument(data, pending))).then(({ payload }) => {
      if (!payload.ok) {
        errors("Some saved answers could not be read; they are kept as they were:", payload.problems);
        return;
      }
      const next = stateFrom(payload.document, payload.changes);
      // Items marked na without a reason yet were not sent; keep them.
      for (const id of pending) if (!has(next.answers, id)) next.answers[id] = data.answers[id];
      if (payload.dropped.length) {
        const key = store.setAside();
        recoveryAlert(key, payload.notice + (key ? MESSAGES.setAside(key) : MESSAGES.notSetAside));
      }
      if (!payload.dropped.length && data.version === cfg.version && !payload.changes.mapped.length) return;
      writeState(next);
      refreshPage();
      const parts = describeChanges(payload.changes);
      if (data.version && data.version !== cfg.version) {
        notice(`Your saved answers were made against checklists ${data.version}; these are ${cfg.version}.` +
          (parts.length ? " " + parts.join("; ") + "." : " Nothing needed to move."));
      } else if (payload.changes.mapped.length) {
        notice(parts.join("; ") + ".");
      }
    });
  }

  // ---- import, export, share, compare, clear -----------------------------------------------------

  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = el("a");
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function fileName(ext) {
    const data = readState();
    const slug = text(data.pilot).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40);
    const day = new Date().toISOString().slice(0, 10);
    return `pilot2prod-${slug || "answers"}-${day}.${ext}`;
  }

  // A JSON string is a valid YAML double-quoted scalar, except for characters YAML readers refuse
  // or treat as line breaks; those are escaped too, so any note survives the round trip.
  function quote(text) {
    let s = String(text);
    if (s.toWellFormed) s = s.toWellFormed();
    return escapeOdd(JSON.stringify(s));
  }

  function escapeOdd(json) {
    return json.replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
      (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
  }

  function flow(value) {
    if (value === null || value === undefined) return "null";
    if (typeof value === "boolean") return String(value);
    if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
    if (typeof value === "string") return CHOICES.includes(value) ? value : quote(value);
    if (Array.isArray(value)) return "[" + value.map(flow).join(", ") + "]";
    return "{" + Object.entries(value).map(([k, v]) => `${key(k)}: ${k === "answer" ? flow(v) : flowText(v)}`).join(", ") + "}";
  }

  // Free text is always quoted, even "yes": only answer values are bare.
  function flowText(value) {
    return typeof value === "string" ? quote(value) : flow(value);
  }

  function key(k) {
    return /^[A-Za-z][A-Za-z0-9_]*(-[0-9]+)?$/.test(k) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(k) ? k : quote(k);
  }

  function toYaml(doc, pending) {
    const lines = [
      "# pilot2prod answers file, exported from the playbook site.",
      "# Score it in a terminal or CI with: pilot2prod score <this file>",
      `pilot: ${quote(doc.pilot)}`,
      `assessed: ${quote(doc.assessed)}`,
      `version: ${quote(doc.version)}`,
    ];
    for (const id of pending) {
      lines.push(`# ${key(id)} is marked na on the site but has no reason yet, so it is left out (it counts as unsure).`);
    }
    const entries = Object.entries(doc.answers);
    if (!entries.length) lines.push("answers: {}");
    else {
      lines.push("answers:");
      for (const [id, entry] of entries) lines.push(`  ${key(id)}: ${flow(entry)}`);
    }
    return lines.join("\n") + "\n";
  }

  function exportAs(kind) {
    const data = readState();
    const doc = answersDocument(data);
    if (kind === "yaml") download(fileName("yaml"), "application/yaml", toYaml(doc, pendingNa(data)));
    else if (kind === "json") download(fileName("json"), "application/json", escapeOdd(JSON.stringify(doc, null, 2)) + "\n");
    else if (kind === "markdown") {
      call("report", JSON.stringify(doc), "markdown", ROOT.href).then(({ payload }) => {
        if (payload.ok) download(fileName("md"), "text/markdown", payload.text);
        else errors("The report could not be made:", payload.problems);
      });
    }
  }

  // The file's bytes go to the engine's reader, which checks the encoding and the size as the CLI does;
  // one byte past the limit is enough for it to say the file is too large.
  function readFile(file) {
    const limit = (settings() || {}).max_bytes;
    return file.slice(0, limit + 1).arrayBuffer()
      .then((buffer) => call("read", new Uint8Array(buffer), file.name)).then(({ payload }) => payload);
  }

  // Replace the answers with an imported document; the previous ones stay one Undo away, and without
  // that backup nothing is replaced.
  function adopt(doc, changes, source, subject) {
    if (!store.backup()) {
      notice(MESSAGES.notLoaded(subject || source));
      return;
    }
    const next = stateFrom(doc, changes);
    writeState(next);
    refreshAll();
    const count = Object.keys(next.answers).length;
    const parts = describeChanges(changes);
    notice(`Loaded ${count} answer${count === 1 ? "" : "s"} from ${source}.` + (parts.length ? " " + parts.join("; ") + "." : ""), true);
  }

  function importFile(file) {
    errors();
    readFile(file).then((payload) => {
      if (!payload.ok) {
        errors(`${file.name} was not loaded; your current answers are unchanged. Problems:`, payload.problems);
        return;
      }
      adopt(payload.document, payload.changes, file.name);
    });
  }

  function compareFile(file) {
    errors();
    const box = document.querySelector("[data-p2p-compare]");
    readFile(file).then((payload) => {
      if (!payload.ok) {
        errors(`${file.name} cannot be compared. Problems:`, payload.problems);
        return null;
      }
      return call("compare", JSON.stringify(payload.document), JSON.stringify(answersDocument())).then(({ payload: out }) => {
        if (!out.ok) {
          errors("The comparison failed:", out.problems);
          return;
        }
        if (box) box.replaceChildren(...compareView(out.diff, file.name));
      });
    });
  }

  function signed(value) {
    if (value === null || value === undefined) return "n/a";
    return value > 0 ? "+" + fmt(value) : value < 0 ? fmt(value) : "\u00b10";
  }

  function compareView(diff, name) {
    const out = [el("h3", `What moved since ${name}`)];
    const d = diff.decision;
    out.push(el("p", d.old === d.new ? `Decision: ${LABELS[d.new]} (unchanged).` :
      `Decision: ${LABELS[d.old]} \u2192 ${LABELS[d.new]} (${d.direction}).`));
    out.push(el("p", `Score: ${fmt(diff.score.old)} \u2192 ${fmt(diff.score.new)} (${signed(diff.score.delta)}); ` +
      `weighted mean ${fmt(diff.mean.old)} \u2192 ${fmt(diff.mean.new)} (${signed(diff.mean.delta)}).`));
    const moved = diff.dimensions.filter((dim) => dim.delta);
    if (moved.length) {
      const [table, body] = tableWithHead("p2p-compare__table", ["Dimension", "Before", "Now", "Change"]);
      for (const dim of moved) {
        const tr = el("tr");
        for (const v of [dim.title, fmt(dim.old), fmt(dim.new), signed(dim.delta)]) tr.append(el("td", v));
        body.append(tr);
      }
      out.push(table);
    }
    const notes = [];
    if (diff.blockers_resolved.length) notes.push("Blockers resolved: " + diff.blockers_resolved.join(", "));
    if (diff.blockers_new.length) notes.push("New blockers: " + diff.blockers_new.join(", "));
    if (diff.unknown.old !== diff.unknown.new) notes.push(`Items not sure: ${diff.unknown.old} \u2192 ${diff.unknown.new}`);
    if (diff.versions.old !== diff.versions.new) notes.push(`Checklist versions differ: ${diff.versions.old || "none"} \u2192 ${diff.versions.new}`);
    if (notes.length) out.push(listOf(notes));
    if (diff.items.length) {
      out.push(el("p", `Answers changed (${diff.items.length}):`));
      out.push(listOf(diff.items.map((c) => `${c.item}: ${ANSWER_LABELS[c.old] || c.old} \u2192 ${ANSWER_LABELS[c.new] || c.new} (${c.direction})`)));
    } else {
      out.push(el("p", "No answer changed."));
    }
    return out;
  }

  function toBase64Url(bytes) {
    let text = "";
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function fromBase64Url(text) {
    const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const raw = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  async function pipe(bytes, stream) {
    const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
    return new Uint8Array(await out.arrayBuffer());
  }

  // Unpacks a share link, but never past `limit` + 1 bytes: a link of a few hundred kilobytes can
  // unpack to gigabytes. The packed bytes go in 4 KB at a time, each only once the last came out, so
  // the unpacking stops within a few megabytes of the limit.
  async function inflateAtMost(bytes, limit) {
    const SLICE = 4096;
    let offset = 0;
    const source = new ReadableStream({
      pull(controller) {
        if (offset >= bytes.length) controller.close();
        else controller.enqueue(bytes.slice(offset, (offset += SLICE)));
      },
    }, { highWaterMark: 0 });
    const reader = source.pipeThrough(new DecompressionStream("deflate-raw")).getReader();
    const out = new Uint8Array(limit + 1);
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const part = value.subarray(0, out.length - size);
      out.set(part, size);
      size += part.length;
      if (size === out.length) {
        reader.cancel().catch(() => {});
        break;
      }
    }
    return out.subarray(0, size);
  }

  async function shareLink() {
    const json = JSON.stringify(answersDocument());
    const packed = await pipe(new TextEncoder().encode(json), new CompressionStream("deflate-raw"));
    const page = document.querySelector("[data-p2p-assessment]") ? location.href.split("#")[0] :
      new URL("assessment/", ROOT).href;
    return page + "#" + SHARE_KEY + toBase64Url(packed);
  }

  // A share link's answers are read like an imported file: checked by the engine, text only.
  async function restoreShared() {
    if (!document.querySelector("[data-p2p-assessment]")) return;
    const hash = location.hash.slice(1);
    if (!hash.startsWith(SHARE_KEY)) return;
    history.replaceState(history.state, "", location.href.split("#")[0]);
    let bytes;
    try {
      bytes = await inflateAtMost(fromBase64Url(hash.slice(SHARE_KEY.length)), (settings() || {}).max_bytes);
    } catch (err) {
      errors("The share link could not be read; your current answers are unchanged.",
        [{ message: "the link is damaged or incomplete (copy the whole link, including everything after #)" }]);
      return;
    }
    // As bytes, like a file: the engine checks the encoding and says "too large" past the limit.
    const { payload } = await call("read", bytes, "shared link.json");
    if (!payload.ok) {
      errors("The share link's answers were not loaded; your current answers are unchanged. Problems:", payload.problems);
      return;
    }
    adopt(payload.document, payload.changes, "the share link", "The share link");
  }

  function clearAll() {
    const data = readState();
    const count = Object.keys(data.answers).length + Object.keys(data.kept || {}).length;
    if (!count && !data.pilot) return;
    if (!window.confirm(`Clear all ${count} answers saved in this browser? Export them first if you want to keep a copy.`)) return;
    if (!store.backup()) {
      notice(MESSAGES.notCleared);
      return;
    }
    writeState({ version: (settings() || {}).version || "", pilot: "", assessed: "", answers: dict() });
    refreshAll();
    notice(`Cleared ${count} answers.`, true);
  }

  // ---- calculators ------------------------------------------------------------------------------

  function readCalcs() {
    try {
      const data = JSON.parse(localStorage.getItem(CALCS) || "{}");
      return isObject(data) ? data : {};
    } catch (err) {
      return {};
    }
  }

  function numberOf(input) {
    const raw = input.value.trim();
    if (raw === "") return null;
    const n = Number(raw);
    return Number.isFinite(n) ? n : raw;
  }

  function calcInputs(form) {
    if (form.dataset.p2pCalc === "cost") {
      const inputs = {};
      for (const input of form.querySelectorAll("input[name]")) {
        const value = numberOf(input);
        if (value !== null) inputs[input.name] = value;
      }
      return inputs;
    }
    const target = form.querySelector('input[name="target_ms"]');
    const components = [];
    for (const row of form.querySelectorAll("[data-calc-row]")) {
      const name = row.querySelector('input[name="name"]').value;
      const budget = numberOf(row.querySelector('input[name="budget_ms"]'));
      const p95 = numberOf(row.querySelector('input[name="p95_ms"]'));
      if (!name.trim() && budget === null && p95 === null) continue;
      const component = { name, budget_ms: budget };
      if (p95 !== null) component.p95_ms = p95;
      components.push(component);
    }
    const out = { components };
    const t = numberOf(target);
    if (t !== null) out.target_ms = t;
    return out;
  }

  function restoreCalc(form) {
    const saved = readCalcs()[form.dataset.p2pCalc];
    if (!isObject(saved)) return;
    if (form.dataset.p2pCalc === "cost") {
      for (const input of form.querySelectorAll("input[name]")) {
        input.value = saved[input.name] === undefined ? "" : String(saved[input.name]);
      }
      return;
    }
    const target = form.querySelector('input[name="target_ms"]');
    target.value = saved.target_ms === undefined ? "" : String(saved.target_ms);
    const rows = Array.from(form.querySelectorAll("[data-calc-row]"));
    const components = Array.isArray(saved.components) ? saved.components : [];
    while (rows.length < components.length) rows.push(addRow(form));
    rows.forEach((row, n) => {
      const c = components[n] || {};
      row.querySelector('input[name="name"]').value = c.name || "";
      row.querySelector('input[name="budget_ms"]').value = c.budget_ms === undefined || c.budget_ms === null ? "" : String(c.budget_ms);
      row.querySelector('input[name="p95_ms"]').value = c.p95_ms === undefined || c.p95_ms === null ? "" : String(c.p95_ms);
    });
  }

  function addRow(form) {
    const body = form.querySelector("tbody");
    const n = body.children.length + 1;
    const row = el("tr");
    row.setAttribute("data-calc-row", "");
    for (const [name, type, label] of [["name", "text", `Component ${n}`], ["budget_ms", "number", `Component ${n} budget (ms)`],
      ["p95_ms", "number", `Component ${n} measured p95 (ms)`]]) {
      const td = el("td");
      const input = el("input");
      input.type = type;
      input.name = name;
      if (type === "number") input.min = "0";
      input.setAttribute("aria-label", label);
      td.append(input);
      row.append(td);
    }
    body.append(row);
    return row;
  }

  function runCalc(form) {
    const kind = form.dataset.p2pCalc;
    const inputs = calcInputs(form);
    const all = readCalcs();
    all[kind] = inputs;
    try {
      localStorage.setItem(CALCS, JSON.stringify(all));
    } catch (err) {
      /* not saved; still computed */
    }
    if (state !== "ready") return;
    const pending = call("calculate", kind, JSON.stringify(inputs));
    const mine = nextId - 1;
    latestCalc[kind] = mine;
    pending.then(({ id, payload }) => {
      if (latestCalc[kind] !== id) return;
      document.querySelectorAll(`[data-p2p-calc="${kind}"]`).forEach((f) => renderCalc(f, payload));
    });
  }

  function refreshCalculators() {
    const seen = new Set();
    document.querySelectorAll("[data-p2p-calc]").forEach((form) => {
      if (seen.has(form.dataset.p2pCalc)) return;
      seen.add(form.dataset.p2pCalc);
      runCalc(form);
    });
  }

  function money(value) {
    return value === null || value === undefined ? "n/a" :
      value.toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  function facts(pairs) {
    const dl = el("dl", null, "p2p-calc__facts");
    for (const [term, value] of pairs) dl.append(el("dt", term), el("dd", value));
    return dl;
  }

  function renderCalc(form, payload) {
    const output = form.querySelector("[data-calc-result]");
    form.querySelectorAll("[aria-invalid]").forEach((input) => input.removeAttribute("aria-invalid"));
    if (!payload.ok) {
      for (const p of payload.problems) {
        const match = /^(?:components\[(\d+)\]\.)?(\w+)/.exec(p.path || "");
        if (!match) continue;
        const scope = match[1] !== undefined ? form.querySelectorAll("[data-calc-row]")[Number(match[1])] : form;
        const input = scope && scope.querySelector(`input[name="${match[2]}"]`);
        if (input) input.setAttribute("aria-invalid", "true");
      }
      output.replaceChildren(el("p", "Check the inputs:", "p2p-calc__problem"), listOf(payload.problems.map((p) => p.message)));
      return;
    }
    const r = payload.result;
    if (form.dataset.p2pCalc === "cost") {
      const pairs = [
        ["Cost per workflow", r.cost_per_workflow.toLocaleString("en", { maximumFractionDigits: 6 })],
        ["Monthly cost now", money(r.monthly_cost)],
        [`Monthly cost in ${r.months} months`, money(r.monthly_cost_at_horizon)],
        ["Monthly cost at 10\u00d7 volume", money(r.monthly_cost_10x)],
      ];
      let verdict = "No ceiling given: set one to see the headroom.";
      if (r.ceiling !== null) {
        pairs.push(["Ceiling", money(r.ceiling)]);
        pairs.push([r.headroom >= 0 ? "Headroom now" : "Over the ceiling now by",
          money(Math.abs(r.headroom)) + (r.headroom_percent !== null ? ` (${fmt(Math.abs(r.headroom_percent))}%)` : "")]);
        if (r.max_cost_per_workflow_at_10x !== null) {
          pairs.push(["Cost per workflow that fits 10\u00d7 volume", r.max_cost_per_workflow_at_10x.toLocaleString("en", { maximumFractionDigits: 6 })]);
        }
        const month = r.crosses_ceiling_in_month;
        verdict = month === 0 ? "\u2716 Over the ceiling already." :
          month === null ? "\u2714 The ceiling is not crossed within 120 months at this growth." :
            `\u26a0 The ceiling is crossed in month ${month}.`;
        if (r.ceiling_multiple_10x !== null && r.ceiling_multiple_10x > 1) verdict += ` At 10\u00d7 volume the cost is ${r.ceiling_multiple_10x}\u00d7 the ceiling.`;
      }
      output.replaceChildren(el("p", verdict, "p2p-calc__verdict"), facts(pairs));
      return;
    }
    const [table, body] = tableWithHead("p2p-calc__table", ["Component", "Budget (ms)", "Measured p95 (ms)", "Status"]);
    for (const c of r.components) {
      const tr = el("tr");
      const status = c.status === "over" ? `\u2716 over by ${fmt(c.over_by_ms)} ms` : c.status === "ok" ? "\u2714 within budget" : "not measured";
      for (const v of [c.name, fmt(c.budget_ms), c.p95_ms === null ? "\u2014" : fmt(c.p95_ms), status]) tr.append(el("td", v));
      body.append(tr);
    }

    const budget = r.budget_within_target ?
      `\u2714 Budget: ${fmt(r.budget_total_ms)} ms allocated of the ${fmt(r.target_ms)} ms target (${fmt(r.unallocated_ms)} ms unallocated).` :
      `\u2716 Budget: ${fmt(r.budget_total_ms)} ms allocated, over the ${fmt(r.target_ms)} ms target by ${fmt(-r.unallocated_ms)} ms.`;
    const measured = r.measured_within_target === null ? "Measured: no component has a measured p95 yet." :
      r.measured_within_target ? `\u2714 Measured: ${fmt(r.measured_total_ms)} ms, within the target.` :
        `\u2716 Measured: ${fmt(r.measured_total_ms)} ms, over the target by ${fmt(r.measured_over_target_ms)} ms.`;
    output.replaceChildren(el("p", budget, "p2p-calc__verdict"), el("p", measured, "p2p-calc__verdict"), table);
  }

  // ---- mounting ---------------------------------------------------------------------------------

  function applyAnswers(container) {
    const data = readState();
    const pending = new Set(pendingNa(data));
    container.querySelectorAll("[data-item]").forEach((item) => {
      const id = item.getAttribute("data-item");
      const entry = data.answers[id];
      const value = answerOf(entry);
      item.querySelectorAll('input[type="radio"]').forEach((input) => {
        input.checked = input.value === value;
      });
      const reasonBox = item.querySelector(".p2p-item__reason");
      if (reasonBox) {
        reasonBox.hidden = value !== "na";
        const input = reasonBox.querySelector("input");
        if (input) {
          if (document.activeElement !== input) input.value = extra(entry, "reason");
          input.required = value === "na";
          if (pending.has(id)) input.setAttribute("aria-invalid", "true");
          else input.removeAttribute("aria-invalid");
        }
      }
      const note = item.querySelector(".p2p-item__note-input");
      if (note && document.activeElement !== note) {
        note.value = extra(entry, "note");
        const details = note.closest("details");
        if (details && note.value) details.open = true;
      }
    });
  }

  function applyTools(root) {
    const data = readState();
    root.querySelectorAll("[data-p2p-field]").forEach((input) => {
      if (document.activeElement !== input) input.value = text(data[input.dataset.p2pField]);
    });
  }

  function refreshPage() {
    document.querySelectorAll("[data-p2p-checklist], [data-p2p-assessment]").forEach(applyAnswers);
    document.querySelectorAll("[data-p2p-tools]").forEach(applyTools);
    updateCounts();
  }

  function refreshAll() {
    refreshPage();
    requestScore();
  }

  // Before the scorer is ready (or if it fails), the summaries still count the answers.
  function updateCounts() {
    if (state === "ready" && lastPayload) return;
    const data = readState();
    document.querySelectorAll("[data-p2p-summary]").forEach((node) => {
      const dim = node.getAttribute("data-p2p-summary");
      const ids = Array.from(document.querySelectorAll("[data-item]"))
        .map((n) => n.getAttribute("data-item")).filter((id) => id.split("-")[0] === dim);
      const unique = Array.from(new Set(ids));
      const answered = unique.filter((id) => CHOICES.includes(answerOf(data.answers[id]))).length;
      if (unique.length) setText(node, `${answered} of ${unique.length} answered` + (state === "ready" ? "" : "; the score appears when the scorer is ready."));
    });
  }

  function onChange(event) {
    const target = event.target;
    const item = target.closest("[data-item]");
    if (!item) return;
    const id = item.getAttribute("data-item");
    const data = readState();
    const previous = data.answers[id];
    const keep = (entry) => {
      const out = {};
      for (const key of EXTRAS) if (extra(previous, key)) out[key] = extra(previous, key);
      return { ...out, ...entry };
    };
    if (target.type === "radio") {
      const next = keep({ answer: target.value });
      if (target.value !== "na") delete next.reason;
      data.answers[id] = compact(next);
      // The reason field appears right after the choices (next in tab order); focus is not moved,
      // so arrow keys keep moving through the choices.
    } else if (target.classList.contains("p2p-item__reason-input")) {
      if (answerOf(previous) !== "na") return;
      data.answers[id] = keep({ answer: "na", reason: target.value });
    } else if (target.classList.contains("p2p-item__note-input")) {
      if (!CHOICES.includes(answerOf(previous))) {
        if (!target.value.trim()) return;
        data.answers[id] = { answer: "unsure", note: target.value };
      } else {
        const next = keep({ answer: answerOf(previous) });
        if (target.value.trim()) next.note = target.value;
        else delete next.note;
        data.answers[id] = compact(next);
      }
    } else {
      return;
    }
    writeState(data);
    applyAnswers(item.parentNode);
    updateCounts();
    ensureWorker();
    requestScore();
  }

  function onToolInput(event) {
    const field = event.target.dataset.p2pField;
    if (!field) return;
    const data = readState();
    data[field] = event.target.value;
    writeState(data);
    requestScore();
  }

  function onClick(event) {
    const button = event.target.closest("[data-p2p-action]");
    if (!button) return;
    const action = button.dataset.p2pAction;
    if (action.startsWith("export-")) exportAs(action.slice("export-".length));
    else if (action === "print") window.print();
    else if (action === "clear") clearAll();
    else if (action === "share") {
      shareLink().then((url) => {
        const field = document.querySelector("[data-p2p-share]");
        if (!field) return;
        field.value = url;
        field.closest("label").hidden = false;
        field.focus();
        field.select();
        notice(`Share link created (${url.length.toLocaleString()} characters). Anyone who opens it sees these answers; nothing was uploaded.`);
      });
    }
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
      if (!file) return;
      if (zone.dataset.p2pDrop === "compare") compareFile(file);
      else importFile(file);
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
      if (input.dataset.p2pFile === "compare") compareFile(file);
      else importFile(file);
    });
    tools.querySelectorAll("[data-p2p-drop]").forEach(wireDrop);
    root.addEventListener("change", (event) => {
      if (event.target.name !== "p2p-plan-view") return;
      planView = event.target.value;
      if (lastPayload && lastPayload.ok) {
        const pages = dict();
        for (const dim of lastPayload.result.dimensions) pages[dim.id] = dim.page;
        renderPlan(root.querySelector('[data-result="plan"]'), lastPayload.result, pages);
        const again = root.querySelector(`input[name="p2p-plan-view"][value="${planView}"]`);
        if (again) again.focus();
      }
    });
  }

  function mountCalc(form) {
    restoreCalc(form);
    const add = form.querySelector("[data-calc-add]");
    if (add) {
      add.hidden = false;
      add.addEventListener("click", () => {
        const row = addRow(form);
        row.querySelector("input").focus();
      });
    }
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("input", () => {
      ensureWorker();
      runCalc(form);
    });
  }

  function start() {
    ensureWorker();
    if (observer) observer.disconnect();
  }

  function mount() {
    renderAlerts(); // the page was swapped: show again what the reader must still know
    const containers = document.querySelectorAll("[data-p2p-checklist], [data-p2p-assessment]");
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
      container.addEventListener("input", (event) => {
        const cls = event.target.classList;
        if (cls.contains("p2p-item__reason-input") || cls.contains("p2p-item__note-input")) onChange(event);
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
    updateCounts();
    if (root || worker) {
      // The assessment page needs the scorer at once; once it runs, every page uses it.
      start();
      setState(state);
      if (state === "ready") {
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
  if (search) search.setAttribute("aria-label", "Search");

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(mount);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
