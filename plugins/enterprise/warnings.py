"""Warnings as records: the scan scores every enterprise, raises or updates its warning, clears the ones no longer
warranted; a dismissal (with a reason) remembers each of the warning's causes so that none of them raises it again."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd
from sqlalchemy import Float, ForeignKey, Integer, String, Text, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.api import Base, ErrorCode, Refused, Transaction, UTCDateTime, get_or_refuse, read_frame, utcnow
from citybrain.core.times import utc_iso
from citybrain.plugins.enterprise import WARNINGS, config
from citybrain.plugins.enterprise.reasons import reasons
from citybrain.plugins.enterprise.scoring import (
    RULES as RULE_NAMES,
    Cube,
    Scorer,
    Scores,
    cube,
    month_name,
    month_number,
)
from citybrain.plugins.enterprise.tables import Enterprise, IndicatorValue

ACTIVE = ("open", "planned")  # planned: a visit is planned for it


class Warning(Base):  # noqa: A001 - the domain's word; builtins' Warning is not used here
    __tablename__ = "enterprise_warnings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise_enterprises.id"), index=True)
    month: Mapped[str] = mapped_column(String(7))  # the last month scored
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[str] = mapped_column(Text, default="[]")  # JSON, most points first
    state: Mapped[str] = mapped_column(String(10), index=True)  # open, planned, dismissed, cleared
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closed_by: Mapped[str] = mapped_column(String(64), default="")
    closed_reason: Mapped[str] = mapped_column(Text, default="")

    def record(self, enterprise: Enterprise) -> dict:
        return {
            "id": self.id,
            "enterprise_id": self.enterprise_id,
            "name": enterprise.name,
            "credit_code": enterprise.credit_code,
            "subdistrict": enterprise.subdistrict,
            "industry": config.industries().label(enterprise.industry),
            "size": enterprise.size,
            "month": self.month,
            "score": round(self.score, 1),
            "reasons": json.loads(self.reasons),
            "state": self.state,
            "raised_at": utc_iso(self.raised_at),
            "updated_at": utc_iso(self.updated_at),
        }


class Dismissal(Base):
    """A cause (``rule:indicator``) an operator said is no distress for this enterprise, and why."""

    __tablename__ = "enterprise_dismissals"
    __table_args__ = (UniqueConstraint("enterprise_id", "cause"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise_enterprises.id"), index=True)
    cause: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(64), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime())


def active(session: Session) -> list[dict]:
    rows = session.execute(
        select(Warning, Enterprise)
        .join(Enterprise, Enterprise.id == Warning.enterprise_id)
        .where(Warning.state.in_(ACTIVE))
    )
    return [w.record(e) for w, e in rows]


def figures(session: Session) -> pd.DataFrame:
    query = select(IndicatorValue.enterprise_id, IndicatorValue.indicator, IndicatorValue.month, IndicatorValue.value)
    return read_frame(session, query, ["enterprise_id", "indicator", "month", "value"])


def peers(session: Session) -> pd.DataFrame:
    frame = read_frame(
        session, select(Enterprise.id, Enterprise.industry, Enterprise.size), ["id", "industry", "size"]
    ).set_index("id")
    frame["section"] = frame["industry"].map(config.industries().section)
    return frame


def _excluded(session: Session, enterprises: np.ndarray, indicators: tuple[str, ...]) -> np.ndarray:
    mask = np.zeros((len(RULE_NAMES), len(indicators), len(enterprises)), dtype=bool)
    column = {int(e): n for n, e in enumerate(enterprises)}
    for enterprise_id, cause in session.execute(select(Dismissal.enterprise_id, Dismissal.cause)):
        rule, _, indicator = cause.partition(":")
        if enterprise_id in column and rule in RULE_NAMES and indicator in indicators:
            mask[RULE_NAMES.index(rule), indicators.index(indicator), column[enterprise_id]] = True
    return mask


@dataclass(frozen=True)
class Assessment:
    """Every enterprise scored on its figures (:func:`assess`), not yet compared with the warnings standing."""

    rules: config.WarningRules
    data: Cube
    scores: Scores


def scan(tx: Transaction) -> dict:
    """Score every enterprise on its figures; raise, update or clear warnings.  Returns what changed.  The
    scoring reads every figure: the schedule does it on a reader (:func:`assess`), the writer only
    :func:`apply`."""
    return apply(tx, assess(tx.session))


def assess(session: Session) -> Assessment | None:
    """The figures scored (the long part of a scan: every figure read and scored); None when there are none."""
    rules = config.rules()
    data = cube(figures(session), rules.indicators)
    if data.values.shape[2] == 0:
        return None
    return Assessment(rules, data, Scorer(rules).score(data, peers(session)))


def apply(tx: Transaction, assessment: Assessment | None) -> dict:
    """Raise, update or clear warnings as ``assessment`` scored them, without the causes dismissed by now (also
    those dismissed while it was scored).  Returns what changed."""
    if assessment is None:
        return {"month": None, "warned": 0, "raised": 0, "cleared": 0}
    rules, data, scores = assessment.rules, assessment.data, assessment.scores
    excluded = _excluded(tx.session, data.enterprises, data.indicators)
    totals = scores.totals(excluded)
    month = data.months[-1]
    warned = {int(data.enterprises[c]): int(c) for c in np.flatnonzero(totals >= rules.warn_score)}
    current = {w.enterprise_id: w for w in tx.session.scalars(select(Warning).where(Warning.state.in_(ACTIVE)))}
    now, raised, cleared = utcnow(), 0, 0
    for enterprise_id, stale in current.items():
        if enterprise_id not in warned:
            stale.state, stale.updated_at, stale.closed_reason = "cleared", now, f"no longer warranted in {month}"
            tx.delete(WARNINGS, stale.id)
            cleared += 1
    names = {e.id: e for e in tx.session.scalars(select(Enterprise).where(Enterprise.id.in_(list(warned))))}
    for enterprise_id, column in warned.items():
        warning = current.get(enterprise_id)
        if warning is None:
            warning = Warning(enterprise_id=enterprise_id, state="open", raised_at=now)
            tx.session.add(warning)
            raised += 1
        warning.month, warning.score, warning.updated_at = month, float(totals[column]), now
        warning.reasons = json.dumps(reasons(scores, column, excluded, rules), ensure_ascii=False)
    tx.session.flush()
    for enterprise_id in warned:
        warning = (
            current.get(enterprise_id)
            or tx.session.scalars(
                select(Warning).where(Warning.enterprise_id == enterprise_id, Warning.state.in_(ACTIVE))
            ).one()
        )
        tx.put(WARNINGS, warning.record(names[enterprise_id]))
    return {"month": month, "warned": len(warned), "raised": raised, "cleared": cleared}


def dismiss(tx: Transaction, p: dict) -> dict:
    """Dismiss a warning with a reason: each of its causes is remembered and scores nothing for it again."""
    warning = get_or_refuse(tx.session, Warning, p["warning"], "open warning", only=lambda w: w.state in ACTIVE)
    reason = p["reason"].strip()
    if not reason:
        raise Refused("a warning is dismissed with a reason", code=ErrorCode.INVALID_PAYLOAD)
    now, who = utcnow(), tx.caller.username or ""
    known = set(tx.session.scalars(select(Dismissal.cause).where(Dismissal.enterprise_id == warning.enterprise_id)))
    for cause in {r["cause"] for r in json.loads(warning.reasons)} - known:
        tx.session.add(Dismissal(enterprise_id=warning.enterprise_id, cause=cause, reason=reason, by=who, at=now))
    warning.state, warning.closed_by, warning.closed_reason, warning.updated_at = "dismissed", who, reason, now
    tx.delete(WARNINGS, warning.id)
    return {"id": warning.id, "state": warning.state}


def series(session: Session, p: dict, caller: object) -> dict:
    """One enterprise's monthly figures for the chart: every month from its first figure to the district's latest
    (the month warnings are scanned for), and per indicator a value or None for each — a month nothing arrived is
    a gap in its place, and an enterprise that stopped reporting ends in gaps, not early."""
    rows = session.execute(
        select(IndicatorValue.indicator, IndicatorValue.month, IndicatorValue.value).where(
            IndicatorValue.enterprise_id == p["enterprise"]
        )
    ).all()
    if not rows:
        return {"months": [], "indicators": {code: [] for code in config.rules().indicators}}
    latest = session.execute(select(func.max(IndicatorValue.month))).scalar_one()  # this one's rows: there is one
    first = month_number(min(m for _, m, _ in rows))
    months = [month_name(n) for n in range(first, month_number(latest) + 1)]
    at = {m: n for n, m in enumerate(months)}
    out: dict[str, list[float | None]] = {code: [None] * len(months) for code in config.rules().indicators}
    for indicator, month, value in rows:
        if indicator in out:
            out[indicator][at[month]] = value
    return {"months": months, "indicators": out}
