"""Excel exports that keep text as text.

openpyxl turns a string starting with "=" into a live formula and "#N/A" into an error cell, and Excel runs a
cell starting with "=", "+", "-" or "@" as a formula once someone edits it.  Tickets, duty-log entries and contacts
carry other people's own text, so every exported string is written as a string cell, and text that a spreadsheet
would read as a formula (OWASP "CSV injection": a leading =, +, -, @, tab or carriage return) also gets Excel's
quote prefix, which keeps it text when edited while the text itself stays exactly what was stored.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # openpyxl is imported only when exporting
    from openpyxl import Workbook
    from openpyxl.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def as_text(cell: Cell) -> Cell:
    """Make ``cell`` hold its string value as a string (never a formula or an error), quote-prefixed when it could
    read as one; other values are left as they are."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if cell.value.startswith(FORMULA_LEADS):
            cell.quotePrefix = True
    return cell


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """``sheet.append(values)`` with every string written as text (see :func:`as_text`)."""
    from openpyxl.cell import WriteOnlyCell  # a cell to append: append gives it its row and column

    sheet.append([as_text(WriteOnlyCell(sheet, value=v)) if isinstance(v, str) else v for v in values])


def write_cell(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    """``sheet.cell(row, column, value)`` with a string written as text."""
    return as_text(sheet.cell(row=row, column=column, value=value))


def workbook_bytes(book: Workbook) -> bytes:
    """The workbook as the bytes of an .xlsx file."""
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
