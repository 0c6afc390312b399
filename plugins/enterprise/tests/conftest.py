"""A daemon with the cases and enterprise plugins, a small org tree (two subdistricts, departments) and no demo."""

from __future__ import annotations

import pytest

PLUGINS = {"cases": "citybrain.plugins.cases.daemon", "enterprise": "citybrain.plugins.enterprise.daemon"}
UNITS = (
    "code,name,kind,parent\n"
    "310109000000,虹口区,district,\n"
    "310109009000,欧阳路街道,subdistrict,310109000000\n"
    "310109018000,北外滩街道,subdistrict,310109000000\n"
    "310109-SWB,区商务委员会,department,310109000000\n"
    "310109-JRB,区金融工作办公室,department,310109000000\n"
    "310109-RSJ,区人力资源和社会保障局,department,310109000000\n"
)
VALID = ["91350100M000100Y43", "91110000802100433B", "914403001922038216"]


def send_import(client, kind: str, filename: str, data: bytes) -> dict:
    return client.command("import", {"kind": kind, "filename": filename, "data": data}).result(30)["result"]


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.fixture
def district(citybrain_daemon_factory):
    daemon = citybrain_daemon_factory(plugins=PLUGINS, demo=False).add_demo_operators()
    admin = daemon.client(login="admin")
    assert send_import(admin, "org_units", "units.csv", UNITS.encode("utf-8"))["imported"] == 6
    admin.stop()
    return daemon


@pytest.fixture
def leader(district):
    client = district.client(login="duty")
    yield client
    client.stop()
