"""Running one write transaction for a use case: the graph's refusals (a missing node, a
stale version, a rule that depends on other nodes, a duplicate value) become domain errors,
and a domain error raised by the transaction's `decide` rolls everything back."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from graph.driver import Graph
from graph.registry_writes import (
    DuplicateValue,
    EntityMissing,
    RuleBroken,
    VersionMismatch,
    execute_write,
)
from server.registry.validation import FieldError
from server.services.errors import (
    DUPLICATE_ID_NUMBER,
    DomainError,
    EntityNotFound,
    InvalidFields,
    StateConflict,
    VersionConflict,
)

T = TypeVar("T")


def _duplicate_id_number(duplicate: DuplicateValue, field: str) -> DomainError:
    if duplicate.key != "id_number":
        return StateConflict("DUPLICATE_VALUE", str(duplicate), field)
    return InvalidFields(
        [
            FieldError(
                field,
                "This ID number is already registered in a household; a person belongs to "
                "one household only.",
                DUPLICATE_ID_NUMBER,
            )
        ]
    )


async def run_write(
    graph: Graph,
    tx_fn: Callable[..., Awaitable[T]],
    /,
    *,
    id_number_field: Callable[[str], str] | None = None,
    **kwargs: Any,
) -> T:
    """Run `tx_fn` in one write transaction; what the graph refuses becomes a refusal.

    `id_number_field` names the input field a duplicate ID number came from.
    """
    try:
        result: T = await execute_write(graph, tx_fn, **kwargs)
    except EntityMissing as exc:
        raise EntityNotFound(exc.entity, exc.entity_id, exc.field) from exc
    except VersionMismatch as exc:
        raise VersionConflict(exc.entity, exc.entity_id, exc.current_version) from exc
    except RuleBroken as exc:
        raise StateConflict(exc.code, exc.message, exc.field) from exc
    except DuplicateValue as exc:
        field = id_number_field(exc.value) if id_number_field else exc.key
        raise _duplicate_id_number(exc, field) from exc
    return result
