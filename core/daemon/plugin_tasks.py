"""Plugins' long-running work on the daemon's loop: schedules (``citybrain_schedules``) and sources
(``citybrain_sources``). One that raises switches its plugin off and cancels the plugin's other tasks."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable

from citybrain.core.api import DaemonContext, ScheduleSpec
from citybrain.core.daemon.contributions import contributed
from citybrain.core.plugins import PluginHost


class PluginTasks:
    def __init__(self, host: PluginHost, context: Callable[[str], DaemonContext]) -> None:
        self._host = host
        self._context = context
        self._tasks: dict[str, list[asyncio.Task]] = {}  # plugin -> its tasks

    def start(self) -> None:
        """Each loaded plugin's schedules and sources, as tasks on the running loop."""
        loop = asyncio.get_running_loop()
        for plugin, spec in contributed(self._host, "citybrain_schedules"):
            self._tasks.setdefault(plugin, []).append(loop.create_task(self._schedule(plugin, spec), name=spec.name))
        for plugin, sources in self._host.call("citybrain_sources", ctx=self._context):
            for source in sources or ():
                name = f"{plugin}.{getattr(source, '__name__', 'source')}"  # what asyncio's debug log names
                self._tasks.setdefault(plugin, []).append(loop.create_task(self._source(plugin, source), name=name))

    async def _schedule(self, plugin: str, spec: ScheduleSpec) -> None:
        ctx = self._context(plugin)
        while True:  # once as soon as the daemon serves, then every `every` seconds
            try:
                result = spec.handler(ctx)
                if inspect.isawaitable(result):
                    await result
            except Exception as exc:
                self._disable(plugin, f"schedule {spec.name}", exc)
                return
            await asyncio.sleep(spec.every)

    async def _source(self, plugin: str, source: Callable) -> None:
        try:
            await source(self._context(plugin))
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self._disable(plugin, f"source {getattr(source, '__name__', source)}", exc)

    def _disable(self, plugin: str, where: str, exc: Exception) -> None:
        self._host.fail(plugin, where, exc)
        current = asyncio.current_task()
        for task in self._tasks.get(plugin, []):
            if task is not current:
                task.cancel()

    async def close(self) -> None:
        tasks = [t for ts in self._tasks.values() for t in ts]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
