"""Permission-matrix argument sets of the marketplace (issue 10), the coordinator's county
(issue 11) and case work (issue 13): the same rules as `permission_matrix_arguments`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from tests.api.permission_matrix_builders import (
    STALE,
    Arguments,
    _a,
    _page,
    _why,
)

FEATURE_ARGUMENTS: Mapping[str, Arguments] = {
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
    "exportGaps": _a(
        "township", lambda p: {"townshipId": p.at("township") if p.outside else "region-none"}
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
    "revealCandidateContact": _a(None, lambda p: {"proposalId": "proposal-none"}),
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
    # case conferences (issue 13, item 4). Inside: a topic too short (refused before any
    # write); outside: well-formed, the household not found. Moves name no conference inside.
    "householdConferences": _a("household", lambda p: {"householdId": p.at("household")}),
    "conferenceDecisions": _a(None, lambda p: {"mine": True}),
    "conveneConference": _a(
        "household",
        lambda p: {
            "input": {
                "householdId": p.at("household"),
                "heldOn": (datetime.now(UTC) + timedelta(days=2)).date().isoformat(),
                "topic": "矩阵测试" if p.outside else "",
                "participants": [
                    {"name": "王站长", "agencyKind": "STATION", "agencyName": "社工站"},
                    {"name": "李科长", "agencyKind": "DEPARTMENT", "agencyName": "县医保局"},
                ],
            }
        },
    ),
    "recordConference": _a(
        "conference",
        lambda p: {
            "conferenceId": p.at("conference") if p.outside else "conf-none",
            "expectedVersion": STALE,
            "notes": "矩阵测试",
            "decisions": [
                {
                    "what": "矩阵测试",
                    "ownerName": "李科长",
                    "dueOn": (datetime.now(UTC) + timedelta(days=9)).date().isoformat(),
                }
            ],
        },
    ),
    "closeConference": _a(
        "conference",
        lambda p: {
            "conferenceId": p.at("conference") if p.outside else "conf-none",
            "expectedVersion": STALE,
            "note": "矩阵测试",
        },
    ),
    "completeConferenceDecision": _a(
        "decision",
        lambda p: {
            "decisionId": p.at("decision") if p.outside else "decision-none",
            "expectedVersion": STALE,
            "note": "矩阵测试",
        },
    ),
}
