"""Registry and indicator imports: all or nothing, each refusal with its row and the file's own column; the
Chinese register through its mapping; the Excel export imports back unchanged; missing months stay missing."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from citybrain.core.client import RequestError
from citybrain.plugins.enterprise import CONTACTS
from citybrain.plugins.enterprise.tables import IndicatorValue
from citybrain.plugins.enterprise.tests.conftest import VALID, csv_bytes, send_import

HEADER = "credit_code,name,industry,subdistrict,size,key_enterprise,contacts,officer"


def _refusal(client, kind: str, data: bytes) -> list[dict]:
    with pytest.raises(RequestError) as caught:
        send_import(client, kind, "sheet.csv", data)
    assert caught.value.code == "import_refused"
    return caught.value.details["errors"]


def test_a_good_register_imports_and_is_published(leader):
    report = send_import(
        leader,
        "enterprise.enterprises",
        "e.csv",
        csv_bytes(
            HEADER,
            f"{VALID[0]},上海华信制造有限公司,3411,310109009000,small,yes,王经理:13900001111:总经理,王敏",
            f"{VALID[1]},上海鑫达商贸有限公司,F51,北外滩街道,micro,,,李强",
        ),
    )
    assert report["imported"] == 2 and "'citybrain'" in report["notes"][0]
    leader.wait_for(lambda s: len(leader.replica.records("enterprise.enterprises")) == 2)
    made = {r["credit_code"]: r for r in leader.replica.records("enterprise.enterprises")}
    assert made[VALID[0]]["industry"] == "34" and made[VALID[0]]["section"] == "C" and made[VALID[0]]["key_enterprise"]
    leader.wait_for(lambda s: leader.replica.get(CONTACTS, made[VALID[0]]["id"]))  # split off: operators and above
    assert leader.replica.get(CONTACTS, made[VALID[0]]["id"])["contacts"] == [
        {"name": "王经理", "phone": "13900001111", "role": "总经理"}
    ]
    # and merged into the registry's record for whoever may read them (the card shows them)
    assert leader.replica.get("enterprise.enterprises", made[VALID[0]]["id"])["contacts"][0]["phone"] == "13900001111"
    assert made[VALID[1]]["subdistrict"] == "310109018000"  # the subdistrict by its name, stored by its code


def test_bad_rows_refuse_the_whole_file_each_with_its_row(leader):
    errors = _refusal(
        leader,
        "enterprise.enterprises",
        csv_bytes(
            HEADER,
            f"{VALID[0]},甲公司,34,310109009000,small,,,",  # fine
            f"{VALID[0][:17]}0,乙公司,34,310109009000,small,,,",  # wrong check character
            "91310109MA1G5A1XOT,丙公司,34,310109009000,small,,,",  # O is never used
            f"{VALID[0]},丁公司,34,310109009000,small,,,",  # duplicate of row 2
            f"{VALID[1]},戊公司,34,310109099000,small,,,",  # no such subdistrict
            f"{VALID[2]},己公司,99,310109009000,huge,maybe,张三,",  # no division 99, no size huge, bad flag and contact
            f"91350100M000100Y43,庚公司,34,310109009000,small,,,{'李' * 101}",
        ),
    )  # an officer's name past 100: not cut
    where = {(e["row"], e["column"]) for e in errors}
    assert where == {
        (3, "credit_code"),
        (4, "credit_code"),
        (5, "credit_code"),
        (6, "subdistrict"),
        (7, "industry"),
        (7, "size"),
        (7, "key_enterprise"),
        (7, "contacts"),
        (8, "officer"),
        (8, "credit_code"),
    }
    messages = " ".join(e["message"] for e in errors)
    assert "check character" in messages and "never uses: O" in messages and "already on row 2" in messages
    assert "unknown subdistrict '310109099000'" in messages
    assert load_workbook(io.BytesIO(_export(leader))).worksheets[0].max_row == 1  # nothing was written


def _export(client) -> bytes:
    return client.query("enterprise.export").result(10)["result"]


def _chinese_register() -> bytes:
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.append(
        ["统一社会信用代码", "企业名称", "行业代码", "所属街道", "企业规模", "重点企业", "服务专员", "纬度", "经度"]
    )
    sheet.append([VALID[2], "上海瑞恒信息科技有限公司", "I65", "欧阳路街道", "中型", "是", "陈杰", 31.27, 121.49])
    sheet.append([VALID[1], "上海嘉海物流有限公司", 5990, "北外滩街道", "大型", "否", "", None, None])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_districts_own_register_reads_through_its_mapping_and_the_export_imports_back(leader):
    report = send_import(leader, "enterprise.enterprises", "名录.xlsx", _chinese_register())
    assert report["imported"] == 2 and "区企业名录" in report["notes"][0]
    exported = _export(leader)
    rows = list(load_workbook(io.BytesIO(exported)).worksheets[0].iter_rows(values_only=True))
    assert rows[1][:5] == (VALID[1], "上海嘉海物流有限公司", "59", "310109018000", None)
    assert rows[2][7:9] == ("medium", "yes")
    again = send_import(leader, "enterprise.enterprises", "export.xlsx", exported)
    assert again["imported"] == 2 and "'citybrain'" in again["notes"][0]
    assert list(load_workbook(io.BytesIO(_export(leader))).worksheets[0].iter_rows(values_only=True)) == rows


def test_indicators_keep_missing_months_missing_and_refuse_unknown_enterprises(leader, district):
    send_import(
        leader, "enterprise.enterprises", "e.csv", csv_bytes(HEADER, f"{VALID[0]},甲公司,34,310109009000,small,,,")
    )
    errors = _refusal(
        leader,
        "enterprise.indicators",
        csv_bytes(
            "credit_code,month,social_insurance,electricity,water",
            f"{VALID[0]},2026-09,12,3400,",
            f"{VALID[1]},2026-09,5,100,2",  # not registered
            f"{VALID[0]},2026/9,12,3400,",  # the same month again
            f"{VALID[0]},2026-13,12,-4,",  # no month 13, no negative electricity
            f"{VALID[0]},2026-02-31,12,3400,",
        ),
    )  # no 31 February: a slip, not February
    assert {(e["row"], e["column"]) for e in errors} == {
        (3, "credit_code"),
        (4, "month"),
        (5, "month"),
        (5, "electricity"),
        (6, "month"),
    }
    report = send_import(
        leader,
        "enterprise.indicators",
        "i.csv",
        csv_bytes(
            "credit_code,month,social_insurance,electricity,water",
            f"{VALID[0]},2026-08,12,3400,",  # no water figure this month
            f'{VALID[0]},2026年9月,11,"3,100",20',
            f"{VALID[0]},2026-07,,,",
        ),
    )  # nothing at all: read, not counted as imported
    assert report["imported"] == 2 and "1 rows had no figure" in " ".join(report["notes"])
    send_import(
        leader,
        "enterprise.indicators",
        "fix.csv",
        csv_bytes("credit_code,month,electricity", f"{VALID[0]},2026-09,3200"),
    )

    def stored(session) -> dict:
        return {(v.indicator, v.month): v.value for v in session.scalars(select(IndicatorValue))}

    figures = district.daemon.commits.writer.run_sync(lambda tx: stored(tx.session))[0]
    assert figures == {
        ("social_insurance", "2026-08"): 12,
        ("electricity", "2026-08"): 3400,
        ("social_insurance", "2026-09"): 11,
        ("electricity", "2026-09"): 3200,
        ("water", "2026-09"): 20,
    }
