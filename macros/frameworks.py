"""The framework pages: one per framework of ``checklists/frameworks.yml``, its overview, and the status rule.

Plain functions of the model that return Markdown, so that MkDocs checks every link they make (to the
items' anchors on the dimension pages, and to the references' anchors here). Each framework's page is
``docs/frameworks/<id>.md`` holding ``{{ framework_page("<id>") }}``; the overview,
``docs/frameworks/index.md``, holds ``{{ frameworks_table() }}``, which links every framework's page, so a
framework with no page fails the strict build. Every text from the checklists is escaped (:func:`render._md`).
"""

from __future__ import annotations

from scoring.coverage import RULES, STATUS_LABELS
from scoring.model import Framework, FrameworkRef, Model

from .render import _md, framework_path, item_link, ref_anchors, relative

__all__ = ["framework_page", "frameworks_table", "framework_rules", "counts"]

#: How a page says why no item maps to a reference.
UNMAPPED = {"outside": "Outside the playbook's scope", "gap": "A gap in the playbook"}


def counts(framework: Framework) -> dict[str, int]:
    """How many references items map to, how many are outside the scope, gaps, or unmapped with no reason."""
    out = {"mapped": 0, "outside": 0, "gap": 0, "none": 0}
    for ref in framework.refs:
        out["mapped" if ref.items else "outside" if ref.outside else "gap" if ref.gap else "none"] += 1
    return out


def _framework(model: Model, framework_id: str) -> Framework:
    try:
        return model.framework(framework_id)
    except KeyError:
        known = ", ".join(f.id for f in model.frameworks) or "none: there is no checklists/frameworks.yml"
        raise ValueError(f"framework_page({framework_id!r}): no such framework; expected one of {known}") from None


def framework_rules() -> str:
    """The status rule of :mod:`scoring.coverage`, as a numbered list (docs/scoring.md)."""
    return "\n".join(f"{n}. **{STATUS_LABELS[name]}** (`{name}`): {_md(words)}."
                     for n, (name, words) in enumerate(RULES, 1))


def _counts_line(framework: Framework) -> str:
    found = counts(framework)
    parts = [f"{found['mapped']} mapped to items", f"{found['outside']} outside the playbook's scope",
             f"{found['gap']} gap{'' if found['gap'] == 1 else 's'}"]
    if found["none"]:
        parts.append(f"{found['none']} not mapped, with no reason given")
    return f"{len(framework.refs)} references: {', '.join(parts)}."


def frameworks_table(model: Model, from_page: str) -> str:
    """Every framework with its counts, each linked to its page (Markdown)."""
    if not model.frameworks:
        return "These checklists map to no framework: there is no `checklists/frameworks.yml`."
    rows = ["| Framework | Edition | References | Mapped to items | Outside the scope | Gaps |",
            "|---|---|---:|---:|---:|---:|"]
    for framework in model.frameworks:
        found = counts(framework)
        rows.append(f"| [{_md(framework.title)}]({relative(framework_path(framework.id), from_page)}) | "
                    f"{_md(framework.edition)} | {len(framework.refs)} | {found['mapped']} | {found['outside']} | "
                    f"{found['gap']} |")
    return "\n".join(rows)


def _items_cell(model: Model, ref: FrameworkRef, from_page: str) -> str:
    if ref.items:
        return "<br>".join(f"[{item_id}]({item_link(model, item_id, from_page)}) {_md(model.items[item_id].title)}"
                           for item_id in ref.items)
    if ref.outside or ref.gap:
        kind = "outside" if ref.outside else "gap"
        return f"*{UNMAPPED[kind]}:* {_md(ref.outside or ref.gap)}"
    return "*Not mapped* (no reason given)"


def _ref_row(model: Model, ref: FrameworkRef, anchor: str, from_page: str, who: bool) -> str:
    name = f"[{_md(ref.id)}]({ref.url})" if ref.url else _md(ref.id)
    summary = _md(ref.title) + (f"<br>*Note:* {_md(ref.note)}" if ref.note else "")
    cells = [f'<span id="{anchor}"></span>{name}', summary, _items_cell(model, ref, from_page)]
    if who:
        dates = "<br>".join(f"from {_md(a.start)}" + (f" ({_md(a.scope)})" if a.scope else "") for a in ref.applies)
        binds = ", ".join(_md(role) for role in ref.binds)
        cells.append("<br>".join(part for part in (binds, dates) if part) or "—")
    return "| " + " | ".join(cells) + " |"


def framework_page(model: Model, framework_id: str, from_page: str) -> str:
    """One framework's page (Markdown): what it is, then every reference, group by group, with the items that
    map to it (linked to their guidance) or why none does."""
    framework = _framework(model, framework_id)
    anchors = ref_anchors(framework)
    out = [f"# {_md(framework.title)}", ""]
    if framework.summary:
        out += [_md(framework.summary), ""]
    facts = [("Edition", _md(framework.edition))]
    if framework.publisher:
        facts.append(("Publisher", _md(framework.publisher)))
    facts.append(("Source", f"<{framework.url}>"))
    facts += [("Also read", f"[{_md(link.title)}]({link.url})") for link in framework.links]
    if framework.checked:
        facts.append(("Checked against the sources", _md(framework.checked)))
    out += [f"- **{term}:** {value}" for term, value in facts] + [""]
    if framework.note:
        out += ['!!! warning "Read this first"', "", f"    {_md(framework.note)}", ""]
    overview = relative("frameworks/index.md", from_page)
    out += [f"{_counts_line(framework)} The summaries are ours, never the framework's wording: follow the "
            f"links for the text. An item mapped to a reference gives evidence toward it; it does not certify "
            f"that the reference is met ([what a mapping means]({overview})).", ""]
    who = any(ref.binds or ref.applies for ref in framework.refs)
    if framework.roles:
        out += ["Who a reference binds (" + ", ".join(f"`{_md(role.id)}`" for role in framework.roles) + "): "
                + "; ".join(_md(role.title) for role in framework.roles) + ".", ""]
    head = ["Reference", "Summary (our words)", "Mapped items, or why none", *(["Binds, from"] if who else [])]
    table_head = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    depth: dict[str, int] = {}
    for group in framework.groups:
        depth[group.id] = depth[group.parent] + 1 if group.parent in depth else 0
    by_group: dict[str, list[FrameworkRef]] = {}
    for ref in framework.refs:
        by_group.setdefault(ref.group, []).append(ref)
    for group_id in ["", *(g.id for g in framework.groups)]:
        refs = by_group.get(group_id, [])
        if group_id:
            group = next(g for g in framework.groups if g.id == group_id)
            out += ["#" * min(4, 2 + depth[group_id]) + f" {_md(group.title)}", ""]
        elif refs and framework.groups:
            out += ["## Other references", ""]
        elif refs:
            out += ["## References", ""]
        if refs:
            out += table_head + [_ref_row(model, ref, anchors[ref.id], from_page, who)
                                 for ref in refs] + [""]
    return "\n".join(out)
