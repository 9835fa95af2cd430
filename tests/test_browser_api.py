"""scoring.api, the worker's entry point, in CPython: the same calls the browser makes, JSON in and out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scoring import api
from scoring.files import read_checklists
from scoring.layout import to_text

ROOT = Path(__file__).resolve().parent.parent


def _model_json(retired: dict | None = None, extra_issued: tuple[str, ...] = ()) -> str:
    config, dims, registry, _, frameworks = read_checklists(ROOT / "checklists")
    reg = json.loads(json.dumps(registry.data)) if registry else {"issued": []}
    if not reg.get("issued"):
        reg["issued"] = [i["id"] for d in dims.values() for i in d.data["items"]]
    reg["issued"] = list(reg["issued"]) + list(extra_issued)
    if retired:
        reg["retired"] = {**(reg.get("retired") or {}), **retired}
    return json.dumps({"config": config.data, "dimensions": {k: v.data for k, v in dims.items()}, "registry": reg,
                       "frameworks": frameworks.data if frameworks else None})


@pytest.fixture()
def loaded() -> None:
    out = json.loads(api.load(_model_json()))
    assert out["ok"], out


def call(fn, *args) -> dict:
    return json.loads(fn(*args))


def cli(tmp_path: Path, name: str, text: str, *args: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "scoring", *args, name, "--checklists", str(ROOT / "checklists")],
                          cwd=tmp_path, capture_output=True, text=True, check=False)


BAD_FILES = {
    "bad-value.yaml": "pilot: x\nanswers:\n  OWN-001: yes\n  OWN-002: maybe\n  OWN-003: {answer: na}\n",
    "bad-syntax.yaml": "pilot: x\nanswers:\n  OWN-001: yes\n   OWN-002: [no\n",
    "duplicate.yaml": "answers:\n  OWN-001: yes\n  OWN-001: no\n",
    "bad.json": '{"answers": {"OWN-001": "yes", "OWN-002": "perhaps"}}',
    "cut.json": '{"answers": {"OWN-001": "yes"',
    "list.yaml": "- OWN-001\n",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_read_reports_exactly_what_the_cli_prints(loaded, tmp_path: Path, name: str) -> None:
    out = call(api.read, BAD_FILES[name], name)
    assert out["ok"] is False
    proc = cli(tmp_path, name, BAD_FILES[name], "score")
    assert proc.returncode == 2
    assert [p["message"] for p in out["problems"]] == proc.stderr.splitlines()
    assert all(p["message"].startswith(name + ":") for p in out["problems"])


def test_read_accepts_what_the_cli_accepts_and_normalises(loaded) -> None:
    text = ('pilot: "Claims <b>triage</b>"\nassessed: 2026-11-26\nversion: "1.0.0"\nanswers:\n'
            '  OWN-001: yes\n  OWN-002: {answer: partial, note: "run owner named"}\n'
            '  DATA-004: {answer: na, reason: "no personal data"}\n  ZZZ-001: no\n')
    out = call(api.read, text, "a.yaml")
    assert out["ok"], out
    current = json.loads(api.load(_model_json()))["version"]
    assert current != "1.0.0"  # the state is brought up to the current checklists
    assert out["state"] == {
        "pilot": "Claims <b>triage</b>", "assessed": "2026-11-26", "version": current,
        "answers": {"OWN-001": "yes", "OWN-002": {"answer": "partial", "note": "run owner named"},
                    "DATA-004": {"answer": "na", "reason": "no personal data"}},
        "kept": {"ZZZ-001": "no"},
    }
    assert out["changes"]["unrecognised"] == ["ZZZ-001"]
    # What the page says once it has adopted them: how many, and what did not fit these checklists.
    assert to_text(out["notice"]).startswith("Loaded 3 answers from a.yaml.\n")
    assert "  - Not in these checklists (ignored): ZZZ-001\n" in to_text(out["notice"])
    shared = call(api.read, b"answers: {OWN-001: yes}", "shared link.json", "share")
    assert to_text(shared["notice"]) == "Loaded 1 answer from the share link.\n"


def test_restore_maps_retired_ids_and_keeps_the_rest() -> None:
    retired = {"OWN-090": {"replaced_by": "OWN-003", "since": "1.0.0", "reason": "merged"},
               "OWN-091": {"replaced_by": None, "since": "1.0.0", "reason": "dropped"}}
    loaded = json.loads(api.load(_model_json(retired, ("OWN-090", "OWN-091"))))
    assert loaded["ok"], loaded
    doc = {"version": "0.9.0", "answers": {"OWN-090": {"answer": "partial", "note": "n"}, "OWN-091": "yes",
                                           "OWN-001": "no", "ZZZ-001": "yes"}}
    out = call(api.restore, json.dumps(doc))
    assert out["ok"], out
    assert (out["dropped"], out["notice"], out["alert"], out["changed"]) == ([], "", None, True)
    assert out["state"]["answers"] == {"OWN-001": "no", "OWN-003": {"answer": "partial", "note": "n"}}
    assert out["state"]["kept"] == {"ZZZ-001": "yes", "OWN-091": "yes"}
    assert out["state"]["version"] != "0.9.0"
    assert out["changes"] == {"from_version": "0.9.0", "version": out["state"]["version"],
                              "mapped": [{"from": "OWN-090", "to": "OWN-003"}], "unrecognised": ["ZZZ-001"],
                              "retired": ["OWN-091"]}
    assert to_text(out["moved"]) == (
        f"Your saved answers were made against checklists 0.9.0; these are {out['state']['version']}.\n"
        "  - Carried over from retired ids: OWN-090 -> OWN-003 (merged)\n"
        "  - Retired ids with no replacement (ignored): OWN-091 (dropped)\n"
        "  - Not in these checklists (ignored): ZZZ-001\n")
    # An answer given to the current id wins over one carried from its retired id.
    doc["answers"]["OWN-003"] = "yes"
    out = call(api.restore, json.dumps(doc))
    assert out["state"]["answers"]["OWN-003"] == "yes"
    assert out["state"]["kept"]["OWN-090"] == {"answer": "partial", "note": "n"}
    # Saved against these checklists, with nothing to move: nothing to say, nothing to write.
    current = {"version": out["state"]["version"], "answers": {"OWN-001": "no"}}
    out = call(api.restore, json.dumps(current))
    assert (out["changed"], out["moved"], out["notice"], out["alert"]) == (False, None, "", None)
    api.load(_model_json())


def test_restore_leaves_out_bad_entries_one_by_one_and_names_them(loaded) -> None:
    saved = {"pilot": ["not", "text"], "version": "",
             "answers": {"OWN-001": "yes", "OWN-002": {"answer": "partial", "note": {"x": 1}}, "OWN-003": "maybe"},
             "kept": {"ZZZ-001": {"answer": "maybe"}, "ZZZ-002": "no", "OWN-001": "no"}}
    out = call(api.restore, json.dumps(saved))
    assert out["ok"], out
    choices = "expected one of yes, partial, no, unsure, na, got 'maybe'"
    assert out["dropped"] == ["pilot: expected a string, got a list",
                              "answers.OWN-002.note: expected a string, got a mapping",
                              f"answers.OWN-003: {choices}",
                              f"answers.ZZZ-001.answer: {choices}"]
    assert out["notice"] == ("4 saved entries could not be used and were left out: " + "; ".join(out["dropped"]) + ".")
    assert to_text(out["alert"]) == out["notice"] + "\n"
    # The rest loads: the answer whose note was bad keeps its answer; an answer already given wins over kept.
    assert out["state"]["pilot"] == ""
    assert out["state"]["answers"] == {"OWN-001": "yes", "OWN-002": "partial"}
    assert out["state"]["kept"] == {"ZZZ-002": "no"}
    assert out["changes"]["unrecognised"] == ["ZZZ-002"]

    out = call(api.restore, json.dumps({"answers": {"OWN-001": "no"}, "kept": ["ZZZ-001"]}))
    assert to_text(out["alert"]) == ("1 saved entry could not be used and was left out: "
                                     "kept: expected a mapping of item id to answer, got a list.\n")
    assert out["state"]["answers"] == {"OWN-001": "no"}

    many = {f"ZZZ-{n:03d}": "maybe" for n in range(1, 31)}
    out = call(api.restore, json.dumps({"answers": {"OWN-001": "yes", **many}}))
    assert len(out["dropped"]) == 30 and out["state"]["answers"] == {"OWN-001": "yes"}
    assert to_text(out["alert"]) == ("30 saved entries could not be used and were left out: "
                                     + "; ".join(out["dropped"][:api.NAMED_AT_MOST]) + "; and 20 more.\n")


def test_read_takes_the_files_bytes_as_the_cli_does(loaded, tmp_path: Path) -> None:
    files = {"utf16.yaml": "answers:\n  OWN-001: yes\n".encode("utf-16"),
             "latin1.yaml": "pilot: Caf\u00e9\nanswers: {}\n".encode("latin-1"),
             "huge.yaml": b"#" * 5 * 1024 * 1024 + b"\n"}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        proc = subprocess.run([sys.executable, "-m", "scoring", "score", name, "--checklists",
                               str(ROOT / "checklists")], cwd=tmp_path, capture_output=True, text=True, check=False)
        assert proc.returncode == 2
        for given in (data, bytearray(data), memoryview(data)):  # the browser's Uint8Array is a memoryview
            out = call(api.read, given, name)
            assert [p["message"] for p in out["problems"]] == proc.stderr.splitlines(), name
    out = call(api.read, memoryview(b"\xef\xbb\xbfanswers: {OWN-001: yes}\n"), "bom.yaml")
    assert out["ok"] and out["state"]["answers"] == {"OWN-001": "yes"}


def test_compare_and_report(loaded) -> None:
    old = {"answers": {"OWN-001": "no"}}
    new = {"answers": {"OWN-001": "yes"}}
    diff = call(api.compare, json.dumps(old), json.dumps(new))["diff"]
    assert diff["blockers_resolved"] == ["OWN-001"]
    assert diff["items"][0] == {"item": "OWN-001", "old": "no", "new": "yes", "direction": "better"}
    text = call(api.report, json.dumps(new), "markdown", "https://example.org/p2p/")["text"]
    assert "](https://example.org/p2p/dimensions/" in text and text.startswith("# Readiness")


def test_bad_answers_and_calculator_inputs_come_back_as_problems(loaded) -> None:
    out = call(api.score, json.dumps({"answers": {"OWN-001": {"answer": "yes", "date": "2026-02-30"}}}))
    message = "answers.OWN-001.date: expected a date written YYYY-MM-DD, got '2026-02-30': 2026-02 has 28 days"
    assert out == {"ok": False, "problems": [{"source": "answers", "path": "answers.OWN-001.date", "message": message}],
                   "doc": [{"kind": "paragraph", "text": ["These answers cannot be scored:"], "role": "errors__title"},
                           {"kind": "list", "ordered": False, "items": [[message]], "role": "errors"}]}
    inputs = {"cost_per_call": "x", "calls_per_workflow": 1, "workflows_per_day": 1}
    out = call(api.calculate, "cost", json.dumps(inputs))
    assert out["ok"] is False and out["problems"][0]["path"] == "cost_per_call"
    assert call(api.calculate, "nope", "{}")["ok"] is False
