"""Sensors plugin, desk half: the views it contributes."""

from __future__ import annotations

from collections.abc import Iterable

from citybrain.shell.api import ViewSpec, hookimpl


@hookimpl
def citybrain_views() -> Iterable[ViewSpec]:
    return []
