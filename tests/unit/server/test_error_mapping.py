"""The one mapping from domain errors to GraphQL error types: codes, fields in the client's
names, params, and English messages (the pages translate)."""

from __future__ import annotations

import re

import pytest

from matching.approval import PlanChange
from server.graphql.errors import (
    Conflict,
    InvalidInput,
    NotAllowedTransition,
    NotFound,
    RuleViolation,
    StalePlan,
    StaleVersion,
    user_error,
)
from server.graphql.types.match_status import MatchStatus
from server.registry.validation import FieldError
from server.services.errors import (
    EntityNotFound,
    InvalidFields,
    NotPermitted,
    PlanChanged,
    RulesBroken,
    StateConflict,
    TransitionRefused,
    VersionConflict,
    invalid,
)

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def params(error: object) -> dict[str, str | None]:
    return {p.name: p.value for p in error.params}  # type: ignore[attr-defined]


def test_invalid_fields_keep_every_problem_in_client_names() -> None:
    exc = InvalidFields(
        [FieldError("members.0.id_number", "bad", "INVALID_ID"), FieldError("x", "y", "Z")]
    )
    error = user_error(exc)
    assert isinstance(error, InvalidInput)
    assert (error.code, error.field) == ("INVALID_INPUT", None)
    assert [(p.field, p.code) for p in error.errors] == [
        ("members.0.idNumber", "INVALID_ID"),
        ("x", "Z"),
    ]
    one = user_error(invalid("what_if.cap_factor", "must be between 0.1 and 3", "OUT_OF_RANGE"))
    assert one.field == "whatIf.capFactor"


def test_not_found_stale_and_conflict_carry_their_params() -> None:
    missing = user_error(EntityNotFound("CaseloadPlan", "p-1", "plan_id"))
    assert isinstance(missing, NotFound) and missing.field == "planId"
    assert params(missing) == {"entity": "CaseloadPlan", "id": "p-1"}
    stale = user_error(VersionConflict("Match", "m-1", 4))
    assert isinstance(stale, StaleVersion)
    assert (stale.field, stale.code, stale.current_version) == (
        "expectedVersion",
        "STALE_VERSION",
        4,
    )
    decided = user_error(
        StateConflict("PLAN_APPROVED", "the plan is APPROVED", params={"status": "APPROVED"})
    )
    assert isinstance(decided, Conflict) and params(decided) == {"status": "APPROVED"}


def test_a_stale_plan_lists_structured_items_and_english_lines() -> None:
    change = PlanChange("OVER_CAPACITY", worker_id="w-1", params=(("load", 11), ("limit", 10)))
    error = user_error(PlanChanged([change]))
    assert isinstance(error, StalePlan) and error.code == "STALE_PLAN"
    [item] = error.items
    assert (item.code, item.worker_id, params(item)) == (
        "OVER_CAPACITY",
        "w-1",
        {"load": "11", "limit": "10"},
    )
    assert error.changes == ["worker w-1 would carry 11 of a limit of 10"]


def test_rules_and_transitions() -> None:
    broken = user_error(RulesBroken(["OVER_CAPACITY: 31/30"], overridable=True, field="worker_id"))
    assert isinstance(broken, RuleViolation)
    assert (broken.field, broken.overridable, broken.violations) == (
        "workerId",
        True,
        ["OVER_CAPACITY: 31/30"],
    )
    refused = user_error(
        TransitionRefused("TRANSITION_NOT_ALLOWED", "CLOSED", "ACTIVE", "a CLOSED match ...")
    )
    assert isinstance(refused, NotAllowedTransition)
    assert refused.current_status is MatchStatus.CLOSED
    unknown = user_error(TransitionRefused("UNKNOWN_STATE", "LIMBO", "ACTIVE", "unknown state"))
    assert isinstance(unknown, Conflict) and unknown.code == "UNKNOWN_STATE"


def test_no_message_is_composed_in_chinese() -> None:
    errors = [
        EntityNotFound("Household", "h-1"),
        VersionConflict("Household", "h-1", 2),
        PlanChanged([PlanChange("GONE", "h-1", "w-1")]),
        RulesBroken(["CONFLICT: declared"], overridable=False),
    ]
    for exc in errors:
        assert not CHINESE.search(user_error(exc).message)


def test_not_permitted_is_not_a_result() -> None:
    with pytest.raises(NotPermitted):
        user_error(NotPermitted("not yours"))
