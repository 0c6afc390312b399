"""A table model over one replicated collection, sorted and filtered in the model.

A QSortFilterProxyModel with dynamic sorting over a Python model needs ~30 s
to re-sort 100,000 rows here, so this model keeps the visible keys in
display order itself.  Changes arrive in coalesced batches (``apply``) and
each batch costs a handful of signals, never one per row.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Callable, Generator, Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from typing import Any, cast

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from citybrain.widgets import palette

Record = dict[str, Any]
Severity = Callable[[Record], "palette.Marker | str | None"]
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
SMALL_BATCH = 32  # up to this many moves are placed one by one; more: one re-sort
RESET_SLICE = 8192  # records filtered and sorted in one slice of a reset (reset_in_slices)
PERSISTENT_SCANS = 8  # up to this many persistent indexes (selection) are found again by a scan each after a relayout


@dataclass(frozen=True)
class Column:
    field: str
    title: str
    width: int | None = None
    format: Callable[[Any], str] | None = None
    align: Qt.AlignmentFlag | None = None
    muted: Callable[[Any], bool] | None = None  # whether a value is drawn muted (a code nothing names, shown as is)


def _rank(value: Any) -> tuple:
    """A total order over mixed values: numbers, then text, then anything else (as text)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0, value, "")
    if isinstance(value, str):
        return (1, 0, value)
    return (2, 0, str(value))


class CollectionTableModel(QAbstractTableModel):
    withheld_changed = Signal()  # needs_role changed

    def __init__(self, columns: Iterable[Column], severity: Severity | None = None, parent: Any = None) -> None:
        """``severity(record)``: None for a normal row, else a level name or a ``palette.Marker``, drawn as a marker
        (the level's shape and colour, and its label) in the first column; rows are never filled with colour."""
        super().__init__(parent)
        self._columns = list(columns)
        self._severity = severity
        self._records: dict[Hashable, Record] = {}
        self._keys: list[Hashable] = []  # visible keys in display order
        self._rows: dict[Hashable, int] | None = {}  # key -> row; None when it must be rebuilt
        self._sort_column: int | None = None
        self._descending = False
        self._text = ""
        self._predicate: Callable[[Record], bool] | None = None
        self._names = {level: palette.level_name(level) for level in palette.SEVERITY}  # data() is hot
        self._bold = QFont()  # only the weight is set: the view's own font (the wall's large type) stays
        self._bold.setBold(True)
        # the role a session needs to read this collection when the desk's own may not (None: it reads it); the
        # desk's feed sets it, and a view says so over its empty table (citybrain.shell.withheld)
        self.needs_role: str | None = None

    # -- public API ---------------------------------------------------------
    def set_needs_role(self, role: str | None) -> None:
        if role != self.needs_role:
            self.needs_role = role
            self.withheld_changed.emit()

    @property
    def columns(self) -> list[Column]:
        return list(self._columns)

    def set_columns(self, columns: Iterable[Column]) -> None:
        self.beginResetModel()
        self._columns = list(columns)
        self._sort_column = None
        self._keys = self._visible_keys()
        self._rows = None
        self.endResetModel()

    def reset(self, records: Mapping[Any, Record]) -> None:
        """Replace everything (after a snapshot).  A model already showing rows is laid out again rather than
        reset, so a resync does not cost the operator the selected alarm or the scroll position.  ``records`` are
        by key of any hashable type (typed ``Any``: a Mapping's key type is invariant, so ``Mapping[Hashable, …]``
        would refuse the ``dict[str, …]`` a caller holds)."""
        for _ in self.reset_in_slices(records):
            pass

    def reset_in_slices(self, records: Mapping[Any, Record]) -> Iterator[None]:
        """:meth:`reset` cut into slices, one per step of the iterator: the copy, then ``RESET_SLICE`` records
        filtered and sorted into a run at a time, then adjacent runs merged two at a time (the last merge takes
        every row: 10–19 ms of thread time at 75,000 under load, where the whole reset was one step of 25–35).
        The desk's feed runs one slice per step, so the GUI thread gets its turn while a resync re-sorts a large
        table.  The model shows its old rows until one step swaps the new ones in at once (one layout change);
        the old ones are then freed a slice at a time.  An operator's sort or filter in between is honoured (the
        new rows are then sorted in one go).  The caller runs the slices to the end before applying changes."""
        new = dict(records)
        state = self._order_state()
        yield
        keys = yield from self._sorted_in_slices(new)
        if keys is None or state != self._order_state():  # mixed types, or the order changed meanwhile
            keys = self._visible_keys(new)
        old, rows = self._records, self._rows
        if old:
            with self._laying_out():
                self._records, self._keys = new, keys
        else:
            self.beginResetModel()
            self._records, self._keys = new, keys
            self._rows = None
            self.endResetModel()
        # the old rows freed a slice at a time too: 75,000 records (dicts of strings) take ~15 ms to free
        for gone in (old, rows or {}):
            while gone:
                yield
                for _ in range(min(RESET_SLICE, len(gone))):
                    gone.popitem()

    def _sorted_in_slices(self, records: Mapping[Hashable, Record]) -> Generator[None, None, list[Hashable] | None]:
        """The visible keys of ``records`` in display order (a generator's return value; None on values of mixed
        types), computed a slice per step.  Sorted runs merged by ``list.sort`` (which finds the two runs and
        merges them) give the order one stable sort of every key gives, equal values in the records' order."""
        field, descending = self._sort_field(), self._descending
        filtered = bool(self._text) or self._predicate is not None
        keys = list(records)
        values: dict[Hashable, Any] = {}
        runs: list[list[Hashable]] = []
        missing: list[Hashable] = []  # records without the sorted field's value: last, in both directions
        for start in range(0, len(keys), RESET_SLICE):
            run = keys[start : start + RESET_SLICE]
            if filtered:
                run = [k for k in run if self._accepts(records[k])]
            if field is not None:
                run_values = {k: records[k].get(field) for k in run}
                if None in run_values.values():
                    missing += [k for k in run if run_values[k] is None]
                    run = [k for k in run if run_values[k] is not None]
                values.update(run_values)
                try:
                    run.sort(key=values.__getitem__, reverse=descending)
                except TypeError:
                    return None
            runs.append(run)
            yield
        while field is not None and len(runs) > 1:
            merged = []
            for i in range(0, len(runs), 2):
                run = runs[i] + runs[i + 1] if i + 1 < len(runs) else runs[i]
                try:
                    run.sort(key=values.__getitem__, reverse=descending)
                except TypeError:
                    return None
                merged.append(run)
                yield
            runs = merged
        return [*chain.from_iterable(runs), *missing]

    def _order_state(self) -> tuple:
        """What decides the visible keys and their order (besides the records)."""
        return (self._columns, self._sort_column, self._descending, self._text, self._predicate)

    def apply(self, changes: Mapping[Hashable, Record | None]) -> None:
        """Apply one coalesced batch: upserts (a record) and deletes (None)."""
        if not changes:
            return
        if self._sort_column is None and not self._text and self._predicate is None:
            self._apply_unsorted(changes)
            return
        if self._append_new(changes):
            return
        records = self._records
        rows = self._row_map()
        touched: list[int] = []  # visible rows whose values changed in place
        inserted: list[Hashable] = []
        removed: list[Hashable] = []
        moved: list[Hashable] = []
        sort_field = self._sort_field()
        for key, record in changes.items():
            old = records.get(key)
            if record is None:
                if old is not None:
                    del records[key]
                    if key in rows:
                        removed.append(key)
                continue
            records[key] = record
            visible = self._accepts(record)
            if key in rows:
                if not visible:
                    removed.append(key)
                elif sort_field is not None and old is not None and old.get(sort_field) != record.get(sort_field):
                    moved.append(key)
                else:
                    touched.append(rows[key])
            elif visible:
                inserted.append(key)
        if touched:
            self.dataChanged.emit(self.index(min(touched), 0), self.index(max(touched), len(self._columns) - 1))
        if not (inserted or removed or moved):
            return
        if inserted and not (removed or moved) and self._appends(inserted):
            return
        self._relayout(inserted, removed, moved)

    def _append_new(self, changes: Mapping[Hashable, Record | None]) -> bool:
        """An alarm storm's batch: records in order among themselves and after the last row (ascending, no
        filter) — taken with dict and list operations that run in C; the row index catches up when next asked.
        Whether every key is new is told by the record dict's size after one update, not by probing each key
        first (a cache miss a key at 100,000 rows); the rare known one is placed by ``_place_known``.
        False (nothing done) for anything else: a delete (None has no field), values out of order or that do
        not compare (what ``_sort_keys`` would order by rank)."""
        if self._descending or self._text or self._predicate is not None:
            return False
        field = self._sort_field()
        if field is None:
            return False
        try:  # a delete's None raises TypeError here: what follows has records only
            values = list(map(operator.itemgetter(field), cast(Iterable[Record], changes.values())))
            if self._keys:
                values.insert(0, self._records[self._keys[-1]][field])
            if values[-1] is None or sorted(values) != values:  # sorting what is in order is one pass, in C
                return False
        except (TypeError, KeyError):
            return False
        held = len(self._records)
        self._records.update(cast(Mapping[Hashable, Record], changes))
        if len(self._records) != held + len(changes):
            self._place_known(changes)
            return True
        first = len(self._keys)
        self.beginInsertRows(QModelIndex(), first, first + len(changes) - 1)
        self._keys.extend(changes)
        self.endInsertRows()
        return True

    def _place_known(self, changes: Mapping[Hashable, Record | None]) -> None:
        """A storm's batch that also changed rows already shown (an alarm acknowledged within the same second):
        a row still in order between neighbours the batch left alone stays where it is (one dataChanged); the
        others, and the new rows, are placed by one relayout.  Their old values are gone by now, so a row next
        to another changed one counts as moved."""
        rows, keys = self._row_map(), self._keys

        def rank(key: Hashable) -> tuple | None:
            """As ``_sort_keys`` orders (None last); None for a bool or another odd value, which plain comparison
            and ``_rank`` may order differently: such a row is placed again rather than judged."""
            ranked = self._sort_value(key)
            return None if ranked[0] == 0 and ranked[1][0] == 2 else ranked

        inserted: list[Hashable] = []
        moved: list[Hashable] = []
        stayed: list[int] = []
        for key in changes:
            row = rows.get(key)
            if row is None:
                inserted.append(key)
                continue
            own = rank(key)
            before = rank(keys[row - 1]) if row > 0 and keys[row - 1] not in changes else None
            after = rank(keys[row + 1]) if row + 1 < len(keys) and keys[row + 1] not in changes else None
            if (
                own is not None
                and (row == 0 or (before is not None and before <= own))
                and (row + 1 == len(keys) or (after is not None and own <= after))
            ):
                stayed.append(row)
            else:
                moved.append(key)
        if stayed:
            self.dataChanged.emit(self.index(min(stayed), 0), self.index(max(stayed), len(self._columns) - 1))
        if moved or (inserted and not self._appends(inserted)):  # new rows after the last are simply appended
            self._relayout(inserted, [], moved)

    def _appends(self, inserted: list[Hashable]) -> bool:
        """Rows that all sort after the last one (new alarms, newest last): appended in order, no re-sort, no
        relayout.  False (nothing done) when they do not."""
        if self._descending or self._sort_column is None:
            return False
        batch = sorted(inserted, key=self._sort_value)
        if self._keys and self._sort_value(batch[0]) < self._sort_value(self._keys[-1]):
            return False
        first, rows = len(self._keys), self._row_map()
        self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
        self._keys.extend(batch)
        rows.update(zip(batch, range(first, first + len(batch)), strict=True))
        self.endInsertRows()
        return True

    def _apply_unsorted(self, changes: Mapping[Hashable, Record | None]) -> None:
        """The common case (no sort, no filter), done with set and dict operations that run in C."""
        rows = self._row_map()
        if None in changes.values():
            removed = [k for k, r in changes.items() if r is None and k in rows]
            upserts: Mapping[Hashable, Record] = {k: r for k, r in changes.items() if r is not None}
            for key in changes.keys() - upserts.keys():
                self._records.pop(key, None)
        else:
            removed, upserts = [], cast(Mapping[Hashable, Record], changes)  # no None among them
        present = rows.keys() & upserts.keys()
        inserted = [k for k in upserts if k not in rows] if len(present) != len(upserts) else []
        self._records.update(upserts)
        if present:
            touched = list(map(rows.__getitem__, present))
            self.dataChanged.emit(self.index(min(touched), 0), self.index(max(touched), len(self._columns) - 1))
        if removed:
            self._relayout(inserted, removed, [])
        elif inserted:
            first = len(self._keys)
            self.beginInsertRows(QModelIndex(), first, first + len(inserted) - 1)
            self._keys.extend(inserted)
            for i, key in enumerate(inserted, start=first):
                rows[key] = i
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        with self._laying_out():
            self._sort_column = column
            self._descending = order == Qt.SortOrder.DescendingOrder
            self._sort_keys(self._keys)

    def set_filter(self, text: str = "", predicate: Callable[[Record], bool] | None = None) -> None:
        """Show only records whose displayed text contains ``text`` (any case) and that pass ``predicate``."""
        with self._laying_out():
            self._text = text.strip().casefold()
            self._predicate = predicate
            self._keys = self._visible_keys()

    def key_at(self, row: int) -> Hashable:
        return self._keys[row]

    def record_at(self, row: int) -> Record:
        return self._records[self._keys[row]]

    def row_of(self, key: Hashable) -> int | None:
        return self._row_map().get(key)

    def row_count_total(self) -> int:
        return len(self._records)

    # -- Qt model interface -------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].title  # the tooltip: the whole title of a narrowed column
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._records[self._keys[index.row()]]
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._text_of(column, record.get(column.field))
            if index.column() == 0 and self._severity is not None:
                marker = palette.as_marker(self._severity(record))
                if marker is not None:
                    label = marker.label or self._names[marker.level]
                    return label if text in ("", label) else f"{label} · {text}"
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.align is not None:
                return column.align
            value = record.get(column.field)
            numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
            return (
                Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft
            ) | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.UserRole:
            return record.get(column.field)
        if role == RECORD_ROLE:
            return record
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column.muted is not None
            and column.muted(record.get(column.field))
        ):
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if self._severity is not None:
            if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
                marker = palette.as_marker(self._severity(record))
                return None if marker is None else palette.marker_icon(marker.level, marker.style)
            if role == Qt.ItemDataRole.FontRole:
                marker = palette.as_marker(self._severity(record))
                return self._bold if marker is not None and marker.style == "waiting" else None
        return None

    # -- internals ----------------------------------------------------------
    @staticmethod
    def _text_of(column: Column, value: Any) -> str:
        if value is None:
            return ""
        if column.format is not None:
            return column.format(value)
        if isinstance(value, float):
            return f"{value:,.2f}"
        return str(value)

    def _sort_field(self) -> str | None:
        return None if self._sort_column is None else self._columns[self._sort_column].field

    def _accepts(self, record: Record) -> bool:
        if self._predicate is not None and not self._predicate(record):
            return False
        if self._text:
            return any(self._text in self._text_of(c, record.get(c.field)).casefold() for c in self._columns)
        return True

    def _visible_keys(self, records: Mapping[Hashable, Record] | None = None) -> list[Hashable]:
        """The keys of ``records`` (the model's own when None) the filter shows, in display order."""
        records = self._records if records is None else records
        if self._text or self._predicate is not None:
            keys = [k for k, r in records.items() if self._accepts(r)]
        else:
            keys = list(records)
        if self._sort_column is not None:
            self._sort_keys(keys, records)
        return keys

    def _sort_keys(self, keys: list[Hashable], records: Mapping[Hashable, Record] | None = None) -> None:
        """Sort in place; None last in both directions; mixed types never raise."""
        field = self._sort_field()
        if field is None:  # unsorted: arrival order
            return
        records = self._records if records is None else records
        values: dict[Hashable, Any] = {k: records[k].get(field) for k in keys}
        if None in values.values():
            present = [k for k in keys if values[k] is not None]
            missing = [k for k in keys if values[k] is None]
        else:  # the common case, told by one scan in C (a resync re-sorts 100,000 rows on the GUI thread)
            present, missing = keys[:], []
        try:
            present.sort(key=values.__getitem__, reverse=self._descending)
        except TypeError:  # mixed types: fall back to a total order
            present.sort(key=lambda k: _rank(values[k]), reverse=self._descending)
        keys[:] = present + missing

    def _sort_value(self, key: Hashable) -> tuple:
        field = self._sort_field()
        value = self._records[key].get(field) if field is not None else None
        return (1, ()) if value is None else (0, _rank(value))

    def _row_map(self) -> dict[Hashable, int]:
        """Key -> row: rebuilt after a relayout; after appends, extended over the rows appended since."""
        if self._rows is None:
            self._rows = {k: i for i, k in enumerate(self._keys)}
        elif len(self._rows) < len(self._keys):
            done = len(self._rows)
            self._rows.update(zip(self._keys[done:], range(done, len(self._keys)), strict=True))
        return self._rows

    @contextmanager
    def _laying_out(self) -> Iterator[None]:
        """Around a change of the visible keys: one layoutChanged, persistent indexes (the selection) kept on
        their keys, the key -> row index rebuilt."""
        self.layoutAboutToBeChanged.emit()
        before = [
            (i, self._keys[i.row()] if 0 <= i.row() < len(self._keys) else None) for i in self.persistentIndexList()
        ]
        try:
            yield
        finally:  # a change that raised (a plugin's predicate) still ends the layout the views were told began
            self._rows = None
            if before:
                # the view's current row and a few selected ones are found by a scan in C each; the key -> row
                # index (a Python dict of every row, ~7 ms at 75,000) is built here only for a larger selection
                rows = self._row_map() if len(before) > PERSISTENT_SCANS else None
                self.changePersistentIndexList(
                    [index for index, _ in before], [self._index_of(key, index.column(), rows) for index, key in before]
                )
            self.layoutChanged.emit()

    def _index_of(self, key: Hashable, column: int, rows: dict[Hashable, int] | None) -> QModelIndex:
        if rows is None:
            try:
                return self.index(self._keys.index(key), column)
            except ValueError:
                return QModelIndex()
        row = rows.get(key)
        return QModelIndex() if row is None else self.index(row, column)

    def _relayout(self, inserted: list[Hashable], removed: list[Hashable], moved: list[Hashable]) -> None:
        """Structural change: one layoutChanged, persistent indexes (selection) kept on their keys."""
        gone = set(removed) | set(moved)
        small = len(inserted) + len(moved) <= SMALL_BATCH and self._sort_column is not None and not self._descending
        with self._laying_out():
            if gone:
                self._keys = [k for k in self._keys if k not in gone]
            if small:
                for key in inserted + moved:
                    i = bisect.bisect_right(self._keys, self._sort_value(key), key=self._sort_value)
                    self._keys.insert(i, key)
            else:
                self._keys.extend(inserted + moved)
                if self._sort_column is not None:
                    self._sort_keys(self._keys)
