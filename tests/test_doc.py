"""The document form (scoring.doc) and its three renderers (scoring.layout): layout, escaping, links."""

from __future__ import annotations

import json

import pytest
from markdown_it import MarkdownIt

from scoring import doc as d
from scoring.layout import site_href, to_html, to_markdown, to_text
from scoring.text import markdown

HOSTILE = "<script>alert(1)</script> *x* [a](javascript:b) | \x1b[31m\u2028# not a heading"


def test_text_sections_are_set_apart_by_one_blank_line_and_empty_ones_leave_none() -> None:
    doc = [d.paragraph("first"), d.paragraph("second"),
           d.section("a", [d.paragraph("in a"), d.bullets([["one"], ["two"]])]),
           d.section("empty", []),
           d.section("b", [d.bullets([["step"], ["next"]], ordered=True)]),
           d.paragraph("last")]
    assert to_text(doc) == ("first\nsecond\n\nin a\n  - one\n  - two\n\n   1. step\n   2. next\n\nlast\n")
    assert to_text([]) == "" and to_text([d.section("x", [])]) == ""


def test_text_tables_align_columns_from_the_blocks_data() -> None:
    rows = [[["Ownership"], ["58.3"], [d.bar(58.3, 100)], ["Hardening"]], [["Data"], ["0"], [""], ["Not started"]]]
    # No head: indented like a list; width: the least width of a column; the bar is 20 columns wide.
    assert to_text([d.table([], rows, align=["left", "right", "left"], width=[0, 5, 20])]) == (
        "  Ownership   58.3  ############          Hardening\n"
        "  Data           0                        Not started\n")
    head = ("Component", "budget", "status")
    table = d.table(head, [[["Network"], ["150"], ["ok"]], [["Total"], ["150"], []]], align=["left", "right"],
                    width=[0, 8])
    assert to_text([table]) == ("Component    budget  status\n"
                                "Network         150  ok\n"
                                "Total           150\n")  # trailing space never written
    gaps = d.table([], [[["A"], ["1"], [d.ARROW], ["2"]]], align=["left", "right", "left", "right"], gap=[0, 2, 1, 1])
    assert to_text([gaps]) == "  A  1 -> 2\n"


def test_text_facts_align_their_values_and_every_line_is_one_line() -> None:
    facts = d.facts([("Before", ["a.yml"]), ("After", ["b.yml (assessed 2026-06-01)"])])
    assert to_text([facts]) == "Before: a.yml\nAfter:  b.yml (assessed 2026-06-01)\n"
    # A value cannot add a line or an escape sequence, and a table measures what it writes.
    assert to_text([d.paragraph("a\nb\x1b[31m")]) == "a\\nb\\x1b[31m\n"
    assert to_text([d.table([], [[["x\ny"], ["z"]]])]) == "  x\\ny  z\n"


def test_text_spans() -> None:
    spans = ["Decision: ", d.strong("GO"), ", ", d.code("x"), " ", d.item("OWN-001", "ownership"), " ",
             d.link("evidence", "https://e.example/x"), d.ARROW, d.text("bad", "bad"), d.bar(1, 0)]
    assert d.plain(spans) == "Decision: GO, x OWN-001 evidence -> bad" + " " * 20
    assert to_text([d.chart("<svg/>", "Score per dimension")]) == "Score per dimension\n"


@pytest.mark.parametrize("text", ["plain", "1. first", "- item", "# heading", "a  b\r\nc", HOSTILE, "&amp; $x$ ~y~",
                                  "  padded  "])
def test_one_text_span_is_escaped_exactly_as_the_markdown_escaper_does(text: str) -> None:
    assert to_markdown([d.paragraph(text)]) == markdown(text) + "\n"
    # Split anywhere into spans, it reads the same.
    for cut in range(1, len(text)):
        assert to_markdown([d.paragraph(text[:cut], text[cut:])]) == markdown(text) + "\n", cut


def test_markdown_blocks() -> None:
    doc = [d.heading(1, "Readiness: ", HOSTILE),
           d.section("decision", [d.paragraph(d.strong("Decision: NO-GO → GO"), " — score 1.")]),
           d.chart("<svg><script/></svg>", "left out"),
           d.table(("#", "Item"), [[["1"], [d.item("OWN-001", "ownership"), " ", d.strong("blocker")]]],
                   align=["right", "left"]),
           d.facts([("Before", [d.code("a|`b`.yml"), " (assessed x)"])]),
           d.bullets([["A", d.ARROW, "B"], [d.bar(5, 10), "bar left out"]]),
           d.bullets([["first"]], ordered=True)]
    out = to_markdown(doc, base_url="https://example.org/site/")
    assert out == (
        "# Readiness: &lt;script>alert(1)&lt;/script> \\*x\\* \\[a\\](javascript:b) \\| \\\\x1b\\[31m # not a heading\n"
        "\n**Decision: NO-GO → GO** — score 1.\n"
        "\n| # | Item |\n|---:|---|\n"
        "| 1 | [OWN-001](https://example.org/site/dimensions/ownership/#OWN-001) **blocker** |\n"
        "\n- **Before:** `a\\|b.yml` (assessed x)\n"
        "\n- A → B\n- bar left out\n"
        "\n1. first\n")
    html = MarkdownIt("commonmark").enable("table").render(out)
    assert "<script" not in html and 'href="javascript' not in html and html.count("<h1>") == 1


def test_markdown_links_only_to_http_and_to_guidance_only_when_told_where() -> None:
    spans = [d.item("OWN-001", "ownership"), " ", d.item("ZZZ-001", None), " ", d.link("evidence", "javascript:x"),
             " ", d.link("e2", "https://e.example/(x)"), " ", d.link("ok", "https://e.example/x")]
    assert to_markdown([d.paragraph(*spans)]) == "OWN-001 ZZZ-001 evidence e2 [ok](https://e.example/x)\n"
    assert to_markdown([d.paragraph(*spans)], base_url="javascript:alert(1)//") == to_markdown([d.paragraph(*spans)])
    relative = to_markdown([d.paragraph(spans[0])], href=lambda i, page: f"../dimensions/{page}.md#{i}")
    assert relative == "[OWN-001](../dimensions/ownership.md#OWN-001)\n"
    assert site_href("ftp://x") is None and site_href("https://x.org/")("A-001", "a") == "https://x.org/dimensions/a/#A-001"
    assert to_markdown([d.heading(2, "Plan")], shift=1) == "### Plan\n"


def test_html_escapes_everything_and_links_only_to_http() -> None:
    doc = [d.section("notes", [d.heading(2, HOSTILE),
                               d.paragraph(d.text("careful", "warn"), " ", d.link("x", "javascript:alert(1)"),
                                           " ", d.link("y", "https://e.example/?a=1&b=2"), tone="bad",
                                           role="calc__verdict"),
                               d.bullets([[d.item("OWN-001", "ownership", "Run <owner>")]], role="reasons"),
                               d.table(("A",), [[["<b>"]]]), d.facts([("T<", ["v"])])]),
           d.chart('<svg class="p2p-chart"></svg>', "t")]
    out = to_html(doc, base_url="https://example.org/")
    assert "<script" not in out and 'href="javascript' not in out and "<b>" not in out
    assert out == (
        '<div class="p2p-section" data-result="notes"><h2>&lt;script&gt;alert(1)&lt;/script&gt; *x* '
        "[a](javascript:b) | \\x1b[31m\\u2028# not a heading</h2>"
        '<p class="p2p-tone--bad p2p-calc__verdict"><span class="p2p-tone--warn">careful</span> x '
        '<a href="https://e.example/?a=1&amp;b=2">y</a></p>'
        '<ul class="p2p-reasons"><li><a href="https://example.org/dimensions/ownership/#OWN-001" '
        'title="Run &lt;owner&gt;">OWN-001</a></li></ul>'
        "<table><thead><tr><th>A</th></tr></thead><tbody><tr><td>&lt;b&gt;</td></tr></tbody></table>"
        "<dl><dt>T&lt;</dt><dd>v</dd></dl></div>\n"
        '<svg class="p2p-chart"></svg>\n')
    assert "<a " not in to_html([d.paragraph(d.item("OWN-001", "ownership"))])  # no address given: no link


def test_a_document_is_json_ready() -> None:
    doc = [d.section("x", [d.facts([("a", ["b"])]), d.table(("h",), [[[d.item("A-001", None)]]], align=["right"]),
                           d.paragraph(d.ARROW, tone="ok")])]
    assert json.loads(json.dumps(doc)) == json.loads(json.dumps(doc, default=list))
    assert d.joined([["a", "b"], "c"], "; ") == ["a", "b", "; ", "c"]
    # Hints left out are not written at all (the page reads only what is there).
    assert d.paragraph("x") == {"kind": "paragraph", "text": ["x"]}
    assert d.table(("h",), []) == {"kind": "table", "head": ["h"], "rows": []}
