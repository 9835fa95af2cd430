"""The scoring configuration (``checklists/scoring.yml``), checked into a :class:`~scoring.model.Config`."""

from __future__ import annotations

from typing import Any

from .checker import Checker
from .fields import Field, Shape
from .model import (
    MAX_ITEMS,
    MAX_SUM,
    MAX_WEIGHT,
    OVERALL_RULES,
    PREFIX_RE,
    SCORE_MODES,
    SCORED_ANSWERS,
    SITE_URL_RE,
    SLUG_RE,
    Config,
    Level,
    ScoreMode,
    Stage,
)
from .problems import Problem, describe, did_you_mean
from .text import number

__all__ = ["CONFIG", "check_config"]

#: Levels and thresholds are scores: their top depends on dimension_score (:func:`_top`).
_SCORE_RANGE = f"from 0 to 100 with dimension_score: percent; to {MAX_SUM:,} with sum"
_STAGE = Shape("stage", (
    Field("id", "slug", required=True),
    Field("title", "text", required=True),
    Field("summary", "note"),
), "a phase or an owner role")
_LEVEL = Shape("level", (
    Field("name", "text", required=True),
    Field("min", "number", required=True, low=0, high=MAX_SUM, description=_SCORE_RANGE),
    Field("max", "number", required=True, low=0, high=MAX_SUM, nullable=True,
          description=f"{_SCORE_RANGE}; null: no upper bound"),
), "a band of scores, from min up to (not including) max")
_THRESHOLDS = Shape("thresholds", (
    Field("no_go", "number", required=True, low=0, high=MAX_SUM, description=_SCORE_RANGE),
    Field("go", "number", required=True, low=0, high=MAX_SUM, description=_SCORE_RANGE),
))
_ANSWER_VALUES = Shape("answerValues", tuple(Field(key, "number", required=True, low=0, high=1)
                                             for key in SCORED_ANSWERS), "what each answer counts, from 0 to 1")
_QUICK_CHECK = Shape("quickCheck", (
    Field("max_unmet", "integer", low=0, high=MAX_ITEMS,
          description="more headline items unmet than this: still a pilot (default 2)"),
))
_WEIGHT = Field("weight", "number", low=0, high=MAX_WEIGHT, above=True)
#: The scoring configuration, checklists/scoring.yml.
CONFIG = Shape("scoring", (
    Field("version", "scalar", required=True, description="the release of these checklists, e.g. \"1.1.0\""),
    Field("dimensions", "list", required=True, of=Field("dimension", "prefix"), min_items=1, unique=True,
          description="the dimension ids, in display order; each has its file <id in lower case>.yml"),
    Field("answers", "object", required=True, of=_ANSWER_VALUES),
    Field("levels", "list", required=True, of=_LEVEL, min_items=1),
    Field("thresholds", "object", required=True, of=_THRESHOLDS),
    Field("phases", "list", required=True, of=_STAGE, min_items=1),
    Field("owners", "list", required=True, of=_STAGE, min_items=1),
    Field("dimension_score", "choice", choices=SCORE_MODES, description="default percent"),
    Field("overall", "choice", choices=OVERALL_RULES, description="default weakest"),
    Field("weights", "mapping", of=_WEIGHT,
          description=f"dimension id -> weight in the mean, greater than 0, at most {MAX_WEIGHT} (default 1)"),
    Field("quick_check", "object", of=_QUICK_CHECK),
    Field("site_url", "url", description="where the playbook site built from these checklists is published, e.g. "
                                         "\"https://example.org/playbook/\"; 'pilot2prod template' points answers "
                                         "files to its schemas/answers.schema.json"),
), "the scoring configuration, scoring.yml")


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
        ch.fields(entry, path, _STAGE)
        sid = ch.text_field(entry, _STAGE["id"], path)
        if sid and not SLUG_RE.fullmatch(sid):
            ch.error(path + ("id",), f"expected lower-case letters, digits and '-', got {describe(sid)}")
        if sid in seen:
            ch.error(path + ("id",), f"duplicate {key[:-1]} id '{sid}'")
        seen.add(sid)
        out.append(Stage(sid, ch.text_field(entry, _STAGE["title"], path),
                         ch.text_field(entry, _STAGE["summary"], path)))
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
        ch.fields(entry, path, _LEVEL)
        name = ch.text_field(entry, _LEVEL["name"], path)
        low = ch.number_field(entry, _LEVEL["min"], path, default=None, high=top)
        high = ch.number_field(entry, _LEVEL["max"], path, default=None, high=top)
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
    ch.fields(data, (), CONFIG)
    version = data.get("version", "")
    if "version" in data and (not isinstance(version, (str, int, float)) or isinstance(version, bool)):
        ch.error(("version",), f"expected a version string such as \"1.0.0\", got {describe(version)}")
    version = str(version)
    site_url = ch.text_field(data, CONFIG["site_url"], ())
    if site_url and not SITE_URL_RE.fullmatch(site_url):
        ch.error(("site_url",), "expected an http or https address with no query or fragment, such as "
                                f"\"https://example.org/playbook/\", got {describe(site_url)}")

    dims = ch.string_list(data, "dimensions", ())
    if "dimensions" in data and isinstance(data["dimensions"], list) and not data["dimensions"]:
        ch.error(("dimensions",), "expected at least one dimension, got an empty list")
    seen = ch.unique_ids(dims, ("dimensions",), PREFIX_RE, "an upper-case id such as 'OWN'", "dimension")

    answers: dict[str, float] = {}
    raw_answers = ch.mapping(data["answers"], ("answers",)) if "answers" in data else None
    if raw_answers is not None:
        ch.fields(raw_answers, ("answers",), _ANSWER_VALUES)
        for spec in _ANSWER_VALUES.fields:
            key = spec.name
            value = ch.number_field(raw_answers, spec, ("answers",))
            answers[key] = value if value is not None else 0.0
    else:
        answers = {"yes": 1.0, "partial": 0.5, "no": 0.0, "unsure": 0.0}

    mode = ch.choice(data, CONFIG["dimension_score"].name, (), SCORE_MODES, "percent")
    overall = ch.choice(data, CONFIG["overall"].name, (), OVERALL_RULES, "weakest")

    weights: dict[str, float] = {}
    raw_weights = ch.mapping(data.get("weights", {}), ("weights",))
    if raw_weights is not None:
        for key in raw_weights:
            if key not in seen:
                ch.error(("weights", str(key)), f"unknown dimension{did_you_mean(str(key), dims)}")
            value = ch.number(raw_weights, key, ("weights",), *_WEIGHT.limits, default=1.0, above=_WEIGHT.above)
            weights[str(key)] = value if value is not None else 1.0

    levels = _levels(ch, data, mode)

    no_go = go = 0.0
    raw_thresholds = ch.mapping(data["thresholds"], ("thresholds",)) if "thresholds" in data else None
    if raw_thresholds is not None:
        ch.fields(raw_thresholds, ("thresholds",), _THRESHOLDS)
        before = len(ch.problems)
        no_go = ch.number_field(raw_thresholds, _THRESHOLDS["no_go"], ("thresholds",), high=_top(mode)) or 0.0
        go = ch.number_field(raw_thresholds, _THRESHOLDS["go"], ("thresholds",), high=_top(mode)) or 0.0
        numbers_ok = len(ch.problems) == before
        if numbers_ok and "go" in raw_thresholds and "no_go" in raw_thresholds and go < no_go:
            ch.error(("thresholds", "go"), f"expected a number at least no_go ({number(no_go)}), got {number(go)}")

    max_unmet = 2
    raw_qc = ch.mapping(data.get("quick_check", {}), ("quick_check",))
    if raw_qc is not None:
        ch.fields(raw_qc, ("quick_check",), _QUICK_CHECK)
        spec = _QUICK_CHECK["max_unmet"]
        low, high = (int(limit) for limit in spec.limits)
        value = raw_qc.get(spec.name, 2)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            ch.error(("quick_check", spec.name), f"expected a whole number from {low:,} to {high:,}, "
                                                 f"got {describe(value)}")
        else:
            max_unmet = value

    phases = _stages(ch, data, "phases")
    owners = _stages(ch, data, "owners")
    if ch.problems:
        return None, ch.problems
    return Config(version, tuple(dims), answers, mode, overall, weights, levels, no_go, go, max_unmet,
                  phases, owners, site_url), []

