// The calculators (cost at scale, latency budget): the form's values, by input name, go to the engine
// (scoring.api.calculate), which answers with the read-out to show and the inputs to mark invalid. The
// markup (macros/render.py) names the inputs as the engine's fields (`components[0].budget_ms`) and holds
// the <template> of a new row, so this file knows no field and writes no label.

import { client, storage } from "./app.js";
import { readCalcs, writeCalc, isObject } from "./store.js";
import { show } from "./materialise.js";
import { fill, ROOT } from "./words.js";

const CTX = { root: ROOT };
const latest = new Map(); // calculator -> id of its latest request

/** `components[2].name` -> ["components", 2, "name"]. */
export function pathOf(name) {
  const parts = [];
  for (const match of name.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(match[2] !== undefined ? Number(match[2]) : match[1]);
  return parts;
}

/** The value of a form input as the engine reads it: a number input's number (empty: left out), else the text. */
export function inputValue(type, raw) {
  if (type !== "number") return raw;
  if (raw.trim() === "") return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : raw;
}

/** The inputs of `form` as one object, by their names' paths. */
export function formValues(inputs) {
  const out = {};
  for (const { name, type, value } of inputs) {
    const parsed = inputValue(type, value);
    const path = pathOf(name);
    if (!path.length) continue;
    let node = out;
    path.forEach((key, n) => {
      const last = n === path.length - 1;
      if (last) {
        if (parsed !== undefined) node[key] = parsed;
        return;
      }
      if (node[key] === undefined) node[key] = typeof path[n + 1] === "number" ? [] : {};
      node = node[key];
    });
  }
  return out;
}

/** Every input path of a saved object: {a: [{b: 1}]} -> [["a[0].b", 1]]. */
export function flatten(value, prefix = "") {
  if (Array.isArray(value)) return value.flatMap((v, n) => flatten(v, `${prefix}[${n}]`));
  if (isObject(value)) return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  return [[prefix, value]];
}

function inputs(form) {
  return Array.from(form.querySelectorAll("input[name]"));
}

/** A new row from the form's <template>, its `{index}` and `{number}` filled in every attribute. */
function addRow(form) {
  const rows = form.querySelector("[data-calc-rows]");
  const template = form.querySelector("template[data-calc-template]");
  if (!rows || !template) return null;
  const index = rows.children.length;
  const fragment = template.content.cloneNode(true);
  for (const node of fragment.querySelectorAll("*")) {
    for (const attr of Array.from(node.attributes)) {
      node.setAttribute(attr.name, fill(attr.value, { index, number: index + 1 }));
    }
  }
  const row = fragment.firstElementChild;
  rows.append(fragment);
  return row;
}

function restoreCalc(form) {
  const saved = readCalcs(storage)[form.dataset.p2pCalc];
  if (!isObject(saved)) return;
  const values = new Map(flatten(saved));
  const rows = form.querySelector("[data-calc-rows]");
  if (rows) {
    const name = rows.getAttribute("data-calc-rows");
    const wanted = Array.isArray(saved[name]) ? saved[name].length : 0;
    while (rows.children.length < wanted && addRow(form));
  }
  for (const input of inputs(form)) {
    const value = values.get(input.name);
    input.value = value === undefined || value === null ? "" : String(value);
  }
}

function runCalc(form) {
  const kind = form.dataset.p2pCalc;
  const values = formValues(inputs(form));
  writeCalc(storage, kind, values);
  if (client.state() !== "ready") return;
  const pending = client.call("calculate", kind, JSON.stringify(values));
  latest.set(kind, pending.id);
  pending.then(({ id, payload }) => {
    if (latest.get(kind) !== id) return;
    document.querySelectorAll(`[data-p2p-calc="${CSS.escape(kind)}"]`).forEach((f) => showCalc(f, payload));
  });
}

/** The names of the inputs the engine found invalid: `{row, field}` against the form's rows. */
function invalidNames(form, payload) {
  const rows = form.querySelector("[data-calc-rows]");
  const prefix = rows ? rows.getAttribute("data-calc-rows") : "";
  if (Array.isArray(payload.invalid)) {
    return payload.invalid.map(({ row, field }) => (row === null || row === undefined ? field : `${prefix}[${row}].${field}`));
  }
  return (payload.problems || []).map((p) => p.path).filter(Boolean);
}

function showCalc(form, payload) {
  const output = form.querySelector("[data-calc-result]");
  form.querySelectorAll("[aria-invalid]").forEach((input) => input.removeAttribute("aria-invalid"));
  if (!payload.ok) {
    const names = new Set(invalidNames(form, payload));
    for (const input of inputs(form)) if (names.has(input.name)) input.setAttribute("aria-invalid", "true");
  }
  show(output, payload.doc || [], CTX);
}

export function refreshCalculators() {
  const seen = new Set();
  document.querySelectorAll("[data-p2p-calc]").forEach((form) => {
    if (seen.has(form.dataset.p2pCalc)) return;
    seen.add(form.dataset.p2pCalc);
    runCalc(form);
  });
}

export function mountCalc(form) {
  restoreCalc(form);
  const add = form.querySelector("[data-calc-add]");
  if (add) {
    add.hidden = false;
    add.addEventListener("click", () => {
      const row = addRow(form);
      if (row && row.querySelector("input")) row.querySelector("input").focus();
    });
  }
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", () => {
    client.start();
    runCalc(form);
  });
}
