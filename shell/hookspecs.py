"""The desk's hooks: what a plugin's ``desk.py`` may implement.

Register a module under the entry-point group ``citybrain.desk``; mark its
functions with :data:`citybrain.shell.api.hookimpl`.  Every hook is
optional; one that raises disables its plugin, and its views show why.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from collections.abc import Mapping

    from PySide6.QtWidgets import QWidget

    from citybrain.shell.api import ActionSpec, DeskContext, OpenItemWords, ViewSpec
    from citybrain.shell.names import CodeNames

PROJECT = "citybrain_desk"  # pluggy's project name: hookimpl (citybrain.shell.api) marks hooks of this project
GROUP = "citybrain.desk"  # the entry-point group a plugin registers its desk half under
hookspec = pluggy.HookspecMarker(PROJECT)


@hookspec
def citybrain_views() -> Iterable[ViewSpec]:
    """Views this plugin offers: each a factory called with the plugin's DeskContext."""


@hookspec
def citybrain_actions() -> Iterable[ActionSpec]:
    """Actions for menus, shortcuts and the command palette."""


@hookspec
def citybrain_watch(ctx: DeskContext) -> None:
    """Called once when the desk starts, with this plugin's context: watch collections (``ctx.on_change``) and
    notify the operator (``ctx.notify``) of what must not wait for a view to be open — a reminder falling due, a
    report overdue.  Views then show; they do not ring, so two open copies never ring twice."""


@hookspec
def citybrain_banner(ctx: DeskContext) -> QWidget | None:
    """A banner for a state the whole desk is in (a heightened-duty period), shown over the views of every window,
    the wall's included: called once per window with this plugin's context.  The widget hides itself when it has
    nothing to say (the strip shows only while one has); it is grey text, marked where abnormal, never a fill."""


@hookspec
def citybrain_command_names() -> CodeNames:
    """Names of this plugin's commands (and of its personal queries, whose reading is audited), by their ids, in
    the desk's language: the audit log shows ``Acknowledge an alarm``, not ``sensors.ack``.  A command without a
    name is shown by its id, muted."""


@hookspec
def citybrain_audit_notes() -> CodeNames:
    """Sentences for this plugin's audit notes, by note code (the ``note`` its daemon half gave ``audit_record``),
    in the desk's language, each with ``{part}`` fields filled from the note's ``parts``: the audit log shows
    ``The people base: 2 seekers no longer looking withdrawn (14, 15), 1 looking again`` in the desk's language.
    A note without a sentence, or whose parts do not fill it, is shown as the daemon's English ``detail`` on the
    English desk and left out on others."""


@hookspec
def citybrain_title() -> str:
    """This plugin's name in the desk's language (``tr("Sensors", "Sensors and alarms")``): the plugins view and
    the desk's messages name it so, not by its id.  Without it, the id is shown, muted."""


@hookspec
def citybrain_field_names() -> CodeNames:
    """Names of the fields of this plugin's commands' payloads, by field key, in the desk's language: the audit log
    words a refused payload's problems with them ("单位：必须填写", not "unit")."""


@hookspec
def citybrain_open_item_words() -> Mapping[str, OpenItemWords]:
    """Words for this plugin's handover items (``OpenItem.kind`` from its ``citybrain_open_items``), in the desk's
    language: the kind's name, and a function making the item's title and detail from its ``facts``.  The duty
    plugin's handover shows and prints every plugin's items through them (``DeskContext.open_item_text``); an item
    without words, or without facts, shows the text the daemon stored.  Called when the desk first words a handover
    item (again after a language switch), not at start: import your wording module inside the hook, and it stays
    out of the desk's start."""
