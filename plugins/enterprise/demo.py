"""The demo's enterprises: 5,000 in Hongkou's subdistricts (from the cases demo's org tree), the departments that
take their demands, and 24 months of their indicators up to last month, with distress injected into 5 % of them
(synthetic.py)."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from citybrain.core.api import Transaction, append_columns, append_rows, utcnow
from citybrain.core.district import DEPARTMENT, DISTRICT, SUBDISTRICT, Tree, save_units
from citybrain.core.workcalendar import WorkCalendar
from citybrain.plugins.enterprise import config, synthetic
from citybrain.plugins.enterprise.demands import Demand, act, due_after, raise_demand
from citybrain.plugins.enterprise.scoring import month_name, month_number
from citybrain.plugins.enterprise.tables import Enterprise, IndicatorValue
from citybrain.plugins.enterprise.visits import Visit, plan

MONTHS = 24

COUNT = 5_000
DEPARTMENTS = [
    ("310109-RSJ", "区人力资源和社会保障局"),
    ("310109-JRB", "区金融工作办公室"),
    ("310109-SWB", "区商务委员会"),
    ("310109-TZB", "区投资促进办公室"),
    ("310109-FG", "区房屋管理局"),
]
OFFICERS = ["王敏", "李强", "张静", "刘洋", "陈杰", "杨帆", "赵磊", "周婷"]
FINDINGS = [
    "经营正常，订单平稳",
    "订单下滑，资金周转偏紧",
    "计划扩租办公场地",
    "招工难，急需技术工人",
    "关注研发费用加计扣除政策",
    "拟申请高新技术企业认定",
    "外地总部拟迁入虹口",
]
ASKS = {
    "talent": "引进高级工程师落户",
    "financing": "流动资金贷款",
    "housing": "人才公寓申请",
    "permits": "食品经营许可证续期",
    "premises": "扩租办公用房",
    "policy": "高企认定政策咨询",
    "other": "周边道路停车位紧张",
}


def seed(tx: Transaction, rng: random.Random) -> None:
    tree = Tree.load(tx.session)
    district = next((u for u in tree.units.values() if u["kind"] == DISTRICT), None)
    places = [(u["code"], u["lat"], u["lon"]) for u in tree.units.values() if u["kind"] == SUBDISTRICT and u["lat"]]
    if district is None or not places:
        return  # no org tree (the cases plugin is not there): no subdistrict to register enterprises in
    save_units(
        tx.session,
        [
            {"code": code, "name": name, "kind": DEPARTMENT, "parent": district["code"]}
            for code, name in DEPARTMENTS
            if code not in tree.units
        ],
    )
    rows = synthetic.profiles(rng, COUNT, sorted(places))
    append_rows(
        tx.session,
        Enterprise,
        [
            {k: v for k, v in row.items() if k != "headcount"}
            | {
                "officer": rng.choice(OFFICERS),
                "contacts": json.dumps(
                    [
                        {
                            "name": f"{rng.choice('王李张刘陈杨黄赵')}经理",
                            "phone": f"1{rng.randint(30, 99)}{rng.randint(0, 99_999_999):08d}",
                        }
                    ],
                    ensure_ascii=False,
                ),
            }
            for row in rows
        ],
    )
    ids = dict(tx.session.execute(select(Enterprise.credit_code, Enterprise.id)).all())
    last = month_name(month_number(datetime.now(WorkCalendar.shipped().zone).strftime("%Y-%m")) - 1)
    frame, _ = synthetic.indicators(rng.randrange(2**32), rows, synthetic.months_until(last, MONTHS))
    frame["enterprise_id"] = [ids[rows[p]["credit_code"]] for p in frame["enterprise_id"]]
    append_columns(tx.session, IndicatorValue, {name: frame[name].tolist() for name in frame.columns})
    services(tx, rng, list(ids.values()))


def services(tx: Transaction, rng: random.Random, ids: list[int]) -> None:
    """A year of visits and demands (a tenth of the seed's 15,000+ and 12,000+, to keep a demo start quick; 97 %
    of those old enough answered, so ~90 % overall with the recent ones still open — the seed's ~96 % is over
    several years), open demands going round the loop now, and visit plans for the coming weeks (some late)."""
    now = utcnow()
    departments = [code for code, _ in DEPARTMENTS]
    visits: list[dict[str, Any]] = [  # rows as append_rows takes them
        {
            "enterprise_id": rng.choice(ids),
            "visited_on": (now - timedelta(days=rng.randint(1, 365))).date(),
            "visitors": "、".join(rng.sample(OFFICERS, 2)),
            "department": rng.choice(departments),
            "findings": rng.choice(FINDINGS),
            "recorded_by": "demo",
            "recorded_at": now,
        }
        for _ in range(1_500)
    ]
    append_rows(tx.session, Visit, visits)
    categories = list(config.categories().values())
    history = []
    for visit in rng.sample(visits, 1_200):
        category = rng.choices(categories, [3, 3, 2, 2, 1, 3, 1])[0]
        raised = datetime.combine(visit["visited_on"], datetime.min.time(), tzinfo=UTC) + timedelta(hours=10)
        answered = raised + timedelta(days=rng.uniform(1, category.days * 1.6))
        solved = rng.random() < 0.97 and answered < now
        happy = solved and rng.random() < 0.95  # the others said so, and their demand is being worked again
        state = ("closed" if happy else "reopened") if solved else "in_progress"
        overdue = not solved and raised + timedelta(days=category.days * 1.5) < now
        history.append(
            {
                "enterprise_id": visit["enterprise_id"],
                "category": category.code,
                "title": category.name,
                "description": "",
                "department": category.department,
                "raised_at": raised,
                "due_at": due_after(raised, category.days),
                "state": state,
                "answered_at": answered if solved else None,
                "answer": "已办结" if solved else "",
                "closed_at": answered + timedelta(days=2) if happy else None,
                "satisfied": happy if solved else None,
                "rating": rng.choice((4, 5) if happy else (2, 3)) if solved else None,
                "reopened": int(solved and not happy),
                "overdue": overdue,
                "escalations": 2 if overdue else 0,
                "history": "[]",
            }
        )
    append_rows(tx.session, Demand, history)
    for n in range(30):  # open now: through the loop itself, cases and all
        code = rng.choice(categories).code
        demand = raise_demand(tx, {"enterprise": rng.choice(ids), "category": code, "title": ASKS[code]})
        for action in ("assign", "start", "answer")[: n % 4]:
            act(tx, {"demand": demand["id"], "action": action, "answer": "已对接，待企业反馈"})
    for _ in range(20):
        plan(
            tx,
            {
                "enterprise": rng.choice(ids),
                "planned_for": (now + timedelta(days=rng.randint(-5, 14))).date().isoformat(),
                "visitors": "、".join(rng.sample(OFFICERS, 2)),
                "purpose": "走访调研",
            },
        )
