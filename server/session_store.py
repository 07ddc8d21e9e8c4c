"""What the web server keeps in Redis about signing in: failed-login counters with
exponential back-off, and the tokens signed out before they expire.

Keys hold digests, never a username or an address. When Redis is down both fail open (the
login is not throttled, a logged-out token is not recognised) and say so in the log: reads
keep working without Redis, and a user's token version still cuts every session.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from dataclasses import dataclass
from typing import Final

from redis.asyncio import Redis
from redis.exceptions import RedisError

from server.settings import Limits

log = logging.getLogger("bangfu.sessions")

PREFIX: Final = "bangfu:login"
REVOKED_PREFIX: Final = "bangfu:revoked"
MAX_EXPONENT: Final = 20


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def backoff_seconds(failures: int, free: int, limits: Limits) -> int:
    """0 within the free failures; then base, 2·base, 4·base, ... up to the maximum."""
    if failures <= free:
        return 0
    exponent = min(failures - free - 1, MAX_EXPONENT)
    return int(min(limits.login_backoff_base_s * 2**exponent, limits.login_backoff_max_s))


@dataclass(frozen=True, slots=True)
class LoginThrottle:
    redis: Redis
    limits: Limits

    def _subjects(self, username: str, address: str) -> list[tuple[str, int]]:
        return [
            (
                f"{PREFIX}:user:{_digest(username.strip().lower())}",
                self.limits.login_user_free_failures,
            ),
            (f"{PREFIX}:addr:{_digest(address)}", self.limits.login_address_free_failures),
        ]

    async def retry_after(self, username: str, address: str) -> int:
        """Seconds until this username and address may try again; 0 when they may now."""
        try:
            waits = [
                await self.redis.pttl(f"{key}:lock") for key, _ in self._subjects(username, address)
            ]
        except RedisError as exc:
            log.warning("login throttle unavailable (%s): not throttling", type(exc).__name__)
            return 0
        return max((math.ceil(ms / 1000) for ms in waits if ms > 0), default=0)

    async def failed(self, username: str, address: str) -> None:
        try:
            for key, free in self._subjects(username, address):
                failures = int(await self.redis.incr(f"{key}:n"))
                await self.redis.expire(f"{key}:n", self.limits.login_failure_window_s)
                wait = backoff_seconds(failures, free, self.limits)
                if wait:
                    await self.redis.set(f"{key}:lock", b"1", ex=wait)
        except RedisError as exc:
            log.warning("login throttle unavailable (%s): failure not counted", type(exc).__name__)

    async def succeeded(self, username: str, address: str) -> None:
        """A right password clears the username's count, not the address's."""
        key, _ = self._subjects(username, address)[0]
        try:
            await self.redis.delete(f"{key}:n", f"{key}:lock")
        except RedisError as exc:
            log.warning("login throttle unavailable (%s)", type(exc).__name__)


async def revoke_token(redis: Redis, token_id: str, expires: int) -> None:
    """Remember a signed-out token until it would have expired anyway."""
    ttl = max(1, expires - int(time.time()) + 1)
    await redis.set(f"{REVOKED_PREFIX}:{token_id}", b"1", ex=ttl)


async def is_token_revoked(redis: Redis, token_id: str) -> bool:
    try:
        return bool(await redis.exists(f"{REVOKED_PREFIX}:{token_id}"))
    except RedisError as exc:
        log.warning("token revocation list unavailable (%s)", type(exc).__name__)
        return False
