"""CAP plugin, daemon half: warnings from file imports, a watched folder and polled feeds (Atom/RSS wrapping or
linking CAP), followed through their chains; suggestions of a plan for the duty leader.  No Qt here.

Configuration (``[plugins.cap]`` in daemon.toml): ``folder`` (watched; files move to ``done/`` or ``refused/``
beside a ``.why.txt``), ``feeds`` (URLs), ``poll_seconds`` (default 300).
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin

from citybrain.core.api import (
    CollectionSpec,
    CommandSpec,
    DaemonContext,
    DistrictWide,
    ImporterSpec,
    ImportRefused,
    ImportReport,
    OpenItem,
    Role,
    RowError,
    ScheduleSpec,
    TimerSpec,
    Transaction,
    hookimpl,
)
from citybrain.plugins.cap import inbox, store
from citybrain.plugins.cap.fields import declared
from citybrain.plugins.cap.inbox import EXTENSIONS
from citybrain.plugins.cap.parse import MAX_BYTES, NotCap, Parsed, parse, read

LINKS_PER_POLL = 50  # CAP documents a feed links to, fetched per poll at most


@hookimpl
@declared
def citybrain_collections() -> Iterable[CollectionSpec]:
    return [
        CollectionSpec(
            store.WARNINGS,
            key="id",
            title="CAP warnings in force",
            load=store.active,
            place=DistrictWide("a warning covers the whole district: every desk is told"),
        ),
        CollectionSpec(
            store.SUGGESTIONS,
            key="id",
            title="Plans suggested by warnings, waiting for the duty leader",
            load=store.pending,
            place=DistrictWide("the district duty leader decides whether to start a plan"),
        ),
    ]


@hookimpl
def citybrain_commands() -> Iterable[CommandSpec]:
    return [
        CommandSpec(
            "cap.accept",
            store.accept,
            role=Role.DUTY_LEADER,
            title="Accept a suggestion: activate its plan (a drill for an exercise)",
            payload={"suggestion": int, "level": str | None},
        ),
        CommandSpec(
            "cap.dismiss",
            store.dismiss,
            role=Role.DUTY_LEADER,
            title="Dismiss a suggestion, saying why",
            payload={"suggestion": int, "reason": str},
        ),
    ]


def read_alerts(filename: str, data: bytes) -> list:
    """The alerts of one CAP document (or a feed carrying CAP), no database: run by the daemon on a worker thread
    before the import (a 600,000-deep document takes seconds); refused whole, with the reason, when not CAP."""
    try:
        return list(parse(data).alerts)
    except NotCap as exc:
        raise ImportRefused(ImportReport("cap.alert", errors=[RowError(1, None, str(exc))])) from None


def import_file(tx: Transaction, filename: str, alerts: list) -> ImportReport:
    """The alerts :func:`read_alerts` read from a file, each stored once."""
    report = ImportReport("cap.alert")
    outcome = store.ingest(tx, alerts, f"file:{filename}")
    report.rows, report.imported = len(alerts), outcome["new"]
    if outcome["duplicates"]:
        report.notes.append(f"{outcome['duplicates']} alert(s) already received: kept once")
    return report


@hookimpl
def citybrain_importers() -> Iterable[ImporterSpec]:
    return [
        ImporterSpec(
            "cap.alert",
            import_file,
            title="A CAP 1.2/1.1 alert, or a feed carrying CAP",
            extensions=EXTENSIONS,
            parse=read_alerts,
            max_bytes=MAX_BYTES,
        )
    ]


async def expire(ctx: DaemonContext) -> None:
    await ctx.transact(store.expire, datetime.now(UTC))


@hookimpl
def citybrain_timers() -> Iterable[TimerSpec]:
    from citybrain.plugins.cap import demo

    return [TimerSpec(demo.TIMER, demo.arrive)]


@hookimpl
def citybrain_demo_data(tx: Transaction, rng: random.Random) -> None:
    from citybrain.plugins.cap import demo

    demo.seed(tx)


@hookimpl
def citybrain_schedules() -> Iterable[ScheduleSpec]:
    return [ScheduleSpec("cap.expire", every=60.0, handler=expire)]


def _parse_file(path: Path) -> Parsed:
    return parse(inbox.read_file(path))


def _parse_url(url: str) -> Parsed:
    return parse(inbox.fetch(url))


def _read_feed(url: str) -> Parsed:
    """The alerts a feed holds and the CAP documents it links to."""
    return read(inbox.fetch(url))


async def watch_folder(ctx: DaemonContext) -> None:
    """Every few seconds: each file dropped in the folder is ingested, then moved to done/ or refused/ (with why);
    read and parsed off the loop, every move guarded on its own (plugins/cap/inbox.py)."""
    folder = Path(ctx.config["folder"])
    for sub in ("done", "refused"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    stuck: set[str] = set()  # files that could not be moved: left alone rather than taken again and again
    while True:
        for path in inbox.waiting(folder):
            if path.name in stuck:
                continue
            try:
                alerts = (await asyncio.to_thread(_parse_file, path)).alerts
                await ctx.transact(store.ingest, alerts, f"folder:{path.name}")
                where, why = folder / "done", None
            except Exception as exc:  # noqa: BLE001 - whatever a file does, it is set aside and the watch goes on
                why = str(exc) if isinstance(exc, NotCap) else f"could not be stored: {type(exc).__name__}: {exc}"
                where = folder / "refused"
                ctx.log.warning("CAP file %s refused: %s", path.name, why)
                ctx.count_dropped("file_refused")
            if not inbox.set_aside(path, where, why, ctx.log):
                stuck.add(path.name)
        await asyncio.sleep(float(ctx.config.get("folder_seconds", 5)))


async def _linked(ctx: DaemonContext, url: str, links: list[str], fetched: set[str]) -> list[dict]:
    """The alerts of the CAP documents a feed links to: each fetched once, only http(s) on the feed's host."""
    alerts: list[dict] = []
    for link in [urljoin(url, link) for link in links if link not in fetched][:LINKS_PER_POLL]:
        fetched.add(link)
        why = inbox.link_refused(link, url)
        if why:
            ctx.log.warning("CAP feed %s: link %s not fetched: %s", url, link, why)
            ctx.count_dropped("link_refused")
            continue
        try:
            alerts += (await asyncio.to_thread(_parse_url, link)).alerts
        except (OSError, NotCap) as exc:
            ctx.log.warning("CAP document %s not taken: %s", link, exc)
    return alerts


async def poll_feeds(ctx: DaemonContext) -> None:
    """Each feed on its timer: alerts it carries, and the CAP documents it links to (each fetched once)."""
    fetched: set[str] = set()
    while True:
        for url in ctx.config["feeds"]:
            try:
                feed = await asyncio.to_thread(_read_feed, url)
                alerts = list(feed.alerts) + await _linked(ctx, url, feed.links, fetched)
            except Exception as exc:  # noqa: BLE001 - a feed down or broken: try again next time, never stop
                ctx.log.warning("CAP feed %s not read: %s", url, exc)
                continue
            await ctx.transact_batch("feed_batch_failed", store.ingest, alerts, f"feed:{url}")
        await asyncio.sleep(float(ctx.config.get("poll_seconds", 300)))


@hookimpl
def citybrain_sources(ctx: DaemonContext) -> Iterable:
    return ([watch_folder] if ctx.config.get("folder") else []) + ([poll_feeds] if ctx.config.get("feeds") else [])


@hookimpl
def citybrain_open_items(session, now: datetime) -> Iterable[OpenItem]:  # noqa: ANN001 - a SQLAlchemy Session
    """For a handover: warnings in force over the district, and suggestions the duty leader has not decided."""
    warnings = [
        OpenItem(
            "warning",
            f"{w['event']} · {w['severity']}",
            w["headline"] or w["sender_name"],
            datetime.fromisoformat(w["expires"]) if w["expires"] else None,
            f"{store.WARNINGS}/{w['id']}",
            facts={"event": w["event"], "severity": w["severity"], "text": w["headline"] or w["sender_name"]},
        )
        for w in store.active(session)
        if w["reaches_district"]
    ]
    return warnings + [
        OpenItem(
            "suggestion",
            f"{s['plan']} · {s['level']}",
            f"{s['event']}: {s['rule']}",
            None,
            f"{store.SUGGESTIONS}/{s['id']}",
            facts={key: s[key] for key in ("plan", "level", "event", "rule")},
        )
        for s in store.pending(session)
    ]
