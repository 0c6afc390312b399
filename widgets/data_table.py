"""A table of one collection with a filter box, sortable headers and settings a layout can keep."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from citybrain.widgets import palette
from citybrain.widgets.collection_model import CollectionTableModel
from citybrain.widgets.table_export import export_xlsx


class DataTable(QWidget):
    """``save_settings()`` / ``restore_settings()`` keep the filter, the sort and the column widths."""

    def __init__(
        self,
        model: CollectionTableModel,
        *,
        sort_column: int | None = None,
        order: Qt.SortOrder = Qt.SortOrder.AscendingOrder,
        filter_placeholder: str | None = None,
        stretch: int | None = -1,
        parent: QWidget | None = None,
    ) -> None:
        """``filter_placeholder`` given: a filter box above the table (a short table needs none).  ``stretch``: the
        column that takes the room the others leave (-1 the last; a table of figures gives it to its name column,
        so that no count is drawn far from its name), or None: every column as wide as its contents."""
        super().__init__(parent)
        self.model = model
        self.stretch = model.columnCount() - 1 if stretch == -1 else stretch
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(filter_placeholder or "")
        self.predicate: Callable[[dict], bool] | None = None  # a view's own filter, kept under the typed one
        self.filter.textChanged.connect(lambda text: model.set_filter(text, self.predicate))
        self.filter.setVisible(filter_placeholder is not None)
        layout.addWidget(self.filter)
        self.view = QTableView()
        # a viewport made here, not the view's own: PySide meets Qt's own the first time Python asks for it and then
        # builds ~70 widget and event classes to find its type (~15 ms of a desk's start); this one it knows
        self.view.setViewport(QWidget())
        self.view.setModel(model)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(self.stretch == model.columnCount() - 1)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table for the view's fields and buttons; arrows move
        # a long text keeps its start: the middle of a Chinese name is what tells it apart (上海凯智信息科技有…,
        # C39 计算机、通信和其他电子…); eliding the middle kept "上海" and "有限公司" and lost the name.  The tooltip
        # holds the whole text.
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        # a narrowed column's title too (the header's own default clipped a centred title at both ends: "ployer or ho")
        self.view.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        if sort_column is not None:
            self.view.sortByColumn(sort_column, order)
        layout.addWidget(self.view, 1)
        export = QAction(QCoreApplication.translate("Table", "Export what is shown to Excel…"), self.view)
        export.setShortcut(QKeySequence("Ctrl+Shift+E"))
        export.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        export.triggered.connect(self.ask_export)
        self.view.addAction(export)  # the table's context menu (the Menu key too) and its key
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self._sized = False  # columns fit their contents once, when the first rows arrive (any font: desk or wall)
        self._wanted: list[int] | None = None  # what the contents asked for; None once the widths are the operator's
        self._shown = False  # fitted again once shown (see showEvent)
        self.view.horizontalHeader().sectionResized.connect(self._operator_resized)
        self.view.viewport().installEventFilter(self)  # the room is the viewport's, which may settle after this one
        model.modelReset.connect(self._fit_columns)
        model.rowsInserted.connect(self._fit_columns)
        model.layoutChanged.connect(self._fit_columns)  # rows a sorted model places among others arrive so
        self.empty = QLabel(self.view.viewport())  # with no row to show, a line that says why (set_empty_text)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # the table's menu stays reachable
        dim = self.empty.palette()
        dim.setColor(QPalette.ColorRole.WindowText, QColor(palette.TEXT_DIM))  # a note, not a row
        self.empty.setPalette(dim)
        self.empty.hide()
        self.empty_text = ""
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self._show_empty)

    def set_empty_text(self, text: str) -> None:
        """What the table says while it shows no row (why it is empty, what would fill it); "" says nothing."""
        self.empty_text = text
        self._show_empty()

    def _show_empty(self, *_: object) -> None:
        """With no row shown: the view's line, or, when the typed filter hides every row, that it does."""
        if self.filter.text().strip() and self.model.row_count_total():
            text = QCoreApplication.translate("Table", "Nothing here matches “{filter}”.")
            self.empty.setText(text.format(filter=self.filter.text().strip()))
        else:
            self.empty.setText(self.empty_text)
        self.empty.setVisible(bool(self.empty.text()) and self.model.rowCount() == 0)
        if self.empty.isVisible():
            self.empty.setGeometry(self.view.viewport().rect().adjusted(12, 12, -12, -12))

    def set_predicate(self, predicate: Callable[[dict], bool] | None) -> None:
        """Show only records passing ``predicate`` (a checkbox's "only what is late"), as well as the typed text."""
        self.predicate = predicate
        self.model.set_filter(self.filter.text(), predicate)

    def ask_export(self) -> None:
        """Export the rows this table shows (its filter, its order, its columns) to a workbook the operator names."""
        title = QCoreApplication.translate("Table", "Export what is shown")
        path, _ = QFileDialog.getSaveFileName(self, title, "", "Excel (*.xlsx)")
        if path:
            self.export_to(Path(path).with_suffix(".xlsx"))

    def export_to(self, path: Path) -> int | None:
        """The shown rows into ``path``; says how many where the operator is, or why it failed."""
        try:
            count = export_xlsx(self.model, path, self.window().windowTitle() or path.stem)
        except OSError as exc:
            why = QCoreApplication.translate("Table", "Nothing was written to {path}: {reason}")
            QMessageBox.warning(
                self,
                QCoreApplication.translate("Table", "Export what is shown"),
                why.format(path=path, reason=exc.strerror or exc),
            )
            return None
        done = QCoreApplication.translate("Table", "{n} rows written to {path}")
        QToolTip.showText(self.view.mapToGlobal(self.view.rect().center()), done.format(n=count, path=path), self.view)
        return count

    def selected(self) -> list[dict]:
        """The selected records, in the order the table shows them."""
        return [self.model.record_at(r) for r in sorted({i.row() for i in self.view.selectionModel().selectedRows()})]

    def _fit_columns(self, *_: object) -> None:
        if self._sized or self.model.rowCount() == 0:
            return
        self._sized = True
        height = self.view.fontMetrics().height()
        self.view.setIconSize(QSize(height, height))  # a marker as tall as the text, on the desk and on the wall
        self.view.resizeColumnsToContents()
        header, most = self.view.horizontalHeader(), self.fontMetrics().averageCharWidth() * 40
        self._wanted = [min(header.sectionSize(i) + 12, most) for i in self._shared()]
        self._squeeze()

    def _shared(self) -> list[int]:
        """The columns sized to their contents: all but the stretching one."""
        return [i for i in range(self.view.horizontalHeader().count()) if i != self.stretch]

    def _squeeze(self) -> None:
        """The columns as their contents asked; when they would not fit beside a stretching column of a few
        characters, only the widest are narrowed (see :func:`shares`): no horizontal scrollbar at the usual widths,
        and a name or a code beside a long text stays whole while the long text elides (at its end).  The
        stretching column gets the room left."""
        if not self._wanted:
            return
        header, char = self.view.horizontalHeader(), self.fontMetrics().averageCharWidth()
        least = 0 if self.stretch is None else max(8 * char, header.defaultSectionSize())  # the stretching one's
        room = self.view.viewport().width() - least
        wanted, self._wanted = self._wanted, None  # while placing them, a resized section is not the operator's
        widths = shares(wanted, room, 4 * char)
        for i, width in zip(self._shared(), widths, strict=True):
            header.resizeSection(i, width)
        if self.stretch is not None and not header.stretchLastSection():
            header.resizeSection(self.stretch, max(least, room + least - sum(widths)))
        self._wanted = wanted

    def _operator_resized(self, section: int, old: int, new: int) -> None:
        header = self.view.horizontalHeader()
        if old < new == header.minimumSectionSize():
            return  # the header's own floor, raised by new type (the wall's sheet arriving): not the operator's drag
        if self._wanted is not None and not (header.stretchLastSection() and section == header.count() - 1):
            self._wanted = None  # a column the operator dragged keeps its width

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """The viewport resized: the columns share its new width (a page laid out hidden, then shown on the wall,
        gets its final width after this widget's own resize, and was squeezed into the provisional one)."""
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            self._squeeze()
            self._show_empty()
        return False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Shown the first time: the columns fit again in the type and style the table is drawn in now (fitted
        before, off screen, a credit code came out 3 px short of its text), with what its rows say by then (a
        marker's label that arrived after the first rows) — unless the widths are the operator's. A table given its
        rows as it is made fits them here, once, not before (a view's start fitted a table twice, ~6 ms each)."""
        super().showEvent(event)
        if not event.spontaneous() and not self._shown:
            self._shown = True
            if self._wanted is not None or not self._sized:  # fitted before, or rows from the start: not restored
                self._sized = False
                self._fit_columns()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """New type (the wall's sheet arrives after the first rows, a theme): the columns fit it again, unless
        their widths are the operator's."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange) and self._wanted is not None:
            self._sized = False
            self._fit_columns()

    def save_settings(self) -> dict[str, Any]:
        self._fit_columns()  # a table never shown yet keeps widths fitted to its rows, not Qt's defaults
        header = self.view.horizontalHeader()
        return {
            "filter": self.filter.text(),
            "sort_column": header.sortIndicatorSection(),
            "descending": header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
            "widths": [header.sectionSize(i) for i in range(header.count())],
        }

    def restore_settings(self, settings: dict[str, Any]) -> None:
        self.filter.setText(str(settings.get("filter", "")))
        column = settings.get("sort_column")
        if isinstance(column, int) and 0 <= column < self.model.columnCount():
            order = Qt.SortOrder.DescendingOrder if settings.get("descending") else Qt.SortOrder.AscendingOrder
            self.view.sortByColumn(column, order)
        header = self.view.horizontalHeader()
        kept = header.count() - 1 if header.stretchLastSection() else header.count()  # a last one stretching: not
        widths = [w for w in settings.get("widths", [])[:kept] if isinstance(w, int) and w > 0]
        for i, width in enumerate(widths):
            header.resizeSection(i, width)
        if widths:
            self._wanted = None  # the operator's widths stay as they were saved
        self._sized = self._sized or bool(widths)


def shares(wanted: list[int], room: int, least: int) -> list[int]:
    """Widths for columns asking ``wanted`` within ``room``: all as asked when they fit; else the narrow ones keep
    theirs and the widest are cut to one common width (proportional cuts elided every name a little), none below
    ``least`` (or what it asked, when less)."""
    if room <= 0:
        return [min(w, least) for w in wanted]
    if sum(wanted) <= room:
        return list(wanted)
    left, level = room, 0
    ordered = sorted(wanted)
    for i, width in enumerate(ordered):
        if width * (len(ordered) - i) > left:
            level = left // (len(ordered) - i)
            break
        left -= width
    return [max(min(w, level), min(w, least)) for w in wanted]


class TableSettings:
    """For a view whose settings are its table's (filter, sort, column widths): the two methods layouts call."""

    table: DataTable

    def save_settings(self) -> dict:
        return self.table.save_settings()

    def restore_settings(self, settings: dict) -> None:
        self.table.restore_settings(settings)
