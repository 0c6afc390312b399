"""Demo data for the assets plugin: a plausible Hongkou inventory written as the sheets a district would send, then
imported through the same checks as a real file.  Some stock is low or near its expiry, one team is out of
service and one shelter is full, so the readiness board has something to say."""

from __future__ import annotations

import csv
import io
import random
from datetime import timedelta

from sqlalchemy import select

from citybrain.core.api import Transaction
from citybrain.plugins.assets import imports, records, requests
from citybrain.plugins.assets.tables import Equipment, Supply, Team, Warehouse

WAREHOUSES = [  # name, address, manager, contact, hours, lat, lon
    ("虹口区应急物资储备库", "江湾镇街道场中路", "区应急局", "021-65550101", "24小时", 31.2985, 121.4790),
    ("区防汛物资仓库", "曲阳路街道玉田路", "区建管委", "021-65550202", "08:30-17:00；汛期24小时", 31.2860, 121.4860),
    (
        "北外滩街道应急物资点",
        "北外滩街道东大名路",
        "北外滩街道办事处",
        "021-65550303",
        "08:30-17:00",
        31.2500,
        121.4990,
    ),
]
STOCK = [  # warehouse index, category, item, unit, quantity, minimum, expiry in days (None: none)
    (1, "3.1", "防汛沙袋", "只", 12000, 10000, None),
    (1, "3.1", "编织袋", "只", 8000, 5000, None),
    (1, "3.1", "移动式抽水泵 200m³/h", "台", 12, 10, None),
    (1, "3.1", "挡水板", "块", 300, 200, None),
    (1, "2.2", "救生衣", "件", 180, 200, None),
    (1, "2.2", "救生圈", "只", 60, 40, None),
    (1, "1.5", "柴油发电机 30kW", "台", 4, 4, None),
    (1, "1.2", "反光锥", "只", 400, 200, None),
    (1, "1.2", "警戒带", "卷", 150, 100, None),
    (1, "2.1", "雨衣雨靴", "套", 500, 300, None),
    (0, "2.5", "救灾帐篷 12m²", "顶", 220, 150, None),
    (0, "2.5", "折叠床", "张", 900, 600, None),
    (0, "2.5", "棉被", "床", 1500, 1000, None),
    (0, "2.4", "瓶装饮用水 550ml", "箱", 800, 600, 20),
    (0, "2.4", "方便食品", "箱", 500, 400, 75),
    (0, "2.4", "压缩饼干", "箱", 120, 200, 400),
    (0, "2.3", "急救包", "个", 350, 200, 200),
    (0, "2.3", "医用外科口罩", "盒", 2000, 1000, 12),
    (0, "2.6", "消毒液", "桶", 260, 150, 160),
    (0, "1.3", "卫星电话", "部", 6, 4, None),
    (0, "1.3", "对讲机", "台", 80, 60, None),
    (0, "1.5", "应急照明灯", "盏", 240, 150, None),
    (0, "3.4", "灭火器 4kg", "具", 600, 400, 300),
    (0, "1.4", "应急指挥车", "辆", 2, 1, None),
    (2, "3.1", "防汛沙袋", "只", 1500, 2000, None),
    (2, "2.2", "救生衣", "件", 40, 30, None),
    (2, "1.5", "应急照明灯", "盏", 30, 20, None),
    (2, "2.4", "瓶装饮用水 550ml", "箱", 60, 50, 5),
]
TEAMS = [  # name, type, headcount, leader, contact, base, equipment
    ("虹口区防汛抢险队", "防汛抢险", 45, "周振华", "13916000101", "区防汛物资仓库", "抽水泵12台、冲锋舟2艘"),
    ("区消防救援支队虹口中队", "消防救援", 60, "王立新", "119", "广纪路", "消防车8辆、救援艇1艘"),
    ("城管执法应急分队", "现场管控", 30, "陈晓明", "13916000303", "区城管执法局", "执法车6辆"),
    ("区排水公司抢修队", "排水抢修", 25, "刘国庆", "13916000404", "水电路泵站", "移动泵车2辆"),
    ("区卫健委医疗救护队", "医疗救护", 20, "张丽华", "120", "区人民医院", "救护车4辆"),
    ("北外滩街道应急志愿者队", "志愿服务", 80, "李春梅", "13916000606", "北外滩街道", "—"),
]
EQUIPMENT = [  # name, type, identifier, base, contact
    ("移动泵车 1号", "排水泵车 1000m³/h", "沪A·E1021", "水电路泵站", "13916000404"),
    ("移动泵车 2号", "排水泵车 1000m³/h", "沪A·E1022", "水电路泵站", "13916000404"),
    ("应急指挥车", "指挥通信车", "沪A·Y0110", "区应急局", "021-65550101"),
    ("冲锋舟 A", "冲锋舟", "HK-CFZ-01", "区防汛物资仓库", "13916000101"),
    ("冲锋舟 B", "冲锋舟", "HK-CFZ-02", "区防汛物资仓库", "13916000101"),
    ("应急发电车", "发电车 200kW", "沪A·D0320", "区城运中心", "021-65550303"),
]
EXPERTS = [  # name, field, organisation, phone, note
    ("沈国华", "防汛排涝", "上海市水务规划设计研究院", "13817000111", "区防汛专家组组长"),
    ("顾晓岚", "气象预报", "上海中心气象台", "13817000222", ""),
    ("陆建明", "燃气安全", "上海燃气集团", "13817000333", "24小时可联系"),
    ("钱立平", "结构安全", "同济大学土木工程学院", "13817000444", "危房、临时搭建物评估"),
    ("吴文静", "公共卫生", "虹口区疾病预防控制中心", "13817000555", ""),
]
SHELTERS = [  # name, address, capacity, occupancy, lat, lon
    ("鲁迅公园应急避难场所", "四川北路2288号", 8000, 0, 31.2755, 121.4815),
    ("和平公园应急避难场所", "天宝路891号", 6000, 0, 31.2690, 121.5060),
    ("虹口足球场应急避难场所", "东江湾路444号", 5000, 0, 31.2710, 121.4780),
    ("复兴高级中学临时安置点", "车站南路28号", 300, 300, 31.2745, 121.4830),
]


def _csv(header: list[str], rows: list[tuple]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def seed(tx: Transaction, rng: random.Random) -> None:
    """The inventory through the importers, then the state a live district has: a team and a pump truck out of
    service, a request in flight."""
    today = records.today()
    sheets = {
        "warehouses": _csv(["name", "address", "manager", "contact", "hours", "lat", "lon"], WAREHOUSES),
        "stock": _csv(
            ["warehouse", "category", "item", "unit", "quantity", "minimum", "expiry", "owner"],
            [
                (
                    WAREHOUSES[w][0],
                    c,
                    item,
                    unit,
                    q,
                    m,
                    (today + timedelta(days=e)).isoformat() if e else "",
                    WAREHOUSES[w][2],
                )
                for w, c, item, unit, q, m, e in STOCK
            ],
        ),
        "teams": _csv(["name", "type", "headcount", "leader", "contact", "base", "equipment"], TEAMS),
        "shelters": _csv(["name", "address", "capacity", "occupancy", "lat", "lon"], SHELTERS),
        "equipment": _csv(["name", "type", "identifier", "base", "contact"], EQUIPMENT),
        "experts": _csv(["name", "field", "organisation", "phone", "note"], EXPERTS),
    }
    for kind, data in sheets.items():
        report = imports.IMPORTERS[kind](tx, f"demo-{kind}.csv", data)
        if report.errors:
            raise ValueError(f"the demo's {kind} sheet is not valid: {report.errors[:3]}")
    pumps = tx.session.scalars(select(Team).where(Team.name == "区排水公司抢修队")).one()
    requests.team_status(tx, {"team": pumps.id, "status": "out_of_service", "note": "泵车检修，预计明日恢复"})
    truck = tx.session.scalars(select(Equipment).where(Equipment.name == "移动泵车 2号")).one()
    requests.equipment_status(tx, {"equipment": truck.id, "status": "out_of_service", "note": "水泵电机检修"})
    bags = tx.session.scalars(
        select(Supply)
        .join(Warehouse, Warehouse.id == Supply.warehouse_id)
        .where(Supply.item == "防汛沙袋", Warehouse.name == WAREHOUSES[1][0])
    ).one()
    asked = requests.request(
        tx,
        {
            "supply": bags.id,
            "quantity": 2000,
            "purpose": "四川北路积水点围挡",
            "destination": "四川北路海宁路口",
            "source_ref": "duty.incidents/1",
        },
    )
    requests.commit(tx, {"request": asked["id"], "quantity": rng.choice((1200, 1500))})  # the rest is still owed
