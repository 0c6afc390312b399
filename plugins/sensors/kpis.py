"""Key figures per scenario and per compound (and the district's total), from the devices' live state, the open
alarms and the alarms raised in the last 24 hours — computed in one vectorised pass, published as the
``sensors.kpis`` collection when they change (every 10 seconds at most), never per desk.

The alarm figures are the district desk's: alarms on its list (``district``: life safety, or escalated past the
committee), not every trigger the property companies handle; those are one count, ``property``."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from citybrain.plugins.sensors.alarms import Alarm
from citybrain.plugins.sensors.catalogue import device_catalogue
from citybrain.plugins.sensors.health import LOW_BATTERY

KPIS = "sensors.kpis"
ANNUNCIATED = ("unack", "ack", "rtn_unack", "latched")
FIGURES = ("devices", "online", "offline", "fault", "low_battery", "in_alarm", "unacked", "property", "raised_24h")
PRIORITY = {"low": 1, "medium": 2, "high": 3, "urgent": 4}  # `waiting`: the worst priority waiting, by this order


def raised_since(session: Session, now: datetime) -> list[tuple[str, str]]:
    """(scenario, compound) of each alarm raised in the last 24 hours that is the district's."""
    return [
        tuple(r)
        for r in session.execute(
            select(Alarm.scenario, Alarm.compound).where(
                Alarm.first_at >= now - timedelta(hours=24), Alarm.district == 1
            )
        )
    ]


def figures(devices: list[dict], alarms: list[dict], raised: list[tuple[str, str]]) -> list[dict]:
    """One record per scenario, per compound and for the district (``id`` "scenario:SMOKE", "compound:…",
    "district"): devices, online and offline shares, offline, faulty, low on battery; the district's alarms
    annunciated and unacknowledged now (and ``waiting``, the highest priority among those unacknowledged, or
    ""), the annunciated alarms with the property companies, the district's alarms raised in 24 hours
    (``raised``: from :func:`raised_since`)."""
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
    names = dict(zip(frame["compound"], frame["compound_name"], strict=True))
    records = []
    for by in ("scenario", "compound"):
        table = pd.concat(
            [
                frame.groupby(by)[["devices", "online", "offline", "fault", "low_battery"]].sum(),
                shown.groupby(by)[["in_alarm", "unacked", "property"]].sum(),
                shown.groupby(by)[["waiting"]].max(),
                recent.groupby(by)[["raised_24h"]].sum(),
            ],
            axis=1,
        ).fillna(0)
        for key, row in table.iterrows():
            name = (
                device_catalogue().scenarios[key].name
                if by == "scenario" and key in device_catalogue().scenarios
                else names.get(key, key)
            )
            records.append(_record(f"{by}:{key}", by, str(key), name, row))
    total = pd.Series(
        {
            **frame[["devices", "online", "offline", "fault", "low_battery"]].sum(),
            **shown[["in_alarm", "unacked", "property"]].sum(),
            "waiting": shown["waiting"].max(),
            "raised_24h": len(recent),
        }
    )
    records.append(_record("district", "district", "", "", total))
    return records


def _record(ident: str, by: str, key: str, name: str, row: pd.Series) -> dict:
    values = {f: int(row.get(f, 0)) for f in FIGURES}
    values["online_pct"] = round(100 * values["online"] / values["devices"], 1) if values["devices"] else None
    values["offline_pct"] = round(100 * values["offline"] / values["devices"], 1) if values["devices"] else None
    worst = row.get("waiting", 0)
    worst = 0 if pd.isna(worst) else int(worst)  # NaN: no alarm at all
    values["waiting"] = next((p for p, n in PRIORITY.items() if n == worst), "")
    return {"id": ident, "by": by, "key": key, "name": name, **values}
