"""The occupational classification (国家职业分类大典, GB/T 6565): major group ``4``, middle group ``4-03``, minor
group ``4-03-02``, detailed occupation ``4-03-02-01``.  The shipped table (configs/jobs/occupations.csv) is a subset
(docs/jobs.md); each code's parent must be in it, so the tree is whole.

A code is also four small integers, one per level (0 below its depth), so that a whole matrix of seekers and
vacancies is compared at once: the occupation score is the depth of the deepest level both share, over four."""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass

import numpy as np

from citybrain.core.api import bundled

CODE = re.compile(r"^[1-8](?:-\d{2}(?:-\d{2}(?:-\d{2})?)?)?$")
LEVELS = ("major", "middle", "minor", "detailed")


def parent(code: str) -> str | None:
    return code.rsplit("-", 1)[0] if "-" in code else None


@dataclass(frozen=True)
class Classification:
    names: dict[str, str]  # code → name, in the table's order

    @classmethod
    def read(cls, text: str) -> Classification:
        names: dict[str, str] = {}
        for n, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
            code, name = row["code"].strip(), row["name"].strip()
            if not CODE.match(code) or not name:
                raise ValueError(f"occupations row {n}: {code!r} is not a GB/T 6565 code with a name")
            up = parent(code)
            if up is not None and up not in names:
                raise ValueError(f"occupations row {n}: {code}'s group {up} is not listed before it")
            names[code] = name
        return cls(names)

    def problem(self, code: str) -> str | None:
        """Why ``code`` cannot be a vacancy's or a seeker's occupation (None when it can)."""
        if not CODE.match(code):
            return f"{code!r} is not a GB/T 6565 code (4-03-02-01: group, middle, minor, detailed)"
        if code not in self.names:
            return f"{code} is not in the occupational classification"
        if code.count("-") != 3:
            return f"{code} is a group ({self.names[code]}), not a detailed occupation"
        return None

    def records(self) -> list[dict]:
        return [
            {"code": c, "name": n, "level": LEVELS[c.count("-")], "parent": parent(c)} for c, n in self.names.items()
        ]


def path(codes: list[str | None]) -> np.ndarray:
    """Each code as its four levels' numbers (``4-03-02-01`` → 4, 3, 2, 1; a shorter code 0 below; none all 0)."""
    out = np.zeros((len(codes), 4), dtype=np.int16)
    for i, code in enumerate(codes):
        if code:
            parts = code.split("-")
            out[i, : len(parts)] = [int(p) for p in parts]
    return out


def shared_depth(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """How many leading levels each row of ``a`` shares with each row of ``b`` (0..4): the deepest common group in
    the tree.  ``a`` is (n, 4), ``b`` (m, 4); the answer (n, m)."""
    depth = np.zeros((a.shape[0], b.shape[0]), dtype=np.int8)
    same = np.ones(depth.shape, dtype=bool)
    for level in range(4):
        same &= a[:, level, None] == b[None, :, level]
        same &= a[:, level, None] != 0
        depth += same
    return depth


@functools.cache
def classification() -> Classification:
    """configs/jobs/occupations.csv, read on first use (nothing is read at import)."""
    return Classification.read(bundled("citybrain.configs", "jobs", "occupations.csv").read_text("utf-8"))
