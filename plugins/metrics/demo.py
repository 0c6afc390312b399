"""Demo tickets and patrols whose totals and rates reproduce the seed's figures.

Three hotline years (November–October).  The first two carry the seed's published figures; the counts behind each
rate are chosen so that the rate rounds to the published one (54,094 tickets with 54,056 contacted in time is
99.93 %), then spread at random over tickets, months, subdistricts, categories and handling units.  The third year is
made up, continuing the trend.  The seed's 2024 patrols are the patrols plugin's own records, not counts here.
Rows go in with bulk inserts (one statement per table), so seeding stays quick.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from citybrain.core.api import Transaction
from citybrain.core.district import OrgUnit
from citybrain.plugins.metrics import catalogue, demo_figures
from citybrain.plugins.metrics.tables import Ticket

ZONE = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class HotlineYear:
    """One hotline year's published figures: ticket count and rates (as fractions, to the seed's precision)."""

    year: int  # the year it ends in: 2023 = November 2022 – October 2023
    tickets: int
    first_contact: float
    satisfaction: float
    resolution: float
    rated_share: float = 0.74  # not every caller rates: the missing ratings stay out of the satisfaction rate


SEED_YEARS = (
    HotlineYear(2023, 54_094, 0.9993, 0.8481, 0.8774),  # the seed's figures
    HotlineYear(2024, 48_705, 0.9995, 0.912, 0.9435),  # the seed's (first contact not published: made up)
    HotlineYear(2025, 46_210, 0.9996, 0.931, 0.956),
)  # made up, continuing the trend
FALLBACK_AREAS = [
    "310109009000",
    "310109010000",
    "310109011000",
    "310109014000",
    "310109016000",
    "310109017000",
    "310109018000",
    "310109019000",
]
UNITS = {
    "CR": "区绿化和市容管理局",
    "HS": "区房屋管理局",
    "TR": "公安虹口分局",
    "PU": "区建设和管理委员会",
    "EN": "区生态环境局",
    "SO": "区民政局",
}
CHANNELS = np.array(["phone", "phone", "phone", "app", "wechat", "web"])


def counts(year: HotlineYear) -> dict[str, int]:
    """The whole numbers behind a year's rates: the nearest count whose rate rounds to the published figure."""
    rated = round(year.tickets * year.rated_share)
    return {
        "tickets": year.tickets,
        "contact_ok": round(year.tickets * year.first_contact),
        "resolved": round(year.tickets * year.resolution),
        "rated": rated,
        "satisfied": round(rated * year.satisfaction),
    }


def _pick(gen: np.random.Generator, n: int, k: int) -> np.ndarray:
    """A 0/1 array of length ``n`` with exactly ``k`` ones at random places."""
    flags = np.zeros(n, dtype=bool)
    flags[gen.choice(n, size=k, replace=False)] = True
    return flags


def _times(values: np.ndarray) -> np.ndarray:
    """UTC datetime64 values as the database's own strings (naive UTC, as UTCDateTime stores them)."""
    return np.char.replace(np.datetime_as_string(values, unit="us"), "T", " ")


def ticket_columns(year: HotlineYear, gen: np.random.Generator, areas: list[str], stamp: datetime) -> dict:
    """One year of tickets, column by column (numpy arrays; times as UTC datetime64)."""
    c = counts(year)
    n = c["tickets"]
    start = np.datetime64(datetime(year.year - 1, 11, 1, tzinfo=ZONE).astimezone(UTC).replace(tzinfo=None), "us")
    end = np.datetime64(datetime(year.year, 11, 1, tzinfo=ZONE).astimezone(UTC).replace(tzinfo=None), "us")
    span = int((end - start) / np.timedelta64(1, "us"))
    received = start + np.sort(gen.integers(0, span, n)).astype("timedelta64[us]")
    entries = catalogue.shipped()
    parents = {code: e.parent for code, e in entries.items() if e.parent}
    codes = np.array(list(parents))
    categories = codes[gen.integers(0, len(codes), n)]
    limits = np.array([entries[code].contact_hours for code in codes])[_index(codes, categories)]
    in_time = _pick(gen, n, c["contact_ok"])
    hours = np.where(in_time, limits * gen.uniform(0.05, 0.9, n), limits + gen.uniform(1, 48, n))
    rated = _pick(gen, n, c["rated"])
    satisfied = np.zeros(n, dtype=bool)
    satisfied[np.flatnonzero(rated)[_pick(gen, c["rated"], c["satisfied"])]] = True
    rating = np.full(n, None, dtype=object)  # not rated
    rating[rated] = "unsatisfied"
    rating[satisfied] = np.where(gen.random(n) < 0.2, "basic", "satisfied")[satisfied]
    units = np.array([UNITS[parents[code]] for code in codes])[_index(codes, categories)]
    return {
        "id": np.char.add(f"HK{year.year}", np.char.zfill(np.arange(n).astype(str), 6)),
        "received_at": received,
        "channel": CHANNELS[gen.integers(0, len(CHANNELS), n)],
        "category": categories,
        "subdistrict": np.array(areas)[gen.integers(0, len(areas), n)],
        "first_contact_at": received + (hours * 3.6e9).astype("timedelta64[us]"),
        "handling_unit": units,
        "resolved": _pick(gen, n, c["resolved"]).astype(int),
        "satisfaction": rating,
        "reopen_count": np.where(gen.random(n) < 0.015, gen.integers(1, 3, n), 0),
        "updated_at": np.full(n, np.datetime64(stamp.replace(tzinfo=None), "us")),
    }


def _index(codes: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Where each of ``values`` sits in ``codes``."""
    order = np.argsort(codes)
    return order[np.searchsorted(codes, values, sorter=order)]


def bulk_insert(session: Session, table: Table, columns: dict, constants: dict) -> None:
    """Insert column arrays in one statement: straight to the driver on SQLite (times as its own strings), through
    SQLAlchemy elsewhere."""
    names = list(columns) + list(constants)
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        values = [_times(v) if v.dtype.kind == "M" else v for v in columns.values()]
        rows = zip(*(v.tolist() for v in values), *([c] * len(values[0]) for c in constants.values()), strict=True)
        connection.exec_driver_sql(
            f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", list(rows)
        )
        return
    values = [[_aware(x) for x in v.tolist()] if v.dtype.kind == "M" else v.tolist() for v in columns.values()]
    connection.execute(
        insert(table),
        [
            dict(zip(names, row, strict=True))
            for row in zip(*values, *([c] * len(values[0]) for c in constants.values()), strict=True)
        ],
    )


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC)


def seed(tx: Transaction, rng: random.Random) -> None:
    gen = np.random.default_rng(rng.getrandbits(32))
    areas = list(tx.session.scalars(select(OrgUnit.code).where(OrgUnit.kind == "subdistrict").order_by(OrgUnit.code)))
    areas = areas or FALLBACK_AREAS
    stamp = datetime.now(UTC)
    for year in SEED_YEARS:
        bulk_insert(
            tx.session,
            Ticket.__table__,
            ticket_columns(year, gen, areas, stamp),
            {"address": "", "description": "", "source": "demo"},
        )
    demo_figures.seed(tx, rng)
