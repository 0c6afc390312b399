"""The duty views on a real desk feed: a handover compiled, signed and exported; the log exported to Excel and
PDF with what was logged; a reminder ringing and acknowledged; an incident opening a case in the shared loop."""

from __future__ import annotations

import asyncio
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication, QScrollArea
from sqlalchemy import delete, update

from citybrain.core.api import utcnow
from citybrain.plugins.duty.alerts import DutyAlerts
from citybrain.plugins.duty.board import OnDutyBoard
from citybrain.plugins.duty.checkin import DutyCheckin
from citybrain.plugins.duty.daemon import refresh_board
from citybrain.plugins.duty.handover_view import HandoverView
from citybrain.plugins.duty.incidents_view import IncidentsView
from citybrain.plugins.duty.log_view import DutyLogView
from citybrain.plugins.duty.reminders_view import RemindersView
from citybrain.plugins.duty.reports import local
from citybrain.plugins.duty.swaps_view import SwapsView
from citybrain.plugins.duty.tables import DutyAssignment
from citybrain.plugins.duty.tests.keyboard import answer_confirmation
from citybrain.plugins.duty.wall import DutyWall
from citybrain.shell.i18n import install_translator


def pdf_text(path) -> str:
    """The text of every page, whitespace folded (PDF text comes back in runs)."""
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(path).pages))


def run(coro):
    return asyncio.get_event_loop().run_until_complete(coro)


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory):
    """Duty with the plugins its views work with (cases for incidents and handover items, plans and the stock
    they reserve), not the whole demo."""
    return citybrain_daemon_factory(
        plugins={name: f"citybrain.plugins.{name}.daemon" for name in ("cases", "duty", "assets", "plans")}
    )


@pytest.fixture
def ctx(citybrain_desk, qtbot):
    ctx = citybrain_desk.context("duty")
    qtbot.waitUntil(lambda: any(p["on_duty"] for p in ctx.records("duty.now")), timeout=30_000)
    citybrain_desk.feed.drain()  # a snapshot still queued would reset the tables (and their selection) mid-test
    return ctx


def test_a_handover_is_compiled_signed_by_both_and_exported_as_it_was_signed(citybrain_daemon, ctx, qtbot, tmp_path):
    view = HandoverView(ctx)
    qtbot.addWidget(view)
    hint = view.document.toPlainText()  # no handover selected: the pane says why it is empty, never blank
    assert hint == view.empty_text() and ("No handover yet" in hint or "Select a handover" in hint)
    leader = next(p for p in ctx.records("duty.now") if p["unit"] == "CYZX" and p["position"] == "leader")
    view.outgoing.setCurrentText(leader["on_duty"][0]["name"])
    view.notes.setPlainText("Pump truck stays at Sichuan Rd N. HANDOVER-NOTE-42")
    view.buttons["draft"].click()
    qtbot.waitUntil(lambda: (view.selected() or {}).get("state") == "draft", timeout=10_000)
    assert "HANDOVER-NOTE-42" in view.document.toPlainText() and view.buttons["submit"].isEnabled()
    shown = view.document.toPlainText()  # the officer's notes come before the dozens of compiled items
    assert shown.index("HANDOVER-NOTE-42") < shown.index("Open items")
    seen: list[str] = []
    answer_confirmation(True, seen)  # signing asks first, naming the handover
    view.buttons["submit"].click()
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert str(view.selected()["id"]) in seen[0]
    qtbot.waitUntil(lambda: (view.selected() or {}).get("state") == "submitted", timeout=10_000)
    assert view.buttons["accept"].isEnabled() and not view.buttons["submit"].isEnabled()
    view.buttons["accept"].click()  # the desk's own login submitted it: refused, and said so
    qtbot.waitUntil(lambda: "own login" in view.commands.message.text(), timeout=10_000)
    handover = view.selected()["id"]
    incoming = citybrain_daemon.client(login="operator", subscribe=False)  # the incoming officer, at their own desk
    incoming.command("duty.handover.decide", {"handover": handover, "accept": True}).result(10)
    qtbot.waitUntil(lambda: (view.selected() or {}).get("state") == "accepted", timeout=10_000)
    assert not any(view.buttons[k].isEnabled() for k in ("submit", "accept", "return"))
    text = pdf_text(view.export_pdf(tmp_path / "handover.pdf"))
    record = view.selected()
    assert f"No. {handover}" in text and "HANDOVER-NOTE-42" in text and "operator" in text
    assert {"duty", "cases"} <= {item["plugin"] for item in record["items"]}  # the installed plugins contribute
    assert f"Open items ({len(record['items'])})" in text  # and each one, by its number and its deadline:
    assert all(item["title"].split()[0] in text for item in record["items"] if item["title"].startswith("#"))
    assert all(local(item["due_at"]) in text for item in record["items"] if item["due_at"])
    assert "open cases" in text and "在办案件" not in text and not re.search(r"310109\d+", text)  # words, names


def test_handover_items_are_worded_in_the_desks_language_and_old_ones_as_stored(ctx):
    count = {
        "kind": "case",
        "title": "12 open cases",
        "detail": "3 overdue",
        "facts": {"open": 12, "overdue": 3, "unlisted": 0},
    }
    incident = {
        "kind": "incident",
        "title": "#2 燃气泄漏",
        "detail": "level III",
        "facts": {
            "incident": 2,
            "type": "燃气泄漏",
            "level": "III",
            "address": "",
            "subdistrict": "",
            "next": "written",
            "overdue": ["phone"],
        },
    }
    stock = {
        "kind": "readiness",
        "title": "沙袋 @ 1号仓库",
        "detail": "below_minimum: 5 bags available, minimum 50",
        "facts": {
            "stock": "沙袋",
            "warehouse": "1号仓库",
            "alerts": ["below_minimum"],
            "available": 5,
            "unit": "袋",
            "minimum": 50,
        },
    }
    task = {
        "kind": "task",
        "title": "巡查泵站",
        "detail": "YJJ · overdue",
        "facts": {"action": "巡查泵站", "unit": "YJJ", "state": "overdue"},
    }
    old = {"kind": "case", "title": "12 open cases 在办案件", "detail": "3 overdue 超期"}  # stored before facts
    other = {"kind": "someone_elses", "title": "从别处来", "detail": "as stored"}  # a plugin this desk does not have
    assert ctx.open_item_text(count) == ("case", "12 open cases", "3 overdue")
    assert ctx.open_item_text(old) == ("case", old["title"], old["detail"])
    assert ctx.open_item_text(other) == ("someone_elses", other["title"], other["detail"])
    install_translator(QApplication.instance(), "zh_CN")
    try:
        worded = [ctx.open_item_text(item) for item in (count, incident, stock, task)]
    finally:
        install_translator(QApplication.instance(), "en")
    text = " ".join(" ".join(w) for w in worded)
    assert not re.search(r"[a-z]{2,}", text), worded  # no English word (Ⅲ级 is Chinese): each plugin words its own
    assert worded[1][1] == "#2 燃气泄漏" and "12" in worded[0][1] and "50" in worded[2][2]


def test_the_log_exports_a_period_to_excel_and_pdf_with_what_was_logged(ctx, qtbot, tmp_path):
    view = DutyLogView(ctx)
    qtbot.addWidget(view)
    view.text.setText("Caller reports water on Haining Rd LOG-MARK-7")
    view.text.returnPressed.emit()
    qtbot.waitUntil(lambda: any("LOG-MARK-7" in e["text"] for e in ctx.records("duty.log")), timeout=10_000)
    now = datetime.now(UTC)
    period = {"start": (now - timedelta(hours=1)).isoformat(), "end": (now + timedelta(hours=1)).isoformat()}
    book = load_workbook(io.BytesIO(run(view.export(tmp_path / "log.xlsx", period)).read_bytes()))
    cells = [str(c.value) for row in book.active.iter_rows() for c in row if c.value is not None]
    assert any("LOG-MARK-7" in c for c in cells) and "desk" not in cells  # prepared by the operator: duty
    assert "duty" in cells and "3. Resources" in cells and "Duty officer" in cells  # positions by name
    assert not any(c.startswith(("值班人员", "编号", "单位")) for c in cells)  # the English desk's labels alone
    text = pdf_text(run(view.export(tmp_path / "log.pdf", period)))
    assert "LOG-MARK-7" in text and "ICS-214" in text and "duty" in text and "值班人员" not in text
    assert run(view.export(tmp_path / "missing-folder" / "log.pdf", period)) is None and view.message.text()
    install_translator(QApplication.instance(), "zh_CN")  # a Chinese desk exports in Chinese alone
    try:
        book = load_workbook(io.BytesIO(run(view.export(tmp_path / "log-zh.xlsx", period)).read_bytes()))
    finally:
        install_translator(QApplication.instance(), "en")
    cells = [str(c.value) for row in book.active.iter_rows() for c in row if c.value is not None]
    assert any("LOG-MARK-7" in c for c in cells) and "值班员" in cells
    assert not any(re.search(r"Resources|Unit|Position|Duty officer|Entry", c) for c in cells)


def test_a_due_reminder_rings_and_is_acknowledged_from_the_view(citybrain_desk, ctx, qtbot):
    DutyAlerts(ctx)
    view = RemindersView(ctx)
    qtbot.addWidget(view)
    view.title.setText("REMINDER-MARK check the pumps")
    view.first.setDateTime(view.first.dateTime().addSecs(-2 * 3600))
    view.every.setValue(60)
    run(view.schedule())
    qtbot.waitUntil(
        lambda: any(n.text == "REMINDER-MARK check the pumps" for n in citybrain_desk.notifier.history), timeout=10_000
    )
    row = next(r for r in range(view.model.rowCount()) if view.model.record_at(r)["title"].startswith("REMINDER-MARK"))
    reminder = view.model.record_at(row)["id"]  # before acknowledging: the row may move once it is
    view.table.view.selectRow(row)
    run(view.acknowledge())
    qtbot.waitUntil(lambda: ctx.record("duty.reminders", reminder)["state"] == "waiting", timeout=10_000)


def test_an_incident_opens_a_case_and_activates_the_plan_the_plans_plugin_suggests(ctx, qtbot):
    view = IncidentsView(ctx)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10_000)
    assert view.incident_actions.buttons["case"].isVisibleTo(view) and view.incident_actions.buttons[
        "plan"
    ].isVisibleTo(view)
    flood = next(r for r in range(view.model.rowCount()) if view.model.record_at(r)["type"] == "暴雨积水")
    view.table.view.selectRow(flood)
    qtbot.waitUntil(lambda: view.reports.count() == 1, timeout=10_000)  # the demo's phone report, with its text
    assert "已电话报告区应急局值班室" in view.reports.item(0).text()
    case = run(view.incident_actions.open_case("TF-02"))
    assert case["source"] == "incident" and case["source_ref"] == f"duty.incidents/{view.selected()['id']}"
    assert case["priority"] == "medium" and case["unit"] == "310109017000"  # level IV, where it happened
    offered = []
    response = run(view.incident_actions.suggest_plan(lambda plans: offered.append(plans) or plans[0]))
    assert [p["plan"] for p in offered[0]] == ["hk-flood-typhoon"] and response["level"] == "IV"
    assert response["source_ref"] == case["source_ref"] and response["roles"][0]["people"]


def test_the_wall_shows_the_board_the_clocks_and_the_latest_entries(ctx, qtbot):
    wall = DutyWall(ctx)
    qtbot.addWidget(wall)
    qtbot.waitUntil(lambda: wall.log.entries.count() > 0 and wall.incidents.model.rowCount() == 2, timeout=10_000)
    assert wall.incidents.incident_actions is None and wall.board.cards


def test_the_board_fits_three_cards_side_by_side_in_a_desk_pane(ctx, qtbot):
    """The duty desk gives the board a pane of about 720 px: every card shows its whole width (a long line once
    pushed the third unit's cards out of sight behind a horizontal scrollbar), and a card alone on duty names its
    person once, in the figure."""
    board = OnDutyBoard(ctx)
    qtbot.addWidget(board)
    board.resize(720, 400)
    board.show()
    qtbot.waitUntil(lambda: len(board.cards) >= 6, timeout=10_000)
    area = board.findChild(QScrollArea)
    qtbot.waitUntil(lambda: area.widget().width() <= area.viewport().width())
    assert area.horizontalScrollBar().maximum() == 0
    # and the pane's height, about 380 px on the duty desk, shows every shift's row: the night's was cut off
    rows = max(board.grid.getItemPosition(board.grid.indexOf(card))[0] for card in board.cards.values()) + 1
    assert rows == 3
    board.resize(720, 380)
    qtbot.waitUntil(lambda: area.widget().height() <= area.viewport().height())
    assert area.verticalScrollBar().maximum() == 0
    post = next(p for p in ctx.records("duty.now") if len(p["on_duty"]) == 1)
    card = board.cards[post["post"]]
    person = post["on_duty"][0]
    assert card.value.text() == person["name"] and person["name"] not in card.detail.text()
    assert person["phone"] in card.detail.text()


def test_swap_requests_say_why_the_list_is_empty_and_what_each_box_is_for(ctx, qtbot):
    """The swaps view was a blank table over an unlabelled empty box and a box already naming someone."""
    view = SwapsView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.to.count() > 0, timeout=10_000)
    assert not ctx.records("duty.swaps") and view.table.empty.isVisible() and "swap" in view.table.empty.text()
    assert view.shift.placeholderText() and view.to.currentIndex() == -1 and view.to.placeholderText()
    view.shift.addItem("a shift", "2026-12-05/CYZX/officer/day/someone")
    view.shift.setCurrentIndex(0)  # chosen, but nobody to take it
    run(view.ask())
    assert "who takes" in view.commands.message.text()


def test_the_duty_leaders_desk_hears_of_a_missing_check_in(citybrain_daemon, citybrain_desk, ctx, qtbot):
    DutyAlerts(ctx)  # the desk fixture is logged in as the duty leader
    post = next(p for p in ctx.records("duty.now") if p["on_duty"])
    person = post["on_duty"][0]["name"]

    def forget(tx) -> None:  # as if this person had not checked in, their shift begun half an hour ago
        tx.session.execute(delete(DutyCheckin).where(DutyCheckin.person == person))
        tx.session.execute(
            update(DutyAssignment)
            .where(
                DutyAssignment.person == person, DutyAssignment.starts_at <= utcnow(), DutyAssignment.ends_at > utcnow()
            )
            .values(starts_at=utcnow() - timedelta(minutes=30))
        )

    async def rewind() -> None:
        await citybrain_daemon.daemon.write(forget)
        await refresh_board(citybrain_daemon.daemon.context("duty"))  # what the 30-second schedule does

    citybrain_daemon.call(rewind)
    qtbot.waitUntil(
        lambda: any(n.title == "Not checked in" and person in n.text for n in citybrain_desk.notifier.history),
        timeout=10_000,
    )
