"""``query``: checked (role, params, units), read on a reader thread, cut to the session's units; a query of
personal data is audited whoever asks, answered or refused. Answers a peer has not read are bounded
(``intake.AnswerBudget``)."""

from __future__ import annotations

from typing import Any

from citybrain.core import protocol as P
from citybrain.core.api import Caller, Refused
from citybrain.core.daemon.commits import Commits
from citybrain.core.daemon.contributions import Contributions
from citybrain.core.daemon.database import Database
from citybrain.core.daemon.health import Health
from citybrain.core.daemon.replies import Replies, digestible
from citybrain.core.daemon.session_cache import SessionCache
from citybrain.core.daemon.units import check_within
from citybrain.core.live import LiveState
from citybrain.core.operators import Role
from citybrain.core.plugins import CORE, PluginHost
from citybrain.core.sessions import authorise
from citybrain.core.storage import audit
from citybrain.core.validation import PayloadError, validate


class Queries:
    def __init__(
        self,
        contributions: Contributions,
        host: PluginHost,
        live: LiveState,
        database: Database,
        commits: Commits,
        sessions: SessionCache,
        replies: Replies,
        health: Health,
    ) -> None:
        self._contributions = contributions
        self._host = host
        self._live = live
        self._database = database
        self._commits = commits
        self._sessions = sessions
        self._replies = replies
        self._health = health

    async def query(self, identity: bytes, env: P.Envelope) -> None:
        if self._answers_waiting(identity, env):  # none queued behind them
            return
        body = env.body
        name = body.get("name")
        entry = self._contributions.queries.get(name) if isinstance(name, str) else None
        session = await self._sessions.lookup(body.get("auth"))
        caller = Caller(session.username if session else None, session.role if session else None, body.get("desk"))
        try:
            if entry is None:
                raise Refused(f"no query named {name!r}", code=P.E_UNKNOWN_QUERY)
            plugin, spec = entry
            if plugin != CORE and not self._host.loaded(plugin):
                raise Refused(f"plugin {plugin!r} is switched off", code=P.E_PLUGIN_DISABLED)
            if spec.personal or spec.role > Role.VIEWER or spec.within or spec.place:  # never without a session:
                authorise(session, spec.role, name)  # personal data, or an answer cut to the session's unit
            params = validate(spec.params, body.get("params", {}), "params")
            scope = self._sessions.scope_of(session)
            check_within(scope, spec.within, params, self._contributions.placed(self._live), name)
            result = await self._database.read(spec.handler, params, caller)
            if scope is not None and spec.place is not None and isinstance(result, list):
                result = [row for row in result if isinstance(row, dict) and scope.has(row.get(spec.place))]
        except (PayloadError, Refused) as exc:
            code, message, details = (
                (P.E_INVALID_PAYLOAD, str(exc), exc.problems)
                if isinstance(exc, PayloadError)
                else (exc.code, exc.message, exc.details)
            )
            if entry is not None and entry[1].personal:
                await self._audit_read(caller, name, body.get("params"), code, message)
            self._health.counters["queries_failed"] += 1
            self._replies.error(identity, env.n, code, message, details)
            return
        if self._answers_waiting(identity, env):  # the budget filled while this one was read (queries run at once)
            return
        if spec.personal:
            await self._audit_read(caller, name, params, None, None)
        self._health.counters["queries"] += 1
        self._replies.answers.send(identity, P.encode(P.OK, env.n, {"result": result}))

    def _answers_waiting(self, identity: bytes, env: P.Envelope) -> bool:
        """Refuse ``busy`` when this peer's earlier answers still wait to be read past the budget."""
        if not self._replies.answers.busy(identity):
            return False
        self._replies.busy(identity, env.n, "this peer's earlier answers are still being sent")
        return True

    async def _audit_read(self, caller: Caller, name: Any, params: Any, code: str | None, message: str | None) -> None:
        """Who read which personal data (or was refused it): an audit row ``query NAME``, like a command's."""
        desk = caller.desk if isinstance(caller.desk, str) else None
        await self._commits.write(
            lambda tx: audit.record(
                tx.session,
                operator=caller.username,
                desk=desk,
                command=f"query {name}",
                payload=digestible(params),
                result="error" if code else "ok",
                error_code=code,
                detail=message[:500] if message else None,
            )
        )
