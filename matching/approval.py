"""Approving a caseload plan: what has changed since it was computed.

A plan is approved whole or not at all. Its proposals were computed on a snapshot; at
approval the service reads the same facts again under lock and asks `plan_changes`
whether any proposal no longer holds: the household or worker changed or is gone, the
household is with another worker, the worker went on leave or declared a conflict of
interest, or the worker's caseload would go over its limit. Pure: facts in, changes out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

ParamValue = str | int | float | bool | None


@dataclass(frozen=True, slots=True)
class PlanChange:
    """One thing that changed since the plan: a code, whom it concerns, and parameters the
    frontend's message is filled with."""

    code: str
    household_id: str | None = None
    worker_id: str | None = None
    params: tuple[tuple[str, ParamValue], ...] = ()

    def describe(self) -> str:
        """An English line for logs and for API clients without translations."""
        p = dict(self.params)
        h, w = self.household_id, self.worker_id
        lines = {
            "GONE": f"household {h} or worker {w} no longer exists",
            "HOUSEHOLD_CHANGED": f"household {h} changed (version {p.get('planned')} → "
            f"{p.get('current')})",
            "WORKER_CHANGED_HANDS": f"household {h} is now with {p.get('current') or 'nobody'}, "
            f"planned from {p.get('planned') or 'nobody'}",
            "WORKER_CHANGED": f"worker {w} changed since the plan",
            "WORKER_ON_LEAVE": f"worker {w} is on leave",
            "CONFLICT_DECLARED": f"a conflict of interest was declared between {w} and {h}",
            "OVER_CAPACITY": f"worker {w} would carry {p.get('load')} of a limit of "
            f"{p.get('limit')}",
            "NOT_IN_PLAN": f"household {h} has no open proposal in this plan",
            "MATCH_CHANGED": f"household {h}'s match changed since the plan",
        }
        return lines.get(self.code, self.code)


@dataclass(frozen=True, slots=True)
class NowFacts:
    """The household and target worker as they are at approval."""

    household_version: int
    current_worker_id: str | None  # who follows the household now
    worker_version: int
    caseload_limit: int
    on_leave: bool
    conflict: bool  # a conflict of interest between the worker and the household


@dataclass(frozen=True, slots=True)
class ProposalFacts:
    """One proposal as planned, and the same facts now (None: household or worker gone)."""

    household_id: str
    worker_id: str
    weight: int
    planned_household_version: int
    planned_from_worker_id: str | None
    planned_worker_version: int | None  # None: the plan did not record it
    now: NowFacts | None
    from_match_id: str | None = None  # the match the proposal ends (a transfer)


@dataclass(frozen=True, slots=True)
class ApprovalFacts:
    proposals: tuple[ProposalFacts, ...]
    # The active matches of each target worker now: (match id, weight).
    active_loads: Mapping[str, tuple[tuple[str, int], ...]]
    # Matches the approval ends (transfers or releases): they leave their worker's load.
    ending_matches: frozenset[str]
    # Selected households with nothing to approve in the plan.
    not_in_plan: tuple[str, ...] = ()
    # Households whose match the plan releases, but which is no longer active.
    release_changed: tuple[str, ...] = ()


def _proposal_changes(p: ProposalFacts) -> list[PlanChange]:
    now, h, w = p.now, p.household_id, p.worker_id
    if now is None:
        return [PlanChange("GONE", h, w)]
    changes: list[PlanChange] = []
    if now.household_version != p.planned_household_version:
        versions = (("planned", p.planned_household_version), ("current", now.household_version))
        changes.append(PlanChange("HOUSEHOLD_CHANGED", h, w, versions))
    if now.current_worker_id != p.planned_from_worker_id:
        workers = (("planned", p.planned_from_worker_id), ("current", now.current_worker_id))
        changes.append(PlanChange("WORKER_CHANGED_HANDS", h, w, workers))
    if p.planned_worker_version is not None and now.worker_version != p.planned_worker_version:
        changes.append(PlanChange("WORKER_CHANGED", h, w))
    if now.on_leave:
        changes.append(PlanChange("WORKER_ON_LEAVE", h, w))
    if now.conflict:
        changes.append(PlanChange("CONFLICT_DECLARED", h, w))
    return changes


def plan_changes(facts: ApprovalFacts) -> tuple[PlanChange, ...]:
    """Everything that stops the approval; empty when it may go ahead."""
    if facts.not_in_plan:  # the selection itself is wrong: say only that
        return tuple(PlanChange("NOT_IN_PLAN", household_id=h) for h in facts.not_in_plan)
    changes: list[PlanChange] = []
    added: dict[str, int] = defaultdict(int)
    limits: dict[str, int] = {}
    for p in facts.proposals:
        changes += _proposal_changes(p)
        if p.now is not None:
            added[p.worker_id] += p.weight
            limits[p.worker_id] = p.now.caseload_limit
    for worker, extra in sorted(added.items()):
        kept = sum(
            weight
            for match_id, weight in facts.active_loads.get(worker, ())
            if match_id not in facts.ending_matches
        )
        if kept + extra > limits[worker]:
            load = (("load", kept + extra), ("limit", limits[worker]))
            changes.append(PlanChange("OVER_CAPACITY", worker_id=worker, params=load))
    changes += [PlanChange("MATCH_CHANGED", household_id=h) for h in facts.release_changed]
    return tuple(changes)


def still_valid(facts: ApprovalFacts) -> tuple[frozenset[str], tuple[PlanChange, ...]]:
    """Approval that survives a busy station: the households whose proposals still hold, and
    what changed for the others. A proposal with a change of its own is set aside; then each
    worker takes the remaining proposals in plan order while they fit the limit (a set-aside
    transfer keeps its match with its worker). A wrong selection keeps nothing."""
    if facts.not_in_plan:
        return frozenset(), plan_changes(facts)
    changes: list[PlanChange] = []
    valid: list[ProposalFacts] = []
    for p in facts.proposals:
        own = _proposal_changes(p)
        changes += own
        if not own:
            valid.append(p)
    set_aside = {p.from_match_id for p in facts.proposals if p not in valid and p.from_match_id}
    ending = facts.ending_matches - set_aside
    kept_load: dict[str, int] = {}
    kept: set[str] = set()
    for p in valid:
        assert p.now is not None  # a gone proposal has a change of its own
        if p.worker_id not in kept_load:
            kept_load[p.worker_id] = sum(
                weight
                for match_id, weight in facts.active_loads.get(p.worker_id, ())
                if match_id not in ending
            )
        load = kept_load[p.worker_id] + p.weight
        if load > p.now.caseload_limit:
            params = (("load", load), ("limit", p.now.caseload_limit))
            changes.append(PlanChange("OVER_CAPACITY", p.household_id, p.worker_id, params))
            continue
        kept_load[p.worker_id] = load
        kept.add(p.household_id)
    changes += [PlanChange("MATCH_CHANGED", household_id=h) for h in facts.release_changed]
    return frozenset(kept), tuple(changes)
