"""The GraphQL schema: root types merged from one module per aggregate."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext
from strawberry.utils.str_converters import to_camel_case

from server.graphql.access import ROOT_FIELDS
from server.graphql.document_rules import OneLoginPerDocument
from server.graphql.mutations.accept_match import AcceptMatchMutation
from server.graphql.mutations.add_adoption_evidence import AddAdoptionEvidenceMutation
from server.graphql.mutations.add_household_member import AddHouseholdMemberMutation
from server.graphql.mutations.answer_referral import AnswerReferralMutation
from server.graphql.mutations.cancel_adoption import CancelAdoptionMutation
from server.graphql.mutations.cancel_care_task import CancelCareTaskMutation
from server.graphql.mutations.claim_need import ClaimNeedMutation
from server.graphql.mutations.close_conference import CloseConferenceMutation
from server.graphql.mutations.close_intake import CloseIntakeMutation
from server.graphql.mutations.close_job_posting import CloseJobPostingMutation
from server.graphql.mutations.close_match import CloseMatchMutation
from server.graphql.mutations.confirm_grid_report import ConfirmGridReportMutation
from server.graphql.mutations.convene_conference import ConveneConferenceMutation
from server.graphql.mutations.create_care_task import CreateCareTaskMutation
from server.graphql.mutations.create_charity import CreateCharityMutation
from server.graphql.mutations.create_enterprise import CreateEnterpriseMutation
from server.graphql.mutations.create_household import CreateHouseholdMutation
from server.graphql.mutations.create_job_posting import CreateJobPostingMutation
from server.graphql.mutations.create_need import CreateNeedMutation
from server.graphql.mutations.create_referral import CreateReferralMutation
from server.graphql.mutations.create_social_worker import CreateSocialWorkerMutation
from server.graphql.mutations.create_station import CreateStationMutation
from server.graphql.mutations.create_volunteer import CreateVolunteerMutation
from server.graphql.mutations.decide_adoption_transfer import DecideAdoptionTransferMutation
from server.graphql.mutations.decide_caseload_plan import DecideCaseloadPlanMutation
from server.graphql.mutations.decide_temporary_assistance import DecideTemporaryAssistanceMutation
from server.graphql.mutations.declare_conflict import DeclareConflictMutation
from server.graphql.mutations.dismiss_grid_report import DismissGridReportMutation
from server.graphql.mutations.export_data import ExportMutation
from server.graphql.mutations.fulfil_adoption import FulfilAdoptionMutation
from server.graphql.mutations.hand_over_intake import HandOverIntakeMutation
from server.graphql.mutations.import_households import ImportHouseholdsMutation
from server.graphql.mutations.import_indicator_events import ImportIndicatorEventsMutation
from server.graphql.mutations.login import LoginMutation
from server.graphql.mutations.mark_notification_read import MarkNotificationReadMutation
from server.graphql.mutations.plan_worker_day import PlanWorkerDayMutation
from server.graphql.mutations.propose_job_candidates import ProposeJobCandidatesMutation
from server.graphql.mutations.reassign_household import ReassignHouseholdMutation
from server.graphql.mutations.record_care_task import RecordCareTaskMutation
from server.graphql.mutations.record_conference import RecordConferenceMutation
from server.graphql.mutations.record_consent import RecordConsentMutation
from server.graphql.mutations.record_disbursement import RecordDisbursementMutation
from server.graphql.mutations.record_indicator_event import RecordIndicatorEventMutation
from server.graphql.mutations.record_intake import RecordIntakeMutation
from server.graphql.mutations.record_job_consent import RecordJobConsentMutation
from server.graphql.mutations.record_job_outcome import RecordJobOutcomeMutation
from server.graphql.mutations.record_visit import RecordVisitMutation
from server.graphql.mutations.reject_match import RejectMatchMutation
from server.graphql.mutations.release_adoption import ReleaseAdoptionMutation
from server.graphql.mutations.release_care_task import ReleaseCareTaskMutation
from server.graphql.mutations.remind_worker import RemindWorkerMutation
from server.graphql.mutations.remove_conflict import RemoveConflictMutation
from server.graphql.mutations.remove_household_member import RemoveHouseholdMemberMutation
from server.graphql.mutations.reopen_support import ReopenSupportMutation
from server.graphql.mutations.replan_worker_day import ReplanWorkerDayMutation
from server.graphql.mutations.request_adoption_transfer import RequestAdoptionTransferMutation
from server.graphql.mutations.request_caseload_plan import RequestCaseloadPlanMutation
from server.graphql.mutations.request_station_week_rounds import RequestStationWeekRoundsMutation
from server.graphql.mutations.request_temporary_assistance import (
    RequestTemporaryAssistanceMutation,
)
from server.graphql.mutations.rescore_households import RescoreHouseholdsMutation
from server.graphql.mutations.reveal_adoption_contact import RevealAdoptionContactMutation
from server.graphql.mutations.reveal_candidate_contact import RevealCandidateContactMutation
from server.graphql.mutations.revoke_user_sessions import RevokeUserSessionsMutation
from server.graphql.mutations.run_escalation import RunEscalationMutation
from server.graphql.mutations.seed_demo_county import SeedDemoCountyMutation
from server.graphql.mutations.set_household_availability import SetHouseholdAvailabilityMutation
from server.graphql.mutations.set_organisation_capacity import SetOrganisationCapacityMutation
from server.graphql.mutations.set_volunteer_availability import SetVolunteerAvailabilityMutation
from server.graphql.mutations.submit_grid_report import SubmitGridReportMutation
from server.graphql.mutations.take_care_task import TakeCareTaskMutation
from server.graphql.mutations.update_charity import UpdateCharityMutation
from server.graphql.mutations.update_enterprise import UpdateEnterpriseMutation
from server.graphql.mutations.update_household import UpdateHouseholdMutation
from server.graphql.mutations.update_need import UpdateNeedMutation
from server.graphql.mutations.update_person import UpdatePersonMutation
from server.graphql.mutations.update_social_worker import UpdateSocialWorkerMutation
from server.graphql.mutations.update_station import UpdateStationMutation
from server.graphql.mutations.update_volunteer import UpdateVolunteerMutation
from server.graphql.mutations.withdraw_consent import WithdrawConsentMutation
from server.graphql.permissions import table_name_of
from server.graphql.queries.alerts import AlertQuery
from server.graphql.queries.caseload import CaseloadQuery
from server.graphql.queries.casework import CaseworkQuery
from server.graphql.queries.conferences import ConferenceQuery
from server.graphql.queries.dashboard import DashboardQuery
from server.graphql.queries.follow_up import FollowUpQuery
from server.graphql.queries.jobs import JobQuery
from server.graphql.queries.market import MarketQuery
from server.graphql.queries.network import NetworkQuery
from server.graphql.queries.organisations import OrganisationQuery
from server.graphql.queries.registry import RegistryQuery
from server.graphql.queries.rounds import RoundQuery
from server.graphql.queries.session import SessionQuery
from server.graphql.queries.volunteering import VolunteeringQuery
from server.graphql.scalars import SCALAR_OVERRIDES
from server.request_log import TracebackLimiter, log_errors

QUERY_TYPES: tuple[type, ...] = (
    SessionQuery,
    RegistryQuery,
    OrganisationQuery,
    CaseloadQuery,
    AlertQuery,
    FollowUpQuery,
    RoundQuery,
    DashboardQuery,
    NetworkQuery,
    MarketQuery,
    VolunteeringQuery,
    JobQuery,
    CaseworkQuery,
    ConferenceQuery,
)
MUTATION_TYPES: tuple[type, ...] = (
    LoginMutation,
    RevokeUserSessionsMutation,
    SeedDemoCountyMutation,
    RequestCaseloadPlanMutation,
    DecideCaseloadPlanMutation,
    ReassignHouseholdMutation,
    ImportHouseholdsMutation,
    CreateHouseholdMutation,
    UpdateHouseholdMutation,
    AddHouseholdMemberMutation,
    UpdatePersonMutation,
    RemoveHouseholdMemberMutation,
    CreateNeedMutation,
    UpdateNeedMutation,
    CreateStationMutation,
    UpdateStationMutation,
    CreateSocialWorkerMutation,
    UpdateSocialWorkerMutation,
    CreateVolunteerMutation,
    UpdateVolunteerMutation,
    CreateCharityMutation,
    UpdateCharityMutation,
    CreateEnterpriseMutation,
    UpdateEnterpriseMutation,
    DeclareConflictMutation,
    RemoveConflictMutation,
    RecordIndicatorEventMutation,
    ImportIndicatorEventsMutation,
    RescoreHouseholdsMutation,
    RunEscalationMutation,
    RecordVisitMutation,
    AcceptMatchMutation,
    RejectMatchMutation,
    CloseMatchMutation,
    RemindWorkerMutation,
    MarkNotificationReadMutation,
    PlanWorkerDayMutation,
    ReplanWorkerDayMutation,
    RequestStationWeekRoundsMutation,
    SetHouseholdAvailabilityMutation,
    ExportMutation,
    # the needs marketplace (issue 10)
    ClaimNeedMutation,
    ReleaseAdoptionMutation,
    RecordDisbursementMutation,
    AddAdoptionEvidenceMutation,
    FulfilAdoptionMutation,
    CancelAdoptionMutation,
    RequestAdoptionTransferMutation,
    DecideAdoptionTransferMutation,
    SetOrganisationCapacityMutation,
    RecordConsentMutation,
    WithdrawConsentMutation,
    RevealAdoptionContactMutation,
    # Volunteering (issue 10, items 7 and 9)
    CancelCareTaskMutation,
    ConfirmGridReportMutation,
    CreateCareTaskMutation,
    DismissGridReportMutation,
    RecordCareTaskMutation,
    ReleaseCareTaskMutation,
    SetVolunteerAvailabilityMutation,
    SubmitGridReportMutation,
    TakeCareTaskMutation,
    # Jobs and training places (issue 10, item 6)
    CloseJobPostingMutation,
    CreateJobPostingMutation,
    ProposeJobCandidatesMutation,
    RecordJobConsentMutation,
    RevealCandidateContactMutation,
    RecordJobOutcomeMutation,
    # case work (issue 13)
    ReopenSupportMutation,
    CreateReferralMutation,
    AnswerReferralMutation,
    RecordIntakeMutation,
    HandOverIntakeMutation,
    CloseIntakeMutation,
    RequestTemporaryAssistanceMutation,
    DecideTemporaryAssistanceMutation,
    ConveneConferenceMutation,
    RecordConferenceMutation,
    CloseConferenceMutation,
)


MAX_TOKENS = 5_000
MAX_DEPTH = 10
MAX_ALIASES = 15


class CypherQueryCount(SchemaExtension):
    """Reports how many Cypher round trips the request cost, how many of them went to the
    leader rather than a follower on a cluster, and how many read values shared with other
    requests for a moment (not in production)."""

    def get_results(self) -> dict[str, Any]:
        ctx = self.execution_context.context
        if ctx is None or ctx.settings.environment == "production":
            return {}
        return {
            "cypherQueries": ctx.counter.count,
            "cypherOnLeader": ctx.counter.on_leader,
            "cypherShared": ctx.counter.shared,
        }


def _mask_unexpected(error: GraphQLError) -> bool:
    # Permission and validation errors carry a code the client acts on; anything else is a
    # bug whose text must not leak internals in production.
    return not (error.extensions or {}).get("code") and error.original_error is not None


class BangfuSchema(strawberry.Schema):
    """Logs failing requests by id, operation and code: never the document or variables."""

    tracebacks = TracebackLimiter(60)

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        context = execution_context.context if execution_context else None
        log_errors(
            errors,
            request_id=getattr(context, "request_id", "-"),
            operation_name=execution_context.operation_name if execution_context else None,
            limiter=self.tracebacks,
        )


def build_schema(*, production: bool, traceback_interval_s: int = 60) -> strawberry.Schema:
    Query = merge_types("Query", QUERY_TYPES)
    Mutation = merge_types("Mutation", MUTATION_TYPES)
    # Limits against expensive documents (OWASP GraphQL): size, depth, aliases; page sizes
    # are capped per field (connection.MAX_PAGE).
    extensions: list[Any] = [
        CypherQueryCount,
        MaxTokensLimiter(max_token_count=MAX_TOKENS),
        QueryDepthLimiter(max_depth=MAX_DEPTH),
        MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        AddValidationRules([OneLoginPerDocument]),
        # The frontend sends a few dozen fixed documents: parse and validate each once per
        # process (bounded LRU; the rule instances above are shared, so the key is stable).
        ParserCache(maxsize=256),
        ValidationCache(maxsize=256),
    ]
    if production:
        extensions += [MaskErrors(should_mask_error=_mask_unexpected), DisableIntrospection()]
    schema = BangfuSchema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        config=StrawberryConfig(disable_field_suggestions=production),
        scalar_overrides=SCALAR_OVERRIDES,
    )
    problems = access_table_problems(schema)
    if problems:
        raise RuntimeError("the access table and the schema disagree: " + "; ".join(problems))
    schema.tracebacks = TracebackLimiter(traceback_interval_s)
    return schema


def access_table_problems(schema: strawberry.Schema) -> list[str]:
    """Root fields without their own row in server/graphql/access.py, and rows without a
    field: each root field must read the row named after it."""
    problems = []
    for root, table in ROOT_FIELDS.items():
        definition = schema.get_type_by_name(root)
        fields = definition.fields if definition is not None else []  # type: ignore[union-attr]
        names = set()
        for field in fields:
            name = field.graphql_name or to_camel_case(field.python_name)
            names.add(name)
            declared = table_name_of(field)
            if name not in table:
                problems.append(f"{root}.{name} has no row")
            elif declared != name:
                problems.append(f"{root}.{name} reads the row of {declared!r}")
        problems += [f"{root}.{name} has a row but no field" for name in sorted(set(table) - names)]
    return problems
