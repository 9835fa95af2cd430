"""The scoring configuration (``checklists/scoring.yml``), checked into a :class:`~scoring.model.Config`."""

from __future__ import annotations

from typing import Any

from .checker import Checker
from .model import (
    MAX_ITEMS,
    MAX_SUM,
    MAX_WEIGHT,
    OVERALL_RULES,
    PREFIX_RE,
    SCORE_MODES,
    SCORED_ANSWERS,
    SLUG_RE,
    Config,
    Level,
    ScoreMode,
    Stage,
)
from .problems import Problem, describe, did_you_mean
from .text import number

__all__ = ["check_config"]

_CONFIG_REQUIRED = ("version", "dimensions", "answers", "levels", "thresholds", "phases", "owners")
_CONFIG_OPTIONAL = ("dimension_score", "overall", "weights", "quick_check")


def _stages(ch: Checker, data: dict[str, Any], key: str) -> tuple[Stage, ...]:
    raw = data.get(key)
    if key not in data:
        return ()
    if not isinstance(raw, list) or not raw:
        ch.error((key,), f"expected a non-empty list, got {describe(raw)}")
        return ()
    out: list[Stage] = []
    seen: set[str] = set()
    for i, entry in enumerate(raw):
        path = (key, i)
        if ch.mapping(entry, path) is None:
            continue
        ch.keys(entry, path, ("id", "title"), ("summary",))
        sid = ch.text(entry, "id", path)
        if sid and not SLUG_RE.match(sid):
            ch.error(path + ("id",), f"expected lower-case letters, digits and '-', got {describe(sid)}")
        if sid in seen:
            ch.error(path + ("id",), f"duplicate {key[:-1]} id '{sid}'")
        seen.add(sid)
        out.append(Stage(sid, ch.text(entry, "title", path), ch.text(entry, "summary", path, required=False)))
    return tuple(out)


def _levels(ch: Checker, data: dict[str, Any], mode: ScoreMode = "percent") -> tuple[Level, ...]:
    raw = data.get("levels")
    if "levels" not in data:
        return ()
    if not isinstance(raw, list) or not raw:
        ch.error(("levels",), f"expected a non-empty list of bands, got {describe(raw)}")
        return ()
    top = _top(mode)
    out: list[Level] = []
    prev: Level | None = None  # the band just before, when it was valid
    for i, entry in enumerate(raw):
        path = ("levels", i)
        if ch.mapping(entry, path) is None:
            prev = None
            continue
        before = len(ch.problems)
        ch.keys(entry, path, ("name", "min", "max"), ())
        name = ch.text(entry, "name", path)
        low = ch.number(entry, "min", path, 0, top, default=None)
        high = ch.number(entry, "max", path, 0, top, default=None, allow_none=True)
        if "min" not in entry or "max" not in entry:
            prev = None
            continue
        if high is not None and low is not None and high <= low:
            ch.error(path + ("max",), f"expected a number greater than min ({number(low)}), got {number(high)}")
        if len(ch.problems) > before or low is None:
            prev = None
            continue
        if prev is not None:
            if prev.max is None:
                ch.error(path, f"band follows '{prev.name}', which has no upper bound")
            elif low is not None and low < prev.max:
                ch.error(path + ("min",), f"bands overlap: '{name}' starts at {number(low)}, "
                                           f"before '{prev.name}' ends at {number(prev.max)}")
            elif low is not None and low > prev.max:
                ch.error(path + ("min",), f"bands leave a gap: '{prev.name}' ends at {number(prev.max)}, "
                                           f"'{name}' starts at {number(low)}")
        prev = Level(name, low, high)
        out.append(prev)
        if i == 0 and low > 0:
            ch.error(path + ("min",), f"bands leave a gap: scores from 0 to {number(low)} have no band "
                                      "(the first band must start at 0)")
    # Scores run from 0 (values are never negative) to 100 in percent mode: the bands must cover it all.
    if prev is not None:  # the last band is valid: it must reach the top
        last = prev
        if mode == "percent" and last.max is not None and last.max < 100:
            ch.error(("levels", len(raw) - 1, "max"), f"bands leave a gap: scores from {number(last.max)} to 100 "
                                                      "have no band")
    return tuple(out)


def _top(mode: ScoreMode) -> int:
    """The largest score levels and thresholds may name: 100 in percent mode, :data:`MAX_SUM` in sum mode."""
    return 100 if mode == "percent" else MAX_SUM


def check_config(data: Any) -> tuple[Config | None, list[Problem]]:
    """Check the scoring configuration; return it (``None`` on any problem) and its problems (source ``config``)."""
    ch = Checker("config")
    if ch.mapping(data, (), "the scoring configuration (a mapping)") is None:
        return None, ch.problems
    ch.keys(data, (), _CONFIG_REQUIRED, _CONFIG_OPTIONAL)
    version = data.get("version", "")
    if "version" in data and (not isinstance(version, (str, int, float)) or isinstance(version, bool)):
        ch.error(("version",), f"expected a version string such as \"1.0.0\", got {describe(version)}")
    version = str(version)

    dims = ch.string_list(data, "dimensions", ())
    if "dimensions" in data and isinstance(data["dimensions"], list) and not data["dimensions"]:
        ch.error(("dimensions",), "expected at least one dimension, got an empty list")
    seen = ch.unique_ids(dims, ("dimensions",), PREFIX_RE, "an upper-case id such as 'OWN'", "dimension")

    answers: dict[str, float] = {}
    raw_answers = ch.mapping(data["answers"], ("answers",)) if "answers" in data else None
    if raw_answers is not None:
        ch.keys(raw_answers, ("answers",), SCORED_ANSWERS, ())
        for key in SCORED_ANSWERS:
            value = ch.number(raw_answers, key, ("answers",), 0, 1)
            answers[key] = value if value is not None else 0.0
    else:
        answers = {"yes": 1.0, "partial": 0.5, "no": 0.0, "unsure": 0.0}

    mode = ch.choice(data, "dimension_score", (), SCORE_MODES, "percent")
    overall = ch.choice(data, "overall", (), OVERALL_RULES, "weakest")

    weights: dict[str, float] = {}
    raw_weights = ch.mapping(data.get("weights", {}), ("weights",))
    if raw_weights is not None:
        for key in raw_weights:
            if key not in seen:
                ch.error(("weights", str(key)), f"unknown dimension{did_you_mean(str(key), dims)}")
            value = ch.number(raw_weights, key, ("weights",), 0, MAX_WEIGHT, default=1.0, above=True)
            weights[str(key)] = value if value is not None else 1.0

    levels = _levels(ch, data, mode)

    no_go = go = 0.0
    raw_thresholds = ch.mapping(data["thresholds"], ("thresholds",)) if "thresholds" in data else None
    if raw_thresholds is not None:
        ch.keys(raw_thresholds, ("thresholds",), ("no_go", "go"), ())
        before = len(ch.problems)
        no_go = ch.number(raw_thresholds, "no_go", ("thresholds",), 0, _top(mode)) or 0.0
        go = ch.number(raw_thresholds, "go", ("thresholds",), 0, _top(mode)) or 0.0
        numbers_ok = len(ch.problems) == before
        if numbers_ok and "go" in raw_thresholds and "no_go" in raw_thresholds and go < no_go:
            ch.error(("thresholds", "go"), f"expected a number at least no_go ({number(no_go)}), got {number(go)}")

    max_unmet = 2
    raw_qc = ch.mapping(data.get("quick_check", {}), ("quick_check",))
    if raw_qc is not None:
        ch.keys(raw_qc, ("quick_check",), (), ("max_unmet",))
        value = raw_qc.get("max_unmet", 2)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_ITEMS:
            ch.error(("quick_check", "max_unmet"), f"expected a whole number from 0 to {MAX_ITEMS:,}, "
                                                   f"got {describe(value)}")
        else:
            max_unmet = value

    phases = _stages(ch, data, "phases")
    owners = _stages(ch, data, "owners")
    if ch.problems:
        return None, ch.problems
    return Config(version, tuple(dims), answers, mode, overall, weights, levels, no_go, go, max_unmet,
                  phases, owners), []

