"""Coordinates and boundaries: WGS84 everywhere inside, GCJ-02 converted at the door, never mixed silently.

Chinese web maps (AMap, Tencent, DataV exports) publish GCJ-02, an obfuscated
datum offset by a few hundred metres; GPS, OpenStreetMap and GeoJSON (RFC 7946)
are WGS84.  Everything citybrain stores and draws is WGS84: data in GCJ-02 is
converted when it is read, and every reader must be told which one it gets.
The transform is the published one (Krasovsky ellipsoid constants); its
inverse has no closed form and is solved by iteration to ~1e-9 degrees.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

_A = 6378245.0  # Krasovsky 1940 semi-major axis
_EE = 0.00669342162296594323  # its first eccentricity squared


class CRS(StrEnum):
    WGS84 = "WGS84"
    GCJ02 = "GCJ-02"


class GeoError(ValueError):
    """Geodata that cannot be read, or whose coordinate system is not the one declared."""


def _out_of_china(lon: float, lat: float) -> bool:
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _delta(lon: float, lat: float) -> tuple[float, float]:
    x, y = lon - 105.0, lat - 35.0
    dlat = (
        -100.0
        + 2.0 * x
        + 3.0 * y
        + 0.2 * y * y
        + 0.1 * x * y
        + 0.2 * math.sqrt(abs(x))
        + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
        + (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
        + (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    )
    dlon = (
        300.0
        + x
        + 2.0 * y
        + 0.1 * x * x
        + 0.1 * x * y
        + 0.1 * math.sqrt(abs(x))
        + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
        + (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
        + (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    )
    rad = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad) ** 2
    sqrt_magic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * math.pi)
    dlon = (dlon * 180.0) / (_A / sqrt_magic * math.cos(rad) * math.pi)
    return dlon, dlat


def wgs84_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    if _out_of_china(lon, lat):
        return lon, lat
    dlon, dlat = _delta(lon, lat)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """The WGS84 point whose GCJ-02 image is (lon, lat), by fixed-point iteration."""
    if _out_of_china(lon, lat):
        return lon, lat
    wlon, wlat = lon, lat
    for _ in range(30):
        glon, glat = wgs84_to_gcj02(wlon, wlat)
        elon, elat = glon - lon, glat - lat
        wlon, wlat = wlon - elon, wlat - elat
        if abs(elon) < 1e-10 and abs(elat) < 1e-10:
            break
    return wlon, wlat


def to_wgs84(lon: float, lat: float, crs: CRS) -> tuple[float, float]:
    """A point in WGS84, from the coordinate system it was given in (say which: there is no guessing)."""
    if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
        raise GeoError(f"({lon}, {lat}) is not a longitude/latitude pair")
    return (lon, lat) if CRS(crs) is CRS.WGS84 else gcj02_to_wgs84(lon, lat)


@dataclass
class Feature:
    """A GeoJSON feature reduced to what a map draws: outer and inner rings, or points, in WGS84."""

    id: str
    properties: dict[str, Any]
    rings: list[list[tuple[float, float]]] = field(default_factory=list)
    points: list[tuple[float, float]] = field(default_factory=list)

    def bounds(self) -> tuple[float, float, float, float]:
        xs = [p[0] for r in self.rings for p in r] + [p[0] for p in self.points]
        ys = [p[1] for r in self.rings for p in r] + [p[1] for p in self.points]
        return min(xs), min(ys), max(xs), max(ys)


def read_geojson(data: bytes | str, crs: CRS, id_property: str | None = None) -> list[Feature]:
    """Polygons, multipolygons and points of a FeatureCollection (or one Feature), converted to WGS84.

    ``crs`` is what the file holds; a file that names another system in a ``crs`` member is refused.
    """
    try:
        doc = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise GeoError(f"not GeoJSON: {exc}") from None
    named = ((doc.get("crs") or {}).get("properties") or {}).get("name", "") if isinstance(doc, dict) else ""
    if named and not any(tag in named for tag in ("4326", "CRS84", "WGS84", "WGS 84")):
        raise GeoError(f"the file declares coordinate system {named!r}; only WGS84 or GCJ-02 can be read")
    features = doc.get("features") if isinstance(doc, dict) and doc.get("type") == "FeatureCollection" else [doc]
    out = []
    for n, feature in enumerate(features or []):
        if not isinstance(feature, dict) or not isinstance(feature.get("geometry"), dict):
            raise GeoError(f"feature {n} has no geometry")
        props = feature.get("properties") or {}
        fid = str(props.get(id_property) if id_property else feature.get("id", n))
        out.append(_feature(fid, props, feature["geometry"], CRS(crs)))
    return out


def _feature(fid: str, props: dict, geometry: dict, crs: CRS) -> Feature:
    kind = geometry.get("type")
    coords: Any = geometry.get("coordinates")  # parsed JSON: its shape is checked by use, a bad one raises
    feature = Feature(fid, props)

    def ring(points: list) -> list[tuple[float, float]]:
        return [to_wgs84(float(p[0]), float(p[1]), crs) for p in points]

    if kind == "Polygon":
        feature.rings = [ring(r) for r in coords]
    elif kind == "MultiPolygon":
        feature.rings = [ring(r) for polygon in coords for r in polygon]
    elif kind == "Point":
        feature.points = [to_wgs84(float(coords[0]), float(coords[1]), crs)]
    elif kind == "MultiPoint":
        feature.points = ring(coords)
    else:
        raise GeoError(f"feature {fid}: {kind} geometries are not drawn (Polygon, MultiPolygon, Point, MultiPoint)")
    return feature
