"""The demo's governance ranking, and what the demo says about its own figures.

Governance satisfaction (群众满意度): the case study gives this district 69.51 % for 2022 and 92.73 % in July 2023,
first in Shanghai.  The demo's months reproduce exactly that (2022's months average 69.51 %; July 2023 is 92.73 %
and every other district is below it); every other month, and every other district, is made up.  The ranking goes
in through the importer, as a file from the city would.

Provenance: one row marks the whole database as demo data; the rows of source ``seed`` name the figures that are the
case study's own, so that a desk marks every other figure (and every target) as demo data.
"""

from __future__ import annotations

import random

from sqlalchemy import select

from citybrain.core.api import Transaction
from citybrain.core.district import OrgUnit
from citybrain.plugins.metrics.sheet_imports import import_governance
from citybrain.plugins.metrics.tables import Provenance

DISTRICTS = [
    "黄浦区",
    "徐汇区",
    "长宁区",
    "静安区",
    "普陀区",
    "虹口区",
    "杨浦区",
    "闵行区",
    "宝山区",
    "嘉定区",
    "浦东新区",
    "金山区",
    "松江区",
    "青浦区",
    "奉贤区",
    "崇明区",
]
OURS_2022 = 69.51  # the year's figure: the mean of its months
OURS_JULY_2023 = 92.73  # first in Shanghai
LAST_MONTH = 202510  # the demo's hotline data ends with October 2025
SEED = [  # (KPI, breakdown, group): the case study's own figures (README of the seed, "Outcomes it reports")
    *(("hotline.volume", "hotline_year", y) for y in ("2023", "2024")),
    ("hotline.first_contact", "hotline_year", "2023"),
    *((kpi, "hotline_year", y) for kpi in ("hotline.satisfaction", "hotline.resolution") for y in ("2023", "2024")),
    ("governance.satisfaction", "year", "2022"),
    ("governance.satisfaction", "month", "2023-07"),
    ("governance.rank", "month", "2023-07"),
    *((f"patrols.{kpi}", "year", "2024") for kpi in ("count", "found", "handled", "handling_rate")),
]
JOBS_CASE_STUDY = "曲阳路街道"  # its pushes and hires of 2024 (~15,000, ~2,500), reproduced by the jobs demo's records
JOBS_SEED = ("jobs.pushes", "jobs.hires", "jobs.conversion")


def _months() -> list[int]:
    return [y * 100 + m for y in range(2022, LAST_MONTH // 100 + 1) for m in range(1, 13) if y * 100 + m <= LAST_MONTH]


def ours(rng: random.Random) -> dict[int, float]:
    """This district's months, in percent with two decimals."""
    year_2022 = [round(65.5 + 0.7 * i + rng.uniform(-0.8, 0.8), 2) for i in range(11)]
    year_2022.append(round(12 * OURS_2022 - sum(year_2022), 2))  # the twelfth makes the year's mean the seed's
    climb = [round(76 + (OURS_JULY_2023 - 76) * i / 6 + rng.uniform(-0.5, 0.5), 2) for i in range(6)]
    values = dict(zip(_months(), [*year_2022, *climb, OURS_JULY_2023], strict=False))
    for month in _months()[19:]:
        values[month] = round(rng.uniform(90.2, 94.4), 2)
    return values


def ranking_sheet(rng: random.Random, district: str) -> bytes:
    """The city's ranking as a CSV (our column names): every district, every month."""
    mine = ours(rng)
    lines = ["month,district,value"]
    for name in DISTRICTS:
        base = rng.uniform(78, 88)
        for n, month in enumerate(_months()):
            if name == "虹口区":
                value = mine[month]
            else:
                value = min(97.5, base + 0.12 * n + rng.uniform(-2.5, 2.5))
                if month == 202307:
                    value = min(value, OURS_JULY_2023 - rng.uniform(0.2, 3))  # the seed: first in Shanghai
            lines.append(f"{month // 100}-{month % 100:02d},{district if name == '虹口区' else name},{value:.2f}")
    return "\n".join(lines).encode()


def seed(tx: Transaction, rng: random.Random) -> None:
    district = tx.session.scalars(select(OrgUnit.name).where(OrgUnit.kind == "district")).first() or "虹口区"
    report = import_governance(tx, "demo-governance.csv", ranking_sheet(rng, district))
    if report.errors:
        raise ValueError(f"the demo's governance ranking is refused: {report.errors[:3]}")
    tx.session.add(Provenance(metric="*", source="demo"))
    tx.session.add_all(Provenance(metric=kpi, dimension=by, grp=group, source="seed") for kpi, by, group in SEED)
    quyang = tx.session.scalars(select(OrgUnit.code).where(OrgUnit.name == JOBS_CASE_STUDY)).first()
    if quyang is not None:  # the jobs demo plays only 2024 there: the subdistrict's figure is the seed's year
        tx.session.add_all(
            Provenance(metric=kpi, dimension="subdistrict", grp=quyang, source="seed") for kpi in JOBS_SEED
        )
