"""Helpers shared by the registry API tests: unique valid ID numbers, the demo users' areas,
ready-made inputs, and reading the graph to prove what a mutation did or did not write.

Every test shares one database with the 400-household demo county, so values are unique per
test and assertions compare before/after instead of assuming global counts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, LiteralString

from graph.driver import Graph
from server.registry.validation import id_check_char
from tests.conftest import GraphQLClient

# Beijing Dongcheng: a valid area code the demo county (Taiyuan codes) never uses.
TEST_AREA = "110101"
_rng = random.SystemRandom()
_issued: set[str] = set()  # the test session shares one database: never hand out one twice


def new_id_number(birth: str | None = None, *, male: bool = True) -> str:
    """A valid 18-character ID number nobody else in the database has; `birth` is
    YYYYMMDD, a random day in 1940-1999 when not given."""
    while True:
        day = birth or (date(1940, 1, 1) + timedelta(days=_rng.randrange(21_900))).strftime(
            "%Y%m%d"
        )
        sequence = f"{_rng.randrange(100):02d}{_rng.choice('13579' if male else '02468')}"
        first17 = TEST_AREA + day + sequence
        number = first17 + id_check_char(first17)
        if number not in _issued:
            _issued.add(number)
            return number


def with_wrong_check_digit(id_number: str) -> str:
    wrong = "0" if id_number[17] != "0" else "1"
    return id_number[:17] + wrong


def member(relation: str = "HEAD", **overrides: Any) -> dict[str, Any]:
    return {"name": "测试户主", "idNumber": new_id_number(), "relation": relation} | overrides


def household_input(village_id: str, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "villageId": village_id,
        "tier": "DIBAO",
        "dibaoClass": "B",
        "causes": ["ILLNESS"],
        "monthlyIncomePerPerson": 420.0,
        "lat": 37.9,
        "lon": 112.0,
        "address": "测试村 1 号",
        "phone": "13800138000",
        "members": [member()],
    }
    return values | overrides


CREATE_HOUSEHOLD = """
mutation ($input: CreateHouseholdInput!) {
  createHousehold(input: $input) {
    __typename
    ... on CreateHouseholdSuccess {
      household { id version size tier dibaoClass specialGroups needsSkills
                  village { id } identity { headName }
                  members { id relation identity { name idNumber } } }
    }
    ... on InvalidInput { message field code errors { field reason code } }
  }
}
"""


def create_household(client: GraphQLClient, village_id: str, **overrides: Any) -> dict[str, Any]:
    """Create a household through the API; its `household` payload."""
    body = client.execute(CREATE_HOUSEHOLD, {"input": household_input(village_id, **overrides)})
    result = body["data"]["createHousehold"]
    assert result["__typename"] == "CreateHouseholdSuccess", body
    household: dict[str, Any] = result["household"]
    return household


@dataclass(frozen=True)
class Area:
    """Where a demo user works: their townships, a village there, and one elsewhere."""

    township_id: str
    village_id: str
    other_village_id: str  # a village outside the user's townships


_AREA: LiteralString = """
MATCH (u:User {username: $username})
MATCH (s:Station)-[:SERVES]->(t:Region)
WHERE (u.scope_kind = 'STATION' AND s.id = u.scope_id)
   OR (u.scope_kind = 'SELF' AND EXISTS {
         MATCH (:SocialWorker {id: u.scope_id})-[:WORKS_AT]->(s) })
   OR (u.scope_kind = 'SELF' AND EXISTS {
         MATCH (:Volunteer {id: u.scope_id})-[:LIVES_IN]->(:Region)-[:PART_OF]->(t) })
MATCH (v:Region {level: 'VILLAGE'})-[:PART_OF]->(t)
MATCH (o:Region {level: 'VILLAGE'})-[:PART_OF]->(ot:Region) WHERE ot.id <> t.id
RETURN t.id AS township, min(v.id) AS village, min(o.id) AS other LIMIT 1
"""


async def area_of(graph: Graph, username: str) -> Area:
    records, _, _ = await graph.driver.execute_query(_AREA, username=username)
    r = records[0]
    return Area(township_id=r["township"], village_id=r["village"], other_village_id=r["other"])


async def scope_id_of(graph: Graph, username: str) -> str:
    records, _, _ = await graph.driver.execute_query(
        "MATCH (u:User {username: $u}) RETURN u.scope_id AS id", u=username
    )
    scope_id: str = records[0]["id"]
    return scope_id


async def single(graph: Graph, query: LiteralString, **params: Any) -> Any:
    records, _, _ = await graph.driver.execute_query(query, **params)
    return records[0][0] if records else None


async def node_props(graph: Graph, node_id: str) -> dict[str, Any] | None:
    """All properties of the node with this id, whatever its label."""
    records, _, _ = await graph.driver.execute_query(
        "MATCH (n {id: $id}) RETURN properties(n) AS p", id=node_id
    )
    return dict(records[0]["p"]) if records else None


_TOTALS: LiteralString = """
CALL () { MATCH (n:Household) RETURN count(n) AS households }
CALL () { MATCH (n:Person) RETURN count(n) AS people }
CALL () { MATCH (n:Need) RETURN count(n) AS needs }
CALL () { MATCH (n:Station) RETURN count(n) AS stations }
CALL () { MATCH (n:SocialWorker) RETURN count(n) AS workers }
CALL () { MATCH (n:Volunteer) RETURN count(n) AS volunteers }
CALL () { MATCH (n:Charity) RETURN count(n) AS charities }
CALL () { MATCH (n:Enterprise) RETURN count(n) AS enterprises }
CALL () { MATCH ()-[c:CONFLICTS_WITH]->() RETURN count(c) AS conflicts }
CALL () { MATCH (n:AuditEvent) RETURN count(n) AS audit_events }
RETURN households, people, needs, stations, workers, volunteers, charities, enterprises,
       conflicts, audit_events
"""


async def totals(graph: Graph) -> dict[str, int]:
    """How many of each registry thing the graph holds (and audit events)."""
    records, _, _ = await graph.driver.execute_query(_TOTALS)
    return dict(records[0])


_AUDIT: LiteralString = """
MATCH (a:AuditEvent {entity_id: $id})
RETURN a {.*} AS a ORDER BY a.at, a.id
"""


async def audit_events(graph: Graph, entity_id: str) -> list[dict[str, Any]]:
    records, _, _ = await graph.driver.execute_query(_AUDIT, id=entity_id)
    return [dict(r["a"]) for r in records]


async def audit_actions(graph: Graph, entity_id: str) -> list[str]:
    """The actions of the entity's audit entries, oldest first."""
    return [e["action"] for e in await audit_events(graph, entity_id)]


def forbidden(body: dict[str, Any]) -> bool:
    """The permission check refused the whole request."""
    return bool(body.get("errors")) and body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def created(
    client: GraphQLClient, document: str, values: dict[str, Any], *, mutation: str, field: str
) -> dict[str, Any]:
    """Run a create mutation that must succeed; the created entity's selected fields."""
    body = client.execute(document, {"input": values})
    result = body["data"][mutation]
    assert result["__typename"] == mutation[0].upper() + mutation[1:] + "Success", body
    entity: dict[str, Any] = result[field]
    return entity


def problems(result: dict[str, Any]) -> set[tuple[str, str]]:
    """(field, code) of every problem an InvalidInput lists."""
    return {(p["field"], p["code"]) for p in result["errors"]}
