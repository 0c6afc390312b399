"""The form widget, driven by the keyboard on real Qt widgets: Tab goes field by field, a condition shows and hides
a field as answers change, errors are shown by their field, Enter and Ctrl+S save only a valid form, Esc asks
before discarding changes."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMessageBox

from citybrain.core.api import bundled, load_form
from citybrain.widgets import FormView

FORM = load_form(
    """
[form]
id = "t"
title = "测试"
title_en = "Test"
context = ["birth_date"]
[[sections]]
key = "s"
title = "节"
[[sections.fields]]
key = "alone"
label = "独居"
label_en = "Lives alone"
type = "bool"
required = true
known = "living_alone"
[[sections.fields]]
key = "size"
label = "人数"
label_en = "People"
type = "int"
min = 1
max = 20
show_when = "not alone"
[[sections.fields]]
key = "contact"
label = "联系人"
label_en = "Contact"
type = "text"
required = true
show_when = "age(birth_date) >= 60 and alone"
"""
)
OLD = {"birth_date": "1950-01-01", "living_alone": False}


def make(qtbot) -> FormView:
    view = FormView(FORM)
    qtbot.addWidget(view)
    view.set_known(OLD)
    view.show()
    qtbot.waitExposed(view)
    return view


def shown(view: FormView, key: str) -> bool:
    return view.editors[key].widget.isVisibleTo(view)


def test_known_answers_fill_the_form_and_a_condition_follows_the_answers(qtbot) -> None:
    view = make(qtbot)
    assert view.answers() == {"alone": False}  # known: not asked again
    assert shown(view, "size") and not shown(view, "contact")
    alone = view.editors["alone"].widget
    assert isinstance(alone, QComboBox)
    alone.setFocus()
    qtbot.keyClick(alone, Qt.Key.Key_Up)  # 否 -> 是
    assert view.answers()["alone"] is True
    assert shown(view, "contact") and not shown(view, "size")
    assert view.dirty()  # changed from what was known


def test_tab_moves_field_by_field_and_a_wrong_answer_is_marked_by_its_field(qtbot) -> None:
    view = make(qtbot)
    view.editors["alone"].widget.setFocus()
    qtbot.keyClick(view.editors["alone"].widget, Qt.Key.Key_Tab)
    size = view.editors["size"].widget
    assert isinstance(size, QLineEdit) and view.focusWidget() is size
    qtbot.keyClicks(size, "40")
    marker = view.markers["size"]
    assert marker.isVisible() and marker.text() == "between 1 and 20"
    qtbot.keyClick(size, Qt.Key.Key_Return)  # Enter saves: refused, the field keeps the focus
    with qtbot.assertNotEmitted(view.submitted):
        qtbot.keyClick(size, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert view.focusWidget() is size
    size.clear()
    qtbot.keyClicks(size, "3")
    assert not marker.isVisible()
    with qtbot.waitSignal(view.submitted) as sent:
        qtbot.keyClick(size, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert sent.args == [{"alone": False, "size": 3}]


def test_a_required_field_that_appears_is_asked_for_on_enter(qtbot) -> None:
    view = make(qtbot)
    alone = view.editors["alone"].widget
    alone.setFocus()
    qtbot.keyClick(alone, Qt.Key.Key_Up)
    with qtbot.assertNotEmitted(view.submitted):
        qtbot.keyClick(alone, Qt.Key.Key_Return)
    contact = view.editors["contact"].widget
    assert view.markers["contact"].text() == "required"
    assert view.focusWidget() is contact
    qtbot.keyClicks(contact, "Zhang San 13800000000")
    with qtbot.waitSignal(view.submitted) as sent:
        qtbot.keyClick(contact, Qt.Key.Key_Return)
    assert sent.args == [{"alone": True, "contact": "Zhang San 13800000000"}]


def answer_box(button: QMessageBox.StandardButton | None) -> None:
    """Press a button of the question Esc opens (real QMessageBox: a modal loop)."""
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    if button is None:
        next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole).click()
    else:
        box.button(button).click()


def test_esc_asks_before_discarding_changes(qtbot) -> None:
    view = make(qtbot)
    size = view.editors["size"].widget
    assert isinstance(size, QLineEdit)
    size.setFocus()
    qtbot.keyClicks(size, "4")
    QTimer.singleShot(0, lambda: answer_box(QMessageBox.StandardButton.Cancel))
    qtbot.keyClick(size, Qt.Key.Key_Escape)
    assert size.text() == "4"  # kept
    QTimer.singleShot(0, lambda: answer_box(None))
    with qtbot.waitSignal(view.discarded):
        qtbot.keyClick(size, Qt.Key.Key_Escape)
    assert size.text() == "" and view.answers() == {"alone": False}


def test_esc_on_an_unchanged_form_asks_nothing(qtbot) -> None:
    view = make(qtbot)
    view.ask_discard = lambda: (_ for _ in ()).throw(AssertionError("asked"))
    with qtbot.waitSignal(view.discarded):
        qtbot.keyClick(view.editors["size"].widget, Qt.Key.Key_Escape)


def test_the_resident_visit_form_renders_every_section(qtbot) -> None:
    visit = load_form(bundled("citybrain.configs", "people", "visit_form.toml").read_text(encoding="utf-8"))
    view = FormView(visit)
    qtbot.addWidget(view)
    view.set_known({"birth_date": "1990-01-01", "employment": "unemployed"})
    assert len(view.editors) == len(visit.fields)
    assert shown(view, "job_wish") and not shown(view, "self_care")  # unemployed, 36 years old
    assert not view.groups["elderly"].isVisibleTo(view)  # no field of the section shown: the section hides


def test_ctrl_s_in_a_choice_box_saves_the_form_not_the_desk_s_layout(qtbot) -> None:
    from PySide6.QtGui import QKeySequence, QShortcut
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    window = QWidget()  # the desk: its own Ctrl+S ("Save layout") on the window
    qtbot.addWidget(window)
    view = FormView(FORM)
    QVBoxLayout(window).addWidget(view)
    layout_saved = []
    QShortcut(QKeySequence("Ctrl+S"), window).activated.connect(lambda: layout_saved.append(True))
    view.set_known(OLD)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    alone = view.editors["alone"].widget
    alone.setFocus()
    with qtbot.waitSignal(view.submitted) as sent:
        qtbot.keyClick(alone, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert sent.args == [{"alone": False}] and layout_saved == []
