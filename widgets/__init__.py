"""The widgets a plugin's views are built from: ``from citybrain.widgets import DataTable, Sender``.

Each name is imported from its module when first asked for (PEP 562), so a view that uses a table does not pay
for the map's or the charts' imports.  The modules stay importable as they are (``citybrain.widgets.palette`` for
the colours and level names of the one palette); the names below are the public ones (docs/plugins.md).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# imported now: the function shares its module's name, which the package's attribute would otherwise become.
# `X as X`: the names are re-exported (PEP 484), for the type checker and the linter
from citybrain.widgets.confirm import confirm as confirm

if TYPE_CHECKING:
    from citybrain.widgets.accents import accent as accent, repolish as repolish
    from citybrain.widgets.data_table import DataTable as DataTable, TableSettings as TableSettings
    from citybrain.widgets.event_loop import spawn as spawn
    from citybrain.widgets.form_view import FormView as FormView
    from citybrain.widgets.hint_list import HintList as HintList
    from citybrain.widgets.kpi_card import KpiCard as KpiCard
    from citybrain.widgets.map_view import CRS as CRS, MapPoint as MapPoint, MapView as MapView
    from citybrain.widgets.marker_line import threshold_marker as threshold_marker
    from citybrain.widgets.palette import Marker as Marker, marker_icon as marker_icon
    from citybrain.widgets.pdf import write_pdf as write_pdf
    from citybrain.widgets.sender import (
        RestingRow as RestingRow,
        Sender as Sender,
        ViewTasks as ViewTasks,
        refusal_text as refusal_text,
    )
    from citybrain.widgets.sparkline import Sparkline as Sparkline
    from citybrain.widgets.tile_wall import TileWall as TileWall

_WHERE = {
    "accent": "accents",
    "repolish": "accents",
    "DataTable": "data_table",
    "TableSettings": "data_table",
    "spawn": "event_loop",
    "FormView": "form_view",
    "HintList": "hint_list",
    "KpiCard": "kpi_card",
    "CRS": "map_view",
    "MapPoint": "map_view",
    "MapView": "map_view",
    "threshold_marker": "marker_line",
    "Marker": "palette",
    "marker_icon": "palette",
    "write_pdf": "pdf",
    "RestingRow": "sender",
    "Sender": "sender",
    "ViewTasks": "sender",
    "refusal_text": "sender",
    "Sparkline": "sparkline",
    "TileWall": "tile_wall",
}

__all__ = sorted([*_WHERE, "confirm"])


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # asked once
    return value
