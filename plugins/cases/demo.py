"""The demo district: Hongkou's org tree and a month of cases that went round the loop.

The 8 subdistricts carry their official statistical codes; committees,
grids, compounds, property companies and people are made up (plausible
names, 1xx-prefixed phone numbers that are not real).  Cases are played
through the real :class:`CaseLoop` on a moving clock, so every history,
deadline and escalation is what the loop itself would have written.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import datetime, timedelta

from citybrain.core.api import Transaction, utcnow
from citybrain.core.cases import Case, CaseLoop, Catalogue, catalogue, grids
from citybrain.core.cases.catalogue import Departments
from citybrain.core.cases.model import priority_factors
from citybrain.core.district import (
    COMMITTEE,
    COMPOUND,
    DEPARTMENT,
    DISTRICT,
    GRID,
    PROPERTY,
    SUBDISTRICT,
    Tree,
    save_units,
)
from citybrain.plugins.cases import demo_grids

DISTRICT_CODE = "310109000000"
# code, name, approximate centre (WGS84)
SUBDISTRICTS = [
    ("310109009000", "欧阳路街道", 31.2715, 121.4885),
    ("310109010000", "曲阳路街道", 31.2850, 121.4900),
    ("310109011000", "广中路街道", 31.2780, 121.4745),
    ("310109014000", "嘉兴路街道", 31.2605, 121.4945),
    ("310109016000", "凉城新村街道", 31.2950, 121.4700),
    ("310109017000", "四川北路街道", 31.2580, 121.4820),
    ("310109018000", "北外滩街道", 31.2520, 121.4970),
    ("310109019000", "江湾镇街道", 31.2930, 121.4830),
]
DEPARTMENTS = [
    ("12345", "12345市民服务热线虹口分中心"),
    ("LHSR", "区绿化和市容管理局"),
    ("STHJ", "区生态环境局"),
    ("CGZF", "区城管执法局"),
    ("MF", "区民防办"),
    ("GA", "公安虹口分局"),
    ("YJ", "区应急管理局"),
    ("CYZX", "区城市运行管理中心"),
    ("JGW", "区建设和管理委员会"),
    ("FG", "区房屋管理局"),
]
ROADS = [
    "四平",
    "大连",
    "欧阳",
    "曲阳",
    "广中",
    "嘉兴",
    "海伦",
    "溧阳",
    "多伦",
    "山阴",
    "甜爱",
    "东体育会",
    "赤峰",
    "水电",
    "车站",
    "凉城",
    "万安",
    "江湾",
    "密云",
    "新市",
    "株洲",
    "邢家桥",
    "飞虹",
    "玉田",
    "花园",
    "虬江",
    "长春",
    "横浜",
    "宝安",
    "乍浦",
    "塘沽",
    "武进",
    "天潼",
    "东长治",
    "昆明",
    "辽源",
    "岳州",
    "丰镇",
    "三门",
]
SURNAMES = "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗"
# the seed's retrofitted compound (its events: 90% solved by the property company, 8% by the committee, <2% higher up)
SEED_COMPOUND = "中云舫小区"
GIVEN = ["伟", "芳", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "建华", "玉兰"]


def person(rng: random.Random, role: str | None = None) -> dict:
    p = {
        "name": rng.choice(SURNAMES) + rng.choice(GIVEN),
        "phone": f"1{rng.randint(30, 99)}{rng.randint(0, 99_999_999):08d}",
    }
    if role:
        p["role"] = role
    return p


def org_units(rng: random.Random) -> list[dict]:
    """District, 8 subdistricts, ~200 committees with a grid each, 40 old compounds (the seed's 中云舫小区 first),
    12 property companies, departments; every made-up name is unique."""
    used = {SEED_COMPOUND}

    def unique(draw: Callable[[], str]) -> str:
        """A made-up name no other unit has: an operator tells units apart by name (drawn again on a clash)."""
        name = draw()
        while name in used:
            name = draw()
        used.add(name)
        return name

    units = [
        {
            "code": DISTRICT_CODE,
            "name": "虹口区",
            "kind": DISTRICT,
            "parent": None,
            "lat": 31.2646,
            "lon": 121.5050,
            "contacts": [person(rng, "城运中心值班长")],
            "on_duty": [person(rng)],
        }
    ]
    for code, name in DEPARTMENTS:
        units.append(
            {
                "code": f"310109-{code}",
                "name": name,
                "kind": DEPARTMENT,
                "parent": DISTRICT_CODE,
                "contacts": [person(rng, "联络员")],
                "on_duty": [person(rng)],
            }
        )
    companies = [f"310109-PM{n:02d}" for n in range(1, 13)]
    for code in companies:
        name = unique(lambda: f"{rng.choice(ROADS)}物业管理有限公司")
        units.append(
            {
                "code": code,
                "name": name,
                "kind": PROPERTY,
                "parent": DISTRICT_CODE,
                "contacts": [person(rng, "项目经理")],
                "on_duty": [person(rng)],
            }
        )
    committees = []
    for s_code, s_name, lat, lon in SUBDISTRICTS:
        units.append(
            {
                "code": s_code,
                "name": s_name,
                "kind": SUBDISTRICT,
                "parent": DISTRICT_CODE,
                "lat": lat,
                "lon": lon,
                "contacts": [person(rng, "街道城运分中心")],
                "on_duty": [person(rng)],
            }
        )
        for i in range(1, 26):
            code = f"{s_code[:9]}{i:03d}"
            c_lat, c_lon = lat + rng.uniform(-0.007, 0.007), lon + rng.uniform(-0.007, 0.007)
            name = unique(lambda: f"{rng.choice(ROADS)}{rng.choice(['路', '新村', '坊', '苑'])}第{i}居委会")  # noqa: B023
            units.append(
                {
                    "code": code,
                    "name": name,
                    "kind": COMMITTEE,
                    "parent": s_code,
                    "lat": c_lat,
                    "lon": c_lon,
                    "contacts": [person(rng, "书记")],
                    "on_duty": [person(rng)],
                }
            )
            units.append(
                {
                    "code": f"{code}-G1",
                    "name": f"{units[-1]['name']}1号网格",
                    "kind": GRID,
                    "parent": code,
                    "lat": c_lat,
                    "lon": c_lon,
                    "contacts": [person(rng, "网格长")],
                    "on_duty": [],
                }
            )
            committees.append((code, c_lat, c_lon))
    for n, (code, c_lat, c_lon) in enumerate(rng.sample(committees, 40), start=1):
        name = (
            SEED_COMPOUND
            if n == 1
            else unique(lambda: f"{rng.choice(ROADS)}{rng.choice(['新村', '里', '坊', '小区'])}")
        )
        units.append(
            {
                "code": f"{code}-XQ{n:02d}",
                "name": name,
                "kind": COMPOUND,
                "parent": code,
                "property_company": companies[n % len(companies)],
                "address": f"虹口区{rng.choice(ROADS)}路{rng.randint(1, 999)}弄",
                "lat": c_lat + rng.uniform(-0.002, 0.002),
                "lon": c_lon + rng.uniform(-0.002, 0.002),
                "contacts": [person(rng, "物业经理")],
                "on_duty": [person(rng)],
            }
        )
    for unit in units:
        unit.setdefault("address", "")
        unit.setdefault("property_company", None)
        unit.setdefault("lat", None)
        unit.setdefault("lon", None)
    return units


def seed(tx: Transaction, rng: random.Random, loop: CaseLoop, cases: int = 300) -> None:
    """The org tree, the shipped event catalogue and generated grid boundaries (each through its importer's checks),
    then ``cases`` cases over the last 30 days; most closed, the newest still open."""
    save_units(tx.session, org_units(rng))
    tx.session.flush()
    tree = Tree.load(tx.session)
    items, report = catalogue.parse(catalogue.SHIPPED[-1], catalogue.shipped_bytes(), Departments.of(tree.units))
    grid_units = [c for c, u in tree.units.items() if u["kind"] == GRID]
    rings = demo_grids.cells(
        [(tree.units[tree.units[g]["parent"]]["lon"], tree.units[tree.units[g]["parent"]]["lat"]) for g in grid_units]
    )
    cells, grid_report = grids.parse(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"code": g, "committee": tree.units[g]["parent"]},
                        "geometry": {"type": "Polygon", "coordinates": [ring]},
                    }
                    for g, ring in zip(grid_units, rings, strict=True)
                ],
            }
        ).encode(),
        tree.units,
    )
    if report.errors or grid_report.errors:
        raise ValueError(f"the demo's catalogue or grids are refused: {(report.errors + grid_report.errors)[:3]}")
    catalogue.save(tx.session, items)
    grids.save(tx.session, tree, cells)
    tx.session.flush()
    tree = Tree.load(tx.session)
    compounds = [c for c, u in tree.units.items() if u["kind"] == COMPOUND]
    committees = [c for c, u in tree.units.items() if u["kind"] == COMMITTEE]
    kinds = Catalogue.from_items(catalogue.stored(tx.session), priority_factors())
    types = list(kinds.types)
    clock = [utcnow() - timedelta(days=30)]
    demo = CaseLoop(kinds, loop.calendar, now=lambda: clock[0], fixed_tree=tree)
    end = utcnow()
    starts = sorted(end - timedelta(minutes=rng.uniform(5, 30 * 24 * 60)) for _ in range(cases))
    for started in starts:
        clock[0] = started
        source = rng.choice(["sensor", "hotline", "patrol", "hotline", "manual"])
        # a sensor sits in a compound: its case goes to the property company first (the seed's 90/8/2)
        unit = rng.choice(compounds) if source == "sensor" or rng.random() < 0.8 else rng.choice(committees)
        unit_info = tree.units[unit]
        kind = rng.choice(types)
        case = demo.open(
            tx,
            source=source,
            type=kind,
            unit=unit,
            priority=rng.choices(["urgent", "high", "medium", "low"], [1, 3, 10, 4])[0],
            title=f"{kinds.types[kind].name} · {unit_info['name']}",
            address=unit_info["address"],
            lat=unit_info["lat"],
            lon=unit_info["lon"],
        )
        _play(tx, demo, clock, case["id"], rng, end)
    for minutes, source in ((4, "hotline"), (9, "patrol"), (14, "hotline")):  # reported by people, minutes ago:
        clock[0] = end - timedelta(minutes=minutes)  # waiting, new, for the district's dispatcher
        unit = rng.choice(compounds)
        kind = rng.choice(types)
        demo.open(
            tx,
            source=source,
            type=kind,
            unit=unit,
            priority="high" if minutes == 9 else "medium",
            title=f"{kinds.types[kind].name} · {tree.units[unit]['name']}",
            dispatch=False,
        )


def _play(
    tx: Transaction, loop: CaseLoop, clock: list[datetime], case_id: int, rng: random.Random, end: datetime
) -> None:
    """Walk one case as far as its age allows: escalate now and then, most end resolved by the first owner."""

    def later(minutes: float) -> bool:
        clock[0] += timedelta(minutes=rng.uniform(0.3, 1.0) * minutes)
        return clock[0] < end

    level = rng.choices([0, 1, 2], [90, 8, 2])[0]
    for _ in range(level):
        if not later(60):
            return
        loop.escalate(tx, tx.session.get_one(Case, case_id))
    for action, minutes in (("accept", 15), ("start", 20), ("resolve", 180), ("verify", 120), ("close", 60)):
        if not later(minutes):
            return
        if action == "verify" and rng.random() < 0.05:
            loop.act(tx, case_id, "reopen", reason="复核未通过 verification failed")
            return
        loop.act(tx, case_id, action)
