"""The CAP plugin's handover items (warnings in force, plans suggested and not decided) in the desk's language (hook
``citybrain_open_item_words``), from the facts the daemon stored."""

from __future__ import annotations

from citybrain.plugins.cap.names import plan_name, severity_name
from citybrain.shell.api import DeskContext, OpenItemWords, tr
from citybrain.shell.names import level_name


def _warning(ctx: DeskContext, f: dict) -> tuple[str, str]:
    return f"{f['event']} · {severity_name(f['severity'])}", f["text"]


def _suggestion(ctx: DeskContext, f: dict) -> tuple[str, str]:
    return f"{plan_name(ctx, f['plan'])} · {level_name(f['level'])}", f"{f['event']}: {f['rule']}"


def open_item_words() -> dict[str, OpenItemWords]:
    return {
        "warning": OpenItemWords(tr("Cap", "warning"), _warning),
        "suggestion": OpenItemWords(tr("Cap", "plan suggested"), _suggestion),
    }
