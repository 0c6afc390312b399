"""Ticket imports: every real Open311 GeoReport v2 file of the shared set, the city platform's sheet through its
column mapping, patrol sheets — and bad files refused whole, saying why (and which row and column)."""

from __future__ import annotations

import json

import pytest

from citybrain.core.client import RequestError
from citybrain.plugins.metrics.tests.conftest import import_file, kpi, value_of

GEOREPORT = "open311/georeport_v2"
# what each file of the shared set holds: (kind, items) — the endpoint list is not GeoReport data and is refused
EXPECTED = {
    "bloomington_requests_2012.json": ("requests", 21),
    "bloomington_services.json": ("services", 46),
    "chicago_requests_2014.json": ("requests", 2),
    "giessen_services.xml": ("services", 8),
    "toronto_request_single.xml": ("requests", 1),
    "toronto_requests_many.xml": ("requests", 2),
}


def refused(client, kind: str, filename: str, data: bytes) -> RequestError:
    with pytest.raises(RequestError) as caught:
        import_file(client, kind, filename, data)
    return caught.value


def test_every_file_of_the_shared_georeport_set_imports_or_is_refused_saying_what_it_is(leader, citybrain_shared_data):
    files = sorted((citybrain_shared_data / GEOREPORT).iterdir())
    assert {f.name for f in files} == set(EXPECTED) | {"open311_endpoints_list.json"}  # a new file gets a line here
    for path in files:
        if path.name == "open311_endpoints_list.json":
            error = refused(leader, "metrics.open311", path.name, path.read_bytes())
            assert "list of Open311 endpoints" in error.message and "nothing was imported" in error.message
            continue
        report = import_file(leader, "metrics.open311", path.name, path.read_bytes())
        kind, items = EXPECTED[path.name]
        assert report["notes"] == [f"GeoReport v2 {kind}"] and report["rows"] == items, path.name
        assert report["imported"] == items and not report["errors"], path.name
    # the two Toronto files share a request: imported twice, kept once
    volume = kpi(leader, "hotline.volume/all", lambda r: r["values"] == [21 + 2 + 2])
    assert volume["values"] == [25]
    categories = {c["code"]: c for c in leader.replica.records("metrics.categories")}
    assert categories["4e090d24992b941e78000027"]["name"] == "Graffiti"  # Bloomington's services
    assert categories["010"]["name"] == "Ampel defekt"  # Gießen's, in German
    closed = kpi(leader, "hotline.resolution/all", lambda r: r["denominators"] and r["denominators"][0] > 0)
    assert closed["values"] == [1.0]  # only closed requests have a known outcome: all resolved


def test_a_bad_request_refuses_the_whole_file_row_by_row(leader):
    requests = [
        {
            "service_request_id": "1",
            "status": "open",
            "service_code": "X",
            "requested_datetime": "2024-01-02T08:00:00+08:00",
        },
        {"service_request_id": "2", "status": "pending", "service_code": "X", "requested_datetime": "yesterday"},
        {
            "service_request_id": "3",
            "status": "closed",
            "service_code": "X",
            "requested_datetime": "2024-01-02T08:00:00",
            "lat": 123,
        },
    ]
    error = refused(leader, "metrics.open311", "bad.json", json.dumps(requests).encode())
    problems = {(e["row"], e["column"]) for e in error.details["errors"]}
    assert problems == {(2, "status"), (2, "requested_datetime"), (3, "requested_datetime"), (3, "lat")}
    assert leader.query("metrics.tickets", {"metric": "hotline.volume"}).result(10)["result"]["total"] == 0


def test_request_ids_are_never_cut_merged_or_made_up_and_a_bom_before_xml_is_read(leader):
    at = "2024-01-02T08:00:00+08:00"
    base = {"status": "open", "service_code": "X", "requested_datetime": at}
    requests = [
        {**base, "service_request_id": "7" * 64 + "a"},
        {**base, "service_request_id": "7" * 64 + "b"},
        {**base, "service_request_id": "dup"},
        {**base, "service_request_id": "dup"},
        {**base, "service_request_id": {"id": 5}},
        {**base, "service_request_id": "ok", "service_code": [1]},
    ]
    error = refused(leader, "metrics.open311", "ids.json", json.dumps(requests).encode())
    problems = {(e["row"], e["column"]) for e in error.details["errors"]}
    assert problems == {
        (1, "service_request_id"),
        (2, "service_request_id"),
        (4, "service_request_id"),
        (5, "service_request_id"),
        (6, "service_code"),
    }
    xml = (
        "\ufeff<?xml version='1.0' encoding='utf-8'?><service_requests><request><service_request_id>b1"
        "</service_request_id><status>open</status><service_code>X</service_code>"
        f"<requested_datetime>{at}</requested_datetime></request></service_requests>"
    ).encode()
    assert import_file(leader, "metrics.open311", "bom.xml", xml)["imported"] == 1


def test_a_request_without_a_service_name_keeps_the_services_name(leader):
    import_file(
        leader,
        "metrics.open311",
        "services.json",
        json.dumps([{"service_code": "G1", "service_name": "Graffiti"}]).encode(),
    )
    import_file(
        leader,
        "metrics.open311",
        "requests.json",
        json.dumps(
            [
                {
                    "service_request_id": "r1",
                    "status": "open",
                    "service_code": "G1",
                    "requested_datetime": "2024-01-02T08:00:00+08:00",
                }
            ]
        ).encode(),
    )
    import_file(
        leader,
        "metrics.open311",
        "later.json",  # published after the requests: a mark to wait for
        json.dumps([{"service_code": "Z9", "service_name": "Potholes"}]).encode(),
    )
    leader.wait_for(lambda s: leader.replica.get("metrics.categories", "Z9") is not None)
    assert leader.replica.get("metrics.categories", "G1")["name"] == "Graffiti"


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (
            b"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><service_requests>&x;</service_requests>",
            "DTD",
        ),
        (b"<service_requests><request>", "not well-formed"),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'/>", "not <services> or <service_requests>"),
        (b'{"a": 1}', "JSON array"),
        (b"[]", "neither services"),
        (b"\xff\xfe garbage", "not JSON"),
    ],
)
def test_files_that_are_not_georeport_are_refused_with_a_reason(leader, data, why):
    assert why in refused(leader, "metrics.open311", "x.xml" if data.startswith(b"<") else "x.json", data).message


PLATFORM = (
    "工单编号,来电时间,来源渠道,一级分类,二级分类,所属街道,地址,经度,纬度,首次联系时间,承办单位,是否解决,满意度,重办次数,诉求内容\n"
    "T1,2023-11-03 09:12,电话,市容环境,占道经营,欧阳路街道,四平路1号,121.48,31.27,"
    "2023-11-03 10:00,区城管执法局,是,满意,0,早市占道\n"
    "T2,2023-11-04 20:40,随申办,住房物业,房屋漏水,曲阳路街道,,,,2023-11-05 08:00,区房屋管理局,否,不满意,2,\n"
    "T3,2023-12-01 07:00,微信,公用事业,停水,欧阳路街道,,,,,区建设和管理委员会,办理中,未评价,0,\n"
)


def test_the_city_platform_sheet_imports_through_its_mapping(leader):
    report = import_file(leader, "metrics.tickets", "export.csv", PLATFORM.encode("utf-8-sig"))
    assert report["imported"] == 3 and "12345-platform" in report["notes"][0]
    records = {
        r["id"]: r
        for r in leader.query("metrics.tickets", {"metric": "hotline.volume"}).result(10)["result"]["records"]
    }
    assert records["T1"]["received_at"] == "2023-11-03T01:12:00+00:00"  # Shanghai time in the sheet
    assert (records["T1"]["category"], records["T1"]["channel"], records["T1"]["satisfaction"]) == (
        "CR01",
        "phone",
        "satisfied",
    )
    assert (records["T2"]["resolved"], records["T2"]["reopen_count"], records["T3"]["resolved"]) == (False, 2, None)
    satisfaction = kpi(leader, "hotline.satisfaction/hotline_year", lambda r: 2024 in r["groups"])
    assert value_of(satisfaction, 2024) == 0.5  # T3 not rated: out of the denominator


def test_a_sheet_with_bad_rows_is_refused_whole_naming_row_and_column(leader):
    bad = PLATFORM.replace("2023-11-04 20:40", "04/11 晚上").replace("占道经营", "不存在的分类").replace("T3,", "T1,")
    error = refused(leader, "metrics.tickets", "export.csv", bad.encode())
    assert {(e["row"], e["column"]) for e in error.details["errors"]} == {
        (2, "二级分类"),
        (3, "来电时间"),
        (4, "工单编号"),
    }
    assert leader.query("metrics.tickets", {"metric": "hotline.volume"}).result(10)["result"]["total"] == 0


def test_patrol_sheets_import_and_handled_never_exceeds_found(leader):
    sheet = (
        "队伍类型,巡查日期,巡查区域,发现问题数,处置问题数\n"
        "巡查,2024-03-01,310109009000,3,2\n执法,2024-03-02,310109010000,0,0\n"
    )
    assert import_file(leader, "metrics.patrols", "p.csv", sheet.encode())["imported"] == 2
    assert value_of(kpi(leader, "metrics.patrols.found/year", lambda r: 2024 in r["groups"]), 2024) == 3
    error = refused(leader, "metrics.patrols", "p.csv", (sheet + "督查,2024-03-03,310109010000,1,4\n").encode())
    assert [(e["row"], e["column"]) for e in error.details["errors"]] == [(4, "处置问题数")]


RANKING = (
    "月份,区,满意度,排名\n2023-07,虹口区,92.73%,1\n2023-07,黄浦区,91.5,2\n"
    "2023年8月,虹口区,93.1,\n2023年8月,黄浦区,93.4,\n"
)


def test_the_citys_governance_ranking_imports_by_month_and_ranks_where_not_given(leader):
    report = import_file(leader, "metrics.governance", "ranking.csv", RANKING.encode())
    assert report["imported"] == 4 and "read with the column mapping 'city-ranking'" in report["notes"]
    ranks = kpi(leader, "governance.rank/year+district", lambda r: len(r["groups"]) == 2)
    # the year's places come from its means: 92.915 % against 92.45 %
    assert value_of(ranks, [2023, "虹口区"]) == 1 and value_of(ranks, [2023, "黄浦区"]) == 2
    # no org tree here, so no district is "ours": the figures by district
    by_district = kpi(leader, "governance.satisfaction/district", lambda r: len(r["groups"]) == 2)
    assert value_of(by_district, "虹口区") == pytest.approx((0.9273 + 0.931) / 2)
    again = "月份,区,满意度\n2023-08,虹口区,90.0\n2023-08,黄浦区,95.0\n"
    import_file(leader, "metrics.governance", "august.csv", again.encode())  # the month is replaced
    by_district = kpi(
        leader,
        "governance.satisfaction/district",
        lambda r: value_of(r, "虹口区") == pytest.approx((0.9273 + 0.90) / 2),
    )


@pytest.mark.parametrize(
    ("sheet", "problems"),
    [
        ("月份,区,满意度\n2023-13,虹口区,90\n", {(2, "月份")}),
        ("月份,区,满意度\n2023-07,虹口区,190\n2023-07,虹口区,80\n", {(2, "满意度"), (3, "区")}),
        ("月份,区,满意度,排名\n2023-07,虹口区,90,1\n2023-07,黄浦区,80,\n", {(3, "排名")}),
        ("月份,区,满意度\n2023-07,,90\n", {(2, "区")}),
    ],
)
def test_a_bad_governance_ranking_is_refused_whole_row_by_row(leader, sheet, problems):
    with pytest.raises(RequestError) as refused:
        import_file(leader, "metrics.governance", "bad.csv", sheet.encode())
    assert {(e["row"], e["column"]) for e in refused.value.details["errors"]} == problems
    import_file(leader, "metrics.governance", "good.csv", "月份,区,满意度\n2024-01,静安区,88\n".encode())
    kept = kpi(leader, "governance.satisfaction/district", lambda r: r["groups"] == ["静安区"])  # nothing else went in
    assert value_of(kept, "静安区") == pytest.approx(0.88)
