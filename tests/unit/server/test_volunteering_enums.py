"""The GraphQL enums of volunteering and jobs name exactly the domain's codes."""

from __future__ import annotations

from enum import Enum

import pytest

from matching import care_tasks, grid_reports, job_matching
from server.graphql.types import jobs, volunteering
from server.services.grid_reports import REPORTABLE_EVENTS

PAIRS: list[tuple[type[Enum], tuple[str, ...]]] = [
    (volunteering.CareTaskKind, care_tasks.TASK_KINDS),
    (volunteering.CareTaskStatus, care_tasks.STATUSES),
    (volunteering.GridRole, grid_reports.GRID_ROLES),
    (volunteering.GridReportKind, grid_reports.REPORT_KINDS),
    (volunteering.GridReportStatus, grid_reports.STATUSES),
    (volunteering.ReportableEvent, REPORTABLE_EVENTS),
    (jobs.ProposalStatus, tuple(job_matching.PROPOSAL_TRANSITIONS)),
]


@pytest.mark.parametrize(("enum", "codes"), PAIRS, ids=[p[0].__name__ for p in PAIRS])
def test_enum_equals_the_domain(enum: type[Enum], codes: tuple[str, ...]) -> None:
    assert [m.value for m in enum] == list(codes)
