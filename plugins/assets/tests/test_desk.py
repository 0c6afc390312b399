"""The assets views on a real desk feed: request from the registry, commit in parts and dispatch from the requests
view, the readiness board's figures against the records, and a new gap ringing once."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtGui import QColor, QImage

from citybrain.plugins.assets.alerts import ReadinessAlerts
from citybrain.plugins.assets.readiness_view import ReadinessBoard
from citybrain.plugins.assets.registry_view import RegistryView
from citybrain.plugins.assets.requests_view import RequestsView


def run(coro):
    return asyncio.get_event_loop().run_until_complete(coro)


@pytest.fixture
def ctx(citybrain_desk, qtbot):
    ctx = citybrain_desk.context("assets")
    qtbot.waitUntil(lambda: bool(ctx.records("assets.stock")), timeout=30_000)
    citybrain_desk.feed.drain()  # a snapshot still queued would reset the tables (and their selection) mid-test
    return ctx


def saturated(image: QImage) -> int:
    """How many pixels of ``image`` are strongly coloured (a palette level's colour, not the greys)."""
    return sum(
        QColor(image.pixel(x, y)).hsvSaturation() > 100 and QColor(image.pixel(x, y)).value() > 100
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )


def _row(table, **match) -> int:
    model = table.model
    return next(r for r in range(model.rowCount()) if all(model.record_at(r)[k] == v for k, v in match.items()))


def test_a_request_from_the_registry_is_committed_in_parts_and_dispatched(ctx, qtbot, tmp_path):
    registry, requests = RegistryView(ctx), RequestsView(ctx)
    for view in (registry, requests):
        qtbot.addWidget(view)
    stock = registry.tables["stock"]
    stock.view.selectRow(_row(stock, item="救生圈", warehouse="区防汛物资仓库"))
    registry.quantity.setValue(50)
    registry.purpose.setText("REQ-MARK 北外滩岸线巡查")
    asked = run(registry.request())
    assert asked["outstanding"] == 50
    qtbot.waitUntil(
        lambda: any(r["id"] == asked["id"] for r in map(requests.model.record_at, range(requests.model.rowCount()))),
        timeout=10_000,
    )
    requests.table.view.selectRow(_row(requests.table, id=asked["id"]))
    requests.quantity.setValue(70)  # more than there is: 60 on the shelf
    assert run(requests.commit()) is None and "still needs 50" in requests.commands.message.text()
    requests.quantity.setValue(30)
    assert run(requests.commit())["outstanding"] == 20
    requests.quantity.setValue(0)  # "all": what is committed
    out = run(requests.dispatch())
    assert (out["dispatched"], out["committed"], out["state"]) == (30, 0, "dispatched")
    qtbot.waitUntil(lambda: ctx.record("assets.stock", asked["supply_id"])["quantity"] == 30, timeout=10_000)
    registry.not_ready.setChecked(True)  # only the lines with a readiness alert, and the typed text still applies
    assert 0 < stock.model.rowCount() < len(ctx.records("assets.stock"))
    assert all(stock.model.record_at(r)["alerts"] for r in range(stock.model.rowCount()))
    stock.filter.setText("救生衣")
    assert {stock.model.record_at(r)["item"] for r in range(stock.model.rowCount())} == {"救生衣"}
    saved = run(registry.export("stock", tmp_path / "stock.xlsx"))
    assert saved is not None and saved.stat().st_size > 0


def test_the_readiness_board_counts_what_the_records_say_and_a_new_gap_rings_once(citybrain_desk, ctx, qtbot):
    ReadinessAlerts(ctx)
    board = ReadinessBoard(ctx)
    qtbot.addWidget(board)
    low = [s for s in ctx.records("assets.stock") if "below_minimum" in s["alerts"]]
    assert board.cards["low"].value.text() == str(len(low)) and board.gaps.count() >= len(low) + 2
    # ISA-101: every figure grey; what is not ready says so by the registry's marker, not an orange figure
    markers = {key: card.marker.marker for key, card in board.cards.items()}
    assert (markers["low"].level, markers["teams"].level, markers["shelters"].level) == ("high", "medium", "high")
    assert markers["expiry"].level == "low" and markers["requests"] is None
    board.resize(1600, 600)
    board.show()
    qtbot.waitExposed(board)
    for key, card in board.cards.items():
        assert not card.value.property("abnormal") and saturated(card.value.grab().toImage()) == 0, key
        assert (saturated(card.marker.grab().toImage()) > 0) == (markers[key] is not None), key
    assert all(not board.gaps.item(i).icon().isNull() for i in range(board.gaps.count()))
    team = next(t for t in ctx.records("assets.teams") if t["status"] == "available")
    citybrain_desk.feed.client.command(
        "assets.team.status", {"team": team["id"], "status": "out_of_service", "note": "车辆故障"}
    ).result(10)
    qtbot.waitUntil(lambda: any(n.text == team["name"] for n in citybrain_desk.notifier.history), timeout=10_000)
    qtbot.waitUntil(
        lambda: any(team["name"] in board.gaps.item(i).text() for i in range(board.gaps.count())), timeout=10_000
    )
    assert sum(n.text == team["name"] for n in citybrain_desk.notifier.history) == 1
