"""Writing sheets of rows into a real .xlsx (openpyxl), safe against formula injection.

A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return would be read
by a spreadsheet as a formula (OWASP "CSV injection"); such text is written with a leading
apostrophe and as a string cell, so it shows as typed and never runs.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CellValue = str | int | float | date | datetime | None


def safe_text(text: str) -> str:
    """Text a spreadsheet shows as typed: formula starts are escaped with an apostrophe."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@dataclass(frozen=True, slots=True)
class Column:
    header: str  # Chinese, as the sheet shows it
    value: Callable[[Mapping[str, Any]], CellValue]
    casework_only: bool = False  # identity or household detail: only identity roles
    sketch_only: bool = False  # shown to the roles without identity instead


@dataclass(frozen=True, slots=True)
class Sheet:
    title: str
    columns: tuple[Column, ...]
    rows: Sequence[Mapping[str, Any]]


def visible_columns(columns: Sequence[Column], casework: bool) -> list[Column]:
    return [
        c
        for c in columns
        if (c.casework_only and casework)
        or (c.sketch_only and not casework)
        or not (c.casework_only or c.sketch_only)
    ]


def _cell(value: CellValue) -> CellValue:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # Excel has no zones; the value is already local
    if isinstance(value, str):
        return safe_text(value)
    return value


def write_workbook(sheets: Sequence[Sheet], *, casework: bool) -> tuple[bytes, int]:
    """The workbook's bytes and how many data rows it holds."""
    book = Workbook()
    first = True
    rows_written = 0
    bold = Font(bold=True)
    for sheet in sheets:
        ws = book.active if first else book.create_sheet()
        assert ws is not None
        first = False
        ws.title = sheet.title[:31]
        columns = visible_columns(sheet.columns, casework)
        ws.append([c.header for c in columns])
        for cell in ws[1]:
            cell.font = bold
        for row in sheet.rows:
            ws.append([_cell(c.value(row)) for c in columns])
            rows_written += 1
        for cells in ws.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = TYPE_STRING  # never a formula, whatever it starts with
        for i, c in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = max(8, len(c.header) * 2 + 2)
        ws.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), rows_written
