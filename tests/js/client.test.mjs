// The worker client: request ids returned by call(), answers matched to their requests, a scorer that
// fails or never arrives releases every caller with a reason (a catalogue key, worded by the page).
import assert from "node:assert/strict";
import { test } from "node:test";

import { makeClient } from "../../docs/javascripts/client.js";

class FakeWorker {
  constructor() {
    this.sent = [];
    this.terminated = false;
  }

  postMessage(message) {
    this.sent.push(message);
  }

  reply(data) {
    this.onmessage({ data });
  }

  terminate() {
    this.terminated = true;
  }
}

function setup(settings = { boot_timeout: 60 }, early = null) {
  const worker = new FakeWorker();
  const states = [];
  let ready = 0;
  const client = makeClient({
    root: new URL("https://example.org/p2p/"), settings: () => settings, early: () => early,
    onState: (state) => states.push(state), onReady: () => ready++,
    makeWorker: (url) => {
      worker.url = url.href;
      return worker;
    },
  });
  return { client, worker, states, ready: () => ready };
}

test("start sends init once, with the site root and the settings; ready is reported", () => {
  const { client, worker, states, ready } = setup({ boot_timeout: 0, model: "m.json" });
  client.start();
  client.start();
  assert.equal(worker.url, "https://example.org/p2p/javascripts/worker.mjs");
  assert.deepEqual(worker.sent, [{ type: "init", root: "https://example.org/p2p/", settings: { boot_timeout: 0, model: "m.json" } }]);
  worker.reply({ type: "ready", ms: 1, phases: {} });
  assert.deepEqual(states, ["loading", "ready"]);
  assert.equal(ready(), 1);
});

test("each call has its id at once, and its answer comes back with it, whatever the order", async () => {
  const { client, worker } = setup({ boot_timeout: 0 });
  client.start();
  worker.reply({ type: "ready", ms: 1, phases: {} });
  const first = client.call("score", "{}");
  const second = client.call("read", new Uint8Array([1]), "a.yaml");
  assert.ok(first.id < second.id);
  assert.deepEqual(worker.sent.slice(1), [{ type: "call", id: first.id, fn: "score", args: ["{}"] },
    { type: "call", id: second.id, fn: "read", args: [new Uint8Array([1]), "a.yaml"] }]);
  worker.reply({ type: "result", id: second.id, payload: { ok: true, n: 2 } });
  worker.reply({ type: "result", id: first.id, payload: { ok: true, n: 1 } });
  assert.deepEqual(await first, { id: first.id, payload: { ok: true, n: 1 } });
  assert.deepEqual(await second, { id: second.id, payload: { ok: true, n: 2 } });
});

test("a failure releases the waiting calls and every later one, naming the reason by key", async () => {
  const { client, worker, states } = setup({ boot_timeout: 0 });
  const waiting = client.call("score", "{}");
  worker.reply({ type: "error", key: "boot.no_settings", params: { name: "pyodide" } });
  assert.deepEqual(states, ["loading", "error"]);
  assert.equal(client.reason(), 'boot.no_settings {"name":"pyodide"}');
  const { payload } = await waiting;
  assert.equal(payload.ok, false);
  assert.match(payload.problems[0].message, /^status\.stopped/);
  const later = await client.call("score", "{}");
  assert.match(later.payload.problems[0].message, /^status\.unavailable/);
  assert.equal(worker.sent.length, 2, "nothing more is sent to a scorer that failed");
});

test("a scorer that never says ready is given up on after boot_timeout seconds", async () => {
  const { client, worker, states } = setup({ boot_timeout: 0.05 });
  client.start();
  await new Promise((resolve) => setTimeout(resolve, 120));
  assert.deepEqual(states, ["loading", "error"]);
  assert.ok(worker.terminated);
  assert.equal(client.reason(), 'boot.timeout {"seconds":0.05}');
  worker.reply({ type: "ready", ms: 1, phases: {} });
  assert.deepEqual(states, ["loading", "error"], "a late ready does not undo the failure");
});

test("the worker started early from <head> is adopted, with what it said meanwhile", () => {
  const early = { worker: new FakeWorker(), messages: [{ type: "ready", ms: 5, phases: {} }], taken: false };
  const { client, worker, states } = setup({ boot_timeout: 0 }, early);
  client.start();
  assert.equal(early.taken, true);
  assert.deepEqual(early.worker.sent, [], "no second init");
  assert.deepEqual(worker.sent, [], "no second worker");
  assert.deepEqual(states, ["loading", "ready"]);
  assert.equal(client.state(), "ready");
});

test("a page without settings starts nothing", () => {
  const { client, worker, states } = setup(null);
  client.start();
  assert.deepEqual([states, worker.sent, client.started()], [[], [], false]);
});
