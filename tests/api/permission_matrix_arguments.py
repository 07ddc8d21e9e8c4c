"""One harmless argument set per root field for the permission matrix.

Each builder asks a `Pick` for the thing its scoped argument names: inside the caller's
area, or outside it in an outside cell (for an own-only role: another's record). Mutations
are refused before anything is written: a stale expectedVersion, an invalid value, an
unknown id; an outside cell that passes validation must then not find the thing. The
fields of the marketplace, the coordinator's county and case work have their rows in
`permission_matrix_feature_arguments`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from tests.api.permission_matrix_builders import (
    _VISIT,
    _VISIT_OUTSIDE,
    STALE,
    TOO_LONG,
    Arguments,
    Pick,
    _a,
    _helper,
    _household_input,
    _in_region,
    _page,
    _upload,
    _why,
)
from tests.api.permission_matrix_feature_arguments import FEATURE_ARGUMENTS

__all__ = ["ARGUMENTS", "Pick"]

ARGUMENTS: Mapping[str, Arguments] = {
    "me": _a(None, lambda p: {}),
    "today": _a(None, lambda p: {}),
    "timeZone": _a(None, lambda p: {}),
    "job": _a("job", lambda p: {"id": p.at("job")}),
    "households": _a("township", _in_region, "household"),
    "household": _a("household", lambda p: {"id": p.at("household")}),
    "socialWorkers": _a(
        "station", lambda p: {"first": _page(p), "filter": {"stationId": p.at("station")}}, "worker"
    ),
    "socialWorker": _a("worker", lambda p: {"id": p.at("worker")}),
    "stations": _a(None, lambda p: {"first": 3}),
    "station": _a("station", lambda p: {"id": p.at("station")}),
    "regions": _a(None, lambda p: {}),
    "volunteers": _a("township", _in_region, "volunteer"),
    "volunteer": _a("volunteer", lambda p: {"id": p.at("volunteer")}),
    "charities": _a("township", _in_region, "charity"),
    "charity": _a("charity", lambda p: {"id": p.at("charity")}),
    "enterprises": _a("township", _in_region, "enterprise"),
    "enterprise": _a("enterprise", lambda p: {"id": p.at("enterprise")}),
    "needs": _a("township", _in_region, "need"),
    "need": _a("need", lambda p: {"id": p.at("need")}),
    "conflictsOfInterest": _a("household", lambda p: {"householdId": p.at("household")}),
    "caseloadPlans": _a("station", lambda p: {"first": _page(p), "scopeId": p.at("station")}),
    # Inside: an unknown plan, as re-solving a real one takes seconds.
    "caseloadPlanReproduction": _a(
        "plan", lambda p: {"id": p.at("plan") if p.outside else "plan-none"}
    ),
    "caseloadPlan": _a("plan", lambda p: {"id": p.at("plan")}),
    "alerts": _a("township", _in_region, "alert"),
    "alert": _a("alert", lambda p: {"id": p.at("alert")}),
    "round": _a(None, lambda p: {"id": "round-none"}),
    "stationRounds": _a(
        "station", lambda p: {"stationId": p.at("station"), "date": "2000-01-03"}, "round"
    ),
    "householdAlerts": _a("household", lambda p: {"householdId": p.at("household")}),
    "householdEvents": _a("household", lambda p: {"householdId": p.at("household")}),
    "overdue": _a("station", lambda p: {"scope": {"stationId": p.at("station")}}),
    "match": _a("match", lambda p: {"id": p.at("match")}),
    "matches": _a(
        "household", lambda p: {"first": _page(p), "filter": {"householdId": p.at("household")}}
    ),
    "householdTimeline": _a("household", lambda p: {"householdId": p.at("household")}),
    "householdStatement": _a("household", lambda p: {"householdId": p.at("household")}),
    "stalePairings": _a("station", lambda p: {"stationId": p.at("station"), "first": _page(p)}),
    "auditEvents": _a(None, lambda p: {"first": 1}),
    "notifications": _a(None, lambda p: {"first": 1}),
    "dashboard": _a("township", lambda p: {"regionId": p.at("township")}),
    # Mutations: refused before any write, whoever calls.
    "login": _a(None, lambda p: {"username": "no-such-user", "password": "wrong"}),
    "logout": _a(None, lambda p: {}),
    "revokeUserSessions": _a(None, lambda p: {"userId": "user-none"}),
    "seedDemoCounty": _a(None, lambda p: {"households": 0}),
    "requestCaseloadPlan": _a(
        "station",
        lambda p: {
            "input": {
                "scopeKind": "STATION",
                "scopeId": p.at("station"),
                "whatIf": {"capFactor": -1.0},
            }
        },
    ),
    "approveCaseloadPlan": _a("plan", lambda p: {"planId": p.at("plan"), "expectedVersion": STALE}),
    "rejectCaseloadPlan": _a(
        "plan", lambda p: {"planId": p.at("plan"), "expectedVersion": STALE, "reason": _why(p)}
    ),
    "reassignHousehold": _a(
        "household",
        lambda p: {
            "householdId": p.at("household"),
            "workerId": p.near("worker"),
            # Inside: refused for the missing reason; outside: must not find the household.
            "reason": "权限矩阵测试" if p.outside else "",
        },
    ),
    "importHouseholds": _a(None, _upload),
    "createHousehold": _a("village", lambda p: {"input": _household_input(p)}),
    "updateHousehold": _a(
        "household", lambda p: {"input": {"id": p.at("household"), "expectedVersion": STALE}}
    ),
    "addHouseholdMember": _a(
        "household",
        lambda p: {
            "input": {
                "householdId": p.at("household"),
                "expectedVersion": STALE,
                "member": {"name": "", "idNumber": "1", "relation": "CHILD"},
            }
        },
    ),
    "updatePerson": _a(
        "person", lambda p: {"input": {"id": p.at("person"), "expectedVersion": STALE}}
    ),
    "removeHouseholdMember": _a(
        "person", lambda p: {"input": {"id": p.at("person"), "expectedVersion": STALE}}
    ),
    "createNeed": _a(
        "household",
        lambda p: {
            "input": {
                "householdId": p.at("household"),
                "kind": "EDUCATION",
                "description": "",
                "estimatedCost": -1,
                "urgency": "LOW",
            }
        },
    ),
    "updateNeed": _a("need", lambda p: {"input": {"id": p.at("need"), "expectedVersion": STALE}}),
    "createStation": _a(
        "township",
        lambda p: {"input": {"name": "", "townshipId": p.at("township"), "lat": 999.0, "lon": 0.0}},
    ),
    "updateStation": _a(
        "station", lambda p: {"input": {"id": p.at("station"), "expectedVersion": STALE}}
    ),
    "createSocialWorker": _a(
        "station",
        lambda p: {
            "input": {
                "stationId": p.at("station"),
                "name": "",
                "sex": "M",
                "homeLat": 999.0,
                "homeLon": 0.0,
                "caseloadLimit": -1,
                "travelMode": "WALK",
            }
        },
    ),
    "updateSocialWorker": _a(
        "worker", lambda p: {"input": {"id": p.at("worker"), "expectedVersion": STALE}}
    ),
    "createVolunteer": _a(
        "village",
        lambda p: {
            "input": {
                "villageId": p.at("village"),
                "name": "",
                "sex": "F",
                "kind": "VILLAGE_CADRE",
                "lat": 999.0,
                "lon": 0.0,
            }
        },
    ),
    "updateVolunteer": _a(
        "volunteer", lambda p: {"input": {"id": p.at("volunteer"), "expectedVersion": STALE}}
    ),
    "createCharity": _a(
        "township",
        lambda p: {
            "input": {
                "name": "",
                "focusKinds": [],
                "budgetYuan": -1,
                "regionIds": [p.at("township")],
            }
        },
    ),
    "updateCharity": _a(
        "charity", lambda p: {"input": {"id": p.own("charity"), "expectedVersion": STALE}}
    ),
    "createEnterprise": _a(
        "township",
        lambda p: {
            "input": {
                "name": "",
                "sectors": [],
                "jobsOffered": -1,
                "regionIds": [p.at("township")],
            }
        },
    ),
    "updateEnterprise": _a(
        "enterprise",
        lambda p: {"input": {"id": p.own("enterprise"), "expectedVersion": STALE}},
    ),
    "declareConflict": _a(
        "household",
        lambda p: {
            "input": {
                "helperId": _helper(p),
                "householdId": p.at("household"),
                "reason": "DECLARED",
                # Inside: refused for the note; outside: must not find the household.
                "note": "权限矩阵测试" if p.outside else TOO_LONG,
            }
        },
    ),
    "removeConflict": _a(
        "household",
        lambda p: {"input": {"helperId": "worker-none", "householdId": p.at("household")}},
    ),
    "recordIndicatorEvent": _a(
        "household",
        lambda p: {
            "input": {
                "householdId": p.at("household"),
                "kind": "HOSPITALISATION",
                # Inside: refused for the impossible day; outside: must not find it.
                "occurredOn": "2026-01-05" if p.outside else "2026-02-30",
            }
        },
    ),
    "importIndicatorEvents": _a(None, _upload),
    "rescoreHouseholds": _a(
        None, lambda p: {"scope": {"stationId": p.near("station"), "regionId": p.near("village")}}
    ),
    # A pass as of 2000: nothing was overdue then, so nothing is recorded.
    "runEscalation": _a(
        None, lambda p: {"now": "2000-01-01T00:00:00Z", "regionId": p.near("township")}
    ),
    "recordVisit": _a(
        "match",
        lambda p: {
            "input": {
                "matchId": p.at("match"),
                "outcome": "STABLE",
                "expectedVersion": STALE,
                **(_VISIT_OUTSIDE if p.outside else _VISIT),
            }
        },
    ),
    # Rounds: a date that is not a date, a week that does not start on a Monday, a window
    # that is not a window: refused before anything is planned or written. Outside cells
    # send valid values, so that the answer is about the thing outside, not the input.
    "planWorkerDay": _a(
        "worker",
        lambda p: {
            "workerId": p.own("worker") if p.own_only else p.at("worker"),
            # Outside: a day to come (a past day is refused before the worker is looked up).
            "date": (datetime.now(UTC) + timedelta(days=2)).date().isoformat()
            if p.outside
            else "bad",
        },
    ),
    "replanWorkerDay": _a(
        "worker",
        lambda p: {
            "workerId": p.own("worker") if p.own_only else p.at("worker"),
            # Outside: a day to come (a past day is refused before the worker is looked up).
            "date": (datetime.now(UTC) + timedelta(days=2)).date().isoformat()
            if p.outside
            else "bad",
        },
    ),
    "requestStationWeekRounds": _a(
        "station", lambda p: {"stationId": p.at("station"), "weekStart": "2000-01-04"}
    ),
    "setHouseholdAvailability": _a(
        "household",
        lambda p: {
            "householdId": p.at("household"),
            "windows": ["09:00-11:00" if p.outside else "25:00-26:00"],
            "unavailableWeekdays": [],
        },
    ),
    "acceptMatch": _a("match", lambda p: {"matchId": p.at("match"), "expectedVersion": STALE}),
    "rejectMatch": _a(
        "match", lambda p: {"matchId": p.at("match"), "expectedVersion": STALE, "reason": _why(p)}
    ),
    "closeMatch": _a(
        "match",
        lambda p: {"matchId": p.at("match"), "expectedVersion": STALE, "outcome": "STABLE"},
    ),
    "remindWorker": _a("match", lambda p: {"matchId": p.at("match") if p.outside else "m-none"}),
    "markNotificationRead": _a(
        "notification", lambda p: {"id": p.at("notification") if p.outside else "n-none"}
    ),
    **FEATURE_ARGUMENTS,
}
