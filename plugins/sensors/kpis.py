"""Key figures per scenario and per compound (and the district's total), from the devices' live state, the open
alarms and the alarms raised in the last 24 hours — computed in one vectorised pass, published as the
``sensors.kpis`` collection when they change (every 10 seconds at most), never per desk."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from citybrain.plugins.sensors.alarms import Alarm
from citybrain.plugins.sensors.catalogue import CATALOGUE
from citybrain.plugins.sensors.health import LOW_BATTERY

KPIS = "sensors.kpis"
ANNUNCIATED = ("unack", "ack", "rtn_unack", "latched")
FIGURES = ("devices", "online", "offline", "fault", "low_battery", "in_alarm", "unacked", "raised_24h")


def raised_since(session: Session, now: datetime) -> list[tuple[str, str]]:
    """(scenario, compound) of each alarm raised in the last 24 hours."""
    return [tuple(r) for r in session.execute(select(Alarm.scenario, Alarm.compound)
                                              .where(Alarm.first_at >= now - timedelta(hours=24)))]


def figures(devices: list[dict], alarms: list[dict], raised: list[tuple[str, str]]) -> list[dict]:
    """One record per scenario, per compound and for the district (``id`` "scenario:SMOKE", "compound:…",
    "district"): devices, online share, offline, faulty, low on battery, alarms annunciated and unacknowledged
    now, alarms raised in 24 hours."""
    frame = pd.DataFrame(devices, columns=["scenario", "compound", "compound_name", "status", "battery"])
    frame["devices"] = 1
    frame["online"] = frame["status"].isin(("online", "alarm")).astype(int)
    frame["offline"] = (frame["status"] == "offline").astype(int)
    frame["fault"] = (frame["status"] == "fault").astype(int)
    frame["low_battery"] = (pd.to_numeric(frame["battery"]) < LOW_BATTERY).astype(int)
    shown = pd.DataFrame([a for a in alarms if a["state"] in ANNUNCIATED], columns=["scenario", "compound", "state"])
    shown["in_alarm"] = 1
    shown["unacked"] = shown["state"].isin(("unack", "rtn_unack", "latched")).astype(int)
    recent = pd.DataFrame(raised, columns=["scenario", "compound"])
    recent["raised_24h"] = 1
    names = dict(zip(frame["compound"], frame["compound_name"]))
    records = []
    for by in ("scenario", "compound"):
        table = pd.concat([frame.groupby(by)[["devices", "online", "offline", "fault", "low_battery"]].sum(),
                           shown.groupby(by)[["in_alarm", "unacked"]].sum(),
                           recent.groupby(by)[["raised_24h"]].sum()], axis=1).fillna(0)
        for key, row in table.iterrows():
            name = CATALOGUE.scenarios[key].name if by == "scenario" and key in CATALOGUE.scenarios \
                else names.get(key, key)
            records.append(_record(f"{by}:{key}", by, str(key), name, row))
    total = pd.Series({**frame[["devices", "online", "offline", "fault", "low_battery"]].sum(),
                       "in_alarm": len(shown), "unacked": int(shown["unacked"].sum()), "raised_24h": len(recent)})
    records.append(_record("district", "district", "", "", total))
    return records


def _record(ident: str, by: str, key: str, name: str, row: pd.Series) -> dict:
    values = {f: int(row.get(f, 0)) for f in FIGURES}
    values["online_pct"] = round(100 * values["online"] / values["devices"], 1) if values["devices"] else None
    return {"id": ident, "by": by, "key": key, "name": name, **values}
