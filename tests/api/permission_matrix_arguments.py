"""One harmless argument set per root field for the permission matrix.

Each builder asks a `Pick` for the thing its scoped argument names: inside the caller's
area, or outside it in an outside cell (for an own-only role: another's record). Mutations
are refused before anything is written: a stale expectedVersion, an invalid value, an
unknown id; an outside cell that passes validation must then not find the thing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
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


ARGUMENTS: Mapping[str, Arguments] = {
    "me": _a(None, lambda p: {}),
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
            "date": "2000-01-03" if p.outside else "bad",
        },
    ),
    "replanWorkerDay": _a(
        "worker",
        lambda p: {
            "workerId": p.own("worker") if p.own_only else p.at("worker"),
            "date": "2000-01-03" if p.outside else "bad",
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
    # Exports: inside, a refused period or an unknown thing (no job); outside, NotFound.
    "exportHouseholds": _a(None, lambda p: {"filter": {"regionId": "region-none"}}),
    "exportCaseloadPlan": _a(
        "plan", lambda p: {"planId": p.at("plan") if p.outside else "plan-none"}
    ),
    "exportStationVisits": _a(
        "station",
        lambda p: {
            "stationId": p.at("station"),
            "since": "2026-01-01",
            "until": "2026-01-31" if p.outside else "2025-01-01",
        },
    ),
    "exportDashboard": _a(
        "township", lambda p: {"regionId": p.at("township") if p.outside else "region-none"}
    ),
    "networkGraph": _a("township", lambda p: {"filter": {"townshipId": p.at("township")}}),
    "networkGaps": _a("township", lambda p: {"townshipId": p.at("township"), "first": _page(p)}),
    # The needs marketplace (issue 10). Steps name an adoption that does not exist: refused
    # before anything is written.
    "marketNeeds": _a(
        "township",
        lambda p: {"first": _page(p), "filter": {"townshipId": p.at("township")}},
        "need",
    ),
    "marketVillages": _a("township", lambda p: {"filter": {"townshipId": p.at("township")}}),
    "adoptions": _a(None, lambda p: {"first": 3}),
    "adoption": _a(None, lambda p: {"id": "adoption-none"}),
    "myCapacity": _a(None, lambda p: {}),
    "fundsLedger": _a(None, lambda p: {"period": "YEAR"}),
    "recommendedNeeds": _a(None, lambda p: {}),
    "householdConsents": _a("household", lambda p: {"householdId": p.at("household")}),
    "claimNeed": _a(
        "need", lambda p: {"input": {"needId": p.at("need"), "expectedVersion": STALE}}
    ),
    **{
        name: _a(
            None, lambda p: {"input": {"adoptionId": "adoption-none", "expectedVersion": STALE}}
        )
        for name in ("releaseAdoption", "fulfilAdoption")
    },
    "recordDisbursement": _a(
        None,
        lambda p: {
            "input": {
                "adoptionId": "adoption-none",
                "expectedVersion": STALE,
                "amountYuan": 1,
                "disbursedOn": "2000-01-03",
                "channel": "CASH",
            }
        },
    ),
    "addAdoptionEvidence": _a(
        None, lambda p: {"adoptionId": "adoption-none", "kind": "RECEIPT", "file": None}
    ),
    "cancelAdoption": _a(
        None,
        lambda p: {
            "input": {"adoptionId": "adoption-none", "expectedVersion": STALE, "reason": "矩阵"}
        },
    ),
    "requestAdoptionTransfer": _a(
        None,
        lambda p: {
            "input": {
                "adoptionId": "adoption-none",
                "expectedVersion": STALE,
                "toOrganisationId": "org-none",
            }
        },
    ),
    "decideAdoptionTransfer": _a(
        None,
        lambda p: {
            "input": {"adoptionId": "adoption-none", "expectedVersion": STALE, "accept": False}
        },
    ),
    "setOrganisationCapacity": _a(
        "charity",
        lambda p: {
            "input": {
                "organisationId": p.own("charity"),
                "expectedVersion": STALE,
                "budgetYuan": 1000,
                "period": "YEAR",
                "kinds": ["MEDICAL"],
                "maxOpenAdoptions": 1,
            }
        },
    ),
    "recordConsent": _a(
        "household",
        lambda p: {
            "input": {
                "householdId": p.at("household"),
                # Inside: refused for the missing name; outside: must not find the household.
                "givenBy": "户主本人" if p.outside else "",
                "fields": ["CONTACT_PHONE"],
                "expiresOn": (datetime.now(UTC) + timedelta(days=30)).date().isoformat(),
            }
        },
    ),
    "withdrawConsent": _a(
        None, lambda p: {"input": {"consentId": "consent-none", "expectedVersion": STALE}}
    ),
    "revealAdoptionContact": _a(None, lambda p: {"adoptionId": "adoption-none"}),
    # Volunteering (issue 10): inside, refused for the input (or a stale version); outside,
    # valid input that must not find the thing.
    "myVolunteerProfile": _a(None, lambda p: {}),
    "careTasksForMe": _a(None, lambda p: {}),
    "householdCareTasks": _a("household", lambda p: {"householdId": p.at("household")}),
    "myGridReports": _a(None, lambda p: {}),
    "gridReports": _a(None, lambda p: {}),
    "setVolunteerAvailability": _a(
        "volunteer",
        lambda p: {
            "volunteerId": p.own("volunteer") if p.own_only else p.at("volunteer"),
            "expectedVersion": STALE,
            "weekdays": [1],
            "windows": [],
            "radiusKm": 5.0 if p.outside else -1.0,
        },
    ),
    "createCareTask": _a(
        "household",
        lambda p: {
            "input": {
                "householdId": p.at("household"),
                "kind": "ERRAND",
                "what": "权限矩阵测试",
                # The household is looked up first: outside, it is not found.
                "dueOn": "bad-day",
            }
        },
    ),
    "takeCareTask": _a(
        "care_task", lambda p: {"taskId": p.at("care_task"), "expectedVersion": STALE}
    ),
    "releaseCareTask": _a(
        "care_task", lambda p: {"taskId": p.at("care_task"), "expectedVersion": STALE}
    ),
    "recordCareTask": _a(
        "care_task",
        lambda p: {
            "input": {
                "taskId": p.at("care_task"),
                "expectedVersion": STALE,
                "note": "权限矩阵测试",
                "minutes": 30 if p.outside else 0,
                "doneOn": "2000-01-03",
            }
        },
    ),
    "cancelCareTask": _a(
        "care_task",
        lambda p: {"taskId": p.at("care_task"), "expectedVersion": STALE, "reason": _why(p)},
    ),
    "submitGridReport": _a(
        "village",
        lambda p: {
            "input": {
                "villageId": p.at("village"),
                "kind": "NEED",
                "needKind": "DAILY_CARE",
                "description": "权限矩阵测试" if p.outside else "",
            }
        },
    ),
    "confirmGridReport": _a(
        "grid_report",
        lambda p: {
            "input": {
                "reportId": p.at("grid_report"),
                "expectedVersion": STALE,
                "householdId": p.near("household"),
            }
        },
    ),
    "dismissGridReport": _a(
        "grid_report",
        lambda p: {"reportId": p.at("grid_report"), "expectedVersion": STALE, "reason": _why(p)},
    ),
    # Jobs and training places (issue 10, item 6).
    "jobPostings": _a(None, lambda p: {}),
    "jobProposals": _a("job_posting", lambda p: {"postingId": p.at("job_posting")}),
    "createJobPosting": _a(
        "village",
        lambda p: {
            "input": {
                "kind": "JOB",
                "title": "权限矩阵测试" if p.outside else "",
                "placeId": p.at("village"),
                "hours": "8:00-17:00",
                "pay": 3000,
            }
        },
    ),
    "closeJobPosting": _a(
        "job_posting", lambda p: {"postingId": p.at("job_posting"), "expectedVersion": STALE}
    ),
    # Inside: a posting that does not exist (a real run would write proposals).
    "proposeJobCandidates": _a(
        "job_posting",
        lambda p: {"postingId": p.at("job_posting") if p.outside else "jp-none"},
    ),
    "recordJobConsent": _a(
        "job_proposal",
        lambda p: {"proposalId": p.at("job_proposal"), "expectedVersion": STALE, "consented": True},
    ),
    "recordJobOutcome": _a(
        "job_proposal",
        lambda p: {
            "proposalId": p.at("job_proposal"),
            "expectedVersion": STALE,
            "outcome": "HIRED",
        },
    ),
    # case work (issue 13)
    "householdReferrals": _a("household", lambda p: {"householdId": p.at("household")}),
    "stationReferrals": _a("station", lambda p: {"stationId": p.at("station")}),
    # Inside: not in a transition (refused, nothing written); outside: not found.
    "reopenSupport": _a(
        "household", lambda p: {"householdId": p.at("household"), "expectedVersion": STALE}
    ),
    "createReferral": _a(
        "household",
        lambda p: {
            "input": {
                "householdId": p.at("household"),
                "targetKind": "DEPARTMENT",
                "department": "EDUCATION",
                "request": "矩阵测试" if p.outside else "",
                "days": 10,
            }
        },
    ),
    "intakes": _a(None, lambda p: {"mine": True}),
    # Inside: a summary too short (refused before any write); outside: the township not found.
    "recordIntake": _a(
        "township",
        lambda p: {
            "input": {
                "channel": "HOTLINE",
                "townshipId": p.at("township"),
                "summary": "矩阵测试" if p.outside else "",
            }
        },
    ),
    "handOverIntake": _a(
        "intake",
        lambda p: {
            "intakeId": p.at("intake") if p.outside else "intake-none",
            "expectedVersion": STALE,
            "toUserId": "user-none",
        },
    ),
    "closeIntake": _a(
        "intake",
        lambda p: {
            "intakeId": p.at("intake") if p.outside else "intake-none",
            "expectedVersion": STALE,
            "outcome": "ANSWERED",
            "note": "矩阵测试",
        },
    ),
    "householdAssistance": _a("household", lambda p: {"householdId": p.at("household")}),
    # Inside: no reason (refused before any write); outside: the household not found.
    "requestTemporaryAssistance": _a(
        "household",
        lambda p: {"householdId": p.at("household"), "amountYuan": 500, "reason": _why(p)},
    ),
    "decideTemporaryAssistance": _a(
        "assistance",
        lambda p: {
            "assistanceId": p.at("assistance") if p.outside else "assist-none",
            "expectedVersion": STALE,
            "approve": True,
        },
    ),
    "answerReferral": _a(
        "referral",
        lambda p: {
            "referralId": p.at("referral") if p.outside else "ref-none",
            "expectedVersion": STALE,
            "answer": "ACCEPT",
        },
    ),
}
