"""Who may call each root query and mutation, and what it answers outside the caller's area.

The one table: the permission layer (`server.graphql.permissions.access`) reads its roles,
the permission matrix test (tests/api/test_permission_matrix.py) runs every cell of it over
HTTP, and docs/security.md is generated from it (`bangfu security-doc`). A root field without
a row here fails the schema build. Scope itself is enforced in Cypher (graph.scope); a row
declares which rule the field follows so the test can prove it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Final

from server.roles import IDENTITY_ROLES, Role


class Reach(Enum):
    """Which part of the data a field works on for an allowed caller."""

    PUBLIC = "public"  # no sign-in (login)
    NONE = "none"  # the same answer for every allowed caller (regions, the audit log)
    AREA = "area"  # the caller's area: county, a station's townships, an organisation's regions
    OWN = "own"  # only the caller's own things (its notifications, its jobs)


class Outside(Enum):
    """What a field answers when its scoped argument names something outside the caller's
    area; every one of them reveals nothing about the other area."""

    NULL = "null"
    EMPTY = "an empty list"
    NARROWED = "only what also lies in the caller's area"  # organisations working county-wide
    NOT_FOUND = "NotFound"
    INVALID = "InvalidInput on that argument"
    FORBIDDEN = "a FORBIDDEN error"


@dataclass(frozen=True, slots=True)
class FieldAccess:
    roles: frozenset[Role]
    reach: Reach
    summary: str
    # The argument (dotted path) that names something in an area, and what it answers when
    # that thing lies outside the caller's area; None for fields without such an argument.
    argument: str | None = None
    outside: Outside | None = None
    # Of `roles`, those that act only on their own record; another's answers FORBIDDEN.
    own_only: frozenset[Role] = frozenset()


def roles(*given: Role) -> frozenset[Role]:
    return frozenset(given)


A, C, SM, SW = Role.ADMIN, Role.COORDINATOR, Role.STATION_MANAGER, Role.SOCIAL_WORKER
CH, EN, VO, AU = Role.CHARITY, Role.ENTERPRISE, Role.VOLUNTEER, Role.AUDITOR

EVERYONE: Final = frozenset(Role)
COUNTY: Final = roles(A, C)
EDITORS: Final = roles(A, C, SM)  # edit the registry within their area
# A household's fields, members and needs are also its worker's. Recording an event names
# the household by a member's ID number, which reveals it: only roles that see identity.
CASE_WORKERS: Final = roles(A, C, SM, SW)
# Matches (who follows whom), plans, alerts and health events: the roles that act on
# households, and auditors; the identity roles.
CASE_READERS: Final = IDENTITY_ROLES  # ADMIN, COORDINATOR, STATION_MANAGER, SOCIAL_WORKER, AUDITOR
# Charities and enterprises see needs (anonymised, on the needs board), never households.
HOUSEHOLD_READERS: Final = CASE_READERS | {VO}
# The support network and its gaps: who follows whom across a county or a station's area.
NETWORK_READERS: Final = roles(A, C, SM, AU)
ORGANISATIONS: Final = roles(CH, EN)
# Adoptions: the organisations (their own), and the roles that act on and audit the area.
ADOPTION_READERS: Final = CASE_READERS | ORGANISATIONS

# How far "area" reaches for each role (docs/security.md shows this with the table).
AREA_OF: Final[Mapping[Role, str]] = {
    A: "the whole database (or its county, when it has one)",
    C: "its county",
    AU: "its county, read only",
    SM: "the townships its station serves",
    SW: "the townships its station serves",
    VO: "the township it lives in",
    CH: "the townships and counties it works in, as the county set them",
    EN: "the townships and counties it works in, as the county set them",
}

F = FieldAccess  # short names keep the table one row per field
AR, NO, OWN = Reach.AREA, Reach.NONE, Reach.OWN
NULL, EMPTY, NARROW, NF, INV = (
    Outside.NULL,
    Outside.EMPTY,
    Outside.NARROWED,
    Outside.NOT_FOUND,
    Outside.INVALID,
)

QUERIES: Final[Mapping[str, FieldAccess]] = {
    "me": F(EVERYONE, OWN, "the signed-in user"),
    "today": F(EVERYONE, NO, "the service's date (China's day), which pages count from"),
    "timeZone": F(EVERYONE, NO, "the zone the service counts days in (Asia/Shanghai)"),
    "job": F(EVERYONE, OWN, "a job it started (admin: any)", "id", NULL),
    "households": F(HOUSEHOLD_READERS, AR, "households, filtered", "filter.regionId", EMPTY),
    "household": F(HOUSEHOLD_READERS, AR, "one household", "id", NULL),
    "socialWorkers": F(EVERYONE, AR, "social workers", "filter.stationId", EMPTY),
    "socialWorker": F(EVERYONE, AR, "one social worker", "id", NULL),
    "stations": F(EVERYONE, AR, "social work stations"),
    "station": F(EVERYONE, AR, "one station", "id", NULL),
    "regions": F(EVERYONE, NO, "the region tree (county, townships, villages)"),
    "volunteers": F(EVERYONE, AR, "volunteers", "filter.regionId", EMPTY),
    "volunteer": F(EVERYONE, AR, "one volunteer", "id", NULL),
    "charities": F(EVERYONE, AR, "charities", "filter.regionId", NARROW),
    "charity": F(EVERYONE, AR, "one charity", "id", NULL),
    "enterprises": F(EVERYONE, AR, "enterprises", "filter.regionId", NARROW),
    "enterprise": F(EVERYONE, AR, "one enterprise", "id", NULL),
    "needs": F(EVERYONE, AR, "the needs board (anonymous)", "filter.regionId", EMPTY),
    "need": F(EVERYONE, AR, "one need (anonymous)", "id", NULL),
    "conflictsOfInterest": F(
        CASE_READERS, AR, "declared conflicts about a household", "householdId", EMPTY
    ),
    "caseloadPlans": F(CASE_READERS, AR, "caseload plans", "scopeId", EMPTY),
    "caseloadPlanReproduction": F(roles(A, C, AU), AR, "re-solve a plan and compare", "id", NULL),
    "caseloadPlan": F(CASE_READERS, AR, "one caseload plan", "id", NULL),
    "alerts": F(CASE_READERS, AR, "early-warning alerts", "filter.regionId", EMPTY),
    "alert": F(CASE_READERS, AR, "one alert", "id", NULL),
    "round": F(CASE_WORKERS, AR, "one planned visit round", "id", NULL),
    "stationRounds": F(CASE_WORKERS, AR, "a station's rounds on one day", "stationId", EMPTY),
    "householdAlerts": F(CASE_READERS, AR, "a household's alerts", "householdId", EMPTY),
    "householdEvents": F(CASE_READERS, AR, "a household's indicator events", "householdId", EMPTY),
    "overdue": F(CASE_READERS, AR, "overdue alerts and follow-ups", "scope.stationId", EMPTY),
    "match": F(CASE_READERS, AR, "one match", "id", NULL),
    "matches": F(CASE_READERS, AR, "matches", "filter.householdId", EMPTY),
    "householdTimeline": F(CASE_READERS, AR, "a household's timeline", "householdId", NULL),
    "householdStatement": F(
        CASE_READERS, AR, "a household's statement of help", "householdId", NULL
    ),
    "stalePairings": F(roles(A, C, SM, AU), AR, "stale pairings", "stationId", EMPTY),
    "auditEvents": F(roles(A, AU), NO, "the audit log"),
    "notifications": F(EVERYONE, OWN, "its notifications"),
    # The coordinator's county (issue 11): counts only, within the caller's area.
    "dashboard": F(roles(A, C, SM, AU), AR, "a region's dashboard figures", "regionId", NULL),
    # The coordinator's county (issue 11): names of households and helpers, so identity roles
    # only; workers see their own station's pages instead.
    "networkGraph": F(NETWORK_READERS, AR, "the support network", "filter.townshipId", EMPTY),
    "networkGaps": F(NETWORK_READERS, AR, "gap analysis of the network", "townshipId", EMPTY),
    # The needs marketplace (issue 10): anonymous cards for everyone; adoptions are an
    # organisation's own, and the area's for the casework roles and auditors.
    "marketNeeds": F(EVERYONE, AR, "the needs board, filtered", "filter.townshipId", EMPTY),
    "marketVillages": F(EVERYONE, AR, "open needs per village", "filter.townshipId", EMPTY),
    "adoptions": F(ADOPTION_READERS, AR, "adoptions (organisations: their own)"),
    "adoption": F(ADOPTION_READERS, AR, "one adoption", "id", NULL),
    "myCapacity": F(ORGANISATIONS, OWN, "its organisation's capacity and use"),
    "fundsLedger": F(ADOPTION_READERS, AR, "the funds ledger (organisations: their own)"),
    "recommendedNeeds": F(ORGANISATIONS, OWN, "needs the fair allocation gives it"),
    # Volunteering (issue 10, items 7 and 9): a volunteer reads tasks at village level only.
    "myVolunteerProfile": F(roles(VO), OWN, "the signed-in volunteer's record"),
    "careTasksForMe": F(roles(VO), OWN, "care tasks that fit the volunteer (village level)"),
    "householdCareTasks": F(CASE_READERS, AR, "a household's care tasks", "householdId", EMPTY),
    "myGridReports": F(roles(VO), OWN, "the volunteer's grid reports"),
    "gridReports": F(CASE_READERS, AR, "the station's queue of grid reports"),
    # Jobs and training places (issue 10, item 6): anonymous proposals for the enterprise.
    "jobPostings": F(CASE_READERS | {EN}, AR, "job postings (an enterprise: its own)"),
    "jobProposals": F(
        CASE_READERS | {EN}, AR, "a posting's proposals (anonymous)", "postingId", EMPTY
    ),
    # case work (issue 13)
    "householdReferrals": F(CASE_READERS, AR, "a household's referrals", "householdId", EMPTY),
    "stationReferrals": F(CASE_READERS, AR, "a station's referral lists", "stationId", EMPTY),
    "intakes": F(CASE_WORKERS, AR, "first-responder intakes in its area"),
    "householdAssistance": F(
        CASE_READERS, AR, "a household's temporary assistance", "householdId", EMPTY
    ),
    "householdConferences": F(
        CASE_READERS, AR, "a household's case conferences", "householdId", EMPTY
    ),
    "conferenceDecisions": F(CASE_WORKERS, AR, "conference decisions to follow up"),
    "householdConsents": F(
        CASE_READERS, AR, "a household's consents to share contact details", "householdId", EMPTY
    ),
}

MUTATIONS: Final[Mapping[str, FieldAccess]] = {
    "login": F(frozenset(), Reach.PUBLIC, "sign in"),
    "seedDemoCounty": F(roles(A), NO, "load the demo county into an empty graph"),
    "requestCaseloadPlan": F(EDITORS, AR, "compute a caseload plan", "input.scopeId", NF),
    "approveCaseloadPlan": F(EDITORS, AR, "approve a caseload plan", "planId", NF),
    "rejectCaseloadPlan": F(EDITORS, AR, "reject a caseload plan", "planId", NF),
    "reassignHousehold": F(EDITORS, AR, "assign a worker by hand", "householdId", NF),
    "importHouseholds": F(EDITORS, AR, "import households from CSV (rows outside: errors)"),
    "createHousehold": F(EDITORS, AR, "register a household", "input.villageId", INV),
    "updateHousehold": F(CASE_WORKERS, AR, "change a household", "input.id", NF),
    "addHouseholdMember": F(CASE_WORKERS, AR, "add a member", "input.householdId", NF),
    "updatePerson": F(CASE_WORKERS, AR, "change a member", "input.id", NF),
    "removeHouseholdMember": F(CASE_WORKERS, AR, "remove a member", "input.id", NF),
    "createNeed": F(CASE_WORKERS, AR, "record a need", "input.householdId", NF),
    "updateNeed": F(CASE_WORKERS, AR, "change a need", "input.id", NF),
    "createStation": F(COUNTY, AR, "open a station", "input.townshipId", INV),
    "updateStation": F(EDITORS, AR, "change a station", "input.id", NF),
    "createSocialWorker": F(EDITORS, AR, "register a worker", "input.stationId", INV),
    "updateSocialWorker": F(EDITORS, AR, "change a worker", "input.id", NF),
    "createVolunteer": F(EDITORS, AR, "register a volunteer", "input.villageId", INV),
    "updateVolunteer": F(EDITORS, AR, "change a volunteer", "input.id", NF),
    # Organisations belong to the county and to themselves (issue 8, finding 5); an
    # organisation edits its own record but not its regions.
    "createCharity": F(COUNTY, AR, "register a charity", "input.regionIds", INV),
    "updateCharity": F(COUNTY | {CH}, AR, "change a charity", "input.id", NF, roles(CH)),
    "createEnterprise": F(COUNTY, AR, "register an enterprise", "input.regionIds", INV),
    "updateEnterprise": F(COUNTY | {EN}, AR, "change an enterprise", "input.id", NF, roles(EN)),
    "declareConflict": F(
        EDITORS | {SW, VO},
        AR,
        "declare a conflict of interest",
        "input.householdId",
        NF,
        roles(SW, VO),
    ),
    "removeConflict": F(EDITORS, AR, "remove a conflict of interest", "input.householdId", NF),
    "recordIndicatorEvent": F(
        CASE_WORKERS, AR, "record an indicator event", "input.householdId", NF
    ),
    "importIndicatorEvents": F(EDITORS, AR, "import an indicator feed (unknown ids: listed)"),
    # These two start work over the caller's whole area whatever they name, so the matrix
    # sends them only refused arguments; the job and the pass stay inside the area.
    "rescoreHouseholds": F(EDITORS, AR, "rescore households (a job inside its area)"),
    "runEscalation": F(COUNTY, AR, "remind and escalate what is overdue"),
    "recordVisit": F(CASE_WORKERS, AR, "record a home visit", "input.matchId", NF),
    "logout": F(EVERYONE, OWN, "sign out: revokes the token of this request"),
    "revokeUserSessions": F(
        roles(A), NO, "cut every session of a user (a lost phone); audited", "userId", NF
    ),
    "acceptMatch": F(EDITORS, AR, "accept a proposed match", "matchId", NF),
    "planWorkerDay": F(
        CASE_WORKERS, AR, "plan a worker's visit round for a day", "workerId", NF, roles(SW)
    ),
    "replanWorkerDay": F(
        CASE_WORKERS, AR, "re-plan a worker's round mid-day", "workerId", NF, roles(SW)
    ),
    "requestStationWeekRounds": F(
        EDITORS, AR, "plan a station's week of rounds (a job)", "stationId", NF
    ),
    "setHouseholdAvailability": F(
        CASE_WORKERS, AR, "record when a household can be visited", "householdId", NF
    ),
    "rejectMatch": F(EDITORS, AR, "reject a proposed match", "matchId", NF),
    "closeMatch": F(EDITORS, AR, "close an active match", "matchId", NF),
    "remindWorker": F(EDITORS, AR, "remind a worker to visit", "matchId", NF),
    "markNotificationRead": F(EVERYONE, OWN, "mark its notification read", "id", NF),
    # Excel exports (issue 11): a job; the file goes only to the user who started it.
    "exportHouseholds": F(HOUSEHOLD_READERS, AR, "export the household list (.xlsx job)"),
    "exportCaseloadPlan": F(CASE_READERS, AR, "export a caseload plan (.xlsx job)", "planId", NF),
    "exportStationVisits": F(
        roles(A, C, SM, AU), AR, "export a station's visits (.xlsx job)", "stationId", NF
    ),
    "exportDashboard": F(
        roles(A, C, SM, AU), AR, "export a region's dashboard (.xlsx job)", "regionId", NF
    ),
    "exportGaps": F(NETWORK_READERS, AR, "export the gap lists (.xlsx job)", "townshipId", NF),
    "claimNeed": F(ORGANISATIONS, AR, "adopt a need within capacity", "input.needId", NF),
    "releaseAdoption": F(ORGANISATIONS, AR, "give a claim back"),
    "recordDisbursement": F(ORGANISATIONS, AR, "record money or goods given"),
    "addAdoptionEvidence": F(ORGANISATIONS, AR, "upload a receipt or photo"),
    "fulfilAdoption": F(ORGANISATIONS, AR, "finish an adoption with evidence"),
    "cancelAdoption": F(EDITORS | ORGANISATIONS, AR, "end an adoption with a reason"),
    "requestAdoptionTransfer": F(ORGANISATIONS, AR, "offer a claim to another organisation"),
    "decideAdoptionTransfer": F(ORGANISATIONS, AR, "accept or decline a hand-over"),
    "recordConsent": F(CASE_WORKERS, AR, "record a household's consent", "input.householdId", NF),
    "withdrawConsent": F(CASE_WORKERS, AR, "withdraw a household's consent"),
    "revealAdoptionContact": F(
        ORGANISATIONS, AR, "read consented contact details of its adoption (audited)"
    ),
    "setOrganisationCapacity": F(
        COUNTY | ORGANISATIONS,
        AR,
        "declare an organisation's capacity",
        "input.organisationId",
        NF,
        ORGANISATIONS,
    ),
    # Volunteering (issue 10, items 7 and 9).
    "setVolunteerAvailability": F(
        EDITORS | {VO},
        AR,
        "declare a volunteer's days, hours and radius",
        "volunteerId",
        NF,
        roles(VO),
    ),
    "createCareTask": F(CASE_WORKERS, AR, "set a care task", "input.householdId", NF),
    "takeCareTask": F(roles(VO), AR, "take a care task", "taskId", NF),
    "releaseCareTask": F(roles(VO), AR, "give a care task back", "taskId", NF),
    "recordCareTask": F(roles(VO), AR, "record a care task done", "input.taskId", NF),
    "cancelCareTask": F(CASE_WORKERS, AR, "withdraw a care task", "taskId", NF),
    "submitGridReport": F(roles(VO), AR, "report from the grid", "input.villageId", INV),
    "confirmGridReport": F(CASE_WORKERS, AR, "confirm a grid report", "input.reportId", NF),
    "dismissGridReport": F(CASE_WORKERS, AR, "dismiss a grid report", "reportId", NF),
    # Jobs and training places (issue 10, item 6).
    "createJobPosting": F(roles(EN), AR, "post a job or training places", "input.placeId", INV),
    "closeJobPosting": F(COUNTY | {EN}, AR, "close a job posting", "postingId", NF),
    "proposeJobCandidates": F(EDITORS | {EN}, AR, "propose candidates", "postingId", NF),
    "recordJobConsent": F(CASE_WORKERS, AR, "record a household's consent", "proposalId", NF),
    "recordJobOutcome": F(CASE_WORKERS, AR, "record a job outcome", "proposalId", NF),
    "revealCandidateContact": F(roles(EN), AR, "read a consented candidate's contact (audited)"),
    # case work (issue 13)
    "reopenSupport": F(CASE_WORKERS, AR, "reopen support during a transition", "householdId", NF),
    "createReferral": F(CASE_WORKERS, AR, "refer a household", "input.householdId", NF),
    "answerReferral": F(CASE_WORKERS, AR, "answer a referral", "referralId", NF),
    "recordIntake": F(
        CASE_WORKERS, AR, "record a walk-in or hotline request", "input.townshipId", NF
    ),
    "handOverIntake": F(CASE_WORKERS, AR, "hand an intake over", "intakeId", NF),
    "closeIntake": F(CASE_WORKERS, AR, "close an intake", "intakeId", NF),
    "requestTemporaryAssistance": F(
        CASE_WORKERS, AR, "ask for temporary assistance", "householdId", NF
    ),
    "decideTemporaryAssistance": F(EDITORS, AR, "decide temporary assistance", "assistanceId", NF),
    "conveneConference": F(CASE_WORKERS, AR, "convene a case conference", "input.householdId", NF),
    "recordConference": F(CASE_WORKERS, AR, "record a conference as held", "conferenceId", NF),
    "closeConference": F(CASE_WORKERS, AR, "close or cancel a conference", "conferenceId", NF),
    "completeConferenceDecision": F(
        CASE_WORKERS, AR, "mark a conference decision done", "decisionId", NF
    ),
}

ROOT_FIELDS: Final[Mapping[str, Mapping[str, FieldAccess]]] = {
    "Query": QUERIES,
    "Mutation": MUTATIONS,
}


def rule_of(field_name: str) -> FieldAccess:
    """The row of a root field; a KeyError names a field the table does not declare."""
    for table in ROOT_FIELDS.values():
        if field_name in table:
            return table[field_name]
    raise KeyError(f"no access row for root field {field_name!r} in server/graphql/access.py")
