"""Identity reaches only the identity roles, by any path (issue 8).

For CHARITY, ENTERPRISE and VOLUNTEER, every root query field is asked for everything it
reaches to depth 4 (built from introspection; connection wrappers do not count), with ids
from the demo county in and out of the role's scope. Fields the server refuses are pruned
and the document asked again, so a refused field cannot hide the rest of the answer. No
answer may contain a member's name or ID number, a household's phone, address or home
coordinates, a worker's phone, ID number or home, or any person id (these roles are
granted no household's members).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, LiteralString

import pytest

from graph.driver import Graph
from graph.users import upsert_user
from server.auth import hash_password
from tests.api.follow_up_support import PASSWORD, area
from tests.conftest import GraphQLClient
from tests.support.clock import app_now
from tests.support.schema_walk import INTROSPECTION, SchemaWalk, Selection, document, split

OUTSIDE_ROLES = ("charity", "enterprise", "volunteer")
DEPTH = 4
MAX_PRUNES = 40

_IDENTITY: LiteralString = """
CALL () { MATCH (p:Person) RETURN collect(p.name) AS names, collect(p.id_number) AS id_numbers,
          collect(p.id) AS person_ids }
CALL () { MATCH (h:Household) RETURN collect(h.address) AS addresses,
          collect(h.phone) AS phones, collect([h.lat, h.lon]) AS homes }
CALL () { MATCH (w:SocialWorker) RETURN collect(w.phone) AS worker_phones,
          collect(w.id_number) AS worker_id_numbers, collect([w.home_lat, w.home_lon]) AS
          worker_homes, collect(w.name) AS worker_names }
CALL () { OPTIONAL MATCH (x) WHERE x:Volunteer OR x:Charity OR x:Enterprise OR x:User
          RETURN collect(coalesce(x.name, x.display_name)) AS public_names }
RETURN names, id_numbers, person_ids, addresses, phones, homes, worker_phones,
       worker_id_numbers, worker_homes, worker_names, public_names
"""

# A few ids of each kind, spread over townships so some are in a role's scope and some not;
# per station the worker who follows the most households (their households are a path).
_IDS: LiteralString = """
CALL () { MATCH (h:Household) WITH h.township_id AS t, min(h.id) AS id
          ORDER BY t = $township DESC RETURN collect(id)[..4] AS households }
CALL () { MATCH (w:SocialWorker)-[:WORKS_AT]->(s:Station)-[:SERVES]->(t:Region)
          WITH t, w, COUNT { (w)<-[:BY]-(:Match {status: 'ACTIVE'}) } AS followed
          ORDER BY followed DESC, w.id
          WITH t, collect(w.id)[0] AS id ORDER BY t.id = $township DESC
          RETURN collect(id)[..4] AS workers }
CALL () { MATCH (s:Station)-[:SERVES]->(t:Region) WITH s ORDER BY t.id = $township DESC
          RETURN collect(s.id)[..4] AS stations }
CALL () { MATCH (h:Household)-[:HAS_NEED]->(n:Need) WITH h.township_id AS t, min(n.id) AS id
          ORDER BY t = $township DESC RETURN collect(id)[..4] AS needs }
CALL () { OPTIONAL MATCH (m:Match)-[:FOR]->(h:Household) WITH h.township_id AS t,
          min(m.id) AS id ORDER BY t = $township DESC RETURN collect(id)[..4] AS matches }
CALL () { MATCH (x:Volunteer) RETURN collect(x.id)[..2] AS volunteers }
CALL () { MATCH (x:Charity) RETURN collect(x.id)[..2] AS charities }
CALL () { MATCH (x:Enterprise) RETURN collect(x.id)[..2] AS enterprises }
CALL () { OPTIONAL MATCH (x:CaseloadPlan) RETURN collect(x.id)[..2] AS plans }
CALL () { OPTIONAL MATCH (x:Alert) RETURN collect(x.id)[..2] AS alerts }
CALL () { MATCH (x:Region) WHERE x.level <> 'VILLAGE' RETURN collect(x.id)[..3] AS regions }
RETURN households, workers, stations, needs, matches, volunteers, charities, enterprises,
       plans, alerts, regions
"""

KIND_KEYS = {
    "Household": "households",
    "SocialWorker": "workers",
    "Station": "stations",
    "Need": "needs",
    "Match": "matches",
    "Volunteer": "volunteers",
    "Charity": "charities",
    "Enterprise": "enterprises",
    "CaseloadPlan": "plans",
    "Alert": "alerts",
    "Region": "regions",
}


# Users of each outside role whose scope covers the township of the follow-through area
# (where a plan was approved, so its workers follow households): the paths through a
# worker's households are then not empty.
_AREA_HELPERS: LiteralString = """
MATCH (:Station {id: $station})-[:SERVES]->(t:Region)
OPTIONAL MATCH (c:Charity)-[:ACTIVE_IN]->(r) WHERE r = t OR (t)-[:PART_OF]->(r)
WITH t, min(c.id) AS charity
OPTIONAL MATCH (e:Enterprise)-[:ACTIVE_IN]->(r) WHERE r = t OR (t)-[:PART_OF]->(r)
WITH t, charity, min(e.id) AS enterprise
OPTIONAL MATCH (v:Volunteer)-[:LIVES_IN]->(:Region)-[:PART_OF]->(t)
RETURN t.id AS township, charity, enterprise, min(v.id) AS volunteer
"""

ROLE_SCOPES = {
    "charity": ("CHARITY", "ORGANISATION"),
    "enterprise": ("ENTERPRISE", "ORGANISATION"),
    "volunteer": ("VOLUNTEER", "SELF"),
}


async def area_user(
    gql: GraphQLClient, graph: Graph, username: str, helpers: dict[str, Any]
) -> GraphQLClient:
    """A user of that role in the area, or the demo user when the area has no such helper."""
    helper_id = helpers[username]
    if helper_id is None:
        return gql.as_user(username)
    role, kind = ROLE_SCOPES[username]
    name = f"reach-{username}"
    await upsert_user(
        graph,
        user_id=f"user-{name}",
        username=name,
        password_hash=hash_password(PASSWORD),
        role=role,
        display_name="可达性测试",
        scope_kind=kind,
        scope_id=helper_id,
        now=app_now(),
    )
    return gql.as_user(name)


@dataclass
class Identity:
    """Identity values from Neo4j, and what an answer must not contain."""

    exact: set[str] = field(default_factory=set)  # whole string values
    inside: set[str] = field(default_factory=set)  # long enough to find inside text
    homes: set[tuple[float, float]] = field(default_factory=set)

    def leaks(self, body: Any, where: str = "") -> Iterator[str]:
        if isinstance(body, dict):
            lat, lon = body.get("lat"), body.get("lon")
            if isinstance(lat, float) and isinstance(lon, float) and (lat, lon) in self.homes:
                yield f"{where}: home coordinates {lat},{lon}"
            for key, value in body.items():
                yield from self.leaks(value, f"{where}.{key}")
        elif isinstance(body, list):
            for item in body:
                yield from self.leaks(item, where)
        elif isinstance(body, str):
            if body in self.exact:
                yield f"{where}: {body!r}"
            else:
                for value in self.inside:
                    if value in body:
                        yield f"{where}: contains {value!r}"


async def identity_values(graph: Graph) -> Identity:
    records, _, _ = await graph.driver.execute_query(_IDENTITY)
    r = records[0]
    # A member who shares a name with a worker, a volunteer or an organisation is not
    # found by the name alone: those names are public.
    public = set(r["public_names"]) | set(r["worker_names"])
    names = {n for n in r["names"] if n and n not in public}
    long_values = {
        v
        for v in [*r["id_numbers"], *r["phones"], *r["addresses"], *r["worker_phones"]]
        + r["worker_id_numbers"]
        if v and len(v) >= 8
    }
    person_ids = {p for p in r["person_ids"] if p}
    homes = {(float(a), float(b)) for a, b in [*r["homes"], *r["worker_homes"]] if a and b}
    return Identity(exact=names | long_values | person_ids, inside=long_values, homes=homes)


def _ids_for(ids: dict[str, list[str]], index: int) -> Any:
    def pick(kind: str | None) -> str | None:
        key = KIND_KEYS.get(kind or "")
        if key is None:
            return "no-such-id" if kind else None
        values = ids.get(key) or ["no-such-id"]
        return values[index % len(values)]

    return pick


def _error_paths(body: dict[str, Any]) -> list[list[str]]:
    return [[p for p in e.get("path") or [] if isinstance(p, str)] for e in body.get("errors", [])]


def ask_pruned(client: GraphQLClient, sel: Selection) -> tuple[dict[str, Any] | None, list[str]]:
    """Ask, removing refused fields until the answer has no errors; (data, refused paths)."""
    refused: list[str] = []
    for _ in range(MAX_PRUNES):
        text, variables = document(sel)
        body = client.execute(text, variables)
        paths = _error_paths(body)
        if not paths:
            return body.get("data"), refused
        for path in paths:
            if len(path) <= 1:  # the root field itself is refused (or unaskable)
                return None, refused + [".".join(path) or "<document>"]
            if not sel.remove(path[1:]):
                return None, refused + [".".join(path) + " (not found)"]
            refused.append(".".join(path))
    raise AssertionError(f"{sel.name}: still refused after {MAX_PRUNES} prunes: {refused}")


@pytest.fixture(scope="module")
def walk(gql: GraphQLClient) -> SchemaWalk:
    body = gql.as_user("admin").execute(INTROSPECTION)
    assert "errors" not in body, body
    return SchemaWalk(body["data"]["__schema"])


@pytest.mark.parametrize("username", OUTSIDE_ROLES)
async def test_no_identity_reaches_outside_roles(
    username: str, walk: SchemaWalk, gql: GraphQLClient, graph: Graph
) -> None:
    station = area(gql).station_id  # an approved plan: workers with households
    records, _, _ = await graph.driver.execute_query(_AREA_HELPERS, station=station)
    helpers = dict(records[0])
    client = await area_user(gql, graph, username, helpers)
    identity = await identity_values(graph)
    assert identity.exact and identity.homes  # the demo county is there to be leaked
    records, _, _ = await graph.driver.execute_query(_IDS, township=helpers["township"])
    ids = {k: [v for v in records[0][k] if v] for k in KIND_KEYS.values()}
    leaks: list[str] = []
    answered = 0
    for root in walk.roots():
        for index in range(3):  # three ids per id argument: in and out of scope
            sel = walk.select(root, DEPTH, (), _ids_for(ids, index))
            if sel is None:
                break
            for piece in split(sel):
                data, _ = ask_pruned(client, piece)
                if data is not None:
                    answered += 1
                    leaks += list(identity.leaks(data, username))
            if not any(t.rstrip("!") == "ID" for t, _ in sel.args.values()):
                break
    assert answered > 10, "the walk asked too little to prove anything"
    assert not leaks, "\n".join(sorted(set(leaks))[:40])
