"""The checklist model: validated, immutable, built from plain data.

:func:`build_model` checks the scoring configuration, every dimension and the
id registry together and reports *every* problem, each with the path of the
offending value, instead of stopping at the first.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from .problems import Path, Problem, ValidationError, describe, did_you_mean, number, out_of_range

__all__ = [
    "ANSWER_CHOICES",
    "Config",
    "Dimension",
    "Item",
    "Level",
    "Model",
    "Release",
    "Retired",
    "build_model",
    "check_model",
]

#: Answers a reader can give, in the order the site shows them.
ANSWER_CHOICES = ("yes", "partial", "no", "unsure", "na")
SCORED_ANSWERS = ("yes", "partial", "no", "unsure")
ID_RE = re.compile(r"^([A-Z][A-Z0-9]*)-(\d{3,})$")
PREFIX_RE = re.compile(r"^[A-Z][A-Z0-9]*$")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_ITEMS = 100_000
#: The largest weight an item or a dimension may have (weights are greater than 0).
MAX_WEIGHT = 1_000
#: The top of the score range in ``sum`` mode: every item at the largest weight, scored 1.
#: Levels and thresholds must lie in [0, 100] in ``percent`` mode and in [0, MAX_SUM] in ``sum`` mode,
#: so no sum of weights or scores can overflow.
MAX_SUM = MAX_ITEMS * MAX_WEIGHT


@dataclass(frozen=True)
class Item:
    id: str
    dimension: str
    title: str
    question: str
    guidance: str
    action: str
    weight: float
    phase: str
    owner: str
    critical: bool = False
    headline: bool = False
    related: tuple[str, ...] = ()
    #: framework id -> the references this item gives evidence toward (checklists/frameworks.yml)
    refs: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Dimension:
    id: str
    title: str
    page: str
    summary: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Level:
    name: str
    min: float
    max: float | None  # None: unbounded


@dataclass(frozen=True)
class Stage:
    id: str
    title: str
    summary: str = ""


@dataclass(frozen=True)
class Retired:
    id: str
    replaced_by: str | None
    since: str
    reason: str


@dataclass(frozen=True)
class Release:
    """One checklist release, from the registry's ``releases:`` changelog (oldest first)."""

    version: str
    date: str = ""
    notes: str = ""
    added: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    version: str
    dimensions: tuple[str, ...]
    answers: Mapping[str, float]
    dimension_score: str
    overall: str
    weights: Mapping[str, float]
    levels: tuple[Level, ...]
    no_go: float
    go: float
    quick_check_max_unmet: int
    phases: tuple[Stage, ...]
    owners: tuple[Stage, ...]

    def level_for(self, score: float | None) -> str:
        """The name of the band holding ``score`` (bands are [min, max))."""
        if score is None:
            return "n/a"
        for level in self.levels:
            if score < level.min:
                continue
            if level.max is None or score < level.max:
                return level.name
        # The top of the range belongs to the last band (100 is "Operating").
        return self.levels[-1].name if self.levels else "n/a"


@dataclass(frozen=True)
class Model:
    config: Config
    dimensions: tuple[Dimension, ...]
    retired: Mapping[str, Retired] = field(default_factory=dict)
    issued: tuple[str, ...] = ()
    releases: tuple[Release, ...] = ()

    @property
    def items(self) -> dict[str, Item]:
        return {item.id: item for dim in self.dimensions for item in dim.items}

    def dimension(self, dim_id: str) -> Dimension:
        for dim in self.dimensions:
            if dim.id == dim_id:
                return dim
        raise KeyError(dim_id)


# --------------------------------------------------------------------------
# Checking helpers: each records a problem and returns a usable default, so
# that checking goes on and every problem is reported in one pass.


class _Checker:
    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []

    def error(self, path: Path, message: str) -> None:
        self.problems.append(Problem(self.source, tuple(path), message))

    def mapping(self, data: Any, path: Path, what: str = "a mapping") -> dict[str, Any] | None:
        if not isinstance(data, dict):
            got = "an empty document" if data is None and not path else describe(data)
            self.error(path, f"expected {what}, got {got}")
            return None
        return data

    def keys(self, data: dict[str, Any], path: Path, required: tuple[str, ...], optional: tuple[str, ...]) -> None:
        allowed = required + optional
        for key in data:
            if key not in allowed:
                self.error(path + (str(key),), f"unknown field{did_you_mean(str(key), allowed)}")
        for key in required:
            if key not in data:
                self.error(path, f"missing required field '{key}'")

    def text(self, data: dict[str, Any], key: str, path: Path, default: str = "", required: bool = True) -> str:
        if key not in data:
            return default
        value = data[key]
        if not isinstance(value, str) or (required and not value.strip()):
            if isinstance(value, str):
                self.error(path + (key,), "expected a non-empty string, got an empty one")
            else:
                self.error(path + (key,), f"expected a string, got {describe(value)}")
            return default
        return value

    def number(self, data: dict[str, Any], key: str, path: Path, low: float, high: float,
               default: float | None = 0.0,
               above: bool = False, allow_none: bool = False) -> float | None:
        """The number at ``key``, within ``[low, high]`` (``(low, high]`` when ``above``); else a problem."""
        if key not in data:
            return default
        value = data[key]
        if value is None and allow_none:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(path + (key,), f"expected a number, got {describe(value)}")
            return default
        message = out_of_range(value, low, high, above)
        if message:
            self.error(path + (key,), message)
            return default
        return float(value)

    def boolean(self, data: dict[str, Any], key: str, path: Path) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.error(path + (key,), f"expected true or false, got {describe(value)}")
            return False
        return value

    def choice(self, data: dict[str, Any], key: str, path: Path, choices: tuple[str, ...], default: str) -> str:
        if key not in data:
            return default
        value = data[key]
        if value not in choices:
            options = ", ".join(choices)
            hint = did_you_mean(str(value), choices) if isinstance(value, str) else ""
            self.error(path + (key,), f"expected one of {options}, got {describe(value)}{hint}")
            return default
        return value

    def string_list(self, data: dict[str, Any], key: str, path: Path) -> list[str]:
        value = data.get(key, [])
        if not isinstance(value, list):
            self.error(path + (key,), f"expected a list, got {describe(value)}")
            return []
        out = []
        for i, entry in enumerate(value):
            if not isinstance(entry, str):
                self.error(path + (key, i), f"expected a string, got {describe(entry)}")
            else:
                out.append(entry)
        return out


# --------------------------------------------------------------------------
# The scoring configuration

_CONFIG_REQUIRED = ("version", "dimensions", "answers", "levels", "thresholds", "phases", "owners")
_CONFIG_OPTIONAL = ("dimension_score", "overall", "weights", "quick_check")


def _stages(ch: _Checker, data: dict[str, Any], key: str) -> tuple[Stage, ...]:
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


def _levels(ch: _Checker, data: dict[str, Any], mode: str = "percent") -> tuple[Level, ...]:
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
            ch.error(path + ("max",), f"expected a number greater than min ({_num(low)}), got {_num(high)}")
        if len(ch.problems) > before or low is None:
            prev = None
            continue
        if prev is not None:
            if prev.max is None:
                ch.error(path, f"band follows '{prev.name}', which has no upper bound")
            elif low is not None and low < prev.max:
                ch.error(path + ("min",), f"bands overlap: '{name}' starts at {_num(low)}, "
                                           f"before '{prev.name}' ends at {_num(prev.max)}")
            elif low is not None and low > prev.max:
                ch.error(path + ("min",), f"bands leave a gap: '{prev.name}' ends at {_num(prev.max)}, "
                                           f"'{name}' starts at {_num(low)}")
        prev = Level(name, low, high)
        out.append(prev)
        if i == 0 and low > 0:
            ch.error(path + ("min",), f"bands leave a gap: scores from 0 to {_num(low)} have no band "
                                      "(the first band must start at 0)")
    # Scores run from 0 (values are never negative) to 100 in percent mode: the bands must cover it all.
    if prev is not None:  # the last band is valid: it must reach the top
        last = prev
        if mode == "percent" and last.max is not None and last.max < 100:
            ch.error(("levels", len(raw) - 1, "max"), f"bands leave a gap: scores from {_num(last.max)} to 100 "
                                                      "have no band")
    return tuple(out)


def _num(value: float) -> str:
    return number(value)


def _top(mode: str) -> int:
    """The largest score levels and thresholds may name: 100 in percent mode, :data:`MAX_SUM` in sum mode."""
    return 100 if mode == "percent" else MAX_SUM


def check_config(data: Any) -> tuple[Config | None, list[Problem]]:
    ch = _Checker("config")
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
    seen: set[str] = set()
    for i, dim in enumerate(dims):
        if not PREFIX_RE.match(dim):
            ch.error(("dimensions", i), f"expected an upper-case id such as 'OWN', got {describe(dim)}")
        if dim in seen:
            ch.error(("dimensions", i), f"dimension '{dim}' is listed twice")
        seen.add(dim)

    answers: dict[str, float] = {}
    raw_answers = ch.mapping(data["answers"], ("answers",)) if "answers" in data else None
    if raw_answers is not None:
        ch.keys(raw_answers, ("answers",), SCORED_ANSWERS, ())
        for key in SCORED_ANSWERS:
            value = ch.number(raw_answers, key, ("answers",), 0, 1)
            answers[key] = value if value is not None else 0.0
    else:
        answers = {"yes": 1.0, "partial": 0.5, "no": 0.0, "unsure": 0.0}

    mode = ch.choice(data, "dimension_score", (), ("percent", "sum"), "percent")
    overall = ch.choice(data, "overall", (), ("weakest", "mean"), "weakest")

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
            ch.error(("thresholds", "go"), f"expected a number at least no_go ({_num(no_go)}), got {_num(go)}")

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


# --------------------------------------------------------------------------
# Dimensions

_DIM_REQUIRED = ("id", "title", "page", "summary", "items")
_ITEM_REQUIRED = ("id", "title", "question", "guidance", "action", "weight", "phase", "owner")
_ITEM_OPTIONAL = ("critical", "headline", "related", "refs")


def _item_refs(ch: _Checker, entry: dict[str, Any], path: Path) -> dict[str, tuple[str, ...]]:
    """An item's ``refs``, by shape only: which frameworks and references exist is checked elsewhere."""
    raw = entry.get("refs", {})
    if not isinstance(raw, dict):
        ch.error(path + ("refs",), f"expected a mapping of framework ids to lists of references, got {describe(raw)}")
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for key in raw:
        if isinstance(key, str):
            out[key] = tuple(ch.string_list(raw, key, path + ("refs",)))
        else:
            ch.error(path + ("refs",), f"expected a framework id (a string) as each key, got {describe(key)}")
    return out


def check_dimension(data: Any, dim_id: str, config: Config | None) -> tuple[Dimension | None, list[Problem]]:
    """Check one dimension document; ``dim_id`` is the id its file name promises."""
    dim, _, problems = _dimension(data, dim_id, config)
    return (None if problems else dim), problems


def _dimension(data: Any, dim_id: str,
               config: Config | None) -> tuple[Dimension | None, list[int], list[Problem]]:
    """The dimension as far as it could be read (``None`` if not at all), the index in
    ``items`` of each item it holds, and its problems."""
    ch = _Checker(dim_id)
    if ch.mapping(data, (), "a dimension (a mapping)") is None:
        return None, [], ch.problems
    ch.keys(data, (), _DIM_REQUIRED, ())
    own_id = ch.text(data, "id", ())
    if own_id and own_id != dim_id:
        ch.error(("id",), f"expected '{dim_id}' (the file name), got {describe(own_id)}")
    title = ch.text(data, "title", ())
    page = ch.text(data, "page", ())
    if page and not SLUG_RE.match(page):
        ch.error(("page",), f"expected a page slug such as 'ownership', got {describe(page)}")
    summary = ch.text(data, "summary", ())
    raw_items = data.get("items", [])
    if not isinstance(raw_items, list):
        ch.error(("items",), f"expected a list of items, got {describe(raw_items)}")
        raw_items = []
    elif "items" in data and not raw_items:
        ch.error(("items",), "expected at least one item, got an empty list")
    if len(raw_items) > MAX_ITEMS:
        ch.error(("items",), f"expected at most {MAX_ITEMS} items, got {len(raw_items)}")
        raw_items = []

    phases = tuple(s.id for s in config.phases) if config else ()
    owners = tuple(s.id for s in config.owners) if config else ()
    items: list[Item] = []
    indices: list[int] = []
    seen: dict[str, int] = {}
    headlines: list[int] = []
    for i, entry in enumerate(raw_items):
        path: Path = ("items", i)
        if ch.mapping(entry, path, "an item (a mapping)") is None:
            continue
        ch.keys(entry, path, _ITEM_REQUIRED, _ITEM_OPTIONAL)
        item_id = ch.text(entry, "id", path)
        if item_id:
            match = ID_RE.match(item_id)
            if not match:
                ch.error(path + ("id",), f"expected an id such as '{dim_id}-001', got {describe(item_id)}")
            elif match.group(1) != dim_id:
                ch.error(path + ("id",), f"expected the prefix '{dim_id}-' of this file, got {describe(item_id)}")
            if item_id in seen:
                ch.error(path + ("id",), f"duplicate id '{item_id}' (also items[{seen[item_id]}])")
            else:
                seen[item_id] = i
        weight = ch.number(entry, "weight", path, 0, MAX_WEIGHT, default=1.0, above=True)
        phase = ch.text(entry, "phase", path)
        if phase and phases and phase not in phases:
            ch.error(path + ("phase",), f"expected one of {', '.join(phases)}, got {describe(phase)}"
                     f"{did_you_mean(phase, phases)}")
        owner = ch.text(entry, "owner", path)
        if owner and owners and owner not in owners:
            ch.error(path + ("owner",), f"expected one of {', '.join(owners)}, got {describe(owner)}"
                     f"{did_you_mean(owner, owners)}")
        headline = ch.boolean(entry, "headline", path)
        if headline:
            headlines.append(i)
        indices.append(i)
        items.append(Item(
            id=item_id, dimension=dim_id,
            title=ch.text(entry, "title", path),
            question=ch.text(entry, "question", path),
            guidance=ch.text(entry, "guidance", path),
            action=ch.text(entry, "action", path),
            weight=weight if weight is not None else 1.0,
            phase=phase, owner=owner,
            critical=ch.boolean(entry, "critical", path),
            headline=headline,
            related=tuple(ch.string_list(entry, "related", path)),
            refs=_item_refs(ch, entry, path),
        ))
    if raw_items and not headlines:
        ch.error(("items",), "expected exactly one item with 'headline: true', got none")
    for extra in headlines[1:]:
        ch.error(("items", extra, "headline"),
                 f"expected exactly one headline item per dimension, already items[{headlines[0]}]")
    if not isinstance(data.get("items"), list):
        return None, [], ch.problems  # no items to speak of: cross-file checks must not guess
    return Dimension(dim_id, title, page, summary, tuple(items)), indices, ch.problems


# --------------------------------------------------------------------------
# The id registry

def _version(value: Any) -> str | None:
    """A version as text; ``None`` when it is not a string or a number."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)) or not str(value).strip():
        return None
    return str(value)


def _releases(ch: _Checker, data: dict[str, Any], seen: set[str]) -> tuple[Release, ...]:
    """The optional ``releases:`` changelog: versions oldest first, each with the ids it added."""
    if "releases" not in data:
        return ()
    raw = data["releases"]
    if not isinstance(raw, list) or not raw:
        ch.error(("releases",), f"expected a non-empty list of releases, oldest first, got {describe(raw)}")
        return ()
    out: list[Release] = []
    versions: dict[str, int] = {}
    added_in: dict[str, str] = {}
    for i, entry in enumerate(raw):
        path = ("releases", i)
        if ch.mapping(entry, path, "a release (a mapping)") is None:
            continue
        ch.keys(entry, path, ("version",), ("date", "notes", "added"))
        version = _version(entry.get("version"))
        if "version" in entry and version is None:
            ch.error(path + ("version",), f"expected a version string such as \"1.1.0\", "
                                          f"got {describe(entry.get('version'))}")
        if version is not None and version in versions:
            ch.error(path + ("version",), f"release '{version}' is listed twice (also releases[{versions[version]}])")
        elif version is not None:
            versions[version] = i
        date = _version(entry["date"]) if "date" in entry else ""
        if date is None:
            ch.error(path + ("date",), f"expected a date such as \"2026-05-01\", got {describe(entry['date'])}")
        added = ch.string_list(entry, "added", path)
        for j, item_id in enumerate(added):
            if item_id not in seen:
                ch.error(path + ("added", j), f"expected an id listed in 'issued', got {describe(item_id)}"
                                             f"{did_you_mean(item_id, seen)}")
            elif item_id in added_in:
                ch.error(path + ("added", j), f"id '{item_id}' was already added in release {added_in[item_id]}")
            else:
                added_in[item_id] = version or "?"
        out.append(Release(version or "", date or "", ch.text(entry, "notes", path, required=False), tuple(added)))
    return tuple(out)


def check_registry(data: Any) -> tuple[tuple[str, ...], dict[str, Retired], list[Problem]]:
    issued, retired, _, problems = _registry(data)
    return issued, retired, problems


def _registry(data: Any) -> tuple[tuple[str, ...], dict[str, Retired], tuple[Release, ...], list[Problem]]:
    ch = _Checker("registry")
    if ch.mapping(data, ()) is None:
        return (), {}, (), ch.problems
    ch.keys(data, (), ("issued",), ("retired", "releases"))
    issued = ch.string_list(data, "issued", ())
    seen: set[str] = set()
    for i, item_id in enumerate(issued):
        if not ID_RE.match(item_id):
            ch.error(("issued", i), f"expected an id such as 'OWN-001', got {describe(item_id)}")
        if item_id in seen:
            ch.error(("issued", i), f"id '{item_id}' is listed twice")
        seen.add(item_id)
    releases = _releases(ch, data, seen)
    versions = list(dict.fromkeys(r.version for r in releases))
    added_in = {item_id: versions.index(r.version) for r in reversed(releases) for item_id in r.added
                if r.version in versions}
    retired: dict[str, Retired] = {}
    raw = data.get("retired") or {}
    if ch.mapping(raw, ("retired",)) is not None:
        for key, entry in raw.items():
            path = ("retired", str(key))
            if ch.mapping(entry, path) is None:
                continue
            ch.keys(entry, path, ("since", "reason"), ("replaced_by",))
            replaced = entry.get("replaced_by")
            if replaced is not None and not isinstance(replaced, str):
                ch.error(path + ("replaced_by",), f"expected an item id or null, got {describe(replaced)}")
                replaced = None
            since = entry.get("since", "")
            retired[str(key)] = Retired(str(key), replaced, str(since), ch.text(entry, "reason", path))
            if key not in seen:
                ch.error(path, f"retired id '{key}' is not in 'issued'")
            # With a changelog, 'since' must name one of its releases, not before the id was added.
            if releases and "since" in entry:
                if str(since) not in versions:
                    ch.error(path + ("since",), f"expected one of the releases {', '.join(versions)}, "
                                                f"got {describe(since)}{did_you_mean(str(since), versions)}")
                elif key in added_in and versions.index(str(since)) <= added_in[key]:
                    ch.error(path + ("since",), f"expected a release after {versions[added_in[key]]}, "
                                                f"when '{key}' was added, got {describe(since)}")
    return tuple(issued), retired, releases, ch.problems


# --------------------------------------------------------------------------
# The whole model


def check_model(config_data: Any, dimension_data: Mapping[str, Any],
                registry_data: Any = None) -> tuple[Model | None, list[Problem]]:
    """Check everything; return the model (or ``None``) and every problem found.

    ``dimension_data`` maps each dimension id to its document.  Problems carry
    ``source`` = ``"config"``, ``"registry"`` or the dimension id.
    """
    config, problems = check_config(config_data)
    if config is not None:
        order = list(config.dimensions)
    elif isinstance(config_data, dict) and isinstance(config_data.get("dimensions"), list):
        order = list(dict.fromkeys(d for d in config_data["dimensions"] if isinstance(d, str)))
    else:
        order = list(dimension_data)
    dims: list[Dimension] = []
    # Where each item sits in its file, and whether every file's items could be read at all: the
    # registry's "issued but missing" check would only repeat other problems if one could not.
    where: dict[tuple[str, int], int] = {}
    complete = True
    for position, dim_id in enumerate(order):
        if dim_id not in dimension_data:
            problems.append(Problem("config", ("dimensions", position),
                                    f"no checklist found for dimension '{dim_id}'"))
            complete = False
            continue
        dim, indices, found = _dimension(dimension_data[dim_id], dim_id, config)
        problems.extend(found)
        if dim is None:
            complete = False
            continue
        dims.append(dim)
        for n, index in enumerate(indices):
            where[(dim_id, n)] = index
    for dim_id in dimension_data:
        if dim_id not in order:
            problems.append(Problem(dim_id, (), f"dimension '{dim_id}' is not listed in the configuration's "
                                                "'dimensions'"))

    def at(dim: Dimension, n: int, *rest: Any) -> Path:
        return ("items", where[(dim.id, n)]) + rest

    # Ids are unique across files; cross-references must resolve.
    first_seen: dict[str, str] = {}
    for dim in dims:
        for n, item in enumerate(dim.items):
            if not item.id:
                continue
            if item.id in first_seen and first_seen[item.id] != dim.id:
                problems.append(Problem(dim.id, at(dim, n, "id"),
                                        f"duplicate id '{item.id}' (also in {first_seen[item.id]})"))
            first_seen.setdefault(item.id, dim.id)
    for dim in dims:
        for n, item in enumerate(dim.items):
            for j, ref in enumerate(item.related):
                if ref == item.id:
                    problems.append(Problem(dim.id, at(dim, n, "related", j),
                                            f"expected the id of another item, got the item's own id '{ref}'"))
                elif ref not in first_seen and complete:
                    problems.append(Problem(dim.id, at(dim, n, "related", j),
                                            f"expected the id of an existing item, got {describe(ref)}"
                                            f"{did_you_mean(ref, first_seen)}"))

    issued: tuple[str, ...] = ()
    retired: dict[str, Retired] = {}
    releases: tuple[Release, ...] = ()
    if registry_data is not None:
        issued, retired, releases, found = _registry(registry_data)
        problems.extend(found)
        if config is not None and releases and releases[-1].version and releases[-1].version != config.version:
            problems.append(Problem("registry", ("releases", len(releases) - 1, "version"),
                                    f"expected the checklists version {config.version!r} of the scoring "
                                    f"configuration (the last release is the current one), "
                                    f"got {describe(releases[-1].version)}"))
        issued_set = set(issued)
        for dim in dims:
            for n, item in enumerate(dim.items):
                if not item.id or not ID_RE.match(item.id):
                    continue
                if item.id in retired:
                    problems.append(Problem(dim.id, at(dim, n, "id"),
                                            f"id '{item.id}' was retired and must not be reused"))
                elif item.id not in issued_set:
                    problems.append(Problem(dim.id, at(dim, n, "id"),
                                            f"id '{item.id}' is not in the registry (add it to 'issued')"))
        current = set(first_seen)
        if complete:
            for i, item_id in enumerate(issued):
                if ID_RE.match(item_id) and item_id not in current and item_id not in retired:
                    problems.append(Problem("registry", ("issued", i),
                                            f"id '{item_id}' was issued but is neither in a checklist nor retired"))
            for item_id, entry in retired.items():
                if entry.replaced_by and entry.replaced_by not in current:
                    problems.append(Problem("registry", ("retired", item_id, "replaced_by"),
                                            f"expected the id of an existing item, got "
                                            f"{describe(entry.replaced_by)}"))

    if problems or config is None:
        return None, problems
    return Model(config, tuple(dims), retired, issued, releases), []


def build_model(config_data: Any, dimension_data: Mapping[str, Any], registry_data: Any = None) -> Model:
    """Like :func:`check_model`, but raise :class:`ValidationError` on any problem."""
    model, problems = check_model(config_data, dimension_data, registry_data)
    if model is None:
        raise ValidationError(problems)
    return model
