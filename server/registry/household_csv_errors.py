"""The import file's row errors: what they say, their codes, the order they are listed in."""

from dataclasses import dataclass
from typing import Final

from matching.approval import ParamValue
from server.registry.household_csv_format import COLUMNS


@dataclass(frozen=True, slots=True)
class RowError:
    line: int  # 1-based physical line of the file; the header is line 1
    column: str  # canonical column name, "" for the whole row or file
    reason: str  # an English line for logs and developers; pages translate `code`
    code: str  # a validation code, or one of the file-level codes below
    params: tuple[tuple[str, ParamValue], ...] = ()  # what the page's message is filled with


# Identity (names, ID numbers, phones, addresses, home coordinates) is never echoed back in
# an error: the line and column find the cell.
_IDENTITY_COLUMNS: Final = frozenset(
    {"member_name", "member_id_number", "phone", "address", "lat", "lon"}
)


def shown_value(column: str, value: str) -> tuple[tuple[str, ParamValue], ...]:
    """The bad cell's value as a message parameter, unless it is identity or blank."""
    return (("value", value),) if value and column not in _IDENTITY_COLUMNS else ()


INVALID_ENCODING: Final = "INVALID_ENCODING"
EMPTY_FILE: Final = "EMPTY_FILE"
MISSING_COLUMN: Final = "MISSING_COLUMN"
DUPLICATE_COLUMN: Final = "DUPLICATE_COLUMN"
EXTRA_CELLS: Final = "EXTRA_CELLS"
INCONSISTENT_HOUSEHOLD: Final = "INCONSISTENT_HOUSEHOLD"
NO_HEAD: Final = "NO_HEAD"
SEVERAL_HEADS: Final = "SEVERAL_HEADS"
DUPLICATE_ID_NUMBER: Final = "DUPLICATE_ID_NUMBER"
INVALID_FORMAT: Final = "INVALID_FORMAT"


_COLUMN_ORDER: Final = {c: i for i, c in enumerate(("", *COLUMNS))}


def sorted_errors(errors: list[RowError]) -> tuple[RowError, ...]:
    """In line order, a line's errors in column order (stable: as found within a cell)."""
    return tuple(
        sorted(errors, key=lambda e: (e.line, _COLUMN_ORDER.get(e.column, len(_COLUMN_ORDER))))
    )


def duplicate_id_numbers(id_lines: list[tuple[int, str]]) -> list[RowError]:
    """Every row whose ID number an earlier row already has; `id_lines` in line order."""
    first_lines: dict[str, int] = {}
    errors = []
    for line, id_number in id_lines:
        first = first_lines.setdefault(id_number, line)
        if first != line:
            reason = f"The ID number is already on line {first}."
            at = (("firstLine", first),)
            errors.append(RowError(line, "member_id_number", reason, DUPLICATE_ID_NUMBER, at))
    return errors
