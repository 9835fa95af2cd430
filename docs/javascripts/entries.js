// One saved answer ("entry") as the reader edits it: an answer value, or {answer, note?, reason?, …}. The
// values and field names come from the page's markup (macros/render.py: the radio values, and each text
// field's data-p2p-extra), so this file knows none of them; whether an entry is acceptable is the engine's
// to say when it scores.

import { isObject } from "./store.js";

/** The answer value of an entry ("" when there is none). */
export function answerOf(entry) {
  const value = isObject(entry) ? entry.answer : entry;
  return typeof value === "string" ? value : "";
}

/** A text field of an entry ("" when there is none). */
export function fieldOf(entry, name) {
  return isObject(entry) && typeof entry[name] === "string" ? entry[name] : "";
}

/** The entry in its short form when it carries nothing but the answer, as an answers file writes it. */
export function compact(entry) {
  if (!isObject(entry)) return entry;
  const out = {};
  for (const [key, value] of Object.entries(entry)) {
    if (typeof value === "string" && key !== "answer" && !value.trim()) continue;
    out[key] = value;
  }
  return Object.keys(out).length === 1 && "answer" in out ? out.answer : out;
}

/**
 * The entry with a new answer: every other field kept, except `dropped` (the fields shown only for
 * another answer, such as a reason that belongs to one answer only).
 * @param {unknown} entry
 * @param {string} value
 * @param {string[]} [dropped]
 */
export function choose(entry, value, dropped = []) {
  const out = isObject(entry) ? { ...entry } : {};
  out.answer = value;
  for (const name of dropped) delete out[name];
  return compact(out);
}

/**
 * The entry with a text field set (blank: removed). An entry with no answer yet gets `fallback` as its
 * answer when the text is not blank, so that a note is never lost for want of an answer; with none
 * given, nothing changes. Returns undefined when the entry is to stay as it was.
 * @param {unknown} entry
 * @param {string} name
 * @param {string} text
 * @param {{fallback?: string, when?: string}} [rules] from the markup: the answer a text alone is filed
 *   under, and the only answer this field belongs to
 */
export function withField(entry, name, text, rules = {}) {
  const answer = answerOf(entry);
  if (rules.when && answer !== rules.when) return undefined;
  if (!answer) {
    if (!text.trim() || !rules.fallback) return undefined;
    return { answer: rules.fallback, [name]: text };
  }
  const out = isObject(entry) ? { ...entry } : { answer };
  if (text.trim()) out[name] = text;
  else delete out[name];
  return compact(out);
}
