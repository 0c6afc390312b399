"""Demo population: the residents of one subdistrict's compounds (the cases demo's subdistrict with the most of
them, 400 a compound: ~2,000 people in ~900 households), written as the four source departments' own sheets in
their Chinese column layouts and seeded through the importers' own checks.  Valid ID numbers (Hongkou's region
310109, GB 11643 check characters), a deterministic rng, and a few deliberate conflicts between the sources:
deaths the health sheet knows and the others do not (``dead_alive``), people the 人社 sheet places in another
compound (``moved``), one person under two ID numbers in the 残联 sheet (``twice``), a name spelt two ways."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

from citybrain.core.api import Transaction
from citybrain.core.district import COMPOUND, Tree
from citybrain.core.sheets import shipped_mappings
from citybrain.plugins.people import idnumber, truth as policy_truth

PER_COMPOUND = 400
REGION = "310109"  # 虹口区
SURNAMES = (
    "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高梁郑罗宋谢唐韩曹许邓萧冯曾程蔡彭潘袁于董余苏叶吕魏蒋田杜丁"
    "沈姜范江傅钟卢汪戴崔任陆廖姚方金邱夏谭韦贾邹石熊孟秦阎薛侯雷白龙段郝孔邵史毛常万顾赖武康贺严尹钱"
    "施牛洪龚"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文海燕春梅琴云飞鹏辉俊峰宇浩晨欣怡"
    "佳慧雪婷颖琳晓东亮斌"
)
CONDITIONS = ("高血压", "糖尿病", "冠心病", "慢阻肺", "脑卒中", "阿尔茨海默病")
DISABILITY_KINDS = ("视力残疾", "听力残疾", "言语残疾", "肢体残疾", "智力残疾", "精神残疾")
GRADES = ("一级", "二级", "三级", "四级")
CONFLICTS = {"dead_alive": 4, "moved": 3, "twice": 2, "name": 1}  # how many of each the demo plants


def _sheet(kind: str, rows: list[dict]) -> bytes:
    """``rows`` in the Chinese layout of a source's sheet (its mapping's columns)."""
    return next(m for m in shipped_mappings("people") if m.kind == kind and m.name != "citybrain").write(rows)


def _born(rng: random.Random, today: date) -> date:
    age = min(int(rng.triangular(0, 100, 45)), 99)
    return today - timedelta(days=age * 365 + rng.randint(0, 364))


def people(rng: random.Random, compounds: list[tuple[str, str, str]], today: date) -> list[dict]:
    """Residents with households: (code, name, address) of each compound."""
    out: list[dict] = []
    used: Counter[str] = Counter()
    household = 0
    for _, name, address in compounds:
        placed = 0
        while placed < PER_COMPOUND:
            household += 1
            size = rng.choices((1, 2, 3, 4), (28, 34, 24, 14))[0]
            surname = rng.choice(SURNAMES)
            room = f"{address}{rng.randint(1, 120)}号{rng.randint(1, 6)}0{rng.randint(1, 4)}室"
            for _ in range(size):
                born = _born(rng, today)
                male = rng.random() < 0.49
                stem = f"{REGION}{born:%Y%m%d}"
                used[stem] += 1
                number = idnumber.make(REGION, born, used[stem] % 500, male)
                out.append(
                    {
                        "id_number": number,
                        "name": surname + "".join(rng.sample(GIVEN, rng.choice((1, 2)))),
                        "sex": "男" if male else "女",
                        "birth_date": born.isoformat(),
                        "household": f"H{household:06d}",
                        "compound": name,
                        "address": room,
                        "size": size,
                        "born": born,
                        "phone": f"1{rng.choice((35, 38, 39, 58, 86, 89))}{rng.randint(0, 99_999_999):08d}",
                    }
                )
                placed += 1
    return out


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def sheets(
    rng: random.Random,
    residents: list[dict],
    compounds: list[str],
    today: date,
    truth: policy_truth.Truth | None = None,
    planted: dict[str, int] = CONFLICTS,
) -> dict[str, list[dict]]:
    """Each source's rows: civil affairs lists everyone, the others those they keep; most people qualifying for a
    policy granted it (``truth`` is filled with who qualifies and receives nothing, :mod:`.truth`), then the
    ``planted`` conflicts."""
    civil, disability, employment, health = [], [], [], []
    for p in residents:
        age = _age(p["born"], today)
        base = {k: p[k] for k in ("id_number", "name", "compound", "phone")}
        benefits = []
        income = rng.choices(("低收入", "中低收入", "中等收入", "较高收入"), (6, 14, 60, 20))[0]
        if income == "低收入" and rng.random() < 0.7:
            benefits.append(f"DIBAO:{today.year - rng.randint(1, 5)}-01-01")
        if age >= 80 and rng.random() < 0.9:
            benefits.append(f"GAOLING:{p['born'].year + 80}-{p['born'].month:02d}-01")
        civil.append(
            base
            | {k: p[k] for k in ("sex", "birth_date", "household", "address")}
            | {
                "hukou": rng.choices(("本市户籍", "外省市户籍", "人户分离"), (80, 12, 8))[0],
                "income_band": income,
                "living_alone": "是" if p["size"] == 1 else "否",
                "veteran": "是" if age >= 40 and rng.random() < 0.03 else "否",
                "benefits": ";".join(benefits),
            }
        )
        if rng.random() < 0.06:
            grade = rng.choices(GRADES, (10, 20, 30, 40))[0]
            allowances = ["NURSING:2022-01-01"] if grade in GRADES[:2] and rng.random() < 0.8 else []
            disability.append(
                base
                | {
                    "disability_grade": grade,
                    "disability_kind": rng.choice(DISABILITY_KINDS),
                    "benefits": ";".join(allowances),
                }
            )
        if 16 <= age < 60:
            status = rng.choices(("就业", "失业", "无业", "在校"), (78, 6, 8, 8 if age < 25 else 0))[0]
            employment.append(base | {"employment": status})
        elif age >= 60 and rng.random() < 0.5:
            employment.append(base | {"employment": "退休"})
        if age >= 35 and rng.random() < min(0.05 + age / 150, 0.6):
            health.append(base | {"health": ";".join(rng.sample(CONDITIONS[:5], rng.choice((1, 1, 2))))})
    out = {"civil": civil, "disability": disability, "employment": employment, "health": health}
    known = policy_truth.grant(rng, out, today)
    dirty = _plant_conflicts(rng, civil, disability, employment, health, compounds, planted)
    if truth is not None:
        truth.hits |= known
        truth.dirty |= dirty
    return out


def _plant_conflicts(
    rng: random.Random,
    civil: list[dict],
    disability: list[dict],
    employment: list[dict],
    health: list[dict],
    compounds: list[str],
    planted: dict[str, int],
) -> set[str]:
    """The demo's known conflicts (``planted``: how many of each kind), each on people no other planted conflict
    touches.  Returns the ID numbers of the people they touch (both of a person listed twice)."""
    others = {r["id_number"] for r in disability + employment + health}
    listed = [r for r in employment if r["id_number"] not in {h["id_number"] for h in health}]
    picked = rng.sample(listed, planted["dead_alive"] + planted["moved"] + planted["name"])
    touched = [r["id_number"] for r in picked]
    for r in picked[: planted["dead_alive"]]:  # died: the health sheet says so, civil affairs and 人社 do not
        health.append({k: r[k] for k in ("id_number", "name", "compound")} | {"death_date": "2026-03-15"})
    for r in picked[planted["dead_alive"] : -planted["name"]]:  # 人社 has them in another compound
        r["compound"] = rng.choice([c for c in compounds if c != r["compound"]])
    for r in picked[-planted["name"] :]:  # a name spelt two ways
        r["name"] = r["name"][0] + "晓" + r["name"][1:]
    alone = [c for c in civil if c["id_number"] not in others]
    for r in rng.sample(alone, planted["twice"]):  # 残联 lists them under a second number (a mistyped sequence)
        born = date.fromisoformat(r["birth_date"])
        number = idnumber.make(REGION, born, 499, r["sex"] == "男")
        disability.append(
            {k: r[k] for k in ("name", "compound", "phone")}
            | {"id_number": number, "disability_grade": "四级", "disability_kind": "肢体残疾"}
        )
        touched += [r["id_number"], number]
    return set(touched)


def seed(tx: Transaction, rng: random.Random) -> None:
    from citybrain.plugins.people.daemon import importer

    tree = Tree.load(tx.session)
    compounds = [u for u in tree.units.values() if u["kind"] == COMPOUND]
    if not compounds:
        return  # no org tree (the cases plugin is not there): nowhere for residents to live
    by_subdistrict = Counter(tree.subdistrict_of(u["code"]) for u in compounds)
    chosen = by_subdistrict.most_common(1)[0][0]
    mine = sorted((u["code"], u["name"], u["address"]) for u in compounds if tree.subdistrict_of(u["code"]) == chosen)
    today = date.today()
    residents = people(rng, mine, today)
    for source, rows in sheets(rng, residents, [name for _, name, _ in mine], today).items():
        importer(source)(tx, f"demo-{source}.csv", _sheet(source, rows))
