"""One dimension's checklist (``checklists/<id>.yml``), checked into a :class:`~scoring.model.Dimension`."""

from __future__ import annotations

from typing import Any

from .checker import Checker
from .model import ID_RE, MAX_ITEMS, MAX_WEIGHT, SLUG_RE, Config, Dimension, Item
from .problems import Path, Problem, describe, did_you_mean

__all__ = ["check_dimension", "read_dimension"]

_DIM_REQUIRED = ("id", "title", "page", "summary", "items")
_ITEM_REQUIRED = ("id", "title", "question", "guidance", "action", "weight", "phase", "owner")
_ITEM_OPTIONAL = ("critical", "headline", "related", "refs")


def _item_refs(ch: Checker, entry: dict[str, Any], path: Path) -> dict[str, tuple[str, ...]]:
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
    dim, _, problems = read_dimension(data, dim_id, config)
    return (None if problems else dim), problems


def read_dimension(data: Any, dim_id: str,
                   config: Config | None) -> tuple[Dimension | None, list[int], list[Problem]]:
    """The dimension as far as it could be read (``None`` if not at all), the index in
    ``items`` of each item it holds, and its problems (for the checks across files)."""
    ch = Checker(dim_id)
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
