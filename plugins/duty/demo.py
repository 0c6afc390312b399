"""Demo data for the duty plugin: made-up people in rotation over three months, a realistic log, incidents."""

from __future__ import annotations

import csv
import io
import random
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from citybrain.core.api import Transaction
from citybrain.plugins.duty import checkin, log, reminders
from citybrain.plugins.duty.daemon import REPORTING, import_periods, import_roster
from citybrain.plugins.duty.roster import DATE_COLUMN, ZONE, duty_setup, month_days
from citybrain.plugins.duty.tables import DutyAssignment, DutyPerson

SURNAMES = "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = ["建国", "海燕", "志强", "丽华", "晓明", "文杰", "春梅", "国庆", "立新", "秀兰", "伟民", "红霞", "振华", "雪琴"]


def demo_people(rng: random.Random) -> list[dict]:
    """Eight leaders and ten officers per unit, with made-up mobile numbers."""
    people, used = [], set()
    for unit in sorted({p.unit for p in duty_setup().posts}):
        for n in range(18):
            name = rng.choice(SURNAMES) + rng.choice(GIVEN)
            while name in used:
                name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice("一二三")
            used.add(name)
            people.append(
                {
                    "name": name,
                    "phone": f"13{rng.randint(0, 9)}{rng.randint(0, 99_999_999):08d}",
                    "unit": unit,
                    "role": "leader" if n < 8 else "officer",
                }
            )
    return people


def demo_sheet(people: list[dict], month: date) -> bytes:
    """A month in the sheet's own shape, people in rotation: the demo goes through the same checks as a real file."""
    pools = {
        (p["unit"], p["role"]): [x["name"] for x in people if x["unit"] == p["unit"] and x["role"] == p["role"]]
        for p in people
    }
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([DATE_COLUMN, *duty_setup().headers])
    for i, day in enumerate(month_days(month)):
        row, slot = [day.isoformat()], dict[tuple[str, str], int]()
        for post in duty_setup().headers.values():
            pool = pools[(post.unit, post.position)]
            k = slot.get((post.unit, post.position), 0)
            slot[(post.unit, post.position)] = k + 1
            row.append(pool[(i * 2 + k) % len(pool)])
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def seed(tx: Transaction, rng: random.Random) -> None:
    """Three months of rosters, a log of two days, two incidents in progress, everyone on duty checked in."""
    people = demo_people(rng)
    for p in people:
        tx.session.add(DutyPerson(name=p["name"], phone=p["phone"], unit=p["unit"]))
    tx.session.flush()
    demo_period(tx)
    today = datetime.now(UTC).date().replace(day=1)
    for month in ((today - timedelta(days=1)).replace(day=1), today, (today + timedelta(days=32)).replace(day=1)):
        report = import_roster(tx, f"{month:%Y-%m}.csv", demo_sheet(people, month))
        if report.errors:
            raise ValueError(f"the demo roster for {month:%Y-%m} is not valid: {report.errors[:3]}")
    demo_log(tx, rng, people)
    demo_incidents(tx)
    demo_checkins(tx)
    demo_reminders(tx)


def demo_period(tx: Transaction) -> None:
    """A major event under way (made up: from yesterday to the day after tomorrow), imported as a file would be:
    the desks show its banner, the rosters must give every unit a leader on its days, its reminder starts."""
    today = datetime.now(ZONE).date()
    sheet = (
        "代码,类型,名称,开始,结束\n"
        f"demo-event,重大活动,城市马拉松赛事保障,{today - timedelta(days=1)},{today + timedelta(days=2)}\n"
    )
    report = import_periods(tx, "periods.csv", sheet.encode())
    if report.errors:
        raise ValueError(f"the demo period is not valid: {report.errors[:3]}")


def demo_reminders(tx: Transaction) -> None:
    """An hourly check already due (the demo rings once), flood-season duty every two hours, a task from above."""
    now = datetime.now(UTC)
    for title, kind, unit, first, every, until in (
        ("整点巡查：视频监控与大屏运行", "check", "CYZX", now - timedelta(minutes=10), 60, None),
        (
            "防汛防台特别值守：每2小时报送积水点水位",
            "special",
            "YJJ",
            now + timedelta(minutes=40),
            120,
            now + timedelta(days=7),
        ),
        ("区委交办：核查江湾镇积水点处置情况并书面报告", "task", "ZZB", now + timedelta(hours=3), None, None),
    ):
        reminders.create(
            tx,
            {
                "title": title,
                "kind": kind,
                "unit": unit,
                "first_at": first.isoformat(),
                "every_minutes": every,
                "until": until.isoformat() if until else None,
            },
        )


def demo_checkins(tx: Transaction) -> None:
    """Everyone on duty now checked in two minutes after their shift began."""
    now = datetime.now(UTC)
    for a in tx.session.scalars(
        select(DutyAssignment).where(DutyAssignment.starts_at <= now, DutyAssignment.ends_at > now)
    ):
        checkin.check_in(tx, a.person, now=a.starts_at + timedelta(minutes=2))


def demo_incidents(tx: Transaction) -> None:
    """Two incidents in progress with their clocks running: one just reported by phone, one under way for hours."""
    now = datetime.now(UTC)
    flood = REPORTING.open(
        tx,
        {
            "category": "natural",
            "type": "暴雨积水",
            "level": "IV",
            "subdistrict": "310109017000",
            "address": "四川北路海宁路口",
            "source": "12345热线",
            "known_at": (now - timedelta(minutes=12)).isoformat(),
            "casualties": {"dead": 0, "injured": 0, "missing": 0},
        },
    )
    REPORTING.report(tx, {"incident": flood["id"], "kind": "phone", "text": "已电话报告区应急局值班室"})
    gas = REPORTING.open(
        tx,
        {
            "category": "accident",
            "type": "燃气泄漏",
            "level": "III",
            "subdistrict": "310109019000",
            "address": "江湾镇街道某小区",
            "source": "110联动",
            "known_at": (now - timedelta(hours=3)).isoformat(),
            "casualties": {"dead": 0, "injured": 2, "missing": 0},
        },
    )
    reports = (("phone", "电话报告区委总值班室"), ("written", "书面报告已报送"), ("follow_up", "续报：已疏散居民120人"))
    for kind, text in reports:
        REPORTING.report(tx, {"incident": gas["id"], "kind": kind, "text": text})


DEMO_LOG = [
    ("call", "12345热线转来：{place}楼道堆物，已通知物业清理"),
    ("instruction", "区委总值班室通知：今夜起加强防汛值守"),
    ("report", "向市城运中心报送{place}积水处置情况（续报）"),
    ("action", "调度城管执法队赶赴{place}处置占道经营"),
    ("call", "市民来电反映{place}路灯不亮，已派单"),
    ("other", "交接班：设备运行正常，无遗留事项"),
]


def demo_log(tx: Transaction, rng: random.Random, people: list[dict]) -> None:
    """Two days of entries, one correction among them; inserted as the log's own writes would be."""
    places = ["欧阳路", "四川北路", "北外滩", "凉城新村", "江湾镇", "曲阳路"]
    now = datetime.now(UTC)
    entries = []
    for _ in range(40):
        at = now - timedelta(minutes=rng.uniform(5, 48 * 60))
        category, text = rng.choice(DEMO_LOG)
        entries.append(
            log.DutyLogEntry(
                recorded_at=at + timedelta(minutes=rng.uniform(1, 10)),
                event_at=at,
                category=category,
                unit=rng.choice(["CYZX", "YJJ", "ZZB"]),
                author=rng.choice(people)["name"],
                text=text.format(place=rng.choice(places)),
            )
        )
    entries.sort(key=lambda e: e.event_at)
    tx.session.add_all(entries)
    tx.session.flush()
    tx.session.add(
        log.DutyLogEntry(
            recorded_at=now,
            event_at=entries[-1].event_at,
            category=entries[-1].category,
            unit=entries[-1].unit,
            author=entries[-1].author,
            corrects=entries[-1].id,
            text="更正：上条记录地点有误",
        )
    )
