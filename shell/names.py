"""What the desk calls the platform's shared codes, in the operator's language: roles, the four categories of
emergencies, response levels, org units, the platform's own commands.  A view never shows such a code raw
(``duty_leader``, ``natural``, ``310109010004``); a plugin's own codes (its states, kinds) get their names in the
plugin, as a :class:`CodeNames` table."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale

from citybrain.shell.i18n import tr

if TYPE_CHECKING:
    from citybrain.shell.api import DeskContext

UNITS = "org.units"
LEVELS = ("I", "II", "III", "IV")  # response levels, I the highest (特别重大) to IV (一般)


class CodeNames:
    """Names for a set of codes (states, kinds, commands) in the desk's language, written once as a table::

        state_name = CodeNames("Sensors", {"unack": "unacknowledged", "ack": "acknowledged"})
        state_name("ack")             # 已确认 / acknowledged
        state_name("new", "—")        # a code the table lacks: the default given, else the code as it is
        state_name.get("new")         # None; also ``code in state_name``, ``state_name[code]``, ``items()``

    Write the table as a literal, a dict of English texts, right in the call: ``make translations`` finds its texts
    there (in the table's context).  A text is translated when looked up, so a language switch shows at once.
    """

    def __init__(self, context: str, names: Mapping[str, str]) -> None:
        self.context = context
        self._sources = dict(names)

    def __call__(self, code: str | None, default: str | None = None) -> str:
        source = self._sources.get(code) if code is not None else None
        if source is not None:
            return tr(self.context, source)
        return default if default is not None else code or ""

    def __getitem__(self, code: str) -> str:
        return tr(self.context, self._sources[code])

    def __contains__(self, code: object) -> bool:
        return code in self._sources

    def get(self, code: str | None) -> str | None:
        return self[code] if code in self._sources else None

    def items(self) -> list[tuple[str, str]]:
        """(code, name) in the table's order (a combo box's entries)."""
        return [(code, tr(self.context, source)) for code, source in self._sources.items()]


def chinese_desk() -> bool:
    """Whether the desk speaks Chinese (QLocale's default, set with the translator): for data configured in both
    languages."""
    return QLocale().name().startswith("zh")


def in_desk_language(chinese: str, english: str | None) -> str:
    """Of a name configured in both languages (a catalogue's, a plugin config's), the desk's; the Chinese one when
    there is no English."""
    return chinese if chinese_desk() or not english else english


role_name = CodeNames(
    "Names", {"admin": "Administrator", "duty_leader": "Duty leader", "operator": "Duty officer", "viewer": "Viewer"}
)
"""An operator's role: ``duty_leader`` → 带班领导 / Duty leader."""

_EVENT_CATEGORIES = CodeNames(
    "Names",
    {
        "natural": "Natural disaster",
        "accident": "Accident and disaster",
        "health": "Public health",
        "security": "Social security",
    },
)

PLATFORM_COMMANDS = CodeNames(
    "Names",
    {"login": "Log in", "logout": "Log out", "import": "Import a file", "operator unit": "Move an operator to a unit"},
)
"""The platform's own commands (as the audit log records them); a plugin names its own with the
``citybrain_command_names`` hook."""
PLATFORM_FIELDS = CodeNames(
    "Names",
    {
        "username": "User name",
        "password": "Password",
        "kind": "Kind",
        "filename": "File name",
        "data": "File content",
        "unit": "Unit",
    },
)
"""The fields of the platform's own commands (login, import, operators); a plugin names its own with the
``citybrain_field_names`` hook."""


def first_named(tables: Iterable[CodeNames], code: str) -> str | None:
    """``code`` by the first of ``tables`` that names it (commands, audit notes: each plugin names its own)."""
    return next((names[code] for names in tables if code in names), None)


def payload_field_name(plugin_tables: Mapping[str, CodeNames], command: str, field: str) -> str | None:
    """A field of ``command``'s payload by its name, from the table of the plugin the command's first word names
    (``duty.log.add`` → duty; ``plugin_tables``: each plugin's ``citybrain_field_names``), else the platform's."""
    return plugin_tables.get(command.split(".", 1)[0], PLATFORM_FIELDS).get(field)


def event_category_name(code: str | None) -> str:
    """One of the four categories of emergencies (突发事件) that incidents, plans and warnings share."""
    return _EVENT_CATEGORIES(code) if code else "—"


def level_name(level: str | None) -> str:
    """A response or incident level, ``III`` → Ⅲ级 / Level III; anything else as it is."""
    if level in LEVELS:
        return tr("Names", "Level {level}").format(level=level)
    return level or "—"


def unit_name(ctx: DeskContext, code: str | None) -> str:
    """An org unit (district, subdistrict, committee, department, company) by its name from ``org.units``; a code
    the tree does not know is shown as it is (an outside sender, say)."""
    if not code:
        return ""
    return (ctx.record(UNITS, code) or {}).get("name") or code


def span_text(minutes: int) -> str:
    """A span of time as a duty officer reads it, one format everywhere: 12 min, 7 h 05 min, 7 d 4 h (not
    172 h 18 min, nor 465 min)."""
    minutes = abs(int(minutes))
    if minutes >= 48 * 60:
        return tr("Names", "{d} d {h} h").format(d=minutes // (24 * 60), h=minutes // 60 % 24)
    if minutes >= 60:
        return tr("Names", "{h} h {m} min").format(h=minutes // 60, m=f"{minutes % 60:02d}")
    return tr("Names", "{m} min").format(m=minutes) if minutes else tr("Names", "under a minute")  # not "0 min"


def operator_name(username: str | None) -> str:
    """Who did it: an operator's user name, or "system" (the daemon itself: a timer, an import) in words."""
    return tr("Names", "system") if username == "system" else username or ""
