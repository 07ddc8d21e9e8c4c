"""Build GraphQL documents that select everything a type reaches, from introspection.

Used by the identity-reach test: for each root query field, a selection of every scalar
and every object field to a given depth, split into documents small enough for the
server's token limit, and pruned of the fields the server refuses (so one FORBIDDEN field
does not null its parent and hide the rest of the answer).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

INTROSPECTION = """
{ __schema { queryType { name } types { name kind
    fields { name args { name type { ...T } defaultValue } type { ...T } }
    possibleTypes { name } enumValues { name } } } }
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name
  ofType { kind name } } } } }
"""

# Over this many fields a document is split (the server's limit is 5,000 tokens).
FIELD_BUDGET = 400


@dataclass(frozen=True)
class TypeRef:
    kind: str
    name: str | None
    of: TypeRef | None

    @classmethod
    def parse(cls, raw: dict[str, Any]) -> TypeRef:
        inner = raw.get("ofType")
        return cls(raw["kind"], raw.get("name"), cls.parse(inner) if inner else None)

    @property
    def named(self) -> TypeRef:
        return self.of.named if self.of is not None else self

    @property
    def required(self) -> bool:
        return self.kind == "NON_NULL"

    def literal(self) -> str:
        if self.kind == "NON_NULL":
            assert self.of is not None
            return self.of.literal() + "!"
        if self.kind == "LIST":
            assert self.of is not None
            return "[" + self.of.literal() + "]"
        return self.name or ""


@dataclass
class Selection:
    """A field with its arguments and, for objects, the fields under it (by response key)."""

    name: str
    args: dict[str, tuple[str, Any]] = field(default_factory=dict)  # name: (type, value)
    children: dict[str, Selection] = field(default_factory=dict)
    fragments: dict[str, dict[str, Selection]] = field(default_factory=dict)  # unions

    def size(self) -> int:
        inner = sum(c.size() for c in self.children.values())
        inner += sum(c.size() for f in self.fragments.values() for c in f.values())
        return 1 + len(self.args) + inner

    def scalars_only(self) -> Selection:
        return Selection(
            self.name,
            self.args,
            {k: c for k, c in self.children.items() if not c.children and not c.fragments},
        )

    def remove(self, path: list[str]) -> bool:
        """Remove the field at this response path (below self); True if found."""
        if not path:
            return False
        head, rest = path[0], path[1:]
        branches = [self.children, *self.fragments.values()]
        found = False
        for branch in branches:
            if head in branch:
                found = found or (branch[head].remove(rest) if rest else True)
                if not rest:
                    del branch[head]
        return found


# Which id to give an argument: by its name, else (for `id`) by the field's type.
ARG_KINDS = {
    "householdId": "Household",
    "workerId": "SocialWorker",
    "socialWorkerId": "SocialWorker",
    "stationId": "Station",
    "matchId": "Match",
    "needId": "Need",
    "planId": "CaseloadPlan",
    "alertId": "Alert",
    "volunteerId": "Volunteer",
    "charityId": "Charity",
    "enterpriseId": "Enterprise",
    "regionId": "Region",
    "parentId": "Region",
}
TYPE_KINDS = {"NeedListing": "Need", "Need": "Need", "CaseloadPlan": "CaseloadPlan"}
SCALAR_SAMPLES = {
    "Int": 5,
    "Float": 1.0,
    "String": "x",
    "Boolean": True,
    "Date": "2026-12-01",
    "DateTime": "2026-12-01T08:00:00+08:00",
}


class SchemaWalk:
    def __init__(self, schema: dict[str, Any]) -> None:
        self.types = {t["name"]: t for t in schema["types"]}
        self.query_type = schema["queryType"]["name"]

    def id_kind(self, arg: str, field_type: TypeRef) -> str | None:
        if arg in ARG_KINDS:
            return ARG_KINDS[arg]
        if arg != "id":
            return None
        name = field_type.named.name or ""
        return TYPE_KINDS.get(name, name)

    def arguments(
        self, raw_field: dict[str, Any], ids: Callable[[str | None], str | None]
    ) -> dict[str, tuple[str, Any]] | None:
        """Values for the field's arguments: `first` small, ids from `ids`, required others
        sampled; None when a required argument cannot be supplied."""
        out: dict[str, tuple[str, Any]] = {}
        ftype = TypeRef.parse(raw_field["type"])
        for arg in raw_field["args"]:
            atype = TypeRef.parse(arg["type"])
            named = atype.named
            if arg["name"] == "first":
                out["first"] = (atype.literal(), 3)
            elif named.name == "ID":
                value = ids(self.id_kind(arg["name"], ftype))
                if value is not None:
                    out[arg["name"]] = (atype.literal(), value)
                elif atype.required:
                    return None
            elif atype.required:
                if named.kind == "ENUM":
                    values = self.types[named.name or ""]["enumValues"]
                    out[arg["name"]] = (atype.literal(), values[0]["name"])
                elif named.name in SCALAR_SAMPLES:
                    out[arg["name"]] = (atype.literal(), SCALAR_SAMPLES[named.name or ""])
                else:
                    return None
        return out

    def select(
        self,
        raw_field: dict[str, Any],
        depth: int,
        path_types: tuple[str, ...],
        ids: Callable[[str | None], str | None],
    ) -> Selection | None:
        args = self.arguments(raw_field, ids)
        if args is None:
            return None
        sel = Selection(raw_field["name"], args)
        named = TypeRef.parse(raw_field["type"]).named
        t = self.types[named.name or ""]
        if t["kind"] in ("SCALAR", "ENUM"):
            return sel
        if depth <= 0 or (named.name in path_types and not _wrapper(named.name)):
            return None
        here = (*path_types, named.name or "")
        if t["kind"] in ("UNION", "INTERFACE"):
            sel.children["__typename"] = Selection("__typename")
            for possible in t["possibleTypes"] or ():
                sub = self._fields(self.types[possible["name"]], depth - 1, here, ids)
                if sub:
                    sel.fragments[possible["name"]] = sub
            return sel
        sel.children = self._fields(t, depth - 1, here, ids)
        return sel if sel.children else None

    def _fields(
        self,
        t: dict[str, Any],
        depth: int,
        path_types: tuple[str, ...],
        ids: Callable[[str | None], str | None],
    ) -> dict[str, Selection]:
        out = {}
        for f in t["fields"] or ():
            if f["name"].startswith("__"):
                continue
            # A connection's wrappers do not count as a level of the data.
            step = depth + 1 if _wrapper(t["name"]) or f["name"] in ("edges", "node") else depth
            sub = self.select(f, step, path_types, ids)
            if sub is not None:
                out[f["name"]] = sub
        return out

    def roots(self) -> Iterator[dict[str, Any]]:
        yield from self.types[self.query_type]["fields"]


def _wrapper(type_name: str | None) -> bool:
    name = type_name or ""
    return name.endswith("Connection") or name.endswith("Edge")


def split(sel: Selection, budget: int = FIELD_BUDGET) -> list[Selection]:
    """Documents under the budget: the scalars, then each object child on its own."""
    if sel.size() <= budget or (not sel.children and not sel.fragments):
        return [sel]
    pieces = (
        [sel.scalars_only()]
        if any(not c.children and not c.fragments for c in sel.children.values())
        else []
    )
    for key, child in sel.children.items():
        if child.children or child.fragments:
            for part in split(child, budget):
                pieces.append(Selection(sel.name, sel.args, {key: part}))
    for type_name, fragment in sel.fragments.items():
        piece = Selection(sel.name, sel.args, {"__typename": Selection("__typename")})
        piece.fragments[type_name] = fragment
        pieces.append(piece)
    return pieces


def document(sel: Selection) -> tuple[str, dict[str, Any]]:
    """The query text and its variables (every argument is a variable)."""
    variables: dict[str, Any] = {}
    declared: list[str] = []

    def render(s: Selection) -> str:
        args = ""
        if s.args:
            parts = []
            for name, (type_literal, value) in s.args.items():
                var = f"v{len(variables)}"
                variables[var] = value
                declared.append(f"${var}: {type_literal}")
                parts.append(f"{name}: ${var}")
            args = "(" + ", ".join(parts) + ")"
        inner = [render(c) for c in s.children.values()]
        inner += [
            "... on " + t + " { " + " ".join(render(c) for c in f.values()) + " }"
            for t, f in s.fragments.items()
        ]
        return s.name + args + (" { " + " ".join(inner) + " }" if inner else "")

    body = render(sel)
    head = "query" + ("(" + ", ".join(declared) + ")" if declared else "")
    return head + " { " + body + " }", variables
