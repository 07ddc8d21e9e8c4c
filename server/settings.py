"""Configuration from environment variables, with the defaults `make run` uses.

Every setting is documented in README.md (section "Settings").
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from server.clock import DEFAULT_TIMEZONE, Clock, clock_for

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SettingsError(f"{name} must be an integer, got {raw!r}") from exc


class SettingsError(ValueError):
    """A setting has a value the app cannot use."""


def _timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise SettingsError(f"BANGFU_TIMEZONE must be an IANA zone, got {name!r}") from exc
    return name


def _fixed_now(raw: str | None, environment: str) -> datetime | None:
    """BANGFU_FIXED_NOW stops the clock for a test server; production ignores it."""
    if not raw or environment == "production":
        return None
    try:
        at = datetime.fromisoformat(raw)
    except ValueError as exc:
        raise SettingsError(f"BANGFU_FIXED_NOW must be an ISO date-time, got {raw!r}") from exc
    if at.tzinfo is None:
        raise SettingsError("BANGFU_FIXED_NOW needs an offset, e.g. 2026-12-01T17:00:00+00:00")
    return at


@dataclass(frozen=True, slots=True)
class Limits:
    """Abuse limits (issue 8): request bodies, password hashing, login throttle, uploads, logs.

    Each has an environment variable, listed with its default in README.md."""

    max_json_body: int = 1024 * 1024  # bytes of a JSON POST
    max_upload_body: int = 20 * 1024 * 1024  # bytes of a multipart POST (file uploads)
    hash_threads: int = 2  # argon2 hashing runs in at most this many threads
    login_user_free_failures: int = 5  # wrong passwords per username before back-off
    login_address_free_failures: int = 20  # failed logins per client address before back-off
    login_backoff_base_s: int = 2  # first back-off; doubles with each further failure
    login_backoff_max_s: int = 900
    login_failure_window_s: int = 900  # failures older than this are forgotten
    upload_ttl_s: int = 900  # an uploaded file waits at most this long for its job
    traceback_interval_s: int = 60  # one traceback per error class per interval in the log

    @classmethod
    def from_env(cls, e: Mapping[str, str]) -> Limits:
        d = cls()
        limits = cls(
            max_json_body=_int(e, "BANGFU_MAX_JSON_BODY", d.max_json_body),
            max_upload_body=_int(e, "BANGFU_MAX_UPLOAD_BODY", d.max_upload_body),
            hash_threads=_int(e, "BANGFU_HASH_THREADS", d.hash_threads),
            login_user_free_failures=_int(
                e, "BANGFU_LOGIN_USER_FREE_FAILURES", d.login_user_free_failures
            ),
            login_address_free_failures=_int(
                e, "BANGFU_LOGIN_ADDRESS_FREE_FAILURES", d.login_address_free_failures
            ),
            login_backoff_base_s=_int(e, "BANGFU_LOGIN_BACKOFF_BASE", d.login_backoff_base_s),
            login_backoff_max_s=_int(e, "BANGFU_LOGIN_BACKOFF_MAX", d.login_backoff_max_s),
            login_failure_window_s=_int(e, "BANGFU_LOGIN_FAILURE_WINDOW", d.login_failure_window_s),
            upload_ttl_s=_int(e, "BANGFU_UPLOAD_TTL", d.upload_ttl_s),
            traceback_interval_s=_int(e, "BANGFU_TRACEBACK_INTERVAL", d.traceback_interval_s),
        )
        for name in limits.__slots__:
            if getattr(limits, name) < 1:
                raise SettingsError(f"limit {name} must be at least 1")
        return limits


@dataclass(frozen=True, slots=True)
class Settings:
    environment: str  # development | production | test
    host: str
    port: int
    neo4j_uri: str | None  # None: start the embedded launcher
    neo4j_user: str
    neo4j_password: str
    neo4j_database: str | None
    neo4j_bolt_port: int
    neo4j_heap: str
    redis_url: str | None  # None: start Debian's redis-server on loopback
    redis_port: int
    # Caps every arq job's timeout. A job whose worker died runs again only after its
    # timeout + 10 s (arq has no heartbeat), so the fault tests set it low.
    job_timeout_s: int | None
    data_dir: Path
    demo: bool
    demo_password: str
    demo_households: int
    demo_seed: int
    secret_key: str | None
    token_ttl_s: int
    frontend_dist: Path
    limits: Limits = Limits()
    timezone: str = DEFAULT_TIMEZONE  # "today" is this zone's date
    fixed_now: datetime | None = None  # tests only: the clock stands still at this instant
    claim_days: int = 7  # an adoption nothing happened to reopens its need after this many days
    grid_report_hours: float = 48.0  # the station's time limit to confirm a grid report
    web_workers: int = 1  # uvicorn worker processes of `bangfu serve`

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        e = os.environ if env is None else env
        environment = e.get("BANGFU_ENV", "development")
        if environment not in {"development", "production", "test"}:
            raise SettingsError(
                f"BANGFU_ENV must be development, production or test, got {environment!r}"
            )
        data_dir = Path(e.get("BANGFU_DATA_DIR") or PROJECT_ROOT / "var")
        return cls(
            environment=environment,
            host=e.get("BANGFU_HOST", "127.0.0.1"),
            port=_int(e, "BANGFU_PORT", 8000),
            neo4j_uri=e.get("NEO4J_URI") or None,
            neo4j_user=e.get("NEO4J_USER", "neo4j"),
            neo4j_password=e.get("NEO4J_PASSWORD", ""),
            neo4j_database=e.get("NEO4J_DATABASE") or None,
            neo4j_bolt_port=_int(e, "NEO4J_BOLT_PORT", 7687),
            neo4j_heap=e.get("BANGFU_NEO4J_HEAP", "1g"),
            redis_url=e.get("REDIS_URL") or None,
            redis_port=_int(e, "REDIS_PORT", 6379),
            job_timeout_s=_int(e, "BANGFU_JOB_TIMEOUT", 0) or None,
            data_dir=data_dir,
            demo=_bool(e.get("BANGFU_DEMO"), environment != "production"),
            demo_password=e.get("BANGFU_DEMO_PASSWORD", "bangfu-demo"),
            demo_households=_int(e, "BANGFU_DEMO_HOUSEHOLDS", 10_000),
            demo_seed=_int(e, "BANGFU_DEMO_SEED", 1),
            secret_key=e.get("BANGFU_SECRET_KEY") or None,
            token_ttl_s=_int(e, "BANGFU_TOKEN_TTL", 12 * 3600),
            frontend_dist=Path(e.get("BANGFU_FRONTEND_DIST") or PROJECT_ROOT / "frontend" / "dist"),
            limits=Limits.from_env(e),
            timezone=_timezone(e.get("BANGFU_TIMEZONE") or DEFAULT_TIMEZONE),
            fixed_now=_fixed_now(e.get("BANGFU_FIXED_NOW"), environment),
            claim_days=max(1, _int(e, "BANGFU_CLAIM_DAYS", 7)),
            grid_report_hours=_int(e, "BANGFU_GRID_REPORT_HOURS", 48),
            web_workers=max(1, _int(e, "BANGFU_WEB_WORKERS", 1)),
        )

    def clock(self) -> Clock:
        return clock_for(timezone=self.timezone, fixed_now=self.fixed_now)

    @property
    def effective_neo4j_uri(self) -> str:
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.neo4j_bolt_port}"

    @property
    def effective_redis_url(self) -> str:
        return self.redis_url or f"redis://127.0.0.1:{self.redis_port}/0"

    @property
    def neo4j_auth(self) -> tuple[str, str] | None:
        # The embedded launcher listens on loopback only, with authentication off.
        if self.neo4j_uri is None or not self.neo4j_password:
            return None
        return (self.neo4j_user, self.neo4j_password)

    @property
    def graphiql(self) -> bool:
        return self.environment != "production"
