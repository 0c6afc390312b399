"""The source departments' sheets through a real daemon: every refusal (nothing written, each bad row named), the
Chinese layouts through their mappings, and conflicts between sources found and listed, never merged."""

from __future__ import annotations

import pytest

from citybrain.core.client import RequestError
from citybrain.plugins.people import CONFLICTS
from citybrain.plugins.people.tests.conftest import GIRL_2015, HEADER, MAN_1988, WOMAN_1950, csv_bytes, send_import

GOOD = (
    f"{WOMAN_1950},陈桂英,F,1950-03-07,H1,大连新村,大连新村3号101室,local,13812345678,low,yes,no,DIBAO:2024-01-01",
    f"{MAN_1988},李强,M,1988-11-30,H2,310109009002-XQ02,曲阳坊5号202室,local,13987654321,middle,no,no,",
    f"{GIRL_2015},李雨桐,F,2015-06-01,H2,曲阳坊,,local,,,no,no,",
)


def _residents(client) -> list[dict]:
    return client.query("people.residents", {"limit": 100}).result(30)["result"]


@pytest.mark.parametrize(
    ("line", "column", "says"),
    [
        ("310109195003070021,陈桂英,F,1950-03-07,H1,大连新村,,local,,,,,", "id_number", "should be X"),
        (f"{WOMAN_1950},陈桂英,M,1950-03-07,H1,大连新村,,local,,,,,", "sex", "contradicts the ID number"),
        (f"{WOMAN_1950},陈桂英,F,1950-03-08,H1,大连新村,,local,,,,,", "birth_date", "contradicts the ID number"),
        (f"{WOMAN_1950},陈桂英,F,1950-03-07,H1,不存在小区,,local,,,,,", "compound", "unknown compound"),
        (f"{WOMAN_1950},,F,1950-03-07,H1,大连新村,,local,,,,,", "name", "name is empty"),
        (",陈桂英,F,1950-03-07,H1,大连新村,,local,,,,,", "id_number", "id_number is empty"),
        (f"{WOMAN_1950},陈桂英,F,1950-03-07,H1,大连新村,,abroad,,,,,", "hukou", "hukou is one of"),
        (f"{WOMAN_1950},陈桂英,F,1950-03-07,H1,大连新村,,local,,poor,,,", "income_band", "income_band is one of"),
        (f"{WOMAN_1950},陈桂英,F,1950-03-07,H1,大连新村,,local,,,maybe,,", "living_alone", "yes or no"),
        (f"{WOMAN_1950},陈桂英,F,1950-03-07,H1,大连新村,,local,,,,,DIBAO", "benefits", "CODE:since"),
        (f"{WOMAN_1950},陈桂英,F,1950-03-07,H1,大连新村,,local,,,,,DIBAO:2024-13-01", "benefits", "is a date"),
        (f"{WOMAN_1950},陈桂英,F,1950-03-07,H1,大连新村,,local,,,,,DIBAO:2024-05-01:2024-01-01", "benefits", "before"),
        (f"{WOMAN_1950},陈桂英,F,1950-03-07,H1,大连新村,,local,{'1' * 21},,,,", "phone", "at most 20"),
    ],
)
def test_a_bad_row_refuses_the_whole_sheet_naming_row_and_column(leader, line, column, says) -> None:
    with pytest.raises(RequestError) as refused:
        send_import(leader, "people.civil", "civil.csv", csv_bytes(HEADER, GOOD[1], line, GOOD[2]))
    assert refused.value.code == "import_refused"
    [error] = refused.value.details["errors"]
    assert (error["row"], error["column"]) == (3, column) and says in error["message"], error
    assert _residents(leader) == []  # the good rows were not written either


def test_a_person_twice_in_one_sheet_and_a_sheet_no_mapping_fits_are_refused(leader) -> None:
    with pytest.raises(RequestError) as twice:
        send_import(leader, "people.civil", "civil.csv", csv_bytes(HEADER, GOOD[0], GOOD[1], GOOD[0]))
    assert twice.value.details["errors"][0] == {
        "row": 4,
        "column": "id_number",
        "message": "this person is already on row 2",
    }
    with pytest.raises(RequestError) as unfit:
        send_import(leader, "people.health", "health.csv", csv_bytes("证件号,病种", f"{WOMAN_1950},高血压"))
    assert unfit.value.code == "invalid_payload" and "no column mapping for health" in str(unfit.value)
    assert _residents(leader) == []


def test_an_operator_may_not_import_residents(district) -> None:
    operator = district.client(login="operator")
    with pytest.raises(RequestError) as refused:
        send_import(operator, "people.civil", "civil.csv", csv_bytes(HEADER, *GOOD))
    assert refused.value.code == "forbidden"


def test_sources_in_their_own_layouts_make_one_resident_each_and_their_disagreements_are_listed(leader) -> None:
    report = send_import(leader, "people.civil", "civil.csv", csv_bytes(HEADER, *GOOD))
    assert (report["imported"], report["notes"]) == (3, ["read with the column mapping 'citybrain'"])
    send_import(
        leader,
        "people.disability",
        "残联.csv",
        csv_bytes(
            "身份证号,姓名,居住小区,残疾等级,残疾类别,补贴项目",
            f"{WOMAN_1950},陈桂英,大连新村,二级,肢体残疾,NURSING:2023-01-01",
        ),
    )
    send_import(
        leader,
        "people.health",
        "卫健.csv",
        csv_bytes(
            "身份证号,姓名,管理小区,慢病病种,死亡日期",
            f"{WOMAN_1950},陈桂英,大连新村,高血压;糖尿病,",
            f"{MAN_1988},李强,曲阳坊,,2026-02-01",
        ),
    )
    send_import(
        leader,
        "people.employment",
        "人社.csv",
        csv_bytes("公民身份号码,姓名,居住小区,就业状态", f"{MAN_1988},李强,大连新村,失业"),
    )
    people = {r["name"]: r for r in _residents(leader)}
    assert len(people) == 3  # one resident per ID number, whichever sources list them
    chen = people["陈桂英"]
    assert (chen["disability_grade"], chen["disability_kind"], chen["income_band"], chen["living_alone"]) == (
        2,
        "physical",
        "low",
        True,
    )
    assert chen["sources"] == ["civil", "disability", "health"] and chen["health_masked"] == "***"
    assert chen["committee"] == "310109009001" and chen["subdistrict"] == "310109009000"
    li = people["李强"]
    assert li["deceased"] and li["compound"] == "310109009002-XQ02"  # civil affairs' compound kept, not overwritten
    leader.wait_for(lambda s: len(leader.replica.records(CONFLICTS)) == 2, timeout=30)
    conflicts = leader.replica.records(CONFLICTS)
    assert sorted((c["kind"], c["name"]) for c in conflicts) == [("dead_alive", "李强"), ("moved", "李强")]
    moved = next(c for c in conflicts if c["kind"] == "moved")
    assert moved["detail"] == {
        "civil": "310109009002-XQ02",
        "employment": "310109009001-XQ01",
        "health": "310109009002-XQ02",
    }
    assert moved["id_masked"] == "310***********0018" and MAN_1988 not in str(conflicts)
    # 人社 corrects its sheet: the move conflict goes, the death stays listed
    send_import(
        leader,
        "people.employment",
        "人社.csv",
        csv_bytes("公民身份号码,姓名,居住小区,就业状态", f"{MAN_1988},李强,曲阳坊,失业"),
    )
    leader.wait_for(lambda s: len(leader.replica.records(CONFLICTS)) == 1, timeout=30)
    assert [c["kind"] for c in leader.replica.records(CONFLICTS)] == ["dead_alive"]


def test_the_demo_seeds_through_the_importers_with_its_planted_conflicts(demo) -> None:
    client = demo.client(login="duty")
    kinds = sorted(c["kind"] for c in client.replica.records(CONFLICTS))
    assert kinds == ["dead_alive"] * 4 + ["moved"] * 3 + ["name"] + ["twice"] * 2
    found = client.query("people.residents", {"limit": 5000}).result(30)["result"]
    assert 1_500 < len(found) <= 5000 and all(r["id_masked"][3:14] == "*" * 11 for r in found)
