// Bytes in and out of the page: share links (raw deflate, base64url, in the URL's fragment, which browsers
// never send to a server), a file's bytes for the engine's reader, and downloads. No text is interpreted
// here: the engine (scoring.api.read) reads the bytes, as `pilot2prod score` reads a file.

/** What starts a share link's fragment: `#answers=<base64url of raw deflate>`. */
export const SHARE_KEY = "answers=";

/** @param {Uint8Array} bytes */
export function toBase64Url(bytes) {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** @param {string} text base64url, padded or not; throws on anything else */
export function fromBase64Url(text) {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** @param {Uint8Array} bytes */
export async function deflate(bytes) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw")));
  return new Uint8Array(await out.arrayBuffer());
}

/**
 * Unpacks raw deflate, but never past `limit` + 1 bytes: a link of a few hundred kilobytes can unpack to
 * gigabytes. The packed bytes go in 4 KB at a time, each only once the last came out, so the unpacking
 * stops within a few megabytes of the limit. One byte past the limit is enough for the engine to say
 * "too large". Throws when the bytes are not raw deflate.
 * @param {Uint8Array} bytes
 * @param {number} limit
 */
export async function inflateAtMost(bytes, limit) {
  const SLICE = 4096;
  let offset = 0;
  const source = new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) controller.close();
      else controller.enqueue(bytes.slice(offset, (offset += SLICE)));
    },
  }, { highWaterMark: 0 });
  const reader = source.pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  const out = new Uint8Array(limit + 1);
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const part = value.subarray(0, out.length - size);
    out.set(part, size);
    size += part.length;
    if (size === out.length) {
      reader.cancel().catch(() => {});
      break;
    }
  }
  return out.subarray(0, size);
}

/**
 * A share link for `text` (an answers document as JSON) on the page `page` (no fragment).
 * @param {string} page
 * @param {string} text
 */
export async function shareLink(page, text) {
  return page + "#" + SHARE_KEY + toBase64Url(await deflate(new TextEncoder().encode(text)));
}

/**
 * The bytes a share link's fragment carries (at most `limit` + 1), or null when the fragment is not a
 * share link. Throws when it is one but damaged.
 * @param {string} hash location.hash, with or without its "#"
 * @param {number} limit
 */
export async function sharedBytes(hash, limit) {
  const fragment = hash.startsWith("#") ? hash.slice(1) : hash;
  if (!fragment.startsWith(SHARE_KEY)) return null;
  return inflateAtMost(fromBase64Url(fragment.slice(SHARE_KEY.length)), limit);
}

/**
 * A file's first `limit` + 1 bytes: enough for the engine to check the encoding and to say "too large".
 * @param {Blob} file
 * @param {number} limit
 */
export async function fileBytes(file, limit) {
  return new Uint8Array(await file.slice(0, limit + 1).arrayBuffer());
}

/** Offer `text` as a download named `name`. */
export function download(name, mime, text, doc = document) {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = doc.createElement("a");
  a.href = url;
  a.download = name;
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
