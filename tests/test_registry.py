"""Item ids are stable: issued once, never renumbered, removed or reused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scoring.files import load_checklists, load_document

ROOT = Path(__file__).resolve().parent.parent
CHECKLISTS = ROOT / "checklists"
RELEASES = sorted((ROOT / "tests" / "data" / "released-ids").glob("*.txt"))


def registry() -> dict:
    return load_document(CHECKLISTS / "ids.yml").data


def test_the_real_checklists_validate_with_the_registry() -> None:
    model = load_checklists(CHECKLISTS).model
    assert len(model.items) >= 80
    assert set(model.issued) >= set(model.items)


@pytest.mark.parametrize("release", RELEASES, ids=lambda p: p.stem)
def test_every_released_id_is_still_issued(release: Path) -> None:
    issued = set(registry()["issued"])
    released = [line for line in release.read_text().splitlines() if line and not line.startswith("#")]
    missing = [item_id for item_id in released if item_id not in issued]
    assert missing == [], f"ids from release {release.stem} vanished from checklists/ids.yml: {missing}"


def test_retired_ids_are_not_in_any_checklist() -> None:
    model = load_checklists(CHECKLISTS).model
    assert set(model.retired).isdisjoint(model.items)


def test_ids_are_numbered_from_001_without_reuse_of_numbers() -> None:
    """Per prefix, issued numbers run 1..n: a gap means an id was deleted instead of retired."""
    by_prefix: dict[str, list[int]] = {}
    for item_id in registry()["issued"]:
        prefix, number = re.fullmatch(r"([A-Z]+)-(\d{3})", item_id).groups()
        by_prefix.setdefault(prefix, []).append(int(number))
    for prefix, numbers in by_prefix.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), prefix


def test_each_dimension_has_its_items_one_headline_and_a_critical_item() -> None:
    """Dimensions hold what their subject needs (1.1.0 dropped the fixed nine); the spec asks ~8, >= 80 in all."""
    model = load_checklists(CHECKLISTS).model
    assert len(model.dimensions) == 11 and len(model.items) >= 80
    for dim in model.dimensions:
        assert 6 <= len(dim.items) <= 15, dim.id
        assert sum(item.headline for item in dim.items) == 1, dim.id
        assert any(item.critical for item in dim.items), dim.id


def test_every_retired_id_says_why_and_since_when() -> None:
    model = load_checklists(CHECKLISTS).model
    for item_id, entry in model.retired.items():
        assert entry.since in [r.version for r in model.releases] and len(entry.reason) > 20, item_id
    released = [line for line in (ROOT / "tests" / "data" / "released-ids" / "1.0.0.txt").read_text().splitlines()
                if line and not line.startswith("#")]
    current = [line for line in (ROOT / "tests" / "data" / "released-ids" / "1.1.0.txt").read_text().splitlines()
               if line and not line.startswith("#")]
    # Every 1.0.0 id is either still an item of 1.1.0 or retired in it; 1.1.0 adds what its release lists.
    assert sorted(set(released) - set(current)) == sorted(model.retired)
    assert sorted(set(current) - set(released)) == sorted(model.releases[-1].added)
