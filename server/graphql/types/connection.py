"""Relay-style connections: `totalCount`, `pageInfo`, `edges { cursor node }`."""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

import strawberry
from graphql import GraphQLError

T = TypeVar("T")
R = TypeVar("R")

MAX_PAGE = 100


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    total_count: int
    page_info: PageInfo
    edges: list[Edge[T]]


def encode_cursor(key: str) -> str:
    return base64.urlsafe_b64encode(key.encode()).decode()


def decode_cursor(cursor: str | None) -> str | None:
    if cursor is None:
        return None
    try:
        return base64.urlsafe_b64decode(cursor.encode()).decode()
    except (ValueError, UnicodeDecodeError) as exc:
        raise GraphQLError(
            "after: not a cursor this API returned", extensions={"code": "BAD_USER_INPUT"}
        ) from exc


def page_size(first: int) -> int:
    if not 1 <= first <= MAX_PAGE:
        raise GraphQLError(
            f"first: must be between 1 and {MAX_PAGE}", extensions={"code": "BAD_USER_INPUT"}
        )
    return first


def connection(
    rows: Sequence[R], *, first: int, total: int, key: Callable[[R], str], node: Callable[[R], T]
) -> Connection[T]:
    """`rows` holds up to first + 1 items: the extra one only says there is a next page."""
    shown = rows[:first]
    edges = [Edge(cursor=encode_cursor(key(r)), node=node(r)) for r in shown]
    return Connection(
        total_count=total,
        page_info=PageInfo(
            has_next_page=len(rows) > first, end_cursor=edges[-1].cursor if edges else None
        ),
        edges=edges,
    )
