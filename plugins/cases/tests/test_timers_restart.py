"""Deadlines survive a daemon killed with SIGKILL: what fell due while it was down fires once on start,
and nothing fires twice."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial

from sqlalchemy import func, select

from citybrain.core import timers
from citybrain.core.cases import OPEN, CaseEvent, CaseLoop, Catalogue
from citybrain.core.client import FeedClient
from citybrain.core.daemon.writer import Writer
from citybrain.core.district import save_units
from citybrain.core.live import LiveState
from citybrain.core.operators import Role, create_operator
from citybrain.core.storage.engine import make_engine, session_factory, sqlite_url, utcnow
from citybrain.core.storage.schema import CORE_SCHEMA, prepare_schema
from citybrain.core.testing.process import DaemonProcess
from citybrain.core.workcalendar import WorkCalendar
from citybrain.plugins.cases.tests.conftest import UNITS_ROWS


def _minutes_ago(minutes: int) -> datetime:
    return utcnow() - timedelta(minutes=minutes)


def _prepare(data_dir, opened_minutes_ago: list[int]) -> list[int]:
    """Offline, before the daemon ever runs: the tree and one fire-lane case per age (10 minutes to accept)."""
    engine = make_engine(sqlite_url(data_dir))
    prepare_schema(engine, [CORE_SCHEMA])
    live = LiveState()
    live.declare(OPEN, "id")
    writer = Writer(session_factory(engine), live)
    writer.run_sync(
        lambda tx: save_units(
            tx.session,
            [{"code": c, "name": n, "kind": k, "parent": p, "property_company": pc} for c, n, k, p, pc in UNITS_ROWS],
        )
    )
    writer.run_sync(lambda tx: create_operator(tx.session, "watch", WATCH, Role.VIEWER))  # open cases need a session
    ids = []
    for minutes in opened_minutes_ago:
        loop = CaseLoop(Catalogue.shipped(), WorkCalendar.shipped(), now=partial(_minutes_ago, minutes))
        case, _ = writer.run_sync(
            partial(loop.open, source="sensor", type="XQ-03", unit="X1", priority="medium", title="消防通道占用")
        )
        ids.append(case["id"])
    writer.close()
    engine.dispose()
    return ids


WATCH = "watch-pass"


def _sessions(data_dir):
    return session_factory(make_engine(sqlite_url(data_dir)))


def _escalations(data_dir, case_id: int) -> int:
    with _sessions(data_dir)() as session:
        return session.scalar(select(func.count()).where(CaseEvent.case_id == case_id, CaseEvent.action == "escalate"))


def _owner_is(client: FeedClient, case_id: int, owner: str) -> bool:
    return (client.replica.get(OPEN, case_id) or {}).get("owner") == owner


def test_a_deadline_that_passed_while_the_daemon_was_down_fires_once_after_a_kill_9(tmp_path):
    data_dir = tmp_path / "daemon"
    late, later = _prepare(data_dir, [60, 0])  # one fell due 50 minutes ago; the other is due in 10 minutes
    daemon = DaemonProcess(data_dir, plugins={"cases": "citybrain.plugins.cases.daemon"}, demo=False).start()
    client = FeedClient(daemon.endpoint).start()
    try:
        client.login("watch", WATCH)
        client.wait_for(lambda s: _owner_is(client, late, "C1"), timeout=60)  # fired on start
        assert _owner_is(client, later, "P1")  # not due: untouched
        daemon.kill()

        with _sessions(data_dir)() as session:  # time passes while the daemon is down: the second falls due
            timer = session.scalars(
                select(timers.Timer).where(timers.Timer.key == str(later), timers.Timer.state == timers.PENDING)
            ).one()
            timer.due_at = utcnow() - timedelta(minutes=1)
            session.commit()
        daemon.start()
        client.wait_for(lambda s: _owner_is(client, later, "C1"), timeout=60)
        # the sweep that escalated the second ran over every due timer: the first did not go again
        assert _escalations(data_dir, late) == 1 and _escalations(data_dir, later) == 1
        assert _owner_is(client, late, "C1")
        with _sessions(data_dir)() as session:
            states = dict(session.execute(select(timers.Timer.state, func.count()).group_by(timers.Timer.state)).all())
        assert states[timers.FIRED] == 2 and states[timers.PENDING] == 2  # each case waits for C1 to accept now
    finally:
        client.stop()
        daemon.stop()
