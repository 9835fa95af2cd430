// Share links and bytes: what goes into a link comes out unchanged, a link that unpacks past the limit is
// stopped one byte past it (the engine then says "too large"), a damaged link is an error, not a guess.
import assert from "node:assert/strict";
import { deflateRawSync } from "node:zlib";
import { test } from "node:test";

import { SHARE_KEY, deflate, fileBytes, fromBase64Url, inflateAtMost, shareLink, sharedBytes, toBase64Url }
  from "../../docs/javascripts/codecs.js";

test("base64url round-trips every byte value, without padding or +/", () => {
  const bytes = new Uint8Array(256 * 3).map((_, n) => n % 256);
  const text = toBase64Url(bytes);
  assert.match(text, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(fromBase64Url(text), bytes);
  for (const n of [0, 1, 2, 3, 4, 5]) assert.deepEqual(fromBase64Url(toBase64Url(bytes.subarray(0, n))), bytes.subarray(0, n));
  assert.equal(Buffer.from(fromBase64Url(toBase64Url(bytes))).toString("base64url"), Buffer.from(bytes).toString("base64url"));
});

test("a large array goes through base64url in slices (no call-stack overflow)", () => {
  const bytes = new Uint8Array(1 << 20).map((_, n) => (n * 7) % 256);
  assert.deepEqual(fromBase64Url(toBase64Url(bytes)), bytes);
});

test("a share link carries the text, packed, in its fragment; reading it gives the bytes back", async () => {
  const text = JSON.stringify({ pilot: "Café 😀", answers: { "OWN-001": "yes", "__proto__": "no" } });
  const link = await shareLink("https://example.org/p2p/assessment/", text);
  assert.ok(link.startsWith("https://example.org/p2p/assessment/#" + SHARE_KEY));
  assert.ok(!link.includes("Caf"), "packed, not plain JSON");
  const bytes = await sharedBytes(new URL(link).hash, 5 * 1024 * 1024);
  assert.equal(new TextDecoder().decode(bytes), text);
  assert.equal(await sharedBytes("#other=1", 100), null);
  assert.equal(await sharedBytes("", 100), null);
});

test("the page's packing is raw deflate, as Python's zlib (wbits -15) reads and writes it", async () => {
  const payload = new TextEncoder().encode("answers:\n  OWN-001: yes\n".repeat(50));
  const packed = deflateRawSync(payload);
  assert.deepEqual(await inflateAtMost(new Uint8Array(packed), 10_000), payload);
  assert.deepEqual(await inflateAtMost(await deflate(payload), 10_000), payload);
});

test("unpacking stops one byte past the limit, however much the link would unpack to", async () => {
  const bomb = new Uint8Array(deflateRawSync(Buffer.alloc(64 << 20, 0x20)));
  assert.ok(bomb.length < 100_000);
  const started = Date.now();
  const out = await inflateAtMost(bomb, 1000);
  assert.equal(out.length, 1001);
  assert.ok(Date.now() - started < 5000);
  const exact = await inflateAtMost(new Uint8Array(deflateRawSync(Buffer.alloc(1000, 0x20))), 1000);
  assert.equal(exact.length, 1000, "at the limit: all of it, and no more");
});

test("a damaged link is an error", async () => {
  await assert.rejects(sharedBytes("#" + SHARE_KEY + "not*base64", 100));
  await assert.rejects(sharedBytes("#" + SHARE_KEY + toBase64Url(new Uint8Array([0xff, 0xff, 0xff, 0xff])), 100));
});

test("a file is read as bytes, at most one past the limit", async () => {
  const file = new Blob([new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x62, 0x63, 0x64])]);
  assert.deepEqual(await fileBytes(file, 100), new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x62, 0x63, 0x64]));
  assert.deepEqual(await fileBytes(file, 3), new Uint8Array([0xef, 0xbb, 0xbf, 0x61]));
});
