"""The cases views on a real desk feed: the inbox hears of arrivals, buttons act, the board counts."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from citybrain.plugins.cases.actions import action_name
from citybrain.plugins.cases.board_view import BoardView
from citybrain.plugins.cases.casemap import CaseMapView
from citybrain.plugins.cases.inbox_view import InboxView
from citybrain.plugins.cases.open_cases_view import CasesView
from citybrain.plugins.duty.tests.keyboard import answer_confirmation, hosted


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory):
    """The cases plugin alone, on its demo (the org tree and a month of cases): these views need no other."""
    return citybrain_daemon_factory(plugins={"cases": "citybrain.plugins.cases.daemon"})


@pytest.fixture
def compound(citybrain_desk, qtbot):
    ctx = citybrain_desk.context("cases")
    qtbot.waitUntil(lambda: any(u["kind"] == "compound" for u in ctx.records("org.units")), timeout=30_000)
    return next(u for u in ctx.records("org.units") if u["kind"] == "compound")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _open(citybrain_desk, unit: str, priority: str = "urgent", **more) -> dict:
    return citybrain_desk.feed.client.command(
        "cases.open",
        {"source": "sensor", "type": "XQ-01", "unit": unit, "priority": priority, "title": "电动自行车进电梯", **more},
    ).result(10)["result"]


def rows(view) -> list[dict]:
    return [view.model.record_at(r) for r in range(view.model.rowCount())]


def test_a_placed_operator_s_inbox_opens_on_their_own_unit(citybrain_daemon, citybrain_desk, compound, qtbot):
    ctx = citybrain_desk.context("cases")
    subdistrict = next(u for u in ctx.records("org.units") if u["kind"] == "subdistrict")
    username, password = citybrain_daemon.operator_in(subdistrict["code"])
    reply = citybrain_desk.feed.client.login(username, password)
    citybrain_desk.feed.set_operator({k: v for k, v in reply.items() if k != "token"})
    inbox = InboxView(ctx)
    qtbot.addWidget(inbox)
    assert inbox.current_unit() == subdistrict["code"]  # not the district's inbox, which this desk cannot act for


def test_the_inbox_follows_the_operator_moved_by_the_admin_while_the_desk_runs(
    citybrain_daemon, citybrain_desk, compound, qtbot
):
    ctx = citybrain_desk.context("cases")
    first, second = sorted(u["code"] for u in ctx.records("org.units") if u["kind"] == "subdistrict")[:2]
    username, password = citybrain_daemon.operator_in(first)
    reply = citybrain_desk.feed.client.login(username, password)
    citybrain_desk.feed.set_operator({k: v for k, v in reply.items() if k != "token"})
    inbox = InboxView(ctx)
    qtbot.addWidget(inbox)
    qtbot.waitUntil(lambda: inbox.current_unit() == first, timeout=10_000)
    citybrain_daemon.client(login="admin").command("operators.unit", {"username": username, "unit": second}).result(10)
    qtbot.waitUntil(lambda: inbox.current_unit() == second, timeout=10_000)  # told by the daemon, no new login
    assert ctx.operator["unit"] == second


def test_the_inbox_announces_a_new_case_for_its_unit_and_acts_on_it(citybrain_desk, compound, qtbot):
    ctx = citybrain_desk.context("cases")
    inbox = InboxView(ctx)
    qtbot.addWidget(inbox)
    district = next(u for u in ctx.records("org.units") if u["kind"] == "district")
    assert inbox.current_unit() == district["code"]  # a district desk opens on the district's inbox
    inbox.restore_settings({"unit": compound["property_company"]})
    assert inbox.table.empty.text() and inbox.names.unit(compound["property_company"]) in inbox.table.empty.text()
    assert inbox.current_unit() == compound["property_company"]
    case = _open(citybrain_desk, compound["code"])
    qtbot.waitUntil(
        lambda: any(r["id"] == case["id"] for r in map(inbox.model.record_at, range(inbox.model.rowCount()))),
        timeout=10_000,
    )
    history = citybrain_desk.notifier.history
    qtbot.waitUntil(lambda: any(f"#{case['id']}" in note.text for note in history), timeout=10_000)
    assert next(note for note in history if f"#{case['id']}" in note.text).level == "alarm"  # an urgent case rings
    assert all(inbox.model.record_at(r)["owner"] == compound["property_company"] for r in range(inbox.model.rowCount()))
    assert inbox.history.count() == 0 and inbox.history.hint  # says what to do until a case is selected
    row = next(r for r in range(inbox.model.rowCount()) if inbox.model.record_at(r)["id"] == case["id"])
    inbox.table.view.selectRow(row)
    assert inbox.case_actions.buttons["accept"].isEnabled() and not inbox.case_actions.buttons["close"].isEnabled()
    qtbot.waitUntil(lambda: inbox.history.count() == 3, timeout=10_000)  # the case's detail; open, dispatch
    detail = inbox.history.item(0).text()
    assert f"#{case['id']}" in detail and inbox.names.case_type("XQ-01") in detail and "XQ-01" not in detail
    opened = inbox.history.item(1).text()
    assert re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d  ", opened) and action_name("open") in opened  # local time, words
    inbox.case_actions.buttons["reject"].click()
    # nothing sent without one
    qtbot.waitUntil(lambda: "needs a reason" in inbox.case_actions.message.text(), timeout=5_000)
    assert ctx.record("cases.open", case["id"])["state"] == "dispatched"
    inbox.case_actions.buttons["accept"].click()
    qtbot.waitUntil(lambda: ctx.record("cases.open", case["id"])["state"] == "accepted", timeout=10_000)
    assert inbox.save_settings()["unit"] == compound["property_company"]


def answer_chooser(keys: list[Qt.Key], seen: list[tuple[str, list[str], bool]]) -> None:
    """When the unit chooser comes up: note the unit it proposes and those it offers, then press ``keys``."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from citybrain.plugins.cases.chooser import UnitChooser

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, UnitChooser):
            QTimer.singleShot(20, answer)
            return
        units = box.units
        seen.append(
            (
                units.currentItem().text().split(" · ")[0],
                [units.item(i).text().split(" · ")[0] for i in range(units.count())],
                box.focusWidget() is box.filter,
            )
        )
        for key in keys:  # into the filter box the chooser opens with the focus in
            QTest.keyClick(box.filter, key)

    QTimer.singleShot(0, answer)


def test_a_reported_case_waits_new_for_the_dispatcher_and_is_dispatched_by_key(citybrain_desk, compound, qtbot):
    ctx = citybrain_desk.context("cases")
    inbox = InboxView(ctx)
    qtbot.addWidget(inbox)
    hosted(inbox, "cases.inbox", citybrain_desk, qtbot)
    district = next(u["code"] for u in ctx.records("org.units") if u["kind"] == "district")
    inbox.set_unit(district)
    case = _open(citybrain_desk, compound["code"], "high", source="patrol", dispatch=False)
    assert case["state"] == "new" and case["owner"] is None
    qtbot.waitUntil(lambda: case["id"] in {r["id"] for r in rows(inbox)}, timeout=10_000)
    assert all(r["owner"] in (district, None) for r in rows(inbox))
    inbox.table.view.setFocus()
    inbox.table.view.selectRow(next(i for i, r in enumerate(rows(inbox)) if r["id"] == case["id"]))
    buttons = inbox.case_actions.buttons
    company = inbox.names.unit(compound["property_company"])
    assert buttons["dispatch"].isEnabled() and company in buttons["dispatch"].toolTip()  # the suggested unit
    assert not buttons["accept"].isEnabled()  # and says why, in words
    assert buttons["accept"].toolTip() == f"Accept needs a case that is dispatched; #{case['id']} is new"
    seen: list[tuple[str, list[str], bool]] = []
    answer_chooser([Qt.Key.Key_Escape], seen)  # Esc: the case stays new, here
    qtbot.keyClick(inbox.table.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "nothing changed" in inbox.case_actions.message.text(), timeout=10_000)
    suggested, offered, focused = seen[0]
    assert focused and suggested == company and offered[0] == company  # the suggested unit preselected, by name
    chain = [inbox.names.unit(code) for code in case["chain"]]
    assert offered[: len(chain)] == chain and not any(code in " ".join(offered) for code in case["chain"])
    assert ctx.record("cases.open", case["id"])["state"] == "new"
    committee = case["chain"][1]  # the dispatcher chooses the next unit down the list: the residents' committee
    qtbot.waitUntil(inbox.table.view.hasFocus, timeout=5_000)  # back in the table: the next key acts in the view
    answer_chooser([Qt.Key.Key_Down, Qt.Key.Key_Return], seen)
    qtbot.keyClick(inbox.table.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: inbox.case_actions.message.kind == "done", timeout=10_000)
    assert (
        f"#{case['id']}" in inbox.case_actions.message.text()
        and inbox.names.unit(committee) in inbox.case_actions.message.text()
    )
    qtbot.waitUntil(lambda: case["id"] not in {r["id"] for r in rows(inbox)}, timeout=10_000)  # gone to the committee
    assert ctx.record("cases.open", case["id"])["owner"] == committee
    company = inbox.names.unit(committee)
    assert inbox.selected() == [] and inbox.history.count() == 0  # nothing left acting on a case not shown
    assert not any(b.isEnabled() for b in buttons.values()) and buttons["accept"].toolTip()
    assert inbox.table.view.hasFocus()  # back where the operator works
    company_inbox = InboxView(ctx)
    qtbot.addWidget(company_inbox)
    company_inbox.set_unit(committee)
    qtbot.waitUntil(lambda: case["id"] in {r["id"] for r in rows(company_inbox)}, timeout=10_000)
    company_inbox.table.view.selectRow(next(i for i, r in enumerate(rows(company_inbox)) if r["id"] == case["id"]))
    qtbot.waitUntil(lambda: company_inbox.history.count() == 3, timeout=10_000)  # detail; opened, dispatched
    history = "\n".join(company_inbox.history.item(i).text() for i in range(1, 3))
    assert company in history and committee not in history  # names, not codes
    assert "patrol" in history and action_name("dispatch") in history


def test_a_compound_escalates_what_it_cannot_solve_by_key_with_a_reason(citybrain_desk, compound, qtbot):
    ctx = citybrain_desk.context("cases")
    inbox = InboxView(ctx)
    hosted(inbox, "cases.inbox", citybrain_desk, qtbot)
    inbox.set_unit(compound["property_company"])
    case = _open(citybrain_desk, compound["code"], "high")
    qtbot.waitUntil(lambda: case["id"] in {r["id"] for r in rows(inbox)}, timeout=10_000)
    inbox.table.view.setFocus()
    inbox.table.view.selectRow(next(i for i, r in enumerate(rows(inbox)) if r["id"] == case["id"]))
    assert inbox.case_actions.buttons["escalate"].isEnabled()
    qtbot.keyClick(inbox.table.view, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "needs a reason" in inbox.case_actions.message.text(), timeout=5_000)  # asks, sends nothing
    assert inbox.case_actions.reason.hasFocus() and ctx.record("cases.open", case["id"])["owner"] == case["chain"][0]
    qtbot.keyClicks(inbox.case_actions.reason, "needs the committee")  # QTest types ASCII only
    qtbot.keyClick(inbox.case_actions.reason, Qt.Key.Key_Return)  # Enter in the reason box runs the waiting action
    qtbot.waitUntil(lambda: case["id"] not in {r["id"] for r in rows(inbox)}, timeout=10_000)  # gone up the chain
    record = ctx.record("cases.open", case["id"])
    assert (record["owner"], record["state"], record["escalations"]) == (case["chain"][1], "dispatched", 1)
    qtbot.waitUntil(lambda: inbox.case_actions.reason.text() == "", timeout=10_000)  # cleared once the reply is in


def test_a_plain_operator_may_not_cancel_an_urgent_case_and_the_desk_says_so(
    citybrain_daemon, citybrain_desk, compound, qtbot
):
    from citybrain.core.client import RequestError

    case = _open(citybrain_desk, compound["code"], "urgent")
    operator = citybrain_daemon.client(login="operator", subscribe=False)
    with pytest.raises(RequestError) as refused:
        operator.command("cases.act", {"case": case["id"], "action": "cancel", "reason": "误报"}).result(10)
    assert refused.value.code == "forbidden" and refused.value.details["needs"] == "duty_leader"
    ctx = citybrain_desk.context("cases")
    view = CasesView(ctx)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: case["id"] in {r["id"] for r in rows(view)}, timeout=10_000)
    view.table.view.selectRow(next(i for i, r in enumerate(rows(view)) if r["id"] == case["id"]))
    assert view.case_actions.buttons["cancel"].isEnabled()  # the desk is the duty leader's
    ctx._feed.operator["role"] = "operator"  # as a plain operator's desk sees it
    view.case_actions.update_buttons()
    assert (
        not view.case_actions.buttons["cancel"].isEnabled()
        and "duty leader" in view.case_actions.buttons["cancel"].toolTip()
    )


def test_cancelling_asks_first_naming_the_case_and_no_keeps_it(citybrain_desk, compound, qtbot):
    ctx = citybrain_desk.context("cases")
    view = CasesView(ctx)
    qtbot.addWidget(view)
    hosted(view, "cases.open", citybrain_desk, qtbot)
    case = _open(citybrain_desk, compound["code"], "urgent")
    qtbot.waitUntil(lambda: case["id"] in {r["id"] for r in rows(view)}, timeout=10_000)
    view.table.view.setFocus()
    view.table.view.selectRow(next(i for i, r in enumerate(rows(view)) if r["id"] == case["id"]))
    qtbot.keyClick(view.table.view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "reason" in view.case_actions.message.text(), timeout=5_000)  # asked for the reason first
    assert view.case_actions.reason.hasFocus()
    seen: list[str] = []
    answer_confirmation(False, seen)
    qtbot.keyClicks(view.case_actions.reason, "duplicate")  # QTest types ASCII only
    qtbot.keyClick(view.case_actions.reason, Qt.Key.Key_Return)  # Enter in the reason box goes on with the cancel
    qtbot.waitUntil(lambda: bool(seen), timeout=5_000)
    assert f"#{case['id']}" in seen[0] and "电动自行车进电梯" in seen[0]
    qtbot.waitUntil(lambda: "nothing changed" in view.case_actions.message.text(), timeout=5_000)
    assert ctx.record("cases.open", case["id"])["state"] == "dispatched"
    other = next(i for i, r in enumerate(rows(view)) if r["id"] != case["id"])
    view.table.view.selectRow(other)
    assert view.case_actions.message.text() == ""  # the answer was about the other case


def test_the_board_counts_open_cases_by_level_and_lists_the_escalated(citybrain_desk, compound, qtbot):
    ctx = citybrain_desk.context("cases")
    board = BoardView(ctx)
    qtbot.addWidget(board)
    kinds = {u["code"]: u["kind"] for u in ctx.records("org.units")}

    def counted() -> bool:  # the demo's own deadlines may move cases meanwhile: compare with what the desk holds
        cases = ctx.records("cases.open")
        by_company = sum(1 for c in cases if kinds.get(c["owner"]) == "property_company")
        by_grid = sum(1 for c in cases if kinds.get(c["owner"]) == "grid")
        return (
            case["id"] in {c["id"] for c in cases}
            and board.cards["property_company"].value.text() == str(by_company)
            and by_grid > 0
            and board.cards["grid"].value.text() == str(by_grid)
            and board.overdue.rowCount() == sum(1 for c in cases if c["escalations"] or (c["due_at"] or "~") < now())
        )

    case = _open(citybrain_desk, compound["code"], "low")
    committee = next(u for u in ctx.records("org.units") if u["kind"] == "committee")
    _open(
        citybrain_desk, committee["code"], "low", lon=committee["lon"], lat=committee["lat"]
    )  # its grid's staff own it
    qtbot.waitUntil(counted, timeout=10_000)


def test_the_duty_leader_cancels_several_cases_at_once(citybrain_desk, compound, qtbot):
    ctx = citybrain_desk.context("cases")
    view = CasesView(ctx)
    qtbot.addWidget(view)
    ids = {_open(citybrain_desk, compound["code"], "low")["id"] for _ in range(2)}
    qtbot.waitUntil(
        lambda: ids <= {view.model.record_at(r)["id"] for r in range(view.model.rowCount())}, timeout=10_000
    )
    for r in range(view.model.rowCount()):
        if view.model.record_at(r)["id"] in ids:
            view.table.view.selectionModel().select(
                view.model.index(r, 0),
                view.table.view.selectionModel().SelectionFlag.Select
                | view.table.view.selectionModel().SelectionFlag.Rows,
            )
    assert {c["id"] for c in view.selected()} == ids
    view.case_actions.reason.setText("误报 false alarm")
    seen: list[str] = []
    answer_confirmation(True, seen)
    view.case_actions.buttons["cancel"].click()
    qtbot.waitUntil(lambda: bool(seen), timeout=5_000)
    assert "2" in seen[0]  # it names how many it cancels
    qtbot.waitUntil(lambda: all(ctx.record("cases.open", i) is None for i in ids), timeout=10_000)


def test_the_case_map_shows_every_located_open_case_and_says_what_was_clicked(citybrain_desk, compound, qtbot):
    ctx = citybrain_desk.context("cases")
    view = CaseMapView(ctx)
    qtbot.addWidget(view)
    case = _open(citybrain_desk, compound["code"], "high")

    def drawn() -> set[str]:
        return {p.id for p in view.map._layers["cases"].points}

    qtbot.waitUntil(lambda: str(case["id"]) in drawn(), timeout=10_000)
    assert drawn() == {str(c["id"]) for c in ctx.records("cases.open") if c.get("lat") is not None}
    assert view.map.object_at(compound["lon"], compound["lat"])[0] == "cases"
    view.map.object_clicked.emit("cases", str(case["id"]))
    assert f"#{case['id']}" in view.info.text()
    view.map.set_layer_visible("subdistricts", False)
    again = CaseMapView(ctx)
    qtbot.addWidget(again)
    again.restore_settings({"layers": {"heat": False, **view.save_settings()["layers"]}})  # a layout saved before
    assert again.map.layers() == {
        "boundaries": True,
        "grids": True,
        "subdistricts": False,
        "cases": True,
    }  # no density squares
    grids = ctx.records("cases.grids")  # the demo's generated grids, dashed; a click names one
    assert len(grids) > 100 and len(view.map._layers["grids"].shapes) == len(grids)
    ring = grids[0]["rings"][0]
    inside = (sum(p[0] for p in ring[:-1]) / (len(ring) - 1), sum(p[1] for p in ring[:-1]) / (len(ring) - 1))
    view.map.set_layer_visible("cases", False)
    layer, found = view.map.object_at(*inside)
    view.map.object_clicked.emit(layer, found)
    assert (layer, view.info.text()) == ("grids", grids[0]["name"])


def test_the_case_map_on_the_wall_has_its_legend_and_no_controls(citybrain_desk, compound, qtbot):
    from citybrain.shell.carousel import read_only

    ctx = citybrain_desk.context("cases")
    view = CaseMapView(ctx)
    qtbot.addWidget(view)
    view.resize(1600, 900)
    view.show()
    qtbot.waitUntil(lambda: bool(view.map.points("cases")), timeout=10_000)
    assert view.map.layer_list.isVisible() and view.info.isVisible()  # the desk switches layers, clicks cases
    read_only(view)
    assert not view.map.layer_list.isVisible() and not view.info.isVisible()
    assert view.map.legend.isVisible() and len(view.map.legend_entries) >= 5


def test_a_closed_case_view_hears_nothing_from_the_model_that_outlives_it(citybrain_desk, compound, qtbot):
    """A layout switch deletes the views; their models may live on a while (Python keeps them until collected).
    A change then must not reach the deleted table (it raised 'QTableView already deleted' on every update)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    ctx = citybrain_desk.context("cases")
    view = CasesView(ctx)
    model = view.table.model
    view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    case = _open(citybrain_desk, compound["code"])
    qtbot.waitUntil(lambda: model.row_of(case["id"]) is not None, timeout=10_000)  # the model still took it, silently


def test_the_unit_chooser_narrows_as_the_dispatcher_types(citybrain_desk, compound, qtbot):
    from citybrain.plugins.cases.chooser import UnitChooser
    from citybrain.plugins.cases.display import Names

    ctx = citybrain_desk.context("cases")
    case = _open(citybrain_desk, compound["code"], "low", dispatch=False)
    names = Names(ctx, None)
    chooser = UnitChooser(None, case, names)
    qtbot.addWidget(chooser)
    assert chooser.chosen() == compound["property_company"]  # the suggested unit until another is chosen
    qtbot.keyClicks(chooser.filter, "subdistrict")  # QTest types ASCII: the kind's name narrows to the subdistricts
    shown = [chooser.units.item(i) for i in range(chooser.units.count()) if not chooser.units.item(i).isHidden()]
    assert len(shown) == 8 and names.units[chooser.chosen()]["kind"] == "subdistrict"
    qtbot.keyClick(chooser.filter, Qt.Key.Key_Down)
    assert chooser.chosen() == shown[1].data(Qt.ItemDataRole.UserRole)
    qtbot.keyClicks(chooser.filter, " nothing like it")
    assert chooser.chosen() is None  # Enter then sends nothing: choose_unit answers None
