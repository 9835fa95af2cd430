"""Item ids are stable: issued once, never renumbered, removed or reused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scoring.load import load_checklists, load_document

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


def test_each_dimension_has_enough_items_and_one_headline() -> None:
    model = load_checklists(CHECKLISTS).model
    assert len(model.dimensions) == 11
    for dim in model.dimensions:
        assert len(dim.items) >= 8, dim.id
        assert sum(item.headline for item in dim.items) == 1, dim.id
        assert any(item.critical for item in dim.items), dim.id
