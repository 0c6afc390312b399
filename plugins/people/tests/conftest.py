"""Daemons for the people plugin: the cases and people demos (the org tree, ~2,000 residents and the planted
conflicts), and an empty one with a small org tree for imports."""

from __future__ import annotations

import pytest

PLUGINS = {"cases": "citybrain.plugins.cases.daemon", "people": "citybrain.plugins.people.daemon"}
UNITS = (
    "code,name,kind,parent\n"
    "310109000000,虹口区,district,\n"
    "310109009000,欧阳路街道,subdistrict,310109000000\n"
    "310109009001,大连西路居委会,committee,310109009000\n"
    "310109009002,曲阳路居委会,committee,310109009000\n"
    "310109009001-XQ01,大连新村,compound,310109009001\n"
    "310109009002-XQ02,曲阳坊,compound,310109009002\n"
)
HEADER = (
    "id_number,name,sex,birth_date,household,compound,address,hukou,phone,income_band,living_alone,veteran,benefits"
)
# valid GB 11643 numbers of Hongkou (310109): a woman born 1950-03-07, a man born 1988-11-30, a woman born 2015-06-01
WOMAN_1950, MAN_1988, GIRL_2015 = "31010919500307002X", "310109198811300018", "310109201506010043"


def send_import(client, kind: str, filename: str, data: bytes) -> dict:
    return client.command("import", {"kind": kind, "filename": filename, "data": data}).result(60)["result"]


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.fixture
def demo(citybrain_daemon_factory):
    return citybrain_daemon_factory(plugins=PLUGINS)


def new_district(factory, **kwargs: object):  # noqa: ANN001, ANN201 - the daemon factory; a RunningDaemon
    """A daemon with no demo (``kwargs``: the factory's, ``plugin_config`` say), its accounts and the small org tree."""
    daemon = factory(plugins=PLUGINS, demo=False, **kwargs).add_demo_operators()
    admin = daemon.client(login="admin")
    assert send_import(admin, "org_units", "units.csv", UNITS.encode("utf-8"))["imported"] == 6
    admin.stop()
    return daemon


@pytest.fixture
def district(citybrain_daemon_factory):
    return new_district(citybrain_daemon_factory)


@pytest.fixture
def leader(district):
    return district.client(login="duty")
