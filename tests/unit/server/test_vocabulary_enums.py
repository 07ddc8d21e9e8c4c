from __future__ import annotations

from enum import Enum

import pytest

from server.graphql.types import vocabulary as g
from server.registry import vocabulary as v

PAIRS: list[tuple[type[Enum], tuple[str, ...]]] = [
    (g.Tier, v.TIERS),
    (g.DibaoClass, v.DIBAO_CLASSES),
    (g.Cause, v.CAUSES),
    (g.SpecialGroup, v.SPECIAL_GROUPS),
    (g.WarningLevel, v.WARNING_LEVELS),
    (g.RegionLevel, v.REGION_LEVELS),
    (g.NeedKind, v.NEED_KINDS),
    (g.NeedStatus, v.NEED_STATUSES),
    (g.Urgency, v.URGENCIES),
    (g.TravelMode, v.TRAVEL_MODES),
    (g.Relation, v.RELATIONS),
    (g.Sex, v.SEXES),
]


@pytest.mark.parametrize(("enum", "values"), PAIRS, ids=[p[0].__name__ for p in PAIRS])
def test_graphql_enum_matches_the_domain_vocabulary(
    enum: type[Enum], values: tuple[str, ...]
) -> None:
    assert tuple(m.value for m in enum) == tuple(values)
