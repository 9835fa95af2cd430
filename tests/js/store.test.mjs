// The storage rules of docs/privacy.md on a fake localStorage: backups before destructive steps, unreadable
// text moved aside (never overwritten), a full or refused storage reported while the page works from memory.
import assert from "node:assert/strict";
import { test } from "node:test";

import { BACKUP, CALCS, RECOVERY, STORE, dict, makeStore, parse, readCalcs, recoveryNumber, writeCalc }
  from "../../docs/javascripts/store.js";
import { FakeStorage } from "./fake-storage.mjs";

const empty = () => ({ version: "", pilot: "", assessed: "", answers: dict() });

function setup(storage = new FakeStorage()) {
  const events = [];
  const report = {
    unsaved: (reason) => events.push(["unsaved", reason]),
    unreadable: (reason, key) => events.push(["unreadable", reason, key]),
    movedAside: (key) => events.push(["movedAside", key]),
  };
  return { storage, events, store: makeStore(report, storage, empty) };
}

const state = (answers, extra = {}) => ({ version: "1.1.0", pilot: "", assessed: "", answers, ...extra });

test("nothing saved: an empty state, nothing reported, nothing written", () => {
  const { storage, events, store } = setup();
  assert.deepEqual(JSON.parse(JSON.stringify(store.state())), { version: "", pilot: "", assessed: "", answers: {} });
  assert.equal(store.saved(), false);
  assert.deepEqual(events, []);
  assert.equal(storage.items.size, 0);
});

test("saved answers load, and a save is written and read back", () => {
  const { storage, store } = setup();
  storage.setItem(STORE, JSON.stringify(state({ "OWN-001": "yes" })));
  const data = store.state();
  assert.equal(data.answers["OWN-001"], "yes");
  data.answers["OWN-002"] = { answer: "partial", note: "n" };
  assert.equal(store.save(data), true);
  assert.deepEqual(JSON.parse(storage.getItem(STORE)).answers, { "OWN-001": "yes", "OWN-002": { answer: "partial", note: "n" } });
});

test("ids named like JavaScript properties are plain keys", () => {
  const { storage, store } = setup();
  storage.setItem(STORE, '{"answers": {"__proto__": "yes", "constructor": "no", "toString": {"answer": "na"}}}');
  const data = store.state();
  assert.equal(Object.getPrototypeOf(data.answers), null);
  assert.deepEqual(Object.keys(data.answers), ["__proto__", "constructor", "toString"]);
  assert.equal(data.answers.__proto__, "yes");
  store.save(data);
  assert.equal(storage.getItem(STORE), '{"answers":{"__proto__":"yes","constructor":"no","toString":{"answer":"na"}}}');
});

for (const [name, text, reason] of [["cut short", '{"answers": {"OWN-001": "ye', "json"],
  ["answers a list", '{"answers": ["OWN-001"]}', "shape"], ["answers null", '{"answers": null}', "shape"],
  ["not an object", "[1, 2]", "shape"]]) {
  test(`unreadable saved text (${name}) is moved to the recovery key, and the page starts empty`, () => {
    const { storage, events, store } = setup();
    storage.setItem(STORE, text);
    assert.deepEqual(Object.keys(store.state().answers), []);
    assert.deepEqual(events, [["unreadable", reason, RECOVERY]]);
    assert.equal(storage.getItem(RECOVERY), text);
    assert.equal(storage.getItem(STORE), null);
    store.save(state({ "OWN-001": "no" }));
    assert.equal(storage.getItem(RECOVERY), text, "answering never writes over the kept text");
  });
}

test("a second unreadable text never overwrites the first; the same text is not kept twice", () => {
  const { storage, events, store } = setup();
  storage.setItem(RECOVERY, "an earlier one");
  storage.setItem(RECOVERY + ".2", "{same");
  storage.setItem(STORE, "{same");
  store.load();
  assert.deepEqual(events, [["unreadable", "json", RECOVERY + ".2"]]);
  const again = setup(storage);
  again.storage.setItem(STORE, "{other");
  again.store.load();
  assert.deepEqual(again.events, [["unreadable", "json", RECOVERY + ".3"]]);
  assert.deepEqual([storage.getItem(RECOVERY), storage.getItem(RECOVERY + ".2"), storage.getItem(RECOVERY + ".3")],
    ["an earlier one", "{same", "{other"]);
  assert.deepEqual(again.store.recoveryKeys(), [RECOVERY, RECOVERY + ".2", RECOVERY + ".3"]);
});

test("recovery keys sort by number, and only numbered keys count", () => {
  const storage = new FakeStorage();
  for (const key of [RECOVERY + ".10", RECOVERY + ".2", RECOVERY, RECOVERY + ".x", RECOVERY + ".", "other"]) {
    storage.setItem(key, "t");
  }
  assert.deepEqual(setup(storage).store.recoveryKeys(), [RECOVERY, RECOVERY + ".2", RECOVERY + ".10"]);
  assert.deepEqual([recoveryNumber(RECOVERY), recoveryNumber(RECOVERY + ".7"), recoveryNumber(RECOVERY + ".7a")], [1, 7, 0]);
});

test("unreadable text in a full storage stays where it is until it can be moved, and nothing overwrites it", () => {
  const storage = new FakeStorage(40);
  storage.setItem(STORE, "{cut"); // 25 characters of the 40
  const { events, store } = setup(storage);
  store.load();
  assert.deepEqual(events, [["unsaved", "full"], ["unreadable", "json", null]]);
  assert.equal(store.pending(), "{cut");
  assert.equal(store.save(state({ "OWN-001": "yes" })), false);
  assert.equal(storage.getItem(STORE), "{cut");
  assert.equal(store.state().answers["OWN-001"], "yes", "the page keeps the answers in memory");
  storage.quota = Infinity;
  assert.equal(store.save(store.state()), true);
  assert.deepEqual(events.slice(2), [["movedAside", RECOVERY], ["unsaved", ""]]);
  assert.equal(storage.getItem(RECOVERY), "{cut");
  assert.deepEqual(JSON.parse(storage.getItem(STORE)).answers, { "OWN-001": "yes" });
});

test("a full storage is reported once, kept in memory, and cleared by the next save that fits", () => {
  const storage = new FakeStorage(120);
  const { events, store } = setup(storage);
  assert.equal(store.save(state({ "OWN-001": "yes" })), true);
  const big = state({ "OWN-001": "yes", "OWN-002": { answer: "unsure", note: "x".repeat(200) } });
  assert.equal(store.save(big), false);
  assert.equal(store.save(big), false);
  assert.deepEqual(events, [["unsaved", "full"]]);
  assert.equal(store.unsaved(), "full");
  assert.equal(store.state().answers["OWN-002"].note.length, 200);
  assert.deepEqual(JSON.parse(storage.getItem(STORE)).answers, { "OWN-001": "yes" });
  storage.quota = Infinity;
  assert.equal(store.save(store.state()), true);
  assert.deepEqual(events, [["unsaved", "full"], ["unsaved", ""]]);
});

test("a storage that refuses everything is 'blocked', and the page still works from memory", () => {
  const storage = new FakeStorage();
  storage.blocked = true;
  const { events, store } = setup(storage);
  assert.deepEqual(Object.keys(store.state().answers), []);
  assert.equal(store.save(state({ "OWN-001": "no" })), false);
  assert.deepEqual(events, [["unsaved", "blocked"]]);
  assert.equal(store.state().answers["OWN-001"], "no");
  assert.deepEqual(store.recoveryKeys(), []);
});

test("a backup is written and read back before anything replaces the answers; without room, none", () => {
  const storage = new FakeStorage(200);
  const { store } = setup(storage);
  store.save(state({ "OWN-001": "yes" }));
  assert.equal(store.backup(), true);
  assert.deepEqual(JSON.parse(storage.getItem(BACKUP)).answers, { "OWN-001": "yes" });
  store.save(state({ "OWN-001": "yes", "OWN-002": { answer: "no", note: "y".repeat(60) } }));
  assert.equal(store.backup(), false, "no room for the copy: refused");
  assert.deepEqual(JSON.parse(storage.getItem(BACKUP)).answers, { "OWN-001": "yes" }, "the older backup is unchanged");
});

test("undo swaps the answers with their backup, and is refused when the answers it replaces cannot be kept", () => {
  const storage = new FakeStorage();
  const { store } = setup(storage);
  assert.equal(store.undo(), null, "no backup: nothing to undo");
  store.save(state({ "OWN-001": "no" }));
  store.backup();
  store.save(state({}));
  assert.equal(store.undo(), true);
  assert.deepEqual(JSON.parse(JSON.stringify(store.state().answers)), { "OWN-001": "no" });
  assert.deepEqual(JSON.parse(storage.getItem(BACKUP)).answers, {}, "what Undo replaced is one Undo away");
  storage.quota = storage.used(); // the backup may not grow
  const before = [storage.getItem(STORE), storage.getItem(BACKUP)];
  assert.equal(store.undo(), false);
  assert.deepEqual([storage.getItem(STORE), storage.getItem(BACKUP)], before);
});

test("setAside copies the saved text to a recovery key before entries are left out of it", () => {
  const { storage, store } = setup();
  assert.equal(store.setAside(), null, "nothing saved, nothing to keep");
  const text = JSON.stringify(state({ "OWN-001": "maybe" }));
  storage.setItem(STORE, text);
  assert.equal(store.setAside(), RECOVERY);
  assert.equal(storage.getItem(RECOVERY), text);
});

test("parse: the shape the page needs, with prototype-free mappings", () => {
  assert.deepEqual(parse("{"), { error: "json" });
  assert.deepEqual(parse('{"answers": 1}'), { error: "shape" });
  const { data } = parse('{"answers": {"a": {"answer": "yes"}}, "kept": {"b": "no"}}');
  assert.equal(Object.getPrototypeOf(data.kept), null);
  assert.equal(Object.getPrototypeOf(data.answers.a), null);
});

test("calculator inputs are kept per calculator; unreadable or refused storage loses only them", () => {
  const storage = new FakeStorage();
  writeCalc(storage, "cost", { ceiling: 5 });
  writeCalc(storage, "latency", { target_ms: 3000 });
  assert.deepEqual(readCalcs(storage), { cost: { ceiling: 5 }, latency: { target_ms: 3000 } });
  storage.setItem(CALCS, "{oops");
  assert.deepEqual(readCalcs(storage), {});
  storage.blocked = true;
  assert.doesNotThrow(() => writeCalc(storage, "cost", {}));
  assert.deepEqual(readCalcs(storage), {});
});
