"""The permission matrix's parts: where each demo user works (ids inside and outside its
area), documents generated from the schema, and the verdict of one cell against the access
table (server/graphql/access.py). The arguments are in permission_matrix_arguments.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, LiteralString

from graphql import (
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    get_named_type,
    is_leaf_type,
)
from strawberry.permission import PermissionExtension

from graph.driver import Graph
from graph.notifications import recipients_of
from graph.scope import resolve_scope
from server.graphql.access import FieldAccess, Outside
from server.graphql.permissions import TablePermission
from server.roles import DEMO_USERNAMES, Role

# (id, townships it lies in) of each kind of thing, in a stable order.
_KINDS: Mapping[str, LiteralString] = {
    "household": "MATCH (h:Household) RETURN h.id AS id, [h.township_id] AS ts ORDER BY id",
    "person": """MATCH (p:Person)-[:MEMBER_OF]->(h:Household)
                 RETURN p.id AS id, [h.township_id] AS ts ORDER BY id""",
    "station": """MATCH (s:Station) OPTIONAL MATCH (s)-[:SERVES]->(t:Region)
                  RETURN s.id AS id, collect(t.id) AS ts ORDER BY id""",
    "worker": """MATCH (w:SocialWorker)-[:WORKS_AT]->(:Station)-[:SERVES]->(t:Region)
                 RETURN w.id AS id, collect(t.id) AS ts ORDER BY id""",
    # Workers actively following households: the start of the socialWorker.households path.
    "busy_worker": """MATCH (w:SocialWorker)<-[:BY]-(:Match {status: 'ACTIVE'})
                      WITH DISTINCT w MATCH (w)-[:WORKS_AT]->(:Station)-[:SERVES]->(t:Region)
                      RETURN w.id AS id, collect(t.id) AS ts ORDER BY id""",
    "volunteer": """MATCH (v:Volunteer)-[:LIVES_IN]->(:Region)-[:PART_OF]->(t:Region)
                    RETURN v.id AS id, collect(t.id) AS ts ORDER BY id""",
    "charity": """MATCH (o:Charity)-[:ACTIVE_IN]->(r:Region)
                  MATCH (t:Region {level: 'TOWNSHIP'})-[:PART_OF*0..1]->(r)
                  RETURN o.id AS id, collect(DISTINCT t.id) AS ts ORDER BY id""",
    "enterprise": """MATCH (o:Enterprise)-[:ACTIVE_IN]->(r:Region)
                     MATCH (t:Region {level: 'TOWNSHIP'})-[:PART_OF*0..1]->(r)
                     RETURN o.id AS id, collect(DISTINCT t.id) AS ts ORDER BY id""",
    "need": """MATCH (h:Household)-[:HAS_NEED]->(n:Need)
               RETURN n.id AS id, [h.township_id] AS ts ORDER BY id""",
    "match": """MATCH (m:Match)-[:FOR]->(h:Household)
                RETURN m.id AS id, [h.township_id] AS ts ORDER BY id""",
    "alert": """MATCH (a:Alert)-[:ABOUT]->(h:Household)
                RETURN a.id AS id, [h.township_id] AS ts ORDER BY id""",
    "assistance": """MATCH (a:TemporaryAssistance)-[:FOR]->(h:Household)
                     RETURN a.id AS id, [h.township_id] AS ts ORDER BY id""",
    "intake": """MATCH (i:Intake) RETURN i.id AS id, [i.township_id] AS ts ORDER BY id""",
    "conference": """MATCH (c:Conference)-[:FOR]->(h:Household)
                     RETURN c.id AS id, [h.township_id] AS ts ORDER BY id""",
    "decision": """MATCH (d:ConferenceDecision)-[:OF]->(:Conference)-[:FOR]->(h:Household)
                   RETURN d.id AS id, [h.township_id] AS ts ORDER BY id""",
    "referral": """MATCH (r:Referral)-[:FOR]->(h:Household) WHERE NOT (r)-[:TO]->(:Station)
                   RETURN r.id AS id, [h.township_id] AS ts ORDER BY id""",
    "plan": """MATCH (p:CaseloadPlan)
               OPTIONAL MATCH (:Station {id: p.scope_id})-[:SERVES]->(st:Region)
               OPTIONAL MATCH (ct:Region {level: 'TOWNSHIP'})-[:PART_OF]->(:Region {id: p.scope_id})
               WITH p, collect(DISTINCT st.id) + collect(DISTINCT ct.id) AS ts
               RETURN p.id AS id, ts + CASE WHEN p.scope_kind = 'TOWNSHIP' THEN [p.scope_id]
                                          ELSE [] END AS ts ORDER BY id""",
    "township": "MATCH (t:Region {level: 'TOWNSHIP'}) RETURN t.id AS id, [t.id] AS ts ORDER BY id",
    "care_task": "MATCH (t:CareTask) RETURN t.id AS id, [t.township_id] AS ts ORDER BY id",
    "grid_report": "MATCH (r:GridReport) RETURN r.id AS id, [r.township_id] AS ts ORDER BY id",
    "job_posting": "MATCH (j:JobPosting) RETURN j.id AS id, [j.township_id] AS ts ORDER BY id",
    "job_proposal": "MATCH (x:JobProposal) RETURN x.id AS id, [x.township_id] AS ts ORDER BY id",
    "village": """MATCH (v:Region {level: 'VILLAGE'})-[:PART_OF]->(t:Region)
                  RETURN v.id AS id, [t.id] AS ts ORDER BY id""",
}
# The thing an organisation, worker or volunteer user is (its own record).
_OWN_KIND = {Role.CHARITY: "charity", Role.ENTERPRISE: "enterprise", Role.SOCIAL_WORKER: "worker"}
_OWN_KIND[Role.VOLUNTEER] = "volunteer"


@dataclass
class Places:
    """Ids of one demo user's world: inside its area, outside it, and its own."""

    user_id: str
    inside: dict[str, str | None] = field(default_factory=dict)
    outside: dict[str, str | None] = field(default_factory=dict)
    own_id: str | None = None
    other_own_id: str | None = None  # another record of the kind the user is


async def places_of(graph: Graph) -> dict[Role, Places]:
    every: dict[str, list[tuple[str, list[str]]]] = {}
    for kind, query in _KINDS.items():
        records, _, _ = await graph.driver.execute_query(query)
        every[kind] = [(r["id"], list(r["ts"])) for r in records]
    result = {}
    for role, username in DEMO_USERNAMES.items():
        records, _, _ = await graph.driver.execute_query(
            "MATCH (u:User {username: $u}) RETURN u.id AS id, u.scope_kind AS kind, "
            "u.scope_id AS scope_id",
            u=username,
        )
        user = records[0]
        scope = await resolve_scope(
            graph, role=role.value, kind=user["kind"], scope_id=user["scope_id"]
        )
        area = None if scope.townships is None else set(scope.townships)
        p = Places(user_id=user["id"])
        for kind, things in every.items():
            p.inside[kind] = next((i for i, ts in things if ts and _within(ts, area)), None)
            p.outside[kind] = (
                None if area is None else next((i for i, ts in things if not area & set(ts)), None)
            )
        if role in _OWN_KIND:
            p.own_id = user["scope_id"]
            kind = _OWN_KIND[role]
            p.other_own_id = next((i for i, _ in every[kind] if i != p.own_id), None)
        await _personal(graph, role, user, p)
        result[role] = p
    return result


def _within(townships: list[str], area: set[str] | None) -> bool:
    return area is None or set(townships) <= area


async def _personal(graph: Graph, role: Role, user: Any, p: Places) -> None:
    """Jobs and notifications are the user's own: another user's are "outside"."""
    p.inside["job"] = p.inside["notification"] = None
    # Administrators see every job by design (the row says so); they have no job outside.
    records, _, _ = await graph.driver.execute_query(
        "MATCH (j:Job) WHERE j.created_by IS NOT NULL AND j.created_by <> $me "
        "RETURN min(j.id) AS id",
        me=user["id"],
    )
    p.outside["job"] = None if role is Role.ADMIN else records[0]["id"]
    mine = recipients_of(
        user_id=user["id"], role=role.value, scope_kind=user["kind"], scope_id=user["scope_id"]
    )
    records, _, _ = await graph.driver.execute_query(
        "MATCH (n:Notification) WHERE NOT [n.recipient_kind, n.recipient_id] IN $mine "
        "RETURN min(n.id) AS id",
        mine=mine,
    )
    p.outside["notification"] = records[0]["id"]


# -- documents from the schema ------------------------------------------------------------


def _unwrap(t: Any) -> Any:
    return t.of_type if isinstance(t, GraphQLNonNull) else t


def selection(schema: GraphQLSchema, t: Any) -> str:
    """Enough of a result to judge a cell: type names, ids, counts and list lengths, and
    every user error's code and field."""
    named = get_named_type(t)
    if is_leaf_type(named):
        return ""
    if isinstance(named, GraphQLUnionType):
        parts = ["__typename"]
        for member in named.types:
            if any(i.name == "UserError" for i in member.interfaces):
                extra = " errors { field code }" if "errors" in member.fields else ""
                parts.append(f"... on {member.name} {{ code field{extra} }}")
        return "{ " + " ".join(parts) + " }"
    assert isinstance(named, GraphQLObjectType | GraphQLInterfaceType)
    parts = ["__typename"] + [n for n in ("id", "totalCount") if n in named.fields]
    for name, f in named.fields.items():
        if _is_object_list(f):
            parts.append(f"{name} {{ {_ids(get_named_type(f.type))} }}")
    return "{ " + " ".join(parts) + " }"


def _ids(element: Any) -> str:
    """The ids of a list's elements (a connection's edges: their nodes' ids)."""
    fields = getattr(element, "fields", {})
    if "node" in fields and "id" in get_named_type(fields["node"].type).fields:
        return "__typename node { id }"
    return "__typename id" if "id" in fields else "__typename"


def _is_object_list(f: GraphQLField) -> bool:
    required = any(isinstance(a.type, GraphQLNonNull) for a in f.args.values())
    return (
        isinstance(_unwrap(f.type), GraphQLList)
        and not is_leaf_type(get_named_type(f.type))
        and not required
        and not _casework_only(f)
    )


def _casework_only(f: GraphQLField) -> bool:
    """A nested field with its own permission (server.graphql.permissions.casework_only):
    the root field's cell is not judged by it; the side paths and the identity-reach test
    are."""
    definition = (f.extensions or {}).get("strawberry-definition")
    return any(
        isinstance(e, PermissionExtension) and not isinstance(e, TablePermission)
        for e in getattr(definition, "extensions", None) or ()
    )


@dataclass(frozen=True)
class Call:
    """One root field called under an alias, with its variables."""

    alias: str
    field: str
    arguments: dict[str, Any]


def document(
    schema: GraphQLSchema, operation: str, calls: list[Call]
) -> tuple[str, dict[str, Any]]:
    root = schema.query_type if operation == "query" else schema.mutation_type
    assert root is not None
    declared, body, variables = [], [], {}
    for call in calls:
        f = root.fields[call.field]
        given = []
        for name, value in call.arguments.items():
            var = f"{call.alias}_{name}"
            declared.append(f"${var}: {f.args[name].type}")
            variables[var] = value
            given.append(f"{name}: ${var}")
        args = f"({', '.join(given)})" if given else ""
        body.append(f"{call.alias}: {call.field}{args} {selection(schema, f.type)}")
    head = f"{operation} Matrix" + (f"({', '.join(declared)})" if declared else "")
    return head + " {\n  " + "\n  ".join(body) + "\n}", variables


def upload_parts(query: str, variables: dict[str, Any]) -> tuple[dict[str, str], dict[str, Any]]:
    """The multipart form of a document whose `file` variables each get an empty file."""
    files = [name for name in variables if name.endswith("_file")]
    mapping = {str(i): [f"variables.{name}"] for i, name in enumerate(files)}
    form = {
        "operations": json.dumps({"query": query, "variables": variables}),
        "map": json.dumps(mapping),
    }
    parts = {str(i): ("empty.csv", b"", "text/csv") for i in range(len(files))}
    return form, parts


# -- verdicts -----------------------------------------------------------------------------

DENIALS = {"FORBIDDEN", "UNAUTHENTICATED"}


def is_empty(value: Any) -> bool:
    """No data: null, [], a connection without edges, an object whose lists are all empty."""
    if value is None or value == []:
        return True
    if isinstance(value, dict):
        if value.get("totalCount") not in (None, 0):
            return False
        lists = [v for v in value.values() if isinstance(v, list)]
        return bool(lists) and all(v == [] for v in lists)
    return False


def verdict(
    rule: FieldAccess | None,
    role: Role | None,
    outside: bool,
    value: Any,
    errors: list[dict[str, Any]],
    outside_id: str | None,
) -> str | None:
    """Why the cell's answer is wrong, or None when it is what the table declares."""
    codes = [(e.get("extensions") or {}).get("code") for e in errors]
    if rule is None:
        return "no row in server/graphql/access.py"
    if None in codes:
        return f"an error without a code: {errors}"
    if role is None and rule.roles:
        return None if codes == ["UNAUTHENTICATED"] else f"expected UNAUTHENTICATED, got {codes}"
    if role is not None and rule.roles and role not in rule.roles:
        return None if codes == ["FORBIDDEN"] else f"expected FORBIDDEN, got {codes} {value}"
    if DENIALS & set(codes) and not (outside and _expected(rule, role) is Outside.FORBIDDEN):
        return f"allowed by the table, denied by the server: {errors}"
    if not outside:
        return None
    return _judge_outside(_expected(rule, role), rule, value, codes, outside_id)


def _expected(rule: FieldAccess, role: Role | None) -> Outside | None:
    return Outside.FORBIDDEN if role in rule.own_only else rule.outside


def _judge_outside(
    expected: Outside | None,
    rule: FieldAccess,
    value: Any,
    codes: list[str | None],
    outside_id: str | None,
) -> str | None:
    typename = (value or {}).get("__typename") if isinstance(value, dict) else None
    if expected is Outside.FORBIDDEN:
        ok = codes == ["FORBIDDEN"]
    elif expected is Outside.NULL:
        ok = value is None and not codes
    elif expected is Outside.EMPTY:
        ok = is_empty(value) and not codes
    elif expected is Outside.NARROWED:
        ok = not codes
    elif expected is Outside.NOT_FOUND:
        ok = typename == "NotFound" and not codes
    else:
        leaf = (rule.argument or "").rsplit(".", 1)[-1]
        fields = [e["field"] for e in (value or {}).get("errors") or []]
        ok = typename == "InvalidInput" and any(f.split(".")[0] == leaf for f in fields)
    if ok and outside_id and expected in (Outside.NULL, Outside.EMPTY, Outside.NARROWED):
        ok = outside_id not in json.dumps(value)
    return None if ok else f"outside the area expected {expected}, got {codes} {value}"


def chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
