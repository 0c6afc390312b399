"""应享未享: every policy of the catalogue over every resident at once, and who qualifies yet receives nothing.

:func:`scan` is vectorised (one boolean column per criterion, shared by every policy reading it; never a loop over
residents): for each policy, who is eligible (its eligibility, not its exclusions, alive), who receives its benefit
(a programme running today), and for each hit which criteria held.  Residents with an open conflict between the
sources (dead in one, moved, two names, listed twice) are never matched silently: their hits carry the conflict
(``check``) and are not actionable until a committee has looked.  The scan is kept until the residents, benefits
or conflicts change (or the day)."""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from citybrain.core.api import Node, RuleValues, TagResult, columns_of, tags_of
from citybrain.plugins.people import privacy, tagging
from citybrain.plugins.people.policies import URGENCY, Policy, catalogue
from citybrain.plugins.people.tables import Conflict


def signed(node: Node, positive: bool = True) -> list[tuple[Node, bool]]:
    """The rule's criteria, each with whether it speaks for the rule when true (under a ``not``: when false)."""
    if node.op == "not":
        return signed(node.args[0], not positive)
    if node.op in ("and", "or"):
        return [pair for child in node.args for pair in signed(child, positive)]
    return [(node, positive)]


_MASKED_WORD = re.compile(r"has\((" + "|".join(privacy.MASKED) + r'), "[^"]*"\)')


def shown(text: str) -> str:
    """A criterion as a reason shows it: a masked field's word masked (``has(health, "***")``), so a hit's reasons
    never say which condition a resident has."""
    return _MASKED_WORD.sub(lambda m: f'has({m.group(1)}, "{privacy.HIDDEN}")', text)


def label(leaf: Node, positive: bool) -> str:
    return shown(leaf.text if positive else f"not {leaf.text}")


@dataclass
class PolicyHits:
    """One policy's hits: the residents' positions in the scan, and per hit which of ``criteria`` held."""

    positions: np.ndarray
    held: np.ndarray  # bool, hits × criteria
    criteria: tuple[str, ...]

    def reasons(self, i: int) -> list[str]:
        return [c for c, on in zip(self.criteria, self.held[i], strict=True) if on]


@dataclass
class Scan:
    """Every policy over every resident on ``today``: ``eligible`` and ``receives`` (residents × policies),
    ``hits`` per policy with their reasons, and ``check``: the open conflicts' kinds per flagged resident."""

    today: date
    frame: pd.DataFrame  # the population scanned (its attributes)
    policies: Sequence[Policy]
    eligible: np.ndarray
    receives: np.ndarray
    hits: list[PolicyHits]
    check: dict[int, list[str]]

    @property
    def index(self) -> pd.Index:
        """Resident ids, in the scan's order."""
        return self.frame.index

    def table(self) -> pd.DataFrame:
        """One row per hit: ``person``, ``policy`` (its position in the catalogue), ``hit`` (position among the
        policy's hits), ``urgency`` (rank), ``flagged``."""
        parts = []
        ranks = {u: i for i, u in enumerate(URGENCY)}
        for j, (policy, hits) in enumerate(zip(self.policies, self.hits, strict=True)):
            persons = self.index.to_numpy()[hits.positions]
            parts.append(
                pd.DataFrame(
                    {
                        "person": persons,
                        "policy": np.full(len(persons), j, dtype=np.int32),
                        "hit": np.arange(len(persons), dtype=np.int32),
                        "urgency": np.full(len(persons), ranks[policy.urgency], dtype=np.int8),
                    }
                )
            )
        out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["person", "policy", "hit"])
        out["flagged"] = out["person"].isin(list(self.check))
        return out


def receiving(benefits: pd.Series, codes: Sequence[str]) -> np.ndarray:
    """Residents × codes: whether each runs a programme of that code (``benefits``: ';'-separated codes); policies
    sharing a programme (an allowance's age bands) share its column."""
    unique = list(dict.fromkeys(codes))
    pairs = benefits.reset_index(drop=True).str.split(";").explode()
    which = pairs.map({code: j for j, code in enumerate(unique)})
    known = which.notna().to_numpy()
    once = np.zeros((len(benefits), len(unique)), dtype=bool)
    once[pairs.index.to_numpy()[known], which.to_numpy()[known].astype(np.int64)] = True
    return once[:, [unique.index(code) for code in codes]]


def scan(
    frame: pd.DataFrame,
    tags: TagResult,
    today: date,
    check: dict[int, list[str]] | None = None,
    policies: Sequence[Policy] | None = None,
) -> Scan:
    """Every policy (of the catalogue in force unless given) over ``frame`` (:func:`tagging.population`), with the
    tags already evaluated over it."""
    policies = catalogue() if policies is None else policies
    values = RuleValues(frame, tags.carried, today)
    alive = ~frame["deceased"].to_numpy(dtype=bool)
    receives = receiving(frame["benefits"], [p.benefit for p in policies])
    eligible = np.zeros((len(frame), len(policies)), dtype=bool)
    hits = []
    for j, policy in enumerate(policies):
        ok = values.value(policy.rule).to_numpy(dtype=bool) & alive
        if policy.excluded is not None:
            ok &= ~values.value(policy.excluded).to_numpy(dtype=bool)
        eligible[:, j] = ok
        positions = np.flatnonzero(ok & ~receives[:, j])
        criteria = signed(policy.rule)
        held = np.empty((len(positions), len(criteria)), dtype=bool)
        for k, (leaf, positive) in enumerate(criteria):
            column = values.criterion(leaf).to_numpy(dtype=bool)[positions]
            held[:, k] = column if positive else ~column
        hits.append(PolicyHits(positions, held, tuple(label(leaf, positive) for leaf, positive in criteria)))
    return Scan(today, frame, policies, eligible, receives, hits, check or {})


def conflicts(session: Session) -> dict[int, list[str]]:
    """Open conflicts' kinds by resident (both records of a ``twice``)."""
    out: dict[int, list[str]] = {}
    for kind, resident, other in session.execute(select(Conflict.kind, Conflict.resident_id, Conflict.other_id)):
        for rid in (resident, other):
            if rid and kind not in out.setdefault(rid, []):
                out[rid].append(kind)
    return out


_lock = threading.Lock()
_cache: dict[str, tuple[tuple, Scan]] = {}


def current(session: Session, today: date | None = None) -> Scan:
    """The scan over the population base, recomputed when residents, benefits or conflicts change (or the day)."""
    today = today or date.today()
    now = (*tagging.stamp(session, today), *session.execute(select(func.count(Conflict.id), func.max(Conflict.id))))
    with _lock:
        cached = _cache.get("scan")
        if cached and cached[0] == now and cached[1].policies is catalogue():
            return cached[1]
    frame = tagging.population(session, today)
    result = scan(frame, tagging.tags(session, today), today, conflicts(session))
    with _lock:
        _cache["scan"] = (now, result)
    return result


def _near(policy: Policy, failed: list[Node], frame: pd.DataFrame, tags: TagResult, today: date) -> bool:
    """One criterion short, and worth telling: the policy asks more than that one criterion (the rest hold), and a
    criterion on age alone will hold within a year (a 63-year-old is not "nearly" under 18)."""
    if len(failed) != 1 or len(policy.conjuncts()) < 2:
        return False
    if columns_of(failed[0]) != {"birth_date"} or tags_of(failed[0]):
        return True
    return bool(RuleValues(frame, tags.carried, today + timedelta(days=365)).value(failed[0]).iloc[0])


def one(frame: pd.DataFrame, tags: TagResult, today: date, policies: Sequence[Policy] | None = None) -> list[dict]:
    """One resident (``frame`` of one row) against every policy: ``receives``, ``qualifies`` (eligible, not
    receiving), ``near`` (one top-level criterion short, not excluded) with the criteria that held and, for a near
    miss, the one that did not; policies they are far from are left out.  Policies sharing a programme (an
    allowance's age bands) answer once: the band they are in, else the nearest in catalogue order."""
    policies = catalogue() if policies is None else policies
    values = RuleValues(frame, tags.carried, today)
    alive = not bool(frame["deceased"].iloc[0])
    receives = receiving(frame["benefits"], [p.benefit for p in policies])[0]
    best: dict[str, tuple[int, dict]] = {}
    for j, policy in enumerate(policies):
        held = [label(leaf, pos) for leaf, pos in signed(policy.rule) if bool(values.criterion(leaf).iloc[0]) == pos]
        excluded = policy.excluded is not None and bool(values.value(policy.excluded).iloc[0])
        failed = [c for c in policy.conjuncts() if not bool(values.value(c).iloc[0])]
        eligible = alive and not excluded and not failed
        if receives[j]:
            rank, state = (0 if eligible else 2), "receives"
        elif eligible:
            rank, state = 1, "qualifies"
        elif alive and not excluded and _near(policy, failed, frame, tags, today):
            rank, state = 3, "near"
        else:
            continue
        if policy.benefit in best and best[policy.benefit][0] <= rank:
            continue
        best[policy.benefit] = (
            rank,
            {"policy": policy.id, "state": state, "reasons": held, "missing": [shown(c.text) for c in failed]},
        )
    order = {p.id: j for j, p in enumerate(policies)}
    return sorted((entry for _, entry in best.values()), key=lambda e: order[e["policy"]])
