"""Key figures per scenario and per compound (and the district's total), from the devices' live state, the open
alarms and the alarms raised in the last 24 hours — computed in one vectorised pass, published as the
``sensors.kpis`` collection when they change (every 10 seconds at most), never per desk.

The alarm figures are the district desk's: alarms on its list (``district``: life safety, or escalated past the
committee), not every trigger the property companies handle; those are one count, ``property``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from citybrain.core.district import Tree
from citybrain.plugins.sensors.alarms import Alarm
from citybrain.plugins.sensors.catalogue import device_catalogue
from citybrain.plugins.sensors.health import LOW_BATTERY

KPIS = "sensors.kpis"
ANNUNCIATED = ("unack", "ack", "rtn_unack", "latched")
DEVICE_FIGURES = ("devices", "online", "offline", "fault", "low_battery")
FIGURES = (*DEVICE_FIGURES, "in_alarm", "unacked", "property", "raised_24h")
ROLL_UP = {**{f: "sum" for f in FIGURES}, "waiting": "max"}  # a unit's figures from its compounds'
PRIORITY = {"low": 1, "medium": 2, "high": 3, "urgent": 4}  # `waiting`: the worst priority waiting, by this order


def raised_since(session: Session, now: datetime) -> list[tuple[str, str]]:
    """(scenario, compound) of each alarm raised in the last 24 hours that is the district's."""
    return [
        (scenario, compound)
        for scenario, compound in session.execute(
            select(Alarm.scenario, Alarm.compound).where(
                Alarm.first_at >= now - timedelta(hours=24), Alarm.district == 1
            )
        )
    ]


def measure(session: Session, devices: list[dict], alarms: list[dict], now: datetime) -> list[dict]:
    """:func:`figures` with what it needs from the database, in one call for ``ctx.read``: the schedule runs this on a
    reader thread, never on the event loop (pandas over 15,000 devices takes seconds of CPU on a busy machine)."""
    return figures(devices, alarms, raised_since(session, now), Tree.load(session))


def holders(tree: Tree, compounds: Iterable[str | None]) -> pd.DataFrame:
    """(compound, unit) for each unit above the compound whose desk sees it (``Tree.holders``: the daemon's own rule),
    so a unit's figures count exactly the compounds its desk gets; a compound the tree does not place counts for the
    district alone (``unit`` nil when there is no tree)."""
    root = tree.root()
    pairs = [
        (compound, unit)
        for compound in set(compounds)
        for unit in (tree.holders(compound) - {compound} if compound is not None and compound in tree.units else {root})
    ]
    return pd.DataFrame(pairs, columns=["compound", "unit"])


def figures(
    devices: list[dict], alarms: list[dict], raised: list[tuple[str, str]], tree: Tree | None = None
) -> list[dict]:
    """Records placed by ``unit``, so each desk gets its own unit's (and those under it): one per compound (``id``
    "compound:…", placed in it), and for every unit holding a compound (``Tree.holders``; the district at the
    root) one per scenario ("scenario:SMOKE@unit") and its total ("total@unit"): devices, online and offline
    shares, offline, faulty, low on battery; the district's alarms annunciated and unacknowledged now (and
    ``waiting``, the highest priority among those unacknowledged, or ""), the annunciated alarms with the property
    companies, the district's alarms raised in 24 hours (``raised``: from :func:`raised_since`)."""
    tree = tree or Tree({})
    frame = pd.DataFrame(devices, columns=["scenario", "compound", "compound_name", "status", "battery"])
    frame["devices"] = 1
    frame["online"] = frame["status"].isin(("online", "alarm")).astype(int)
    frame["offline"] = (frame["status"] == "offline").astype(int)
    frame["fault"] = (frame["status"] == "fault").astype(int)
    frame["low_battery"] = (pd.to_numeric(frame["battery"]) < LOW_BATTERY).astype(int)
    shown = pd.DataFrame(
        [a for a in alarms if a["state"] in ANNUNCIATED],
        columns=["scenario", "compound", "state", "priority", "district"],
    )
    mine = shown["district"].fillna(True).astype(bool)  # a record that does not say: the district's
    shown["in_alarm"] = mine.astype(int)
    shown["property"] = (~mine).astype(int)
    shown["unacked"] = (mine & shown["state"].isin(("unack", "rtn_unack", "latched"))).astype(int)
    shown["waiting"] = shown["priority"].map(PRIORITY).fillna(0).astype(int) * shown["unacked"]
    recent = pd.DataFrame(raised, columns=["scenario", "compound"])
    recent["raised_24h"] = 1
    last = frame.drop_duplicates("compound", keep="last")  # a compound's name as its devices give it
    names = dict(zip(last["compound"].tolist(), last["compound_name"].tolist(), strict=True))
    # summed once per (compound, scenario), then rolled up to each unit holding the compound: a few hundred rows
    # for the units, not a row per device and unit (15,000 devices under ~4 units each was 72 of 100 ms a round)
    pairs = _sums((frame, shown, recent), ["compound", "scenario"]).reset_index()
    held = pairs.merge(holders(tree, pairs["compound"].unique()), on="compound", how="left")
    records = []
    for by, table in ((["compound"], pairs), (["unit", "scenario"], held), (["unit"], held)):
        rolled = table.groupby(by, dropna=False).agg(ROLL_UP)
        records += [_placed(by, key, row, names) for key, row in rolled.to_dict("index").items()]
    if not any(r["by"] == "total" and r["unit"] == tree.root() for r in records):  # no devices yet: zeros
        records.append(_record(_total_id(tree.root()), "total", "", "", tree.root(), {}))
    return records


def _sums(tables: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame], by: list[str]) -> pd.DataFrame:
    """The devices', annunciated alarms' and recent alarms' figures grouped by ``by``, one row per group any has."""
    devices, shown, recent = tables
    return pd.concat(
        [
            devices.groupby(by, dropna=False)[list(DEVICE_FIGURES)].sum(),
            shown.groupby(by, dropna=False)[["in_alarm", "unacked", "property"]].sum(),
            shown.groupby(by, dropna=False)[["waiting"]].max(),
            recent.groupby(by, dropna=False)[["raised_24h"]].sum(),
        ],
        axis=1,
    ).fillna(0)


def _total_id(unit: str | None) -> str:
    return f"total@{unit or ''}"


def _placed(by: list[str], key: Any, row: dict, names: dict) -> dict:
    if by == ["compound"]:
        return _record(f"compound:{key}", "compound", str(key), names.get(key, key), key, row)
    if by == ["unit"]:
        unit = None if pd.isna(key) else key
        return _record(_total_id(unit), "total", "", "", unit, row)
    unit, scenario = (None if pd.isna(key[0]) else key[0]), key[1]
    scenarios = device_catalogue().scenarios
    name = scenarios[scenario].name if scenario in scenarios else str(scenario)
    return _record(f"scenario:{scenario}@{unit or ''}", "scenario", str(scenario), name, unit, row)


def _record(ident: str, by: str, key: str, name: str, unit: str | None, row: dict) -> dict:
    counts = {f: int(row.get(f, 0)) for f in FIGURES}
    devices = counts["devices"]
    waiting = row.get("waiting", 0)
    worst = 0 if pd.isna(waiting) else int(waiting)  # NaN: no alarm at all
    return {
        "id": ident,
        "by": by,
        "key": key,
        "name": name,
        "unit": unit,
        **counts,
        "online_pct": round(100 * counts["online"] / devices, 1) if devices else None,
        "offline_pct": round(100 * counts["offline"] / devices, 1) if devices else None,
        "waiting": next((p for p, n in PRIORITY.items() if n == worst), ""),
    }
