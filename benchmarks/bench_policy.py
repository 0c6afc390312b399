"""policy_scan: all the residents' tags and all 82 policies over 750,000 synthetic residents, with each tag's and
each hit's reasons (core.tags' evaluation with its why and why-not, then :func:`matching.scan`), against one plain
vectorised pandas pass computing the same eligibility matrix: the rules' trees walked straight into pandas
expressions (age computed once, every policy's expression in full, as one would write them by hand), the tags as
columns, the benefits received from one explode, and no reasons.  A stricter plain pass computing each distinct
criterion once (as ours does) is timed beside it: ``shared_baseline_s`` and ``ratio_to_shared``.  Peak memory of
each (tracemalloc, a separate untimed run) is reported.  The synthetic population: Hongkou-like ages, 6% with a
disability certificate, conditions from 35, employment for 16-59; most people qualifying for a policy receive it
(90%, as the demo)."""

from __future__ import annotations

import gc
import time
import tracemalloc
from datetime import date

import numpy as np
import pandas as pd

from benchmarks import Result
from citybrain.core.api import Node, evaluate_tags
from citybrain.plugins.people import matching, tagging
from citybrain.plugins.people.policies import catalogue

TODAY = date(2026, 12, 1)
CONDITIONS = np.array(["", "高血压", "糖尿病", "冠心病", "慢阻肺", "脑卒中", "阿尔茨海默病", "高血压;糖尿病"])


def population(n: int, seed: int = 22) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    age = np.minimum(rng.triangular(0, 45, 100, n).astype(int), 99)
    born = pd.to_datetime("2026-12-01") - pd.to_timedelta(age * 365 + rng.integers(0, 364, n), unit="D")
    disabled = rng.random(n) < 0.06
    grade = np.where(disabled, rng.choice([1, 2, 3, 4], n, p=[0.1, 0.2, 0.3, 0.4]), np.nan)
    kinds = np.array(["vision", "hearing", "speech", "physical", "intellectual", "mental"])
    working = (age >= 16) & (age < 60)
    employment = np.where(
        working, rng.choice(["employed", "unemployed", "none", "student"], n, p=[0.78, 0.06, 0.08, 0.08]), ""
    )
    employment = np.where((age >= 60) & (rng.random(n) < 0.5), "retired", employment)
    sick = (age >= 35) & (rng.random(n) < np.minimum(0.05 + age / 150, 0.6))
    frame = pd.DataFrame(
        {
            "birth_date": born,
            "sex": rng.choice(["M", "F"], n),
            "hukou": rng.choice(["local", "other_city", "separated"], n, p=[0.8, 0.12, 0.08]),
            "disability_grade": grade,
            "disability_kind": np.where(disabled, rng.choice(kinds, n), ""),
            "income_band": rng.choice(["low", "lower_middle", "middle", "high"], n, p=[0.06, 0.14, 0.6, 0.2]),
            "living_alone": rng.random(n) < 0.12,
            "employment": employment,
            "health": np.where(sick, CONDITIONS[rng.integers(1, len(CONDITIONS), n)], ""),
            "veteran": (age >= 40) & (rng.random(n) < 0.03),
            "death_date": None,
            "deceased": rng.random(n) < 0.005,
            "committee": rng.choice([f"31010900{c:04d}" for c in range(200)], n),
            "benefits": "",
        },
        index=pd.RangeIndex(1, n + 1, name="id"),
    )
    granted = matching.scan(frame, evaluate_tags(tagging.definitions(), frame, today=TODAY), TODAY)
    pairs = [
        pd.Series(policy.benefit, index=hits.positions[rng.random(len(hits.positions)) < 0.9])
        for policy, hits in zip(catalogue(), granted.hits, strict=True)
    ]
    codes = pd.concat(pairs).groupby(level=0).agg(lambda c: ";".join(dict.fromkeys(c)))
    frame["benefits"] = codes.reindex(np.arange(n)).fillna("").to_numpy()
    return frame


def ours(frame: pd.DataFrame) -> matching.Scan:
    return matching.scan(frame, evaluate_tags(tagging.definitions(), frame, today=TODAY), TODAY)


def _plain_leaf(
    node: Node, frame: pd.DataFrame, age: pd.Series, carried: dict[str, pd.Series], memo: dict | None
) -> pd.Series:
    if memo is not None:
        if node.text not in memo:
            memo[node.text] = _plain_leaf(node, frame, age, carried, None)
        return memo[node.text]
    if node.op == "tag":
        return carried[node.args[0]]
    operand = node.args[0]
    if operand.func == "age":
        values = age
    elif operand.func == "has":
        return frame[operand.column].str.contains(operand.word, regex=False)
    else:
        values = frame[operand.column]
    if node.op == "truthy":
        return values.astype(bool)
    if node.op == "cmp":
        return {"==": values.eq, "!=": values.ne, "<": values.lt, "<=": values.le, ">": values.gt, ">=": values.ge}[
            node.args[1]
        ](node.args[2])
    if node.op == "in":
        return values.isin(node.args[1])
    if node.op == "not_in":
        return ~values.isin(node.args[1])
    return values.between(node.args[1], node.args[2])


def _plain_rule(
    node: Node, frame: pd.DataFrame, age: pd.Series, carried: dict[str, pd.Series], memo: dict | None
) -> pd.Series:
    if node.op == "not":
        return ~_plain_rule(node.args[0], frame, age, carried, memo)
    if node.op in ("and", "or"):
        parts = [_plain_rule(child, frame, age, carried, memo) for child in node.args]
        out = parts[0]
        for part in parts[1:]:
            out = (out & part) if node.op == "and" else (out | part)
        return out
    return _plain_leaf(node, frame, age, carried, memo)


def plain(frame: pd.DataFrame, shared: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The eligibility matrix and who receives what, as a pandas user would compute them, without reasons;
    ``shared``: each distinct criterion computed once (a stricter baseline, reported beside)."""
    memo: dict | None = {} if shared else None
    born = frame["birth_date"]
    age = (
        TODAY.year
        - born.dt.year
        - ((born.dt.month > TODAY.month) | ((born.dt.month == TODAY.month) & (born.dt.day > TODAY.day)))
    )
    carried: dict[str, pd.Series] = {}
    for d in tagging.definitions():  # in dependency order
        if d.tree is not None:  # the residents' tags are all rules
            carried[d.name] = _plain_rule(d.tree, frame, age, carried, memo)
    alive = ~frame["deceased"]
    eligible = np.empty((len(frame), len(catalogue())), dtype=bool)
    for j, policy in enumerate(catalogue()):
        ok = _plain_rule(policy.rule, frame, age, carried, memo) & alive
        if policy.excluded is not None:
            ok &= ~_plain_rule(policy.excluded, frame, age, carried, memo)
        eligible[:, j] = ok.to_numpy()
    pairs = frame["benefits"].reset_index(drop=True).str.split(";").explode()
    codes, uniques = pd.factorize(pairs)
    one_hot = np.zeros((len(frame), len(uniques) + 1), dtype=bool)  # the last column: a code nobody runs
    one_hot[pairs.index.to_numpy()[codes >= 0], codes[codes >= 0]] = True
    column = {code: j for j, code in enumerate(uniques)}
    receives = one_hot[:, [column.get(p.benefit, len(uniques)) for p in catalogue()]]
    return eligible, receives


def _timed(fn, frame: pd.DataFrame) -> float:  # noqa: ANN001 - one of the two passes
    gc.collect()
    start = time.perf_counter()
    fn(frame)
    return time.perf_counter() - start


def _peak_mb(fn, frame: pd.DataFrame) -> float:  # noqa: ANN001 - one of the two passes
    gc.collect()
    tracemalloc.start()
    result = fn(frame)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del result
    return peak / 2**20


def policy_scan(quick: bool) -> Result:
    n = 100_000 if quick else 750_000
    frame = population(n)
    scan = ours(frame)
    for shared in (False, True):
        eligible, receives = plain(frame, shared)
        assert (scan.eligible == eligible).all() and (scan.receives == receives).all(), "the passes disagree"
    hits = sum(len(h.positions) for h in scan.hits)
    repeats = 2 if quick else 3
    times_ours, times_plain, times_shared = [], [], []
    for _ in range(repeats):  # alternating, best of each
        times_ours.append(_timed(ours, frame))
        times_plain.append(_timed(plain, frame))
        times_shared.append(_timed(lambda f: plain(f, shared=True), frame))
    return Result(
        "policy_scan",
        min(times_ours),
        "s",
        min(times_plain),
        "<= 2",
        extra={
            "residents": n,
            "policies": len(catalogue()),
            "tags": len(tagging.definitions()),
            "hits": hits,
            "shared_baseline_s": round(min(times_shared), 3),
            "ratio_to_shared": round(min(times_ours) / min(times_shared), 3),
            "peak_mb": round(_peak_mb(ours, frame), 1),
            "plain_peak_mb": round(_peak_mb(plain, frame), 1),
            "frame_mb": round(frame.memory_usage(deep=True).sum() / 2**20, 1),
        },
    )


def run(quick: bool) -> list[Result]:
    return [policy_scan(quick)]
