"""The dashboards on a real desk feed from a real daemon: the seed's figures on the cards, editing saved with the
layout, drill-down to the records, exports, the wall's carousel."""

from __future__ import annotations

import asyncio
import os
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from citybrain.plugins.metrics import dashboards as dash
from citybrain.plugins.metrics.drill_view import DrillDialog
from citybrain.shell.i18n import install_translator

SEED_FIGURES = {
    ("hotline.volume", 2023): "54,094",
    ("hotline.first_contact", 2023): "99.93%",
    ("hotline.satisfaction", 2023): "84.81%",
    ("hotline.resolution", 2023): "87.74%",
    ("hotline.volume", 2024): "48,705",
    ("hotline.satisfaction", 2024): "91.20%",
    ("hotline.resolution", 2024): "94.35%",
}
PATROL_FIGURES = {"patrols.count": "48,946", "patrols.found": "2,359", "patrols.handled": "2,229"}


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(
        plugins={
            "cases": "citybrain.plugins.cases.daemon",
            "metrics": "citybrain.plugins.metrics.daemon",
            "patrols": "citybrain.plugins.patrols.daemon",
        },  # the patrol figures
        plugin_config={"metrics": {"refresh": 0.5}},
    )


@pytest.fixture
def ctx(citybrain_desk, qtbot):
    """The metrics context once the daemon published every KPI, every change drained."""
    ctx = citybrain_desk.context("metrics")
    qtbot.waitUntil(
        lambda: (
            ctx.record("metrics.values", "cases.volume/all") is not None
            and ctx.record("metrics.values", "patrols.count/year") is not None
            and ctx.record("metrics.values", "hotline.reopen/all") is not None
        ),
        timeout=60_000,
    )
    citybrain_desk.feed.drain()
    return ctx


def shoot(widget, name: str) -> None:
    """``CITYBRAIN_SHOTS=folder`` keeps a picture of ``widget``."""
    if folder := os.environ.get("CITYBRAIN_SHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def cards(view) -> dict:
    return {(w.tile.metric, w.tile.year): w.card.value.text() for w in view.board.tiles if w.tile.kind == "card"}


def test_the_hotline_dashboard_shows_the_seeds_figures(ctx, qtbot):
    from citybrain.plugins.metrics.dashboard_view import DashboardView

    view = DashboardView(ctx)
    qtbot.addWidget(view)
    shown = cards(view)
    assert {key: shown[key] for key in SEED_FIGURES} == SEED_FIGURES
    ranking = next(w for w in view.board.tiles if w.tile.kind == "ranking")
    assert len(ranking.rows) == 8 and "街道" in ranking.rows[0][0]  # subdistricts by name, most tickets first
    assert ranking.rows[0][1] >= ranking.rows[-1][1]
    view.choice.setCurrentIndex(view.choice.findData("patrols"))
    shown = {metric: text for (metric, _), text in cards(view).items()}
    assert {m: shown[m] for m in PATROL_FIGURES} == PATROL_FIGURES
    assert shown["cases.volume"] != "—"  # the cases plugin's KPIs, through the hook


def test_editing_a_dashboard_is_saved_with_the_layout(ctx, qtbot):
    from citybrain.plugins.metrics.dashboard_view import DashboardView

    view = DashboardView(ctx)
    qtbot.addWidget(view)
    before = len(view.current().tiles)
    view.add_tile()
    editor = view.editor
    editor.kind.setCurrentIndex(editor.kind.findData("chart"))
    editor.kpi_box.setCurrentIndex(editor.kpi_box.findData("hotline.reopen"))
    editor._edited()
    editor.show_tile(view.current().tiles[-1], [2023])
    editor.by.setCurrentIndex(editor.by.findData("subdistrict"))
    editor._edited()
    view._tile_changed(view.current().tiles[-1].moved(cols=2).resized(cols=1))
    tile = view.current().tiles[-1]
    assert (tile.kind, tile.metric, tile.by, tile.col, tile.colspan) == ("chart", "hotline.reopen", "subdistrict", 2, 2)
    assert len(view.board.tiles) == before + 1 and len(view.board.tiles[-1].rows) == 8
    view._tile_changed(tile.moved(rows=-10))  # onto the cards above: refused, saying why
    assert view.current().tiles[-1] == tile and "another tile is there" in view.message.text()
    saved = view.save_settings()
    again = DashboardView(ctx)
    qtbot.addWidget(again)
    again.restore_settings(saved)
    assert again.current().tiles == view.current().tiles
    again.restore_settings({"dashboard": "nonsense", "edited": []})  # an old or hand-written layout: defaults
    assert len(again.current().tiles) == before


def test_a_card_drills_down_to_the_chart_and_the_records(ctx, qtbot):
    from citybrain.plugins.metrics.dashboard_view import DashboardView

    view = DashboardView(ctx)
    qtbot.addWidget(view)
    card = next(w for w in view.board.tiles if w.tile.metric == "hotline.satisfaction")
    view.open_drill(card)
    drill = view.drill
    qtbot.addWidget(drill)
    assert drill.dimension() == "month" and drill.groups.count() == 36
    assert drill.source.text() == "Demo data"  # every month of the spread is made up, and the chart says so
    drill.by.setCurrentIndex(drill.by.findData("subdistrict"))
    assert drill.groups.count() == 8
    drill.groups.setCurrentRow(0)
    qtbot.waitUntil(lambda: drill.records.rowCount() > 0, timeout=20_000)
    subdistrict = drill.groups.item(0).data(256)
    assert {r["subdistrict"] for r in drill.rows} == {subdistrict}
    assert "of" in drill.total.text()
    headers = [drill.records.horizontalHeaderItem(c).text() for c in range(drill.records.columnCount())]
    assert headers[:3] == ["No.", "Received", "Channel"] and "Subdistrict" in headers  # titles, not field names
    assert not {"lat", "lon", "received_at"} & set(headers)  # what only a program reads is left to the export
    named = drill.records.item(0, headers.index("Subdistrict")).text()
    assert named.endswith("街道") and named == ctx.record("org.units", subdistrict)["name"]
    shoot(drill, "metrics-drill-en")
    try:
        install_translator(QApplication.instance(), "zh_CN")
        zh = DrillDialog(ctx, drill.kpi, drill.tile, drill.label)
        qtbot.addWidget(zh)
        zh.by.setCurrentIndex(zh.by.findData("subdistrict"))
        zh.groups.setCurrentRow(0)
        qtbot.waitUntil(lambda: zh.records.rowCount() > 0, timeout=20_000)
        cells = [zh.records.horizontalHeaderItem(c).text() for c in range(zh.records.columnCount())]
        cells += [zh.records.item(0, c).text() for c in range(zh.records.columnCount())]
        assert not [t for t in cells if re.search(r"[a-z]{2}", t)], cells  # codes such as HK2025… are data
        shoot(zh, "metrics-drill-zh")
    finally:
        install_translator(QApplication.instance(), "en")
    # a group the daemon refuses: said in the desk's words (not "month 'nonsense' is not YYYY-MM"), nothing listed
    drill.by.setCurrentIndex(drill.by.findData("month"))
    asyncio.get_event_loop().run_until_complete(drill.load_records("nonsense"))
    assert drill.total.text() == "The records of this group cannot be listed." and drill.records.rowCount() == 0
    assert drill.rows == []
    drill.by.setCurrentIndex(drill.by.findData("subdistrict"))
    drill.groups.setCurrentRow(0)
    qtbot.waitUntil(lambda: {r["subdistrict"] for r in drill.rows} == {subdistrict}, timeout=20_000)
    # a ticket of the group opens a case in the shared loop, at its subdistrict
    assert drill.ticket_case is not None
    assert asyncio.get_event_loop().run_until_complete(drill.ticket_case.open_case()) is None
    assert drill.ticket_case.commands.message.text() == "Select a ticket first"
    drill.records.selectRow(0)
    drill.ticket_case.types.setCurrentIndex(drill.ticket_case.types.findData("XQ-02"))
    opened = asyncio.get_event_loop().run_until_complete(drill.ticket_case.open_case())
    qtbot.waitUntil(lambda: ctx.record("cases.open", opened["case"]) is not None, timeout=10_000)
    case = ctx.record("cases.open", opened["case"])
    assert (case["source"], case["source_ref"], case["unit"]) == ("hotline", drill.rows[0]["id"], subdistrict)


def test_exports_png_pdf_and_excel(ctx, qtbot, tmp_path):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from citybrain.plugins.metrics import export
    from citybrain.plugins.metrics.dashboard_view import DashboardView

    view = DashboardView(ctx)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    png = export.write("png", view.board, tmp_path / "d.png", "12345")
    assert png.read_bytes()[:4] == b"\x89PNG"
    pdf = export.write("pdf", view.board, tmp_path / "d.pdf", "12345")
    pages = PdfReader(pdf).pages
    text = " ".join("".join(page.extract_text() for page in pages).split()).replace("ﬁ", "fi")  # PDF runs, ligatures
    assert "54,094" in text and "Case-study figure" in text and "Demo data" in text  # the printout says so too
    pictures = pages[0]["/Resources"].get("/XObject", {})
    assert any(p.get_object()["/Subtype"] == "/Image" for p in pictures.values())  # the board's picture
    book = load_workbook(export.write("xlsx", view.board, tmp_path / "d.xlsx", "12345"))
    assert len(book.sheetnames) == len(view.board.tiles)
    assert book.worksheets[0]["B2"].value == 54_094


def test_the_wall_shows_every_dashboard_in_turn_in_large_type(ctx, qtbot):
    from citybrain.plugins.metrics.wall_view import DashboardWall

    wall = DashboardWall(ctx)
    qtbot.addWidget(wall)
    assert len(wall.boards) == len(dash.shipped()) >= 2 and all(b.large for b in wall.boards)
    first = wall.stack.currentIndex()
    wall.advance()
    assert wall.stack.currentIndex() == (first + 1) % len(wall.boards) and "2 /" in wall.caption.text()
    assert wall.restore_settings({"seconds": 5}) is None and wall.timer.interval() == 5000


def test_the_dashboard_survives_a_theme_change(ctx, qtbot, qapp):
    """Restyling sends every widget a font change; a widget attribute named like a Qt virtual (``metric``) once
    crashed the desk here."""
    from citybrain.plugins.metrics.dashboard_view import DashboardView
    from citybrain.shell.theme import apply_theme

    view = DashboardView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.edit.setChecked(True)
    apply_theme(qapp, "light")
    qapp.setStyleSheet("QWidget { font-size: 22pt; }")  # the wall's large type, as its windows' sheet
    qapp.setStyleSheet("")
    apply_theme(qapp, "dark")
    assert view.board.tiles[0].card.value.text() == "54,094"


@pytest.mark.parametrize("wall", [True, False])
def test_the_wall_pages_read_whole_on_the_wall_and_the_desk(ctx, qtbot, wall):
    """Every table column as wide as its header and figures ask (fitted once at desk size, the wall cut them to
    "市容…"), every ranked name beside its bar (the axis kept its desk width and the wall's names did not fit),
    every figure grey unless past its lines."""
    from PySide6.QtGui import QFontMetrics

    from citybrain.plugins.metrics.tiles import CardTile, RankingTile, TableTile, kpi_marker
    from citybrain.plugins.metrics.wall_view import DashboardWall
    from citybrain.shell.testing import clipped_columns, on_screen

    view = DashboardWall(ctx)
    window = on_screen(qtbot, view, wall)  # noqa: F841 - kept: the view lives in it
    tiles = view.boards[view.stack.currentIndex()].tiles
    tables = [t.table for t in tiles if isinstance(t, TableTile)]
    rankings = [t for t in tiles if isinstance(t, RankingTile)]
    assert tables and rankings
    qtbot.waitUntil(lambda: not any(clipped_columns(t) for t in tables), timeout=5_000)

    def names_fit(tile: RankingTile) -> bool:
        axis, metrics = tile.plot.getAxis("left"), QFontMetrics(tile.tick_font("left"))
        return axis.width() >= max(metrics.horizontalAdvance(name[:12]) for name, _ in tile.rows)

    qtbot.waitUntil(lambda: all(names_fit(t) for t in rankings), timeout=5_000)
    if wall:
        assert min(QFontMetrics(t.tick_font("left")).height() for t in rankings) >= 28
    for card in (t for t in tiles if isinstance(t, CardTile)):
        marker = kpi_marker(card.kpi, card.rows[0][1])
        assert not card.card.value.property("abnormal") and card.card.marker.marker == marker


def test_every_figure_that_is_not_the_case_studys_says_demo_data(ctx, qtbot):
    """Cards and charts word where their figures come from (not a colour): the seed's own, or demo data."""
    from citybrain.plugins.metrics.dashboard_view import DashboardView

    view = DashboardView(ctx)
    qtbot.addWidget(view)
    view.choice.setCurrentIndex(view.choice.findData("governance"))
    qtbot.waitUntil(lambda: ctx.record("metrics.values", "governance.rank/month") is not None, timeout=30_000)
    view.refresh()
    tiles = {(w.tile.metric, w.tile.kind, w.tile.month or w.tile.year): w for w in view.board.tiles}
    year_2022 = tiles["governance.satisfaction", "card", 2022]
    july = tiles["governance.satisfaction", "card", "2023-07"]
    rank = tiles["governance.rank", "card", "2023-07"]
    assert (year_2022.card.value.text(), july.card.value.text(), rank.card.value.text()) == ("69.51%", "92.73%", "1")
    assert year_2022.source.text() == "Case-study figure · trend: demo data"  # its months are made up
    assert "Governance satisfaction" in july.card.title.text() and "2023-07" in july.card.title.text()
    chart = tiles["governance.satisfaction", "chart", "latest"]
    assert chart.title.text().endswith("Demo data except ○ (case study)") and len(chart.seed.data) == 1
    view.choice.setCurrentIndex(view.choice.findData("hotline"))
    cards = {(w.tile.metric, w.tile.year): w for w in view.board.tiles if w.tile.kind == "card"}
    assert cards["hotline.satisfaction", 2024].source.text().startswith("Case-study figure")
    assert cards["hotline.reopen", 2024].source.text() == "Demo data"  # the seed publishes no reopen rate
    assert "target 90% (demo)" in cards["hotline.satisfaction", 2024].card.detail.text()  # an invented target
    chart = next(w for w in view.board.tiles if w.tile.kind == "chart")
    assert chart.title.text().endswith(" · Demo data")  # every month of it is spread at random


def test_a_card_for_one_group_shows_that_groups_figure_beside_the_case_studys(qtbot):
    """The seed's "over 90 %" is 中云舫小区's: its card names the compound and says what the case study found."""
    from citybrain.plugins.metrics import tiles

    kpi = {
        "id": "sensors.property_share",
        "title": "Sensor cases the property company resolved",
        "unit": "%",
        "dimensions": ["month", "subdistrict", "compound"],
    }
    card = tiles.CardTile(dash.Tile("card", kpi["id"], by="compound", group="中云舫小区", reference=0.9), kpi)
    qtbot.addWidget(card)
    values = {
        "sensors.property_share/compound": {
            "groups": ["X-XQ01", "X-XQ02"],
            "values": [0.93, 0.8],
            "by": ["compound"],
            "error": None,
        }
    }
    names = {"X-XQ01": "中云舫小区", "X-XQ02": "长春新村"}
    card.refresh(values.get, lambda by, g: names[g], dash.Provenance([{"metric": "*", "source": "demo"}]))
    assert card.card.value.text() == "93.00%" and card.card.title.text().endswith("中云舫小区")
    assert card.card.detail.text() == "case study: over 90%" and card.source.text() == "Demo data"
    card.refresh(values.get, lambda by, g: names[g], dash.NO_PROVENANCE)  # outside a demo: no words about it
    assert card.source.text() == "" and card.source.isHidden()


def test_a_unit_s_desk_shows_its_unit_s_figures_and_follows_a_move(citybrain_daemon, citybrain_desk, ctx, qtbot):
    """A placed KPI's card reads the desk's unit's figure (metrics.unit_values), a district-wide one the district's;
    moved by the admin, the card turns to the new unit's figure by feed, with no new login."""
    from citybrain.plugins.metrics.dashboard_view import DashboardView

    first, second = sorted(u["code"] for u in ctx.records("org.units") if u["kind"] == "subdistrict")[:2]
    username, password = citybrain_daemon.operator_in(first)
    reply = citybrain_desk.feed.client.login(username, password)
    citybrain_desk.feed.set_operator({k: v for k, v in reply.items() if k != "token"})
    kpi = next(k for k in ctx.records("metrics.catalogue") if k["id"] == "cases.volume")
    assert kpi["place"] == "unit"

    def unit_figure(unit: str) -> str | None:
        record = ctx.record("metrics.unit_values", f"cases.volume/all@{unit}")
        return dash.figure(kpi, record["values"][0]) if record else None

    view = DashboardView(ctx)
    qtbot.addWidget(view)
    view.choice.setCurrentIndex(view.choice.findData("patrols"))
    qtbot.waitUntil(
        lambda: unit_figure(first) is not None and cards(view)[("cases.volume", "latest")] == unit_figure(first),
        timeout=30_000,
    )
    district = dash.figure(kpi, ctx.record("metrics.values", "cases.volume/all")["values"][0])
    assert cards(view)[("cases.volume", "latest")] != district  # the unit's, not the district's

    citybrain_daemon.client(login="admin").command("operators.unit", {"username": username, "unit": second}).result(10)
    qtbot.waitUntil(
        lambda: unit_figure(second) is not None and cards(view)[("cases.volume", "latest")] == unit_figure(second),
        timeout=30_000,
    )
    assert unit_figure(first) is None  # the old unit's figures left this desk
