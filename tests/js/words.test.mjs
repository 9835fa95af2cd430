// The catalogue's templates: named fields filled, plural forms chosen by `count`, braces as Python writes them.
import assert from "node:assert/strict";
import { test } from "node:test";

import { ROOT, fill, say } from "../../docs/javascripts/words.js";

const WORDS = {
  loaded: { one: "Loaded {count} answer from {source}.", other: "Loaded {count} answers from {source}." },
  plain: "The scorer could not start: {reason}.",
  braces: "{{literal}} {name}",
};

test("fields are filled by name, and the plural form by count", () => {
  assert.equal(say("loaded", { count: 1, source: "a.yaml" }, WORDS), "Loaded 1 answer from a.yaml.");
  assert.equal(say("loaded", { count: 5, source: "a.yaml" }, WORDS), "Loaded 5 answers from a.yaml.");
  assert.equal(say("loaded", { count: 0, source: "x" }, WORDS), "Loaded 0 answers from x.");
  assert.equal(say("plain", { reason: "it stopped" }, WORDS), "The scorer could not start: it stopped.");
});

test("{{ and }} are braces; a field with no value stays as written; values are text, never templates", () => {
  assert.equal(fill(WORDS.braces, { name: "{reason}" }), "{literal} {reason}");
  assert.equal(fill("{a} and {b}", { a: "1" }), "1 and {b}");
  assert.equal(fill("{__proto__}{constructor}", {}), "{__proto__}{constructor}");
});

test("a key the catalogue lacks shows as the key and its parameters, not as borrowed words", () => {
  assert.equal(say("missing.key", {}, WORDS), "missing.key");
  assert.equal(say("missing.key", { name: "pyodide" }, WORDS), 'missing.key {"name":"pyodide"}');
  assert.equal(say("plain", {}, undefined), "plain");
});

test("the site root is the folder above javascripts/", () => {
  assert.ok(ROOT.href.endsWith("/docs/"));
});
