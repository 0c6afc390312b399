"""Daemons for the jobs plugin: the people and enterprise plugins beside it, a small org tree with compound
coordinates (two compounds 1 km apart), two enterprises in the registry, and no demo."""

from __future__ import annotations

import pytest

from citybrain.plugins.enterprise.tests.conftest import VALID

PLUGINS = {
    "cases": "citybrain.plugins.cases.daemon",
    "people": "citybrain.plugins.people.daemon",
    "enterprise": "citybrain.plugins.enterprise.daemon",
    "jobs": "citybrain.plugins.jobs.daemon",
}
# 0.009 degrees of latitude: 1.0 km; 大连新村 at 31.2700, 曲阳坊 1 km north, 北外滩 a far compound (~5.6 km)
UNITS = (
    "code,name,kind,parent,lat,lon\n"
    "310109000000,虹口区,district,,,\n"
    "310109009000,欧阳路街道,subdistrict,310109000000,,\n"
    "310109018000,北外滩街道,subdistrict,310109000000,,\n"
    "310109009001,大连西路居委会,committee,310109009000,,\n"
    "310109009002,曲阳路居委会,committee,310109009000,,\n"
    "310109018001,北外滩居委会,committee,310109018000,,\n"
    "310109009001-XQ01,大连新村,compound,310109009001,31.2700,121.4800\n"
    "310109009002-XQ02,曲阳坊,compound,310109009002,31.2790,121.4800\n"
    "310109018001-XQ03,北外滩小区,compound,310109018001,31.2200,121.4800\n"
)
ENTERPRISES = (
    "credit_code,name,industry,subdistrict,size,lat,lon\n"
    f"{VALID[0]},上海华信制造有限公司,3411,310109009000,small,,\n"
    f"{VALID[1]},上海鑫达商贸有限公司,F51,310109018000,micro,31.2205,121.4800\n"
)
VACANCY_HEADER = (
    "credit_code,title,occupation,wage_min,wage_max,hours,requirements,education,openings,lat,lon,posted_on"
)
SEEKER_HEADER = (
    "id_number,name,phone,compound,occupation,skills,education,wage,hours,minutes,transit,disability_grade,"
    "benefits,registered_on"
)
# valid GB 11643 numbers: a woman born 1980-05-02, a man born 1995-01-09, a man born 1970-02-03
WOMAN_1980, MAN_1995, MAN_1970 = "31010919800502002X", "310109199501090013", "310109197002030033"


def send_import(client, kind: str, filename: str, data: bytes) -> dict:
    return client.command("import", {"kind": kind, "filename": filename, "data": data}).result(60)["result"]


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.fixture
def district(citybrain_daemon_factory, tmp_path):
    daemon = citybrain_daemon_factory(
        plugins=PLUGINS, demo=False, plugin_config={"jobs": {"outbox": str(tmp_path / "outbox")}}
    ).add_demo_operators()
    admin = daemon.client(login="admin")
    assert send_import(admin, "org_units", "units.csv", UNITS.encode("utf-8"))["imported"] == 9
    assert send_import(admin, "enterprise.enterprises", "e.csv", ENTERPRISES.encode("utf-8"))["imported"] == 2
    admin.stop()
    return daemon


@pytest.fixture
def leader(district):
    client = district.client(login="duty")
    yield client
    client.stop()
