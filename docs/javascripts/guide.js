// The guided assessment: one dimension shown at a time (the others `hidden`, so only the one shown is laid
// out), a step list with each dimension's progress, previous / next, the next question still without an
// answer, and the toggle back to the single long view (print shows every dimension whatever is chosen:
// pilot2prod.css). The markup is macros/render.py's (assessment); the words are the catalogue's.

import { say } from "./words.js";

const SECTION = ".p2p-assessment__dimension";

function sectionsOf(root) {
  return Array.from(root.querySelectorAll(SECTION));
}

function idOf(section) {
  return section.getAttribute("data-p2p-checklist");
}

function everything(root) {
  const box = root.querySelector("[data-p2p-all]");
  return Boolean(box && box.checked);
}

function hasAnswer(item) {
  return item.querySelector('input[type="radio"]:checked') !== null;
}

/** Each step's count of questions with an answer, from the radios on the page; a step all done is marked. */
export function updateSteps(root) {
  if (!root || !root.querySelector("[data-p2p-steps]")) return;
  for (const section of sectionsOf(root)) {
    const items = Array.from(section.querySelectorAll("[data-item]"));
    const done = items.filter(hasAnswer).length;
    const id = idOf(section);
    const count = root.querySelector(`[data-p2p-step-count="${CSS.escape(id)}"]`);
    const text = say("summary.counted", { count: done, total: items.length });
    if (count && count.textContent !== text) count.textContent = text;
    const step = root.querySelector(`[data-p2p-step="${CSS.escape(id)}"]`);
    if (step) step.toggleAttribute("data-p2p-done", done === items.length);
  }
}

/** Show the dimension `id` alone (or every dimension, in the long view); with `focus`, move to its heading. */
export function showDimension(root, id, focus = false) {
  const sections = sectionsOf(root);
  const all = everything(root);
  const index = Math.max(0, sections.findIndex((section) => idOf(section) === id));
  const current = sections[index];
  if (!current) return;
  root.dataset.p2pCurrent = idOf(current);
  root.toggleAttribute("data-p2p-long", all);
  sections.forEach((section) => {
    section.hidden = !all && section !== current;
  });
  root.querySelectorAll("[data-p2p-step]").forEach((step) => {
    if (!all && step.getAttribute("data-p2p-step") === idOf(current)) step.setAttribute("aria-current", "step");
    else step.removeAttribute("aria-current");
  });
  const previous = root.querySelector('[data-p2p-go="previous"]');
  const next = root.querySelector('[data-p2p-go="next"]');
  if (previous) previous.hidden = all || index === 0;
  if (next) next.hidden = all || index === sections.length - 1;
  const status = root.querySelector("[data-p2p-turn-status]");
  if (status) status.textContent = "";
  if (focus) {
    const heading = current.querySelector(".p2p-assessment__title");
    if (heading) {
      heading.focus({ preventScroll: true });
      heading.scrollIntoView({ block: "start" });
    }
  }
}

function turn(root, by) {
  const sections = sectionsOf(root);
  const index = sections.findIndex((section) => idOf(section) === root.dataset.p2pCurrent);
  const target = sections[index + by];
  if (target) showDimension(root, idOf(target), true);
}

/** The first question without an answer after the one with the focus (or the dimension shown), wrapping round. */
export function nextOpen(root) {
  const items = Array.from(root.querySelectorAll(`${SECTION} [data-item]`));
  const here = document.activeElement && document.activeElement.closest && document.activeElement.closest("[data-item]");
  let start = here ? items.indexOf(here) + 1 : -1;
  if (start <= 0) {
    const section = root.querySelector(`${SECTION}[data-p2p-checklist="${CSS.escape(root.dataset.p2pCurrent || "")}"]`);
    start = section ? Math.max(0, items.indexOf(section.querySelector("[data-item]"))) : 0;
  }
  for (let n = 0; n < items.length; n++) {
    const item = items[(start + n) % items.length];
    if (!hasAnswer(item)) return item;
  }
  return null;
}

function goToOpen(root) {
  const item = nextOpen(root);
  if (!item) {
    const status = root.querySelector("[data-p2p-turn-status]");
    if (status) status.textContent = say("steps.done");
    return;
  }
  showDimension(root, idOf(item.closest(SECTION)));
  const radio = item.querySelector('input[type="radio"]');
  radio.focus({ preventScroll: true });
  item.scrollIntoView({ block: "center" });
}

/** The dimension to open with: the one the address names, else the first with a question still open. */
function firstShown(root) {
  const sections = sectionsOf(root);
  const named = location.hash.startsWith("#assess-") ? location.hash.slice("#assess-".length) : "";
  if (sections.some((section) => idOf(section) === named)) return named;
  const open = sections.find((section) => Array.from(section.querySelectorAll("[data-item]")).some((i) => !hasAnswer(i)));
  return idOf(open || sections[0]);
}

/** Wire the guided assessment in `root` (the assessment page's `[data-p2p-assessment]`), once per page. */
export function mountGuide(root) {
  const steps = root.querySelector("[data-p2p-steps]");
  if (!steps || root.dataset.p2pGuided) return;
  root.dataset.p2pGuided = "1";
  steps.hidden = false;
  const turnBox = root.querySelector("[data-p2p-turn]");
  if (turnBox) turnBox.hidden = false;
  showDimension(root, firstShown(root));
  updateSteps(root);
  steps.addEventListener("click", (event) => {
    const step = event.target.closest("[data-p2p-step]");
    if (!step) return;
    event.preventDefault();
    showDimension(root, step.getAttribute("data-p2p-step"), true);
  });
  steps.addEventListener("change", (event) => {
    if (event.target.hasAttribute("data-p2p-all")) showDimension(root, root.dataset.p2pCurrent);
  });
  if (turnBox) {
    turnBox.addEventListener("click", (event) => {
      const button = event.target.closest("[data-p2p-go]");
      if (!button) return;
      const go = button.getAttribute("data-p2p-go");
      if (go === "todo") goToOpen(root);
      else turn(root, go === "next" ? 1 : -1);
    });
  }
  root.addEventListener("change", (event) => {
    if (event.target.type === "radio" && event.target.closest("[data-item]")) updateSteps(root);
  });
}
