"""A count cube: the sums of a frame's measures (0/1 flags or counts) for every combination of its dimensions, built
in one pass over the records (a combined integer key, one ``bincount`` per measure).  Every KPI under every
breakdown is then a roll-up of this small array — summing axes, or folding an axis into a coarser dimension (a
category's parent, a month's year) — so refreshing all of them costs about one group-by over the records.

When the dimensions have too many combinations for a dense array (``DENSE_CELLS``), the cube keeps only the
combinations present, as a table, and rolls up with pandas."""

from __future__ import annotations

import copy
from collections.abc import Callable, Collection, Mapping, Sequence
from math import prod

import numpy as np
import pandas as pd

ALL = "all"  # the group of a KPI without breakdown
DENSE_CELLS = 2_000_000  # combinations of the dimensions held as a dense array at most
Derived = Mapping[str, tuple[str, Callable[[np.ndarray], np.ndarray]]]  # name -> (base dimension, labels -> labels)


def month_range(first: int, last: int) -> list[int]:
    """Months as YYYYMM integers from ``first`` to ``last`` inclusive."""
    months, (y, m) = [], divmod(first, 100)
    while y * 100 + m <= last:
        months.append(y * 100 + m)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def month_label(month: int) -> str:
    return f"{month // 100:04d}-{month % 100:02d}"


def _flag_sums(key: np.ndarray, frame: pd.DataFrame, flags: Sequence[str], cells: int) -> dict[str, np.ndarray]:
    """Each 0/1 measure in ``flags`` summed per cell of ``key``, several in one ``bincount``.

    A weighted ``bincount`` scatters into an array of the cube's size (608 KB for the hotline's, more than this
    machine's L2 holds beside the streamed key) and costs twice an unweighted one; one a measure was most of a
    refresh. A flag's cell sum is at most the cell's record count, so with ``b`` bits holding the largest count
    each flag gets its own ``b`` bits of one float64 weight (``flag_i * 2**(b*i)``): integers below 2**53 add
    exactly, so the fields never carry into each other and the sums come out exact."""
    if not flags:
        return {}
    counts = np.bincount(key, minlength=cells)
    bits = max(int(counts.max()).bit_length(), 1)
    per_weight = 53 // bits  # float64 holds integers below 2**53 exactly
    if per_weight < 2:
        return {}
    sums: dict[str, np.ndarray] = {}
    for start in range(0, len(flags), per_weight):
        group = flags[start : start + per_weight]
        powers = np.array([float(1 << (bits * i)) for i in range(len(group))])
        weight = frame[list(group)].to_numpy(dtype=np.float64) @ powers  # the columns' block: a view, one pass
        packed = np.bincount(key, weights=weight, minlength=cells).astype(np.int64)
        mask = (1 << bits) - 1
        for i, name in enumerate(group):
            sums[name] = ((packed >> (bits * i)) & mask).astype(np.float64)
    return sums


def _codes(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(column.dtype, pd.CategoricalDtype):  # small codes, widened as they are added into the key
        return column.cat.codes.to_numpy(), column.cat.categories.to_numpy()
    codes, uniques = pd.factorize(column.to_numpy(), use_na_sentinel=False)
    return codes.astype(np.int64), np.asarray(uniques)


class Cube:
    """``frame``'s ``measures`` summed per combination of ``dims``; ``derived`` names coarser dimensions, each a
    function of one base dimension's labels."""

    def __init__(
        self,
        frame: pd.DataFrame,
        dims: Sequence[str],
        measures: Sequence[str],
        derived: Derived | None = None,
        flags: Collection[str] = (),
    ) -> None:
        """``flags``: the measures the caller built as 0 or 1 (not checked: a flag's cell sum is at most the cell's
        record count, which lets several of them share one ``bincount``, see :func:`_flag_sums`)."""
        self.dims, self.measures, self.derived = list(dims), list(measures), dict(derived or {})
        self._cache: dict[tuple[str, ...], pd.DataFrame] = {}
        self._sums: dict[frozenset[int], np.ndarray] = {}
        self.array: np.ndarray | None = None  # the cells, dense: one axis per dimension, then the measures
        self.table = pd.DataFrame()  # or sparse: a row per cell with records (when the dense array would be huge)
        self.levels: tuple[np.ndarray, ...]  # each dimension's labels, in the order of its codes
        codes, self.levels = zip(*(_codes(frame[d]) for d in dims), strict=True) if dims else ((), ())
        sizes = [max(len(level), 1) for level in self.levels]
        key = np.zeros(len(frame), dtype=np.int64)
        for code, size in zip(codes, sizes, strict=True):  # in place: a new 8 MB array a step cost its page faults
            key *= size
            key += code
        if prod(sizes) <= DENSE_CELLS:
            cells = prod(sizes)
            sums = _flag_sums(key, frame, [m for m in self.measures if m in flags], cells)
            for m in self.measures:
                if m not in sums:
                    sums[m] = np.bincount(key, weights=frame[m].to_numpy(), minlength=cells)
            array = np.stack([sums[m] for m in self.measures], axis=-1).reshape(*sizes, len(self.measures))
            for axis, level in enumerate(self.levels):  # labels in order along each axis: groups come out sorted
                order = np.argsort(level, kind="stable")
                array = np.take(array, order, axis=axis)
            self.levels = tuple(level[np.argsort(level, kind="stable")] for level in self.levels)
            self.array = array
        else:
            groups, keys = pd.factorize(key)
            columns, rest = {}, np.asarray(keys, dtype=np.int64)
            for dim, level, size in zip(reversed(self.dims), reversed(self.levels), reversed(sizes), strict=True):
                rest, code = np.divmod(rest, size)
                columns[dim] = level[code]
            for m in self.measures:
                columns[m] = np.bincount(groups, weights=frame[m].to_numpy(), minlength=len(keys))
            table = pd.DataFrame(columns)
            self.table = table.assign(**{d: f(table[b].to_numpy()) for d, (b, f) in self.derived.items()})

    def labels(self, dim: str) -> np.ndarray:
        """The labels of ``dim`` that have records."""
        if self.array is not None:
            return self.levels[self.dims.index(dim)]
        return self.table[dim].unique()

    def where(self, dim: str, labels: Collection) -> Cube:
        """The cube of the records whose ``dim`` is one of ``labels`` (a unit's share of the figures, the
        engine's ``MetricSpec.place``): a slice of the cells along that axis, no second pass over the records."""
        cut = copy.copy(self)
        cut._cache, cut._sums = {}, {}
        wanted = list(labels)
        if self.array is not None:
            axis = self.dims.index(dim)
            keep = np.isin(self.levels[axis], wanted)
            cut.array = np.compress(keep, self.array, axis=axis)
            cut.levels = tuple(level[keep] if a == axis else level for a, level in enumerate(self.levels))
        else:
            cut.table = self.table[self.table[dim].isin(wanted)]
        return cut

    def rollup(self, by: Sequence[str]) -> pd.DataFrame:
        """The measures per group of ``by`` (one row ``all`` when empty), groups without records left out — except
        a breakdown by month alone, which lists every month from the first to the last (zeros where none)."""
        key = tuple(by)
        if key not in self._cache:
            sums = self._dense(self.array, key) if self.array is not None else self._sparse(key)
            if key == ("month",) and len(sums):
                sums = sums.reindex(month_range(int(sums.index.min()), int(sums.index.max())), fill_value=0)
                sums.index = sums.index.map(month_label)
            self._cache[key] = sums
        return self._cache[key]

    def _sparse(self, by: tuple[str, ...]) -> pd.DataFrame:
        if not by:
            return pd.DataFrame([self.table[self.measures].sum()], index=pd.Index([ALL], name="group"))
        return self.table.groupby(list(by), sort=True)[self.measures].sum()

    def _summed(self, array: np.ndarray, kept: frozenset[int]) -> np.ndarray:
        """The array summed over every axis not ``kept`` (shape kept), from the smallest sum already made that
        keeps them: breakdowns by two dimensions make those by one cheap."""
        if kept not in self._sums:
            source_axes, source = min(
                ((k, a) for k, a in self._sums.items() if kept <= k),
                key=lambda s: s[1].size,
                default=(frozenset(range(len(self.dims))), array),
            )
            self._sums[kept] = source.sum(axis=tuple(a for a in source_axes - kept), keepdims=True)
        return self._sums[kept]

    def _dense(self, cells: np.ndarray, by: tuple[str, ...]) -> pd.DataFrame:
        wanted = {
            axis: next((d for d in by if d == dim or self.derived.get(d, ("",))[0] == dim), None)
            for axis, dim in enumerate(self.dims)
        }
        array = self._summed(cells, frozenset(a for a, d in wanted.items() if d is not None))
        labels: dict[str, np.ndarray] = {}
        for axis, name in wanted.items():
            if name is None:
                continue
            level = self.levels[axis]
            if name != self.dims[axis]:  # fold the axis into the coarser dimension (few cells left by now)
                coarse = self.derived[name][1](level)
                level, member = np.unique(coarse, return_inverse=True)
                fold = np.zeros((len(coarse), len(level)))
                fold[np.arange(len(coarse)), member] = 1
                array = np.moveaxis(np.tensordot(array, fold, axes=([axis], [0])), -1, axis)
            labels[name] = level
        axes = [next(a for a, d in wanted.items() if d == name) for name in by]
        rest = [a for a in range(len(self.dims)) if a not in axes]
        array = np.transpose(array, [*axes, *rest, len(self.dims)]).reshape(-1, len(self.measures))
        if not by:
            return pd.DataFrame(array, index=pd.Index([ALL], name="group"), columns=self.measures)
        index = _product([labels[n] for n in by], by) if len(by) > 1 else pd.Index(labels[by[0]], name=by[0])
        present = np.flatnonzero(array.any(axis=1))  # the groups with records
        return pd.DataFrame(array[present], index=index[present], columns=self.measures)


def _product(levels: list[np.ndarray], names: Sequence[str]) -> pd.MultiIndex:
    """``MultiIndex.from_product`` of levels already unique and sorted, without its factorizing them again (a
    third of the roll-ups' time with string labels)."""
    grid = np.indices([len(level) for level in levels]).reshape(len(levels), -1)
    return pd.MultiIndex(
        levels=[pd.Index(level) for level in levels], codes=list(grid), names=list(names), verify_integrity=False
    )


_COUNT = pd.Index(["numerator", "value"])
_RATIO = pd.Index(["numerator", "denominator", "value"])


def ratio(sums: pd.DataFrame, numerator: str, denominator: str | None = None) -> pd.DataFrame:
    """``value`` = numerator ÷ denominator per group (a count when there is no denominator); groups whose
    denominator is zero get no value (NaN), never 0 %."""
    values = sums.to_numpy(dtype=float)  # a roll-up is one block of floats: a view, not a copy per column
    top = values[:, sums.columns.get_loc(numerator)]
    if denominator is None:
        return pd.DataFrame(np.column_stack((top, top)), index=sums.index, columns=_COUNT)
    bottom = values[:, sums.columns.get_loc(denominator)]
    value = np.divide(top, bottom, out=np.full(len(top), np.nan), where=bottom > 0)
    return pd.DataFrame(np.column_stack((top, bottom, value)), index=sums.index, columns=_RATIO)
