"""Daemons for the jobs plugin: the people and enterprise plugins beside it, a small org tree with compound
coordinates (two compounds 1 km apart), two enterprises in the registry, and no demo."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from citybrain.plugins.enterprise.tests.conftest import VALID
from citybrain.plugins.jobs.tables import Seeker

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


def new_district(factory, config: dict, stocked: bool = False):  # noqa: ANN001, ANN201 - the daemon factory; a RunningDaemon
    """A daemon with the jobs plugin ``config``, the org tree and the two enterprises (and :func:`stock`'s market)."""
    config = {"enrol_every": 86_400, **config}  # enrolment on command only, unless the test says otherwise
    daemon = factory(plugins=PLUGINS, demo=False, plugin_config={"jobs": config}).add_demo_operators()
    admin = daemon.client(login="admin")
    assert send_import(admin, "org_units", "units.csv", UNITS.encode("utf-8"))["imported"] == 9
    assert send_import(admin, "enterprise.enterprises", "e.csv", ENTERPRISES.encode("utf-8"))["imported"] == 2
    if stocked:
        stock(daemon, admin)
    admin.stop()
    return daemon


@pytest.fixture
def district(citybrain_daemon_factory, tmp_path):
    return new_district(citybrain_daemon_factory, {"outbox": str(tmp_path / "outbox")})


@pytest.fixture
def leader(district):
    client = district.client(login="duty")
    yield client
    client.stop()


def stock(daemon, client) -> tuple[dict[str, int], dict[str, int]]:
    """Two vacancies 100 m and 500 m from 大连新村 and one in 北外滩; a seeker in 大连新村 (低保, a woman over 40,
    looking since January 2024: subsidies) and one in 北外滩.  The seekers' and the vacancies' ids by name."""
    send_import(
        client,
        "jobs.vacancies",
        "v.csv",
        csv_bytes(
            VACANCY_HEADER,
            f"{VALID[0]},养老护理员,4-10-01-05,5000,6500,full,养老护理员证,,1,31.2709,121.4800,2024-03-01",
            f"{VALID[0]},保洁员,4-09-07-01,4000,4500,full,,,2,31.2745,121.4800,2024-03-01",
            f"{VALID[1]},收银员,4-01-02-04,4000,5000,part,,,1,,,",
        ),
    )
    send_import(
        client,
        "jobs.seekers",
        "s.csv",
        csv_bytes(
            SEEKER_HEADER,
            f"{WOMAN_1980},王秀英,13800001111,大连新村,4-10-01-05,养老护理员证,junior,5000,full,15,no,,DIBAO,2024-01-10",
            f"{MAN_1995},张伟,13900002222,北外滩小区,4-01-02-04,,bachelor,,any,15,no,,,2024-02-01",
        ),
    )
    client.wait_for(
        lambda s: (
            len(client.replica.records("jobs.vacancies")) == 3 and len(client.replica.records("jobs.searches")) == 2
        )
    )
    with daemon.daemon.database.sessions() as session:
        ids = {s.name: s.id for s in session.scalars(select(Seeker))}
    return ids, {v["title"]: v["id"] for v in client.replica.records("jobs.vacancies")}
