"""System plugin, desk half: the daemon's health, desks, plugins and audit tail at a glance."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from citybrain.core.times import local_time
from citybrain.shell.api import (
    AuditNote,
    CodeNames,
    CollectionTableModel,
    Column,
    DeskContext,
    ErrorCode,
    PluginStatus,
    RequestError,
    ViewSpec,
    hookimpl,
    tr,
)
from citybrain.shell.names import UNITS, chinese_desk, role_name, unit_name
from citybrain.widgets import DataTable, KpiCard, Sparkline, accent, refusal_text
from citybrain.widgets.palette import Marker

HEALTH, DESKS, PLUGINS, AUDIT = "system.health", "system.desks", "system.plugins", "system.audit"
_PROBLEM = re.compile(r"^(?:payload|params)[.:]")  # a refused payload's problems: "payload.unit: must not be null; …"
_FIELD = re.compile(r"(?:^|; )(?:payload|params)\.(?:[^:;]*\.)?([A-Za-z_]\w*)(?:\[\d+\])?:")  # each problem's field
_REF = re.compile(r"\(ref (?P<ref>[0-9a-f]+); see the daemon's log\)")  # an error's reference into the daemon's log


def _local(value: str | None) -> str:
    """One of the daemon's UTC times in local time, to the second as the audit records them."""
    return local_time(value, seconds=True)


def _uptime(seconds: float) -> str:
    s = int(seconds)
    d, s = divmod(s, 86400)
    h, s = divmod(s, 3600)
    m, s = divmod(s, 60)
    return f"{d}d {h:02d}:{m:02d}:{s:02d}" if d else f"{h:02d}:{m:02d}:{s:02d}"


class SystemView(QWidget):
    """The daemon's health as KPI cards; a wall shows it large."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        cards = QGridLayout()
        self.cards = {
            key: KpiCard(title)
            for key, title in [
                ("uptime", tr("System", "Daemon uptime")),
                ("seq", tr("System", "Sequence")),
                ("rate", tr("System", "Updates per second")),
                ("desks", tr("System", "Desks connected")),
                ("commands", tr("System", "Commands ok / refused")),
                ("dropped", tr("System", "Input dropped")),
            ]
        }
        columns = 3  # two rows of three: fits beside other views on a laptop screen as well as on the wall
        for i, card in enumerate(self.cards.values()):
            cards.addWidget(card, i // columns, i % columns)
        self.sparkline = Sparkline()
        self.cards["rate"].extra_layout.addWidget(self.sparkline)
        layout.addLayout(cards)
        self.header = QLabel()
        accent(self.header, "kpiDetail")
        layout.addWidget(self.header)
        trend = KpiCard(tr("System", "Updates per second, last 10 minutes"))
        trend.value.hide()
        self.trend = Sparkline(600, height=None, stretch=False)
        self.trend.empty_text = tr("System", "The trend is drawn from when this view opened, one point a second.")
        trend.extra_layout.addWidget(self.trend, 1)
        layout.addWidget(trend, 1)
        ctx.on_change(HEALTH, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        health = self.ctx.record(HEALTH, "daemon")
        if health is None:
            return
        since = tr("System", "since {t}").format(t=_local(health["started_at"]))
        self.cards["uptime"].set_value(_uptime(health["uptime_s"]), since)
        self.cards["seq"].set_value(f"{health['seq']:,}", tr("System", "epoch {e}").format(e=health["epoch"]))
        self.cards["rate"].set_value(f"{health['update_rate']:,.1f}")
        self.sparkline.append(health["update_rate"])
        self.trend.append(health["update_rate"])
        self.cards["desks"].set_value(str(health["desks_connected"]))
        self.cards["commands"].set_value(
            f"{health['commands_ok']:,} / {health['commands_failed']:,}",
            tr("System", "{q:,} queries").format(q=health["queries"]),
        )
        dropped = health["dropped"]
        self.cards["dropped"].set_value(
            f"{health['dropped_total']:,}",
            ", ".join(f"{k} {v}" for k, v in sorted(dropped.items())),
            abnormal=health["dropped_total"] > 0,
        )
        self.header.setText(
            tr("System", "{name} · database {db} · {n:,} live records in {c} collections").format(
                name=health["name"], db=health["database"], n=health["records"], c=health["collections"]
            )
        )


_side_name = CodeNames("System", {"daemon": "daemon", "desk": "desk"})
_plugin_state_name = CodeNames(
    "System",
    {
        PluginStatus.LOADED: "loaded",
        PluginStatus.FAILED: "failed",
        PluginStatus.ABSENT: "absent",
        PluginStatus.DISABLED: "switched off",
    },
)
_result_name = CodeNames("System", {"ok": "done", "error": "refused"})
_error_name = CodeNames(
    "System",
    {
        ErrorCode.BAD_FRAME: "malformed request",
        ErrorCode.BAD_VERSION: "other protocol version",
        ErrorCode.UNKNOWN_TYPE: "unknown request",
        ErrorCode.UNKNOWN_COMMAND: "unknown command",
        ErrorCode.UNKNOWN_QUERY: "unknown query",
        ErrorCode.INVALID_PAYLOAD: "invalid input",
        ErrorCode.UNAUTHENTICATED: "not logged in",
        ErrorCode.FORBIDDEN: "not allowed for the role",
        ErrorCode.REFUSED: "refused by a rule",
        ErrorCode.IMPORT_REFUSED: "import refused",
        ErrorCode.FAILED: "failed on the daemon",
        ErrorCode.PLUGIN_DISABLED: "module switched off",
        ErrorCode.TOO_LARGE: "too large",
        ErrorCode.LOCKED_OUT: "too many failed logins",
    },
)
COMMANDS = CodeNames("System", {"system.silence": "Silence a desk's alarm sound"})


def command_title(ctx: DeskContext, command: str) -> str | None:
    """An audit row's command by its name (``sensors.ack`` → 确认报警); a personal query's reading (``query
    duty.roster``) as "Read: …"; None when no plugin names it."""
    if command.startswith("query "):
        name = ctx.command_name(command.removeprefix("query "))
        return None if name is None else tr("System", "Read: {name}").format(name=name)
    return ctx.command_name(command)


def plugin_columns(titles: dict[str, str]) -> list[Column]:
    """A plugin by its title in the desk's language (``titles``: this desk's, by plugin id); one without a title
    (a daemon plugin with no desk half here) by its id, muted."""
    return [
        Column("side", tr("System", "Side"), format=_side_name),
        Column(
            "name",
            tr("System", "Plugin"),
            format=lambda name: titles.get(name) or name,
            muted=lambda name: name not in titles,
        ),
        Column("state", tr("System", "State"), format=_plugin_state_name),
        Column("version", tr("System", "Version")),
        Column("where", tr("System", "Failed in")),
        Column("error", tr("System", "Error")),
    ]


def _failed(record: dict) -> Marker | None:
    """A plugin that failed to load is switched off: someone should look soon.  One switched off on purpose is
    normal; one missing on one side is worth a look when there is time."""
    state = record.get("state")
    if state == PluginStatus.FAILED:
        return Marker("high", "steady", tr("System", "failed"))
    return Marker("low", "steady", tr("System", "absent")) if state == PluginStatus.ABSENT else None


_MARKED = (ErrorCode.FAILED, ErrorCode.PLUGIN_DISABLED, ErrorCode.FORBIDDEN, ErrorCode.UNAUTHENTICATED)


def audit_marker(record: dict) -> Marker | None:
    """Most refusals are the rules working (a payload refused, a step out of order): normal, the result column
    says so.  Marked: the daemon failing on a command (an error to look at) and a command the caller's role forbids."""
    code = record.get("error_code")
    if record.get("result") != "error" or code not in _MARKED:
        return None
    if code in (ErrorCode.FORBIDDEN, ErrorCode.UNAUTHENTICATED):
        return Marker("low", "steady", tr("System", "not allowed"))
    return Marker("high", "steady", tr("System", "error"))


_DAEMON_DETAILS = CodeNames("System", {"unknown user name (not recorded)": "unknown user name (not recorded)"})


def audit_detail(
    record: dict | None,
    field_name: Callable[[str, str], str | None] = lambda _c, _f: None,
    place: Callable[[str], str] = str,
    note_text: Callable[[str | None, dict | None], str | None] = lambda _n, _p: None,
) -> str:
    """An audit row's detail in the desk's language: a note on an action that went through from its code and parts
    (the platform's here, with a unit by its name, ``place(code)``; a plugin's as ``note_text`` words it); a
    refusal from its error code: a refused payload's problems by field, each field by the name
    ``field_name(command, field)`` gives it (its plugin's); a sentence the daemon writes by its name; any other
    refusal on the Chinese desk by its code's sentence (the daemon's own text is English, for its log); on the
    English desk as the daemon wrote it."""
    record = record or {}
    detail, code = record.get("detail"), record.get("error_code")
    if not detail:
        return ""
    if detail in _DAEMON_DETAILS:
        return _DAEMON_DETAILS(detail)
    if record.get("result") == "ok":
        said = _platform_note(record.get("note"), record.get("parts") or {}, place)
        said = said if said is not None else note_text(record.get("note"), record.get("parts"))
        return said if said is not None else "" if chinese_desk() else detail
    if code == ErrorCode.INVALID_PAYLOAD and _PROBLEM.match(detail):
        problems = detail.split("; ")
        command = record.get("command", "").removeprefix("query ")
        labels = {key: name for key in _FIELD.findall(detail) if (name := field_name(command, key))}
        return refusal_text(RequestError(code, detail, problems), labels).replace("\n", "; ")
    if not chinese_desk():
        return detail
    ref = _REF.search(detail)
    said = refusal_text(RequestError(code or ErrorCode.REFUSED, detail))
    return (
        said
        if ref is None
        else tr("System", "{said} (reference {ref} in the daemon's log)").format(said=said, ref=ref["ref"])
    )


def _platform_note(note: str | None, parts: dict, place: Callable[[str], str]) -> str | None:
    """The platform's own notes (``AuditNote``) in the desk's language; None for any other."""
    if note == AuditNote.UNIT_MOVED and "user" in parts:
        ends = {
            end: place(parts[end]) if parts.get(end) else tr("System", "the whole district")
            for end in ("before", "after")
        }
        return tr("System", "{user}: moved from {before} to {after}").format(user=parts["user"], **ends)
    if note == AuditNote.LOCKOUT_ENDED:
        who = parts.get("who")
        if who is None:
            return tr("System", "The lockout of a user name that names nobody ended (the name is not recorded)")
        return tr("System", "The login lockout of {who} ended").format(who=who)
    return None


class AuditView(DataTable):
    """The tail of the daemon's audit log, newest first; open it twice to watch two filters."""

    def __init__(self, ctx: DeskContext) -> None:
        model = ctx.model(
            AUDIT,
            [
                Column("at", tr("System", "Time"), format=_local),
                Column("operator", tr("System", "Operator")),
                Column("desk", tr("System", "Desk")),
                Column(
                    "command",
                    tr("System", "Command"),  # by name; one nobody names: its id, muted
                    format=lambda c: command_title(ctx, c) or c,
                    muted=lambda c: command_title(ctx, c) is None,
                ),
                Column("result", tr("System", "Result"), format=_result_name),
                Column("error_code", tr("System", "Error"), format=_error_name),
                Column(
                    "id",
                    tr("System", "Detail"),  # worded from the row's code
                    format=lambda key: audit_detail(
                        ctx.record(AUDIT, key), ctx.field_name, lambda code: unit_name(ctx, code), ctx.audit_note
                    ),
                    align=Qt.AlignmentFlag.AlignLeft,  # a sentence, though keyed by the row's number
                ),
            ],
            severity=audit_marker,
        )
        super().__init__(
            model,
            sort_column=0,
            order=Qt.SortOrder.DescendingOrder,
            filter_placeholder=tr("System", "Filter the audit log…"),
        )


class PlatformView(QTabWidget):
    """Connected desks and every plugin's state, the daemon's and this desk's."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.desks = DataTable(
            ctx.model(
                DESKS,
                [
                    Column("desk", tr("System", "Desk")),
                    Column("operator", tr("System", "Operator")),
                    Column("role", tr("System", "Role"), format=role_name),
                    Column("connected_since", tr("System", "Connected since"), format=_local),
                ],
            ),
            sort_column=0,
            filter_placeholder=tr("System", "Filter desks…"),
        )
        states = ctx.plugin_states()
        columns = plugin_columns({p["name"]: p["title"] for p in states if p.get("title")})
        self.plugins = ctx.model(PLUGINS, columns, severity=_failed)
        self.local_plugins = CollectionTableModel(columns, severity=_failed)
        self.local_plugins.reset({p["name"]: p for p in states})
        plugins = QWidget()
        plugins_layout = QVBoxLayout(plugins)
        plugins_layout.addWidget(QLabel(tr("System", "Daemon")))
        plugins_layout.addWidget(DataTable(self.plugins, sort_column=1), 1)
        plugins_layout.addWidget(QLabel(tr("System", "This desk")))
        plugins_layout.addWidget(DataTable(self.local_plugins, sort_column=1), 1)
        self.addTab(plugins, tr("System", "Plugins"))
        self.addTab(self.desks, tr("System", "Desks"))

    def save_settings(self) -> dict:
        return {"tab": self.currentIndex(), "desks": self.desks.save_settings()}

    def restore_settings(self, settings: dict) -> None:
        self.setCurrentIndex(int(settings.get("tab", 0)))
        self.desks.restore_settings(settings.get("desks", {}))


@hookimpl
def citybrain_command_names() -> CodeNames:
    return COMMANDS


FIELD_NAMES = CodeNames("System", {"desk": "Desk", "priority": "Priority", "reason": "Reason"})


@hookimpl
def citybrain_field_names() -> CodeNames:
    return FIELD_NAMES


@hookimpl
def citybrain_title() -> str:
    return tr("System", "System")


@hookimpl
def citybrain_views() -> Iterable[ViewSpec]:
    return [
        ViewSpec("system.health", tr("System", "System health"), SystemView, collections=(HEALTH,)),
        ViewSpec("system.audit", tr("System", "Audit log"), AuditView, collections=(AUDIT, UNITS), multiple=True),
        ViewSpec("system.platform", tr("System", "Desks and plugins"), PlatformView, collections=(DESKS, PLUGINS)),
    ]
