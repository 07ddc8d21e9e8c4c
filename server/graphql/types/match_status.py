"""The states and outcomes of a match, as GraphQL enums (apart from `Match` so that the
error types can name them without importing the match type)."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(
    description="配对状态: PROPOSED 拟配对, ACTIVE 帮扶中, CLOSED 已结案, REJECTED 未采纳, "
    "TRANSFERRED 已移交, NOT_SELECTED 方案未选用"
)
class MatchStatus(Enum):
    PROPOSED = "PROPOSED"
    ACTIVE = "ACTIVE"
    CLOSED = "CLOSED"
    REJECTED = "REJECTED"
    TRANSFERRED = "TRANSFERRED"
    NOT_SELECTED = "NOT_SELECTED"
    # Ended by an approved plan that covers the household no more (priority before continuity).
    RELEASED = "RELEASED"


@strawberry.enum(
    description="结案结果: STABLE 情况稳定, EXITED 脱困退出 (6–12 个月渐退期), REFERRED 转介, "
    "MOVED 迁出, DECEASED 去世"
)
class MatchOutcome(Enum):
    STABLE = "STABLE"
    EXITED = "EXITED"
    REFERRED = "REFERRED"
    MOVED = "MOVED"
    DECEASED = "DECEASED"
