"""One dimension's checklist (``checklists/<id>.yml``), checked into a :class:`~scoring.model.Dimension`."""

from __future__ import annotations

from typing import Any

from .checker import Checker
from .fields import Field, Shape
from .model import ID_RE, MAX_ITEMS, MAX_WEIGHT, SLUG_RE, Config, Dimension, Item
from .problems import Path, Problem, describe, did_you_mean

__all__ = ["DIMENSION", "ITEM", "check_dimension", "read_dimension"]

#: One item of a dimension.
ITEM = Shape("item", (
    Field("id", "item_id", required=True, description="PREFIX-NNN, issued once, never renumbered or reused"),
    Field("title", "text", required=True),
    Field("question", "text", required=True),
    Field("guidance", "text", required=True, description="Markdown: what 'yes' looks like"),
    Field("action", "text", required=True, description="the plan step when unmet"),
    Field("weight", "number", required=True, low=0, high=MAX_WEIGHT, above=True,
          description=f"greater than 0, at most {MAX_WEIGHT}"),
    Field("phase", "text", required=True, description="an id from scoring.yml phases"),
    Field("owner", "text", required=True, description="an id from scoring.yml owners"),
    Field("critical", "boolean", description="an unmet answer is a blocker (default false)"),
    Field("headline", "boolean", description="the one item of the dimension in the quick check"),
    Field("related", "list", of=Field("id", "item_id"), description="ids of related items"),
    Field("refs", "mapping", keys="slug", of=Field("references", "list", of=Field("reference", "ref_id")),
          description="the framework references this item gives evidence toward: a framework id from "
                      "frameworks.yml, then its reference ids, e.g. {nist-ai-rmf: [MEASURE 2.7], owasp-llm: [LLM01]}"),
), "a checklist item")
#: A dimension's checklist, checklists/<id>.yml.
DIMENSION = Shape("dimension", (
    Field("id", "prefix", required=True, description="upper-case prefix; equal to the file name"),
    Field("title", "text", required=True),
    Field("page", "slug", required=True, description="the guidance page docs/dimensions/<page>.md"),
    Field("summary", "text", required=True),
    Field("items", "list", required=True, of=ITEM, min_items=1, max_items=MAX_ITEMS),
), "a dimension's checklist")


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
    ch.fields(data, (), DIMENSION)
    own_id = ch.text_field(data, DIMENSION["id"], ())
    if own_id and own_id != dim_id:
        ch.error(("id",), f"expected '{dim_id}' (the file name), got {describe(own_id)}")
    title = ch.text_field(data, DIMENSION["title"], ())
    page = ch.text_field(data, DIMENSION["page"], ())
    if page and not SLUG_RE.fullmatch(page):
        ch.error(("page",), f"expected a page slug such as 'ownership', got {describe(page)}")
    summary = ch.text_field(data, DIMENSION["summary"], ())
    raw_items = data.get("items", [])
    if not isinstance(raw_items, list):
        ch.error(("items",), f"expected a list of items, got {describe(raw_items)}")
        raw_items = []
    elif "items" in data and not raw_items:
        ch.error(("items",), "expected at least one item, got an empty list")
    most = DIMENSION["items"].max_items or MAX_ITEMS
    if len(raw_items) > most:
        ch.error(("items",), f"expected at most {most} items, got {len(raw_items)}")
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
        ch.fields(entry, path, ITEM)
        item_id = ch.text_field(entry, ITEM["id"], path)
        if item_id:
            match = ID_RE.fullmatch(item_id)
            if not match:
                ch.error(path + ("id",), f"expected an id such as '{dim_id}-001', got {describe(item_id)}")
            elif match.group(1) != dim_id:
                ch.error(path + ("id",), f"expected the prefix '{dim_id}-' of this file, got {describe(item_id)}")
            if item_id in seen:
                ch.error(path + ("id",), f"duplicate id '{item_id}' (also items[{seen[item_id]}])")
            else:
                seen[item_id] = i
        weight = ch.number_field(entry, ITEM["weight"], path, default=1.0)
        phase = ch.text_field(entry, ITEM["phase"], path)
        if phase and phases and phase not in phases:
            ch.error(path + ("phase",), f"expected one of {', '.join(phases)}, got {describe(phase)}"
                     f"{did_you_mean(phase, phases)}")
        owner = ch.text_field(entry, ITEM["owner"], path)
        if owner and owners and owner not in owners:
            ch.error(path + ("owner",), f"expected one of {', '.join(owners)}, got {describe(owner)}"
                     f"{did_you_mean(owner, owners)}")
        headline = ch.boolean(entry, "headline", path)
        if headline:
            headlines.append(i)
        indices.append(i)
        items.append(Item(
            id=item_id, dimension=dim_id,
            title=ch.text_field(entry, ITEM["title"], path),
            question=ch.text_field(entry, ITEM["question"], path),
            guidance=ch.text_field(entry, ITEM["guidance"], path),
            action=ch.text_field(entry, ITEM["action"], path),
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
