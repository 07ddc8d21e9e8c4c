"""为您推荐 through GraphQL: the fair allocation's share of a charity keeps to what it
declared (kinds, townships, budget, open adoptions), shows only open needs as anonymous
cards, and says why each was chosen."""

from __future__ import annotations

from graph.driver import Graph
from tests.api.market_support import new_charity, new_need
from tests.conftest import GraphQLClient

RECOMMENDED = """
{
  recommendedNeeds {
    need { id kind estimatedCost urgency status village { id } township { id } }
    reasons { code value }
  }
}
"""
KEYS = {"id", "kind", "estimatedCost", "urgency", "status", "village", "township"}


async def test_a_charity_is_recommended_open_needs_it_may_take_within_what_it_declared(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a charity serving education in one township, with room for three adoptions
    charity, _, village = await new_charity(
        gql, graph, kinds=["EDUCATION"], budget=20_000, max_open=3
    )
    villages = gql.as_user("coordinator").execute("{ regions(level: VILLAGE) { id parentId } }")
    township = next(v["parentId"] for v in villages["data"]["regions"] if v["id"] == village)
    for _ in range(4):
        new_need(gql, village, kind="EDUCATION", cost=4_000)
    # when
    body = charity.execute(RECOMMENDED)
    # then
    assert "errors" not in body, body["errors"]
    picks = body["data"]["recommendedNeeds"]
    assert 1 <= len(picks) <= 3
    assert sum(p["need"]["estimatedCost"] for p in picks) <= 20_000
    for pick in picks:
        need = pick["need"]
        assert set(need) == KEYS
        assert need["kind"] == "EDUCATION" and need["status"] == "OPEN"
        assert need["township"]["id"] == township
        codes = {r["code"] for r in pick["reasons"]}
        assert {"KIND_SERVED", "REGION_SERVED", "FITS_BUDGET"} <= codes, codes
