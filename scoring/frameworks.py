"""The frameworks file (``checklists/frameworks.yml``), checked into :class:`~scoring.model.Framework`\\ s,
and every item's ``refs`` checked against it.

The file's shape is declared once, as data: :data:`PARTS` holds one table per part of the file (the file
itself, a framework, a reference, a group...), each field with the kind of value it holds
(:data:`VALUES`, or another part), whether it is required, whether it is a list of them, and what it is
for. :func:`read_frameworks` walks those tables, so a field added to a table is read, checked and
reported ("unknown field", "missing required field", "expected ...") with no other change; anything
else that needs the shape (a JSON Schema for editors) can read the same tables. What a table cannot
say is checked after it: ids listed once, groups and roles that exist, a group's parent listed before
it, dates oldest first, at most one of ``outside`` and ``gap``.

:func:`check_refs` then checks the items against the frameworks read: every framework an item names
exists (there are none without the file: an item's ``refs`` then names an unknown framework), every
reference exists in it, each once, and a reference some item maps to gives no reason for being
unmapped. It fills each reference's ``items``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from .checker import Checker
from .model import (
    MAX_ITEMS,
    SLUG_RE,
    Applies,
    Dimension,
    Framework,
    FrameworkGroup,
    FrameworkLink,
    FrameworkRef,
    FrameworkRole,
)
from .problems import Path, Problem, date_problem, describe, did_you_mean

__all__ = ["Field", "PARTS", "VALUES", "UNREADABLE", "FrameworksRead", "read_frameworks", "check_refs"]


@dataclass(frozen=True)
class Field:
    """One field of a part of the file.

    ``kind`` is a kind of value (a key of :data:`VALUES`) or another part (a key of :data:`PARTS`);
    ``many``: a non-empty list of them; ``help``: what it is for, in a few words.
    """

    kind: str
    required: bool = False
    many: bool = False
    help: str = ""


#: The kinds of single value: the pattern each must match (``None``: any non-empty text, or a real
#: date for ``date``) and how the "expected ..." message names it.
VALUES: dict[str, tuple[re.Pattern[str] | None, str]] = {
    "text": (None, "a non-empty string"),
    "slug": (SLUG_RE, "lower-case letters, digits and '-'"),
    "ref-id": (re.compile(r"^[^\s,\[\]{}#:]([^\x00-\x1f,\[\]{}#:]*[^\s,\[\]{}#:])?$"),
               "an id as the framework writes it, with no commas, brackets, '#' or ':' "
               "and no space at either end"),
    "url": (re.compile(r"^https?://\S+$"), "an http(s) address"),
    "date": (None, "a date written YYYY-MM-DD"),
}

_REASON = "one line in our own words, when no item maps to it"

#: The parts of frameworks.yml, each a table of its fields in the order they are written.
PARTS: dict[str, dict[str, Field]] = {
    "file": {
        "frameworks": Field("framework", True, True, "the frameworks items may map to (refs:), in display order"),
    },
    "framework": {
        "id": Field("slug", True, help="how items name it in refs:, e.g. nist-ai-rmf"),
        "title": Field("text", True),
        "short": Field("text", help="a short name for tables and item pages, e.g. NIST AI RMF (default: the title)"),
        "edition": Field("text", True, help='the edition the references belong to; quote numbers, e.g. "2025"'),
        "url": Field("url", True, help="where to read the framework itself"),
        "publisher": Field("text"),
        "checked": Field("date", help="when the references were last checked against the sources"),
        "summary": Field("text", help="one or two sentences, in our own words"),
        "note": Field("text", help="a caveat a reviewer should read first"),
        "links": Field("link", many=True, help="other sources a reviewer needs, e.g. an amending act"),
        "roles": Field("role", many=True, help="who a reference can bind (binds:)"),
        "groups": Field("group", many=True, help="headings the references sit under, outermost first"),
        "refs": Field("reference", True, True, "every reference of the framework, in its own order"),
    },
    "link": {
        "title": Field("text", True),
        "url": Field("url", True),
    },
    "role": {
        "id": Field("slug", True),
        "title": Field("text", True),
    },
    "group": {
        "id": Field("ref-id", True),
        "title": Field("text", True),
        "parent": Field("ref-id", help="the id of an enclosing group listed earlier"),
    },
    "reference": {
        "id": Field("ref-id", True, help='as the framework writes it, e.g. "GOVERN 1.1", "Art. 4", "LLM01"'),
        "title": Field("text", True, help="a short summary in our own words, never the framework's wording"),
        "outside": Field("text", help=f"why it is outside the playbook's scope: {_REASON}"),
        "gap": Field("text", help=f"why it is a gap the playbook does not cover yet: {_REASON}"),
        "group": Field("ref-id", help="the id of a group of this framework"),
        "url": Field("url", help="a stable link to this reference"),
        "binds": Field("slug", many=True, help="ids from the framework's roles"),
        "applies": Field("applies", many=True, help="from when it applies, oldest first"),
        "note": Field("text"),
    },
    "applies": {
        "from": Field("date", True),
        "scope": Field("text", help="what this date covers, when not the whole reference"),
    },
}

#: How messages name one entry of each part, and of each kind of value in a list.
_NOUNS = {"framework": "framework", "link": "link", "role": "role", "group": "group", "reference": "reference",
          "applies": "date", "slug": "id"}


class FrameworksRead(NamedTuple):
    """The frameworks as far as they could be read, for the checks across files.

    ``where``: each framework's index in the file and each of its references' index in its ``refs``;
    ``complete``: every framework's id could be read (else an unknown framework is not reported: it
    may be the one that could not be read); ``sound``: the frameworks read with no problem of their own
    (items are checked against those only, so that one mistake is not reported twice).
    """

    frameworks: tuple[Framework, ...]
    where: dict[str, tuple[int, dict[str, int]]]
    complete: bool
    sound: frozenset[str]
    problems: list[Problem]


def _value(ch: Checker, value: Any, path: Path, kind: str) -> Any:
    """The checked value of one field or list entry (a part's fields as a dict); ``None`` when it is wrong."""
    if kind in PARTS:
        return _part(ch, value, path, kind)
    if not isinstance(value, str):
        ch.error(path, f"expected a string, got {describe(value)}")
        return None
    if not value.strip():
        ch.error(path, "expected a non-empty string, got an empty one")
        return None
    pattern, expected = VALUES[kind]
    if kind == "date":
        why = date_problem(value, value)
        if why:
            ch.error(path, why)
            return None
    elif pattern is not None and not pattern.match(value):
        ch.error(path, f"expected {expected}, got {describe(value)}")
        return None
    return value


def _part(ch: Checker, data: Any, path: Path, name: str) -> dict[str, Any] | None:
    """One part, checked field by field from its table: the fields that are right, by name."""
    noun = _NOUNS.get(name, name)
    if ch.mapping(data, path, f"a {noun} (a mapping)" if path else "a mapping with 'frameworks'") is None:
        return None
    fields = PARTS[name]
    ch.keys(data, path, tuple(k for k, f in fields.items() if f.required),
            tuple(k for k, f in fields.items() if not f.required))
    out: dict[str, Any] = {}
    for key, field in fields.items():
        if key not in data:
            continue
        where = path + (key,)
        value = data[key]
        if not field.many:
            checked = _value(ch, value, where, field.kind)
            if checked is not None:
                out[key] = checked
            continue
        if not isinstance(value, list):
            ch.error(where, f"expected a list, got {describe(value)}")
        elif not value:
            ch.error(where, f"expected at least one {_NOUNS.get(field.kind, field.kind)}, got an empty list")
        elif len(value) > MAX_ITEMS:
            ch.error(where, f"expected at most {MAX_ITEMS:,} entries, got {len(value):,}")
        else:  # entries that are wrong stay as None, so that the others keep their index
            out[key] = [_value(ch, entry, where + (i,), field.kind) for i, entry in enumerate(value)]
    return out


def _listed(ch: Checker, entries: Sequence[Mapping[str, Any] | None], path: Path, noun: str) -> dict[str, int]:
    """Each entry's ``id`` -> its index; an id listed twice is a problem."""
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries):
        if entry is None or "id" not in entry:
            continue
        if entry["id"] in seen:
            ch.error(path + (i, "id"), f"{noun} '{entry['id']}' is listed twice (also {path[-1]}[{seen[entry['id']]}])")
        else:
            seen[entry["id"]] = i
    return seen


def _framework(ch: Checker, raw: dict[str, Any], path: Path) -> tuple[Framework, dict[str, int]]:
    """A framework from its checked fields, after the checks its table cannot express."""
    links = [FrameworkLink(e["title"], e["url"]) for e in raw.get("links", []) if e and "title" in e and "url" in e]
    roles_raw = raw.get("roles", [])
    roles = _listed(ch, roles_raw, path + ("roles",), "role")
    groups_raw = raw.get("groups", [])
    groups: dict[str, int] = {}
    for i, entry in enumerate(groups_raw):
        if entry is None or "id" not in entry:
            continue
        parent = entry.get("parent")
        if parent is not None and parent not in groups:
            later = " (it is listed after this one)" if any(g and g.get("id") == parent for g in groups_raw) else ""
            ch.error(path + ("groups", i, "parent"), f"expected the id of a group listed before this one, got "
                                                    f"{describe(parent)}{later or did_you_mean(parent, groups)}")
        if entry["id"] in groups:
            ch.error(path + ("groups", i, "id"),
                     f"group '{entry['id']}' is listed twice (also groups[{groups[entry['id']]}])")
        else:
            groups[entry["id"]] = i
    refs_raw = raw.get("refs", [])
    refs = _listed(ch, refs_raw, path + ("refs",), "reference")
    out: list[FrameworkRef] = []
    for i, entry in enumerate(refs_raw):
        if entry is None:
            continue
        where = path + ("refs", i)
        group = entry.get("group", "")
        if group and group not in groups:
            ch.error(where + ("group",), f"expected the id of one of this framework's groups, got {describe(group)}"
                                         f"{did_you_mean(group, groups)}" if groups else
                     f"expected no group (this framework lists none), got {describe(group)}")
        binds: list[str] = []
        for j, role in enumerate(entry.get("binds", [])):
            if role is None:
                continue
            if role not in roles:
                listed = f"({', '.join(roles)})" if roles else "(it lists none)"
                ch.error(where + ("binds", j), f"expected one of this framework's roles {listed}, got "
                                              f"{describe(role)}{did_you_mean(role, roles)}")
            elif role in binds:
                ch.error(where + ("binds", j), f"role '{role}' is listed twice")
            else:
                binds.append(role)
        applies = [Applies(a["from"], a.get("scope", "")) for a in entry.get("applies", []) if a and "from" in a]
        dates = [a["from"] if a and "from" in a else None for a in entry.get("applies", [])]
        for j in range(1, len(dates)):
            before, this = dates[j - 1], dates[j]
            if before is not None and this is not None and this < before:
                ch.error(where + ("applies", j, "from"), f"expected dates oldest first, got {this} after {before}")
        if "outside" in entry and "gap" in entry:
            ch.error(where + ("gap",), "expected either 'outside' or 'gap', not both")
        if "id" in entry and "title" in entry:
            out.append(FrameworkRef(entry["id"], entry["title"], group, entry.get("outside", ""), entry.get("gap", ""),
                                    entry.get("url", ""), tuple(binds), tuple(applies), entry.get("note", "")))
    framework = Framework(
        id=raw.get("id", ""), title=raw.get("title", ""), short=raw.get("short", raw.get("title", "")),
        edition=raw.get("edition", ""), url=raw.get("url", ""), refs=tuple(out),
        publisher=raw.get("publisher", ""), checked=raw.get("checked", ""), summary=raw.get("summary", ""),
        note=raw.get("note", ""), links=tuple(links),
        roles=tuple(FrameworkRole(e["id"], e["title"]) for e in roles_raw if e and "id" in e and "title" in e),
        groups=tuple(FrameworkGroup(e["id"], e["title"], e.get("parent", "")) for e in groups_raw
                     if e and "id" in e and "title" in e))
    return framework, refs


#: What the file edge passes for a frameworks.yml that exists but could not be read (its problems are
#: already reported): the items' ``refs`` are then not checked against it, rather than all reported unknown.
UNREADABLE: Any = object()


def read_frameworks(data: Any) -> FrameworksRead:
    """Check the frameworks document (source ``frameworks``).

    ``None`` (no frameworks.yml, or an empty one) means no frameworks, so no framework an item may name;
    :data:`UNREADABLE`, a file that could not be read.
    """
    ch = Checker("frameworks")
    if data is None or data is UNREADABLE:
        return FrameworksRead((), {}, data is None, frozenset(), [])
    raw = _part(ch, data, (), "file")
    if raw is None:
        return FrameworksRead((), {}, False, frozenset(), ch.problems)
    entries = raw.get("frameworks", [])
    ids = _listed(ch, entries, ("frameworks",), "framework")
    frameworks: list[Framework] = []
    where: dict[str, tuple[int, dict[str, int]]] = {}
    for i, entry in enumerate(entries):
        if entry is None:
            continue
        framework, refs = _framework(ch, entry, ("frameworks", i))
        if not framework.id or ids.get(framework.id) != i:
            continue  # its id could not be read, or is another's: items cannot name it
        frameworks.append(framework)
        where[framework.id] = (i, refs)
    faulty = {p.path[1] for p in ch.problems if len(p.path) > 1 and p.path[0] == "frameworks"}
    sound = {framework.id for framework in frameworks if where[framework.id][0] not in faulty}
    complete = "frameworks" in raw and all(e is not None and "id" in e for e in entries)
    return FrameworksRead(tuple(frameworks), where, complete, frozenset(sound), ch.problems)


#: Where an item's field is in its dimension's document: ``(dimension, item index, *rest) -> path``.
ItemPath = Callable[..., Path]


def check_refs(read: FrameworksRead, dims: Sequence[Dimension], at: ItemPath) -> tuple[tuple[Framework, ...],
                                                                                      list[Problem]]:
    """Check every item's ``refs`` against the frameworks; return the frameworks with each reference's
    ``items`` filled in (checklist order), and the problems, in the dimensions' documents and the
    frameworks'."""
    problems: list[Problem] = []
    known = {f.id: f for f in read.frameworks}
    refs_of = {f.id: {r.id for r in f.refs} for f in read.frameworks}
    mapped: dict[tuple[str, str], list[str]] = {}
    for dim in dims:
        for n, item in enumerate(dim.items):
            if item.refs and not known and read.complete:  # one problem per item, not one per framework
                problems.append(Problem(dim.id, at(dim, n, "refs"), "expected no refs, since these checklists have "
                                        f"no frameworks.yml; got refs to {', '.join(item.refs)}"))
                continue
            for framework_id, ref_ids in item.refs.items():
                if framework_id not in known:
                    if read.complete:
                        problems.append(Problem(dim.id, at(dim, n, "refs", framework_id),
                                                f"expected one of the frameworks of frameworks.yml "
                                                f"({', '.join(known)}), got {describe(framework_id)}"
                                                f"{did_you_mean(framework_id, known)}"))
                    continue
                seen: set[str] = set()
                for j, ref_id in enumerate(ref_ids):
                    if ref_id in seen:
                        problems.append(Problem(dim.id, at(dim, n, "refs", framework_id, j),
                                                f"reference '{ref_id}' is listed twice"))
                    elif ref_id in refs_of[framework_id]:
                        mapped.setdefault((framework_id, ref_id), []).append(item.id)
                    elif framework_id in read.sound:
                        problems.append(Problem(dim.id, at(dim, n, "refs", framework_id, j),
                                                f"expected a reference of {framework_id}, got {describe(ref_id)}"
                                                f"{did_you_mean(ref_id, refs_of[framework_id])}"))
                    seen.add(ref_id)
    out: list[Framework] = []
    for framework in read.frameworks:
        index, positions = read.where[framework.id]
        refs = []
        for ref in framework.refs:
            items = tuple(mapped.get((framework.id, ref.id), ()))
            for reason in ("outside", "gap") if items else ():
                if getattr(ref, reason):
                    problems.append(Problem("frameworks", ("frameworks", index, "refs", positions[ref.id], reason),
                                            f"expected no '{reason}': {', '.join(items)} "
                                            f"map{'s' if len(items) == 1 else ''} to '{ref.id}'"))
            refs.append(replace(ref, items=items))
        out.append(replace(framework, refs=tuple(refs)))
    return tuple(out), problems
