"""A shift at the desk, by keyboard only, under a real X server (see conftest.py for how it runs).

The steps run in order on one desk, as a duty officer works through a shift: log in, write the duty log, register
an incident, acknowledge an urgent alarm, shelve another, dispatch and accept a case, refuse to cancel it at the
confirmation, switch layouts and keep the login, plan a benefit visit (应享未享) and record its outcome,
record a resident visit on the one form, push a job seeker their best vacancies, sign the handover.  Each step
waits on the desk's events (the replica, the models, the windows), never on the clock.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox

from citybrain.core.testing import PASSWORDS
from citybrain.plugins.cases.chooser import UnitChooser
from citybrain.plugins.sensors.alarms_view import AlarmsView
from citybrain.widgets import palette

if TYPE_CHECKING:
    from tests.shift.conftest import ShiftDesk

# a step that waits on a dialog nobody answers fails in minutes instead of hanging CI; the first also seeds the demo
pytestmark = [pytest.mark.shift, pytest.mark.timeout(240)]
USER = "duty"
SHIFT: dict[str, int] = {}  # what one step leaves for the next (the incident it registered, the case it accepted)


def logged_in_everywhere(shift) -> bool:  # noqa: ANN001
    """Every desk window's status bar names the operator (a wall window has none)."""
    operator = shift.feed.operator or {}
    name = operator.get("display_name") or operator.get("username")
    bars = [w.statusBar() for w in shift.desk.windows.values() if not w.wall]
    return bool(name) and bool(bars) and all(name in bar.operator.text() for bar in bars)


@pytest.mark.timeout(540)  # seeding the demo on a busy machine (conftest: up to 300 s), then the step
def test_log_in(shift: ShiftDesk) -> None:
    window = shift.desk.windows["desk-left"]
    shift.front(window)
    assert shift.feed.operator is None
    shift.run_command("session.login")
    from citybrain.shell.login import LoginDialog

    shift.wait(lambda: isinstance(QApplication.activeModalWidget(), LoginDialog), "the login dialog")
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, LoginDialog)
    shift.wait(dialog.isActiveWindow, "the login dialog active (it has the keyboard)")
    shift.tab_to(dialog.username)
    shift.type(USER)
    shift.tab_to(dialog.password)
    shift.type(PASSWORDS[USER])
    shift.key(Qt.Key.Key_Return)
    shift.wait(lambda: (shift.feed.operator or {}).get("username") == USER, "the daemon's answer to the login")
    shift.wait(lambda: not dialog.isVisible(), "the login dialog closed")
    shift.wait(lambda: logged_in_everywhere(shift), "every window's status bar names the operator")


def test_add_a_duty_log_entry(shift) -> None:  # noqa: ANN001
    shift.front(shift.window_of("duty.log"))
    view = shift.view("duty.log")
    # filled from the duty board, which the login's resync brings (seconds, with every plugin's collections)
    shift.wait(lambda: view.unit.currentData(), "the log entry's unit box fills from the duty board")
    text = "shift test: patrol reports road clear"
    shift.tab_to(view)
    shift.act("duty.log", "add")
    shift.wait(lambda: shift.focused() is view.text, "the focus on the entry row")
    shift.type(text)
    shift.key(Qt.Key.Key_Return)
    shift.wait(
        lambda: any(r["text"] == text for r in shift.records("duty.log")),
        f"the entry in the duty log (the view says: {view.commands.message.text()!r})",
    )
    entry = next(r for r in shift.records("duty.log") if r["text"] == text)
    assert entry["author"] and entry["unit"]
    shift.wait(lambda: view.text.text() == "", "the entry field cleared after use")


def test_register_an_incident(shift) -> None:  # noqa: ANN001
    from citybrain.plugins.duty.incident_actions import NewIncidentDialog

    shift.front(shift.window_of("duty.incidents"))
    view = shift.view("duty.incidents")
    shift.tab_to(view.table.view)
    kind = "shift test gas leak"

    def fill(dialog: NewIncidentDialog) -> None:
        shift.tab_to(dialog.type)
        shift.type(kind)
        shift.tab_to(dialog.address)
        shift.type("Ouyang Road 100")
        shift.key(Qt.Key.Key_Return)

    handled = shift.on_dialog(NewIncidentDialog, fill, "new incident")
    shift.act("duty.incidents", "new")
    shift.wait(handled, "the new-incident dialog")
    shift.wait(
        lambda: any(r["type"] == kind for r in shift.records("duty.incidents")),
        f"the incident registered (the view says: {view.incident_actions.commands.message.text()!r})",
    )
    SHIFT["incident"] = next(r for r in shift.records("duty.incidents") if r["type"] == kind)["id"]


def _select_row(shift, table, wanted, what: str) -> dict:  # noqa: ANN001
    """With the focus in ``table`` (a DataTable), the arrow keys to the first row ``wanted(record)`` accepts."""
    shift.tab_to(table.view)
    shift.key(Qt.Key.Key_Down)  # a table entered with no current row starts on its first
    for _ in range(table.model.rowCount()):  # up to the first row (Ctrl+Home would move without selecting)
        if table.view.currentIndex().row() <= 0:
            break
        shift.key(Qt.Key.Key_Up)
    if not table.selected():  # the cursor on a row the arrows could not move from (a one-row table): Space
        shift.key(Qt.Key.Key_Space)
    for _ in range(table.model.rowCount() + 1):
        chosen = table.selected()
        if chosen and wanted(chosen[0]):
            return chosen[0]
        shift.key(Qt.Key.Key_Down)
    shown = [table.model.record_at(r).get("id") for r in range(min(table.model.rowCount(), 8))]
    raise AssertionError(
        f"the arrow keys never select {what}: {table.model.rowCount()} rows shown (first ids "
        f"{shown}), the cursor on row {table.view.currentIndex().row()}, focus on "
        f"{type(shift.focused()).__name__}"
    )


def _shown(table) -> list[dict]:  # noqa: ANN001 - DataTable
    return [table.model.record_at(r) for r in range(table.model.rowCount())]


def _open_view(shift, view_id: str, what: str, window: str = "desk-left"):  # noqa: ANN001, ANN202 - the view
    """The view, opened in ``window`` by the palette if no window shows it yet, its window brought to the front."""
    if not any(view_id in w.docks for w in shift.desk.windows.values()):
        shift.front(shift.desk.windows[window])
        shift.run_command(f"view.open:{view_id}")
        shift.wait(lambda: any(view_id in w.docks for w in shift.desk.windows.values()), what)
    shift.front(shift.window_of(view_id))
    return shift.view(view_id)


def _open_alarms(shift) -> AlarmsView:  # noqa: ANN001
    return _open_view(shift, "sensors.alarms", "the alarm view", "desk-right")


def _one_row_per_alarm(shift, view) -> None:  # noqa: ANN001
    """A flood groups the list (a row per compound and condition); its key shows one row per alarm again."""
    if view.grouped.isChecked():
        shift.tab_to(view)
        shift.act("sensors.alarms", "group")
        shift.wait(lambda: not view.grouped.isChecked(), "the alarms listed one by one")


def test_acknowledge_an_urgent_alarm_with_a_comment_and_it_stays_marked_active(shift) -> None:  # noqa: ANN001
    view = _open_alarms(shift)
    _one_row_per_alarm(shift, view)

    def urgent_waiting() -> bool:  # in the list the district operator sees
        return any(a["priority"] == "urgent" and a["state"] == "unack" for a in _shown(view.table))

    if not urgent_waiting():  # the simulator runs at field rates: a smoke detector in the district reports smoke
        smoke = next(
            d
            for d in shift.records("sensors.devices")
            if d["type"] == "SMK" and not any(a["device"] == d["id"] for a in shift.records("sensors.alarms"))
        )
        shift.device_reports(smoke, "smoke")
        shift.wait(
            urgent_waiting,
            lambda: (
                "an urgent alarm waiting; the alarms now (priority, state): "
                f"{Counter((a['priority'], a['state']) for a in shift.records('sensors.alarms'))}"
            ),
            timeout=60_000,
        )
    alarm = _select_row(
        shift,
        view.table,
        lambda a: a["priority"] == "urgent" and a["state"] == "unack",
        "an urgent unacknowledged alarm",
    )
    comment = "shift test: crew sent to check the smoke"
    shift.act("sensors.alarms", "comment")
    shift.wait(lambda: shift.focused() is view.comment, "the focus on the comment box")
    shift.type(comment)
    shift.act("sensors.alarms", "ack")
    shift.wait(
        lambda: (shift.record("sensors.alarms", alarm["id"]) or {}).get("state") == "ack",
        f"alarm {alarm['id']} acknowledged (the view says: {view.commands.message.text()!r})",
    )
    assert shift.record("sensors.alarms", alarm["id"])["comment"] == comment

    def first_cell(role: Qt.ItemDataRole) -> object:
        """The alarm's first cell as the view shows it now (its row moves as other alarms change)."""
        row = view.model.row_of(alarm["id"])
        assert row is not None, "the acknowledged, still active alarm left the list"
        return view.model.data(view.model.index(row, 0), role)

    assert view.model.row_of(alarm["id"]) is not None, "the acknowledged, still active alarm left the list"
    shift.wait(
        lambda: first_cell(Qt.ItemDataRole.DecorationRole) is not None,
        "the acknowledged alarm keeps its marker (it is still active)",
    )
    shift.wait(
        lambda: not first_cell(Qt.ItemDataRole.FontRole),
        lambda: (
            "the acknowledged alarm no longer bold (waiting) in the view, as the record says: "
            f"{shift.record('sensors.alarms', alarm['id'])}"
        ),
    )
    icon = first_cell(Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon), f"the alarm's first cell has no marker icon: {icon!r}"
    assert icon.cacheKey() == palette.marker_icon("urgent", "steady").cacheKey(), "its marker is not urgent, steady"
    shift.wait(lambda: view.comment.text() == "", "the comment box cleared for the next alarm")


def test_shelve_an_alarm_with_a_reason(shift) -> None:  # noqa: ANN001
    view = _open_alarms(shift)
    active = ("unack", "rtn_unack", "ack")  # any alarm still shown may be shelved, a non-urgent one first
    _one_row_per_alarm(shift, view)
    shift.wait(lambda: any(a["state"] in active for a in _shown(view.table)), "an alarm to shelve in the list")
    others = [a for a in _shown(view.table) if a["state"] in active and a["priority"] != "urgent"]
    alarm = _select_row(
        shift,
        view.table,
        lambda a: a["state"] in active and (not others or a["priority"] != "urgent"),
        "an alarm to shelve",
    )
    reason = "shift test: sensor under repair"
    shift.act("sensors.alarms", "comment")
    shift.wait(lambda: shift.focused() is view.comment, "the focus on the comment box")
    shift.type(reason)
    asked = shift.on_dialog(QMessageBox, shift.go_ahead, "shelve the urgent alarm?")
    shift.act("sensors.alarms", "shelve")
    if alarm["priority"] == "urgent":
        shift.wait(asked, "a confirmation before shelving an urgent alarm")
    shift.wait(
        lambda: (shift.record("sensors.alarms", alarm["id"]) or {}).get("state") == "shelved",
        f"alarm {alarm['id']} shelved (the view says: {view.commands.message.text()!r})",
    )
    assert shift.record("sensors.alarms", alarm["id"])["comment"] == reason


def _new_case(shift) -> dict | None:  # noqa: ANN001
    return next((c for c in shift.records("cases.open") if c["state"] == "new"), None)


def test_dispatch_and_accept_a_case(shift) -> None:  # noqa: ANN001
    incidents = shift.view("duty.incidents")
    if _new_case(shift) is None and "incident" in SHIFT:  # a case for the incident registered, as a person reports it
        shift.front(shift.window_of("duty.incidents"))
        _select_row(shift, incidents.table, lambda r: r["id"] == SHIFT["incident"], "the incident registered")

        def first_type(dialog: QInputDialog) -> None:
            shift.key(Qt.Key.Key_Return)

        handled = shift.on_dialog(QInputDialog, first_type, "case type")
        shift.press_button(incidents.incident_actions.buttons["case"])
        shift.wait(handled, "the case-type question")
        ref = f"duty.incidents/{SHIFT['incident']}"
        shift.wait(
            lambda: any(c.get("source_ref") == ref for c in shift.records("cases.open")),
            f"the incident's case (the view says: {incidents.incident_actions.commands.message.text()!r})",
        )
    case = _new_case(shift)
    assert case is not None, "no case waits to be dispatched: every case arrives dispatched already"
    shift.front(shift.window_of("cases.open"))
    view = shift.view("cases.open")
    shift.tab_to(view.table.filter)
    shift.type(str(case["id"]))
    _select_row(shift, view.table, lambda c: c["id"] == case["id"], f"case {case['id']}")
    chosen: list[str] = []

    def take_the_suggested_unit(chooser: UnitChooser) -> None:
        chosen.append(chooser.units.currentItem().text())
        shift.key(Qt.Key.Key_Return)  # the case's own unit is preselected: Enter sends it there

    handled = shift.on_dialog(UnitChooser, take_the_suggested_unit, "dispatch to which unit?")
    shift.act("cases.open", "dispatch")
    shift.wait(handled, "the unit chooser when dispatching")
    shift.wait(
        lambda: (shift.record("cases.open", case["id"]) or {}).get("state") == "dispatched",
        lambda: (
            f"case {case['id']} dispatched (the view says: {view.case_actions.message.text()!r}; the desk "
            f"said last: {shift.said()!r})"
        ),
    )
    shift.wait(
        lambda: [(c["id"], c["state"]) for c in view.table.selected()] == [(case["id"], "dispatched")],
        "the case still selected, shown dispatched",
    )
    shift.act("cases.open", "accept")
    shift.wait(
        lambda: (shift.record("cases.open", case["id"]) or {}).get("state") == "accepted",
        lambda: (
            f"case {case['id']} accepted (the view says: {view.case_actions.message.text()!r}; the desk "
            f"said last: {shift.said()!r})"
        ),
    )
    SHIFT["case"] = case["id"]


def test_refuse_to_cancel_a_case_at_its_confirmation(shift) -> None:  # noqa: ANN001
    assert "case" in SHIFT, "no case was accepted in the step before"
    case_id = SHIFT["case"]
    shift.front(shift.window_of("cases.open"))
    view = shift.view("cases.open")
    _select_row(shift, view.table, lambda c: c["id"] == case_id, f"case {case_id}")
    shift.tab_to(view.case_actions.reason)
    shift.type("shift test: reported twice")
    asked: list[str] = []

    def keep(box: QMessageBox) -> None:
        asked.append(box.text())
        shift.key(Qt.Key.Key_Return)  # the default answer keeps the case

    handled = shift.on_dialog(QMessageBox, keep, "cancel the case?")
    shift.act("cases.open", "cancel")
    shift.wait(handled, "a confirmation before cancelling the case")
    assert str(case_id) in asked[0] or shift.record("cases.open", case_id)["title"] in asked[0], (
        f"the confirmation does not name the case: {asked[0]!r}"
    )
    shift.wait(lambda: QApplication.activeModalWidget() is None, "the confirmation closed")
    history = shift.feed.client.query("cases.history", {"case": case_id}).result(10)["result"]
    assert [s["action"] for s in history if s["action"] == "cancel"] == []
    assert shift.record("cases.open", case_id)["state"] == "accepted"


def test_switch_layouts_and_the_login_stays_in_every_window(shift) -> None:  # noqa: ANN001
    shift.front(shift.desk.windows["desk-left"])
    shift.run_command("layout.switch:video-wall")
    shift.wait(lambda: shift.desk.layout.name == "video-wall" and "wall" in shift.desk.windows, "the wall layout")
    assert (shift.feed.operator or {}).get("username") == USER
    shift.front(shift.desk.windows["wall"])
    shift.run_command("layout.switch:duty-desk")
    shift.wait(
        lambda: shift.desk.layout.name == "duty-desk" and "desk-right" in shift.desk.windows,
        "the duty-desk layout again",
    )
    shift.wait(lambda: logged_in_everywhere(shift), "every window's status bar names the operator after the switch")
    shift.front(shift.desk.windows["desk-right"])
    before = len(shift.desk.windows)
    shift.run_command("window.new")
    shift.wait(lambda: len(shift.desk.windows) == before + 1, "a new window")
    shift.wait(lambda: logged_in_everywhere(shift), "the new window's status bar names the operator")
    lefts = [w.geometry().topLeft() for w in shift.desk.windows.values() if not w.isMaximized()]
    assert len(set(map(tuple, ((p.x(), p.y()) for p in lefts)))) == len(lefts), "windows stacked exactly on each other"


def test_plan_a_benefit_visit_and_record_its_outcome(shift) -> None:  # noqa: ANN001
    """应享未享: a resident who qualifies for a benefit and receives none gets a committee visit, then its outcome."""
    view = _open_view(shift, "people.unmet", "the 应享未享 view")
    shift.wait(lambda: view.model.rowCount() > 0, lambda: f"the residents who miss a benefit ({view.found.text()!r})")
    hit = _select_row(
        shift, view.table, lambda h: not h.get("task") and not h.get("flagged"), "a hit with no visit planned"
    )
    shift.wait(lambda: view.plan_button.isEnabled(), "the plan button enabled for the hit")
    shift.act("people.unmet", "plan")

    def shown() -> dict:
        row = view.model.row_of(hit["key"])
        return {} if row is None else view.model.record_at(row)

    shift.wait(
        lambda: shown().get("task") is not None,
        lambda: f"the visit planned (the view says: {view.commands.message.text()!r})",
    )
    shift.act("people.unmet", "outcome")  # Ctrl+R: the focus goes to what the visit found
    shift.wait(lambda: shift.focused() is view.reason, "the focus on the visit's finding")
    shift.key(Qt.Key.Key_Backtab)  # back to the outcome: "applied" is the first
    assert shift.focused() is view.outcome, f"Shift+Tab from the finding reaches {type(shift.focused()).__name__}"
    assert view.outcome.currentData() == "applied"
    shift.key(Qt.Key.Key_Tab)
    shift.type("shift test: the daughter applies for her at the committee")
    shift.key(Qt.Key.Key_Return)
    shift.wait(
        lambda: shown().get("outcome") == "applied",
        lambda: f"the outcome recorded (the view says: {view.commands.message.text()!r})",
    )


def test_record_a_resident_visit_on_the_one_form(shift) -> None:  # noqa: ANN001
    """化百表为一表: a resident found by name, the form reached by key, saved; each refusal focuses the wrong field."""
    view = _open_view(shift, "people.visits", "the visits view")
    shift.tab_to(view.residents.view)  # the focus inside the view, for its keys
    shift.act("people.visits", "search")
    assert shift.focused() is view.text, f"Ctrl+F focuses {type(shift.focused()).__name__}"
    shift.key(Qt.Key.Key_Return)  # nothing typed: the first residents of the unit
    shift.wait(lambda: view.found.rowCount() > 0, "the residents found")
    person = _select_row(shift, view.residents, lambda r: r["age"] >= 60, "a resident of 60 or more")
    shift.wait(lambda: view.person is not None and view.person["id"] == person["id"], "the resident's sheet open")
    before = {r["id"] for r in shift.records("people.visits")}
    shift.act("people.visits", "form")
    refusals = 0
    for _ in range(12):  # Ctrl+S; a refused save focuses the first field still wrong: answer it, save again
        shift.press("Ctrl+S")
        if not view.form.errors():
            break
        refusals += 1
        field = next(k for k in view.form.errors())
        shift.wait(lambda f=field: shift.focused() in view.form.editors[f].focusables(), f"the focus on {field}")
        if isinstance(shift.focused(), QLineEdit):
            shift.type("shift test: the stair rail is loose")
        else:
            shift.key(Qt.Key.Key_Down)  # the first answer offered
    assert refusals, "the form saved at once: the test never saw a refusal focus a field"
    shift.wait(
        lambda: any(r["person"] == person["id"] for r in shift.records("people.visits") if r["id"] not in before),
        lambda: f"the visit recorded (the view says: {view.commands.message.text()!r})",
    )


def test_push_a_seeker_the_best_vacancies_in_reach(shift) -> None:  # noqa: ANN001
    """一键人岗匹配: a seeker found, their matches inside the 15-minute circle shown, the best pushed by key."""
    view = _open_view(shift, "jobs.matching", "the matching view")
    shift.tab_to(view.seeker_table.view)  # the focus inside the view, for its keys
    shift.act("jobs.matching", "search")
    assert shift.focused() is view.text, f"Ctrl+F focuses {type(shift.focused()).__name__}"
    shift.key(Qt.Key.Key_Return)  # nothing typed: the first seekers of the unit
    shift.wait(lambda: view.seekers.rowCount() > 0, lambda: f"the seekers found ({view.found.text()!r})")
    shift.tab_to(view.seeker_table.view)
    shift.key(Qt.Key.Key_Down)
    for _ in range(min(view.seekers.rowCount(), 20)):  # down the list to a seeker with a vacancy in reach
        chosen = view.seeker_table.selected()
        shift.wait(
            lambda c=chosen: (
                bool(c)
                and view.selected is not None
                and view.selected["id"] == c[0]["id"]
                and bool(view.heading.text())
            ),
            "the selected seeker's matches",
        )
        if view.rows:
            break
        shift.key(Qt.Key.Key_Down)
    assert view.rows, "none of the first seekers has a vacancy inside their circle"
    seeker = view.selected["id"]
    office = shift.daemon.client(USER, subscribe=False)  # the daemon's own record of the seeker's pushes

    def pushes() -> int:
        return len(office.query("jobs.pushes", {"seeker": seeker}).result(60)["result"])

    before = pushes()
    shift.wait(lambda: view.push_button.isEnabled(), "the push enabled for the seeker")
    shift.act("jobs.matching", "push")
    shift.wait(
        lambda: pushes() > before, lambda: f"the push recorded (the view says: {view.commands.message.text()!r})"
    )
    shift.wait(lambda: "pushed" in view.commands.message.text(), "the view's answer where the push was given")


def test_sign_a_handover(shift) -> None:  # noqa: ANN001
    view = _open_view(shift, "duty.handover", "the handover view")
    shift.wait(lambda: view.outgoing.count() > 0, "the people on duty")
    before = {r["id"] for r in shift.records("duty.handovers")}
    shift.tab_to(view.notes)
    shift.type("shift test: gas leak on Ouyang Road handed over")
    shift.act("duty.handover", "draft")
    shift.wait(
        lambda: {r["id"] for r in shift.records("duty.handovers")} - before,
        f"the handover draft (the view says: {view.commands.message.text()!r})",
    )
    (draft,) = {r["id"] for r in shift.records("duty.handovers")} - before
    shift.wait(lambda: view.model.row_of(draft) is not None, "the draft in the view's table")
    if (view.selected() or {}).get("id") != draft:
        _select_row(shift, view.table, lambda r: r["id"] == draft, f"the new draft {draft}")
    signed = shift.on_dialog(QMessageBox, shift.go_ahead, "sign the handover?")
    shift.act("duty.handover", "sign")
    shift.wait(signed, "the question before signing")
    shift.wait(
        lambda: (shift.record("duty.handovers", draft) or {}).get("state") == "submitted",
        f"the handover signed and submitted (the view says: {view.commands.message.text()!r})",
    )
