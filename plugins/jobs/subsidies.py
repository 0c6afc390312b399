"""Employment subsidies: which seekers' hire brings the employer a subsidy, as tag rules in the platform's one rule
language (configs/jobs/subsidies.toml, evaluated by core/tags/), over the seekers' own attributes.  The result is
cached until the seekers change (or the day), as the people plugin caches its tags."""

from __future__ import annotations

import functools
import threading
import tomllib
from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from citybrain.core.api import TagDef, TagResult, bundled, evaluate_tags, load_tags, read_frame
from citybrain.plugins.jobs.tables import Seeker


@dataclass(frozen=True)
class Subsidy:
    tag: str
    code: str
    name: str
    description: str = ""


@functools.cache
def definitions() -> tuple[list[TagDef], tuple[Subsidy, ...]]:
    """The subsidies' tag rules and the subsidies they bring, read and checked on first use (not at import)."""
    text = bundled("citybrain.configs", "jobs", "subsidies.toml").read_text(encoding="utf-8")
    defs = load_tags(text, plugin="jobs")
    subsidies = tuple(Subsidy(**s) for s in tomllib.loads(text).get("subsidies", []))
    for subsidy in subsidies:
        if not any(d.name == subsidy.tag for d in defs):
            raise ValueError(f"subsidy {subsidy.code} names no tag of configs/jobs/subsidies.toml: {subsidy.tag!r}")
    return defs, subsidies


COLUMNS = ("id", "birth_date", "sex", "disability_grade", "benefits", "registered_on")
_lock = threading.Lock()
_cache: dict[str, tuple[tuple, TagResult]] = {}


def frame(session: Session, today: date) -> pd.DataFrame:
    """The looking seekers, one row each, with the attributes the rules read."""
    seekers = read_frame(
        session, select(*(getattr(Seeker, c) for c in COLUMNS)).where(Seeker.state == "looking"), list(COLUMNS)
    ).set_index("id")
    registered = pd.to_datetime(seekers["registered_on"])
    now = pd.Timestamp(today)
    seekers["months_looking"] = (
        (now.year - registered.dt.year) * 12
        + (now.month - registered.dt.month)
        - (now.day < registered.dt.day).astype(int)
    )
    return seekers


def tags(session: Session, today: date | None = None) -> TagResult:
    today = today or date.today()
    stamp = (today, *session.execute(select(func.count(Seeker.id), func.max(Seeker.changed_at))).one())
    with _lock:
        cached = _cache.get("seekers")
        if cached and cached[0] == stamp:
            return cached[1]
    result = evaluate_tags(definitions()[0], frame(session, today), today=today)
    with _lock:
        _cache["seekers"] = (stamp, result)
    return result


def brought(result: TagResult, seeker: int) -> list[dict]:
    """The subsidies a hire of ``seeker`` brings the employer, each with the criteria that make it hold."""
    carried = set(result.tags_of(seeker))
    return [
        {"code": s.code, "name": s.name, "tag": s.tag, "why": list(result.explain(seeker, s.tag).reasons)}
        for s in definitions()[1]
        if s.tag in carried
    ]


def codes(result: TagResult) -> dict[int, str]:
    """The codes of the subsidies a hire of each seeker would bring (``;``-separated, as a push keeps them), for
    every seeker bringing one: one pass per subsidy, not a lookup per match."""
    out: dict[int, list[str]] = {}
    for subsidy in definitions()[1]:
        if subsidy.tag in result.carried.columns:
            for key in result.carriers(subsidy.tag).tolist():
                out.setdefault(int(key), []).append(subsidy.code)
    return {key: ";".join(found) for key, found in out.items()}
