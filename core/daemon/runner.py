"""Running a daemon: in the foreground (the CLI) or on a thread (the demo, tests, benchmarks).

Both check the configuration first and hold a lock on the data folder while
they serve, so a second daemon on the same folder is refused at start instead
of both running into "database is locked".
"""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

import zmq

from citybrain.core.config import DaemonConfig, StartError, is_loopback
from citybrain.core.daemon.server import Daemon, open_daemon
from citybrain.core.plugins import PluginHost
from citybrain.core.runtime import tune_gc

log = logging.getLogger("citybrain.daemon")
LOCK_FILE = "citybrain.lock"
# what the loop may take per callback (docs/architecture.md: over it is a defect); asyncio's debug mode
# (PYTHONASYNCIODEBUG=1) logs each callback that takes longer, instead of its default 100 ms
SLOW_CALLBACK_SECONDS = 0.05


@contextmanager
def data_dir_lock(data_dir: Path) -> Iterator[IO[str]]:
    """Hold an exclusive lock on ``data_dir`` (created 0700 when new); :class:`StartError` naming the folder
    when another daemon holds it. The operating system releases it when the process ends, even on kill -9."""
    from citybrain.core.storage.engine import private_dir

    folder = private_dir(data_dir)
    handle = open(folder / LOCK_FILE, "a+", encoding="utf-8")  # noqa: SIM115 - held for the daemon's life
    try:
        try:
            _lock(handle)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip()
            raise StartError(
                f"another citybrain daemon{f' (pid {holder})' if holder else ''} already uses the data "
                f"folder {folder}: stop it first, or give this one another --data-dir"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield handle
    finally:
        handle.close()  # closing the file releases the lock


def _lock(handle: IO[str]) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(
            handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB
        )  # per open file: a second daemon thread conflicts too


async def _start(cfg: DaemonConfig, host: PluginHost | None) -> Daemon:
    """:func:`open_daemon`, with a port already taken or an address that cannot be listened on said in one line."""
    try:
        daemon = await open_daemon(cfg, host)
    except zmq.ZMQError as exc:
        if exc.errno == errno.EADDRINUSE or exc.errno == zmq.EADDRINUSE:
            ports = f"{cfg.port} or {cfg.pub_port or cfg.port + 1}"
            raise StartError(
                f"port {ports} on {cfg.host} is already in use (another daemon, or another program): "
                f"stop it, or choose other ports with --port"
            ) from None
        raise StartError(f"cannot listen on {cfg.host} port {cfg.port}: {exc}") from None
    if cfg.curve_secret is not None:
        from citybrain.core.security import AllowList

        assert cfg.curve_allowed is not None  # both or neither: the configuration refuses one alone
        keys = len(AllowList(cfg.curve_allowed).keys())
        (log.info if keys else log.warning)(
            "CURVE on: encrypted, desks admitted by the keys in %s (read at each connection; %d there now%s)",
            cfg.curve_allowed,
            keys,
            "" if keys else ": no desk can connect until one is added",
        )
    elif is_loopback(cfg.host):
        log.info("CURVE off: plain TCP on %s (loopback: this machine only)", cfg.host)
    else:
        log.warning("CURVE off: plain TCP on %s (insecure = true): anyone who can reach it can connect", cfg.host)
    return daemon


def run_daemon(
    config: DaemonConfig, on_ready: Callable[[Daemon], None] | None = None, host: PluginHost | None = None
) -> int:
    """Serve until SIGINT/SIGTERM; returns the process exit code. :class:`StartError` when it cannot start."""
    config.check()
    with data_dir_lock(config.data_dir):
        asyncio.run(_serve(config, on_ready, host))
    log.info("daemon %s stopped", config.name)
    return 0


async def _serve(config: DaemonConfig, on_ready: Callable[[Daemon], None] | None, host: PluginHost | None) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.slow_callback_duration = SLOW_CALLBACK_SECONDS
    for sig in (signal.SIGINT, signal.SIGTERM):
        with suppress(NotImplementedError, RuntimeError):  # Windows, or not the main thread
            loop.add_signal_handler(sig, stop.set)
    daemon = await _start(config, host)
    try:
        tune_gc()
        if on_ready:
            on_ready(daemon)
        await stop.wait()
        log.info("daemon %s stopping", config.name)
    finally:
        await daemon.close()


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
        self._stop: asyncio.Event | None = None  # made on the daemon's loop
        self._thread = threading.Thread(target=self._run, name="citybrain-daemon", daemon=True)

    @property
    def endpoint(self) -> str:
        assert self.daemon is not None
        return f"tcp://{self.config.host}:{self.daemon.router_port}"

    def start(self, timeout: float = 180.0) -> DaemonThread:  # a first demo seed on a loaded machine takes a minute
        self._thread.start()
        if not self._ready.wait(timeout):
            raise TimeoutError("daemon did not start in time")
        if isinstance(self.error, StartError):
            raise self.error
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

    def call_soon(self, fn: Callable[[], object]) -> None:
        """Run ``fn()`` on the daemon's loop without waiting for it (a benchmark's clock starts as it is queued)."""
        assert self._loop is not None, "the daemon thread is not started"
        self._loop.call_soon_threadsafe(fn)

    def stop(self, timeout: float = 30.0) -> None:
        if self._loop is not None and self._stop is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout)

    def _run(self) -> None:
        async def main() -> None:
            self._loop = asyncio.get_running_loop()
            self._stop = stop = asyncio.Event()
            try:
                daemon = self.daemon = await _start(self.config, self.host)
            except BaseException as exc:
                self.error = exc
                self._ready.set()
                return
            self._ready.set()
            try:
                await stop.wait()
            finally:
                await daemon.close()

        try:
            self.config.check()
            with data_dir_lock(self.config.data_dir):
                asyncio.run(main())
        except BaseException as exc:  # reported through start()
            self.error = self.error or exc
            self._ready.set()

    def __enter__(self) -> DaemonThread:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
