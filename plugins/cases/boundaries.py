"""District boundaries for the map, read once when the daemon starts and replicated as ``cases.boundaries``.

Configured in daemon.toml::

    [[plugins.cases.boundaries]]
    path = "/srv/citybrain/geo/shanghai_districts_wgs84_merged.geojson"
    crs = "WGS84"          # or "GCJ-02": converted to WGS84 on reading
    id = "dt_adcode"       # the property that names each feature
    name = "dt_name"

or, without a configuration, ``CITYBRAIN_MAP=/path/a.geojson[:GCJ-02]`` (several separated by the path separator).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from citybrain.core.geo import CRS, GeoError, read_geojson

BOUNDARIES = "cases.boundaries"


def configured(config: Mapping[str, Any]) -> list[dict]:
    if config.get("boundaries"):
        return list(config["boundaries"])
    out = []
    for entry in filter(None, os.environ.get("CITYBRAIN_MAP", "").split(os.pathsep)):
        path, _, crs = entry.rpartition(":") if entry.endswith((":GCJ-02", ":WGS84")) else (entry, "", "")  # C:\ stays
        out.append({"path": path, "crs": crs or "WGS84", "id": "dt_adcode", "name": "dt_name"})
    return out


def records(sources: Iterable[Mapping[str, Any]]) -> tuple[list[dict], list[str]]:
    """Boundary records (WGS84) and, for files that could not be read, why."""
    out, problems = [], []
    for source in sources:
        path = Path(source["path"])
        try:
            features = read_geojson(path.read_bytes(), CRS(source.get("crs", "WGS84")), source.get("id"))
        except (OSError, GeoError, ValueError) as exc:
            problems.append(f"{path}: {exc}")
            continue
        name = source.get("name", "name")
        for f in features:
            out.append(
                {
                    "id": f"{path.stem}:{f.id}",
                    "feature": f.id,
                    "name": str(f.properties.get(name) or f.id),
                    "rings": [[list(p) for p in ring] for ring in f.rings],
                }
            )
    return out, problems
