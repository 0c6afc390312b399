"""The visit form view on a real desk feed over the demo: a resident found, the form filled from what is known,
answered by keyboard, saved with Ctrl+S; the visit reaches the desk's list with the resident's tags after it.
Screenshots in both languages (CITYBRAIN_SHOTS=folder keeps them)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from citybrain.plugins.people.tests import test_desk
from citybrain.plugins.people.tests.test_desk import _chinese, _shoot, _shown
from citybrain.plugins.people.visit_view import VisitView

citybrain_daemon, ctx = test_desk.citybrain_daemon, test_desk.ctx  # the demo's desk feed


def pick(qtbot, combo: QComboBox) -> None:
    """The first answer of a choice not yet answered, by keyboard."""
    combo.setFocus()
    if combo.currentIndex() <= 0:
        qtbot.keyClick(combo, Qt.Key.Key_Down)


def test_a_visit_by_keyboard_changes_the_resident_s_tags(ctx, qtbot) -> None:
    view = _shown(qtbot, VisitView(ctx), 900)
    assert not view.form.isEnabled() and "Select a resident" in view.save_button.toolTip()
    qtbot.waitUntil(lambda: view.visits.model.rowCount() > 100, timeout=30_000)  # the demo's months of visits
    view.text.setFocus()
    qtbot.keyClick(view.text, Qt.Key.Key_Return)  # every resident, by name
    qtbot.waitUntil(lambda: view.found.rowCount() > 0 and view.person is not None, timeout=30_000)
    alone = next(r for r in (view.found.record_at(i) for i in range(view.found.rowCount())) if "独居老人" in r["tags"])
    view.residents.view.selectRow(view.found.row_of(alone["id"]))
    qtbot.waitUntil(lambda: view.person is not None and view.person["id"] == alone["id"], timeout=10_000)
    editors = view.form.editors
    assert view.form.answers()["living_alone"] is True  # known: not asked again
    living = editors["living_alone"].widget
    living.setFocus()
    qtbot.keyClick(living, Qt.Key.Key_Down)  # 是 -> 否: her son moved in
    qtbot.keyClick(living, Qt.Key.Key_Tab)
    assert view.form.focusWidget() is editors["household_size"].widget  # appeared, next in Tab order
    qtbot.keyClicks(editors["household_size"].widget, "2")
    for key in ("self_care", "employment", "house_condition"):
        pick(qtbot, editors[key].widget)
    qtbot.keyClick(editors["house_condition"].widget, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: any(
            v["person"] == alone["id"] and "独居老人" not in v["tags"]
            for v in (view.visits.model.record_at(i) for i in range(view.visits.model.rowCount()))
        ),
        timeout=30_000,
    )
    qtbot.waitUntil(lambda: "visit recorded" in view.commands.message.text(), timeout=10_000)
    assert not view.form.dirty()
    _shoot(view, "people-visit-en")


def test_the_visit_form_in_chinese(ctx, qtbot) -> None:
    with _chinese():
        view = _shown(qtbot, VisitView(ctx), 900)
        view.text.setFocus()
        qtbot.keyClick(view.text, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: view.person is not None, timeout=30_000)
        assert view.form.groups["household"].title() == "家庭情况"
        assert view.save_button.text() == "保存走访（Ctrl+S）"
        _shoot(view, "people-visit.zh_CN")
