"""The whole checklists: the configuration, every dimension, the registry and the frameworks, checked together.

:func:`check_model` runs each document's validator (:mod:`scoring.config`, :mod:`scoring.dimension`,
:mod:`scoring.registry`, :mod:`scoring.frameworks`) and then the rules that span files: ids unique across
dimensions, cross-references that resolve, every id in the registry, and every item's ``refs`` naming a
framework and references it has. It reports *every* problem, each with
the document it is in and the path of the offending value, instead of stopping at the first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .config import check_config
from .dimension import read_dimension
from .frameworks import check_refs, read_frameworks
from .model import ID_RE, Dimension, Model, Release, Retired
from .problems import Path, Problem, ValidationError, describe, did_you_mean
from .registry import read_registry

__all__ = ["build_model", "check_model"]

def check_model(config_data: Any, dimension_data: Mapping[str, Any], registry_data: Any = None,
                frameworks_data: Any = None) -> tuple[Model | None, list[Problem]]:
    """Check everything; return the model (or ``None``) and every problem found.

    ``dimension_data`` maps each dimension id to its document; ``registry_data`` and ``frameworks_data``
    are optional (``None``: no ids.yml, no frameworks.yml, so no framework an item may name). Problems
    carry ``source`` = ``"config"``, ``"registry"``, ``"frameworks"`` or the dimension id.
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
        dim, indices, found = read_dimension(dimension_data[dim_id], dim_id, config)
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
        issued, retired, releases, found = read_registry(registry_data)
        problems.extend(found)
        if config is not None and releases and releases[-1].version and releases[-1].version != config.version:
            problems.append(Problem("registry", ("releases", len(releases) - 1, "version"),
                                    f"expected the checklists version {config.version!r} of the scoring "
                                    f"configuration (the last release is the current one), "
                                    f"got {describe(releases[-1].version)}"))
        issued_set = set(issued)
        for dim in dims:
            for n, item in enumerate(dim.items):
                if not item.id or not ID_RE.fullmatch(item.id):
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
                if ID_RE.fullmatch(item_id) and item_id not in current and item_id not in retired:
                    problems.append(Problem("registry", ("issued", i),
                                            f"id '{item_id}' was issued but is neither in a checklist nor retired"))
            for item_id, entry in retired.items():
                if entry.replaced_by and entry.replaced_by not in current:
                    problems.append(Problem("registry", ("retired", item_id, "replaced_by"),
                                            f"expected the id of an existing item, got "
                                            f"{describe(entry.replaced_by)}"))

    read = read_frameworks(frameworks_data)
    problems.extend(read.problems)
    frameworks, found = check_refs(read, dims, at)
    problems.extend(found)

    if problems or config is None:
        return None, problems
    return Model(config, tuple(dims), retired, issued, releases, frameworks), []


def build_model(config_data: Any, dimension_data: Mapping[str, Any], registry_data: Any = None,
                frameworks_data: Any = None) -> Model:
    """Like :func:`check_model`, but raise :class:`ValidationError` on any problem."""
    model, problems = check_model(config_data, dimension_data, registry_data, frameworks_data)
    if model is None:
        raise ValidationError(problems)
    return model
