"""Seeker and vacancy imports: all or nothing, each refusal with its row and the file's own column; vacancies joined
to the registry by credit code; 人社's register through its Chinese mapping; residents looking for work enrolled
from the people base; seekers never in a collection by name."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, update

from citybrain.core.client import RequestError
from citybrain.core.storage.audit import AuditEntry
from citybrain.plugins.enterprise.tests.conftest import VALID
from citybrain.plugins.jobs import ENROL, SEARCHES, VACANCIES, WITHDRAWN
from citybrain.plugins.jobs.tables import Seeker, Vacancy
from citybrain.plugins.jobs.tests.conftest import (
    MAN_1970,
    MAN_1995,
    VACANCY_HEADER,
    WOMAN_1980,
    csv_bytes,
    new_district,
    send_import,
)


def _refusal(client, kind: str, data: bytes) -> list[dict]:
    with pytest.raises(RequestError) as caught:
        send_import(client, kind, "sheet.csv", data)
    assert caught.value.code == "import_refused"
    return caught.value.details["errors"]


def _rows(daemon, model) -> list:
    with daemon.daemon.database.sessions() as session:
        return list(session.scalars(select(model)))


def test_vacancies_join_the_registry_and_are_published(district, leader):
    report = send_import(
        leader,
        "jobs.vacancies",
        "v.csv",
        csv_bytes(
            VACANCY_HEADER,
            f"{VALID[0]},数控车工,6-18-01-01,6000,9000,full,车工证;数控编程,vocational,3,31.2710,121.4800,2024-03-01",
            f"{VALID[1]},收银员,4-01-02-04,4000,5000,part,,,1,,,",
        ),
    )
    assert report["imported"] == 2 and "'citybrain'" in report["notes"][0]
    leader.wait_for(lambda s: len(leader.replica.records(VACANCIES)) == 2)
    made = {v["title"]: v for v in leader.replica.records(VACANCIES)}
    assert made["数控车工"]["employer"] == "上海华信制造有限公司" and made["数控车工"]["subdistrict"] == "310109009000"
    assert made["数控车工"]["requirements"] == ["车工证", "数控编程"] and made["数控车工"]["openings"] == 3
    assert made["数控车工"]["occupation_name"] == "车工"
    assert made["收银员"]["subdistrict"] == "310109018000"  # placed by its enterprise
    assert made["收银员"]["lat"] == pytest.approx(31.2205)  # the registry's point when the sheet gives none


def test_every_refusal_is_reported_and_nothing_is_written(district, leader):
    errors = _refusal(
        leader,
        "jobs.vacancies",
        csv_bytes(
            VACANCY_HEADER,
            f"{VALID[0]},好岗位,6-18-01-01,6000,9000,full,,,1,31.27,121.48,",  # good: still not written
            f"{VALID[2]},未知企业的岗位,6-18-01-01,6000,9000,full,,,1,31.27,121.48,",  # valid code, not registered
            f"{VALID[0]},大类不是职业,4-03-02,6000,9000,full,,,1,31.27,121.48,",  # a group, not an occupation
            f"{VALID[0]},编造的代码,9-99-99-99,6000,9000,full,,,1,31.27,121.48,",  # no such code
            f"{VALID[0]},工资倒挂,6-18-01-01,9000,6000,full,,,1,31.27,121.48,",  # upside down
        ),
    )
    by_row = {(e["row"], e["column"]): e["message"] for e in errors}
    assert "no enterprise" in by_row[(3, "credit_code")] and VALID[2] in by_row[(3, "credit_code")]
    assert "is a group" in by_row[(4, "occupation")]
    assert "not a GB/T 6565 code" in by_row[(5, "occupation")]
    assert "upside down" in by_row[(6, "wage_max")]
    assert len(errors) == 4
    errors = _refusal(
        leader, "jobs.vacancies", csv_bytes(VACANCY_HEADER, f"{VALID[0]},无地点,6-18-01-01,1,2,full,,,1,,,")
    )
    assert [(e["row"], e["column"]) for e in errors] == [(2, "lat")]  # neither the sheet nor the registry places it
    assert _rows(district, Vacancy) == []


def test_the_chinese_register_of_seekers_reads_through_its_mapping(district, leader):
    sheet = csv_bytes(
        "公民身份号码,姓名,手机号码,居住小区,求职工种代码,技能与证书,文化程度,期望月薪,工作时间,通勤时间(分钟),接受公交,残疾等级,享受待遇,登记日期",
        f"{WOMAN_1980},王秀英,13800001111,大连新村,4-10-01-05,养老护理员证,初中,5000,全职,15,否,,DIBAO,2023-06-01",
        f"{MAN_1995},张伟,13900002222,曲阳坊,,,本科,,不限,30,是,三级,,2024-01-15",
    )
    report = send_import(leader, "jobs.seekers", "人社求职登记.csv", sheet)
    assert report["imported"] == 2 and "人社求职登记" in report["notes"][0]
    made = {s.name: s for s in _rows(district, Seeker)}
    assert made["王秀英"].education == "junior" and made["王秀英"].hours == "full" and made["王秀英"].sex == "F"
    assert made["王秀英"].lat == pytest.approx(31.27) and made["王秀英"].committee == "310109009001"
    assert made["张伟"].transit and made["张伟"].minutes == 30 and made["张伟"].disability_grade == 3
    # the open searches carry a key and a place, never a name, ID number or phone
    leader.wait_for(lambda s: len(leader.replica.records(SEARCHES)) == 2)
    for record in leader.replica.records(SEARCHES):
        assert set(record) == {"id", "committee", "subdistrict", "occupation", "hours", "registered_on"}


def test_seeker_refusals_name_row_and_column(district, leader):
    errors = _refusal(
        leader,
        "jobs.seekers",
        csv_bytes(
            "id_number,name,compound,occupation,wage,hours",
            f"{WOMAN_1980},王秀英,大连新村,4-10-01-05,5000,full",
            "310109198005020025,李四,大连新村,,,",  # check character wrong
            f"{MAN_1995},张伟,不存在小区,,,",
            f"{MAN_1970},赵六,曲阳坊,4-10,-5,weekends",
        ),
    )
    by_row = {(e["row"], e["column"]) for e in errors}
    assert by_row == {(3, "id_number"), (4, "compound"), (5, "occupation"), (5, "wage"), (5, "hours")}
    assert _rows(district, Seeker) == []


def _people(client, employment: dict[str, str]) -> None:
    """王秀英 and 张伟 in the people base, with the 人社 sheet's employment status of each."""
    civil = csv_bytes(
        "id_number,name,sex,birth_date,household,compound,address,hukou,phone,income_band,living_alone,veteran,benefits",
        f"{WOMAN_1980},王秀英,F,1980-05-02,H1,大连新村,,local,13800001111,low,no,no,DIBAO:2022-01-01",
        f"{MAN_1995},张伟,M,1995-01-09,H2,曲阳坊,,local,13900002222,middle,no,no,",
    )
    assert send_import(client, "people.civil", "civil.csv", civil)["imported"] == 2
    sheet = csv_bytes(
        "公民身份号码,姓名,居住小区,手机号码,就业状态,享受政策",
        f"{WOMAN_1980},王秀英,大连新村,13800001111,{employment['王秀英']},",
        f"{MAN_1995},张伟,曲阳坊,13900002222,{employment['张伟']},",
    )
    assert send_import(client, "people.employment", "就业.csv", sheet)["imported"] == 2


def test_residents_looking_for_work_are_enrolled_from_the_people_base(district, leader):
    _people(leader, {"王秀英": "失业", "张伟": "就业"})
    assert leader.command(ENROL, {}).result(30)["result"] == {"enrolled": 1, "skipped": 0, "withdrawn": 0, "back": 0}
    (seeker,) = _rows(district, Seeker)
    assert (seeker.name, seeker.source, seeker.benefits, seeker.compound) == (
        "王秀英",
        "people",
        "DIBAO",
        "310109009001-XQ01",
    )
    assert leader.command(ENROL, {}).result(30)["result"] == {  # once only
        "enrolled": 0,
        "skipped": 0,
        "withdrawn": 0,
        "back": 0,
    }


def test_a_seeker_the_base_no_longer_says_is_looking_is_withdrawn_and_back_when_it_does(district, leader):
    """Enrolment follows the base both ways for the seekers it made: 王秀英 found work, so her search leaves the
    desks (withdrawn, kept); unemployed again, she is looking again from that day.  A seeker from 人社's register
    is the register's: the base, which does not list 赵六, never withdraws him; a hired seeker stays hired."""
    _people(leader, {"王秀英": "失业", "张伟": "失业"})
    send_import(leader, "jobs.seekers", "s.csv", csv_bytes("id_number,name,compound", f"{MAN_1970},赵六,曲阳坊"))
    assert leader.command(ENROL, {}).result(30)["result"]["enrolled"] == 2
    ids = {s.name: s.id for s in _rows(district, Seeker)}
    leader.wait_for(lambda _: {r["id"] for r in leader.replica.records(SEARCHES)} == set(ids.values()))

    _people(leader, {"王秀英": "就业", "张伟": "失业"})  # she found work
    result = leader.command(ENROL, {}).result(30)["result"]
    assert (result["withdrawn"], result["back"], result["enrolled"]) == (1, 0, 0)
    state = {s.name: s.state for s in _rows(district, Seeker)}
    assert state == {"王秀英": "withdrawn", "张伟": "looking", "赵六": "looking"}
    leader.wait_for(lambda _: leader.replica.get(SEARCHES, ids["王秀英"]) is None)  # gone from the desks, by feed
    assert {r["id"] for r in leader.replica.records(SEARCHES)} == {ids["张伟"], ids["赵六"]}
    with district.daemon.database.sessions() as session:  # the audit log says whom the base withdrew
        noted = session.execute(
            select(AuditEntry.detail, AuditEntry.note, AuditEntry.parts).where(AuditEntry.command == ENROL)
        ).all()
    assert any(f"1 seekers no longer looking withdrawn ({ids['王秀英']})" in (d or "") for d, _, _ in noted)
    parts = {"withdrawn": 1, "ids": str(ids["王秀英"]), "back": 0}  # what desks word it from, in their language
    assert [(note, json.loads(p)) for _, note, p in noted if note] == [(WITHDRAWN, parts)]

    _people(leader, {"王秀英": "失业", "张伟": "失业"})  # and lost it again
    result = leader.command(ENROL, {}).result(30)["result"]
    assert (result["withdrawn"], result["back"], result["enrolled"]) == (0, 1, 0)
    (back,) = [s for s in _rows(district, Seeker) if s.name == "王秀英"]
    assert back.state == "looking" and back.id == ids["王秀英"]  # the same seeker, not a second one
    leader.wait_for(lambda _: leader.replica.get(SEARCHES, ids["王秀英"]) is not None)
    assert leader.replica.get(SEARCHES, ids["王秀英"])["registered_on"] == back.registered_on.isoformat()

    with district.daemon.database.sessions() as session:  # 张伟 hired through a push (as pushes.hire leaves him)
        session.execute(update(Seeker).where(Seeker.id == ids["张伟"]).values(state="hired"))
        session.commit()
    _people(leader, {"王秀英": "失业", "张伟": "就业"})
    assert leader.command(ENROL, {}).result(30)["result"]["withdrawn"] == 0
    assert {s.name: s.state for s in _rows(district, Seeker)}["张伟"] == "hired"


def test_a_repeated_import_updates_its_vacancies_by_their_natural_key(district, leader):
    """The key is the credit code and the employer's reference (the title and workplace when the sheet has none):
    importing the same sheet again, changed, updates the vacancies and keeps their hires; a key twice in one sheet
    is refused."""
    header = VACANCY_HEADER + ",reference"
    first = csv_bytes(
        header,
        f"{VALID[0]},数控车工,6-18-01-01,6000,9000,full,,,3,31.2710,121.4800,2024-03-01,HX-001",
        f"{VALID[0]},数控车工,6-18-01-01,6500,9500,full,,,1,31.2710,121.4800,2024-03-01,HX-002",
        f"{VALID[1]},收银员,4-01-02-04,4000,5000,part,,,1,,,,",
    )
    assert send_import(leader, "jobs.vacancies", "v.csv", first)["imported"] == 3
    with district.daemon.database.sessions() as session:
        session.execute(update(Vacancy).where(Vacancy.reference == "HX-001").values(filled=2))
        session.commit()
    again = csv_bytes(
        header,
        f"{VALID[0]},数控车工（夜班）,6-18-01-01,7000,9000,full,,,2,31.2710,121.4800,2024-04-01,HX-001",
        f"{VALID[1]},收银员,4-01-02-04,4200,5000,part,,,2,,,,",
    )
    assert send_import(leader, "jobs.vacancies", "v.csv", again)["imported"] == 2
    rows = {(v.credit_code, v.reference or v.title): v for v in _rows(district, Vacancy)}
    assert len(rows) == 3  # updated, never duplicated
    night = rows[(VALID[0], "HX-001")]
    assert (night.title, night.wage_min, night.openings, night.filled) == ("数控车工（夜班）", 7000, 2, 2)
    assert night.filled_on is not None  # two openings now, both filled by the hires it had
    assert rows[(VALID[1], "收银员")].wage_min == 4200 and rows[(VALID[1], "收银员")].openings == 2
    twice = csv_bytes(
        header,
        f"{VALID[1]},收银员,4-01-02-04,4000,5000,part,,,1,,,,",
        f"{VALID[1]},收银员,4-01-02-04,4100,5000,part,,,1,,,,",
    )
    (error,) = _refusal(leader, "jobs.vacancies", twice)
    assert error["row"] == 3 and error["column"] == "reference" and "twice" in error["message"]


def test_enrolment_follows_the_people_base_without_a_command(citybrain_daemon_factory, tmp_path):
    """The enrolment source looks at the people base's stamp (every 0.2 s here, 60 s by default) and enrols as soon
    as residents' attributes say they are looking: after an import, and after a later one changing a status."""
    daemon = new_district(citybrain_daemon_factory, {"outbox": str(tmp_path / "outbox"), "enrol_every": 0.2})
    client = daemon.client(login="duty")
    try:
        _people(client, {"王秀英": "失业", "张伟": "就业"})
        client.wait_for(lambda s: len(client.replica.records(SEARCHES)) == 1, timeout=60)
        _people(client, {"王秀英": "失业", "张伟": "失业"})  # 张伟 lost his job
        client.wait_for(lambda s: len(client.replica.records(SEARCHES)) == 2, timeout=60)
        assert sorted(s.name for s in _rows(daemon, Seeker)) == ["张伟", "王秀英"]  # each once
    finally:
        client.stop()
