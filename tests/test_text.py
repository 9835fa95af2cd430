"""The one number formatter: messages show a value as given, reports a figure to 0.1, never 400 digits."""

from __future__ import annotations

import pytest

from scoring.calc import cost
from scoring.readout import cost_text
from scoring.text import number


@pytest.mark.parametrize("value, places, shown", [
    (3, None, "3"), (0.5, None, "0.5"), (0.125, None, "0.125"), (1e300, None, "1e+300"),
    (float("inf"), None, "inf"), (-float("inf"), None, "-inf"), (10 ** 400, None, "1.00e+400"),
    (-(10 ** 20) - 5, None, "-1.00e+20"), (None, None, "n/a"), (None, 1, "n/a"),
    (69.96, 1, "70"), (12.34, 1, "12.3"), (12.25, 1, "12.2"), (-0.04, 1, "0"), (42.4, 1, "42.4"),
    (7, 1, "7"), (100000000.0, 1, "100000000"), (-3e27, 1, "-3e+27"), (0.125, 2, "0.12"),
])
def test_number(value: float | None, places: int | None, shown: str) -> None:
    assert number(value, places) == shown


def test_a_huge_figure_in_a_report_is_short() -> None:
    """A ceiling far below the cost: the percentage is a figure, not 28 digits of float noise."""
    result = cost({"cost_per_call": 1_000_000, "calls_per_workflow": 1_000_000, "workflows_per_day": 1_000_000_000,
                   "ceiling": 0.001})
    assert "Over the ceiling by: 30,000,000,000,000,000,000,000.00 (3e+27%)\n" in cost_text(result)
