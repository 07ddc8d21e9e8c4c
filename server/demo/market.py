"""The demo county's marketplace: organisations with declared capacity, and needs adopted at
every stage (claimed, paid, fulfilled with a receipt), so a newcomer sees it alive.

Built through the use cases themselves (capacity, claim, disbursement, evidence, fulfil), so
the demo's adoptions are audited and versioned like real ones. Runs once: a graph that
already holds adoptions is left alone.
"""

from __future__ import annotations

import base64
from datetime import datetime, timedelta

from graph.adoption_reads import capacities, count_adoptions, organisation_ids
from graph.audit import Actor
from graph.driver import Graph
from graph.scope import EVERYWHERE
from matching.allocation import eligible
from server.clock import Clock
from server.roles import Role
from server.services import adoptions as use_case
from server.services.errors import DomainError
from server.services.evidence import EvidenceCommand, add_evidence
from server.services.market import CapacityCommand, set_capacity
from server.services.recommendations import market_instance
from server.services.registry import Caller

# A 1×1 PNG: the demo's receipts are placeholders, not anyone's papers.
DEMO_RECEIPT = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
ENTERPRISE_KINDS = ("EMPLOYMENT", "EDUCATION", "BASIC_LIVING", "HOUSING")


def _county(now: datetime) -> Caller:
    actor = Actor("system:demo", "COORDINATOR", now)
    return Caller(actor=actor, role=Role.COORDINATOR, scope=EVERYWHERE, own_id=None)


def _as_org(org_id: str, kind: str, now: datetime) -> Caller:
    role = Role.CHARITY if kind == "Charity" else Role.ENTERPRISE
    actor = Actor(f"system:demo:{org_id}", role.value, now)
    return Caller(actor=actor, role=role, scope=EVERYWHERE, own_id=org_id)


async def seed_market(graph: Graph, *, clock: Clock, claim_days: int = 7) -> int:
    """Declare every organisation's capacity and adopt a few needs each; returns how many."""
    if await count_adoptions(graph) > 0:
        return 0
    rows = await capacities(graph, await organisation_ids(graph))
    for row in rows:
        if row.org_kind == "Charity":
            from graph.organisations import charities_by_id  # noqa: PLC0415

            found = (await charities_by_id(graph, [row.org_id], scope=EVERYWHERE))[0]
            kinds = found.record.focus_kinds if found and found.record.focus_kinds else ("MEDICAL",)
            budget, period, max_open = (found.record.budget_yuan if found else 100_000), "YEAR", 8
        else:
            kinds, budget, period, max_open = ENTERPRISE_KINDS, 120_000, "QUARTER", 6
        await set_capacity(
            graph,
            _county(clock.now()),
            CapacityCommand(row.org_id, None, int(budget), period, tuple(kinds), max_open),
        )
    needs, orgs = await market_instance(graph, today=clock.today())
    kinds_of = {r.org_id: r.org_kind for r in rows}
    adopted = 0
    taken: set[str] = set()
    for index, org in enumerate(orgs):
        caller = _as_org(org.id, kinds_of[org.id], clock.now())
        mine = [n for n in needs if n.id not in taken and eligible(n, org)][: 2 + index % 3]
        for stage, need in enumerate(mine):
            taken.add(need.id)
            try:
                adoption_id = await use_case.claim_need(
                    graph,
                    caller,
                    use_case.ClaimCommand(need.id, 1, None),
                    clock=clock,
                    claim_days=claim_days,
                )
                adopted += 1
                if stage >= 1:
                    await use_case.record_disbursement(
                        graph,
                        caller,
                        use_case.DisbursementCommand(
                            adoption_id,
                            1,
                            need.cost,
                            clock.today() - timedelta(days=1),
                            "BANK_TRANSFER",
                        ),
                        clock=clock,
                    )
                if stage >= 2:
                    await add_evidence(
                        graph,
                        caller,
                        EvidenceCommand(adoption_id, "RECEIPT", "收据.png", DEMO_RECEIPT),
                    )
                    await use_case.fulfil(
                        graph, caller, use_case.StepCommand(adoption_id, 2), clock=clock
                    )
            except DomainError:
                continue  # a need that moved meanwhile (or a budget spent): skip it
    return adopted
