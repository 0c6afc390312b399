"""``login`` and ``logout``: passwords checked off the loop and the writer, failed attempts throttled
(``core/daemon/throttle.py``), every outcome audited."""

from __future__ import annotations

import asyncio
from functools import partial

from citybrain.core import protocol as P
from citybrain.core.api import Caller
from citybrain.core.daemon import builtins
from citybrain.core.daemon.commits import Commits
from citybrain.core.daemon.database import Database
from citybrain.core.daemon.desks import DeskRegister
from citybrain.core.daemon.health import Health
from citybrain.core.daemon.replies import Replies
from citybrain.core.daemon.session_cache import SessionCache
from citybrain.core.daemon.throttle import LoginThrottle, audit_lock
from citybrain.core.sessions import session_body


class Logins:
    def __init__(
        self,
        commits: Commits,
        database: Database,
        sessions: SessionCache,
        replies: Replies,
        desks: DeskRegister,
        health: Health,
    ) -> None:
        self.throttle = LoginThrottle()
        self._commits = commits
        self._database = database
        self._sessions = sessions
        self._replies = replies
        self._desks = desks
        self._health = health

    async def login(self, identity: bytes, env: P.Envelope, peer: str | None = None) -> None:
        body = env.body
        username, password, desk = body.get("username"), body.get("password"), body.get("desk")
        if not isinstance(username, str) or not isinstance(password, str):
            self._replies.error(identity, env.n, P.E_INVALID_PAYLOAD, "login needs username and password strings")
            return
        caller = Caller(username, None, desk if isinstance(desk, str) else None)
        attempt = await asyncio.get_running_loop().run_in_executor(  # scrypt off the writer and the loop, in turn
            builtins.PASSWORD_CHECKS,
            self.throttle.attempt,
            username,
            peer or identity.hex(),
            partial(builtins.check_password, self._database.sessions, username, password),
            lambda c: c.operator_id is not None,
        )
        for lock in attempt.locks:
            await self._commits.write(audit_lock, lock, caller.desk)
        if attempt.checked is None:  # too soon after failures, or locked out: no hash, no audit row per attempt
            self._health.counters["logins_throttled"] += 1
            self._replies.error(
                identity,
                env.n,
                P.E_LOCKED_OUT,
                f"too many failed logins: try again in {attempt.seconds} s",
                {"retry_after": attempt.seconds},
            )
            return
        checked = attempt.checked
        token, info = await self._commits.write(builtins.login, username, checked, caller=caller)
        if token is None or info is None:
            self._health.counters["logins_failed"] += 1
            self._replies.error(identity, env.n, P.E_UNAUTHENTICATED, "wrong user name or password")
            return
        self._sessions.remember(token, info)
        self._desks.heard(identity, desk, info)
        self._replies.ok(identity, env.n, {"token": token, **session_body(info)})

    async def logout(self, identity: bytes, env: P.Envelope) -> None:
        token = env.body.get("auth")
        if isinstance(token, str):
            self._sessions.forget(token)
            desk = env.body.get("desk")
            caller = Caller(None, None, desk if isinstance(desk, str) else None)
            await self._commits.write(builtins.logout, token, caller=caller)
        self._replies.ok(identity, env.n, {})
