"""The demo's ground truth for 应享未享.  The demo's generator knows each person's real attributes before any
source gets them wrong; here the catalogue is evaluated over those clean facts, most of the people who qualify are
granted the benefit in their department's sheet (a few granted ones ended), and what is left is the truth: who
qualifies and receives nothing.  The sheets then get their dirty records (deaths one source missed, people listed
in another compound, a name spelt two ways, one person under two ID numbers) and go through the importers like any
sheet; the accuracy test compares the daemon's hits with this truth."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from citybrain.core.api import evaluate_tags
from citybrain.core.sheets import shipped_mappings
from citybrain.plugins.people import matching, tagging

SHARE = 0.9  # of the people qualifying for a policy, how many the demo's departments have granted it
ENDED = 0.1  # of those not granted, how many had it once (a record that ended: still a hit)
DEPARTMENT_SOURCE = {"残联": "disability", "人社": "employment"}  # whose sheet lists a grant (else civil affairs)


@dataclass
class Truth:
    """``hits``: (ID number, policy id) of who qualifies and receives nothing, by the clean facts; ``dirty``: the ID
    numbers of the people the sheets then got wrong (their hits must be flagged or left out, never matched)."""

    hits: set[tuple[str, str]] = field(default_factory=set)
    dirty: set[str] = field(default_factory=set)


def _words(kind: str) -> dict[str, dict[str, str]]:
    return next(m for m in shipped_mappings("people") if m.kind == kind and m.name != "citybrain").values


def clean_frame(sheets: dict[str, list[dict]], today: date) -> pd.DataFrame:
    """One row per ID number with the attributes the rules read, from the sheets' rows in our words."""
    people: dict[str, dict] = {}
    for kind, rows in sheets.items():
        words = _words(kind)
        for row in rows:
            facts = people.setdefault(row["id_number"], {"id_number": row["id_number"], "benefits": []})
            for name, value in row.items():
                if name == "benefits":
                    facts["benefits"] += [b for b in value.split(";") if b]
                elif name in tagging.ATTRIBUTES or name in ("death_date",):
                    facts[name] = words.get(name, {}).get(value, value)
    frame = pd.DataFrame(list(people.values()))
    for name in tagging.ATTRIBUTES:
        if name not in frame:
            frame[name] = None
    frame["birth_date"] = pd.to_datetime(frame["birth_date"]).dt.date
    frame["disability_grade"] = pd.to_numeric(frame["disability_grade"], errors="coerce")
    for flag in ("living_alone", "veteran"):
        frame[flag] = frame[flag].map({"yes": True, "no": False}).fillna(False).astype(bool)
    for text in ("hukou", "income_band", "employment", "health", "disability_kind"):
        frame[text] = frame[text].fillna("")
    frame["deceased"] = frame["death_date"].notna() & (frame["death_date"] != "")
    frame["benefits"] = [";".join(_running(b, today)) for b in frame["benefits"]]
    return frame.set_index("id_number")


def _running(benefits: list[str], today: date) -> list[str]:
    out = []
    for b in benefits:
        code, since, *until = b.split(":")
        if date.fromisoformat(since) <= today and (not until or not until[0] or date.fromisoformat(until[0]) >= today):
            out.append(code)
    return out


def _scan(sheets: dict[str, list[dict]], today: date) -> tuple[pd.DataFrame, matching.Scan]:
    frame = clean_frame(sheets, today)
    return frame, matching.scan(frame, evaluate_tags(tagging.definitions(), frame, today=today), today)


def grant(rng: random.Random, sheets: dict[str, list[dict]], today: date) -> set[tuple[str, str]]:
    """Grants most qualifying people their benefits in ``sheets`` (in place); returns the truth: (ID number,
    policy id) of everyone who qualifies and receives nothing, over the clean facts."""
    rows = {kind: {r["id_number"]: r for r in sheet} for kind, sheet in sheets.items()}
    frame, first = _scan(sheets, today)
    numbers = frame.index.to_numpy()
    for policy, hits in zip(first.policies, first.hits, strict=True):
        source = DEPARTMENT_SOURCE.get(policy.department, "civil")
        for number in numbers[hits.positions]:
            row = rows[source].get(number) or rows["civil"][number]
            since = today - timedelta(days=rng.randint(30, 3_000))
            if rng.random() < SHARE:
                record = f"{policy.benefit}:{since.isoformat()}"
            elif rng.random() < ENDED:
                record = (
                    f"{policy.benefit}:{since.isoformat()}:{(today - timedelta(days=rng.randint(1, 29))).isoformat()}"
                )
            else:
                continue
            row["benefits"] = ";".join(filter(None, (row.get("benefits", ""), record)))
    frame, truth = _scan(sheets, today)
    numbers = frame.index.to_numpy()
    return {(n, p.id) for p, hits in zip(truth.policies, truth.hits, strict=True) for n in numbers[hits.positions]}
