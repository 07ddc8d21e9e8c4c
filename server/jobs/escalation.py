"""The escalation cron (every five minutes): the same pass `runEscalation` runs on demand."""

from __future__ import annotations

import logging
from typing import Any

from graph.audit import Actor
from graph.scope import EVERYWHERE
from server.services.escalation import run_escalation

log = logging.getLogger("bangfu.jobs.escalation")

SYSTEM = "system:escalation"  # the cron acts as this actor


async def escalation_cron(ctx: dict[str, Any]) -> None:
    # No Job node: a pass is short, and each one records what it did as Escalation nodes.
    clock = ctx["clock"]
    report = await run_escalation(
        ctx["graph"], actor=Actor(SYSTEM, "SYSTEM", clock.now()), scope=EVERYWHERE, clock=clock
    )
    if report.recorded:
        log.info("escalation pass: %s new steps for %s subjects", report.recorded, report.subjects)
