"""Benchmarks: every figure is measured against a baseline in the same run.

Each module in this package named ``bench_*.py`` exposes ``run(quick: bool)``
returning a list of :class:`Result`.  ``python -m benchmarks --quick --json``
prints one JSON object per result and per line.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Result:
    """One figure: ``value`` of the real code path and ``baseline`` of the raw one.

    ``ratio`` is ``value / baseline``; ``goal`` says which way is good
    (``">= 0.5"`` or ``"<= 3"``) so a reader can judge a line on its own.
    ``extra``: more fields for the JSON line (memory, each round's value).
    """

    name: str
    value: float
    unit: str
    baseline: float
    goal: str
    extra: dict | None = None

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else float("inf")

    def met(self) -> bool:
        op, limit = self.goal.split()
        return self.ratio >= float(limit) if op == ">=" else self.ratio <= float(limit)

    def as_dict(self) -> dict:
        d = asdict(self)
        d.update(d.pop("extra") or {})
        d["ratio"] = round(self.ratio, 3)
        d["value"] = round(self.value, 3)
        d["baseline"] = round(self.baseline, 3)
        d["met"] = self.met()
        return d
