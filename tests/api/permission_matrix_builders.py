"""The builders of the permission matrix's argument sets (see permission_matrix_arguments).

Each builder asks a `Pick` for the thing its scoped argument names: inside the caller's
area, or outside it in an outside cell (for an own-only role: another's record). Mutations
are refused before anything is written: a stale expectedVersion, an invalid value, an
unknown id; an outside cell that passes validation must then not find the thing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.api.permission_matrix_support import Places

STALE = 999_999  # an expectedVersion no record reaches: refused before any write
TOO_LONG = "长" * 5_000


@dataclass(frozen=True)
class Pick:
    """What a builder may ask for: the scoped thing (inside or outside the caller's area, by
    the cell), a thing inside the area, and the caller's own record (or another's)."""

    places: Places
    outside: bool
    own_only: bool  # the role acts on its own record only: "outside" is another's

    def at(self, kind: str) -> str:
        if self.outside and not self.own_only:
            return self.places.outside[kind] or f"{kind}-none"
        return self.near(kind)

    def near(self, kind: str) -> str:
        return self.places.inside.get(kind) or f"{kind}-none"

    def own(self, kind: str) -> str:
        """The caller's own record, another's in an own-only outside cell, else one inside."""
        if self.places.own_id is None:
            return self.near(kind)
        if self.outside and self.own_only:
            return self.places.other_own_id or f"{kind}-none"
        return self.places.own_id


Builder = Callable[[Pick], dict[str, Any]]


@dataclass(frozen=True)
class Arguments:
    kind: str | None  # the kind of thing the scoped argument names
    build: Builder
    # The kind of thing the answer lists, when it is not `kind`: one of them lying wholly
    # outside the caller's area must not appear in an outside cell's answer.
    lists: str | None = None

    @property
    def answer_kind(self) -> str | None:
        return self.lists or self.kind


def _a(kind: str | None, build: Builder, lists: str | None = None) -> Arguments:
    return Arguments(kind, build, lists)


def _in_region(p: Pick) -> dict[str, Any]:
    return {"first": _page(p), "filter": {"regionId": p.at("township")}}


def _page(p: Pick) -> int:
    """Outside: a full page, so an outside thing would show; inside: a short one."""
    return 100 if p.outside else 3


def _upload(_: Pick) -> dict[str, Any]:
    return {"file": None}  # sent as an empty multipart file: a typed error, no job


def _household_input(p: Pick) -> dict[str, Any]:
    return {
        "villageId": p.at("village"),
        "tier": "DIBAO",
        "monthlyIncomePerPerson": -1.0,
        "lat": 37.9,
        "lon": 112.0,
        "address": "",
        "members": [],
    }


def _helper(p: Pick) -> str:
    return p.own("worker") if p.places.own_id is not None else p.near("worker")


_VISIT = {"visitedAt": "2026-01-01T00:00:00Z", "place": "", "met": [], "findings": ""}
# Input is checked before the thing it names: an outside cell sends input that passes, so
# that its answer is about the thing outside the area (which it must not find).
_VISIT_OUTSIDE = {**_VISIT, "place": "家中", "met": ["户主"]}


def _why(p: Pick) -> str:
    """Inside: refused for the missing reason; outside: a reason, and nothing found."""
    return "矩阵测试" if p.outside else ""
