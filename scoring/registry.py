"""The id registry (``checklists/ids.yml``): every id ever issued, the retired ones and the releases."""

from __future__ import annotations

from typing import Any

from .checker import Checker
from .fields import Field, Shape
from .model import ID_RE, Release, Retired
from .problems import Problem, describe, did_you_mean

__all__ = ["REGISTRY", "check_registry", "read_registry"]

_RELEASE = Shape("release", (
    Field("version", "version", required=True, description="a release of the checklists, e.g. \"1.1.0\""),
    Field("date", "version", description="release date, e.g. \"2026-05-01\""),
    Field("notes", "note", description="what changed, in a sentence or two (Markdown)"),
    Field("added", "list", of=Field("id", "item_id"), unique=True,
          description="ids first issued in this release (ids of the first release need not be listed)"),
), "one release of the checklists")
_RETIRED = Shape("retiredId", (
    Field("since", "version", required=True, description="the release that retired the id"),
    Field("reason", "text", required=True),
    Field("replaced_by", "item_id", nullable=True,
          description="the item that now asks this; answers are carried over to it"),
), "why an id was retired, and what replaced it")
#: The id registry, checklists/ids.yml.
REGISTRY = Shape("registry", (
    Field("issued", "list", required=True, of=Field("id", "item_id"), unique=True,
          description="every id ever issued; never removed, renumbered or reused"),
    Field("retired", "mapping", keys="item_id", of=_RETIRED, nullable=True),
    Field("releases", "list", of=_RELEASE, min_items=1,
          description="the changelog, oldest first; the last is the version in scoring.yml"),
), "the id registry, ids.yml")

def _version(value: Any) -> str | None:
    """A version as text; ``None`` when it is not a string or a number."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)) or not str(value).strip():
        return None
    return str(value)


def _releases(ch: Checker, data: dict[str, Any], seen: set[str]) -> tuple[Release, ...]:
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
        ch.fields(entry, path, _RELEASE)
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
        out.append(Release(version or "", date or "", ch.text_field(entry, _RELEASE["notes"], path), tuple(added)))
    return tuple(out)


def check_registry(data: Any) -> tuple[tuple[str, ...], dict[str, Retired], list[Problem]]:
    """The ids issued, the retired ones by id, and the registry's problems (source ``registry``)."""
    issued, retired, _, problems = read_registry(data)
    return issued, retired, problems


def read_registry(data: Any) -> tuple[tuple[str, ...], dict[str, Retired], tuple[Release, ...], list[Problem]]:
    """As :func:`check_registry`, with the ``releases:`` changelog too (oldest first)."""
    ch = Checker("registry")
    if ch.mapping(data, ()) is None:
        return (), {}, (), ch.problems
    ch.fields(data, (), REGISTRY)
    issued = ch.string_list(data, "issued", ())
    seen = ch.unique_ids(issued, ("issued",), ID_RE, "an id such as 'OWN-001'", "id")
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
            ch.fields(entry, path, _RETIRED)
            replaced = entry.get("replaced_by")
            if replaced is not None and not isinstance(replaced, str):
                ch.error(path + ("replaced_by",), f"expected an item id or null, got {describe(replaced)}")
                replaced = None
            since = entry.get("since", "")
            if "since" in entry and _version(since) is None:
                ch.error(path + ("since",), f"expected a version string such as \"1.1.0\", got {describe(since)}")
            retired[str(key)] = Retired(str(key), replaced, str(since), ch.text_field(entry, _RETIRED["reason"], path))
            if key not in seen:
                ch.error(path, f"retired id '{key}' is not in 'issued'")
            # With a changelog, 'since' must name one of its releases, not before the id was added.
            if releases and "since" in entry and _version(since) is not None:
                if str(since) not in versions:
                    ch.error(path + ("since",), f"expected one of the releases {', '.join(versions)}, "
                                                f"got {describe(since)}{did_you_mean(str(since), versions)}")
                elif key in added_in and versions.index(str(since)) <= added_in[key]:
                    ch.error(path + ("since",), f"expected a release after {versions[added_in[key]]}, "
                                                f"when '{key}' was added, got {describe(since)}")
    return tuple(issued), retired, releases, ch.problems

