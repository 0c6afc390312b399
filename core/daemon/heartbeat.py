"""The daemon's beat: a heartbeat on PUB, and what is kept per peer swept (streams, replies, locks, desks)."""

from __future__ import annotations

import asyncio

from citybrain.core.daemon.commits import Commits
from citybrain.core.daemon.desks import DeskRegister
from citybrain.core.daemon.feed import Feed
from citybrain.core.daemon.logins import Logins
from citybrain.core.daemon.replies import Replies
from citybrain.core.daemon.router import spawn
from citybrain.core.daemon.session_cache import SessionCache
from citybrain.core.daemon.throttle import audit_lock


async def beat(
    every: float,
    feed: Feed,
    sessions: SessionCache,
    replies: Replies,
    logins: Logins,
    desks: DeskRegister,
    commits: Commits,
) -> None:
    """Every ``every`` seconds, until cancelled."""
    while True:
        feed.flush()  # what is queued, before the sequence the heartbeat states
        feed.publisher.heartbeat()
        feed.private.expire(sessions.still_valid)
        replies.sweep()
        for lock in logins.throttle.sweep():  # audited beside the beat, never holding it behind the writer
            spawn(commits.write(audit_lock, lock))
        desks.sweep()
        await asyncio.sleep(every)
