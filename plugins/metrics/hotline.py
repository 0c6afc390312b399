"""The 12345 hotline's KPIs, computed from the ticket table through one count cube.

Definitions (docs/metrics.md says the same):

- volume: tickets received in the group.
- first-contact rate: tickets whose caller was first contacted within the category's limit ÷ tickets whose contact
  is due (contacted, or past the limit); a ticket still inside its limit and not yet contacted is not counted.
- actual resolution rate: tickets resolved ÷ tickets whose outcome is known (``resolved`` not empty).
- satisfaction rate: satisfied or basically satisfied ÷ tickets rated; tickets without a rating are left out of the
  denominator, not counted as dissatisfied.
- reopen rate: tickets reopened at least once ÷ tickets (a ticket reopened twice counts once).

Months and years are Shanghai time; the hotline's year runs November to October and is named by the year it ends
in (``hotline_year`` 2023 = November 2022 – October 2023).
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pandas as pd
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from citybrain.core.api import MetricSpec, read_frame, tr_noop
from citybrain.plugins.metrics import catalogue
from citybrain.plugins.metrics.cube import Cube, ratio
from citybrain.plugins.metrics.tables import Ticket

ZONE = "Asia/Shanghai"
DIMENSIONS = ("month", "hotline_year", "subdistrict", "category", "subcategory", "unit")
MEASURES = ("tickets", "contact_due", "contact_ok", "outcome_known", "resolved", "rated", "satisfied", "reopened")
RAW = [
    "id",
    "received_at",
    "first_contact_at",
    "category",
    "subdistrict",
    "handling_unit",
    "resolved",
    "satisfaction",
    "reopen_count",
]
# KPI id -> (numerator, denominator)
KPIS = {
    "hotline.volume": ("tickets", None),
    "hotline.first_contact": ("contact_ok", "contact_due"),
    "hotline.resolution": ("resolved", "outcome_known"),
    "hotline.satisfaction": ("satisfied", "rated"),
    "hotline.reopen": ("reopened", "tickets"),
}


def hotline_year(month: np.ndarray) -> np.ndarray:
    """YYYYMM months -> the hotline year they belong to (November and December count towards the next year)."""
    return month // 100 + (month % 100 >= 11)


def prepare(raw: pd.DataFrame, entries: dict[str, catalogue.Entry], now: datetime) -> pd.DataFrame:
    """Raw ticket rows -> one row per ticket with its dimensions and 0/1 measures (vectorised)."""
    received = pd.to_datetime(raw["received_at"], utc=True, format="ISO8601")
    contacted = pd.to_datetime(raw["first_contact_at"], utc=True, format="ISO8601")
    local = received.dt.tz_convert(ZONE)
    limits = {code: entry.contact_hours for code, entry in entries.items()}
    hours = raw["category"].map(limits).fillna(catalogue.DEFAULT_CONTACT_HOURS)
    deadline = received + pd.to_timedelta(hours.astype(float), unit="h")
    resolved = raw["resolved"].astype("boolean")
    rating = raw["satisfaction"]
    frame = pd.DataFrame(
        {
            "month": (local.dt.year * 100 + local.dt.month).astype(np.int64).astype("category"),
            "subdistrict": raw["subdistrict"].fillna("").astype(str).astype("category"),
            "subcategory": raw["category"].astype(str).astype("category"),
            "unit": raw["handling_unit"].fillna("").astype(str).astype("category"),
            "tickets": np.ones(len(raw)),  # measures as 0/1 floats: what the cube's bincount weighs with (its flags)
            "contact_due": (contacted.notna() | (deadline <= pd.Timestamp(now))).astype(float),
            "contact_ok": (contacted.notna() & (contacted <= deadline)).astype(float),
            "outcome_known": resolved.notna().astype(float),
            "resolved": resolved.fillna(False).astype(float),
            "rated": rating.notna().astype(float),
            "satisfied": rating.isin(["satisfied", "basic"]).astype(float),
            "reopened": (raw["reopen_count"].fillna(0) > 0).astype(float),
        }
    )
    return frame


def cube(frame: pd.DataFrame, entries: dict[str, catalogue.Entry]) -> Cube:
    parents = {c: e.parent or c for c, e in entries.items()}

    def parent(codes: np.ndarray) -> np.ndarray:
        return np.array([parents.get(code, code) for code in codes], dtype=object)

    return Cube(
        frame,
        ("month", "subdistrict", "subcategory", "unit"),
        MEASURES,
        {"category": ("subcategory", parent), "hotline_year": ("month", hotline_year)},
        flags=MEASURES,  # prepare() builds every measure as 0 or 1
    )


def read(session: Session) -> pd.DataFrame:
    """Every ticket's raw columns, straight from the driver (times parsed by pandas, vectorised, not row by row)."""
    columns = ", ".join(RAW)
    frame = read_frame(session, text(f"SELECT {columns} FROM {Ticket.__tablename__}"), RAW)
    for column in ("received_at", "first_contact_at"):
        frame[column] = pd.to_datetime(frame[column], utc=True, format="ISO8601")
    return frame


def load(session: Session) -> Cube:
    """The metrics' input: every ticket, prepared and cubed once per refresh (shared by every hotline KPI)."""
    entries = catalogue.load(session)
    return cube(prepare(read(session), entries, datetime.now(UTC)), entries)


def version(session: Session) -> tuple:
    """Ticket count and latest change — and the hour: contacts fall due as time passes, with no ticket changing."""
    hour = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    return (*session.execute(select(func.count(Ticket.id), func.max(Ticket.updated_at))).one(), hour)


def compute(numerator: str, denominator: str | None):  # noqa: ANN201 - the MetricSpec's compute
    def kpi(data: Cube, by: tuple[str, ...]) -> pd.DataFrame:
        return ratio(data.rollup(by), numerator, denominator)

    return kpi


TITLES = {
    "hotline.volume": (tr_noop("Metrics", "Hotline tickets"), "tickets"),
    "hotline.first_contact": (tr_noop("Metrics", "First-contact rate"), "%"),
    "hotline.resolution": (tr_noop("Metrics", "Actual resolution rate"), "%"),
    "hotline.satisfaction": (tr_noop("Metrics", "Caller satisfaction rate (12345)"), "%"),
    "hotline.reopen": (tr_noop("Metrics", "Reopen rate"), "%"),
}
TARGETS = {
    "hotline.first_contact": (0.99, (0.98, 0.95), True),
    "hotline.resolution": (0.9, (0.88, 0.85), True),
    "hotline.satisfaction": (0.9, (0.88, 0.85), True),
    "hotline.reopen": (0.02, (0.03, 0.05), False),
}


def specs() -> list[MetricSpec]:
    out = []
    for kpi, (numerator, denominator) in KPIS.items():
        title, unit = TITLES[kpi]
        target, thresholds, higher = TARGETS.get(kpi, (None, None, True))
        out.append(
            MetricSpec(
                kpi,
                title,
                unit,
                load,
                compute(numerator, denominator),
                version,
                DIMENSIONS,
                period="month",
                target=target,
                thresholds=thresholds,
                higher_is_better=higher,
                drill="metrics.tickets",
                place="subdistrict",  # the ticket's: the cube's dimension
            )
        )
    return out
