"""Registry imports: the real Sahana Eden sheets through their column mapping, our own shape back and forth,
and a file with one bad row refused whole, saying row and column."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from citybrain.core.client import RequestError

PLUGINS = {"assets": "citybrain.plugins.assets.daemon"}
SAHANA = "emergency/sahana-eden"


@pytest.fixture
def leader(citybrain_daemon_factory):
    return citybrain_daemon_factory(plugins=PLUGINS, demo=False).add_demo_operators().client(login="duty")


def _import(client, kind: str, filename: str, data: bytes) -> dict:
    payload = {"kind": f"assets.{kind}", "filename": filename, "data": data}
    return client.command("import", payload).result(30)["result"]


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_the_sahana_eden_warehouse_stock_and_shelter_sheets_import(leader, citybrain_shared_data):
    folder = citybrain_shared_data / SAHANA
    houses = _import(leader, "warehouses", "w.csv", (folder / "Logistics_Demo_warehouse.csv").read_bytes())
    assert houses["imported"] == houses["rows"] == 24 and "sahana-eden-warehouse" in houses["notes"][0]
    stock = _import(leader, "stock", "s.csv", (folder / "Logistics_Demo_warehouse_stock.csv").read_bytes())
    assert stock["rows"] == 152 and "sahana-eden-stock" in stock["notes"][0]
    leader.wait_for(lambda s: len(leader.replica.records("assets.stock")) == stock["imported"])
    lines = leader.replica.records("assets.stock")
    assert {line["unit"] for line in lines} <= {
        "piece",
        "case",
        "pack",
        "box",
        "set",
        "kg",
        "tin",
        "can",
        "barrel",
        "roll",
        "pair",
        "bag",
    }  # their units, in our words
    assert {line["category"] for line in lines} <= {"1.6", "2.3", "2.4", "2.5", "2.6", "9.9"}
    with (folder / "Logistics_Demo_warehouse_stock.csv").open(encoding="utf-8") as sheet:
        counted = sum(int(row["Quantity"]) for row in csv.DictReader(sheet))
    assert sum(line["quantity"] for line in lines) == counted  # every unit, duplicate lines added up
    towels = [line for line in lines if line["item"] == "Bath Towel"]
    assert towels[0]["warehouse"] == "NROC WAREHOUSE C"  # "NROC Warehouse C" in the stock sheet: the same place
    assert any(line["warehouse"] == "NROC WAREHOUSE B" for line in lines)  # "NROC Warehouse B " with a space
    shelters = _import(leader, "shelters", "sh.csv", (folder / "historic_ARC_cr_shelter.csv").read_bytes())
    assert shelters["imported"] == 7
    other = _import(leader, "warehouses", "bt.csv", (folder / "SAFIRE_BT_Demo_inv_warehouse.csv").read_bytes())
    assert other["imported"] == other["rows"] > 0


def test_one_bad_row_refuses_the_whole_file_and_says_where(leader):
    _import(leader, "warehouses", "w.csv", _csv("name,address", "区防汛物资仓库,玉田路", "江湾镇物资点,场中路"))
    bad = _csv(
        "warehouse,category,item,unit,quantity,minimum,expiry",
        "区防汛物资仓库,3.1,防汛沙袋,只,12000,10000,",
        "区防汛物资仓库,7.7,救生衣,件,180,200,",  # no such category
        "无此仓库,2.4,瓶装水,箱,10,5,",  # no such warehouse
        "江湾镇物资点,2.4,方便食品,箱,-5,0,2027-13-01",
    )  # negative, bad date
    with pytest.raises(RequestError) as refused:
        _import(leader, "stock", "stock.csv", bad)
    problems = {(e["row"], e["column"]) for e in refused.value.details["errors"]}
    assert problems == {(3, "category"), (4, "warehouse"), (5, "quantity"), (5, "expiry")}
    assert leader.query("assets.export", {"kind": "stock"}).result(10)["result"]  # still a workbook…
    assert leader.replica.records("assets.stock") == []  # …of nothing: the good row was not imported either


def test_a_sheet_no_mapping_fits_is_refused_saying_what_is_missing(leader):
    with pytest.raises(RequestError, match="no column mapping for stock fits"):
        _import(leader, "stock", "stock.csv", _csv("仓库,物资,数量", "区防汛物资仓库,沙袋,10"))


def test_the_excel_export_imports_back_unchanged(leader):
    _import(leader, "warehouses", "w.csv", _csv("name,address,lat,lon", "区防汛物资仓库,玉田路,31.286,121.486"))
    _import(
        leader,
        "stock",
        "s.csv",
        _csv(
            "warehouse,category,item,unit,quantity,minimum,expiry,owner",
            "区防汛物资仓库,3.1,防汛沙袋,只,12000,10000,,区建管委",
            "区防汛物资仓库,2.4,瓶装饮用水,箱,800,600,2027-06-30,区建管委",
        ),
    )
    exported = leader.query("assets.export", {"kind": "stock"}).result(10)["result"]
    rows = list(load_workbook(io.BytesIO(exported)).active.iter_rows(values_only=True))
    assert rows[0] == ("warehouse", "category", "item", "unit", "quantity", "minimum", "expiry", "owner")
    assert ("区防汛物资仓库", "2.4", "瓶装饮用水", "箱", 800, 600, "2027-06-30", "区建管委") in rows
    again = _import(leader, "stock", "stock.xlsx", exported)
    assert again["imported"] == 2 and "'citybrain'" in again["notes"][0]
    leader.wait_for(lambda s: len(leader.replica.records("assets.stock")) == 2)


def test_vehicles_and_experts_import_and_a_t_card_keeps_its_time_in_status(leader):
    _import(
        leader, "equipment", "e.csv", _csv("name,type,identifier,base", "移动泵车 1号,排水泵车,沪A·E1021,水电路泵站")
    )
    with pytest.raises(RequestError) as refused:
        _import(leader, "experts", "x.csv", _csv("name,field,phone", "沈国华,防汛排涝,138", "顾晓岚,,139"))
    assert [(e["row"], e["column"]) for e in refused.value.details["errors"]] == [(3, "field")]
    leader.wait_for(lambda s: leader.replica.records("assets.equipment"))
    truck = leader.replica.records("assets.equipment")[0]
    out = leader.command(
        "assets.equipment.status", {"equipment": truck["id"], "status": "out_of_service", "note": "电机检修"}
    ).result(10)["result"]
    again = leader.command(
        "assets.equipment.status", {"equipment": truck["id"], "status": "out_of_service", "note": "等配件"}
    ).result(10)["result"]
    assert out["status_since"] == again["status_since"] and again["assignment"] == "等配件"  # same status: same since
    with pytest.raises(RequestError, match="status: must be one of .available., .assigned., .out_of_service."):
        leader.command("assets.equipment.status", {"equipment": truck["id"], "status": "broken"}).result(10)
    _import(leader, "equipment", "e2.csv", _csv("name,type,base", "移动泵车 1号,排水泵车,泵站"))  # a re-import…
    leader.wait_for(lambda s: leader.replica.records("assets.equipment")[0]["base"] == "泵站")
    assert leader.replica.records("assets.equipment")[0]["status"] == "out_of_service"  # …keeps the card's status
