"""The daemon-side plugin API: everything a plugin's ``daemon.py`` may use.

A plugin contributes by returning these specs from the hooks in
:mod:`citybrain.core.hookspecs`.  Handlers get a :class:`Transaction` (the
one writer's database session plus staged feed changes) or a read-only
session; nothing reaches the feed before the transaction commits.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

import pluggy
from sqlalchemy.orm import Session

from citybrain.core import hookspecs
from citybrain.core.catalogues import Configured, entries, read_catalogue
from citybrain.core.config import bundled
from citybrain.core.exports import append_row, workbook_bytes, write_cell
from citybrain.core.forms import FieldDef, FormDef, FormError, bundled_form, load_form
from citybrain.core.kpis import sum_kpi
from citybrain.core.operators import Role, operator_exists
from citybrain.core.plugins import PluginStatus
from citybrain.core.protocol import ErrorCode
from citybrain.core.storage.audit import record as audit_record, tail as audit_tail
from citybrain.core.storage.bulk import append_columns, append_rows
from citybrain.core.storage.engine import Base, UTCDateTime, utcnow
from citybrain.core.storage.frames import read_frame
from citybrain.core.storage.guards import refuse_changes
from citybrain.core.storage.schema import SchemaInfo
from citybrain.core.tags import (
    Explanation,
    Node,
    RuleValues,
    TagDef,
    TagError,
    TagResult,
    columns_of,
    evaluate as evaluate_tags,
    leaves,
    load_tags,
    parse_rule,
    tags_of,
)
from citybrain.core.timers import TimerInfo, TimerSpec
from citybrain.core.validation import PayloadSpec, fits, one_of, too_long
from citybrain.core.write_scope import ContractError

hookimpl = pluggy.HookimplMarker(hookspecs.PROJECT)

Record = dict[str, Any]

__all__ = [
    "Base",
    "Caller",
    "CollectionSpec",
    "CommandSpec",
    "ContractError",
    "DaemonContext",
    "DistrictWide",
    "ErrorCode",
    "ImportRefused",
    "ImportReport",
    "ImporterSpec",
    "MetricSpec",
    "OpenItem",
    "PluginStatus",
    "QuerySpec",
    "Record",
    "Refused",
    "Restricted",
    "Role",
    "RowError",
    "ScheduleSpec",
    "SchemaInfo",
    "TimerInfo",
    "TimerSpec",
    "Transaction",
    "UTCDateTime",
    "Within",
    "append_columns",
    "append_row",
    "append_rows",
    "audit_record",
    "audit_tail",
    "aware_time",
    "bundled",
    "fits",
    "get_or_refuse",
    "hookimpl",
    "in_unit",
    "limit_of",
    "not_found",
    "one_of",
    "operator_exists",
    "outside_unit",
    "read_frame",
    "refuse_changes",
    "sum_kpi",
    "too_long",
    "tr_noop",
    "utcnow",
    "with_fields",
    "workbook_bytes",
    "write_cell",
    "Explanation",
    "TagDef",
    "TagError",
    "TagResult",
    "evaluate_tags",
    "load_tags",  # tags: core/tags/ (definitions, evaluation)
    "FieldDef",
    "FormDef",
    "FormError",
    "bundled_form",
    "load_form",  # forms: core/forms.py
    "Node",
    "RuleValues",
    "columns_of",
    "leaves",
    "parse_rule",
    "tags_of",  # the rule language, for other catalogues written in it (core/tags/rules.py)
    "Configured",
    "entries",
    "read_catalogue",  # a plugin's catalogue files: read bounded, shipped or a district's own (core/catalogues.py)
]


def tr_noop(context: str, text: str) -> str:
    """Marks a daemon-side string the desk translates (a KPI's title: ``tr(context, text)`` there); returns it as is.
    ``make translations`` collects it like the desk's own strings."""
    return text


class Refused(Exception):
    """Raise from a handler to refuse a request with a clear message; nothing is written.

    ``code`` is an :class:`ErrorCode`: ``REFUSED`` (the default) when a business rule says no,
    ``INVALID_PAYLOAD`` when the request itself is wrong (a value out of range, a record that is not there),
    ``FORBIDDEN`` when the caller's role may not; ``details`` travels to the desk as is (``{"reason": ...}``
    picks the desk's sentence).
    """

    def __init__(self, message: str, details: Any = None, code: str = ErrorCode.REFUSED):
        super().__init__(message)
        self.message = message
        self.details = details
        self.code = code


def aware_time(value: str, field: str) -> datetime:
    """An ISO time from a payload, with its time zone; refused (saying which field and why) otherwise."""
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise Refused(f"{field} {value!r} is not an ISO time", code=ErrorCode.INVALID_PAYLOAD) from None
    if moment.tzinfo is None:
        raise Refused(f"{field} needs a time zone (2026-11-24T21:05:00+08:00)", code=ErrorCode.INVALID_PAYLOAD)
    return moment


def limit_of(params: dict, default: int = 500, most: int = 10_000) -> int:
    """A query's ``limit`` (how many records to send back): ``default`` when absent; refused outside 1..``most``.

    The ceiling bounds what one request costs (docs/protocol.md, "Limits"): 100,000 12345 tickets were a 28.5 MB
    answer and 26 s of a reader thread, to a peer with no session; 10,000 are under 3 MB."""
    limit = params.get("limit") or default
    if not 1 <= limit <= most:
        raise Refused(f"limit is from 1 to {most:,} records", code=ErrorCode.INVALID_PAYLOAD)
    return limit


Row = TypeVar("Row")
T = TypeVar("T")


def not_found(what: str, key: Any, reason: str = "not_found") -> Refused:
    """The refusal for a request naming a record that is not there (or no longer in a state to act on):
    ``invalid_payload``, "no {what} {key!r}", ``details={"reason": reason, "key": key}`` (the desk's sentence is
    picked by ``reason``).  ``raise not_found("plan", code)`` where a lookup is not by primary key."""
    return Refused(f"no {what} {key!r}", {"reason": reason, "key": key}, code=ErrorCode.INVALID_PAYLOAD)


def get_or_refuse(
    session: Session,
    model: type[Row],
    key: Any,
    what: str,
    *,
    only: Callable[[Row], bool] | None = None,
    reason: str = "not_found",
) -> Row:
    """The row of ``model`` whose primary key is ``key``; refused with :func:`not_found` when there is none, or when
    ``only(row)`` is false: ``get_or_refuse(tx.session, Swap, p["swap"], "pending swap", only=lambda s: s.state ==
    "pending")`` refuses "no pending swap 7"."""
    row = session.get(model, key)
    if row is None or (only is not None and not only(row)):
        raise not_found(what, key, reason)
    return row


def in_unit(frame: Any, column: str, caller: Caller) -> Any:
    """The rows of a pandas frame whose ``column`` (an org unit code) places them in the caller's unit: a scoped
    aggregate's input (``QuerySpec(scoped=True)``); every row for a caller who sees the whole district."""
    return frame if caller.units is None else frame[frame[column].isin(caller.units)]


@dataclass(frozen=True)
class Caller:
    """Who sent a request: the operator's session and the desk it came from."""

    username: str | None
    role: Role | None
    desk: str | None
    unit: str | None = None  # the operator's org unit; None: the whole district (docs/protocol.md, "Units")
    units: frozenset[str] | None = None  # the org units the caller sees (its unit's subtree); None: the whole district

    def sees(self, place: Any) -> bool:
        """Whether a record placed at ``place`` (an org unit code) lies in the caller's unit: an aggregate a query
        answers (``QuerySpec(scoped=True)``) counts only such records (docs/protocol.md, "Units")."""
        return self.units is None or place in self.units

    def outside(self, field: str, value: Any) -> Refused:
        """The refusal of a request acting on ``value`` (payload ``field``) outside the caller's unit."""
        return outside_unit(field, value, self.unit)


def outside_unit(field: str, value: Any, unit: str | None, what: str = "") -> Refused:
    """``forbidden``, ``outside_unit``: what payload ``field`` names (``value``) lies outside ``unit``'s subtree."""
    return Refused(
        f"{what + ': ' if what else ''}{field} {value!r} is outside unit {unit}",
        {"reason": "outside_unit", "field": field, "unit": unit},
        code=ErrorCode.FORBIDDEN,
    )


class Transaction(Protocol):
    """What a write handler gets: a session on the one writer, and staged feed changes."""

    session: Session
    caller: Caller

    def put(self, collection: str, record: Record) -> None:
        """Upsert ``record`` in a live collection once the transaction commits."""

    def delete(self, collection: str, key: Hashable) -> None:
        """Remove a record from a live collection once the transaction commits."""

    def get(self, collection: str, key: Hashable) -> Record | None:
        """The live record as it will be after this transaction's staged changes."""

    def set_timer(self, kind: str, key: str, due_at: datetime, payload: dict | None = None) -> None:
        """A durable timer: at ``due_at`` the plugin's TimerSpec for ``kind`` runs once, even across restarts.

        Setting ``(kind, key)`` again moves it; it is part of this transaction (rolled back with it).
        """

    def cancel_timer(self, kind: str, key: str) -> bool:
        """Cancel the pending timer ``(kind, key)``; False if there was none."""

    def open_items(self, now: datetime) -> list[OpenItem]:
        """Everything still waiting for someone, from every plugin (``citybrain_open_items``): urgent, then high
        priority items, then the rest; within each, the longest due first (undated last)."""

    def offers(self, name: str) -> bool:
        """Whether a command or query ``name`` is there (another plugin's, installed and switched on)."""

    def call(self, name: str, payload: dict | None = None) -> Any:
        """Run another plugin's command (in this transaction: it commits or rolls back with yours) or query, with
        its payload checked and the caller's role too; refused when it is not there (check ``offers`` first)."""


class DaemonContext(Protocol):
    """A plugin's handle on the daemon, scoped to its name: what ``citybrain_start``, schedules and sources get.

    A Protocol, as :class:`Transaction` is: the daemon implements it (``core/daemon/context.py``), which imports
    this module, and a plugin types against it without importing the daemon.
    """

    plugin: str
    config: Mapping[str, Any]  # the plugin's ``[plugins.NAME]`` section of daemon.toml, read-only
    demo: bool  # the demo district: simulators may run
    folder: Path  # the plugin's own folder in the daemon's data folder (its outboxes, caches): made when first needed
    log: logging.Logger

    async def transact(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(tx, *args)`` in the one writer; its staged changes are published after commit."""
        ...

    async def transact_batch(self, reason: str, fn: Callable[..., T], *args: Any) -> T | None:
        """Like :meth:`transact`, for a source's batch: a batch that fails is logged, counted as dropped under
        ``reason`` and dropped, and None is returned; the source goes on rather than switching its plugin off."""
        ...

    async def read(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(session, *args)`` on a reader thread (never blocks the loop)."""
        ...

    def publish(self, collection: str, put: Iterable[Record] = (), delete: Iterable[Hashable] = ()) -> None:
        """Change a volatile collection (no database behind it) right away; loop thread only."""

    def count_dropped(self, reason: str, n: int = 1) -> None:
        """Count input this plugin dropped (malformed, unknown, duplicate…) by reason: the system view shows them."""

    def records(self, collection: str) -> Mapping[Hashable, Record]:
        """A read-only view of a live collection as every desk sees it."""
        ...

    def metrics(self) -> list[MetricSpec]:
        """Every KPI the loaded plugins contribute (``citybrain_metrics``), each with its plugin's name."""
        ...

    def stats(self) -> dict[str, Any]:
        """Daemon health: uptime, sequence, update rate, desks, counters, plugin states."""
        ...


@dataclass(frozen=True)
class OpenItem:
    """Something still waiting for someone: what a shift hands over to the next one.

    ``kind`` says what it is (``incident``, ``case``, ``alarm``, ``shelved``, ``reminder``, or a plugin's own);
    ``ref`` is ``collection/key`` when a desk can open it; ``plugin`` is filled in by the daemon.  ``facts`` are
    the item's parameters as codes and numbers (``{"state": "dispatched", "owner": "310109…"}``): a desk words
    them in its own language; ``title`` and ``detail`` are the plain fallback for a desk that knows no words for them.
    ``priority`` (``urgent``, ``high``, ``medium``, ``low``: the alarm scale) puts urgent and high items at the top
    of a handover, before everything else however old (``Transaction.open_items``).
    """

    kind: str
    title: str
    detail: str = ""
    due_at: datetime | None = None
    ref: str = ""
    plugin: str = ""
    facts: dict = field(default_factory=dict)
    priority: str | None = None

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "title": self.title,
            "detail": self.detail,
            "ref": self.ref,
            "plugin": self.plugin,
            "due_at": self.due_at.isoformat(timespec="seconds") if self.due_at else None,
            "facts": self.facts,
            "priority": self.priority,
        }


@dataclass(frozen=True)
class Restricted:
    """Fields of a collection's records that only some may read (phone numbers, contacts, ID numbers).

    The daemon takes them out of every record it sends as the public collection and sends them, with the
    record's key, as the collection ``name`` (keyed like the original) to sessions holding ``read_role``.
    Handlers keep putting whole records; ``tx.get`` and ``ctx.records`` see them whole.
    """

    name: str
    fields: tuple[str, ...]
    read_role: Role = Role.OPERATOR


@dataclass(frozen=True)
class CollectionSpec:
    """A live collection replicated to every desk allowed to read it.

    ``load`` rebuilds it from the database when the daemon starts; collections
    without ``load`` start empty (volatile state such as daemon health).
    ``read_role``: None, public (any connected peer, logged in or not);
    ``Role.VIEWER``, any session (the video wall's); a higher role, a session
    with at least that role.  A desk that may not read a collection is never
    sent its records, in a snapshot or on the feed (docs/protocol.md).
    ``restricted`` splits personal fields off a collection that stays readable
    by more people (org unit names for everyone, their contacts for operators).
    ``fields`` declares what each record holds, in a payload's notation
    (``{"id": int, "state": Literal["open", "closed"], "note": str | None}``;
    ``X | None``: may be nil or absent): ``describe`` and docs/reference.md
    tell clients from it, and the conformance kit checks records against it.
    ``place`` names the record field holding the org unit code that places a
    record in the org tree (a case's ``owner``, an alarm's ``compound``): a
    session whose operator belongs to a unit is sent only the records placed
    in that unit's subtree, and a record that moves out of it is deleted from
    its replica (docs/protocol.md, "Units").  A placed collection is never
    public: it needs a session (``read_role`` at least ``Role.VIEWER``).
    A collection whose records belong to no unit declares so, with the reason: ``place=DistrictWide("the
    district's duty room")``; every reader gets every record.  Every collection declares one or the other (the
    daemon warns at start about one that does not; the built-in plugins' test refuses it).
    """

    name: str
    key: str = "id"
    title: str = ""
    load: Callable[[Session], Iterable[Record]] | None = None
    read_role: Role | None = None
    restricted: Restricted | None = None
    fields: PayloadSpec | None = None
    place: str | DistrictWide | None = None

    @property
    def place_field(self) -> str | None:
        """The field placing each record in the org tree; None: every reader gets every record."""
        return self.place if isinstance(self.place, str) else None


@dataclass(frozen=True)
class DistrictWide:
    """A collection's declaration that its records are not placed in the org tree: every desk allowed to read it
    gets all of it (reference data, the district duty room's own work).  ``why`` says why, in ``describe``."""

    why: str


@dataclass(frozen=True)
class Within:
    """What a command or query acts on, checked against the caller's unit before its handler runs.

    ``Within("case", "cases.open")``: the payload field ``case`` holds the key of a record of the placed collection
    ``cases.open``; the record's place must be in the caller's subtree.  ``Within("unit")``: the field holds an org
    unit's code, which must be in the subtree.  A field absent or nil is not checked; a key not in the live
    collection is refused too for a session scoped to a unit (it cannot be shown to be its own).  Refused with
    ``forbidden``, ``details`` ``{"reason": "outside_unit", "field": ..., "unit": the caller's unit}``.
    """

    field: str
    collection: str | None = None


def with_fields(
    fields: Mapping[str, PayloadSpec],
) -> Callable[[Callable[[], Iterable[CollectionSpec]]], Callable[[], list[CollectionSpec]]]:
    """Decorates a plugin's ``citybrain_collections`` (under ``@hookimpl``): each collection it returns gets
    ``fields[name]`` as its record fields, so they can live in a module of their own."""

    def decorate(hook: Callable[[], Iterable[CollectionSpec]]) -> Callable[[], list[CollectionSpec]]:
        def collections() -> list[CollectionSpec]:
            return [replace(spec, fields=fields.get(spec.name, spec.fields)) for spec in hook() or ()]

        collections.__name__, collections.__doc__ = hook.__name__, hook.__doc__
        return collections

    return decorate


@dataclass(frozen=True)
class CommandSpec:
    """A write request.  ``handler(tx, payload) -> result`` runs in the one writer.

    ``payload`` declares the accepted fields (see :mod:`citybrain.core.validation`);
    ``role`` is the least role allowed to send it.
    """

    name: str
    handler: Callable[[Transaction, dict], Any]
    payload: PayloadSpec | None = None
    role: Role = Role.OPERATOR
    title: str = ""
    within: tuple[Within, ...] = ()  # what it acts on, each in the caller's unit's subtree (docs/protocol.md, "Units")


@dataclass(frozen=True)
class QuerySpec:
    """A read request answered from the database: ``handler(session, params, caller) -> result``.

    A query at ``Role.VIEWER`` that is not ``personal`` is answered to any connected peer, logged in or not
    (aggregates, history without people).  ``personal``: it returns personal data (names with phone numbers,
    contacts, ID numbers, the audit, an export): it needs a session holding ``role`` (never answered without
    one, whatever ``role`` says) and every answer or refusal is written to the audit log (who read what).
    ``scoped``: an aggregate (statistics, a KPI's records) of records placed in the org tree; it needs a session,
    and the handler counts only the records in the caller's unit (``caller.sees(place)``, or
    :func:`in_unit` on a frame), so a subdistrict's desk gets its subdistrict's figures (docs/protocol.md, "Units").
    """

    name: str
    handler: Callable[[Session, dict, Caller], Any]
    params: PayloadSpec | None = None
    role: Role = Role.VIEWER
    title: str = ""
    personal: bool = False
    within: tuple[Within, ...] = ()  # what it reads, each in the caller's unit's subtree (docs/protocol.md, "Units")
    place: str | None = None  # a list answer: each row's field placing it in the org tree; rows outside are left out
    scoped: bool = False  # an aggregate over placed records: the handler counts only those ``caller.sees``


REPORTED_ERRORS = 100  # row errors an import's reply lists; the rest are counted (``errors_total``)
REPORTED_COLUMN = 80  # characters of a column name in a reply (a header cell may hold 32,767)
REPORTED_MESSAGE = 300  # characters of a row error's message in a reply (it may quote a cell)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class RowError:
    row: int  # 1-based data row as a person counts it in the file (header is row 1 in sheets)
    column: str | None
    message: str

    def as_dict(self) -> dict:
        """As sent: the column name and the message cut to a bound (marked "…"), so a reply stays small."""
        return {
            "row": self.row,
            "column": None if self.column is None else _cut(self.column, REPORTED_COLUMN),
            "message": _cut(self.message, REPORTED_MESSAGE),
        }


@dataclass
class ImportReport:
    """Row-by-row outcome of an import; ``errors`` empty means every row was accepted.

    ``as_dict`` (the reply) lists the first ``REPORTED_ERRORS`` errors and counts them all in ``errors_total``: a
    sheet of 100,000 bad rows is refused with a reply under 128 KiB, not one of every row.
    """

    kind: str
    rows: int = 0
    imported: int = 0
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the importer wants said: the column mapping it read with

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "rows": self.rows,
            "imported": self.imported,
            "errors": [e.as_dict() for e in self.errors[:REPORTED_ERRORS]],
            "errors_total": len(self.errors),
            "notes": [_cut(note, REPORTED_MESSAGE) for note in self.notes[:REPORTED_ERRORS]],
        }


class ImportRefused(Refused):
    """An import with any bad row: nothing is written, the report lists every row at fault."""

    def __init__(self, report: ImportReport):
        super().__init__(
            f"import refused: {len(report.errors)} problem(s) in {report.rows} row(s); nothing was imported",
            details=report.as_dict(),
            code=ErrorCode.IMPORT_REFUSED,
        )
        self.report = report


@dataclass(frozen=True)
class ImporterSpec:
    """``handler(tx, filename, data) -> ImportReport``: validate every row first, then write all or raise ImportRefused.

    ``parse(filename, data)``: reading the file into what the handler works on (a document, alerts, features), with
    no database: the daemon runs it on a worker thread before the write transaction and the handler gets what it
    returned instead of the bytes, so the single writer never waits on a parse (a sheet read with ``read_sheet`` is
    parsed ahead without it). What it raises (``ImportRefused`` for a file that cannot be taken) is the import's
    outcome. ``max_bytes``: the largest file this importer takes; a bigger one is refused (``import_refused``) unread.
    """

    kind: str
    handler: Callable[[Transaction, str, Any], ImportReport]
    title: str = ""
    extensions: tuple[str, ...] = ()
    role: Role = Role.OPERATOR
    parse: Callable[[str, bytes], Any] | None = None
    max_bytes: int | None = None


@dataclass(frozen=True)
class ScheduleSpec:
    """``handler(ctx)`` (plain or async) runs on the daemon's loop as soon as it serves, then every ``every``
    seconds."""

    name: str
    every: float
    handler: Callable[[DaemonContext], Awaitable[None] | None]


Sources = Iterable[Callable[[DaemonContext], Awaitable[None]]]


@dataclass(frozen=True)
class MetricSpec:
    """A KPI a plugin contributes (``citybrain_metrics``); the ``metrics`` plugin computes, caches and publishes it.

    ``load(session)`` reads the data the metric is computed over (a pandas frame, or any object ``compute``
    understands); metrics sharing one ``load`` function share one read per refresh.  ``version(session)`` is a cheap
    stamp of those inputs (row count and latest change): the metric is recomputed only when it changes.
    ``compute(data, by)`` returns a pandas DataFrame indexed by the ``by`` columns (one row, index ``"all"``, when
    ``by`` is empty) with a ``value`` column and, for rates, ``numerator`` and ``denominator`` — vectorised, never a
    loop over records.  ``dimensions`` are the breakdowns it answers (``month``, ``year``, ``subdistrict``,
    ``category``, ``unit``…); ``period`` is the one that makes its trend.  ``drill`` names a query answering the
    records behind one group (params ``metric``, ``by``, ``group``, ``limit``).  ``title`` is an English source
    string the desk translates (context ``Metrics``).  ``thresholds`` are (warning, alarm) values; with
    ``higher_is_better`` False the alarm lies above.  ``labels`` names the groups of a dimension the desk cannot
    name itself (``{"category": {"financing": "融资贷款"}}``, data in Chinese); org units are named from the org tree.
    ``place`` names the column of ``load``'s frame (of each frame, when it loads several as a tuple; or the
    dimension of a metrics ``Cube``) holding the org unit code that places a row in the org tree, as a
    collection's ``place`` does: a desk in a unit is then also given the metric computed over the rows its unit
    holds (``metrics.unit_values``, docs/plugins.md "KPIs per unit"); None, the metric is the district's only.
    """

    id: str
    title: str
    unit: str
    load: Callable[[Session], Any]
    compute: Callable[[Any, tuple[str, ...]], Any]
    version: Callable[[Session], Hashable]
    dimensions: tuple[str, ...] = ()
    period: str = "month"
    target: float | None = None
    thresholds: tuple[float, float] | None = None
    higher_is_better: bool = True
    drill: str = ""
    # per dimension: what people read for a code; a table lists the dimension's groups in this order
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    place: str | None = None
    plugin: str = ""  # filled in by the daemon
