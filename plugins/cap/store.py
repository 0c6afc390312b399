"""Warnings kept and followed: each alert once (by sender and identifier), chains followed through <references>
(an Update supersedes what it references, a Cancel ends the chain), the live list of what is in force, and the
suggestions the rules make for the duty leader."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Integer, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.api import Base, ErrorCode, Refused, Transaction, UTCDateTime, get_or_refuse, utcnow
from citybrain.plugins.cap.rules import Rules

WARNINGS, SUGGESTIONS = "cap.warnings", "cap.suggestions"
RULES = Rules.shipped()
MAX_POINTS = 400  # a polygon in the live list keeps at most this many points (the database keeps them all)


class CapAlert(Base):
    __tablename__ = "cap_alerts"
    __table_args__ = (UniqueConstraint("sender", "identifier"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sender: Mapped[str] = mapped_column(String(200))
    identifier: Mapped[str] = mapped_column(String(300))
    sent: Mapped[str] = mapped_column(String(40))
    msg_type: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    chain: Mapped[str] = mapped_column(String(520), index=True)  # sender|identifier of the chain's first alert
    state: Mapped[str] = mapped_column(String(16))  # active, updated, cancelled, cancel, expired, test
    document: Mapped[str] = mapped_column(Text)  # JSON: the alert as parsed, every info and area
    source: Mapped[str] = mapped_column(String(500))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)


class CapSuggestion(Base):
    __tablename__ = "cap_suggestions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    alert_id: Mapped[int] = mapped_column(Integer, index=True)
    chain: Mapped[str] = mapped_column(String(520), index=True)
    rule: Mapped[str] = mapped_column(String(200))
    plan: Mapped[str] = mapped_column(String(64))
    level: Mapped[str] = mapped_column(String(4))
    drill: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[str] = mapped_column(String(16), default="pending")  # pending, accepted, dismissed, superseded
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(64), default="")
    response: Mapped[int | None] = mapped_column(Integer)  # the plans plugin's response, once accepted


def _thin(polygon: list) -> list:
    step = max(1, len(polygon) // MAX_POINTS)
    return polygon[::step]


def warning_record(row: CapAlert) -> dict:
    """What desks see: the chosen language's info, the other languages, the areas (long polygons thinned)."""
    alert = json.loads(row.document)
    info = RULES.info(alert) or {}
    areas = [area | {"polygons": [_thin(p) for p in area["polygons"]]} for area in info.get("areas", [])]
    return {
        "id": row.id,
        "chain": row.chain,
        "sender": row.sender,
        "identifier": row.identifier,
        "sent": row.sent,
        "msg_type": row.msg_type,
        "status": row.status,
        "index": alert["index"],
        "source": row.source,
        "language": info.get("language", ""),
        "languages": [i["language"] for i in alert["infos"]],
        **{
            k: info.get(k, "")
            for k in (
                "event",
                "headline",
                "severity",
                "urgency",
                "certainty",
                "description",
                "instruction",
                "sender_name",
                "effective",
                "onset",
                "expires",
            )
        },
        "areas": areas,
        "reaches_district": bool(info) and RULES.reaches(info),
    }


def suggestion_record(s: CapSuggestion, warning: CapAlert) -> dict:
    info = RULES.info(json.loads(warning.document)) or {}
    return {
        "id": s.id,
        "alert": s.alert_id,
        "chain": s.chain,
        "rule": s.rule,
        "plan": s.plan,
        "level": s.level,
        "drill": bool(s.drill),
        "state": s.state,
        "event": info.get("event", ""),
        "headline": info.get("headline", ""),
        "severity": info.get("severity", ""),
        "status": warning.status,
    }


def active(session: Session) -> list[dict]:
    return [warning_record(r) for r in session.scalars(select(CapAlert).where(CapAlert.state == "active"))]


def pending(session: Session) -> list[dict]:
    rows = session.execute(
        select(CapSuggestion, CapAlert)
        .join(CapAlert, CapAlert.id == CapSuggestion.alert_id)
        .where(CapSuggestion.state == "pending")
    )
    return [suggestion_record(s, a) for s, a in rows]


def _expires(alert: dict) -> datetime | None:
    ends = [i["expires"] for i in alert["infos"] if i["expires"]]
    return datetime.fromisoformat(max(ends)) if ends else None


def _close_suggestions(tx: Transaction, chain: str, state: str) -> None:
    for s in tx.session.scalars(
        select(CapSuggestion).where(CapSuggestion.chain == chain, CapSuggestion.state == "pending")
    ):
        s.state = state
        tx.delete(SUGGESTIONS, s.id)


def ingest(tx: Transaction, alerts: list[dict], source: str, now: datetime | None = None) -> dict:
    """Keep each new alert, follow its chain, publish what is in force and what it suggests."""
    now = now or utcnow()
    new = duplicates = 0
    for alert in alerts:
        known = tx.session.scalars(
            select(CapAlert).where(CapAlert.sender == alert["sender"], CapAlert.identifier == alert["identifier"])
        ).first()
        if known is not None:
            duplicates += 1
            continue
        chain = f"{alert['sender']}|{alert['identifier']}"
        for ref in alert["references"]:
            earlier = tx.session.scalars(
                select(CapAlert).where(CapAlert.sender == ref["sender"], CapAlert.identifier == ref["identifier"])
            ).first()
            if earlier is None:
                continue  # a reference to an alert never received: this one starts the chain here
            chain = earlier.chain
            if earlier.state == "active":
                earlier.state = "cancelled" if alert["msg_type"] == "Cancel" else "updated"
                tx.delete(WARNINGS, earlier.id)
        expires = _expires(alert)
        state = (
            "cancel"
            if alert["msg_type"] == "Cancel"
            else "test"
            if alert["status"] not in ("Actual", "Exercise")
            else "expired"
            if expires is not None and expires < now
            else "active"
            if alert["msg_type"] in ("Alert", "Update")
            else alert["msg_type"].casefold()
        )
        row = CapAlert(
            sender=alert["sender"][:200],
            identifier=alert["identifier"][:300],
            sent=alert["sent"][:40],
            msg_type=alert["msg_type"],
            status=alert["status"],
            chain=chain[:520],
            state=state,
            document=json.dumps(alert, ensure_ascii=False),
            source=source[:500],
            received_at=now,
            expires=expires,
        )
        tx.session.add(row)
        tx.session.flush()
        new += 1
        if alert["msg_type"] in ("Update", "Cancel"):
            _close_suggestions(tx, row.chain, "cancelled" if alert["msg_type"] == "Cancel" else "superseded")
        if state == "active":
            tx.put(WARNINGS, warning_record(row))
            _suggest(tx, row, alert)
    return {"new": new, "duplicates": duplicates}


def _suggest(tx: Transaction, row: CapAlert, alert: dict) -> None:
    found = RULES.suggest(alert)
    if found is None:
        return
    suggestion = CapSuggestion(
        alert_id=row.id,
        chain=row.chain,
        rule=found["rule"][:200],
        plan=found["plan"],
        level=found["level"],
        drill=int(found["drill"]),
    )
    tx.session.add(suggestion)
    tx.session.flush()
    tx.put(SUGGESTIONS, suggestion_record(suggestion, row))


def _pending(tx: Transaction, suggestion_id: int) -> tuple[CapSuggestion, CapAlert]:
    s = get_or_refuse(
        tx.session, CapSuggestion, suggestion_id, "pending suggestion", only=lambda found: found.state == "pending"
    )
    return s, tx.session.get_one(CapAlert, s.alert_id)


def accept(tx: Transaction, p: dict) -> dict:
    """Activate the suggested plan (a drill for an Exercise warning) through the plans plugin."""
    s, warning = _pending(tx, p["suggestion"])
    if not tx.offers("plans.activate"):
        raise Refused("the plans plugin is not installed: nothing can be activated here")
    level = p.get("level") or s.level
    response = tx.call(
        "plans.activate",
        {"plan": s.plan, "level": level, "drill": bool(s.drill), "source_ref": f"{WARNINGS}/{warning.id}"},
    )
    s.state, s.decided_by, s.response, s.level = "accepted", tx.caller.username or "", response["id"], level
    tx.delete(SUGGESTIONS, s.id)
    return {"suggestion": s.id, "response": response}


def dismiss(tx: Transaction, p: dict) -> dict:
    s, _ = _pending(tx, p["suggestion"])
    if not (p.get("reason") or "").strip():
        raise Refused("say why: a dismissed suggestion keeps its reason", code=ErrorCode.INVALID_PAYLOAD)
    s.state, s.reason, s.decided_by = "dismissed", p["reason"].strip(), tx.caller.username or ""
    tx.delete(SUGGESTIONS, s.id)
    return {"suggestion": s.id, "state": s.state}


def expire(tx: Transaction, now: datetime) -> int:
    """Warnings past their expiry leave the live list."""
    rows = tx.session.scalars(select(CapAlert).where(CapAlert.state == "active", CapAlert.expires < now)).all()
    for row in rows:
        row.state = "expired"
        tx.delete(WARNINGS, row.id)
        _close_suggestions(tx, row.chain, "expired")
    return len(rows)
