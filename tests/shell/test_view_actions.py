"""A view's actions are the desk's commands: keys inside the view, palette entries, rebindable, focus kept."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence

from citybrain.shell.desk import Desk
from citybrain.shell.feed import DeskFeed
from citybrain.shell.layouts import Layout, ViewPlacement, WindowLayout
from citybrain.shell.plugins import desk_plugin_host
from citybrain.shell.viewhost import ViewFrame

VIEW = "test.actions"


@pytest.fixture
def settings(tmp_path):
    """QSettings of this test only: the operator's shortcuts are not touched."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield
    QSettings.setDefaultFormat(QSettings.Format.NativeFormat)


@pytest.fixture
def desk(qtbot, store, settings):
    """A desk with the test plugin's view open; no daemon is needed for what a view's keys do (its feed is never
    started: the views show as stale)."""
    host = desk_plugin_host()
    host.register("test", "action_view")
    desk = Desk(DeskFeed("tcp://127.0.0.1:9"), host, store)
    desk.apply(Layout("t", windows=[WindowLayout("desk-main", state="normal", views=[ViewPlacement(VIEW)])]))
    window = desk.active_window()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    yield desk
    desk.shutdown()


def frame_of(desk: Desk) -> ViewFrame:
    return next(f for w in desk.windows.values() for f in w.findChildren(ViewFrame) if f.view_id == VIEW)


def test_a_key_runs_the_action_on_the_selection_and_focus_returns_to_the_table(desk, qtbot):
    view = frame_of(desk).content
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    qtbot.keyClick(view.table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert view.marked == [1] or view.marked == [2]
    assert view.marked == [view.table.currentRow()]
    assert view.table.hasFocus()
    view.comment.setFocus()  # acting from the comment box: the focus then goes back to the table
    qtbot.keyClick(view.comment, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(view.marked) == 2 and view.table.hasFocus()


def test_an_action_that_puts_the_focus_somewhere_keeps_it_there(desk, qtbot):
    view = frame_of(desk).content
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert view.comment.hasFocus()  # the entry the action opened, ready to type into
    view.comment.setText("on site")
    view.comment.setCursorPosition(2)
    qtbot.keyClick(view.comment, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert view.comment.hasFocus()  # pressed again where it puts the focus (Ctrl+F in the search box): stays there
    qtbot.keyClicks(view.comment, "x")
    assert view.comment.text() == "onx site"  # typing goes on where it was


def test_the_key_works_only_inside_its_view(desk, qtbot):
    view = frame_of(desk).content
    window = desk.active_window()
    window.menuBar().setFocus()
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert view.marked == []


def test_a_disabled_action_is_shown_so_and_says_why_where_the_operator_is(desk, qtbot):
    view = frame_of(desk).content
    commands = {c.id: c for c in desk.commands.all()}
    never = commands[f"view:{VIEW}/never"]
    assert never.title == "Actions: Never" and not never.enabled and never.shortcut == "Ctrl+Shift+J"
    assert commands[f"view:{VIEW}/mark"].enabled
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert view.marked == [] and view.commands.message.text() == "“Never” is not possible now: the test never allows it"
    palette = desk.commands.show_palette()
    palette.query.setText("Never")
    assert "not possible now" in palette.list.item(0).text()
    palette.close()


def test_the_palette_runs_it_on_the_view_and_opens_the_view_when_none_is_open(desk, qtbot):
    view = frame_of(desk).content
    view.table.setCurrentCell(2, 0)
    palette = desk.commands.show_palette()
    qtbot.keyClicks(palette.query, "Actions: Mark")
    assert palette.matches()[0] == f"view:{VIEW}/mark"
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    assert view.marked == [2]
    for window in desk.windows.values():  # close the view: the palette still offers its actions
        window.docks[VIEW].close()
    qtbot.waitUntil(lambda: not any(w.findChildren(ViewFrame) for w in desk.windows.values()))
    assert f"view:{VIEW}/mark" in {c.id for c in desk.commands.all()}
    assert desk.commands.run_view_action(VIEW, "mark")
    assert frame_of(desk).content.marked == [frame_of(desk).content.table.currentRow()]


def test_the_shortcut_editor_rebinds_it_with_the_conflict_check(desk, qtbot):
    dialog = desk.commands.edit_shortcuts()
    edit = dialog.edits[f"view:{VIEW}/mark"]
    edit.setKeySequence("Ctrl+K")  # the palette's key: everywhere, so it would clash with the view's
    dialog.save()
    assert "Ctrl+K" in dialog.error.text() and dialog.isVisible()
    edit.setKeySequence("Ctrl+Shift+U")
    dialog.save()
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: any(w.findChildren(ViewFrame) for w in desk.windows.values()))
    desk.active_window().activateWindow()
    qtbot.waitUntil(lambda: desk.active_window().isActiveWindow())
    view = frame_of(desk).content  # rebuilt with the new key
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(view.marked) == 1


def test_after_an_action_that_waits_the_focus_is_back_on_the_table(desk, qtbot, citybrain_desk_loop):
    view = frame_of(desk).content
    view.table.setCurrentCell(1, 0)
    view.comment.setFocus()  # sent from the comment box, as an acknowledgement with its comment is
    qtbot.keyClick(view.comment, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: view.marked == [1])
    qtbot.waitUntil(view.table.hasFocus)


def test_a_view_opened_from_the_palette_has_the_keyboard(desk, qtbot):
    """Opened (or raised, when it is open already) by its palette entry: the keys go to its table at once, not to
    wherever the focus was before (the status bar's badge, many Tabs away)."""
    window = desk.active_window()
    for w in desk.windows.values():
        w.docks[VIEW].close()
    qtbot.waitUntil(lambda: not any(w.findChildren(ViewFrame) for w in desk.windows.values()))
    for _ in range(2):  # opened, then raised
        window.menuBar().setFocus()
        palette = desk.commands.show_palette()
        qtbot.keyClicks(palette.query, f"Open view: {VIEW}")
        assert palette.matches()[0] == f"view.open:{VIEW}"
        qtbot.keyClick(palette.query, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: any(w.findChildren(ViewFrame) for w in desk.windows.values()))
        view = frame_of(desk).content
        qtbot.waitUntil(lambda view=view: window.isActiveWindow() and view.table.hasFocus())
        row = view.table.currentRow()
        qtbot.keyClick(view.table, Qt.Key.Key_Down)  # the arrows move in it
        assert view.table.currentRow() == row + 1


def test_the_focus_goes_to_the_collection_table_not_a_pane_made_before_it(qtbot):
    """The case inbox makes its history pane (a list) before its cases' table: the table is where the keys go."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from citybrain.widgets import DataTable, HintList
    from citybrain.widgets.collection_model import CollectionTableModel, Column

    content = QWidget()
    history = HintList("Select a case to see what has been done with it")
    table = DataTable(CollectionTableModel([Column("title", "Case")]))
    layout = QVBoxLayout(content)
    layout.addWidget(history)  # the pane's child first, as a splitter laid out in that order makes it
    layout.addWidget(table)
    frame = ViewFrame(content, DeskFeed("tcp://127.0.0.1:9"), VIEW)
    qtbot.addWidget(frame)
    frame.show()
    frame.activateWindow()
    qtbot.waitUntil(frame.isActiveWindow)
    history.setFocus()
    frame.focus_table()
    assert table.view.hasFocus()


def test_no_built_in_view_action_takes_a_desk_wide_key(qtbot, store, settings):
    """A view action bound to a key of the desk's own (Ctrl+L log in, Ctrl+Shift+N new window) is an ambiguous
    shortcut while the focus is in the view: Qt then runs neither (the circle map's Ctrl+L, the duty log's
    Ctrl+Shift+N did nothing under X).  Every built-in view, built without a daemon, is checked."""
    host = desk_plugin_host()
    host.discover()
    desk = Desk(DeskFeed("tcp://127.0.0.1:9"), host, store)
    try:
        desk_keys = {
            QKeySequence(c.shortcut).toString(): c.id
            for c in desk.commands.all(rebound=False)
            if c.shortcut and not c.id.startswith("view:")
        }
        assert desk_keys["Ctrl+L"] == "session.login"  # the check sees the desk's keys
        clashes = []
        for plugin, specs in host.call("citybrain_views"):
            for spec in specs or ():
                widget = spec.make(desk.context(plugin))
                qtbot.addWidget(widget)
                lister = getattr(widget, "view_actions", None)
                for action in lister() if callable(lister) else []:
                    key = QKeySequence(action.shortcut).toString()
                    if key in desk_keys:
                        clashes.append(f"{spec.id}/{action.id} {key} = {desk_keys[key]}")
        assert not clashes, clashes
    finally:
        desk.shutdown()
