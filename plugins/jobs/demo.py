"""Demo data for the jobs plugin: the year 2024 of the 15-minute employment circle, from the plugin's own records.

The seed reports that 曲阳路街道 made about 15,000 automatic pushes in 2024 and that about 2,500 people found work
through them.  The demo does not store those figures: it writes 人社's register of seekers and the enterprises'
vacancies as the sheets would come (through the importers' own checks), then plays the year month by month: on the
25th one click pushes every looking seeker's best 3 matches (the push command's own matching, reasons and
subsidies), and each push gets its answer, interview and hire (a hire closes the search and fills an opening, as
the hire command does).  The KPIs then count those rows.

The figures come out near the seed's because the year is sized for them: a looking pool of about 420 seekers in
曲阳路街道 renewed by about 208 registrations a month, 3 pushes a seeker a month, and about one push in five ending
in a hire (so about half the pool is hired each month): 3 × 12 × 420 ≈ 15,000 pushes, 12 × 208 ≈ 2,500 hires.
Every other subdistrict has a pool a seventeenth of that; the metrics demo marks their figures as demo data and
曲阳路街道's as the case study's."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from citybrain.core.api import Transaction, append_rows
from citybrain.core.district import COMPOUND, SUBDISTRICT, Tree
from citybrain.core.sheets import shipped_mappings
from citybrain.plugins.enterprise.tables import Enterprise
from citybrain.plugins.jobs import imports, pushes
from citybrain.plugins.jobs.occupations import classification
from citybrain.plugins.jobs.tables import Push, Seeker, Vacancy
from citybrain.plugins.people import idnumber

CASE_STUDY = "曲阳路街道"
YEAR = 2024
POOL = {True: (420, 208), False: (24, 12)}  # (looking as the year starts, registering a month): the case study, others
SEASON = (0.8, 1.2, 1.3, 1.0, 0.9, 1.0, 1.1, 1.1, 1.0, 0.8, 0.9, 0.9)  # after the Spring Festival, graduates
VACANCIES = {True: (260, (6, 22)), False: (30, (1, 6))}  # (vacancies, openings each) of a subdistrict's enterprises
PUSHED = 3  # a seeker's pushes a month
ANSWERED, INTERESTED, INTERVIEWED, HIRED = 0.7, 0.65, 0.75, 0.65  # each of the step before
REGIONS = ("310109", "310110", "310107", "310108", "310113", "310115", "320583", "340104")  # where their IDs are from
OCCUPATIONS = [
    "4-01-02-03",
    "4-01-02-04",
    "4-03-02-05",
    "4-03-02-01",
    "4-09-07-01",
    "4-10-01-05",
    "4-10-01-06",
    "4-02-08-07",
    "4-02-07-01",
    "4-02-06-01",
    "4-01-02-01",
    "4-03-01-01",
    "4-10-03-01",
    "4-02-02-05",
    "4-10-01-01",
    "4-01-02-02",
    "6-05-01-03",
    "6-18-01-01",
    "4-03-02-08",
    "4-02-07-02",
]
SKILLS = ("健康证", "养老护理员证", "育婴员证", "机动车驾驶证", "电工证", "中式烹调师证", "计算机操作", "英语")
SURNAMES = "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高梁郑罗宋谢唐韩曹许邓冯曾程蔡彭潘袁于董余苏叶吕魏蒋田杜丁沈姜"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文海燕春梅琴云飞鹏辉俊峰宇浩晨欣怡佳慧"
EDUCATION = ("初中", "高中", "中专", "大专", "本科")
HOURS = {"全职": 70, "兼职": 15, "灵活": 10, "不限": 5}


def _sheet(kind: str, rows: list[dict]) -> bytes:
    """``rows`` in the Chinese layout of ``kind``'s mapping (人社's columns)."""
    return next(m for m in shipped_mappings("jobs") if m.kind == kind and m.name != "citybrain").write(rows)


def _vacancy_rows(rng: random.Random, enterprises: list[tuple[str, str]], case_study: str) -> list[dict]:
    """Vacancies of the registry's enterprises (credit code, subdistrict), more of them in the case study's."""
    by_place: dict[str, list[str]] = {}
    for code, place in enterprises:
        by_place.setdefault(place, []).append(code)
    rows = []
    for place, codes in sorted(by_place.items()):
        count, openings = VACANCIES[place == case_study]
        for n, code in enumerate(rng.sample(codes, min(count, len(codes)))):
            occupation = rng.choices(OCCUPATIONS, [len(OCCUPATIONS) - i for i in range(len(OCCUPATIONS))])[0]
            low = rng.randrange(4_000, 8_001, 100)
            rows.append(
                {
                    "credit_code": code,
                    "reference": f"ZP{YEAR}-{n + 1:04d}",
                    "title": "",  # the occupation's name, filled in by the caller's table
                    "occupation": occupation,
                    "wage_min": low,
                    "wage_max": low + rng.randrange(500, 3_001, 100),
                    "hours": rng.choices(("全职", "兼职", "灵活"), (80, 12, 8))[0],
                    "requirements": ";".join(rng.sample(SKILLS, rng.choice((0, 0, 1, 1, 2)))),
                    "education": rng.choice(("不限", "不限", "初中", "高中", "中专", "大专")),
                    "openings": rng.randint(*openings),
                    "posted_on": f"{YEAR - 1}-12-{rng.randint(1, 28):02d}",
                }
            )
    return rows


def _registered(rng: random.Random, case_study: bool) -> Iterator[date]:
    """When each seeker of a subdistrict registered: the pool looking as the year starts, then each month's."""
    start, monthly = POOL[case_study]
    for _ in range(start):
        yield date(YEAR - 1, rng.randint(9, 12), rng.randint(1, 28))
    for month, factor in enumerate(SEASON, start=1):
        for _ in range(round(monthly * factor * rng.uniform(0.9, 1.1))):
            yield date(YEAR, month, rng.randint(1, 28))


def _seeker_rows(rng: random.Random, homes: dict[str, list[str]], case_study: str) -> list[dict]:
    """人社's register: seekers living in each subdistrict's compounds, registered over the year."""
    rows, used = [], set()
    for place, compounds in sorted(homes.items()):
        for registered in _registered(rng, place == case_study):
            while True:
                born = date(rng.randint(1966, 2004), rng.randint(1, 12), rng.randint(1, 28))
                male = rng.random() < 0.5
                number = idnumber.make(rng.choice(REGIONS), born, rng.randrange(500), male)
                if number not in used:
                    used.add(number)
                    break
            skills = rng.sample(SKILLS, rng.choice((0, 1, 1, 2, 3)))
            rows.append(
                {
                    "id_number": number,
                    "name": rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2)))),
                    "phone": f"1{rng.choice((3, 5, 8))}{rng.randint(0, 999_999_999):09d}",
                    "compound": rng.choice(compounds),
                    "occupation": rng.choice(OCCUPATIONS) if rng.random() < 0.85 else "",
                    "skills": ";".join(skills),
                    "education": rng.choice(EDUCATION),
                    "wage": rng.randrange(4_000, 9_001, 500) if rng.random() < 0.8 else "",
                    "hours": rng.choices(list(HOURS), list(HOURS.values()))[0],
                    "minutes": rng.choice((15, 15, 15, 20, 30)),
                    "transit": "是" if rng.random() < 0.5 else "否",
                    "registered_on": registered.isoformat(),
                }
            )
    return rows


def _after(at: datetime, rng: random.Random, days: tuple[float, float]) -> datetime:
    """A moment some days after ``at``, never past the year's end (the year is the seed's)."""
    later = at + timedelta(days=rng.uniform(*days))
    return min(later, datetime(YEAR, 12, 31, 10, 0, tzinfo=UTC))


def _outcomes(
    tx: Transaction, rng: random.Random, rows: list[dict], seekers: dict[int, Seeker], vacancies: dict[int, Vacancy]
) -> None:
    """Each push's answer, interview and hire (one hire a seeker at most, an open opening each), on its row; a hire
    does what the hire command does to the seeker and the vacancy (:func:`pushes.fill`)."""
    for row in rows:
        at = row["pushed_at"]
        row["sent_at"], row["channel"] = at + timedelta(minutes=rng.uniform(1, 30)), "sms"
        if rng.random() >= ANSWERED:
            continue
        row["responded_at"] = _after(at, rng, (0.2, 4))
        if rng.random() >= INTERESTED:
            row["response"] = "declined"
            continue
        row["response"] = "interested"
        seeker, vacancy = seekers[row["seeker"]], vacancies[row["vacancy"]]
        if rng.random() >= INTERVIEWED:
            continue
        row["interview_at"] = _after(row["responded_at"], rng, (1, 7))
        if rng.random() >= HIRED or seeker.state != "looking" or vacancy.filled >= vacancy.openings:
            continue
        row["hired_at"] = _after(row["interview_at"], rng, (2, 12))
        pushes.fill(tx, seeker, vacancy, row["hired_at"])


def seed(tx: Transaction, rng: random.Random) -> None:
    tree = Tree.load(tx.session)
    places = {code: u["name"] for code, u in tree.units.items() if u["kind"] == SUBDISTRICT}
    homes: dict[str, list[str]] = {}
    for code, unit in tree.units.items():
        if unit["kind"] == COMPOUND and unit["lat"] is not None:
            homes.setdefault(tree.subdistrict_of(code) or "", []).append(code)
    case_study = next((code for code, name in places.items() if name == CASE_STUDY), None)
    enterprises = [
        (code, place)
        for code, place, lat in tx.session.execute(
            select(Enterprise.credit_code, Enterprise.subdistrict, Enterprise.lat)
        )
        if lat is not None and place in homes
    ]
    if case_study is None or case_study not in homes or not enterprises:
        return  # no org tree with the case study's compounds, or no registry: nothing to play the year on
    names = classification().names
    vacancy_rows = _vacancy_rows(rng, sorted(enterprises), case_study)
    for row in vacancy_rows:
        row["title"] = names[row["occupation"]]
    for kind, rows in (("vacancies", vacancy_rows), ("seekers", _seeker_rows(rng, homes, case_study))):
        importer = imports.import_vacancies if kind == "vacancies" else imports.import_seekers
        report = importer(tx, f"demo-{kind}.csv", _sheet(kind, rows))
        if report.errors:
            raise ValueError(f"the demo's {kind} are refused: {report.errors[:3]}")
    seekers = {s.id: s for s in tx.session.scalars(select(Seeker))}
    vacancies = {v.id: v for v in tx.session.scalars(select(Vacancy))}
    for month in range(1, 13):
        at = datetime(YEAR, month, 5, 1, 30, tzinfo=UTC)  # 09:30 in Shanghai
        rows = pushes.matched(tx, Seeker.registered_on <= at.date(), PUSHED, at, "demo")
        _outcomes(tx, rng, rows, seekers, vacancies)
        append_rows(tx.session, Push, rows)
        tx.session.flush()
