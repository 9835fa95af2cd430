"""Reading YAML/JSON text (scoring.parse): YAML 1.2 scalars, positions, duplicate keys, hostile input."""

from __future__ import annotations

import re

import pytest

from scoring.parse import MAX_BYTES, LoadError, parse_document
from scoring.problems import Problem


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


def test_json_is_read_and_named_json_in_errors() -> None:
    assert parse_document('{"answers": {"OWN-001": "yes"}}', "a.json").data == {"answers": {"OWN-001": "yes"}}
    assert messages('{"a": 1', "a.json") == [
        "a.json:2:1: error: invalid JSON: did not find expected ',' or '}' (while parsing a flow mapping)"]


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
