"""Demo devices: about 15,000 in the 40 old compounds the retrofit covered, in the catalogue's proportions, each
with a building, a floor and a point near its compound.  Compounds come from the org tree when the cases demo
has put one there, else from a list of Hongkou's own."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert, select

from citybrain.core.api import Transaction
from citybrain.core.district import OrgUnit
from citybrain.plugins.sensors.catalogue import device_catalogue
from citybrain.plugins.sensors.tables import Device

COMPOUNDS = 40
DEVICES = 15_000
CENTRE = (31.274, 121.489)  # Hongkou
NAMES = [
    "凉城新村",
    "广灵四路小区",
    "玉田新村",
    "曲阳新村",
    "运光新村",
    "东体小区",
    "赤峰路小区",
    "密云路小区",
    "虹湾小区",
    "江湾新村",
    "嘉兴路小区",
    "四平路小区",
    "欧阳路小区",
    "溧阳路小区",
    "新港路小区",
    "邢家桥里",
    "横浜新村",
    "水电苑",
    "昆明坊",
    "乍浦坊",
]


def compounds(tx: Transaction, rng: random.Random) -> list[tuple[str, str, float, float]]:
    """(code, name, lat, lon) of 40 compounds: the org tree's, else made up around Hongkou."""
    units = tx.session.scalars(select(OrgUnit).where(OrgUnit.kind == "compound").order_by(OrgUnit.code)).all()
    found = [(u.code, u.name, u.lat, u.lon) for u in units if u.lat is not None and u.lon is not None][:COMPOUNDS]
    while len(found) < COMPOUNDS:
        n = len(found)
        found.append(
            (
                f"HK-C{n:02d}",
                f"{NAMES[n % len(NAMES)]}{'' if n < len(NAMES) else '二期'}",
                CENTRE[0] + rng.uniform(-0.025, 0.025),
                CENTRE[1] + rng.uniform(-0.02, 0.02),
            )
        )
    return found


def seed(tx: Transaction, rng: random.Random) -> None:
    types = list(device_catalogue().types.values())
    weights = [t.share for t in types]
    places = compounds(tx, rng)
    now = datetime.now(UTC)
    rows = []
    for n in range(DEVICES):
        kind = rng.choices(types, weights)[0]
        code, name, lat, lon = places[rng.randrange(COMPOUNDS)]
        battery_powered = kind.kind == "event" and not kind.code.startswith(("CAM", "LIFT", "ACC-CTL"))
        rows.append(
            {
                "id": f"{kind.code}-{n:05d}",
                "type": kind.code,
                "scenario": kind.scenario,
                "compound": code,
                "compound_name": name,
                "building": f"{rng.randint(1, 30)}号楼",
                "floor": f"{rng.randint(1, 4)}单元{rng.randint(1, 7)}层",
                "lat": lat + rng.gauss(0, 0.0012),
                "lon": lon + rng.gauss(0, 0.0012),
                "installed": date(2021, 1, 1) + timedelta(days=rng.randint(0, 900)),
                "status": "online",
                "last_seen": now
                - (
                    timedelta(days=rng.uniform(1, 5))
                    if rng.random() < 0.005  # gone quiet: offline
                    else timedelta(minutes=rng.uniform(0, kind.heartbeat))
                ),
                "battery": (rng.randint(3, 19) if rng.random() < 0.03 else rng.randint(20, 100))
                if battery_powered
                else None,
            }
        )
    tx.session.execute(insert(Device), rows)
