// The materialiser: the renderer's trees (render.js) into the page, with createElement, setAttribute and
// text nodes only. The engine's SVG chart is the one piece parsed, as SVG (never HTML), and only the
// elements and attributes of the allow-list below survive.

import { blocksTree, sectionInto } from "./render.js";

const SVG_TAGS = new Set(["svg", "title", "desc", "g", "rect", "text", "line", "tspan"]);
const SVG_ATTRS = new Set(["xmlns", "class", "viewBox", "width", "height", "role", "aria-label", "x", "y", "rx",
  "fill", "fill-opacity", "text-anchor", "font-size", "x1", "x2", "y1", "y2", "stroke"]);

/** The engine's chart, with only known SVG elements and attributes; its title as text if it is not SVG. */
function safeSvg(svg, title, doc = document) {
  const parsed = new DOMParser().parseFromString(svg, "image/svg+xml");
  const root = parsed.documentElement;
  if (!root || root.nodeName !== "svg") {
    const p = doc.createElement("p");
    p.textContent = title;
    return p;
  }
  const walk = (node) => {
    for (const child of Array.from(node.children)) {
      if (!SVG_TAGS.has(child.nodeName)) child.remove();
      else walk(child);
    }
    for (const attr of Array.from(node.attributes)) if (!SVG_ATTRS.has(attr.name)) node.removeAttribute(attr.name);
  };
  walk(root);
  return doc.importNode(root, true);
}

/** Tree nodes -> DOM nodes: elements, attributes and text nodes, nothing parsed. */
export function materialise(node, doc = document) {
  if ("text" in node && !("tag" in node)) return doc.createTextNode(node.text);
  if (node.tag === "#svg") return safeSvg(node.svg, node.title, doc);
  const element = doc.createElement(node.tag);
  for (const [key, value] of Object.entries(node.attrs || {})) element.setAttribute(key, value);
  for (const child of node.children || []) element.append(materialise(child, doc));
  return element;
}

const shown = new WeakMap(); // element -> {base: its own class, key: what it shows, nodes: the nodes put there}

function unchanged(container, seen, key) {
  if (seen.key !== key || seen.nodes.length !== container.childNodes.length) return false;
  return seen.nodes.every((node, n) => container.childNodes[n] === node);
}

/**
 * Show nodes in `container`, replacing what it held. Content this function put there and that is the
 * same again is left alone, so that a live region announces only what changed. `extra` classes are
 * added to the container's own.
 */
export function put(container, nodes, extra = "") {
  if (!container) return;
  const seen = shown.get(container) || { base: container.getAttribute("class") || "", key: null, nodes: [] };
  shown.set(container, seen);
  const key = JSON.stringify([nodes, extra]);
  if (unchanged(container, seen, key)) return;
  const cls = [seen.base, extra].filter(Boolean).join(" ");
  if (cls) container.setAttribute("class", cls);
  const made = nodes.map((node) => materialise(node, container.ownerDocument));
  container.replaceChildren(...made);
  seen.key = key;
  seen.nodes = made;
}

/** Show a document's blocks in `container`. */
export function show(container, blocks, ctx) {
  put(container, blocksTree(blocks, ctx));
}

/** Fill `container` (a `[data-result]` element) with a section, as sectionInto says. */
export function fill(container, section, ctx) {
  if (!container) return;
  const into = sectionInto(container.tagName, section || { blocks: [] }, ctx);
  put(container, into.children, into.classes);
}
