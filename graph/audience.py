"""Who a read is for: each audience has its own Cypher projection of the registry's nouns.

The server decides a principal's audience from its role (`server.roles.audience_of`); the
graph functions that read households, members, needs and workers take it and return only
the properties that audience may see, so nothing identifying is read for a charity, an
enterprise or a volunteer and then hidden afterwards.
"""

from __future__ import annotations

from enum import Enum
from typing import LiteralString


class Audience(Enum):
    # The identity roles: who a household is, its members, its exact place; workers' contacts.
    CASEWORK = "CASEWORK"
    # Volunteers: a household as a sketch (village, tier, size band, care skills needed);
    # never its members, identity or exact place; workers without phone or home.
    VOLUNTEER = "VOLUNTEER"
    # Charities and enterprises: anonymised need cards only; no household, person, match,
    # visit or alert; workers without phone or home.
    OUTSIDE = "OUTSIDE"


def size_band(size: int) -> str:
    """A household's size as a band: an exact size narrows a small village to one family."""
    if size <= 1:
        return "1"
    if size <= 3:
        return "2-3"
    if size <= 5:
        return "4-5"
    return "6+"


# The same bands in Cypher, for the projections of a household `h`.
SIZE_BAND: LiteralString = """CASE WHEN coalesce(h.size, 0) <= 1 THEN '1'
  WHEN h.size <= 3 THEN '2-3' WHEN h.size <= 5 THEN '4-5' ELSE '6+' END"""
