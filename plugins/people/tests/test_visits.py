"""Visits on the one form, on a real daemon: a visit updates the resident's attributes and their tags change on
the feed at once; wrong answers are refused field by field and save nothing; a committee records only its own
residents' visits; a line's ledger comes out in its own columns, masked, and the export is audited."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from citybrain.core.client import RequestError
from citybrain.core.storage.audit import AuditEntry
from citybrain.plugins.people import VISITS, ledgers
from citybrain.plugins.people.tests.conftest import HEADER, MAN_1988, PLUGINS, WOMAN_1950, csv_bytes, send_import
from citybrain.plugins.people.visits import Visit

SHEET = csv_bytes(
    HEADER,
    f"{WOMAN_1950},陈桂英,F,1950-03-07,H1,大连新村,,local,13812345678,low,yes,no,",
    f"{MAN_1988},李强,M,1988-11-30,H2,曲阳坊,,local,13987654321,middle,no,no,",
)
COMMITTEE_1, COMMITTEE_2 = "310109009001", "310109009002"
ANSWERS = {  # 陈桂英 no longer lives alone: her daughter moved in; her income is middle now
    "living_alone": False,
    "household_size": 2,
    "income_band": "middle",
    "self_care": "partial",
    "care_needs": ["meals"],
    "employment": "retired",
    "house_condition": "good",
    "chronic": ["高血压"],
}


@pytest.fixture
def committee(district, leader):
    send_import(leader, "people.civil", "civil.csv", SHEET)
    admin = district.client(login="admin")
    admin.command("operators.unit", {"username": "operator", "unit": COMMITTEE_1}).result(30)
    admin.stop()
    return district.client(login="operator")


def person(client, name: str) -> dict:
    return next(r for r in client.query("people.residents", {"text": name}).result(30)["result"])


def test_a_visit_changes_the_resident_s_tags_on_the_feed(district, committee) -> None:
    chen = person(committee, "陈桂英")
    assert {"独居老人", "低收入"} <= set(chen["tags"])
    reply = committee.command(
        "people.visit", {"person": chen["id"], "committee": COMMITTEE_1, "answers": ANSWERS}
    ).result(30)["result"]
    assert reply["changed"] == {
        "living_alone": [True, False],
        "income_band": ["low", "middle"],
        "employment": ["", "retired"],  # not known before: now it is
    }
    committee.wait_for(lambda _: committee.replica.get(VISITS, reply["id"]) is not None, timeout=30)
    on_feed = committee.replica.get(VISITS, reply["id"])
    assert "独居老人" not in on_feed["tags"] and "低收入" not in on_feed["tags"] and "老年人" in on_feed["tags"]
    card = committee.query("people.person", {"person": chen["id"]}).result(30)["result"][0]
    assert card["resident"]["living_alone"] is False and "独居老人" not in card["resident"]["tags"]
    assert on_feed["fields"] == len(ANSWERS) and on_feed["cells"] > on_feed["fields"]
    assert set(on_feed["lines"]) >= {"civil", "elderly", "health", "employment", "housing"}


def test_wrong_answers_are_refused_by_field_and_save_nothing(district, committee) -> None:
    chen = person(committee, "陈桂英")
    wrong = ANSWERS | {"household_size": 99, "self_care": "flying"}
    del wrong["house_condition"]
    with pytest.raises(RequestError) as refused:
        committee.command("people.visit", {"person": chen["id"], "committee": COMMITTEE_1, "answers": wrong}).result(30)
    assert refused.value.code == "invalid_payload"
    assert refused.value.details["fields"] == {
        "household_size": "range",
        "self_care": "choice",
        "house_condition": "required",
    }
    with pytest.raises(RequestError) as huge:
        committee.command(
            "people.visit", {"person": chen["id"], "committee": COMMITTEE_1, "answers": {"notes": "x" * 30_000}}
        ).result(30)
    assert huge.value.code == "invalid_payload"
    with district.daemon.database.sessions() as session:
        assert session.scalars(select(Visit)).all() == []
    assert person(committee, "陈桂英")["living_alone"] is True


def test_a_committee_records_its_own_residents_visits_only(district, leader, committee) -> None:
    li = person(leader, "李强")
    answers = {"living_alone": False, "employment": "unemployed", "house_condition": "good"}
    for claimed in (COMMITTEE_2, COMMITTEE_1):  # outside the desk's unit; inside, but not 李强's committee
        with pytest.raises(RequestError) as outside:
            committee.command("people.visit", {"person": li["id"], "committee": claimed, "answers": answers}).result(30)
        assert outside.value.code == "forbidden"
    done = leader.command("people.visit", {"person": li["id"], "committee": COMMITTEE_2, "answers": answers})
    assert "失业人员" in done.result(30)["result"]["tags"]  # the district's duty leader may


def test_a_line_s_ledger_has_its_own_columns_masked_and_is_audited(district, committee) -> None:
    chen = person(committee, "陈桂英")
    committee.command("people.visit", {"person": chen["id"], "committee": COMMITTEE_1, "answers": ANSWERS}).result(30)
    data = committee.query("people.ledger", {"line": "health", "unit": COMMITTEE_1}).result(30)["result"]
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "健康随访台账"
    assert rows[1] == [
        "姓名",
        "身份证号",
        "年龄",
        "签约家庭医生",
        "慢性病",
        "最近体检日期",
        "自理能力",
        "康复需求",
        "随访日期",
        "随访人",
    ]
    record = dict(zip(rows[1], rows[2], strict=True))
    assert record["姓名"] == "陈桂英" and record["身份证号"] == "310***********002X"
    assert record["慢性病"] == "***" and record["自理能力"] == "半失能" and record["随访人"] == "operator"
    civil = committee.query("people.ledger", {"line": "civil", "unit": COMMITTEE_1}).result(30)["result"]
    civil_rows = list(load_workbook(io.BytesIO(civil)).worksheets[0].iter_rows(values_only=True))
    assert (
        list(civil_rows[1]) == [c.header for c in ledgers.in_force()["civil"].columns]
        and list(civil_rows[1]) != rows[1]
    )
    assert committee.query("people.ledger", {"line": "veterans", "unit": COMMITTEE_1}).result(30)["result"]
    with pytest.raises(RequestError) as outside:
        committee.query("people.ledger", {"line": "health", "unit": COMMITTEE_2}).result(30)
    assert outside.value.code == "forbidden"
    with district.daemon.database.sessions() as session:
        audited = session.scalars(select(AuditEntry).where(AuditEntry.command == "query people.ledger")).all()
    assert len(audited) >= 3 and all(a.operator == "operator" for a in audited)


def test_what_the_one_form_spares_and_visits_per_staff_day(district, committee) -> None:
    chen = person(committee, "陈桂英")
    first = (date.today().replace(day=1) - timedelta(days=1)).replace(day=1)  # last month's first day
    second = first + timedelta(days=1)
    for day in (first.isoformat(), first.isoformat(), second.isoformat()):  # two staff-days of one visitor
        committee.command(
            "people.visit", {"person": chen["id"], "committee": COMMITTEE_1, "visited_on": day, "answers": ANSWERS}
        ).result(30)
    with district.daemon.database.sessions() as session:
        frame = ledgers.load(session)
    asked = 3 * sum(ledgers.in_force()[line].cells for line in ("civil", "elderly", "employment", "health", "housing"))
    saved = ledgers.saved_share(frame, ()).to_dict("index")["all"]
    assert (saved["denominator"], saved["numerator"]) == (asked, asked - 3 * len(ANSWERS))
    assert 0.8 < saved["value"] < 1
    assert ledgers.per_staff_day(frame, ("month",)).to_dict("index")[first.strftime("%Y-%m")]["value"] == 1.5


def test_the_demo_has_months_of_visits_that_fill_every_ledger(demo) -> None:
    with demo.daemon.database.sessions() as session:
        frame = ledgers.load(session)
        lines = {line for (fed,) in session.execute(select(Visit.lines)) for line in fed.split(";")}
    assert len(frame) > 300 and frame["month"].nunique() >= 4
    assert lines >= set(ledgers.in_force())
    assert 0.5 < ledgers.saved_share(frame, ()).to_dict("index")["all"]["value"] < 1


def test_the_savings_and_visits_per_staff_day_reach_the_dashboards(citybrain_daemon_factory) -> None:
    """On a real daemon with the metrics plugin: the two KPIs computed from the demo's visits, and recomputed when
    a visit is saved."""
    from citybrain.plugins.metrics.tests.conftest import kpi

    daemon = citybrain_daemon_factory(plugins=PLUGINS | {"metrics": "citybrain.plugins.metrics.daemon"})
    client = daemon.client(login="duty")
    saving = kpi(client, "people.form_saving/all")
    before = saving["denominators"][0]
    assert 0.5 < saving["values"][0] < 1 and before > 10_000
    assert kpi(client, "people.visits_per_staff_day/all")["values"][0] > 1
    assert len(kpi(client, "people.visits_per_staff_day/month")["groups"]) >= 4
    someone = client.query("people.residents", {"limit": 1}).result(30)["result"][0]
    answers = {"living_alone": False, "employment": "none", "house_condition": "good"}
    if someone["age"] >= 60:
        answers["self_care"] = "independent"
    client.command(
        "people.visit", {"person": someone["id"], "committee": someone["committee"], "answers": answers}
    ).result(30)
    kpi(client, "people.form_saving/all", lambda r: r["denominators"][0] > before)  # recomputed on the visit


def test_a_ledger_is_cut_by_unit_line_and_limit_in_the_database(district, leader, committee) -> None:
    chen, li = person(leader, "陈桂英"), person(leader, "李强")
    for _ in range(2):
        leader.command("people.visit", {"person": chen["id"], "committee": COMMITTEE_1, "answers": ANSWERS}).result(30)
    li_answers = {"living_alone": False, "employment": "unemployed", "house_condition": "good"}
    leader.command("people.visit", {"person": li["id"], "committee": COMMITTEE_2, "answers": li_answers}).result(30)

    def names(unit: str, line: str, limit: int | None = None) -> list[str]:
        data = leader.query("people.ledger", {"line": line, "unit": unit, "limit": limit}).result(30)["result"]
        _title, header, *rows = load_workbook(io.BytesIO(data)).worksheets[0].iter_rows(values_only=True)
        return [str(row[list(header).index("姓名")]) for row in rows]

    assert names("310109009000", "employment") == ["陈桂英", "陈桂英", "李强"]  # the subdistrict: both committees
    assert names(COMMITTEE_2, "employment") == ["李强"]
    assert names("310109009000", "employment", limit=1) == ["陈桂英"]
    assert names(COMMITTEE_2, "health") == []  # 李强's visit fed no health ledger
    assert names(COMMITTEE_1, "health") == ["陈桂英", "陈桂英"]


def test_a_staff_member_s_day_of_visits_is_capped(district, committee, monkeypatch) -> None:
    from citybrain.plugins.people import visits

    monkeypatch.setattr(visits, "DAY_MOST", 2)
    chen = person(committee, "陈桂英")
    visit = {"person": chen["id"], "committee": COMMITTEE_1, "answers": ANSWERS}
    for _ in range(2):
        committee.command("people.visit", visit).result(30)
    with pytest.raises(RequestError) as capped:
        committee.command("people.visit", visit).result(30)
    assert capped.value.code == "refused" and capped.value.details["reason"] == "visit_cap"
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    committee.command("people.visit", visit | {"visited_on": yesterday}).result(30)  # another day is not capped
    with district.daemon.database.sessions() as session:
        assert len(session.scalars(select(Visit)).all()) == 3


def test_a_blank_known_field_clears_its_attribute_by_type(district, committee) -> None:
    chen = person(committee, "陈桂英")
    visit = {"person": chen["id"], "committee": COMMITTEE_1}
    disabled = ANSWERS | {"disability_grade": 2, "disability_kind": "mental", "veteran": True}
    committee.command("people.visit", visit | {"answers": disabled}).result(30)
    cleared = ANSWERS | {"disability_grade": None, "hukou": "", "veteran": None}
    reply = committee.command("people.visit", visit | {"answers": cleared}).result(30)["result"]
    assert reply["changed"] == {
        "disability_grade": [2, None],  # int: no certificate
        "disability_kind": ["mental", ""],  # hidden by the cleared grade: cleared with it
        "hukou": ["local", ""],  # choice: not known
    }  # veteran (a bool) stays as it was
    assert "残疾人" not in reply["tags"]
    left_out = committee.command("people.visit", visit | {"answers": ANSWERS}).result(30)["result"]
    assert left_out["changed"] == {}  # a field left out of the answers changes nothing
    card = committee.query("people.person", {"person": chen["id"]}).result(30)["result"][0]["resident"]
    assert card["veteran"] is True and card["hukou"] == "" and card["disability_grade"] is None
