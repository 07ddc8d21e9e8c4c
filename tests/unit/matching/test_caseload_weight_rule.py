"""The caseload weight rule, in matching/ (pure): class A or a red warning 3, class B or an
orange warning 2, everyone else 1; the heavier of the two reasons wins."""

from __future__ import annotations

import pytest

from matching.caseload_weights import caseload_weight


@pytest.mark.parametrize(
    ("dibao_class", "warning_level", "weight"),
    [
        (None, None, 1),
        (None, "NONE", 1),
        ("C", "YELLOW", 1),
        ("B", None, 2),
        (None, "ORANGE", 2),
        ("A", None, 3),
        (None, "RED", 3),
        ("B", "RED", 3),
        ("A", "ORANGE", 3),
    ],
)
def test_weight_of_a_household(
    dibao_class: str | None, warning_level: str | None, weight: int
) -> None:
    assert caseload_weight(dibao_class, warning_level) == weight
