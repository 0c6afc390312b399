"""The event catalogue on a real daemon: the shipped one the demo uses, a sheet refused row by row and whole, and a
case's type, priority and deadline taken from its catalogue item."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from citybrain.core.cases.catalogue import LINES
from citybrain.core.client import RequestError
from citybrain.plugins.cases.daemon import TYPES, UNITS

PLUGINS = {"cases": "citybrain.plugins.cases.daemon"}
HEADER = "code,name,category,department,line,receiver,level,accept_minutes,resolve_hours,working_hours\n"


@pytest.fixture
def daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(plugins=PLUGINS)


def import_file(client, filename: str, data: bytes) -> dict:
    return client.command("import", {"kind": "event_types", "filename": filename, "data": data}).result(30)["result"]


def test_the_demo_uses_the_shipped_catalogue_across_the_seeds_lines(daemon):
    types = daemon.client().replica.records(TYPES)
    assert len(types) >= 150 and {t["line"] for t in types} == set(LINES)
    assert all(t["source"] for t in types)  # cited, or marked illustrative
    departments = {u["code"] for u in daemon.client().replica.records(UNITS) if u["kind"] == "department"}
    assert {t["department"] for t in types} <= departments  # names in the sheet, resolved to the demo's units


def test_a_sheet_with_bad_rows_is_refused_row_by_row_and_nothing_is_imported(daemon):
    admin = daemon.client(login="admin")
    sheet = (
        HEADER + "ZZ-01,试点事件,试点,区生态环境局,environment,environment,high,10,5,no\n"
        "ZZ-01,重复编码,试点,区生态环境局,environment,environment,high,10,5,no\n"
        "ZZ-02,未知部门,试点,区宇宙局,environment,environment,high,10,5,no\n"
        "ZZ-03,时限为零,试点,区生态环境局,environment,environment,high,10,0,no\n"
        "ZZ-04,时限不是数,试点,区生态环境局,environment,environment,high,abc,5,no\n"
        "ZZ-05,未知条线,试点,区生态环境局,space,rangers,high,10,5,no\n"
        "ZZ-06,未知等级,试点,区生态环境局,environment,environment,severe,10,5,maybe\n"
    )
    with pytest.raises(RequestError) as refused:
        import_file(admin, "catalogue.csv", sheet.encode())
    assert refused.value.code == "import_refused"
    errors = {(e["row"], e["column"]): e["message"] for e in refused.value.details["errors"]}
    assert "duplicate code ZZ-01 (first in row 2)" in errors[(3, "code")]
    assert "unknown department '区宇宙局'" in errors[(4, "department")]
    assert "a deadline is a number of hours above 0" in errors[(5, "resolve_hours")]
    assert "'abc'" in errors[(6, "accept_minutes")]
    assert "unknown line 'space'" in errors[(7, "line")] and "unknown line or team 'rangers'" in errors[(7, "receiver")]
    assert "unknown level 'severe'" in errors[(8, "level")] and "yes or no" in errors[(8, "working_hours")]
    assert {row for row, _ in errors} == {3, 4, 5, 6, 7, 8}  # row 2 was fine, and still nothing was imported
    assert daemon.client().replica.get(TYPES, "ZZ-01") is None
    with pytest.raises(RequestError) as forbidden:  # the catalogue is the admin's
        import_file(daemon.client(login="operator"), "catalogue.csv", (HEADER + sheet.splitlines()[1]).encode())
    assert forbidden.value.code == "forbidden"


def test_a_case_takes_its_priority_and_deadline_from_its_catalogue_item(daemon):
    admin = daemon.client(login="admin")
    sheet = (
        "事项编码,事项名称,事项大类,责任部门,条线,受理条线或队伍,事件等级,响应时限（分钟）,处置时限（小时）,按工作时间计\n"
        "ZZ-09,试点河道巡查,试点,区生态环境局,环保,巡查队,紧急,8,6,否\n"
    )  # a 一网统管-style sheet, its own words
    report = import_file(admin, "清单.csv", sheet.encode("gb18030"))
    assert report["imported"] == 1 and "一网统管事项清单" in report["notes"][0]
    admin.wait_for(lambda s: admin.replica.get(TYPES, "ZZ-09") is not None)
    item = admin.replica.get(TYPES, "ZZ-09")
    assert (item["line"], item["receiver"], item["level"]) == ("environment", "inspection", "urgent")
    assert item["department"] == "310109-STHJ" and item["resolve_hours"] == 6

    committee = next(u for u in admin.replica.records(UNITS) if u["kind"] == "committee")
    case = admin.command(
        "cases.open", {"source": "patrol", "type": "ZZ-09", "unit": committee["code"], "title": "河道漂浮油污"}
    ).result(10)["result"]
    assert case["priority"] == "urgent"  # the item's level: no priority was given
    waited = datetime.fromisoformat(case["due_at"]) - datetime.fromisoformat(case["dispatched_at"])
    assert abs(waited - timedelta(minutes=8 * 0.25)) <= timedelta(seconds=1)  # 8 minutes to accept, × urgent's 0.25
    admin.command("cases.act", {"case": case["id"], "action": "accept"}).result(10)
    admin.wait_for(lambda s: admin.replica.get("cases.open", case["id"])["state"] == "accepted")
    accepted = admin.replica.get("cases.open", case["id"])
    waited = datetime.fromisoformat(accepted["due_at"]) - datetime.fromisoformat(accepted["accepted_at"])
    assert abs(waited - timedelta(hours=6 * 0.25)) <= timedelta(seconds=1)  # 6 hours to resolve, × 0.25

    # a later import changes the item: the next deadline set follows it
    changed = import_file(admin, "清单.csv", sheet.replace(",8,6,", ",8,2,").encode("gb18030"))
    assert changed["imported"] == 1
    admin.command("cases.act", {"case": case["id"], "action": "start"}).result(10)
    admin.wait_for(lambda s: admin.replica.get("cases.open", case["id"])["state"] == "in_progress")
    started = admin.replica.get("cases.open", case["id"])
    steps = admin.query("cases.history", {"case": case["id"]}).result(10)["result"]
    at = datetime.fromisoformat(steps[-1]["at"])
    waited = datetime.fromisoformat(started["due_at"]) - at
    assert abs(waited - timedelta(hours=2 * 0.25)) <= timedelta(seconds=1)


def test_the_first_import_replaces_the_shipped_catalogue_only_if_it_keeps_every_type_cases_have(
    citybrain_daemon_factory,
):
    admin = citybrain_daemon_factory(plugins=PLUGINS, demo=False).add_demo_operators().client(login="admin")
    units = (
        "code,name,kind,parent\nD,虹口区,district,\nD-STHJ,区生态环境局,department,D\n"
        "S,嘉兴路街道,subdistrict,D\nC,第一居委会,committee,S\n"
    )
    admin.command("import", {"kind": "org_units", "filename": "units.csv", "data": units.encode()}).result(30)
    assert admin.replica.get(TYPES, "SR-01") is not None  # nothing imported yet: the shipped catalogue applies
    admin.command("cases.open", {"source": "manual", "type": "SR-01", "unit": "C", "title": "暴露垃圾"}).result(10)
    own = HEADER + "ZZ-01,试点事件,试点,D-STHJ,environment,environment,high,10,5,no\n"
    with pytest.raises(RequestError) as refused:
        import_file(admin, "catalogue.csv", own.encode())
    assert "lacks types that cases have: SR-01" in refused.value.details["errors"][0]["message"]
    kept = own + "SR-01,暴露垃圾,市容环境,区生态环境局,city_management,inspection,medium,30,4,no\n"
    assert import_file(admin, "catalogue.csv", kept.encode())["imported"] == 2
    admin.wait_for(lambda s: admin.replica.get(TYPES, "ZZ-01") is not None)
    assert admin.replica.get(TYPES, "SR-01")["department"] == "D-STHJ"  # written by name, stored by code
    assert {t["code"] for t in admin.replica.records(TYPES)} == {"ZZ-01", "SR-01"}  # the shipped ones left
