"""The pure rules of adopting a need: the order of refusals, capacity, the step table."""

from __future__ import annotations

from datetime import date

from matching.adoption import (
    Capacity,
    NeedFacts,
    Usage,
    claim_expires_on,
    decide_claim,
    decide_step,
    period_of,
)

NEED = NeedFacts(status="OPEN", version=3, kind="MEDICAL", township_id="t1", estimated_cost=2000)
CAP = Capacity(
    budget_yuan=5000,
    period="YEAR",
    kinds=frozenset({"MEDICAL"}),
    max_open=2,
    townships=frozenset({"t1"}),
)
FREE = Usage(committed_yuan=0, open_adoptions=0)


def _code(**changes: object) -> str | None:
    args: dict[str, object] = {
        "expected_version": 3,
        "pledge_yuan": 2000,
        "capacity": CAP,
        "usage": FREE,
    }
    need = changes.pop("need", NEED)
    args.update(changes)
    refusal = decide_claim(need, **args)  # type: ignore[arg-type]
    return refusal.code if refusal else None


def test_an_open_need_within_capacity_may_be_adopted() -> None:
    assert _code() is None


def test_refusals_in_order() -> None:
    taken = NeedFacts("PLEDGED", 4, "MEDICAL", "t1", 2000)
    assert _code(need=taken, expected_version=1) == "NEED_TAKEN"
    assert _code(expected_version=2) == "STALE_VERSION"
    assert _code(capacity=None) == "CAPACITY_NOT_DECLARED"
    assert _code(need=NeedFacts("OPEN", 3, "MEDICAL", "t9", 2000)) == "OUT_OF_REGION"
    assert _code(need=NeedFacts("OPEN", 3, "HOUSING", "t1", 2000)) == "OUT_OF_KINDS"
    assert _code(pledge_yuan=0) == "AMOUNT_NOT_POSITIVE"
    assert _code(pledge_yuan=2001) == "AMOUNT_ABOVE_NEED"
    assert _code(usage=Usage(0, 2)) == "TOO_MANY_OPEN"
    assert _code(usage=Usage(3500, 1)) == "OVER_BUDGET"


def test_steps_follow_the_table_and_the_version() -> None:
    assert decide_step("CLAIMED", "DISBURSED", version=1, expected_version=1) is None
    assert decide_step("DISBURSED", "FULFILLED", version=2, expected_version=2) is None
    refused = decide_step("CLAIMED", "FULFILLED", version=1, expected_version=1)
    assert refused is not None and refused.code == "ADOPTION_CLAIMED"
    assert decide_step("FULFILLED", "CANCELLED", version=3, expected_version=3) is not None
    stale = decide_step("CLAIMED", "RELEASED", version=2, expected_version=1)
    assert stale is not None and stale.code == "STALE_VERSION"


def test_periods_and_deadlines() -> None:
    day = date(2026, 12, 3)
    assert period_of(day, "MONTH") == "2026-12"
    assert period_of(day, "QUARTER") == "2026-Q4"
    assert period_of(day, "YEAR") == "2026"
    assert claim_expires_on(day, 7) == date(2026, 12, 10)
