"""Request-scoped DataLoaders for matches, their visits and user names.

They live on the request's `state` (Starlette's per-request attribute bag) rather than in
`server.loaders.Loaders`, so this feature could land without editing that shared module;
moving them there later changes no caller but `follow_up_loaders`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from strawberry.dataloader import DataLoader

from graph.match_lifecycle import MatchRecord, matches_by_id
from graph.timeline import user_names_by_id
from graph.visits import VisitRecord, visits_by_match
from server.context import Context


@dataclass(frozen=True, slots=True)
class FollowUpLoaders:
    match: DataLoader[str, MatchRecord | None]  # out of the caller's scope reads as None
    visits: DataLoader[str, list[VisitRecord]]  # by match id, newest first
    user_name: DataLoader[str, str | None]


def follow_up_loaders(ctx: Context) -> FollowUpLoaders:
    state = ctx.request.state
    existing = getattr(state, "follow_up_loaders", None)
    if isinstance(existing, FollowUpLoaders):
        return existing

    async def load_matches(ids: Sequence[str]) -> list[MatchRecord | None]:
        return await matches_by_id(ctx.graph, ids, scope=await ctx.loaders.scope())

    async def load_visits(ids: Sequence[str]) -> list[list[VisitRecord]]:
        return await visits_by_match(ctx.graph, ids)

    async def load_names(ids: Sequence[str]) -> list[str | None]:
        return await user_names_by_id(ctx.graph, list(ids))

    loaders = FollowUpLoaders(
        match=DataLoader(load_fn=load_matches, max_batch_size=1000),
        visits=DataLoader(load_fn=load_visits, max_batch_size=1000),
        user_name=DataLoader(load_fn=load_names, max_batch_size=1000),
    )
    state.follow_up_loaders = loaders
    return loaders
