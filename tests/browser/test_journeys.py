"""The main journeys in headless Chromium (Debian's), driven by playwright-core from
`frontend/e2e/`, against the real app; screenshots land in tests/output/."""

from __future__ import annotations

import os
import shutil
import subprocess
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


def test_login_and_browse_households(app: AppProcess, output_dir: Path) -> None:
    done = _run_e2e("login.test.mjs", app, output_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# skipped 0" in done.stdout and "# pass 1" in done.stdout, done.stdout
    for shot in ("login.png", "households.png", "household.png"):
        assert (output_dir / shot).stat().st_size > 10_000


# Before the caseload journey: it needs a station with households not yet paired, and the
# caseload journey approves a whole plan.
def test_a_hand_made_change_sets_aside_only_its_household_and_the_rest_is_approved(
    app: AppProcess, output_dir: Path
) -> None:
    done = _run_e2e("approval.test.mjs", app, output_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# skipped 0" in done.stdout and "# pass 1" in done.stdout, done.stdout
    for shot in ("approval-stale.png", "approval-partial.png"):
        assert (output_dir / shot).stat().st_size > 10_000


def test_caseload_board_plan_review_and_approval(app: AppProcess, output_dir: Path) -> None:
    done = _run_e2e("caseload.test.mjs", app, output_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# skipped 0" in done.stdout and "# pass 1" in done.stdout, done.stdout
    for shot in ("caseload-board.png", "caseload-plan.png", "caseload-approved.png"):
        assert (output_dir / shot).stat().st_size > 10_000


def test_a_worker_records_a_visit_on_a_phone_and_sees_it_on_the_timeline(
    app: AppProcess, output_dir: Path
) -> None:
    done = _run_e2e("visit.test.mjs", app, output_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# skipped 0" in done.stdout and "# pass 1" in done.stdout, done.stdout
    for shot in ("my-day.png", "visit-form.png", "timeline.png"):
        assert (output_dir / shot).stat().st_size > 10_000


def test_rounds_a_worker_plans_today_on_a_phone_and_the_station_sees_the_day(
    app: AppProcess, output_dir: Path
) -> None:
    done = _run_e2e("rounds.test.mjs", app, output_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# skipped 0" in done.stdout and "# pass 1" in done.stdout, done.stdout
    for shot in (
        "rounds-worker.png",
        "rounds-worker-sheet.png",
        "rounds-station.png",
        "rounds-station-week.png",
    ):
        assert (output_dir / shot).stat().st_size > 10_000


def test_a_walk_in_request_becomes_a_household_registered_and_edited_on_a_phone(
    app: AppProcess, output_dir: Path
) -> None:
    done = _run_e2e("household.test.mjs", app, output_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# skipped 0" in done.stdout and "# pass 1" in done.stdout, done.stdout
    for shot in (
        "household-intake.png",
        "household-create-errors.png",
        "household-created.png",
        "household-edit.png",
    ):
        assert (output_dir / shot).stat().st_size > 10_000


def test_casework_referral_close_with_transition_and_reopen(
    app: AppProcess, output_dir: Path
) -> None:
    done = _run_e2e("casework.test.mjs", app, output_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# skipped 0" in done.stdout and "# pass 1" in done.stdout, done.stdout
    for shot in (
        "casework-referral.png",
        "casework-transition.png",
        "casework-timeline.png",
        "casework-referrals.png",
        "casework-statement.png",
        "casework-reopened.png",
    ):
        assert (output_dir / shot).stat().st_size > 5_000


def test_a_volunteer_takes_a_care_task_and_records_it_on_a_phone(
    app: AppProcess, output_dir: Path
) -> None:
    done = _run_e2e("volunteer.test.mjs", app, output_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# skipped 0" in done.stdout and "# pass 1" in done.stdout, done.stdout
    for shot in (
        "volunteer-tasks.png",
        "volunteer-record.png",
        "volunteer-recorded.png",
        "volunteer-timeline.png",
        "grid-report.png",
        "grid-queue.png",
    ):
        assert (output_dir / shot).stat().st_size > 5_000


def test_an_enterprise_posts_a_job_and_sees_anonymised_candidates(
    app: AppProcess, output_dir: Path
) -> None:
    done = _run_e2e("jobs.test.mjs", app, output_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# skipped 0" in done.stdout and "# pass 1" in done.stdout, done.stdout
    for shot in ("jobs-enterprise.png", "jobs-station.png"):
        assert (output_dir / shot).stat().st_size > 5_000


def test_a_charity_adopts_a_need_through_to_evidence_and_the_station_and_statement_show_it(
    app: AppProcess, output_dir: Path
) -> None:
    done = _run_e2e("market.test.mjs", app, output_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# skipped 0" in done.stdout and "# pass 1" in done.stdout, done.stdout
    for shot in (
        "market-home.png",
        "market-board.png",
        "market-adopted.png",
        "market-fulfilled.png",
        "market-station.png",
        "market-statement.png",
    ):
        assert (output_dir / shot).stat().st_size > 10_000


def test_network_coordinator_lands_filters_and_opens_a_single_point_worker(
    app: AppProcess, output_dir: Path
) -> None:
    done = _run_e2e("network.test.mjs", app, output_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# skipped 0" in done.stdout and "# pass 1" in done.stdout, done.stdout
    for shot in ("network-county.png", "network-single-point.png", "network-household.png"):
        assert (output_dir / shot).stat().st_size > 10_000


def test_coordinator_dashboard_drill_down_list_and_export(
    app: AppProcess, output_dir: Path
) -> None:
    from openpyxl import load_workbook

    exported = output_dir / "dashboard.xlsx"
    exported.unlink(missing_ok=True)
    done = _run_e2e("dashboard.test.mjs", app, output_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# skipped 0" in done.stdout and "# pass 1" in done.stdout, done.stdout
    for shot in ("dashboard-county.png", "dashboard-township.png", "dashboard-list.png"):
        assert (output_dir / shot).stat().st_size > 10_000
    # the file the browser downloaded: the township's villages, with Chinese headers
    book = load_workbook(exported)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:3] == ("地区", "户数", "已落实社工")
    assert len(rows) > 1 and all(isinstance(r[1], int) for r in rows[1:])
    first = int(done.stdout.split("villages-first ")[1].split()[0])
    assert rows[1][1] == first  # the same number the page showed for the first village
    assert [ws.title for ws in book.worksheets][1:] == ["社工站", "预警", "需求"]


def test_a_case_conference_is_convened_held_and_followed_up_on_a_phone(
    app: AppProcess, output_dir: Path
) -> None:
    done = _run_e2e("conference.test.mjs", app, output_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# skipped 0" in done.stdout and "# pass 1" in done.stdout, done.stdout
    for shot in ("conference-convene.png", "conference-held.png", "conference-timeline.png"):
        assert (output_dir / shot).stat().st_size > 5_000


def test_one_case_from_a_walk_in_request_to_an_exit_with_a_transition(
    app: AppProcess, output_dir: Path
) -> None:
    done = _run_e2e("case_journey.test.mjs", app, output_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# skipped 0" in done.stdout and "# pass 1" in done.stdout, done.stdout
    for shot in (
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
    ):
        assert (output_dir / shot).stat().st_size > 5_000


def test_every_page_of_every_role_in_chinese_shows_no_ids_and_no_codes(
    app: AppProcess, output_dir: Path
) -> None:
    # Last: the journeys above leave plans, visits and alerts for the pages to show.
    done = _run_e2e("language.test.mjs", app, output_dir, timeout=1200)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# skipped 0" in done.stdout and "# pass 2" in done.stdout, done.stdout
