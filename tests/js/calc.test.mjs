// The calculator forms as the engine's input: input names are the engine's field paths, so the form's
// values become its input without the page knowing a single field.
import assert from "node:assert/strict";
import { test } from "node:test";

import { flatten, formValues, inputValue, pathOf } from "../../docs/javascripts/calc.js";

const input = (name, value, type = "number") => ({ name, value, type });

test("input names are paths", () => {
  assert.deepEqual(pathOf("target_ms"), ["target_ms"]);
  assert.deepEqual(pathOf("components[12].p95_ms"), ["components", 12, "p95_ms"]);
});

test("number inputs are numbers, empty ones are left out, text stays as typed", () => {
  assert.equal(inputValue("number", " 0.02 "), 0.02);
  assert.equal(inputValue("number", ""), undefined);
  assert.equal(inputValue("number", "abc"), "abc", "the engine says what is wrong with it");
  assert.equal(inputValue("text", "  Model call "), "  Model call ");
});

test("the latency form becomes the calculator's input, row by row", () => {
  const values = formValues([input("target_ms", "3000"),
    input("components[0].name", "Retrieval", "text"), input("components[0].budget_ms", "400"), input("components[0].p95_ms", "650"),
    input("components[1].name", "Guardrails", "text"), input("components[1].budget_ms", "500"), input("components[1].p95_ms", "")]);
  assert.deepEqual(values, { target_ms: 3000, components: [{ name: "Retrieval", budget_ms: 400, p95_ms: 650 },
    { name: "Guardrails", budget_ms: 500 }] });
  assert.deepEqual(formValues([input("ceiling", ""), input("cost_per_call", "-1")]), { cost_per_call: -1 });
});

test("saved inputs give back each input's value by name", () => {
  assert.deepEqual(flatten({ target_ms: 3000, components: [{ name: "a", budget_ms: 1 }] }),
    [["target_ms", 3000], ["components[0].name", "a"], ["components[0].budget_ms", 1]]);
});
