"""A daemon plugin for the sheet tests: an importer that reads a sheet through core.sheets and writes nothing."""

from __future__ import annotations

import threading

from citybrain.core.api import ImporterSpec, ImportReport, hookimpl
from citybrain.core.sheets import read_sheet

READ_IN: list[str] = []  # the thread each import's importer ran in


def import_rows(tx, filename, data):
    READ_IN.append(threading.current_thread().name)
    sheet = read_sheet(filename, data)
    return ImportReport(
        "sheet.rows",
        rows=len(sheet.rows),
        imported=len(sheet.rows),
        notes=[f"{number}:{cells}" for number, cells in sheet.rows[:5]],
    )


@hookimpl
def citybrain_importers():
    return [ImporterSpec("sheet.rows", import_rows, title="Rows of a sheet, counted", extensions=(".xlsx", ".csv"))]
