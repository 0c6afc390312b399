"""A table exported as the operator sees it: the rows its filter shows, in its order, its columns' text.

What a desk holds is already only what its session may read (the daemon sends nothing else), so exporting the
view's own rows never hands out more than the reader may see; a plugin's full export (every row, every field)
stays a daemon query with its own role.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, Qt

from citybrain.core.exports import append_row

MAX_ROWS = 1_048_575  # one Excel sheet, under its header row


def visible_rows(model: QAbstractItemModel) -> tuple[list[str], list[list[str]]]:
    """The header and each shown row's text (DisplayRole), as the view draws them."""
    columns = range(model.columnCount())
    header = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in columns]
    rows = [[str(model.data(model.index(r, c)) or "") for c in columns] for r in range(min(model.rowCount(), MAX_ROWS))]
    return header, rows


def export_xlsx(model: QAbstractItemModel, path: Path, title: str) -> int:
    """Write the shown rows to ``path``; returns how many.  Written to a temporary file first, then renamed, so a
    failed export never leaves half a workbook under the operator's chosen name."""
    from openpyxl import Workbook  # only when exporting: not needed to show the desk

    header, rows = visible_rows(model)
    book = Workbook()
    sheet = book.worksheets[0]  # a new workbook's one sheet (``active`` may be None, to the type checker)
    sheet.title = title[:31] or "Sheet"
    append_row(sheet, header)  # strings stay text: a cell of "=…" from a ticket never becomes a formula
    for row in rows:
        append_row(sheet, row)
    partial = path.with_name(path.name + ".part")
    book.save(partial)
    partial.replace(path)
    return len(rows)
