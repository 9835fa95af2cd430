// The one renderer of the document form (scoring/doc.py): everything a person reads on the page that the
// engine wrote. This is its pure part, document -> a tree of {tag, attrs, children} / {text} nodes (tested
// in node, tests/js/render.test.mjs); materialise.js turns the tree into DOM nodes with createElement and
// text nodes only. No string is ever parsed as HTML; the engine's SVG chart is parsed as SVG there and only
// known parts of it are kept.
//
// Conventions (shared with Python's to_html, written down in /work/wt/i11-requests.md, section A):
// a block's `role` is the class `p2p-<role>`, a list item's `p2p-<role>__line`; a list item or a table row
// that starts with an item link carries `data-<role>-item`; `tone` is the class `p2p-tone--<tone>`; a
// nested section is a <div data-section>; a link is kept only for http(s) addresses; an item's title is
// the link's title; an arrow is " → "; a bar is the text renderer's only; headings go `ctx.shift` levels
// down (headingShift: a document sits under the heading of the page section that shows it).

/** @typedef {{kind: "text", text: string, tone?: string} | {kind: "strong" | "code", text: string}
 *   | {kind: "item", id: string, page: string | null, title?: string}
 *   | {kind: "link", text: string, href: string} | string} Inline */
/** @typedef {{kind: string, [key: string]: any}} Block */
/** @typedef {{tag: string, attrs?: Record<string, string>, children?: Node[]} | {text: string}
 *   | {tag: "#svg", svg: string, title: string}} Node */

const INLINE_HOLDERS = new Set(["p", "strong", "span", "em", "b", "small", "dd", "li", "td", "th", "output",
  "h1", "h2", "h3", "h4", "h5", "h6"]);

function word(value) {
  return String(value).replace(/[^A-Za-z0-9_-]/g, "");
}

function classes(block) {
  const out = [];
  if (typeof block.role === "string" && block.role) out.push("p2p-" + word(block.role));
  if (typeof block.tone === "string" && block.tone) out.push("p2p-tone--" + word(block.tone));
  return out.join(" ");
}

function el(tag, attrs, children) {
  const node = { tag };
  const kept = {};
  for (const [key, value] of Object.entries(attrs || {})) if (value !== "" && value !== undefined) kept[key] = value;
  if (Object.keys(kept).length) node.attrs = kept;
  node.children = children || [];
  return node;
}

function text(value) {
  return { text: String(value) };
}

/** The address of an item's guidance: dimensions/<page>/#<id> from the site root. */
export function itemHref(id, page, root) {
  return new URL(`dimensions/${encodeURIComponent(page)}/#${encodeURIComponent(id)}`, root).href;
}

function safeHref(href) {
  try {
    const url = new URL(String(href));
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch (err) {
    return null;
  }
}

/**
 * Inline spans -> nodes.
 * @param {Inline[] | Inline | undefined} spans
 * @param {{root: URL | string}} ctx
 * @returns {Node[]}
 */
export function inlineTree(spans, ctx) {
  if (spans === undefined || spans === null) return [];
  const list = Array.isArray(spans) ? spans : [spans];
  const out = [];
  for (const span of list) {
    if (typeof span === "string") {
      out.push(text(span));
      continue;
    }
    if (!span || typeof span !== "object") continue;
    const value = typeof span.text === "string" ? span.text : "";
    if (span.kind === "strong" || span.kind === "code") {
      out.push(el(span.kind, null, [text(value)]));
    } else if (span.kind === "item") {
      const id = String(span.id);
      const title = typeof span.title === "string" ? span.title : "";
      out.push(span.page ? el("a", { href: itemHref(id, span.page, ctx.root), title }, [text(id)]) : text(id));
    } else if (span.kind === "link") {
      const href = safeHref(span.href);
      out.push(href ? el("a", { href, rel: "noopener noreferrer" }, [text(value)]) : text(value));
    } else if (span.kind === "arrow") {
      out.push(text(" \u2192 "));
    } else if (span.kind === "bar") {
      continue; // the text renderer's; the page draws the chart
    } else if (span.tone) {
      out.push(el("span", { class: "p2p-tone--" + word(span.tone) }, [text(value)]));
    } else {
      out.push(text(value));
    }
  }
  return out;
}

// A list item or table row of a block with a role, that holds an item link: `data-<role>-item`, its first.
function marked(attrs, role, spans) {
  if (!role) return attrs;
  const first = [spans].flat(2).find((span) => span && typeof span === "object" && span.kind === "item");
  if (first) attrs[`data-${word(role)}-item`] = String(first.id);
  return attrs;
}

function listItem(item, role, ctx) {
  return el("li", marked(role ? { class: `p2p-${word(role)}__line` } : {}, role, item), inlineTree(item, ctx));
}

function table(block, ctx) {
  const align = Array.isArray(block.align) ? block.align : [];
  const parts = [];
  if (typeof block.caption === "string" && block.caption) parts.push(el("caption", null, [text(block.caption)]));
  const head = (block.head || []).map((h, n) => el("th", { scope: "col", align: align[n] === "right" ? "right" : "" },
    [text(h)]));
  parts.push(el("thead", null, [el("tr", null, head)]));
  const rows = (block.rows || []).map((row) => el("tr", marked({}, block.role, row), row.map((cell, n) =>
    el("td", { align: align[n] === "right" ? "right" : "" }, inlineTree(cell, ctx)))));
  parts.push(el("tbody", null, rows));
  return el("table", { class: classes(block) }, parts);
}

/**
 * Blocks -> nodes.
 * @param {Block[]} blocks
 * @param {{root: URL | string}} ctx
 * @returns {Node[]}
 */
export function blocksTree(blocks, ctx) {
  const out = [];
  for (const block of blocks || []) {
    if (!block || typeof block !== "object") continue;
    const cls = { class: classes(block) };
    switch (block.kind) {
      case "heading": {
        const level = Math.min(6, Math.max(1, (Number(block.level) || 1) + (ctx.shift || 0)));
        out.push(el("h" + level, cls, inlineTree(block.text, ctx)));
        break;
      }
      case "paragraph":
        out.push(el("p", cls, inlineTree(block.text, ctx)));
        break;
      case "list":
        out.push(el(block.ordered ? "ol" : "ul", cls, (block.items || []).map((item) => listItem(item, block.role, ctx))));
        break;
      case "table":
        out.push(table(block, ctx));
        break;
      case "facts":
        out.push(el("dl", cls, (block.pairs || []).flatMap(([term, value]) =>
          [el("dt", null, [text(term)]), el("dd", null, inlineTree(value, ctx))])));
        break;
      case "chart":
        out.push({ tag: "#svg", svg: String(block.svg || ""), title: String(block.title || "") });
        break;
      case "section":
        out.push(el("div", { "data-section": String(block.name || "") }, blocksTree(block.blocks, ctx)));
        break;
      default:
        break; // a kind this page does not know: nothing is guessed
    }
  }
  return out;
}

/**
 * What goes into the page element `[data-result=name]` (its tag `tag`) for a section: the classes to add and
 * the children. A section of one paragraph fills an inline holder (strong, span, p…) with the paragraph's
 * content, and one list fills a list of its kind with the items, so that no p sits in a p or ul in a ul.
 * @param {string} tag the container's tag name
 * @param {{blocks: Block[]}} section
 * @param {{root: URL | string}} ctx
 * @returns {{classes: string, children: Node[]}}
 */
export function sectionInto(tag, section, ctx) {
  const blocks = (section && section.blocks) || [];
  const holder = String(tag).toLowerCase();
  if (blocks.length === 1) {
    const only = blocks[0];
    if (only && only.kind === "paragraph" && INLINE_HOLDERS.has(holder)) {
      return { classes: classes(only), children: inlineTree(only.text, ctx) };
    }
    if (only && only.kind === "list" && holder === (only.ordered ? "ol" : "ul")) {
      return { classes: classes(only), children: (only.items || []).map((item) => listItem(item, only.role, ctx)) };
    }
  }
  return { classes: "", children: blocksTree(blocks, ctx) };
}

/** The sections of a document by name, nested ones included (a name found twice: the first). */
export function sections(doc) {
  const found = new Map();
  const walk = (blocks) => {
    for (const block of blocks || []) {
      if (!block || block.kind !== "section") continue;
      if (!found.has(block.name)) found.set(block.name, block);
      walk(block.blocks);
    }
  };
  walk(Array.isArray(doc) ? doc : doc && doc.blocks);
  return found;
}

/** The shallowest heading level in a document (its sections included), or 0 when it has none. */
export function topLevel(blocks) {
  let top = 0;
  for (const block of blocks || []) {
    if (!block || typeof block !== "object") continue;
    const level = block.kind === "heading" ? Number(block.level) || 1 : block.kind === "section" ? topLevel(block.blocks) : 0;
    if (level && (!top || level < top)) top = level;
  }
  return top;
}

/**
 * How many levels a document's headings go down on the page: its shallowest heading becomes one level
 * below `under`, the heading of the page section it is shown in (a report's "Plan", level 2, under the
 * page's h2 "Result" becomes an h3). Never up.
 */
export function headingShift(blocks, under) {
  const top = topLevel(blocks);
  return top && under ? Math.max(0, under + 1 - top) : 0;
}

/** A paragraph of plain text: for the catalogue's sentences, which are text. */
export function paragraph(value, role) {
  return role ? { kind: "paragraph", text: [String(value)], role } : { kind: "paragraph", text: [String(value)] };
}
