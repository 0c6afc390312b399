"""The desk's plugin host: entry points of group ``citybrain.desk``."""

from __future__ import annotations

from citybrain.core.plugins import PluginHost
from citybrain.shell import hookspecs


def desk_plugin_host() -> PluginHost:
    return PluginHost("desk", hookspecs.PROJECT, hookspecs, hookspecs.GROUP)
