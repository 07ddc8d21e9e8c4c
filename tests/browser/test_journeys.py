"""The main journeys in headless Chromium (Debian's), driven by playwright-core from
`frontend/e2e/`, against the real app; screenshots land in tests/output/."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.support.processes import ROOT, AppProcess

E2E = ROOT / "frontend" / "e2e"

pytestmark = pytest.mark.browser


def _run_e2e(
    name: str, app: AppProcess, output_dir: Path, timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    if not Path("/usr/bin/chromium").exists():
        pytest.fail("Debian chromium is missing: run `make install`")
    if not (ROOT / "frontend" / "dist" / "index.html").exists():
        pytest.fail("the frontend is not built: run `make install`")
    env = dict(os.environ)
    env.update(BANGFU_URL=app.url, BANGFU_SCREENSHOT_DIR=str(output_dir))
    node = shutil.which("node") or "node"
    done = subprocess.run(
        [node, "--test", str(E2E / name)],
        cwd=ROOT / "frontend",
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    # Kept beside the screenshots: pytest truncates long assertion messages.
    (output_dir / f"{name}.log").write_text(done.stdout + done.stderr, encoding="utf-8")
    return done


def _dashboard_export_matches_the_page(done: subprocess.CompletedProcess[str], out: Path) -> None:
    """The file the browser downloaded: the township's villages, with Chinese headers."""
    from openpyxl import load_workbook

    book = load_workbook(out / "dashboard.xlsx")
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:3] == ("地区", "户数", "已落实社工")
    assert len(rows) > 1 and all(isinstance(r[1], int) for r in rows[1:])
    first = int(done.stdout.split("villages-first ")[1].split()[0])
    assert rows[1][1] == first  # the same number the page showed for the first village
    assert [ws.title for ws in book.worksheets][1:] == ["社工站", "预警", "需求"]


@dataclass(frozen=True)
class Journey:
    story: str  # the test's id: what a person does, for `-k`
    script: str  # in frontend/e2e/
    shots: tuple[str, ...]
    min_bytes: int = 10_000  # a screenshot smaller than this is a blank page
    fresh: tuple[str, ...] = ()  # files the journey must write anew
    then: Callable[[subprocess.CompletedProcess[str], Path], None] | None = field(default=None)


# In this order: each journey leaves the county as the next one expects it (the approval
# journey needs households not yet paired, and the caseload journey approves a whole plan).
JOURNEYS = (
    Journey(
        "login_and_browse_households",
        "login.test.mjs",
        ("login.png", "households.png", "household.png"),
    ),
    Journey(
        "a_hand_made_change_sets_aside_only_its_household_and_the_rest_is_approved",
        "approval.test.mjs",
        ("approval-stale.png", "approval-partial.png"),
    ),
    Journey(
        "caseload_board_plan_review_and_approval",
        "caseload.test.mjs",
        ("caseload-board.png", "caseload-plan.png", "caseload-approved.png"),
    ),
    Journey(
        "a_worker_records_a_visit_on_a_phone_and_sees_it_on_the_timeline",
        "visit.test.mjs",
        ("my-day.png", "visit-form.png", "timeline.png"),
    ),
    Journey(
        "rounds_a_worker_plans_today_on_a_phone_and_the_station_sees_the_day",
        "rounds.test.mjs",
        (
            "rounds-worker.png",
            "rounds-worker-sheet.png",
            "rounds-station.png",
            "rounds-station-week.png",
        ),
    ),
    Journey(
        "a_walk_in_request_becomes_a_household_registered_and_edited_on_a_phone",
        "household.test.mjs",
        (
            "household-intake.png",
            "household-create-errors.png",
            "household-created.png",
            "household-edit.png",
        ),
    ),
    Journey(
        "casework_referral_close_with_transition_and_reopen",
        "casework.test.mjs",
        (
            "casework-referral.png",
            "casework-transition.png",
            "casework-timeline.png",
            "casework-referrals.png",
            "casework-statement.png",
            "casework-reopened.png",
        ),
        min_bytes=5_000,
    ),
    Journey(
        "a_volunteer_takes_a_care_task_and_records_it_on_a_phone",
        "volunteer.test.mjs",
        (
            "volunteer-tasks.png",
            "volunteer-record.png",
            "volunteer-recorded.png",
            "volunteer-timeline.png",
            "grid-report.png",
            "grid-queue.png",
        ),
        min_bytes=5_000,
    ),
    Journey(
        "an_enterprise_posts_a_job_and_sees_anonymised_candidates",
        "jobs.test.mjs",
        ("jobs-enterprise.png", "jobs-station.png"),
        min_bytes=5_000,
    ),
    Journey(
        "a_charity_adopts_a_need_through_to_evidence_and_the_station_and_statement_show_it",
        "market.test.mjs",
        (
            "market-home.png",
            "market-board.png",
            "market-adopted.png",
            "market-fulfilled.png",
            "market-station.png",
            "market-statement.png",
        ),
    ),
    Journey(
        "network_coordinator_lands_filters_and_opens_a_single_point_worker",
        "network.test.mjs",
        ("network-county.png", "network-single-point.png", "network-household.png"),
    ),
    Journey(
        "coordinator_dashboard_drill_down_list_and_export",
        "dashboard.test.mjs",
        ("dashboard-county.png", "dashboard-township.png", "dashboard-list.png"),
        fresh=("dashboard.xlsx",),
        then=_dashboard_export_matches_the_page,
    ),
    Journey(
        "a_case_conference_is_convened_held_and_followed_up_on_a_phone",
        "conference.test.mjs",
        ("conference-convene.png", "conference-held.png", "conference-timeline.png"),
        min_bytes=5_000,
    ),
    Journey(
        "one_case_from_a_walk_in_request_to_an_exit_with_a_transition",
        "case_journey.test.mjs",
        (
            "journey-intake.png",
            "journey-registered.png",
            "journey-assigned.png",
            "journey-my-day.png",
            "journey-visit-form.png",
            "journey-visit.png",
            "journey-referral.png",
            "journey-feedback.png",
            "journey-closed.png",
            "journey-timeline.png",
            "journey-worker-transition.png",
        ),
        min_bytes=5_000,
    ),
)


@pytest.mark.parametrize("journey", JOURNEYS, ids=[j.story for j in JOURNEYS])
def test_journey(journey: Journey, app: AppProcess, output_dir: Path) -> None:
    for name in journey.fresh:
        (output_dir / name).unlink(missing_ok=True)
    done = _run_e2e(journey.script, app, output_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# skipped 0" in done.stdout and "# pass 1" in done.stdout, done.stdout
    for shot in journey.shots:
        assert (output_dir / shot).stat().st_size > journey.min_bytes, shot
    if journey.then is not None:
        journey.then(done, output_dir)


def test_every_page_of_every_role_in_chinese_shows_no_ids_and_no_codes(
    app: AppProcess, output_dir: Path
) -> None:
    # Last: the journeys above leave plans, visits and alerts for the pages to show.
    done = _run_e2e("language.test.mjs", app, output_dir, timeout=1200)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# skipped 0" in done.stdout and "# pass 2" in done.stdout, done.stdout
