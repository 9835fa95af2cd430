// Live checklists: one assessment state shared by every page, scored by the Python engine in a
// module web worker (worker.mjs). Mounted on every page swap of mkdocs-material's instant
// navigation (document$), found by data attributes; all text is inserted with textContent.
(function () {
  "use strict";

  // The site root, from this script's own URL (javascripts/pilot2prod.js): right under any sub-path.
  const ROOT = new URL("../", document.currentScript.src);
  const STORE = "pilot2prod.assessment";
  const CHOICES = ["yes", "partial", "no", "unsure", "na"];
  const LABELS = { go: "Go", conditional: "Conditional", "no-go": "No-go" };

  let worker = null;
  let state = "idle"; // idle | loading | ready | error
  let errorText = "";
  let nextId = 1;
  let latest = 0;
  let lastPayload = null;
  const waiting = new Map();

  // ---- answers, kept in localStorage ---------------------------------------------------------

  function readState() {
    try {
      const data = JSON.parse(localStorage.getItem(STORE) || "null");
      if (data && typeof data === "object" && data.answers && typeof data.answers === "object") return data;
    } catch (err) {
      /* unreadable storage: start empty, never throw */
    }
    return { pilot: "", answers: {} };
  }

  function writeState(data) {
    try {
      localStorage.setItem(STORE, JSON.stringify(data));
    } catch (err) {
      /* storage full or disabled: the page still scores */
    }
  }

  function answerOf(entry) {
    return entry && typeof entry === "object" ? entry.answer : entry;
  }

  function settings() {
    const tag = document.getElementById("__p2p");
    return tag ? JSON.parse(tag.textContent) : null;
  }

  // The document the engine scores: the same shape as an answers file.
  function answersDocument() {
    const data = readState();
    const answers = {};
    for (const [id, entry] of Object.entries(data.answers)) {
      const value = answerOf(entry);
      if (!CHOICES.includes(value)) continue;
      if (value === "na") {
        const reason = (entry && entry.reason) || "";
        answers[id] = { answer: "na", reason: reason.trim() || "marked not applicable (no reason given yet)" };
      } else {
        answers[id] = value;
      }
    }
    const cfg = settings();
    return { pilot: data.pilot || "", version: (cfg && cfg.version) || "", answers };
  }

  // ---- the worker -----------------------------------------------------------------------------

  function ensureWorker() {
    if (worker) return;
    const cfg = settings();
    if (!cfg) return;
    setState("loading");
    try {
      worker = new Worker(new URL("javascripts/worker.mjs", ROOT), { type: "module" });
    } catch (err) {
      fail("this browser cannot start the scorer (" + err + ")");
      return;
    }
    worker.onmessage = (event) => {
      const msg = event.data;
      if (msg.type === "ready") {
        setState("ready");
        requestScore();
      } else if (msg.type === "error") {
        fail(msg.message);
      } else if (msg.type === "result") {
        const resolve = waiting.get(msg.id);
        waiting.delete(msg.id);
        if (resolve) resolve(msg.payload);
      }
    };
    worker.onerror = (event) => fail(event.message || "the scorer stopped");
    worker.postMessage({ type: "init", root: ROOT.href, settings: cfg });
  }

  function call(message) {
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      worker.postMessage({ ...message, id });
    }).then((payload) => ({ id, payload }));
  }

  function requestScore() {
    if (!worker || state !== "ready") return;
    const pending = call({ type: "score", answers: answersDocument() });
    latest = nextId - 1;
    pending.then(({ id, payload }) => {
      if (id !== latest) return; // a newer answer is already being scored
      lastPayload = payload;
      render(payload);
    });
  }

  function fail(message) {
    errorText = message;
    setState("error");
  }

  function setState(value) {
    state = value;
    document.querySelectorAll("[data-p2p-assessment], [data-p2p-checklist]").forEach((el) => {
      el.setAttribute("data-scorer-state", value);
    });
    document.querySelectorAll("[data-p2p-status]").forEach((el) => {
      el.textContent =
        value === "loading" ? "Loading the scorer… you can answer meanwhile." :
        value === "ready" ? "" :
        value === "error" ? "The scorer could not start: " + errorText + ". Your answers are saved in this browser." : "";
      el.hidden = value === "ready";
    });
  }

  // ---- results --------------------------------------------------------------------------------

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function fmt(value) {
    return value === null || value === undefined ? "n/a" : String(Math.round(value * 10) / 10);
  }

  function render(payload) {
    if (!payload.ok) {
      const status = document.querySelector("[data-p2p-status]");
      if (status) {
        status.hidden = false;
        status.textContent = "These answers cannot be scored: " + payload.problems.map((p) => p.message).join("; ");
      }
      return;
    }
    const result = payload.result;
    for (const dim of result.dimensions) {
      document.querySelectorAll(`[data-p2p-summary="${dim.id}"]`).forEach((node) => {
        node.textContent = `${dim.title}: ${fmt(dim.score)} (${dim.level}) — ${dim.answered} of ${dim.items} answered`;
      });
    }
    const root = document.querySelector("[data-p2p-assessment]");
    if (!root) return;
    const decision = root.querySelector('[data-result="decision"]');
    decision.textContent = LABELS[result.decision];
    decision.setAttribute("data-value", result.decision);
    decision.className = "p2p-decision p2p-decision--" + result.decision;
    const score = root.querySelector('[data-result="score"]');
    score.textContent = fmt(result.score);
    score.setAttribute("data-value", result.score === null ? "" : String(result.score));
    const level = root.querySelector('[data-result="level"]');
    if (level) level.textContent = `${result.level} · weighted mean ${fmt(result.mean)}`;
    const reasons = root.querySelector('[data-result="reasons"]');
    if (reasons) reasons.replaceChildren(...result.reasons.map((r) => el("li", r)));

    const dims = root.querySelector('[data-result="dimensions"]');
    if (dims) {
      const chart = new DOMParser().parseFromString(payload.chart, "image/svg+xml").documentElement;
      dims.replaceChildren(el("h3", "Dimensions"), document.importNode(chart, true));
    }
    const plan = root.querySelector('[data-result="plan"]');
    if (plan) {
      const list = el("ol", null, "p2p-plan");
      for (const step of result.plan) {
        const li = el("li", null, step.blocker ? "p2p-plan__step p2p-plan__step--blocker" : "p2p-plan__step");
        li.setAttribute("data-plan-item", step.item);
        li.append(el("strong", step.item), document.createTextNode(" " + step.action + " "),
          el("span", `(${step.phase}, ${step.owner}${step.blocker ? ", blocker" : ""})`, "p2p-plan__meta"));
        list.append(li);
      }
      plan.replaceChildren(el("h3", `Plan (${result.plan.length} actions)`), list);
    }
  }

  // ---- mounting -------------------------------------------------------------------------------

  function applyAnswers(container) {
    const data = readState();
    container.querySelectorAll("[data-item]").forEach((item) => {
      const id = item.getAttribute("data-item");
      const value = answerOf(data.answers[id]);
      item.querySelectorAll('input[type="radio"]').forEach((input) => {
        input.checked = input.value === value;
      });
      const reasonBox = item.querySelector(".p2p-item__reason");
      if (reasonBox) {
        reasonBox.hidden = value !== "na";
        const input = reasonBox.querySelector("input");
        const entry = data.answers[id];
        if (input) input.value = entry && typeof entry === "object" ? entry.reason || "" : "";
      }
    });
  }

  function onChange(event) {
    const target = event.target;
    const item = target.closest("[data-item]");
    if (!item) return;
    const id = item.getAttribute("data-item");
    const data = readState();
    if (target.type === "radio") {
      const previous = data.answers[id];
      data.answers[id] = target.value === "na"
        ? { answer: "na", reason: previous && typeof previous === "object" ? previous.reason || "" : "" }
        : target.value;
      const reasonBox = item.querySelector(".p2p-item__reason");
      if (reasonBox) reasonBox.hidden = target.value !== "na";
    } else if (target.classList.contains("p2p-item__reason-input")) {
      data.answers[id] = { answer: "na", reason: target.value };
    } else {
      return;
    }
    writeState(data);
    ensureWorker();
    requestScore();
  }

  function mount() {
    const containers = document.querySelectorAll("[data-p2p-checklist], [data-p2p-assessment]");
    if (!containers.length) return;
    containers.forEach((container) => {
      applyAnswers(container);
      if (container.dataset.p2pMounted) return;
      container.dataset.p2pMounted = "1";
      container.addEventListener("change", onChange);
      container.addEventListener("input", (event) => {
        if (event.target.classList.contains("p2p-item__reason-input")) onChange(event);
      });
    });
    ensureWorker();
    setState(state === "idle" ? "loading" : state);
    if (state === "ready") requestScore();
    else if (lastPayload) render(lastPayload);
  }

  // Another tab changed the answers: show them here too.
  window.addEventListener("storage", (event) => {
    if (event.key !== STORE) return;
    document.querySelectorAll("[data-p2p-checklist], [data-p2p-assessment]").forEach(applyAnswers);
    requestScore();
  });

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(mount);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
