"""What the plan views call the units a plan names: the duty units by code (``YJJ``, as the roster knows them) are
shown by name from the on-duty board; other units are written in the plan by name already."""

from __future__ import annotations

from citybrain.shell.api import DeskContext
from citybrain.shell.names import unit_name as org_unit_name

DUTY_BOARD = "duty.now"  # the duty plugin's public board: its units' names


def unit_name(ctx: DeskContext, code: str | None) -> str:
    if not code:
        return ""
    return next((r["unit_name"] for r in ctx.records(DUTY_BOARD) if r["unit"] == code), None) or org_unit_name(
        ctx, code
    )
