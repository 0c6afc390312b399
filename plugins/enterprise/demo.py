"""The demo's enterprises: 5,000 in Hongkou's subdistricts (from the cases demo's org tree), the departments that
take their demands, and 24 months of their indicators up to last month, with distress injected into 5 % of them
(synthetic.py)."""

from __future__ import annotations

import json
import random

from datetime import datetime

from sqlalchemy import select

from citybrain.core.api import Transaction
from citybrain.core.district import DEPARTMENT, DISTRICT, SUBDISTRICT, Tree, save_units
from citybrain.core.storage.bulk import append_rows
from citybrain.plugins.enterprise import synthetic
from citybrain.core.workcalendar import WorkCalendar
from citybrain.plugins.enterprise.scoring import month_name, month_number
from citybrain.plugins.enterprise.tables import Enterprise, IndicatorValue

MONTHS = 24

COUNT = 5_000
DEPARTMENTS = [("310109-RSJ", "区人力资源和社会保障局"), ("310109-JRB", "区金融工作办公室"),
               ("310109-SWB", "区商务委员会"), ("310109-TZB", "区投资促进办公室"), ("310109-FG", "区房屋管理局")]
OFFICERS = ["王敏", "李强", "张静", "刘洋", "陈杰", "杨帆", "赵磊", "周婷"]


def seed(tx: Transaction, rng: random.Random) -> None:
    tree = Tree.load(tx.session)
    district = next((u for u in tree.units.values() if u["kind"] == DISTRICT), None)
    places = [(u["code"], u["lat"], u["lon"]) for u in tree.units.values() if u["kind"] == SUBDISTRICT and u["lat"]]
    if district is None or not places:
        return  # no org tree (the cases plugin is not there): no subdistrict to register enterprises in
    save_units(tx.session, [{"code": code, "name": name, "kind": DEPARTMENT, "parent": district["code"]}
                            for code, name in DEPARTMENTS if code not in tree.units])
    rows = synthetic.profiles(rng, COUNT, sorted(places))
    append_rows(tx.session, Enterprise, [
        {k: v for k, v in row.items() if k != "headcount"} | {
            "officer": rng.choice(OFFICERS),
            "contacts": json.dumps([{"name": f"{rng.choice('王李张刘陈杨黄赵')}经理",
                                     "phone": f"1{rng.randint(30, 99)}{rng.randint(0, 99_999_999):08d}"}],
                                   ensure_ascii=False)} for row in rows])
    ids = dict(tx.session.execute(select(Enterprise.credit_code, Enterprise.id)).all())
    last = month_name(month_number(datetime.now(WorkCalendar.shipped().zone).strftime("%Y-%m")) - 1)
    frame, _ = synthetic.indicators(rng.randrange(2**32), rows, synthetic.months_until(last, MONTHS))
    frame["enterprise_id"] = [ids[rows[p]["credit_code"]] for p in frame["enterprise_id"]]
    append_rows(tx.session, IndicatorValue, frame.to_dict("records"))
