// The worker client: starts the scorer (worker.mjs) once, or adopts the one scorer-boot.js started from
// <head>, and calls the functions of scoring/api.py in it. Each call gets a request id, returned with the
// promise (`call(...).id`) and with its answer, so that a caller can keep only the latest of several.

import { say } from "./words.js";

/** @typedef {{key: string, params?: Record<string, string | number>} | {message: string}} Failure */
/**
 * Messages to the worker.
 * @typedef {{type: "init", root: string, settings: object}} InitMessage
 * @typedef {{type: "call", id: number, fn: string, args: (string | Uint8Array)[]}} CallMessage
 * Messages from the worker.
 * @typedef {{type: "ready", ms: number, phases: Record<string, number>, snapshot: string}} ReadyMessage
 * @typedef {{type: "error"} & Failure} ErrorMessage
 * @typedef {{type: "result", id: number, payload: {ok: boolean, [key: string]: any}}} ResultMessage
 * @typedef {ReadyMessage | ErrorMessage | ResultMessage} WorkerMessage
 */
/** @typedef {"idle" | "loading" | "ready" | "error"} ScorerState */

/**
 * @param {{root: URL, settings: () => object | null, early?: () => any, onState: (state: ScorerState) => void,
 *          onReady: () => void, makeWorker?: (url: URL) => Worker}} options
 */
export function makeClient(options) {
  const makeWorker = options.makeWorker || ((url) => new Worker(url, { type: "module" }));
  let worker = null;
  /** @type {ScorerState} */
  let state = "idle";
  /** @type {Failure | null} */
  let failure = null;
  let bootTimer = null;
  let nextId = 1;
  const waiting = new Map();

  function setState(value) {
    state = value;
    options.onState(value);
  }

  function fail(why) {
    clearTimeout(bootTimer);
    failure = why;
    setState("error");
    // Pending calls would never get a reply now: release them.
    const stopped = problem(say("status.stopped", { reason: reasonText() }));
    for (const resolve of waiting.values()) resolve(stopped);
    waiting.clear();
  }

  function problem(message) {
    return { ok: false, problems: [{ source: "", path: "", message }] };
  }

  function unavailable() {
    return problem(say("status.unavailable", { reason: reasonText() }));
  }

  function reasonText() {
    if (!failure) return "";
    return "key" in failure ? say(failure.key, failure.params || {}) : String(failure.message);
  }

  /** @param {WorkerMessage} msg */
  function onMessage(msg) {
    if (msg.type === "ready") {
      if (state === "error") return; // given up on already
      clearTimeout(bootTimer);
      performance.mark("p2p:scorer-ready", { detail: msg });
      setState("ready");
      options.onReady();
    } else if (msg.type === "error") {
      fail(msg.key ? { key: msg.key, params: msg.params } : { message: msg.message });
    } else if (msg.type === "result") {
      const resolve = waiting.get(msg.id);
      waiting.delete(msg.id);
      if (resolve) resolve(msg.payload);
    }
  }

  /** Start the scorer, once; nothing happens on a page without settings. */
  function start() {
    if (worker || state === "error") return;
    const cfg = options.settings();
    if (!cfg) return;
    setState("loading");
    const early = options.early ? options.early() : null; // started from <head> by scorer-boot.js
    if (early && !early.taken) {
      worker = early.worker;
    } else {
      try {
        worker = makeWorker(new URL("javascripts/worker.mjs", options.root));
      } catch (err) {
        fail({ key: "boot.no_worker", params: { reason: String(err) } });
        return;
      }
    }
    // A scorer that never says ready or failed (a runtime that never arrives) is given up on, with a reason.
    const seconds = Number(cfg.boot_timeout);
    if (seconds > 0) {
      bootTimer = setTimeout(() => {
        if (state !== "loading") return;
        fail({ key: "boot.timeout", params: { seconds } });
        worker.terminate();
      }, seconds * 1000);
    }
    worker.onmessage = (event) => onMessage(event.data);
    worker.onerror = (event) => fail(event.message ? { message: event.message } : { key: "boot.stopped" });
    if (early && !early.taken) {
      early.taken = true;
      early.messages.forEach(onMessage);
      return;
    }
    /** @type {InitMessage} */
    const init = { type: "init", root: options.root.href, settings: cfg };
    worker.postMessage(init);
  }

  /**
   * Call a function of scoring/api.py; arguments are strings, or a Uint8Array for a file's bytes. The
   * promise resolves with `{id, payload}`; its `id` is known at once.
   * @returns {Promise<{id: number, payload: any}> & {id: number}}
   */
  function call(fn, ...args) {
    start();
    const id = nextId++;
    let promise;
    if (state === "error" || !worker) {
      promise = Promise.resolve({ id, payload: unavailable() });
    } else {
      promise = new Promise((resolve) => waiting.set(id, resolve)).then((payload) => ({ id, payload }));
      /** @type {CallMessage} */
      const message = { type: "call", id, fn, args };
      worker.postMessage(message);
    }
    return Object.assign(promise, { id });
  }

  return {
    start, call,
    state: () => state,
    started: () => worker !== null,
    reason: reasonText,
  };
}
