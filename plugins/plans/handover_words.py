"""The plans plugin's handover items (active responses, their tasks not done) in the desk's language (hook
``citybrain_open_item_words``), from the facts the daemon stored."""

from __future__ import annotations

from citybrain.core.times import local_time
from citybrain.plugins.plans.names import unit_name
from citybrain.shell.api import DeskContext, OpenItemWords, tr
from citybrain.shell.names import level_name, operator_name


def _response(ctx: DeskContext, f: dict) -> tuple[str, str]:
    drill = tr("Plans", "DRILL") + " · " if f["drill"] else ""
    return (
        f"{drill}{f['plan_name']} · {level_name(f['level'])}",
        tr("Plans", "activated {time} by {who}").format(
            time=local_time(f["activated_at"]), who=operator_name(f["activated_by"])
        ),
    )


def _task(ctx: DeskContext, f: dict) -> tuple[str, str]:
    from citybrain.plugins.plans.responses_view import task_state_name  # the responses' words, when a handover shows

    return f["action"], " · ".join(p for p in (unit_name(ctx, f["unit"]), task_state_name(f["state"])) if p)


def open_item_words() -> dict[str, OpenItemWords]:
    return {
        "response": OpenItemWords(tr("Plans", "response"), _response),
        "task": OpenItemWords(tr("Plans", "task"), _task),
    }
