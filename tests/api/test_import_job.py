"""CSV import through GraphQL multipart upload, run by the real arq worker as a job."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from typing import Any

import httpx

from graph.driver import Graph
from tests.conftest import GraphQLClient
from tests.support.import_files import csv_bytes, households_for_villages
from tests.support.jobs import wait_for_job

IMPORT = """
mutation ($file: Upload!) {
  importHouseholds(file: $file) {
    __typename
    ... on ImportHouseholdsSuccess { job { id status progress } }
    ... on UserError { message field code }
  }
}
"""
VILLAGES = "{ regions(level: VILLAGE) { id parentId } }"
STATION_TOWNSHIP = "{ stations(first: 1) { edges { node { township { id } } } } }"


def upload(client: GraphQLClient, data: bytes, filename: str) -> dict[str, Any]:
    operations = json.dumps({"query": IMPORT, "variables": {"file": None}})
    r = httpx.post(
        client.url,
        data={"operations": operations, "map": json.dumps({"0": ["variables.file"]})},
        files={"0": (filename, data, "text/csv")},
        # Uploads need the client header (no cross-site form posts).
        headers={"Authorization": f"Bearer {client.token}", "X-Bangfu-Client": "web"},
        timeout=60,
    )
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["importHouseholds"]
    return result


def station_villages(client: GraphQLClient) -> list[str]:
    township = client.execute(STATION_TOWNSHIP)["data"]["stations"]["edges"][0]["node"]["township"][
        "id"
    ]
    regions = client.execute(VILLAGES)["data"]["regions"]
    return [r["id"] for r in regions if r["parentId"] == township]


async def count_imported(graph: Graph, household_ids: list[str]) -> tuple[int, int]:
    records, _, _ = await graph.driver.execute_query(
        "UNWIND $ids AS id MATCH (h:Household {id: id}) "
        "OPTIONAL MATCH (p:Person)-[:MEMBER_OF]->(h) RETURN count(DISTINCT h) AS h, count(p) AS p",
        ids=household_ids,
    )
    return int(records[0]["h"]), int(records[0]["p"])


async def test_a_good_file_is_imported_by_the_worker_with_progress_and_twice_without_duplicates(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: 600 households with members, in the station manager's villages
    station = gql.as_user("station")
    households, people = households_for_villages(station_villages(station), households=600, seed=41)
    data = csv_bytes(households, people)

    # when
    started = upload(station, data, "households.csv")
    # then: the mutation returns a queued job at once, and the worker finishes it
    assert started["__typename"] == "ImportHouseholdsSuccess"
    assert started["job"]["status"] == "QUEUED"
    job, seen = wait_for_job(station, started["job"]["id"])
    assert job["status"] == "SUCCEEDED", job
    assert job["progress"] == 1.0 and job["attempts"] == 1
    # a code the page translates, with the count as a parameter
    assert job["message"] == "IMPORTED"
    assert {"name": "households", "value": "600"} in job["messageParams"]
    progress_values = [p for _, p in seen]
    assert progress_values == sorted(progress_values)  # progress only moves forward
    assert job["result"]["households"] == 600 and job["result"]["people"] == len(people)

    imported = await _imported_ids(graph, job)
    assert await count_imported(graph, imported) == (600, len(people))

    # when: the same file again
    again, _ = wait_for_job(station, upload(station, data, "households.csv")["job"]["id"])
    # then: nobody is duplicated
    assert again["status"] == "SUCCEEDED"
    assert await count_imported(graph, imported) == (600, len(people))
    records, _, _ = await graph.driver.execute_query(
        "UNWIND $numbers AS n MATCH (p:Person {id_number: n})-[:MEMBER_OF]->(h) "
        "RETURN count(p) AS people, count(DISTINCT h) AS households",
        numbers=[p.id_number for p in people],
    )
    assert (records[0]["people"], records[0]["households"]) == (len(people), 600)


async def test_a_file_written_in_part_is_completed_by_the_next_run_without_doubling(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: half of a file already imported (as when a job died half-way), one member of
    # its first household missing
    station = gql.as_user("station")
    households, people = households_for_villages(station_villages(station), households=80, seed=59)
    first_half = {h.id for h in households[:40]}
    joiner = next(p for p in people if p.household_id == households[0].id and p.relation != "HEAD")
    part = [p for p in people if p.household_id in first_half and p is not joiner]
    done, _ = wait_for_job(
        station, upload(station, csv_bytes(households[:40], part), "part.csv")["job"]["id"]
    )
    assert done["status"] == "SUCCEEDED", done

    # when: the whole file runs again
    job, _ = wait_for_job(
        station, upload(station, csv_bytes(households, people), "whole.csv")["job"]["id"]
    )

    # then: every household and member once, the missing member joined its household
    assert job["status"] == "SUCCEEDED", job
    imported = await _imported_ids(graph, job)
    assert await count_imported(graph, imported) == (80, len(people))
    records, _, _ = await graph.driver.execute_query(
        "UNWIND $numbers AS n MATCH (p:Person {id_number: n})-[:MEMBER_OF]->(h) "
        "RETURN count(p) AS people, count(DISTINCT h) AS households",
        numbers=[p.id_number for p in people],
    )
    assert (records[0]["people"], records[0]["households"]) == (len(people), 80)
    together, _, _ = await graph.driver.execute_query(
        "MATCH (p:Person {id_number: $n})-[:MEMBER_OF]->(h) RETURN h.import_ref AS ref",
        n=joiner.id_number,
    )
    assert [r["ref"] for r in together] == [households[0].id]


async def test_a_re_import_moving_a_member_to_another_household_is_refused(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a file imported once (the ID-number check is asked before the import knows
    # which households it re-imports; a member of the same household again is no error)
    station = gql.as_user("station")
    households, people = households_for_villages(station_villages(station), households=6, seed=61)
    done, _ = wait_for_job(
        station, upload(station, csv_bytes(households, people), "first.csv")["job"]["id"]
    )
    assert done["status"] == "SUCCEEDED", done
    mover = next(p for p in people if p.household_id == households[0].id and p.relation != "HEAD")
    moved = [replace(p, household_id=households[1].id) if p is mover else p for p in people]

    # when: the same households again, one member now listed in the second household
    job, _ = wait_for_job(
        station, upload(station, csv_bytes(households, moved), "moved.csv")["job"]["id"]
    )

    # then: refused on that member's row alone, naming the household the member is in
    assert job["status"] == "FAILED", job
    (error,) = job["result"]["errors"]
    assert (error["column"], error["code"]) == ("member_id_number", "DUPLICATE_ID_NUMBER")
    records, _, _ = await graph.driver.execute_query(
        "MATCH (p:Person {id_number: $n})-[:MEMBER_OF]->(h) RETURN h.import_ref AS ref",
        n=mover.id_number,
    )
    assert [r["ref"] for r in records] == [households[0].id]


async def _imported_ids(graph: Graph, job: dict[str, Any]) -> list[str]:
    records, _, _ = await graph.driver.execute_query(
        "MATCH (a:AuditEvent {action: 'IMPORT_HOUSEHOLDS', entity_id: $sha}) "
        "RETURN a.after AS after ORDER BY a.at LIMIT 1",
        sha=job["result"]["sha256"],
    )
    ids: list[str] = json.loads(records[0]["after"])["household_ids"]
    return ids


async def test_a_file_with_bad_rows_is_refused_whole_with_every_bad_row_listed(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a file of 20 households where three rows are broken in different ways
    admin = gql.as_user("admin")
    villages = station_villages(admin)
    households, people = households_for_villages(villages, households=20, seed=43)
    text = csv_bytes(households, people).decode("utf-8").splitlines()
    header = text[0].split(",")
    rows = [line.split(",") for line in text[1:]]
    col = {name: i for i, name in enumerate(header)}
    good_id = rows[2][col["member_id_number"]]
    wrong_check = "0" if good_id[-1] != "0" else "1"
    rows[2][col["member_id_number"]] = good_id[:-1] + wrong_check  # wrong check digit
    rows[5][col["monthly_income_per_person"]] = "-300"
    rows[8][col["lat"]] = "2.5"  # far outside China
    bad = "\n".join([",".join(header), *(",".join(r) for r in rows)]).encode("utf-8")

    # when
    job, _ = wait_for_job(admin, upload(admin, bad, "bad.csv")["job"]["id"])

    # then: refused, each bad line named with its column, nothing written
    assert job["status"] == "FAILED"
    errors = {(e["line"], e["column"]) for e in job["result"]["errors"]}
    assert (4, "member_id_number") in errors
    assert (7, "monthly_income_per_person") in errors
    assert (10, "lat") in errors

    # each with the parameters the page says it with; coordinates and ID numbers not echoed
    def said(line: int, column: str) -> list[dict[str, Any]]:
        return [
            e["params"]
            for e in job["result"]["errors"]
            if (e["line"], e["column"]) == (line, column)
        ]

    assert said(7, "monthly_income_per_person")
    assert all(p["value"] == "-300" for p in said(7, "monthly_income_per_person"))
    assert all("value" not in p for p in said(10, "lat") + said(4, "member_id_number"))
    assert job["result"]["accepted"] is False
    records, _, _ = await graph.driver.execute_query(
        "UNWIND $numbers AS n MATCH (p:Person {id_number: n}) RETURN count(p) AS n",
        numbers=[p.id_number for p in people],
    )
    assert records[0]["n"] == 0


async def test_villages_outside_the_importer_s_area_are_refused(gql: GraphQLClient) -> None:
    station = gql.as_user("station")
    admin = gql.as_user("admin")
    own = set(station_villages(station))
    other = [r["id"] for r in admin.execute(VILLAGES)["data"]["regions"] if r["id"] not in own]
    households, people = households_for_villages(other[:2], households=3, seed=47)
    job, _ = wait_for_job(
        station, upload(station, csv_bytes(households, people), "x.csv")["job"]["id"]
    )
    assert job["status"] == "FAILED"
    assert {e["code"] for e in job["result"]["errors"]} == {"UNKNOWN_REGION"}
    assert {e["params"]["value"] for e in job["result"]["errors"]} <= set(other[:2])


def test_a_gbk_file_as_excel_writes_it_is_accepted(gql: GraphQLClient) -> None:
    admin = gql.as_user("admin")
    households, people = households_for_villages(station_villages(admin), households=5, seed=53)
    data = csv_bytes(households, people, encoding="gbk")
    job, _ = wait_for_job(admin, upload(admin, data, f"{uuid.uuid4().hex}.csv")["job"]["id"])
    assert job["status"] == "SUCCEEDED", job
    assert job["result"]["encoding"].lower() in {"gbk", "gb18030"}


def test_an_empty_upload_is_a_typed_error(gql: GraphQLClient) -> None:
    result = upload(gql.as_user("admin"), b"", "empty.csv")
    assert result == {
        "__typename": "InvalidInput",
        "message": "the file is empty",
        "field": "file",
        "code": "EMPTY_FILE",
    }
