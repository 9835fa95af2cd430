// Saved answers: the one place that reads and writes them (localStorage). The rules (docs/privacy.md,
// "Storage rules"): saved answers are never removed or overwritten before their backup is written and read
// back; saved text the page cannot read is copied aside to a recovery key, never overwritten; when storage
// is full or refused, the page keeps the answers in memory for the session and says so. `report` is told of
// both so that the page can show it. What the answers mean (versions, retired ids, bad entries) is the
// engine's to judge (scoring.api.restore); this file keeps text safe and nothing else.
//
// The state kept: {version, pilot, assessed, answers: {id: entry}, kept: {id: entry}}, every id-keyed
// mapping without a prototype, so that ids such as "__proto__" or "constructor" are plain keys.

export const STORE = "pilot2prod.assessment";
export const BACKUP = "pilot2prod.assessment.previous";
export const RECOVERY = "pilot2prod.assessment.unreadable";
export const CALCS = "pilot2prod.calculators";

export function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A mapping with no prototype: every key is data. */
export function dict() {
  return Object.create(null);
}

/** The saved shape the page needs to work at all: an object with a mapping of answers. */
export function parse(raw) {
  let data;
  try {
    data = JSON.parse(raw, (k, v) => (isObject(v) ? Object.assign(dict(), v) : v));
  } catch (err) {
    return { error: "json" };
  }
  return isObject(data) && isObject(data.answers) ? { data } : { error: "shape" };
}

/** Whether `key` is a recovery key (RECOVERY, RECOVERY.2, …); its number, or 0. */
export function recoveryNumber(key) {
  if (key === RECOVERY) return 1;
  if (typeof key !== "string" || !key.startsWith(RECOVERY + ".")) return 0;
  const tail = key.slice(RECOVERY.length + 1);
  return /^\d+$/.test(tail) ? Number(tail) : 0;
}

/**
 * @param {{unsaved(reason: string): void, unreadable(reason: string, key: string | null): void,
 *          movedAside(key: string): void}} report
 * @param {Storage} storage localStorage, or a stand-in
 * @param {() => object} empty the state of a page with no answers
 */
export function makeStore(report, storage, empty) {
  let current = null; // the answers as the page has them; ahead of storage when `unsaved` is set
  let unsaved = ""; // "" | "full" | "blocked": why `current` is not what is saved
  let aside = null; // saved text to copy to a recovery key before STORE may be written again

  function get(key) {
    try {
      return storage.getItem(key);
    } catch (err) {
      return null;
    }
  }

  // Written and read back, or an exception: a write that did not stick is never taken for one that did.
  function put(key, value) {
    storage.setItem(key, value);
    if (storage.getItem(key) !== value) throw new Error(`${key} did not keep what was written`);
  }

  function why(err) {
    const full = ["QuotaExceededError", "NS_ERROR_DOM_QUOTA_REACHED"];
    return err && (full.includes(err.name) || err.code === 22) ? "full" : "blocked";
  }

  function setUnsaved(reason) {
    if (reason === unsaved) return;
    unsaved = reason;
    report.unsaved(reason);
  }

  function recoveryKeys() {
    const keys = [];
    try {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (recoveryNumber(key)) keys.push(key);
      }
    } catch (err) {
      /* no storage: nothing kept */
    }
    return keys.sort((a, b) => recoveryNumber(a) - recoveryNumber(b));
  }

  // `aside` to a recovery key of its own (a new one: an earlier text is never overwritten).
  function copyAside() {
    if (aside === null) return null;
    const keys = recoveryKeys();
    let key = keys.find((k) => get(k) === aside);
    if (!key) {
      key = RECOVERY;
      for (let n = 2; keys.includes(key); n++) key = `${RECOVERY}.${n}`;
      put(key, aside);
    }
    aside = null;
    return key;
  }

  // Before STORE is written: text still waiting to be set aside goes first, or nothing is written.
  function copyAsideLate() {
    const key = copyAside();
    if (key) report.movedAside(key);
  }

  function load() {
    const raw = get(STORE);
    const parsed = raw === null ? { data: empty() } : parse(raw);
    current = parsed.data || empty();
    if (!parsed.error) return;
    aside = raw;
    let key = null;
    try {
      key = copyAside();
      storage.removeItem(STORE); // moved, not lost: it is under `key` now
    } catch (err) {
      setUnsaved(why(err));
    }
    report.unreadable(parsed.error, key);
  }

  function state() {
    if (current === null) load();
    return parse(JSON.stringify(current)).data; // a copy: callers change it and hand it to save()
  }

  // Keep `data` as the answers, and save it; false when it is kept in memory only.
  function save(data) {
    if (current === null) load();
    current = data;
    try {
      copyAsideLate();
      put(STORE, JSON.stringify(data));
    } catch (err) {
      setUnsaved(why(err));
      return false;
    }
    setUnsaved("");
    return true;
  }

  // A copy of the answers in BACKUP, read back: what Undo restores. Required before anything removes or
  // replaces them (Clear all, an import, a share link); false when it could not be made.
  function backup() {
    try {
      put(BACKUP, JSON.stringify(state()));
      return true;
    } catch (err) {
      return false;
    }
  }

  // Swap the answers with their backup; null when there is no backup, false when it was refused.
  function undo() {
    const previous = get(BACKUP);
    const parsed = previous === null ? {} : parse(previous);
    if (!parsed.data) return null;
    try {
      put(BACKUP, JSON.stringify(state()));
    } catch (err) {
      return false;
    }
    // The answers before Undo are safe in BACKUP now; the backup's are in `previous`.
    try {
      copyAsideLate();
      put(STORE, previous);
    } catch (err) {
      try {
        put(BACKUP, previous); // back as they were: the size that fitted before
        return false;
      } catch (again) {
        current = parsed.data; // each set is kept somewhere: this one on the page, the other in BACKUP
        setUnsaved(why(again));
        return true;
      }
    }
    current = parsed.data;
    setUnsaved("");
    return true;
  }

  // Before saved text is rewritten without some of its entries: the text as it was, to a recovery key.
  // Returns the key, or null when there is no room (then STORE is not written until there is).
  function setAside() {
    const raw = get(STORE);
    if (raw === null) return null;
    aside = raw;
    try {
      return copyAside();
    } catch (err) {
      setUnsaved(why(err));
      return null;
    }
  }

  function forget(key) {
    try {
      storage.removeItem(key);
    } catch (err) {
      /* nothing to remove */
    }
  }

  return {
    load, state, save, backup, undo, setAside, recoveryKeys, get, forget,
    pending: () => aside,
    unsaved: () => unsaved,
    loaded: () => current !== null,
    saved: () => get(STORE) !== null,
  };
}

/** The calculators' last inputs, by calculator: {kind: {input name: value}}. */
export function readCalcs(storage) {
  try {
    const data = JSON.parse(storage.getItem(CALCS) || "{}");
    return isObject(data) ? data : {};
  } catch (err) {
    return {};
  }
}

/** Keep one calculator's inputs; a storage that refuses them only means they are not kept. */
export function writeCalc(storage, kind, inputs) {
  const all = readCalcs(storage);
  all[kind] = inputs;
  try {
    storage.setItem(CALCS, JSON.stringify(all));
  } catch (err) {
    /* not kept; still computed */
  }
}
