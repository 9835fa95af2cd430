// One answer as the reader edits it: field names and answer values come from the markup, not from here.
import assert from "node:assert/strict";
import { test } from "node:test";

import { answerOf, choose, compact, fieldOf, withField } from "../../docs/javascripts/entries.js";

test("an entry is kept in its short form when it carries only its answer", () => {
  assert.equal(compact({ answer: "yes" }), "yes");
  assert.equal(compact({ answer: "yes", note: "  " }), "yes");
  assert.deepEqual(compact({ answer: "partial", note: "n", owner: "" }), { answer: "partial", note: "n" });
  assert.equal(compact("no"), "no");
});

test("a new answer keeps the entry's other fields, except those shown only for another answer", () => {
  assert.deepEqual(choose({ answer: "partial", note: "n" }, "no"), { answer: "no", note: "n" });
  assert.equal(choose({ answer: "na", reason: "vendor runs it" }, "yes", ["reason"]), "yes");
  assert.deepEqual(choose({ answer: "na", reason: "r", note: "n" }, "no", ["reason"]), { answer: "no", note: "n" });
  assert.equal(choose(undefined, "unsure"), "unsure");
  assert.deepEqual(choose({ answer: "no", evidence: "https://e.org" }, "yes"), { answer: "yes", evidence: "https://e.org" });
});

test("a text field is set or removed; an unanswered item gets the markup's answer only for real text", () => {
  assert.deepEqual(withField("partial", "note", "a note"), { answer: "partial", note: "a note" });
  assert.equal(withField({ answer: "partial", note: "a note" }, "note", " "), "partial");
  assert.deepEqual(withField(undefined, "note", "budget", { fallback: "unsure" }), { answer: "unsure", note: "budget" });
  assert.equal(withField(undefined, "note", "  ", { fallback: "unsure" }), undefined);
  assert.equal(withField(undefined, "note", "text"), undefined, "no rule given: nothing invented");
});

test("a field that belongs to one answer changes only with that answer", () => {
  assert.deepEqual(withField("na", "reason", "vendor", { when: "na" }), { answer: "na", reason: "vendor" });
  assert.equal(withField({ answer: "na", reason: "vendor" }, "reason", "", { when: "na" }), "na");
  assert.equal(withField("yes", "reason", "vendor", { when: "na" }), undefined);
});

test("answerOf and fieldOf read any entry, odd ones included", () => {
  assert.equal(answerOf("yes"), "yes");
  assert.equal(answerOf({ answer: "na", reason: "r" }), "na");
  assert.equal(answerOf({ answer: 3 }), "");
  assert.equal(answerOf(undefined), "");
  assert.equal(fieldOf({ answer: "yes", note: "n" }, "note"), "n");
  assert.equal(fieldOf({ answer: "yes", note: { x: 1 } }, "note"), "");
  assert.equal(fieldOf("yes", "note"), "");
});
