"""The demo's patrols: three teams with their members (one member of each linked to the demo account they log in
with: the month's patrols they started carry them), areas, checklists and plans; 2024's patrol records and the
problems found on them, which count exactly the seed's figures (48,946 patrols, 2,359 problems found, 2,229
handled); and the last month's patrols with their path points, the newest still out, whose open problems are
real cases in the shared loop.

Budget: every test copies the demo seed, so this is bulk inserts of plain columns (``append_columns``); only the
last month carries path points, and only the month's open problems go through the case loop (a handful)."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy import select

from citybrain.core.api import Transaction, append_columns, operator_exists, utcnow
from citybrain.core.district import OrgUnit, Tree
from citybrain.plugins.patrols import (
    ACTIVE,
    ENFORCEMENT,
    FINISHED,
    HANDLED,
    INSPECTION,
    OPEN,
    PROBLEMS,
    SUPERVISION,
    UNHANDLED,
    checklists,
)
from citybrain.plugins.patrols.tables import Patrol, Plan, Problem, Team

ZONE = ZoneInfo("Asia/Shanghai")
SEED = (2024, 48_946, 2_359, 2_229)  # year, patrols, problems found, problems handled: the seed's figures
DISTRICT = "310109000000"
# code, type, name, owning department, share of the patrols
TEAMS = [
    ("HK-XC", INSPECTION, "区城运中心巡查队", "310109-CYZX", 0.5),
    ("HK-ZF", ENFORCEMENT, "区城管执法大队", "310109-CGZF", 0.3),
    ("HK-JD", SUPERVISION, "区城运中心监督组", "310109-CYZX", 0.2),
]
MEMBERS = {INSPECTION: 8, ENFORCEMENT: 6, SUPERVISION: 4}
# members who log in in the field: team -> (member's place in it, the core's demo account, its display name, the
# subdistrict where they patrol, None: wherever the team goes); the patrols they start there carry them
LINKED = {
    "HK-XC": (1, "xuncha", "陈晓东", "310109009000"),
    "HK-ZF": (1, "zhifa", "刘振华", "310109010000"),
    "HK-JD": (0, "jiandu", "孙丽萍", None),
}
# what a team finds: title, case type (the shipped catalogue's)
FINDINGS = {
    INSPECTION: [
        ("暴露垃圾", "SR-01"),
        ("非机动车乱停放", "JM-02"),
        ("井盖破损", "SS-01"),
        ("道路破损", "SS-03"),
        ("楼道堆物", "XQ-02"),
        ("消防通道被占用", "XQ-03"),
    ],
    ENFORCEMENT: [("占道经营", "JM-01"), ("违章搭建", "XQ-06"), ("建筑垃圾违规堆放", "SR-03"), ("机动车违停", "JM-03")],
    SUPERVISION: [("整改不到位", "SR-01"), ("乱张贴乱涂写", "SR-02")],
}
PLANNED = {INSPECTION: lambda s: s, ENFORCEMENT: lambda s: s[1::2], SUPERVISION: lambda s: s[::4]}  # plans' areas
RECENT_DAYS, RECENT_PER_DAY, OUT_NOW = 30, 40, 3  # the month on the map: patrols a day, and those still out
POINTS = 12  # path points of a recent patrol
SURNAMES, GIVEN = (
    "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗",
    ["伟", "芳", "敏", "磊", "洋", "勇", "军", "杰", "涛", "明", "超", "建国"],
)


def _people(rng: random.Random, n: int, linked: tuple | None) -> list[dict]:
    """Made-up names (none twice in a team: a member is named by name) and 1xx numbers that are not real; the first
    leads the team.  The team's member who logs in in the field is named as their account and linked to it."""
    names: list[str] = []
    while len(names) < n:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        names += [name] if name not in names else []
    people = [
        {
            "name": name,
            "phone": f"1{rng.randint(30, 99)}{rng.randint(0, 99_999_999):08d}",
            "role": "队长" if i == 0 else "队员",
            "operator": None,
        }
        for i, name in enumerate(names)
    ]
    if linked is not None:
        at, username, name, _ = linked
        people[at] |= {"name": name, "operator": username}
    return people


def _aware(base: datetime, seconds: np.ndarray) -> list[datetime]:
    return [base + timedelta(seconds=s) for s in seconds.tolist()]


def seed(tx: Transaction, rng: random.Random) -> None:
    gen = np.random.default_rng(rng.getrandbits(32))
    units = {u.code: u for u in tx.session.scalars(select(OrgUnit))}
    subdistricts = sorted(c for c, u in units.items() if u.kind == "subdistrict") or [DISTRICT]
    grids = {
        s: [
            (c, u.lat, u.lon)
            for c, u in units.items()
            if u.kind == "grid"
            and u.lat is not None
            and (parent := units.get(u.parent or "")) is not None
            and parent.parent == s
        ]
        for s in subdistricts
    }
    linked = {team: who for team, who in LINKED.items() if operator_exists(tx.session, who[1])}
    plans = _teams_and_plans(tx, rng, subdistricts, grids, {c: u.name for c, u in units.items()}, linked)
    first = _year(tx, gen, subdistricts, grids)
    _month(tx, gen, rng, subdistricts, grids, plans, first, linked)


def _teams_and_plans(
    tx: Transaction,
    rng: random.Random,
    subdistricts: list[str],
    grids: dict[str, list],
    names: dict[str, str],
    linked: dict[str, tuple],
) -> dict[str, list[Plan]]:
    plans: dict[str, list[Plan]] = {}
    for code, kind, name, unit, _ in TEAMS:
        areas = [DISTRICT] if kind == SUPERVISION else subdistricts
        tx.session.add(
            Team(
                code=code,
                type=kind,
                name=name,
                unit=unit,
                areas=json.dumps(areas),
                members=json.dumps(_people(rng, MEMBERS[kind], linked.get(code)), ensure_ascii=False),
            )
        )
        tx.session.flush()  # the team before its plans (no relationship tells the unit of work)
        checks = list(checklists.CHECKLISTS[kind])
        plans[code] = []
        for n, area in enumerate(PLANNED[kind](subdistricts)):
            stops = grids.get(area, [])[:6]
            route = [[lon, lat] for _, lat, lon in stops] if kind == INSPECTION and n % 2 == 0 else []
            what = {INSPECTION: "巡查", ENFORCEMENT: "执法巡查", SUPERVISION: "督查"}[kind]
            plan = Plan(
                team=code,
                name=f"{names.get(area, area)}{'路线' if route else ''}{what}",
                area=area,
                route=json.dumps(route),
                days=json.dumps([1, 2, 3, 4, 5] if n % 2 == 0 else [1, 3, 5, 6]),
                start=("08:30", "09:30", "14:00", "19:00")[n % 4],
                minutes=90 + 30 * (n % 3),
                checks=json.dumps(checks[:4] if n % 2 else checks),
                active=True,
            )
            tx.session.add(plan)
            plans[code].append(plan)
    tx.session.flush()
    return plans


def _type_of(gen: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    shares = np.array([t[4] for t in TEAMS])
    index = gen.choice(len(TEAMS), size=n, p=shares / shares.sum())
    return np.array([t[0] for t in TEAMS])[index], np.array([t[1] for t in TEAMS])[index]


def _year(tx: Transaction, gen: np.random.Generator, subdistricts: list[str], grids: dict[str, list]) -> int:
    """2024: one row per patrol, one per problem found (handled or not); no path points, no cases. Returns the
    first patrol id of the recent month."""
    year, n, found, handled = SEED
    base = datetime(year, 1, 1, 8, tzinfo=ZONE).astimezone(UTC)  # local 08:00 on 1 January
    days = (datetime(year + 1, 1, 1) - datetime(year, 1, 1)).days
    starts = np.sort(gen.integers(0, days, n) * 86_400 + gen.integers(0, 9 * 3600, n))  # 08:00-17:00 local
    teams, kinds = _type_of(gen, n)
    areas = np.array(subdistricts)[gen.integers(0, len(subdistricts), n)]
    first = (tx.session.scalar(select(Patrol.id).order_by(Patrol.id.desc()).limit(1)) or 0) + 1  # ids follow on
    append_columns(
        tx.session,
        Patrol,
        {  # finished, no plan, no path, no checks: the table's defaults
            "team": teams.tolist(),
            "team_type": kinds.tolist(),
            "area": areas.tolist(),
            "subdistrict": areas.tolist(),
            "started_at": _aware(base, starts),
            "seconds": (gen.integers(60, 180, n) * 60).tolist(),
        },
    )
    on = np.sort(gen.choice(n, size=found, replace=False))  # the patrols that found something, one problem each
    done = np.zeros(found, dtype=bool)
    done[gen.choice(found, size=handled, replace=False)] = True
    found_s = starts[on] + gen.integers(5, 55, found) * 60
    _problems(
        tx,
        gen,
        [first + int(i) for i in on],
        kinds[on],
        areas[on],
        _aware(base, found_s),
        np.where(done, HANDLED, UNHANDLED),
        _aware(base, found_s + gen.integers(1, 72, found) * 3600),
        done,
        grids,
        "2024",
    )
    return first + n


def _problems(
    tx: Transaction,
    gen: np.random.Generator,
    patrols: list[int],
    kinds: np.ndarray,
    areas: np.ndarray,
    found_at: list[datetime],
    states: np.ndarray,
    handled_at: list[datetime],
    done: np.ndarray,
    grids: dict[str, list],
    folder: str,
) -> None:
    m = len(patrols)
    picks = [
        FINDINGS[k][i % len(FINDINGS[k])] for k, i in zip(kinds.tolist(), gen.integers(0, 12, m).tolist(), strict=True)
    ]
    where = [_spot(gen, grids, a) for a in areas.tolist()]
    append_columns(
        tx.session,
        Problem,
        {
            "patrol": patrols,
            "team_type": kinds.tolist(),
            "found_at": found_at,
            "title": [p[0] for p in picks],
            "type": [p[1] for p in picks],
            "unit": [w[0] for w in where],
            "lat": [w[1] for w in where],
            "lon": [w[2] for w in where],
            "photo": [f"patrol-photos/{folder}/{p:06d}.jpg" for p in patrols],
            "case_id": [None] * m,
            "state": states.tolist(),
            "handled_at": [h if d else None for h, d in zip(handled_at, done.tolist(), strict=True)],
        },
    )


def _spot(gen: np.random.Generator, grids: dict[str, list], area: str) -> tuple[str, float, float]:
    """A point a few dozen metres from one of the area's grids, and that grid."""
    choices = grids.get(area) or [(area, 31.2646, 121.5050)]
    code, lat, lon = choices[int(gen.integers(0, len(choices)))]
    return code, lat + float(gen.uniform(-0.0008, 0.0008)), lon + float(gen.uniform(-0.0008, 0.0008))


def _month(
    tx: Transaction,
    gen: np.random.Generator,
    rng: random.Random,
    subdistricts: list[str],
    grids: dict[str, list],
    plans: dict[str, list[Plan]],
    first: int,
    linked: dict[str, tuple],
) -> None:
    """The last month, with path points: finished patrols, the newest still out; their problems mostly handled,
    the open ones real cases."""
    now = utcnow()
    n = RECENT_DAYS * RECENT_PER_DAY
    base = now - timedelta(days=RECENT_DAYS)
    starts = np.sort(gen.integers(0, RECENT_DAYS * 86_400 - 4 * 3600, n - OUT_NOW))
    starts = np.concatenate([starts, RECENT_DAYS * 86_400 - gen.integers(20, 100, OUT_NOW) * 60])  # out now
    teams, kinds = _type_of(gen, n)
    plan_of = [rng.choice(plans[t]) if plans.get(t) else None for t in teams.tolist()]
    areas = np.array([p.area if p else rng.choice(subdistricts) for p in plan_of])
    minutes = gen.integers(60, 150, n)
    out = np.arange(n) >= n - OUT_NOW
    paths = _walks(gen, grids, areas, minutes * 60, out)
    started = _aware(base, starts)
    crew = [_crew(linked, t, a) for t, a in zip(teams.tolist(), areas.tolist(), strict=True)]
    append_columns(
        tx.session,
        Patrol,
        {
            "team": teams.tolist(),
            "team_type": kinds.tolist(),
            "plan": [p.id if p else None for p in plan_of],
            "area": areas.tolist(),
            "subdistrict": areas.tolist(),
            "state": np.where(out, ACTIVE, FINISHED).tolist(),
            "started_at": started,
            "seconds": [None if o else m * 60 for o, m in zip(out.tolist(), minutes.tolist(), strict=True)],
            "started_by": [who[0] for who in crew],
            "member": [who[1] for who in crew],
            "path": paths,
            "checks": [
                json.dumps([] if o or not p else json.loads(p.checks))
                for o, p in zip(out.tolist(), plan_of, strict=True)
            ],
        },
    )
    found = round(n * SEED[2] / SEED[1])  # the seed's rate of problems a patrol
    on = np.sort(gen.choice(n - OUT_NOW, size=found, replace=False))
    found_s = starts[on] + gen.integers(5, 55, found) * 60
    handled_s = found_s + gen.integers(1, 72, found) * 3600
    done = handled_s < RECENT_DAYS * 86_400 - 3600  # what was found lately is still being worked
    done[-3:] = False
    _problems(
        tx,
        gen,
        [first + int(i) for i in on],
        kinds[on],
        areas[on],
        _aware(base, found_s),
        np.where(done, HANDLED, OPEN),
        _aware(base, handled_s),
        done,
        grids,
        "recent",
    )
    _open_cases(tx)


def _crew(linked: dict[str, tuple], team: str, area: str) -> tuple[str, str | None]:
    """Who started a patrol of the month: the team's linked member where they patrol (their account and name), else
    nobody named (a patrol the team's desk started)."""
    who = linked.get(team)
    if who is None or who[3] not in (None, area):
        return "", None
    return who[1], who[2]


def _walks(
    gen: np.random.Generator, grids: dict[str, list], areas: np.ndarray, seconds: np.ndarray, out: np.ndarray
) -> list[str]:
    """Each patrol's path from one grid of its area towards another in ``POINTS`` steps, with small wanderings
    (half of it for a patrol still out), as JSON."""
    n = len(areas)
    ends = [(_spot(gen, grids, a), _spot(gen, grids, a)) for a in areas.tolist()]
    lat0, lon0 = np.array([e[0][1] for e in ends]), np.array([e[0][2] for e in ends])
    lat1, lon1 = np.array([e[1][1] for e in ends]), np.array([e[1][2] for e in ends])
    steps = np.linspace(0, 1, POINTS)
    lats = np.round(lat0[:, None] + (lat1 - lat0)[:, None] * steps + gen.normal(0, 0.0003, (n, POINTS)), 6)
    lons = np.round(lon0[:, None] + (lon1 - lon0)[:, None] * steps + gen.normal(0, 0.0003, (n, POINTS)), 6)
    times = (seconds[:, None] * 0.9 * steps).astype(int)
    return [
        json.dumps([list(p) for p in zip(lo, la, t, strict=True)][: POINTS // 2 if late else POINTS])
        for lo, la, t, late in zip(lons.tolist(), lats.tolist(), times.tolist(), out.tolist(), strict=True)
    ]


def _open_cases(tx: Transaction) -> None:
    """The month's open problems are cases in the shared loop, as a problem reported from the field would be (the
    loop with the org tree read once, not once a case)."""
    if not tx.offers("cases.open"):
        return
    from citybrain.core.cases import CaseLoop

    loop = CaseLoop(fixed_tree=Tree.load(tx.session))
    for found in tx.session.scalars(select(Problem).where(Problem.state == OPEN, Problem.case_id.is_(None))):
        found.case_id = loop.open(
            tx,
            source="patrol",
            type=found.type,
            unit=found.unit,
            priority="medium",
            title=found.title,
            lat=found.lat,
            lon=found.lon,
            attachments=[found.photo],
            source_ref=f"{PROBLEMS}/{found.id}",
        )["id"]
