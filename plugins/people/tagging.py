"""The residents' tags (configs/people/tags.toml), evaluated over the whole population at once and kept until the
population changes: a card asks why a person carries a tag, a count asks how many do."""

from __future__ import annotations

import functools
import threading
from datetime import date

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from citybrain.core.api import TagDef, TagResult, bundled, evaluate_tags, load_tags, read_frame
from citybrain.plugins.people.tables import Benefit, Resident


@functools.cache
def definitions() -> list[TagDef]:
    """The residents' tag rules, read and checked on first use (nothing is read at import)."""
    return load_tags(bundled("citybrain.configs", "people", "tags.toml").read_text(encoding="utf-8"), plugin="people")


ATTRIBUTES = (
    "id",
    "birth_date",
    "sex",
    "hukou",
    "disability_grade",
    "disability_kind",
    "income_band",
    "living_alone",
    "employment",
    "health",
    "veteran",
    "death_date",
    "committee",
)
_lock = threading.Lock()
_cache: dict[str, tuple[tuple, TagResult]] = {}


def population(session: Session, today: date) -> pd.DataFrame:
    """One row per resident, indexed by its id, with the attributes rules read: ``deceased`` from the death date,
    ``benefits`` the programmes running ``today`` (';'-separated, for ``has(benefits, "CODE")``)."""
    frame = read_frame(session, select(*(getattr(Resident, c) for c in ATTRIBUTES)), list(ATTRIBUTES)).set_index("id")
    frame["deceased"] = frame["death_date"].notna()
    running = read_frame(
        session,
        select(Benefit.resident_id, Benefit.programme).where(
            Benefit.since <= today, (Benefit.until.is_(None)) | (Benefit.until >= today)
        ),
        ["id", "programme"],
    )
    frame["benefits"] = running.groupby("id")["programme"].agg(";".join).reindex(frame.index).fillna("")
    return frame


def stamp(session: Session, today: date) -> tuple:
    """What the population's tags depend on: the day, the residents' count and last change, the benefits'."""
    return (
        today,
        *session.execute(select(func.count(Resident.id), func.max(Resident.changed_at))).one(),
        *session.execute(select(func.count(Benefit.id), func.max(Benefit.id))).one(),
    )


def tags(session: Session, today: date | None = None) -> TagResult:
    """Every person tag over every resident, recomputed when the residents or benefits change (or the day)."""
    today = today or date.today()
    now = stamp(session, today)
    with _lock:
        cached = _cache.get("person")
        if cached and cached[0] == now:
            return cached[1]
    result = evaluate_tags(definitions(), population(session, today), today=today)
    with _lock:
        _cache["person"] = (now, result)
    return result
