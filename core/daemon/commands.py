"""``command``: checked (role, payload, units), run in the one writer with its audit row, answered once.

A refusal or failure rolls the command back and is audited in a transaction of its own; a command sent again
with its ``request_id`` gets its first outcome (``core/daemon/idempotency.py``).
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from sqlalchemy.exc import DataError

from citybrain.core import protocol as P
from citybrain.core.api import Caller, ContractError, Refused, Transaction
from citybrain.core.daemon import builtins, idempotency
from citybrain.core.daemon.commits import Commits
from citybrain.core.daemon.contributions import Contributions
from citybrain.core.daemon.desks import DeskRegister
from citybrain.core.daemon.health import Health
from citybrain.core.daemon.replies import Replies, digestible, internal_error
from citybrain.core.daemon.session_cache import SessionCache
from citybrain.core.daemon.units import check_within
from citybrain.core.live import LiveState
from citybrain.core.plugins import CORE, PluginHost
from citybrain.core.sessions import authorise
from citybrain.core.storage import audit
from citybrain.core.validation import PayloadError, validate

log = logging.getLogger("citybrain.daemon")


class Commands:
    def __init__(
        self,
        contributions: Contributions,
        host: PluginHost,
        live: LiveState,
        commits: Commits,
        sessions: SessionCache,
        replies: Replies,
        desks: DeskRegister,
        health: Health,
    ) -> None:
        self.outcomes = idempotency.Outcomes()  # first outcomes of commands sent with a request_id
        self._contributions = contributions
        self._host = host
        self._live = live
        self._commits = commits
        self._sessions = sessions
        self._replies = replies
        self._desks = desks
        self._health = health

    async def command(self, identity: bytes, env: P.Envelope) -> None:
        body = env.body
        name, desk = body.get("name"), body.get("desk")
        desk = desk if isinstance(desk, str) else None
        payload = body.get("payload", {})
        session = await self._sessions.lookup(body.get("auth"))
        caller = self._sessions.caller(session, desk)
        self._desks.heard(identity, desk, session)
        registry = self._contributions
        entry = registry.commands.get(name) if isinstance(name, str) else None
        rid = None
        try:
            rid = idempotency.request_id(body)
            if entry is None:
                raise Refused(f"no command named {name!r}", code=P.E_UNKNOWN_COMMAND)
            plugin, spec = entry
            if plugin != CORE and not self._host.loaded(plugin):
                raise Refused(
                    f"plugin {plugin!r} is switched off: {self._host.states[plugin].error}", code=P.E_PLUGIN_DISABLED
                )
            authorise(session, spec.role, name)
            payload = validate(spec.payload, payload)
            check_within(self._sessions.scope_of(session), spec.within, payload, registry.placed(self._live), name)
            if name == builtins.IMPORT and payload["kind"] in registry.importers:
                authorise(session, registry.importers[payload["kind"]][1].role, f"import {payload['kind']}")
            handler = spec.handler
        except (Refused, PayloadError) as exc:
            await self._refuse(identity, env.n, caller, name, payload, exc, rid)
            return

        def work(tx: Transaction, payload: dict) -> Any:
            result = handler(tx, payload)
            audit.record(
                tx.session, operator=caller.username, desk=desk, command=name, payload=digestible(payload), result="ok"
            )
            return result

        try:
            with await self._parse_ahead(name, payload):
                once = self.outcomes.once(work, caller, name, digestible(payload), rid)
                result = await self._commits.write(once, payload, caller=caller, plugin=plugin)
        except idempotency.Repeated as seen:  # sent before: its first outcome again, nothing written
            self._health.counters["commands_repeated"] += 1
            self._replies.send(identity, seen.reply(env.n, self._live.seq))
            return
        except Exception as exc:
            await self._refuse(identity, env.n, caller, name, payload, exc, rid)
            return
        self._health.counters["commands_ok"] += 1
        self._replies.ok(identity, env.n, {"result": result, "seq": self._live.seq})

    async def _parse_ahead(self, name: str, payload: dict) -> AbstractContextManager:
        """An import's file parsed in a worker thread before its write transaction, which takes that parse: the
        single writer never waits on a parse (docs/architecture.md, "Sheets are streamed")."""
        if name != builtins.IMPORT:
            return nullcontext()
        importer = self._contributions.importers.get(payload["kind"], (None, None))[1]
        return await asyncio.to_thread(builtins.import_ahead, importer, payload["filename"], payload["data"])

    async def _refuse(
        self,
        identity: bytes,
        corr: int,
        caller: Caller,
        name: Any,
        payload: Any,
        exc: Exception,
        rid: str | None = None,
    ) -> None:
        """Audit the refusal in a transaction of its own (the command's rolled back), then reply."""
        code: str
        details: Any
        if isinstance(exc, PayloadError):
            code, message, details = P.E_INVALID_PAYLOAD, str(exc), exc.problems
        elif isinstance(exc, Refused):
            code, message, details = exc.code, exc.message, exc.details
        elif isinstance(exc, DataError):  # a value the database cannot hold (too long for its column, out of range)
            code, message, details = (
                P.E_INVALID_PAYLOAD,
                internal_error(exc, f"command {name}", "a value does not fit what the database holds"),
                None,
            )
        elif isinstance(exc, ContractError):  # a plugin's defect, said as it is: names only plugins and a collection
            log.error("command %s failed: %s", name, exc)
            code, message, details = P.E_FAILED, str(exc), {"writer": exc.writer, "owner": exc.owner}
        else:
            code, message, details = P.E_FAILED, internal_error(exc, f"command {name}"), None
        self._health.counters["commands_failed"] += 1

        def record(tx: Transaction) -> None:
            audit.record(
                tx.session,
                operator=caller.username,
                desk=caller.desk,
                command=str(name)[:128],
                payload=digestible(payload),
                result="error",
                error_code=code,
                detail=message[:500],
            )
            self.outcomes.keep_refusal(tx, caller, name, digestible(payload), rid, code, message, details)

        await self._commits.write(record)
        self._replies.error(identity, corr, code, message, details)
