"""Any form definition (:mod:`citybrain.core.forms`) as a keyboard-first form: the fields in Tab order, Enter or
Ctrl+S saves, Esc asks before it discards changes; what is wrong is shown by the field (a marker and a sentence,
the palette's), and a conditional field appears or disappears as the answers change.

The view checks, the plugin sends: a save that passes :meth:`FormDef.check` emits ``submitted`` with the clean
answers; the plugin's view sends its command and calls :meth:`FormView.saved` once the daemon has it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from citybrain.core.forms import FieldDef, FormDef
from citybrain.widgets.confirm import confirm
from citybrain.widgets.marker_line import MarkerLine
from citybrain.widgets.palette import TEXT_DIM, Marker

translate = QCoreApplication.translate
CHOICES_A_ROW = 3  # check boxes of a multiple choice on one line


def error_text(code: str, f: FieldDef) -> str:
    """A field's error code in the desk's language."""
    if code == "range":
        low = "" if f.min is None else f"{f.min:g}"
        high = "" if f.max is None else f"{f.max:g}"
        return translate("FormView", "between {low} and {high}").format(low=low or "…", high=high or "…")
    if code == "length":
        return translate("FormView", "at most {n} characters").format(n=f.max_length or 200)
    return {
        "required": translate("FormView", "required"),
        "type": {
            "int": translate("FormView", "a whole number"),
            "number": translate("FormView", "a number"),
            "date": translate("FormView", "a date like 2026-12-01"),
        }.get(f.type, translate("FormView", "not a valid answer")),
        "choice": translate("FormView", "not one of the choices"),
    }.get(code, translate("FormView", "not a valid answer"))


class _Editor:
    """One field's input: reads and writes its answer in the type the form checks (a typed number stays text until
    it parses, so that a wrong one is shown, never silently dropped)."""

    def __init__(self, f: FieldDef, chinese: bool, changed: Callable[..., None]) -> None:
        self.field = f
        self.boxes: list[QCheckBox] = []
        self.widget: QWidget
        if f.type in ("bool", "choice"):
            combo = QComboBox()
            combo.addItem("—", None)
            options = (
                [(translate("FormView", "Yes"), True), (translate("FormView", "No"), False)]
                if f.type == "bool"
                else [(c.label if chinese or not c.label_en else c.label_en, c.value) for c in f.choices]
            )
            for text, value in options:
                combo.addItem(text, value)
            combo.currentIndexChanged.connect(changed)
            self.widget = combo
        elif f.type == "multi":
            holder = QWidget()
            grid = QGridLayout(holder)  # a few a row: a long list wraps instead of widening the form
            grid.setContentsMargins(0, 0, 0, 0)
            for n, c in enumerate(f.choices):
                box = QCheckBox(c.label if chinese or not c.label_en else c.label_en)
                box.setProperty("value", c.value)
                box.toggled.connect(changed)
                grid.addWidget(box, n // CHOICES_A_ROW, n % CHOICES_A_ROW)
                self.boxes.append(box)
            grid.setColumnStretch(CHOICES_A_ROW, 1)
            self.widget = holder
        else:
            line = QLineEdit()
            if f.type == "text":
                line.setMaxLength(f.max_length or 200)
            elif f.type == "date":
                line.setPlaceholderText("2026-12-01")
            line.textChanged.connect(changed)
            self.widget = line

    def focusables(self) -> list[QWidget]:
        return list(self.boxes) or [self.widget]

    def value(self) -> Any:
        w = self.widget
        if isinstance(w, QComboBox):
            return w.currentData()
        if self.boxes:
            return [b.property("value") for b in self.boxes if b.isChecked()]
        assert isinstance(w, QLineEdit)
        text = w.text().strip()
        if not text or self.field.type in ("text", "date"):
            return text or None
        try:
            number = float(text)
        except ValueError:
            return text  # shown as "a whole number"
        return int(number) if self.field.type == "int" and number.is_integer() else number

    def set_value(self, value: Any) -> None:
        w = self.widget
        if isinstance(w, QComboBox):
            w.setCurrentIndex(max(0, w.findData(value)) if value is not None else 0)
        elif self.boxes:
            chosen = set(value or ())
            for b in self.boxes:
                b.setChecked(b.property("value") in chosen)
        else:
            assert isinstance(w, QLineEdit)
            w.setText("" if value is None else f"{value:g}" if isinstance(value, float) else str(value))


class FormView(QWidget):
    """A form definition rendered for answering.  ``set_known(record)`` starts a new answer sheet from what is
    known of its subject (each field's ``known`` attribute; conditions read the form's ``context`` from it too).
    ``submitted(dict)``: Enter or Ctrl+S with every shown field valid: the clean answers, and ``None`` for a shown
    field filled from the record that was emptied (the plugin decides what clearing means).  ``discarded()``: Esc,
    confirmed when there were changes."""

    submitted = Signal(dict)
    discarded = Signal()

    def __init__(self, form: FormDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.chinese = QLocale().name().startswith("zh")
        self.known: dict[str, Any] = {}
        self.start: dict[str, Any] = {}
        self.touched: set[str] = set()
        self.tried = False  # a save was tried: every error shows, not only the touched fields'
        self.loading = False
        self.ask_discard: Callable[[], bool] = lambda: confirm(
            self,
            translate("FormView", "Discard changes"),
            translate("FormView", "Discard what was entered in this form?"),
            translate("FormView", "Discard"),
        )
        self.editors: dict[str, _Editor] = {}
        self.markers: dict[str, MarkerLine] = {}
        self.labels: dict[str, QLabel] = {}
        self.rows: dict[str, tuple[QFormLayout, QWidget]] = {}
        self.groups: dict[str, QGroupBox] = {}
        body = QWidget()
        column = QVBoxLayout(body)
        for section in form.sections:
            group = QGroupBox(self._words(section.title, section.title_en))
            layout = QFormLayout(group)
            for f in section.fields:
                self._add(f, layout)
            self.groups[section.key] = group
            column.addWidget(group)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        chain = [w for e in self.editors.values() for w in e.focusables()]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.refresh()

    def _words(self, chinese: str, english: str) -> str:
        return chinese if self.chinese or not english else english

    def _add(self, f: FieldDef, layout: QFormLayout) -> None:
        editor = _Editor(f, self.chinese, lambda *_, key=f.key: self._changed(key))
        marker = MarkerLine()
        cell = QWidget()
        row = QHBoxLayout(cell)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(editor.widget, 1)
        row.addWidget(marker)
        for widget in editor.focusables():
            widget.installEventFilter(self)
        label = QLabel()
        label.setBuddy(editor.focusables()[0])
        names = [self._words(*self.form.lines[line]) for line in f.lines]
        tip = self._words(f.help, f.help_en)
        label.setToolTip(
            "\n".join(filter(None, [tip, translate("FormView", "Needed by: {lines}").format(lines=", ".join(names))]))
        )
        layout.addRow(label, cell)
        self.editors[f.key], self.markers[f.key], self.labels[f.key] = editor, marker, label
        self.rows[f.key] = (layout, cell)

    # -- answers --------------------------------------------------------------------------------------------------

    def answers(self) -> dict[str, Any]:
        """What is entered now, field by field (blank fields left out)."""
        values = {key: e.value() for key, e in self.editors.items()}
        return {k: v for k, v in values.items() if v not in (None, [])}

    def set_known(self, known: Mapping[str, Any]) -> None:
        """A fresh sheet for a subject: fields filled from what is known (and so not asked again)."""
        self.known = dict(known)
        self.loading = True
        try:
            self.start = self.form.defaults(self.known)
            for key, editor in self.editors.items():
                editor.set_value(self.start.get(key))
        finally:
            self.loading = False
        self.touched.clear()
        self.tried = False
        self.refresh()

    def dirty(self) -> bool:
        return self.answers() != {k: v for k, v in self.start.items() if v not in (None, [])}

    def errors(self) -> dict[str, str]:
        return self.form.check(self.answers(), self.known)[1]

    def _changed(self, key: str) -> None:
        if not self.loading:
            self.touched.add(key)
            self.refresh()

    def refresh(self) -> None:
        """Show the fields the answers call for, and each shown field's error (once touched or after a save)."""
        answers = self.answers()
        shown = self.form.visible(answers, self.known)
        errors = self.form.check(answers, self.known)[1]
        for section in self.form.sections:
            for f in section.fields:
                layout, _cell = self.rows[f.key]
                layout.setRowVisible(self.labels[f.key], f.key in shown)
                known = bool(f.known) and f.key in self.start and self.start.get(f.key) == answers.get(f.key)
                text = self._words(f.label, f.label_en) + (" *" if f.required else "")
                if known:
                    text += f' <span style="color:{TEXT_DIM}">· {translate("FormView", "on record")}</span>'
                self.labels[f.key].setText(text)
                code = errors.get(f.key) if (self.tried or f.key in self.touched) else None
                self.markers[f.key].set_marker(Marker("medium", "steady", error_text(code, f)) if code else None)
            self.groups[section.key].setVisible(any(f.key in shown for f in section.fields))

    # -- keys -----------------------------------------------------------------------------------------------------

    def save(self) -> bool:
        """Enter, Ctrl+S: the clean answers emitted, or every error shown and the first wrong field focused."""
        clean, errors = self.form.check(self.answers(), self.known)
        self.tried = True
        self.refresh()
        if errors:
            first = next(f.key for f in self.form.fields if f.key in errors)
            self.editors[first].focusables()[0].setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        answers = self.answers()
        shown = self.form.visible(answers, self.known)
        cleared = {  # a field filled from the record and emptied: sent as None, so the plugin can clear what it knew
            f.key: None
            for f in self.form.fields
            if f.known and f.key in shown and f.key not in answers and self.start.get(f.key) not in (None, [])
        }
        self.submitted.emit(clean | cleared)
        return True

    def saved(self) -> None:
        """The plugin's command went through: what is entered is now what is known."""
        self.start = self.answers()
        self.touched.clear()
        self.tried = False
        self.refresh()

    def discard(self) -> bool:
        """Esc: back to the sheet as it started, after asking when something was changed."""
        if self.dirty() and not self.ask_discard():
            return False
        self.set_known(self.known)
        self.discarded.emit()
        return True

    def _action(self, event: QKeyEvent) -> Callable[[], bool] | None:
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if event.matches(QKeySequence.StandardKey.Save) or (
            plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            return self.save
        if plain and event.key() == Qt.Key.Key_Escape:
            return self.discard
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Enter, Ctrl+S and Esc in any field are the form's: before the field (a choice box would take Ctrl+S as
        a letter to search) and before any desk-wide shortcut (the desk's "Save layout")."""
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(event, QKeyEvent):
            action = self._action(event)
            if action is not None:
                event.accept()
                if kind == QEvent.Type.KeyPress:
                    action()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        action = self._action(event)
        if action is None:
            super().keyPressEvent(event)
        else:
            action()
