"""Monthly indicators read from the district's data-sharing database (a real SQLite file standing in for it) when
the daemon starts: the same checks as a sheet — good rows kept, a bad read refused whole, logged and counted."""

from __future__ import annotations

import sqlite3

import pytest

from citybrain.plugins.enterprise.tests.conftest import PLUGINS, UNITS, VALID, csv_bytes, send_import

SQL = (
    "SELECT code AS credit_code, ym AS month, people AS social_insurance, kwh AS electricity, water "
    "FROM shebao ORDER BY ym"
)


@pytest.fixture
def registered_dir(citybrain_daemon_factory, tmp_path):
    """A daemon's data folder with two enterprises registered (the daemon stopped again)."""
    daemon = citybrain_daemon_factory(plugins=PLUGINS, demo=False, data_dir=tmp_path / "d").add_demo_operators()
    admin = daemon.client(login="admin")
    send_import(admin, "org_units", "units.csv", UNITS.encode("utf-8"))
    send_import(
        admin,
        "enterprise.enterprises",
        "e.csv",
        csv_bytes(
            "credit_code,name,industry,subdistrict,size,key_enterprise,contacts,officer",
            f"{VALID[0]},甲公司,34,310109009000,small,,,",
            f"{VALID[1]},乙公司,34,310109009000,small,,,",
        ),
    )
    daemon.stop()
    return tmp_path / "d"


def shared_database(path, rows: list[tuple]) -> str:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE shebao (code TEXT, ym TEXT, people INTEGER, kwh REAL, water REAL)")
        db.executemany("INSERT INTO shebao VALUES (?, ?, ?, ?, ?)", rows)
    return f"sqlite:///{path}"


def start(factory, data_dir, url: str):  # noqa: ANN001, ANN201
    daemon = factory(
        plugins={**PLUGINS, "system": "citybrain.plugins.system.daemon"},
        demo=False,
        data_dir=data_dir,
        plugin_config={"enterprise": {"indicator_query": {"url": url, "sql": SQL, "every_hours": 24}}},
    )
    return daemon, daemon.client(login="duty")


def test_the_query_is_read_at_start_through_the_sheets_checks(citybrain_daemon_factory, registered_dir, tmp_path):
    url = shared_database(
        tmp_path / "shared.db",
        [
            (VALID[0], "2026-09", 21, 3400.0, None),
            (VALID[0], "2026-10", 20, 3100.0, 18.0),
            (VALID[1], "2026-10", 7, 800.0, 4.0),
        ],
    )
    daemon, client = start(citybrain_daemon_factory, registered_dir, url)
    first = next(e for e in client.replica.records("enterprise.enterprises") if e["credit_code"] == VALID[0])

    def series() -> dict:
        return client.query("enterprise.series", {"enterprise": first["id"]}).result(10)["result"]

    client.wait_for(lambda s: series()["months"] == ["2026-09", "2026-10"], timeout=30)
    assert series()["indicators"]["water"] == [None, 18.0]  # no figure stays no figure
    assert series()["indicators"]["social_insurance"] == [21, 20]


def test_a_bad_read_is_refused_whole_logged_and_counted(citybrain_daemon_factory, registered_dir, tmp_path, caplog):
    url = shared_database(
        tmp_path / "shared.db",
        [(VALID[0], "2026-10", 20, 3100.0, 18.0), ("91000000000000000X", "2026-10", 7, 800.0, 4.0)],
    )
    daemon, client = start(citybrain_daemon_factory, registered_dir, url)

    def refused() -> int:
        health = client.replica.get("system.health", "daemon") or {}
        return health.get("dropped", {}).get("enterprise.indicator_query_refused", 0)

    client.wait_for(lambda s: refused() == 1, timeout=30)
    assert "row 3 credit_code" in caplog.text  # the sheet's rows count from 2, under the header
    first = next(e for e in client.replica.records("enterprise.enterprises") if e["credit_code"] == VALID[0])
    assert client.query("enterprise.series", {"enterprise": first["id"]}).result(10)["result"]["months"] == []
