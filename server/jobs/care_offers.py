"""The care-offer cron (daily): care visits falling due become care tasks for volunteers
nearby. Safe to rerun (see run_care_offer_pass)."""

from __future__ import annotations

import logging
from typing import Any

from server.services.care_offers import run_care_offer_pass

log = logging.getLogger("bangfu.jobs.care_offers")


async def care_offer_cron(ctx: dict[str, Any]) -> None:
    report = await run_care_offer_pass(ctx["graph"], clock=ctx["clock"])
    if report.offered:
        log.info("care offers: %s of %s due visits offered", report.offered, report.due)
