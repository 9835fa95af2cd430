"""The model built from plain data: problems as data paths, all at once."""

from __future__ import annotations

import pytest

from benchmarks.bench import synthetic
from scoring.problems import ValidationError
from scoring.validation import build_model, check_model


def test_synthetic_10k_checklist_is_valid() -> None:
    config, dims, _ = synthetic(items=1000)
    model = build_model(config, dims)
    assert len(model.items) == 1000 and [d.id for d in model.dimensions] == config["dimensions"]


def test_problems_carry_source_and_path() -> None:
    config, dims, _ = synthetic(items=20, dimensions=2)
    dims["D0"]["items"][3]["weight"] = "high"
    dims["D1"]["items"][0]["phase"] = "q"
    model, problems = check_model(config, dims)
    assert model is None
    assert [(p.source, str(p)) for p in problems] == [
        ("D0", "items[3].weight: expected a number, got 'high'"),
        ("D1", "items[0].phase: expected one of p, got 'q'"),
    ]
    # A broken configuration is reported, and the dimensions are still checked as far as they can be
    # (phases and owners are unknown then, so they are not).
    config["thresholds"]["go"] = 10
    _, problems = check_model(config, dims)
    assert [str(p) for p in problems] == ["thresholds.go: expected a number at least no_go (45), got 10",
                                          "items[3].weight: expected a number, got 'high'"]


def test_build_model_raises_with_every_problem() -> None:
    config, dims, _ = synthetic(items=20, dimensions=2)
    del dims["D0"]["items"][0]["question"]
    dims["D1"]["items"][1]["headline"] = True
    with pytest.raises(ValidationError) as info:
        build_model(config, dims)
    assert str(info.value).splitlines() == [
        "items[0]: missing required field 'question'",
        "items[1].headline: expected exactly one headline item per dimension, already items[0]",
    ]


def test_level_for_uses_half_open_bands_and_the_top_belongs_to_the_last() -> None:
    config, dims, _ = synthetic(items=10, dimensions=1)
    levels = build_model(config, dims).config
    assert [levels.level_for(x) for x in (0, 49.9, 50, 100, None)] == ["low", "low", "high", "high", "n/a"]
