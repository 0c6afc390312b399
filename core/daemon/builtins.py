"""What the core itself contributes: login, the ``import`` command, operators' units and demo seeding."""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from citybrain.core import (
    district,  # the org tree is every daemon's: its table is always created; the demo places accounts in it
    operators,
    parse_ahead,
    sheets,
)
from citybrain.core.api import (
    Caller,
    CommandSpec,
    ErrorCode,
    ImporterSpec,
    ImportRefused,
    ImportReport,
    QuerySpec,
    Refused,
    Role,
    RowError,
    Transaction,
)
from citybrain.core.operators import Operator, PasswordCheck, create_operator, set_active, verify_password
from citybrain.core.sessions import SessionInfo, open_session, revoke
from citybrain.core.storage import audit
from citybrain.core.storage.engine import Base, UTCDateTime, utcnow
from citybrain.core.write_scope import acting_for

if TYPE_CHECKING:
    from citybrain.core.plugins import PluginHost

log = logging.getLogger("citybrain.daemon")
IMPORT = "import"
DEMO_SEED = 20231101  # the same demo district on every machine

# Demo accounts, one per role, and three patrol team members who log in in the field (documented in the README;
# demo only); display names are people's names (data, in Chinese): the desk names the role itself, in its language.
DEMO_OPERATORS = [
    ("admin", "admin-demo", Role.ADMIN, "周立群"),
    ("duty", "duty-demo", Role.DUTY_LEADER, "王建华"),
    ("operator", "operator-demo", Role.OPERATOR, "李静"),
    ("wall", "wall-demo", Role.VIEWER, "视频墙"),
    ("xuncha", "xuncha-demo", Role.OPERATOR, "陈晓东"),  # inspection team (patrols demo links them)
    ("zhifa", "zhifa-demo", Role.OPERATOR, "刘振华"),  # enforcement team
    ("jiandu", "jiandu-demo", Role.OPERATOR, "孙丽萍"),  # supervision team's leader: the whole district
]
# the demo accounts placed in an org unit of the demo district once its tree is seeded: the two patrol members in
# the subdistricts they patrol (the demo org tree's codes); every other account sees the whole district
DEMO_UNITS = {"xuncha": "310109009000", "zhifa": "310109010000"}


class DemoSeed(Base):
    """Marks a database seeded with demo data, so a restart never seeds twice."""

    __tablename__ = "cb_demo_seed"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seeded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    plugins: Mapped[str] = mapped_column(String(1000))


PASSWORD_CHECKS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="citybrain-password")
# one check at a time, on a thread of its own: each costs ~0.5 s and 128 MiB (scrypt N=2^17); a burst of logins
# queues here, never in the writer (commands) or the readers (queries)


def check_password(sessions: Callable[[], Session], username: str, password: str) -> PasswordCheck:
    """Run on :data:`PASSWORD_CHECKS`: the password checked in a read-only session of its own."""
    with sessions() as session:
        return operators.check_password(session, username, password)


def login(tx: Transaction, username: str, checked: PasswordCheck) -> tuple[str | None, SessionInfo | None]:
    """Open a session for a password :func:`check_password` accepted; audited either way, never with the password,
    and a user name that names no operator is not recorded either (it is often a password typed into the wrong
    field). A weaker stored hash is replaced by the one of today's cost."""
    operator = tx.session.get(Operator, checked.operator_id) if checked.operator_id is not None else None
    if operator is not None and not operator.active:  # disabled since the check
        operator = None
    known = checked.known
    audit.record(
        tx.session,
        operator=username if known else None,
        desk=tx.caller.desk,
        command="login",
        payload=username.encode() if known else b"",
        result="ok" if operator else "error",
        error_code=None if operator else ErrorCode.UNAUTHENTICATED,
        detail=None if known else "unknown user name (not recorded)",
    )
    if operator is None:
        return None, None
    if checked.new_hash is not None:
        operator.password_hash = checked.new_hash
    return open_session(tx.session, operator, tx.caller.desk)


def logout(tx: Transaction, token: str) -> None:
    """End the session; audited with its operator (nothing is recorded for a token that was not a live session)."""
    operator = revoke(tx.session, token)
    if operator is not None:
        audit.record(
            tx.session, operator=operator.username, desk=tx.caller.desk, command="logout", payload=b"", result="ok"
        )


def import_command(importers: Mapping[str, tuple[str, ImporterSpec]]) -> CommandSpec:
    """``import``: hand a file to the importer of its kind; any row error refuses the whole file."""

    def handle(tx: Transaction, payload: dict) -> dict:
        kind = payload["kind"]
        if kind not in importers:
            raise Refused(
                f"no importer for {kind!r}; known: {', '.join(sorted(importers)) or 'none'}",
                code=ErrorCode.INVALID_PAYLOAD,
            )
        plugin, importer = importers[kind]
        filename, data = payload["filename"], payload["data"]
        try:
            if importer.max_bytes is not None and len(data) > importer.max_bytes:
                too_big = f"{len(data):,} bytes: a {kind} file holds at most {importer.max_bytes:,}"
                raise ImportRefused(ImportReport(kind, errors=[RowError(0, None, too_big)]))
            if importer.parse is not None:
                data = parse_ahead.take(importer.parse, filename, data)  # parsed on a worker thread (import_ahead)
            with acting_for(tx, plugin):  # an importer writes its own plugin's collections
                report = importer.handler(tx, filename, data)
        except ImportRefused as exc:
            if exc.report.kind:
                raise
            exc.report.kind = kind  # refused while the file was read (core.sheets: over a cap), before any row
            raise ImportRefused(exc.report) from None
        if not isinstance(report, ImportReport):
            raise TypeError(f"importer {kind!r} returned {type(report).__name__}, not ImportReport")
        if report.errors:
            raise ImportRefused(report)  # the transaction rolls back: nothing is written
        return report.as_dict()

    return CommandSpec(
        IMPORT,
        handle,
        payload={"kind": str, "filename": str, "data": bytes},
        role=Role.OPERATOR,
        title="Import a file through a plugin's importer",
    )


def import_ahead(importer: ImporterSpec | None, filename: str, data: bytes) -> AbstractContextManager:
    """An import's file parsed now (call it on a worker thread), for the ``import`` command's write transaction to
    take: the importer's own ``parse``, or, for a sheet, ``read_sheet``'s. Nothing for an unknown kind or a file
    over the importer's ``max_bytes`` (refused unread in the transaction)."""
    if importer is None or (importer.max_bytes is not None and len(data) > importer.max_bytes):
        return nullcontext()
    if importer.parse is not None:
        return parse_ahead.ahead(importer.parse, filename, data)
    return sheets.parse_ahead(filename, data) if sheets.is_sheet(filename) else nullcontext()


OPERATOR_UNIT, OPERATORS = "operators.unit", "operators.list"


def _set_unit(tx: Transaction, payload: dict) -> dict:
    """Place an operator in an org unit; their open sessions see and act within it from this commit on."""
    username, unit = payload["username"], payload.get("unit")
    if tx.session.scalar(select(Operator.id).where(Operator.username == username)) is None:
        raise Refused(
            f"no operator {username!r}", {"reason": "not_found", "key": username}, code=ErrorCode.INVALID_PAYLOAD
        )
    try:
        before = operators.set_unit(tx.session, username, unit, by=tx.caller.username, desk=tx.caller.desk)
    except ValueError as exc:
        raise Refused(str(exc), {"reason": "unknown_unit", "unit": unit}, code=ErrorCode.INVALID_PAYLOAD) from None
    return {"username": username, "unit": unit, "before": before}


def _operators(session: Session, params: dict, caller: Caller) -> list[dict]:
    return [
        {
            "username": op.username,
            "display_name": op.display_name,
            "role": op.role,
            "active": op.active,
            "unit": op.unit,
        }
        for op in session.scalars(select(Operator).order_by(Operator.username))
    ]


OPERATOR_COMMANDS = [
    CommandSpec(
        OPERATOR_UNIT,
        _set_unit,
        role=Role.ADMIN,
        payload={"username": str, "unit": str | None},
        title="Place an operator in an org unit (nil: the whole district); audited",
    )
]
OPERATOR_QUERIES = [
    QuerySpec(OPERATORS, _operators, role=Role.ADMIN, params={}, title="The operators: role, whether active, org unit")
]


def _demo_accounts(tx: Transaction, active: bool) -> list[Operator]:
    """The demo accounts now ``active`` (or not) that still have their published demo password."""
    found = []
    for username, password, _, _ in DEMO_OPERATORS:
        op = tx.session.scalar(select(Operator).where(Operator.username == username, Operator.active.is_(active)))
        if op is not None and verify_password(password, op.password_hash):
            found.append(op)
    return found


def retire_demo_accounts(tx: Transaction) -> None:
    """A start without ``--demo`` on a database once seeded with the demo: the demo accounts, whose passwords are
    in the README, are disabled (and their sessions revoked) until a start with ``--demo``."""
    if tx.session.execute(select(DemoSeed.id)).first() is None:
        return
    retired = _demo_accounts(tx, active=True)
    for op in retired:
        set_active(tx.session, op.username, False)
    if retired:
        log.warning("started without --demo: the demo accounts %s are disabled", ", ".join(o.username for o in retired))


@contextmanager
def _seeding(tx: Transaction, plugin: str) -> Iterator[None]:
    """One plugin's demo data: in a savepoint (a plugin that fails leaves nothing behind), writing its own
    collections."""
    with tx.session.begin_nested(), acting_for(tx, plugin):
        yield


def seed_demo(tx: Transaction, host: PluginHost) -> None:
    """Seed the demo district once: demo operators, then every plugin's demo data. Seeded before: the demo
    accounts a start without ``--demo`` disabled are enabled again."""
    if tx.session.execute(select(DemoSeed.id)).first() is not None:
        for op in _demo_accounts(tx, active=False):
            op.active = True
        return
    for username, password, role, display in DEMO_OPERATORS:
        if tx.session.execute(select(Operator.id).where(Operator.username == username)).first() is None:
            create_operator(tx.session, username, password, role, display_name=display)
    tx.session.flush()
    rng = random.Random(DEMO_SEED)
    seeded = host.call("citybrain_demo_data", tx=tx, rng=rng, around=lambda name: _seeding(tx, name))
    tx.session.flush()
    for username, unit in DEMO_UNITS.items():  # the tree came with the plugins' demos (none without cases)
        if tx.session.get(district.OrgUnit, unit) is not None:
            operators.set_unit(tx.session, username, unit, by=None, desk="demo")
    tx.session.add(DemoSeed(seeded_at=utcnow(), plugins=",".join(name for name, _ in seeded)[:1000]))
