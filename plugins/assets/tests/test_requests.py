"""Resource requests: reserve on commit (in parts), dispatch, settle, cancel; two desks committing the same stock
at once never promise more than there is — and the database itself refuses a negative shelf."""

from __future__ import annotations

from concurrent.futures import wait

import pytest
from sqlalchemy import create_engine, text

from citybrain.core.client import RequestError
from citybrain.core.storage.engine import sqlite_url

PLUGINS = {"assets": "citybrain.plugins.assets.daemon"}


@pytest.fixture
def daemon(citybrain_daemon_factory):
    daemon = citybrain_daemon_factory(plugins=PLUGINS, demo=False).add_demo_operators()
    client = daemon.client(login="duty")
    for kind, data in (
        ("warehouses", "name\n区防汛物资仓库\n"),
        ("stock", "warehouse,category,item,unit,quantity,minimum\n区防汛物资仓库,3.1,防汛沙袋,只,100,40\n"),
    ):
        client.command("import", {"kind": f"assets.{kind}", "filename": "x.csv", "data": data.encode()}).result(10)
    return daemon


def _bags(client) -> dict:
    client.wait_for(lambda s: client.replica.records("assets.stock"))
    return client.replica.records("assets.stock")[0]


def _send(client, name: str, **payload) -> dict:
    return client.command(name, payload).result(10)["result"]


def test_a_request_is_committed_in_parts_dispatched_and_settled(daemon):
    client = daemon.client(login="operator")
    bags = _bags(client)
    asked = _send(client, "assets.request", supply=bags["id"], quantity=70, purpose="四川北路积水点")
    first = _send(client, "assets.commit", request=asked["id"], quantity=30)
    assert (first["state"], first["committed"], first["outstanding"]) == ("committed", 30, 40)
    with pytest.raises(RequestError, match="still needs 40"):
        _send(client, "assets.commit", request=asked["id"], quantity=50)
    _send(client, "assets.commit", request=asked["id"], quantity=40)
    client.wait_for(lambda s: client.replica.get("assets.stock", bags["id"])["reserved"] == 70)
    line = client.replica.get("assets.stock", bags["id"])
    assert line["available"] == 30 and "below_minimum" in line["alerts"]  # 30 left to promise, minimum 40
    out = _send(client, "assets.dispatch", request=asked["id"])
    assert (out["state"], out["dispatched"], out["committed"]) == ("dispatched", 70, 0)
    settled = _send(client, "assets.settle", request=asked["id"], returned=20, consumed=50, note="撤围后回收")
    assert settled["state"] == "closed" and [h["step"] for h in settled["history"]] == [
        "requested",
        "committed",
        "committed",
        "dispatched",
        "returned",
        "consumed",
    ]
    client.wait_for(lambda s: client.replica.get("assets.requests", asked["id"]) is None)
    line = client.replica.get("assets.stock", bags["id"])
    assert (line["quantity"], line["reserved"]) == (50, 0)  # 100 - 70 out + 20 back


def test_a_cancelled_request_releases_its_reservation_but_not_what_is_out(daemon):
    client = daemon.client(login="operator")
    bags = _bags(client)
    asked = _send(client, "assets.request", supply=bags["id"], quantity=60)
    _send(client, "assets.commit", request=asked["id"], quantity=60)
    _send(client, "assets.dispatch", request=asked["id"], quantity=10)
    with pytest.raises(RequestError, match="settle them before cancelling"):
        _send(client, "assets.cancel", request=asked["id"])
    _send(client, "assets.settle", request=asked["id"], returned=10)
    cancelled = _send(client, "assets.cancel", request=asked["id"], reason="积水已退")
    assert cancelled["state"] == "cancelled"
    client.wait_for(lambda s: client.replica.get("assets.stock", bags["id"])["reserved"] == 0)
    assert client.replica.get("assets.stock", bags["id"])["quantity"] == 100


def test_two_desks_committing_the_same_stock_at_once_never_promise_more_than_there_is(daemon):
    desks = [daemon.client(login="operator"), daemon.client(login="duty")]
    bags = _bags(desks[0])
    asks = [[_send(desk, "assets.request", supply=bags["id"], quantity=100)["id"] for _ in range(2)] for desk in desks]
    # 4 requests × 15 commits of 2 bags, all in flight together: 120 asked for, 100 on the shelf
    futures = [
        desk.command("assets.commit", {"request": request, "quantity": 2})
        for _ in range(15)
        for desk, mine in zip(desks, asks, strict=True)
        for request in mine
    ]
    wait(futures, timeout=60)
    done = [f for f in futures if f.exception() is None]
    refused = [f.exception() for f in futures if f.exception() is not None]
    assert len(done) == 50 and len(refused) == 10  # exactly the shelf, in the order the daemon took them
    assert all("only 0 只 of 防汛沙袋 are available" in e.message for e in refused)
    desks[0].wait_for(lambda s: desks[0].replica.get("assets.stock", bags["id"])["reserved"] == 100)
    assert desks[0].replica.get("assets.stock", bags["id"])["available"] == 0


def test_the_database_refuses_more_reserved_than_on_the_shelf(daemon):
    engine = create_engine(sqlite_url(daemon.data_dir))  # straight SQL, past the plugin
    with pytest.raises(Exception, match="assets_stock_never_negative|CHECK constraint"), engine.begin() as conn:
        conn.execute(text("UPDATE assets_supplies SET reserved = quantity + 1"))
    engine.dispose()
