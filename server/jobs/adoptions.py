"""The adoption cron (every five minutes): expired claims reopen their needs; hand-overs
nobody answered in 36 hours approve themselves. Safe to rerun (see run_adoption_pass)."""

from __future__ import annotations

import logging
from typing import Any

from server.services.adoptions import run_adoption_pass

log = logging.getLogger("bangfu.jobs.adoptions")


async def adoption_cron(ctx: dict[str, Any]) -> None:
    report = await run_adoption_pass(ctx["graph"], clock=ctx["clock"])
    if report.expired or report.transferred:
        log.info("adoptions: %s expired, %s handed over", report.expired, report.transferred)
