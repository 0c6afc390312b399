"""Metrics plugin, desk half: the dashboards (desk and wall)."""

from __future__ import annotations

from collections.abc import Iterable

from citybrain.shell.api import ViewSpec, hookimpl


@hookimpl
def citybrain_views() -> Iterable[ViewSpec]:
    return []
