"""Dashboard exports: the board as a PNG, a PDF (the picture, then each tile's figures as a table), its tables to
Excel (one sheet per tile); a drill-down's records to Excel."""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

from citybrain.core.api import append_row
from citybrain.plugins.metrics import dashboards as dash
from citybrain.shell.api import tr
from citybrain.widgets import write_pdf


def write(kind: str, board, path: str | Path, title: str) -> Path:  # noqa: ANN001 - a DashboardBoard
    path = Path(path)
    if kind == "png":
        if not board.grab().save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        return path
    if kind == "pdf":
        with tempfile.TemporaryDirectory() as folder:
            picture = Path(folder) / "board.png"
            board.grab().save(str(picture), "PNG")
            return write_pdf(pdf_html(board, title, picture), path, title)
    if kind == "xlsx":
        return write_tables(board, path)
    raise ValueError(f"export to png, pdf or xlsx, not {kind!r}")


def pdf_html(board, title: str, picture: Path) -> str:  # noqa: ANN001
    parts = [f"<h2>{html.escape(title)}</h2>", f'<img src="{picture}" width="680">']
    for widget in board.tiles:
        parts.append(f"<h4>{html.escape(widget.caption)}</h4>")
        cells = "".join(
            f"<tr><td>{html.escape(str(name))}</td><td align='right'>"
            f"{html.escape(dash.figure(widget.kpi, value))}</td></tr>"
            for name, value in widget.rows
        )
        parts.append(f"<table border='1' cellspacing='0' cellpadding='3'>{cells}</table>")
    return "".join(parts)


def write_tables(board, path: Path) -> Path:  # noqa: ANN001
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.worksheets[0])
    for n, widget in enumerate(board.tiles, start=1):
        sheet = book.create_sheet(f"{n} {widget.tile.metric}"[:31])
        append_row(sheet, [tr("Metrics", "Group"), tr("Metrics", "Value"), widget.kpi.get("unit", "")])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for name, value in widget.rows:
            append_row(sheet, [name, value])
    book.save(path)
    return path


def write_records(records: list[dict], path: str | Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.worksheets[0]
    columns = list(records[0]) if records else []
    append_row(sheet, columns)
    for record in records:
        append_row(sheet, [record[c] for c in columns])
    book.save(path)
    return Path(path)
