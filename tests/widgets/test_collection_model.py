import random

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from citybrain.widgets import collection_model
from citybrain.widgets.collection_model import RECORD_ROLE, CollectionTableModel, Column

COLUMNS = [Column("id", "ID"), Column("name", "Name"), Column("value", "Value")]


class Spy:
    """Counts every signal a model emits."""

    NAMES = ["dataChanged", "layoutChanged", "modelReset", "rowsInserted", "rowsRemoved"]

    def __init__(self, model):
        self.counts = dict.fromkeys(self.NAMES, 0)
        for name in self.NAMES:
            getattr(model, name).connect(lambda *a, n=name: self.counts.__setitem__(n, self.counts[n] + 1))

    def total(self):
        return sum(self.counts.values())


def make(n=10, **kwargs):
    model = CollectionTableModel(COLUMNS, **kwargs)
    model.reset({i: {"id": i, "name": f"n{i:03d}", "value": i * 1.5} for i in range(n)})
    return model


def shown(model, field="id"):
    return [model.record_at(r)[field] for r in range(model.rowCount())]


def test_sort_numbers_strings_none_and_mixed_types(qapp):
    model = CollectionTableModel(COLUMNS)
    model.reset(
        {
            1: {"id": 1, "value": 3},
            2: {"id": 2, "value": None},
            3: {"id": 3, "value": "b"},
            4: {"id": 4, "value": 1.5},
            5: {"id": 5, "value": "a"},
            6: {"id": 6},
        }
    )
    model.sort(2, Qt.SortOrder.AscendingOrder)
    assert shown(model) == [4, 1, 5, 3, 2, 6]
    model.sort(2, Qt.SortOrder.DescendingOrder)
    assert shown(model)[:4] == [3, 5, 1, 4] and set(shown(model)[4:]) == {2, 6}  # None stays last


def test_filter_by_text_and_predicate(qapp):
    model = make(20)
    model.set_filter("N01")
    assert shown(model) == list(range(10, 20))
    model.set_filter("n01", predicate=lambda r: r["id"] % 2 == 0)
    assert shown(model) == [10, 12, 14, 16, 18]
    assert model.row_count_total() == 20


def test_value_only_batch_emits_exactly_one_data_changed(qapp):
    model = make(100)
    model.sort(0)
    spy = Spy(model)
    model.apply({i: {"id": i, "name": "changed", "value": -1.0} for i in range(10, 60)})
    assert spy.counts == {"dataChanged": 1, "layoutChanged": 0, "modelReset": 0, "rowsInserted": 0, "rowsRemoved": 0}
    assert model.data(model.index(20, 1)) == "changed"


def test_unsorted_appends_are_one_insert(qapp):
    model = make(5)
    spy = Spy(model)
    model.apply({i: {"id": i, "name": "new", "value": 0.0} for i in range(5, 5005)})
    assert spy.counts["rowsInserted"] == 1 and spy.total() == 1
    assert model.rowCount() == 5005


def test_big_batches_cost_a_bounded_number_of_signals(qapp):
    model = make(10_000)
    model.sort(2, Qt.SortOrder.DescendingOrder)
    spy = Spy(model)
    rng = random.Random(1)
    batch = {
        rng.randrange(12_000): ({"id": 0, "name": "x", "value": rng.random()} if rng.random() < 0.8 else None)
        for _ in range(5000)
    }
    model.apply({k: (dict(v, id=k) if v else None) for k, v in batch.items()})
    assert spy.total() <= 3


@pytest.mark.parametrize(
    "sort, descending, text", [(None, False, ""), (2, False, ""), (2, True, "1"), (1, False, "n0")]
)
def test_random_batches_match_a_brute_force_recomputation(qapp, sort, descending, text):
    rng = random.Random(sort or 0)
    model = CollectionTableModel(COLUMNS)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    truth = {}
    model.reset({})
    if sort is not None:
        model.sort(sort, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
    model.set_filter(text)
    for _ in range(60):
        batch = {}
        for _ in range(rng.choice([1, 5, 50, 200])):
            key = rng.randrange(300)
            rec = (
                None
                if rng.random() < 0.25
                else {
                    "id": key,
                    "name": f"n{rng.randrange(200):03d}",
                    "value": rng.choice([None, rng.randrange(50), rng.random() * 50]),
                }
            )
            batch[key] = rec
        for k, v in batch.items():
            if v is None:
                truth.pop(k, None)
            else:
                truth[k] = v
        model.apply(batch)
        visible = [
            k
            for k, r in truth.items()
            if not text or any(text in model._text_of(c, r.get(c.field)).casefold() for c in COLUMNS)
        ]
        assert sorted(shown(model)) == sorted(visible)
        if sort is not None:
            values = [model.record_at(r).get(COLUMNS[sort].field) for r in range(model.rowCount())]
            present = [v for v in values if v is not None]
            assert values[len(present) :] == [None] * (len(values) - len(present))  # None last
            assert present == sorted(present, reverse=descending)
        for row in range(model.rowCount()):
            assert model.row_of(model.key_at(row)) == row


def test_selection_follows_its_record_across_a_resort(qapp):
    model = make(50)
    index = QPersistentModelIndex(model.index(7, 1))
    key = model.key_at(7)
    model.sort(2, Qt.SortOrder.DescendingOrder)
    assert index.isValid() and model.key_at(index.row()) == key
    model.apply({key: None})
    assert not index.isValid()


def test_a_large_selection_follows_its_records_across_a_resort(qapp):
    """More persistent indexes than are found by a scan each: found through the key -> row index instead."""
    model = make(50)
    indexes = [QPersistentModelIndex(model.index(row, 1)) for row in range(0, 40, 2)]
    keys = [model.key_at(index.row()) for index in indexes]
    model.sort(2, Qt.SortOrder.DescendingOrder)
    assert [model.key_at(index.row()) for index in indexes] == keys
    model.apply({keys[0]: None})
    assert not indexes[0].isValid() and [model.key_at(i.row()) for i in indexes[1:]] == keys[1:]


def test_roles(qapp):
    model = CollectionTableModel(COLUMNS, severity=lambda r: "urgent" if r["value"] > 10 else None)
    model.reset({1: {"id": 1, "name": "a", "value": 12.0}, 2: {"id": 2, "name": "b", "value": 1.0}})
    assert model.data(model.index(0, 2)) == "12.00"
    assert model.data(model.index(0, 2), Qt.ItemDataRole.UserRole) == 12.0
    assert model.data(model.index(0, 0), RECORD_ROLE)["name"] == "a"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole) is not None  # the marker
    assert model.data(model.index(1, 0), Qt.ItemDataRole.DecorationRole) is None  # normal: no marker
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Name"


def test_rows_sorting_after_the_last_are_appended_in_order_and_others_still_sort(qapp):
    from citybrain.widgets.collection_model import CollectionTableModel, Column

    model = CollectionTableModel([Column("id", "id"), Column("t", "t")])
    model.sort(1)
    model.apply({1: {"id": 1, "t": 10}, 2: {"id": 2, "t": 20}})
    inserted = []
    model.rowsInserted.connect(lambda parent, first, last: inserted.append((first, last)))
    model.apply({4: {"id": 4, "t": 40}, 3: {"id": 3, "t": 30}})  # all after the last row: appended, sorted
    assert inserted == [(2, 3)] and [model.record_at(r)["id"] for r in range(4)] == [1, 2, 3, 4]
    model.apply({5: {"id": 5, "t": 15}})  # in the middle: placed where it sorts
    assert [model.record_at(r)["id"] for r in range(5)] == [1, 5, 2, 3, 4]
    assert model.key_at(4) == 4 and model.record_at(4)["t"] == 40


def test_a_storm_of_new_records_in_order_is_appended_whole_and_anything_else_still_sorts(qapp):
    model = CollectionTableModel(COLUMNS)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.sort(1)
    inserted = []
    model.rowsInserted.connect(lambda parent, first, last: inserted.append((first, last)))
    for start in range(0, 600, 200):  # the storm: new alarms, each batch in order after the last row
        model.apply({k: {"id": k, "name": f"n{k:04d}", "value": k} for k in range(start, start + 200)})
    assert inserted == [(0, 199), (200, 399), (400, 599)] and model.row_of(599) == 599
    model.apply({1000: {"id": 1000, "name": "n0100b", "value": 1}, 1001: {"id": 1001, "name": 5, "value": 2}})
    names = [model.record_at(r)["name"] for r in range(model.rowCount())]
    assert names[0] == 5 and names.index("n0100b") == names.index("n0100") + 1  # numbers first, then text
    assert [model.row_of(model.key_at(r)) for r in range(model.rowCount())] == list(range(model.rowCount()))


def test_a_storm_batch_holding_a_known_key_places_it_by_its_new_value(qapp):
    model = CollectionTableModel(COLUMNS)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.sort(2)
    model.apply({k: {"id": k, "name": f"n{k}", "value": k} for k in range(10)})
    model.apply({3: {"id": 3, "name": "n3", "value": 10}, 10: {"id": 10, "name": "n10", "value": 11}})
    assert shown(model) == [0, 1, 2, 4, 5, 6, 7, 8, 9, 3, 10]
    assert [model.row_of(model.key_at(r)) for r in range(model.rowCount())] == list(range(11))


def test_a_storm_batch_touching_a_row_that_stays_in_order_does_not_move_it(qapp):
    model = CollectionTableModel(COLUMNS)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.sort(2)
    model.apply({k: {"id": k, "name": f"n{k}", "value": min(k, 7)} for k in range(10)})  # 7, 8, 9 tie at 7
    spy = Spy(model)
    model.apply({8: {"id": 8, "name": "acknowledged", "value": 7}})  # same second: stays among its ties
    assert shown(model) == list(range(10)) and spy.counts == {**dict.fromkeys(Spy.NAMES, 0), "dataChanged": 1}
    model.apply({9: {"id": 9, "name": "acknowledged", "value": 7}, 10: {"id": 10, "name": "n10", "value": 8}})
    assert shown(model) == list(range(11)) and model.record_at(9)["name"] == "acknowledged"
    model.apply({7: {"id": 7, "name": "n7", "value": 8}, 8: {"id": 8, "name": "n8", "value": 9}})  # neighbours, both
    assert [model.record_at(r)["value"] for r in range(11)] == sorted(model.record_at(r)["value"] for r in range(11))
    assert [model.row_of(model.key_at(r)) for r in range(11)] == list(range(11))


@pytest.mark.parametrize("sort", [None, 2])
def test_a_resync_keeps_the_selected_record_selected(qapp, sort):
    model = make(50)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    if sort is not None:
        model.sort(sort)
    index = QPersistentModelIndex(model.index(7, 1))
    key = model.key_at(7)
    spy = Spy(model)
    snapshot = {i: {"id": i, "name": f"n{i:03d}", "value": i * 1.5} for i in range(3, 60)}  # 0-2 gone, 50-59 new
    snapshot[key] = {"id": key, "name": "changed meanwhile", "value": key * 1.5}
    model.reset(snapshot)
    assert spy.counts["modelReset"] == 0 and index.isValid() and model.key_at(index.row()) == key
    assert sorted(shown(model)) == list(range(3, 60)) and model.record_at(index.row())["name"] == "changed meanwhile"
    assert [model.row_of(model.key_at(r)) for r in range(model.rowCount())] == list(range(model.rowCount()))


def test_a_storm_batch_next_to_odd_values_places_its_row_again(qapp):
    model = CollectionTableModel(COLUMNS)
    model.sort(2)
    model.reset({"A": {"id": "A", "value": 0}, "B": {"id": "B", "value": True}, "C": {"id": "C", "value": 1}})
    model.apply({"A": {"id": "A", "value": 5}})  # True sorts among the numbers here, not where _rank puts it
    assert [model.record_at(r)["value"] for r in range(3)] == [True, 1, 5]


def test_new_rows_after_a_row_that_stays_are_appended_not_resorted(qapp):
    model = CollectionTableModel(COLUMNS)
    model.sort(2)
    model.apply({k: {"id": k, "name": f"n{k}", "value": k} for k in range(100)})
    spy = Spy(model)
    batch = {99: {"id": 99, "name": "acknowledged", "value": 99}}
    batch.update({k: {"id": k, "name": f"n{k}", "value": k} for k in range(100, 200)})
    model.apply(batch)
    assert spy.counts == {**dict.fromkeys(Spy.NAMES, 0), "dataChanged": 1, "rowsInserted": 1}
    assert shown(model) == list(range(200)) and model.record_at(99)["name"] == "acknowledged"


def test_a_change_that_raises_still_ends_the_layout_it_began(qapp):
    model = make(20)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    index = QPersistentModelIndex(model.index(3, 0))
    spy = Spy(model)

    def broken(record):  # a plugin's filter with a bug
        raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        model.set_filter(predicate=broken)
    assert spy.counts["layoutChanged"] == 1  # the views were told it ended: they do not stay mid-change
    assert index.isValid() and model.key_at(index.row()) == 3


def _brute_order(records, field, descending, text=""):
    """The display order computed plainly: filtered, then one stable sort with None last in both directions."""
    keys = [k for k, r in records.items() if not text or any(text in str(r.get(c.field)).casefold() for c in COLUMNS)]
    present = [k for k in keys if records[k].get(field) is not None]
    missing = [k for k in keys if records[k].get(field) is None]
    return sorted(present, key=lambda k: records[k][field], reverse=descending) + missing


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("text", ["", "7"])
def test_a_reset_in_slices_ends_with_every_record_in_the_order_one_sort_gives(qapp, monkeypatch, descending, text):
    # small slices: 2,500 records make 20 runs and five rounds of merges, with duplicate values and some None
    monkeypatch.setattr(collection_model, "RESET_SLICE", 128)
    rng = random.Random(4)
    records = {
        k: {"id": k, "name": f"n{rng.randrange(50)}", "value": rng.choice([None, *range(40)])} for k in range(2500)
    }
    model = make(30)
    model.sort(2, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
    model.set_filter(text)
    spy = Spy(model)
    slices = model.reset_in_slices(records)
    shown_per_slice = [model.row_count_total() for _ in slices]
    swapped = shown_per_slice.index(2500)
    assert swapped > 20 + 5  # the old rows while 20 runs are sorted and merged in five rounds
    assert set(shown_per_slice[:swapped]) == {30} and set(shown_per_slice[swapped:]) == {2500}  # one swap
    assert spy.counts["layoutChanged"] == 1 and spy.total() == 1
    assert [model.key_at(r) for r in range(model.rowCount())] == _brute_order(records, "value", descending, text)
    assert model.row_count_total() == 2500


def test_a_reset_in_slices_over_mixed_types_or_a_resort_in_between_still_ends_sorted(qapp, monkeypatch):
    monkeypatch.setattr(collection_model, "RESET_SLICE", 4)
    model = make(3)
    model.sort(2)
    records = {k: {"id": k, "value": k if k % 7 else f"t{k}"} for k in range(40)}  # numbers then text, mixed
    model.reset(records)
    values = shown(model, "value")
    assert values == sorted(values, key=lambda v: (isinstance(v, str), v))
    slices = model.reset_in_slices({k: {"id": k, "value": -k} for k in range(40)})
    next(slices), next(slices)
    model.sort(0, Qt.SortOrder.DescendingOrder)  # the operator sorts by another column while the reset runs
    for _ in slices:
        pass
    assert shown(model) == list(range(39, -1, -1))
