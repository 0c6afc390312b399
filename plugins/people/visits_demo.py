"""Demo visits: four months of committee staff visiting their residents on the one form (about a third of the
living residents, on working days, two staff a committee), the answers drawn from what the population base holds
with a few changes found at the door (someone no longer lives alone, lost a job) — saved through the same check
and update as ``people.visit``, so the ledgers, the savings figure and the tags follow from them."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select

from citybrain.core.api import Transaction
from citybrain.plugins.people.residents import masked
from citybrain.plugins.people.tables import Resident
from citybrain.plugins.people.visits import form, save

DAYS = 120
SHARE = 0.3  # of the living residents, visited once in the period
STAFF = ["王敏", "李静", "张丽", "刘洋", "陈杰", "杨帆", "赵磊", "黄婷", "周琳", "吴昊", "徐晨", "孙悦"]


def _working_day(rng: random.Random, today: date) -> date:
    while True:
        day = today - timedelta(days=rng.randint(1, DAYS))
        if day.weekday() < 5:
            return day


def answers(rng: random.Random, known: dict) -> dict:
    """A plausible visit of this resident: what is known, confirmed, and a few things found."""
    age, alone = known["age"], bool(known["living_alone"]) and rng.random() > 0.05
    out: dict = {"living_alone": alone, "hukou": known["hukou"] or "local", "house_condition": "good"}
    if not alone:
        out["household_size"] = rng.randint(2, 5)
    out["income_band"] = known["income_band"] or rng.choice(("lower_middle", "middle", "middle", "high"))
    if out["income_band"] == "low":
        out["hardship"] = rng.sample(("illness", "disability", "unemployment", "schooling", "housing"), 1)
    if age >= 60:
        out["self_care"] = rng.choices(("independent", "partial", "dependent"), (80, 15, 5))[0]
        out["care_needs"] = rng.sample(("meals", "bathing", "cleaning", "home_medical", "alarm"), rng.randint(0, 2))
        if alone:
            out["emergency_contact"] = rng.choice(("女儿", "儿子", "侄子", "邻居")) + "（同区）"
        out["family_doctor"] = rng.random() < 0.8
        out["chronic"] = rng.sample(("高血压", "糖尿病", "冠心病"), rng.randint(0, 2))
    if known["disability_grade"]:
        out["disability_grade"] = known["disability_grade"]
        out["disability_kind"] = known["disability_kind"] or "physical"
        out["rehab_need"] = rng.random() < 0.4
    status = known["employment"] or ("student" if age < 16 else "retired" if age >= 60 else "employed")
    if status == "employed" and 16 <= age < 60 and rng.random() < 0.03:
        status = "unemployed"  # lost a job since the 人社 sheet
    out["employment"] = status
    if status == "unemployed":
        out["job_wish"], out["training_wish"] = True, rng.random() < 0.5
    out["veteran"] = bool(known["veteran"])
    if out["veteran"]:
        out["veteran_need"] = rng.choice(("none", "none", "medical", "hardship"))
    if rng.random() < 0.03:
        out["house_condition"], out["hazard"] = "unsafe", rng.choice(("电线老化", "燃气管道锈蚀", "楼道堆物"))
    out["gas_alarm"] = rng.random() < 0.6
    out["follow_up"] = rng.random() < 0.1
    return {k: v for k, v in out.items() if v != []}


def seed(tx: Transaction, rng: random.Random) -> int:
    """Visits of the demo's residents; returns how many."""
    today = date.today()
    living = list(tx.session.scalars(select(Resident).where(Resident.death_date.is_(None)).order_by(Resident.id)))
    committees = sorted({r.committee for r in living if r.committee})
    staff = {c: rng.sample(STAFF, 2) for c in committees}
    planned = []
    for r in living:
        if r.committee is not None and rng.random() < SHARE:
            day = _working_day(rng, today)
            known = masked(r, [], day)
            planned.append((r, day, answers(rng, known), known, rng.choice(staff[r.committee])))
    shown = form().visible_each([(a, known) for _, _, a, known, _ in planned], today)  # the conditions at once
    for (r, day, given, _, visitor), fields in zip(planned, shown, strict=True):
        save(tx, r, day, given, visitor, fields, flush=False)
    tx.session.flush()
    return len(planned)
