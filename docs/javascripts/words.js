// The page's settings and the words it shows before (or without) the scorer: both come from Python at
// build time, in the settings tag that overrides/main.html writes (macros/assets.py fills it; the words are
// scoring/words.py's catalogue). This file only fills a template's named fields and picks a plural form.

/** The id of the JSON settings tag in every page's <head> (overrides/main.html). */
export const SETTINGS_ID = "p2p-settings";

/** The site's root, from this module's own URL (javascripts/words.js): right under any sub-path. */
export const ROOT = new URL("../", import.meta.url);

let cached = null;

/** The settings as the build wrote them, or null when the tag is missing or unreadable. */
export function settings(doc = globalThis.document) {
  if (cached) return cached;
  const tag = doc && doc.getElementById(SETTINGS_ID);
  try {
    cached = tag ? JSON.parse(tag.textContent) : null;
  } catch (err) {
    cached = null;
  }
  return cached;
}

/**
 * A catalogue entry with its fields filled: `{name}` takes `params.name`, `{{` and `}}` are braces (as
 * Python's str.format); an entry `{one, other}` is chosen by `params.count`. A field with no value is
 * left as it is written, so a missing parameter shows instead of vanishing.
 * @param {string | {one: string, other: string}} entry
 * @param {Record<string, string | number>} [params]
 */
export function fill(entry, params = {}) {
  let template = entry;
  if (entry !== null && typeof entry === "object") template = Number(params.count) === 1 ? entry.one : entry.other;
  if (typeof template !== "string") return "";
  return template.replace(/\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (match, name) => {
    if (match === "{{") return "{";
    if (match === "}}") return "}";
    return Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : match;
  });
}

/**
 * The words for `key`, filled. A key the catalogue lacks is shown as the key and its parameters, so that
 * a page built without the catalogue still says which message it meant (and never borrows one).
 * @param {string} key
 * @param {Record<string, string | number>} [params]
 * @param {Record<string, unknown>} [words] the catalogue; by default the page's
 */
export function say(key, params = {}, words = (settings() || {}).words) {
  const entry = words && Object.prototype.hasOwnProperty.call(words, key) ? words[key] : undefined;
  if (entry === undefined) {
    const shown = Object.keys(params).length ? " " + JSON.stringify(params) : "";
    return key + shown;
  }
  return fill(entry, params);
}
