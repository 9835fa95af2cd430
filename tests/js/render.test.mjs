// The renderer's pure part: the document form (scoring/doc.py) -> a tree of elements and text. Whatever the
// engine, a file or a share link put in a document, it comes out as text nodes; links only to http(s).
import assert from "node:assert/strict";
import { test } from "node:test";

import { blocksTree, headingShift, inlineTree, itemHref, sectionInto, sections, topLevel }
  from "../../docs/javascripts/render.js";

const ctx = { root: new URL("https://example.org/p2p/"), say: (key) => `<${key}>` };
const XSS = '<img src=x onerror="window.__xss=1">';

/** All element tags and all texts of a tree, to check that nothing became markup. */
function walk(nodes, out = { tags: [], texts: [] }) {
  for (const node of nodes) {
    if ("tag" in node) {
      out.tags.push(node.tag);
      walk(node.children || [], out);
    } else out.texts.push(node.text);
  }
  return out;
}

test("inline spans: text, tones, strong, code, item links and http(s) links", () => {
  const tree = inlineTree(["plain ", { kind: "text", text: "muted", tone: "muted" }, { kind: "strong", text: "S" },
    { kind: "code", text: "pilot2prod score" }, { kind: "item", id: "OWN-001", page: "ownership", title: "Owner named" },
    { kind: "item", id: "ZZZ-001", page: null }, { kind: "link", text: "evidence", href: "https://e.org/a?b=1" }], ctx);
  assert.deepEqual(tree, [
    { text: "plain " },
    { tag: "span", attrs: { class: "p2p-tone--muted" }, children: [{ text: "muted" }] },
    { tag: "strong", children: [{ text: "S" }] },
    { tag: "code", children: [{ text: "pilot2prod score" }] },
    { tag: "a", attrs: { href: "https://example.org/p2p/dimensions/ownership/#OWN-001", title: "Owner named" },
      children: [{ text: "OWN-001" }] },
    { text: "ZZZ-001" },
    { tag: "a", attrs: { href: "https://e.org/a?b=1", rel: "noopener noreferrer" }, children: [{ text: "evidence" }] },
  ]);
});

test("an arrow is an arrow between values; a bar is left to the terminal", () => {
  assert.deepEqual(inlineTree(["No", { kind: "arrow" }, "Yes", { kind: "bar", value: 3, max: 4 }], ctx),
    [{ text: "No" }, { text: " \u2192 " }, { text: "Yes" }]);
});

test("a link to anything but http(s) is its text only", () => {
  for (const href of ["javascript:window.__xss=3", "JAVASCRIPT:alert(1)", "data:text/html,x", "/relative", "mailto:a@b", " java\nscript:x"]) {
    assert.deepEqual(inlineTree([{ kind: "link", text: "evidence", href }], ctx), [{ text: "evidence" }], href);
  }
});

test("markup in any text stays text", () => {
  const doc = [{ kind: "heading", level: 3, text: [XSS] }, { kind: "paragraph", text: [XSS, { kind: "strong", text: XSS }] },
    { kind: "list", ordered: false, items: [[XSS]] }, { kind: "table", head: [XSS], rows: [[[XSS]]] },
    { kind: "facts", pairs: [[XSS, [XSS]]] }, { kind: "section", name: XSS, blocks: [{ kind: "paragraph", text: [XSS] }] }];
  const { tags, texts } = walk(blocksTree(doc, ctx));
  assert.ok(!tags.includes("img") && !tags.includes("script"));
  assert.equal(texts.filter((t) => t === XSS).length, 9);
  const item = inlineTree([{ kind: "item", id: XSS, page: "a/../../x" }], ctx)[0];
  assert.equal(item.children[0].text, XSS);
  assert.ok(item.attrs.href.startsWith("https://example.org/p2p/dimensions/"), item.attrs.href);
  assert.equal(itemHref("OWN-001", "ownership", "https://example.org/p2p/"), "https://example.org/p2p/dimensions/ownership/#OWN-001");
});

test("blocks: headings at their level, paragraphs with role and tone, lists with their role's classes", () => {
  const tree = blocksTree([
    { kind: "heading", level: 4, text: ["By phase"] },
    { kind: "paragraph", text: ["Over the ceiling."], role: "calc__verdict", tone: "bad" },
    { kind: "list", ordered: true, role: "plan", items: [
      [{ kind: "item", id: "OWN-001", page: "ownership" }, " Name an owner."], ["no item first ", { kind: "item", id: "OWN-002", page: "ownership" }]] },
  ], ctx);
  assert.equal(tree[0].tag, "h4");
  assert.deepEqual(tree[1].attrs, { class: "p2p-calc__verdict p2p-tone--bad" });
  assert.equal(tree[2].tag, "ol");
  assert.deepEqual(tree[2].attrs, { class: "p2p-plan" });
  assert.deepEqual(tree[2].children[0].attrs, { class: "p2p-plan__line", "data-plan-item": "OWN-001" });
  assert.deepEqual(tree[2].children[1].attrs, { class: "p2p-plan__line", "data-plan-item": "OWN-002" });
  assert.deepEqual(blocksTree([{ kind: "list", ordered: false, items: [["a"]] }], ctx),
    [{ tag: "ul", children: [{ tag: "li", children: [{ text: "a" }] }] }]);
});

test("tables: column headings, right-aligned columns by attribute, a caption; facts as a definition list", () => {
  const [table] = blocksTree([{ kind: "table", role: "compare__table", head: ["Dimension", "Before"], align: ["left", "right"],
    caption: "What moved", rows: [[["Ownership"], ["62"]]] }], ctx);
  assert.deepEqual(table, { tag: "table", attrs: { class: "p2p-compare__table" }, children: [
    { tag: "caption", children: [{ text: "What moved" }] },
    { tag: "thead", children: [{ tag: "tr", children: [
      { tag: "th", attrs: { scope: "col" }, children: [{ text: "Dimension" }] },
      { tag: "th", attrs: { scope: "col", align: "right" }, children: [{ text: "Before" }] }] }] },
    { tag: "tbody", children: [{ tag: "tr", children: [
      { tag: "td", children: [{ text: "Ownership" }] }, { tag: "td", attrs: { align: "right" }, children: [{ text: "62" }] }] }] }] });
  const [plan] = blocksTree([{ kind: "table", role: "plan", head: ["#", "Item"],
    rows: [[["1"], [{ kind: "item", id: "OWN-001", page: "o" }, " ", { kind: "strong", text: "blocker" }]], [["2"], ["x"]]] }], ctx);
  assert.deepEqual(plan.children[1].children.map((tr) => tr.attrs), [{ "data-plan-item": "OWN-001" }, undefined]);
  const [dl] = blocksTree([{ kind: "facts", role: "calc__facts", pairs: [["Monthly cost now", ["9,000.00"]]] }], ctx);
  assert.deepEqual(dl, { tag: "dl", attrs: { class: "p2p-calc__facts" }, children: [
    { tag: "dt", children: [{ text: "Monthly cost now" }] }, { tag: "dd", children: [{ text: "9,000.00" }] }] });
});

test("a chart stays the engine's SVG text, for the materialiser's allow-list; unknown kinds are left out", () => {
  assert.deepEqual(blocksTree([{ kind: "chart", svg: "<svg/>", title: "Scores" }, { kind: "video", src: "x" }, null, "text"], ctx),
    [{ tag: "#svg", svg: "<svg/>", title: "Scores" }]);
});

test("a section fills its page element: one paragraph straight into an inline holder, one list into its list", () => {
  const decision = { kind: "section", name: "decision", blocks: [{ kind: "paragraph", text: ["No-go"], tone: "no-go" }] };
  assert.deepEqual(sectionInto("STRONG", decision, ctx), { classes: "p2p-tone--no-go", children: [{ text: "No-go" }] });
  const reasons = { kind: "section", name: "reasons", blocks: [{ kind: "list", ordered: false, items: [["a"], ["b"]] }] };
  assert.deepEqual(sectionInto("UL", reasons, ctx).children.map((li) => li.tag), ["li", "li"]);
  assert.equal(sectionInto("OL", reasons, ctx).children[0].tag, "ul", "an ordered holder takes no unordered list's items");
  assert.equal(sectionInto("DIV", decision, ctx).children[0].tag, "p");
  assert.deepEqual(sectionInto("DIV", { blocks: [] }, ctx), { classes: "", children: [] });
});

test("sections are found by name, nested ones too", () => {
  const doc = { blocks: [{ kind: "section", name: "plan", blocks: [{ kind: "section", name: "plan-phase", blocks: [] }] },
    { kind: "paragraph", text: ["x"] }, { kind: "section", name: "score", blocks: [] }] };
  assert.deepEqual(Array.from(sections(doc).keys()), ["plan", "plan-phase", "score"]);
  assert.deepEqual(Array.from(sections(doc.blocks).keys()), ["plan", "plan-phase", "score"]);
  assert.equal(sections(null).size, 0);
});

test("a document's headings go under the heading of the page section that shows it", () => {
  const report = [{ kind: "section", name: "plan", blocks: [{ kind: "heading", level: 2, text: ["Plan"] },
    { kind: "section", name: "plan-phase", blocks: [{ kind: "heading", level: 3, text: ["Pilot (2)"] }] }] }];
  assert.equal(topLevel(report), 2);
  assert.equal(headingShift(report, 2), 1, "under the page's h2: Plan is an h3, its groups h4");
  const tree = blocksTree(report, { ...ctx, shift: 1 });
  assert.deepEqual([tree[0].children[0].tag, tree[0].children[1].children[0].tag], ["h3", "h4"]);
  const compare = [{ kind: "heading", level: 1, text: ["What moved since old.yaml"] }];
  assert.equal(headingShift(compare, 2), 2);
  assert.equal(headingShift(compare, 0), 0, "no heading around: as written");
  assert.equal(headingShift([{ kind: "heading", level: 4, text: ["x"] }], 1), 0, "never up");
  assert.equal(headingShift([{ kind: "paragraph", text: ["x"] }], 2), 0);
  assert.equal(blocksTree([{ kind: "heading", level: 6, text: ["x"] }], { ...ctx, shift: 3 })[0].tag, "h6");
});
