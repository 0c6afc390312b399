"""A small district on a real SQLite file, the one writer and a clock the test moves."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from citybrain.core import timers
from citybrain.core.api import Caller
from citybrain.core.cases import OPEN, CaseLoop, Catalogue
from citybrain.core.daemon.timer_service import TimerService
from citybrain.core.daemon.writer import Writer
from citybrain.core.district import save_units
from citybrain.core.live import LiveState
from citybrain.core.operators import Role
from citybrain.core.storage.engine import Base, make_engine, session_factory
from citybrain.core.workcalendar import WorkCalendar
from citybrain.plugins.cases.daemon import TYPES, UNITS

SH = ZoneInfo("Asia/Shanghai")
UNITS_ROWS = [
    ("D", "虹口区", "district", None, None),
    ("S1", "欧阳路街道", "subdistrict", "D", None),
    ("C1", "第1居委会", "committee", "S1", None),
    ("P1", "某物业", "property_company", "D", None),
    ("X1", "某新村", "compound", "C1", "P1"),
    ("DEP", "城管执法局", "department", "D", None),
]
OPERATOR = Caller("operator", Role.OPERATOR, "desk-1")


@dataclass
class World:
    writer: Writer
    live: LiveState
    loop: CaseLoop
    clock: list[datetime] = field(default_factory=list)

    def run(self, fn: Any, *args: Any, caller: Caller = OPERATOR) -> Any:
        return self.writer.run_sync(fn, args, caller)[0]

    def open(self, **kw: Any) -> dict:
        args = {"source": "patrol", "type": "XQ-02", "unit": "X1", "priority": "medium", "title": "楼道堆物"} | kw
        return self.run(lambda tx: self.loop.open(tx, **args))

    def act(self, case_id: int, action: str, **kw: Any) -> dict:
        return self.run(lambda tx: self.loop.act(tx, case_id, action, **kw))

    def fire_due(self) -> int:
        """What the daemon's timer service does when the clock passes deadlines; returns how many fired."""

        async def write(fn: Callable[..., Any], *args: Any) -> Any:
            return self.run(fn, *args)

        service = TimerService(
            write, {"cases.deadline": ("cases", timers.TimerSpec("cases.deadline", self.loop.on_deadline))}
        )
        with self.writer._sessions() as session:
            service.add(timers.pending(session))
        due = service.due(self.clock[0].timestamp())
        for id_ in due:
            self.run(service._fire_one, id_)
        return service.fired

    def pending_timers(self) -> list[timers.Timer]:
        with self.writer._sessions() as session:
            return list(session.scalars(select(timers.Timer).where(timers.Timer.state == timers.PENDING)))


@pytest.fixture
def world(tmp_path) -> Iterator[World]:
    engine = make_engine(f"sqlite:///{tmp_path / 'cases.db'}")
    Base.metadata.create_all(engine)
    live = LiveState()
    live.declare(OPEN, "id")
    live.declare(UNITS, "code")
    live.declare(TYPES, "code")
    writer = Writer(session_factory(engine), live)
    clock = [datetime(2026, 11, 24, 10, 0, tzinfo=SH)]  # a Tuesday, 10:00 in Shanghai
    loop = CaseLoop(Catalogue.shipped(), WorkCalendar.shipped(), now=lambda: clock[0])
    units = [{"code": c, "name": n, "kind": k, "parent": p, "property_company": pc} for c, n, k, p, pc in UNITS_ROWS]
    writer.run_sync(lambda tx: save_units(tx.session, units))
    yield World(writer, live, loop, clock)
    writer.close()
    engine.dispose()
