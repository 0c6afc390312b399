"""Running a daemon: in the foreground (the CLI) or on a thread (the demo, tests, benchmarks)."""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from collections.abc import Callable

from citybrain.core.config import DaemonConfig
from citybrain.core.daemon.server import Daemon
from citybrain.core.runtime import tune_gc
from citybrain.core.plugins import PluginHost

log = logging.getLogger("citybrain.daemon")


def run_daemon(config: DaemonConfig, on_ready: Callable[[Daemon], None] | None = None,
               host: PluginHost | None = None) -> int:
    """Serve until SIGINT/SIGTERM; returns the process exit code."""

    async def main() -> None:
        daemon = Daemon(config, host)
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, daemon.request_stop)
            except (NotImplementedError, RuntimeError):  # Windows, or not the main thread
                pass
        try:
            await daemon.start()
            tune_gc()
            if on_ready:
                on_ready(daemon)
            await daemon.wait_stopped()
        finally:
            await daemon.close()

    asyncio.run(main())
    return 0


class DaemonThread:
    """A daemon on its own thread and event loop; ``start()`` returns once it serves.

    Real sockets and a real database: this is how the demo, the test fixtures
    and the benchmarks run a daemon inside another process.
    """

    def __init__(self, config: DaemonConfig, host: PluginHost | None = None) -> None:
        self.config = config
        self.host = host
        self.daemon: Daemon | None = None
        self.error: BaseException | None = None
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread = threading.Thread(target=self._run, name="citybrain-daemon", daemon=True)

    @property
    def endpoint(self) -> str:
        assert self.daemon is not None
        return f"tcp://{self.config.host}:{self.daemon.router_port}"

    def start(self, timeout: float = 60.0) -> DaemonThread:
        self._thread.start()
        if not self._ready.wait(timeout):
            raise TimeoutError("daemon did not start in time")
        if self.error is not None:
            raise RuntimeError(f"daemon failed to start: {self.error}") from self.error
        return self

    def call(self, fn: Callable, *args: object) -> object:
        """Run ``fn(*args)`` on the daemon's loop and wait for it (tests poke live state this way)."""
        assert self._loop is not None
        if asyncio.iscoroutinefunction(fn):
            return asyncio.run_coroutine_threadsafe(fn(*args), self._loop).result(60)

        async def wrapper() -> object:
            return fn(*args)

        return asyncio.run_coroutine_threadsafe(wrapper(), self._loop).result(60)

    def stop(self, timeout: float = 30.0) -> None:
        if self._loop is not None and self.daemon is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self.daemon.request_stop)
        self._thread.join(timeout)

    def _run(self) -> None:
        async def main() -> None:
            self._loop = asyncio.get_running_loop()
            self.daemon = Daemon(self.config, self.host)
            try:
                await self.daemon.start()
            except BaseException as exc:
                self.error = exc
                self._ready.set()
                await self.daemon.close()
                return
            self._ready.set()
            try:
                await self.daemon.wait_stopped()
            finally:
                await self.daemon.close()

        try:
            asyncio.run(main())
        except BaseException as exc:  # reported through start()
            self.error = self.error or exc
            self._ready.set()

    def __enter__(self) -> DaemonThread:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
