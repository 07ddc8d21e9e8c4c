"""Schema migrations: constraints and indexes, applied idempotently at start-up.

The graph holds one `(:SchemaVersion {id: 'bangfu'})` node whose `version` is the number of
the last migration applied, so a later change can add a migration that transforms data.
Each statement is itself idempotent (`IF NOT EXISTS`), so a half-applied migration re-runs
safely after a crash.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import LiteralString

from graph.driver import Graph
from graph.id_rekey import rekey_personal_ids

_UNIQUE_IDS: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT household_id IF NOT EXISTS FOR (n:Household) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT person_id_number IF NOT EXISTS FOR (n:Person) REQUIRE n.id_number IS UNIQUE",
    "CREATE CONSTRAINT need_id IF NOT EXISTS FOR (n:Need) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT station_id IF NOT EXISTS FOR (n:Station) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT social_worker_id IF NOT EXISTS FOR (n:SocialWorker) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT volunteer_id IF NOT EXISTS FOR (n:Volunteer) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT charity_id IF NOT EXISTS FOR (n:Charity) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT enterprise_id IF NOT EXISTS FOR (n:Enterprise) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT match_id IF NOT EXISTS FOR (n:Match) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT visit_id IF NOT EXISTS FOR (n:Visit) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT round_id IF NOT EXISTS FOR (n:Round) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT alert_id IF NOT EXISTS FOR (n:Alert) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT user_id IF NOT EXISTS FOR (n:User) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT user_username IF NOT EXISTS FOR (n:User) REQUIRE n.username IS UNIQUE",
    "CREATE CONSTRAINT audit_event_id IF NOT EXISTS FOR (n:AuditEvent) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT job_id IF NOT EXISTS FOR (n:Job) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT schema_version_id IF NOT EXISTS "
    "FOR (n:SchemaVersion) REQUIRE n.id IS UNIQUE",
)

_FILTER_INDEXES: tuple[LiteralString, ...] = (
    "CREATE INDEX household_tier IF NOT EXISTS FOR (n:Household) ON (n.tier)",
    "CREATE INDEX household_warning IF NOT EXISTS FOR (n:Household) ON (n.warning_level)",
    "CREATE INDEX household_class IF NOT EXISTS FOR (n:Household) ON (n.dibao_class)",
    "CREATE INDEX region_level IF NOT EXISTS FOR (n:Region) ON (n.level)",
    "CREATE TEXT INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name)",
    "CREATE INDEX audit_event_at IF NOT EXISTS FOR (n:AuditEvent) ON (n.at)",
)


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    statements: tuple[LiteralString, ...]
    # A data step after the statements; it must be idempotent (it re-runs after a crash).
    data: Callable[[Graph], Awaitable[object]] | None = None


_CASELOAD_PLANS: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT caseload_plan_id IF NOT EXISTS FOR (n:CaseloadPlan) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT plan_item_id IF NOT EXISTS FOR (n:PlanItem) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX plan_item_plan IF NOT EXISTS FOR (n:PlanItem) ON (n.plan_id, n.kind)",
    "CREATE INDEX match_status IF NOT EXISTS FOR (n:Match) ON (n.status)",
)

_FOLLOW_THROUGH: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT notification_id IF NOT EXISTS FOR (n:Notification) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX notification_recipient IF NOT EXISTS "
    "FOR (n:Notification) ON (n.recipient_kind, n.recipient_id)",
)

# Events merge on their key; alerts are read per household, by status and due time, and by
# assignee; escalation steps are looked up per subject; follow-ups by their due day.
_EARLY_WARNING: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT indicator_event_id IF NOT EXISTS "
    "FOR (n:IndicatorEvent) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT indicator_event_key IF NOT EXISTS "
    "FOR (n:IndicatorEvent) REQUIRE n.key IS UNIQUE",
    "CREATE INDEX indicator_event_household IF NOT EXISTS "
    "FOR (n:IndicatorEvent) ON (n.household_id, n.occurred_on)",
    "CREATE INDEX alert_household IF NOT EXISTS FOR (n:Alert) ON (n.household_id, n.status)",
    "CREATE INDEX alert_status_due IF NOT EXISTS FOR (n:Alert) ON (n.status, n.due_at)",
    "CREATE INDEX alert_assignee IF NOT EXISTS FOR (n:Alert) ON (n.assigned_kind, n.assigned_id)",
    "CREATE CONSTRAINT escalation_id IF NOT EXISTS FOR (n:Escalation) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX escalation_subject IF NOT EXISTS FOR (n:Escalation) ON (n.subject_key)",
    "CREATE INDEX match_follow_up_due IF NOT EXISTS FOR (n:Match) ON (n.follow_up_due)",
    "CREATE INDEX household_warning_scored IF NOT EXISTS "
    "FOR (n:Household) ON (n.warning_scored_at)",
)

# The audit log is read by entity and by actor; a household's timeline reads its
# escalation steps by household.
_FOLLOW_UP_READS: tuple[LiteralString, ...] = (
    "CREATE INDEX audit_event_entity IF NOT EXISTS FOR (n:AuditEvent) ON (n.entity_id)",
    "CREATE INDEX audit_event_actor IF NOT EXISTS FOR (n:AuditEvent) ON (n.actor_id)",
    "CREATE INDEX escalation_household IF NOT EXISTS FOR (n:Escalation) ON (n.household_id)",
    "CREATE INDEX notification_created IF NOT EXISTS FOR (n:Notification) ON (n.created_at)",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "uniqueness constraints on every id", _UNIQUE_IDS),
    Migration(2, "indexes on what filters use", _FILTER_INDEXES),
    Migration(3, "caseload plans and their items", _CASELOAD_PLANS),
    Migration(4, "notifications", _FOLLOW_THROUGH),
    Migration(5, "indicator events, alerts and escalations", _EARLY_WARNING),
    Migration(6, "audit log, timeline and inbox reads", _FOLLOW_UP_READS),
    Migration(
        7,
        "stored plan inputs",
        (
            "CREATE CONSTRAINT plan_input_plan IF NOT EXISTS "
            "FOR (n:PlanInput) REQUIRE n.plan_id IS UNIQUE",
        ),
    ),
    Migration(
        8,
        "ids without personal data: random ids for imported people and households; an "
        "import finds its households by (household ref, township)",
        (
            "CREATE INDEX household_import_ref IF NOT EXISTS "
            "FOR (n:Household) ON (n.import_ref, n.township_id)",
            "CREATE INDEX household_legacy_import IF NOT EXISTS "
            "FOR (n:Household) ON (n.legacy_import_digest)",
        ),
        data=rekey_personal_ids,
    ),
)

CURRENT_VERSION = MIGRATIONS[-1].version

_READ_VERSION: LiteralString = """
OPTIONAL MATCH (v:SchemaVersion {id: 'bangfu'})
RETURN coalesce(v.version, 0) AS version
"""

_WRITE_VERSION: LiteralString = """
MERGE (v:SchemaVersion {id: 'bangfu'})
SET v.version = $version, v.applied_at = $now
"""


async def schema_version(graph: Graph) -> int:
    records, _, _ = await graph.driver.execute_query(_READ_VERSION, database_=graph.database)
    return int(records[0]["version"])


async def apply_migrations(graph: Graph, *, now: datetime) -> list[int]:
    """Apply every migration newer than the graph's marker; return the versions applied.
    `now` (the caller's clock) dates the marker."""
    current = await schema_version(graph)
    applied: list[int] = []
    for migration in MIGRATIONS:
        if migration.version <= current:
            continue
        # Schema statements cannot share a transaction with data writes in Neo4j.
        for statement in migration.statements:
            await graph.driver.execute_query(statement, database_=graph.database)
        if migration.data is not None:
            await migration.data(graph)
        await graph.driver.execute_query(
            _WRITE_VERSION, version=migration.version, now=now, database_=graph.database
        )
        applied.append(migration.version)
    return applied
