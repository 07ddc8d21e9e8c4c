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


def _run_e2e(name: str, app: AppProcess, output_dir: Path) -> subprocess.CompletedProcess[str]:
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
        timeout=300,
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


def test_a_station_manager_registers_and_edits_a_household_on_a_phone(
    app: AppProcess, output_dir: Path
) -> None:
    done = _run_e2e("household.test.mjs", app, output_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# skipped 0" in done.stdout and "# pass 1" in done.stdout, done.stdout
    for shot in ("household-create-errors.png", "household-created.png", "household-edit.png"):
        assert (output_dir / shot).stat().st_size > 10_000


def test_a_hand_made_change_sets_aside_only_its_household_and_the_rest_is_approved(
    app: AppProcess, output_dir: Path
) -> None:
    done = _run_e2e("approval.test.mjs", app, output_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# skipped 0" in done.stdout and "# pass 1" in done.stdout, done.stdout
    for shot in ("approval-stale.png", "approval-partial.png"):
        assert (output_dir / shot).stat().st_size > 10_000
