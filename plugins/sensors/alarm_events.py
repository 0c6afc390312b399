"""An alarm's own history: one row per change of it (raised, acknowledged with its comment, claimed, shelved with
its reason, back from the shelf, re-alarmed, back to normal, on again, taken to the district, cleared), written
in the transaction that makes the change, so the history and the alarm never disagree.  Query
``sensors.alarm_history`` answers them in order for the alarm detail's history (Ctrl+H).  No Qt here.

Each row says when, what (``kind``), who (an operator's user name, or ``system`` for the ingest, a timer or the
case loop), the alarm's state after it, and the words that came with it (a comment, a reason, a case's
outcome) — data, shown as written; ``until`` for a claim's or a shelf's end."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core.api import Base, Caller, Transaction, UTCDateTime, get_or_refuse
from citybrain.core.times import utc_iso

if TYPE_CHECKING:
    from citybrain.plugins.sensors.alarms import Alarm

SYSTEM = "system"
MOST = 1000  # events one answer carries (the newest): a chattering detector's year stays readable


class AlarmEvent(Base):
    __tablename__ = "sensors_alarm_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    alarm: Mapped[int] = mapped_column(Integer, index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    kind: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))  # the alarm's state after the change
    by: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text, default="")
    until: Mapped[datetime | None] = mapped_column(UTCDateTime())

    def record(self) -> dict:
        return {
            "at": utc_iso(self.at),
            "kind": self.kind,
            "state": self.state,
            "by": self.by,
            "text": self.text,
            "until": utc_iso(self.until),
        }


def note(
    tx: Transaction,
    alarm: Alarm,
    kind: str,
    at: datetime,
    *,
    operator: bool = False,
    text: str = "",
    until: datetime | None = None,
) -> None:
    """One change of ``alarm`` (flushed: it has its id), in the caller's transaction.
    ``operator``: the caller did it (a command); otherwise the system did (ingest, timers, the case loop)."""
    who = (tx.caller.username or SYSTEM) if operator else SYSTEM
    tx.session.add(
        AlarmEvent(alarm=alarm.id, at=at, kind=kind, state=alarm.state, by=who, text=text or "", until=until)
    )


def alarm_history(session: Session, params: dict, caller: Caller) -> dict:
    """The alarm's events in the order they were written, oldest first (the newest ``MOST`` when there are more):
    a device's clock may be off by minutes, so its "raised" time is not what orders them."""
    from citybrain.plugins.sensors.alarms import Alarm  # noqa: F811 - at run time (alarms imports this module)

    alarm = get_or_refuse(session, Alarm, params["alarm"], "alarm")
    rows = session.scalars(
        select(AlarmEvent).where(AlarmEvent.alarm == alarm.id).order_by(AlarmEvent.id.desc()).limit(MOST)
    ).all()  # in the order they happened
    return {"alarm": alarm.record(), "events": [r.record() for r in reversed(rows)]}
