// The checklist items on the page and the reader's answers to them: the radios, the text fields of an
// answer (`data-p2p-extra`: reason, note…), the pilot's name and date. The markup (macros/render.py) says
// which answer shows which field (`data-p2p-when`) and which answer a note alone is filed under
// (`data-p2p-fallback`); this file applies what it says and saves.

import { client, store } from "./app.js";
import { answerOf, choose, fieldOf, withField } from "./entries.js";
import { requestScore, updateCounts } from "./results.js";

/** Show the saved answers in `container`'s items. */
export function applyAnswers(container) {
  const data = store.state();
  container.querySelectorAll("[data-item]").forEach((item) => {
    const entry = data.answers[item.getAttribute("data-item")];
    const value = answerOf(entry);
    item.querySelectorAll('input[type="radio"]').forEach((input) => {
      input.checked = input.value === value;
    });
    item.querySelectorAll("[data-p2p-when]").forEach((box) => {
      box.hidden = value !== box.getAttribute("data-p2p-when");
    });
    item.querySelectorAll("[data-p2p-extra]").forEach((input) => {
      if (document.activeElement !== input) input.value = fieldOf(entry, input.getAttribute("data-p2p-extra"));
      const box = input.closest("[data-p2p-when]");
      if (box) {
        // A field shown only for one answer is required with it: until it is filled, it is marked.
        input.required = !box.hidden;
        if (input.required && !input.validity.valid) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      }
      const details = input.closest("details");
      if (details && input.value) details.open = true;
    });
  });
}

/** The pilot's name and date, in the tools' fields. */
export function applyTools(root) {
  const data = store.state();
  root.querySelectorAll("[data-p2p-field]").forEach((input) => {
    const value = data[input.dataset.p2pField];
    if (document.activeElement !== input) input.value = typeof value === "string" ? value : "";
  });
}

export function refreshPage() {
  document.querySelectorAll("[data-p2p-checklist], [data-p2p-assessment], [data-p2p-quick]").forEach(applyAnswers);
  document.querySelectorAll("[data-p2p-tools]").forEach(applyTools);
  updateCounts();
}

export function refreshAll() {
  refreshPage();
  requestScore();
}

/** An answer or one of its fields changed: save the entry and score again. */
export function onChange(event) {
  const target = event.target;
  const item = target.closest("[data-item]");
  if (!item) return;
  const id = item.getAttribute("data-item");
  const data = store.state();
  const previous = data.answers[id];
  let next;
  if (target.type === "radio") {
    // Fields shown only for another answer go with it (a reason that belongs to one answer).
    const dropped = [];
    item.querySelectorAll("[data-p2p-when]").forEach((box) => {
      if (box.getAttribute("data-p2p-when") === target.value) return;
      box.querySelectorAll("[data-p2p-extra]").forEach((input) => dropped.push(input.getAttribute("data-p2p-extra")));
    });
    next = choose(previous, target.value, dropped);
    // The reason field appears right after the choices (next in tab order); focus is not moved,
    // so arrow keys keep moving through the choices.
  } else if (target.hasAttribute("data-p2p-extra")) {
    const box = target.closest("[data-p2p-when]");
    next = withField(previous, target.getAttribute("data-p2p-extra"), target.value, {
      when: box ? box.getAttribute("data-p2p-when") : undefined,
      fallback: target.getAttribute("data-p2p-fallback") || undefined,
    });
  }
  if (next === undefined) return;
  data.answers[id] = next;
  store.save(data);
  applyAnswers(item.parentNode);
  updateCounts();
  client.start();
  requestScore();
}

/** The pilot's name or date changed. */
export function onToolInput(event) {
  const field = event.target.dataset.p2pField;
  if (!field) return;
  const data = store.state();
  data[field] = event.target.value;
  store.save(data);
  requestScore();
}
