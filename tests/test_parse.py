"""Reading YAML/JSON text (scoring.parse): YAML 1.2 scalars, positions, duplicate keys, hostile input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from scoring import parse
from scoring.parse import MAX_BYTES, LoadError, parse_document
from scoring.problems import Problem

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(params=["libyaml", "pure-python"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type[yaml.SafeLoader]:
    """Each test taking this runs with both readers: libyaml (the CLI's) and the pure-Python one (the browser's)."""
    if request.param == "libyaml":
        if not hasattr(yaml, "CSafeLoader"):
            pytest.skip("PyYAML without libyaml")
        return parse._Loader
    monkeypatch.setattr(parse, "_Loader", parse._PureLoader)
    return parse._PureLoader


def messages(text: str | bytes, name: str = "f.yml") -> list[str]:
    with pytest.raises(LoadError) as info:
        parse_document(text, name)
    return [str(p) for p in info.value.problems]


def test_yaml_12_scalars() -> None:
    doc = parse_document("a: yes\nb: no\nc: on\nd: true\ne: 2026-11-26\nf: 1.5\ng: .nan\n", "f.yml")
    assert doc.data == {"a": "yes", "b": "no", "c": "on", "d": True, "e": "2026-11-26", "f": 1.5, "g": "nan"}


def test_positions_locate_problems() -> None:
    doc = parse_document("items:\n  - id: X\n    weight: high\n", "own.yml")
    located = doc.locate(Problem("OWN", ("items", 0, "weight"), "expected a number"))
    assert str(located) == "own.yml:3:13: error: items[0].weight: expected a number"
    # An unknown path falls back to its nearest known parent.
    assert (doc.locate(Problem("OWN", ("items", 0, "nope"), "m")).line, ) == (2,)


def test_duplicate_keys_everywhere() -> None:
    assert messages("a: 1\nb: {x: 1, x: 2}\na: 3\n") == [
        "f.yml:2:11: error: b.x: duplicate key 'x' (first defined on line 2)",
        "f.yml:3:1: error: a: duplicate key 'a' (first defined on line 1)",
    ]


def test_json_is_read_and_named_json_in_errors(loader: type[yaml.SafeLoader]) -> None:
    assert parse_document('{"answers": {"OWN-001": "yes"}}', "a.json").data == {"answers": {"OWN-001": "yes"}}
    assert messages('{"a": 1', "a.json") == [
        "a.json:1:8: error: invalid JSON: expected ',' or '}', but got '<stream end>' (while parsing a flow mapping)"]


#: Syntax errors, and what both readers say about them: the pure-Python reader's words (the browser
#: has no libyaml), where libyaml would say "did not find expected key" or "mapping values are not
#: allowed in this context", and leave out the character it stopped at.
SYNTAX_ERRORS = [
    ("answers: [a, b\n", "f.yml:2:1: error: invalid YAML: expected ',' or ']', but got '<stream end>' "
                         "(while parsing a flow sequence)"),
    ("a: b: c\n", "f.yml:1:5: error: invalid YAML: mapping values are not allowed here"),
    ("key: value\n  bad: indent\n", "f.yml:2:6: error: invalid YAML: mapping values are not allowed here"),
    ("a:\n  - x\n - y\n", "f.yml:3:2: error: invalid YAML: expected <block end>, but found "
                          "'<block sequence start>' (while parsing a block mapping)"),
    ("a: [1, 2]]\n", "f.yml:1:10: error: invalid YAML: expected <block end>, but found ']' "
                     "(while parsing a block mapping)"),
    ("a: 'open\n", "f.yml:2:1: error: invalid YAML: found unexpected end of stream (while scanning a quoted scalar)"),
    ("a: *nope\n", "f.yml:1:4: error: invalid YAML: found undefined alias 'nope'"),
    ("a: &x 1\nb: &x 2\n", "f.yml:2:4: error: invalid YAML: second occurrence (found duplicate anchor 'x'; "
                           "first occurrence)"),
    ("--- 1\n--- 2\n", "f.yml:2:1: error: invalid YAML: but found another document "
                       "(expected a single document in the stream)"),
    ("\tanswers: {}\n", "f.yml:1:1: error: invalid YAML: found character '\\t' that cannot start any token "
                        "(while scanning for the next token)"),
    ("a: @x\n", "f.yml:1:4: error: invalid YAML: found character '@' that cannot start any token "
                "(while scanning for the next token)"),
    ('a: "\\q"\n', "f.yml:1:6: error: invalid YAML: found unknown escape character 'q' "
                   "(while scanning a double-quoted scalar)"),
    ("%YAML 2.0\n--- a\n", "f.yml:1:1: error: invalid YAML: found incompatible YAML document "
                           "(version 1.* is required)"),
    ("a: !foo x\n", "f.yml:1:4: error: invalid YAML: could not determine a constructor for the tag '!foo'"),
]


@pytest.mark.parametrize(("text", "expected"), SYNTAX_ERRORS, ids=[e[1].split(": ", 2)[2][:40] for e in SYNTAX_ERRORS])
def test_both_readers_say_the_same_about_syntax_errors(loader: type[yaml.SafeLoader], text: str, expected: str) -> None:
    assert messages(text) == [expected]


def shipped_yaml() -> list[Path]:
    """Every YAML and JSON data file the repository ships or tests with (not the site's or tools')."""
    found = [p for d in ("checklists", "examples", "tests/data") for p in sorted((ROOT / d).rglob("*"))
             if p.suffix in (".yml", ".yaml", ".json") and p.is_file()]
    assert len(found) > 50
    return found


def test_the_quick_reader_gives_the_full_readers_data_and_positions(loader: type[yaml.SafeLoader]) -> None:
    """Files with no anchors, tags or problems are read from the parser's events, without a node tree:
    the data and every position must be exactly those of the full reader."""
    quick = 0
    for path in shipped_yaml():
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:  # tests/data/invalid holds files that are not UTF-8
            continue
        try:
            full = parse._parse(text, path.name, False, loader)
        except (LoadError, parse._Syntax):
            full = None
        reader = loader(text)
        try:
            data, positions = parse._read_plain(reader)
        except (parse._NotPlain, yaml.YAMLError):
            continue
        finally:
            reader.dispose()
        quick += 1
        assert full is not None, path
        assert (data, positions) == (full.data, full.positions), path
    assert quick > 40


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n", "a: !!str 1\n", "<<: {a: 1}\nb: 2\n", "a: 1\na: 2\n", "1: a\n", "? [a]\n: 1\n",
    "--- 1\n--- 2\n", "", "a: 0x" + "f" * 4000 + "\n", "a: [1, 2\n",
])
def test_the_quick_reader_leaves_the_rest_to_the_full_reader(loader: type[yaml.SafeLoader], text: str) -> None:
    reader = loader(text)
    with pytest.raises((parse._NotPlain, yaml.YAMLError)):
        parse._read_plain(reader)
    reader.dispose()


def test_quick_and_full_readers_agree_on_scalars(loader: type[yaml.SafeLoader]) -> None:
    text = ('a: [yes, no, true, False, ~, null, "", 1, -2, 0x1f, 0o17, 1_000, 1.5, .inf, -.Inf, .nan, 2026-11-26, '
            '"quoted", \'single\', 12:30]\nb: |\n  block\nc:\nd: {e: [], f: {}}\n"g h": é😀\n')
    full = parse._parse(text, "f.yml", False, loader)
    reader = loader(text)
    assert parse._read_plain(reader) == (full.data, full.positions)
    reader.dispose()
    assert parse_document(text, "f.yml").data["a"][:3] == ["yes", "no", True]


def test_hostile_input_fails_fast() -> None:
    bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 9))
    assert messages(bomb) == ["f.yml:1:1: error: document expands to more than 2,000,000 values (an alias bomb?)"]
    assert messages("a: &a [*a]\n") == ["f.yml:1:4: error: an alias refers to the value that contains it (a cycle)"]
    assert messages(b"a: \xff\n") == ["f.yml:1:4: error: expected UTF-8 text, got the byte 0xff"]
    assert messages(b" " * (MAX_BYTES + 1)) == [f"f.yml: error: file is too large (over {MAX_BYTES:,} bytes)"]
    assert messages("a: !!python/object:os.system ls\n")[0].startswith("f.yml:1:4: error: invalid YAML: ")
    assert messages("<<: {a: 1}\n") == ["f.yml:1:1: error: top level: merge keys (<<) are not supported; "
                                        "write the fields out"]
    # Where the reader gives up depends on the YAML library (libyaml stops at 1,000 levels).
    (deep,) = messages("[" * 5000 + "]" * 5000)
    assert re.fullmatch(r"f\.yml:1:\d+: error: document is nested too deeply", deep), deep


def test_empty_document() -> None:
    assert parse_document("", "f.yml").data is None
    assert parse_document("# only a comment\n", "f.yml").data is None
