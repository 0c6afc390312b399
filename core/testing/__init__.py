"""The plugin conformance kit: pytest fixtures with a real daemon on free ports.

Installed as a pytest plugin (entry point ``pytest11``), so any plugin's
tests can ask for them::

    def test_my_command(citybrain_daemon):
        client = citybrain_daemon.client(login="duty")
        reply = client.command("myplugin.do", {"x": 1}).result(10)

The daemon runs on its own thread with a temporary SQLite database (or the
URL you give), real ROUTER/PUB sockets on loopback, the demo operators and,
unless told otherwise, every installed plugin.  Desk fixtures (qtbot, a desk
context) live in :mod:`citybrain.shell.testing`.
"""

from __future__ import annotations

import atexit
import fcntl
import hashlib
import json
import math
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager as ContextManager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from citybrain.core import operators
from citybrain.core.client import FeedClient, FeedStatus
from citybrain.core.config import DaemonConfig
from citybrain.core.daemon.builtins import DEMO_OPERATORS
from citybrain.core.daemon.runner import DaemonThread
from citybrain.core.daemon.server import daemon_plugin_host
from citybrain.core.plugins import PluginHost

PASSWORDS = {user: password for user, password, _, _ in DEMO_OPERATORS}
# Tests log in hundreds of times: their process hashes at a lower cost than production's 2^17 (~0.5 s a login
# here); daemons in processes of their own (DaemonProcess, the CLI) keep production's, tests/core/test_installer.py
# checks it, and an older hash is upgraded at login either way.
PRODUCTION_SCRYPT_N = operators.SCRYPT_N
operators.SCRYPT_N = 2**14
TEMPLATE_MAX_AGE = 45.0  # seconds a seeded demo database is copied; half the cap demo typhoon's 90 s delay
TEMPLATES_ENV = "CITYBRAIN_TEST_TEMPLATES"  # a folder the test processes of one run share templates in (make test)
# what ``plugins=`` names a plugin by: its module, the module's dotted name, or any object with hook methods (as
# PluginHost.register takes; a plugin object's daemon is seeded afresh, never copied from a template)
Plugin = ModuleType | object | str
_templates: dict[str, tuple[float, Path]] = {}  # this process's, when no shared folder is set: key -> (seeded, folder)


def live(status: FeedStatus) -> bool:
    return status.state == "live"


@dataclass
class RunningDaemon:
    """A daemon under test: its endpoint, data folder and clients that close with it."""

    thread: DaemonThread
    data_dir: Path
    clients: list[FeedClient] = field(default_factory=list)

    @property
    def endpoint(self) -> str:
        return self.thread.endpoint

    @property
    def daemon(self) -> Any:
        return self.thread.daemon

    def client(self, login: str | None = None, subscribe: bool = True, **kwargs: Any) -> FeedClient:
        """A started client; with ``login`` (a demo user), logged in; with ``subscribe``, synced."""
        client = FeedClient(self.endpoint, subscribe=subscribe, **kwargs).start()
        self.clients.append(client)
        if subscribe:
            client.wait_for(live, timeout=30)
        if login:
            client.login(login, PASSWORDS[login])
        return client

    def operator_in(self, unit: str, role: operators.Role = operators.Role.OPERATOR) -> tuple[str, str]:
        """A new operator ``desk-UNIT`` of ``role`` placed in org unit ``unit``: their user name and password."""
        username, password = f"desk-{unit}", f"desk-{unit}-pw"

        def create(tx: Any) -> None:
            operators.create_operator(tx.session, username, password, role)
            operators.set_unit(tx.session, username, unit, by=None)

        async def write() -> None:
            await self.daemon.write(create)

        self.call(write)
        return username, password

    def desk_in(self, unit: str, role: operators.Role = operators.Role.OPERATOR) -> FeedClient:
        """A started client logged in as a new operator placed in org unit ``unit`` (:meth:`operator_in`): a desk
        that sees and acts within that unit's subtree (docs/protocol.md, "Units")."""
        username, password = self.operator_in(unit, role)
        client = self.client()
        client.login(username, password)
        return client

    def add_demo_operators(self) -> RunningDaemon:
        """The demo accounts (``duty``, ``operator``…) on a daemon started without ``demo``: log in, no demo data."""
        from citybrain.core.daemon.builtins import DEMO_OPERATORS
        from citybrain.core.operators import create_operator

        def create(tx: Any) -> None:
            for username, password, role, display in DEMO_OPERATORS:
                create_operator(tx.session, username, password, role, display_name=display)

        async def write() -> None:
            await self.daemon.write(create)

        self.call(write)
        return self

    def call(self, fn: Callable, *args: Any) -> Any:
        """Run ``fn`` on the daemon's loop (to read or poke live state safely)."""
        return self.thread.call(fn, *args)

    def stop(self) -> None:
        for client in self.clients:
            client.stop()
        self.thread.stop()


def start_daemon(
    data_dir: Path,
    *,
    plugins: dict[str, Plugin] | None = None,
    database_url: str | None = None,
    demo: bool = True,
    plugin_config: dict[str, dict] | None = None,
    **config: Any,
) -> RunningDaemon:
    """Start a daemon with every installed plugin, or only ``plugins`` ({name: module}); ``plugin_config`` is what
    ``[plugins.NAME]`` sections of daemon.toml would say ({name: {key: value}}).

    A demo on SQLite in a new folder starts from a copy of a database seeded earlier with the same plugins
    (:func:`copy_demo`): seeding every plugin's demo takes ~10 s (the sensors' 15,000 devices and the case loop most
    of it), a copy well under a second. Daemon settings, a database URL or a plugin object mean a fresh seed."""
    host = _host(plugins)
    key = _template_key(host)
    if demo and database_url is None and not config and not data_dir.exists() and key is not None:
        copy_demo(plugins, key, data_dir)
    return _start(data_dir, host, database_url, demo, plugin_config, config)


def demo_folder(data_dir: Path) -> Path:
    """``data_dir``, new, holding a copy of the demo seeded with every installed plugin: for a daemon of a test's
    own process (``citybrain demo --data-dir``), which then starts without seeding (:func:`copy_demo`)."""
    key = _template_key(_host(None))
    assert key is not None  # every installed plugin is a module
    copy_demo(None, key, data_dir)
    return data_dir


def _template_key(host: PluginHost) -> str | None:
    """The plugins ``host`` loaded, by name and module: "every installed plugin" differs between environments (a
    test that installs a third party's plugin runs its suite beside ours, sharing the run's templates)."""
    loaded = [(name, module) for name, module in host.pm.list_name_plugin() if isinstance(module, ModuleType)]
    if len(loaded) != len(host.pm.list_name_plugin()):
        return None
    return json.dumps(sorted((name, module.__name__) for name, module in loaded))


def copy_demo(plugins: dict[str, Plugin] | None, key: str, data_dir: Path) -> None:
    """Copy into ``data_dir`` a data folder seeded with the demo of every installed plugin, or of ``plugins``
    (modules or their names), which ``key`` names (:func:`_template_key`). Seeding needs no plugin configuration
    (``citybrain_demo_data`` gets none), and the seeding daemon runs no sources or schedules
    (:func:`_seeding_host`): it acts on nothing of a test's (a broker, a folder) and the copy holds the seed alone,
    whatever configuration the test's daemon then runs with.

    A template is re-seeded once older than ``TEMPLATE_MAX_AGE``: demo times are relative to the seeding, so a
    test never sees them more than that much older than a fresh seed's. With ``CITYBRAIN_TEST_TEMPLATES`` set
    (``make test`` sets it for one run), the suites' processes share their templates there under a file lock: two
    suites running side by side seed once, not twice."""
    shared = os.environ.get(TEMPLATES_ENV)
    if not shared:
        seeded, folder = _templates.get(key, (-math.inf, Path()))
        if time.monotonic() - seeded > TEMPLATE_MAX_AGE:
            if key in _templates:
                shutil.rmtree(folder.parent, ignore_errors=True)
            folder = Path(tempfile.mkdtemp(prefix="citybrain-demo-template-")) / "data"
            atexit.register(shutil.rmtree, folder.parent, ignore_errors=True)
            seeded = time.monotonic()  # the demo's times are set as seeding starts
            _start(folder, _seeding_host(plugins), None, True, None, {}).stop()
            _templates[key] = (seeded, folder)
        shutil.copytree(folder, data_dir)
        return
    root = Path(shared) / hashlib.sha1(key.encode()).hexdigest()[:16]
    root.mkdir(parents=True, exist_ok=True)
    with open(root / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # held while seeding and copying: no one copies what another replaces
        stamp, folder = root / "seeded", root / "data"
        seeded = float(stamp.read_text()) if stamp.exists() and folder.exists() else -math.inf
        if time.time() - seeded > TEMPLATE_MAX_AGE:
            shutil.rmtree(folder, ignore_errors=True)
            seeded = time.time()
            _start(folder, _seeding_host(plugins), None, True, None, {}).stop()
            stamp.write_text(repr(seeded))
        shutil.copytree(folder, data_dir)


def _host(plugins: dict[str, Plugin] | None, host: PluginHost | None = None) -> PluginHost:
    host = host or daemon_plugin_host()
    if plugins is None:
        host.discover()
    else:
        for name, module in plugins.items():
            host.register(name, module)
    return host


class _SeedingHost(PluginHost):
    """The plugins of a template's daemon, which seeds and stops: their sources (the simulator, a broker, a
    watched folder) and schedules are never started, so nothing but the seed is written."""

    SILENT = frozenset({"citybrain_sources", "citybrain_schedules"})

    def call(
        self, hook: str, *, around: Callable[[str], ContextManager] | None = None, **kwargs: Any
    ) -> list[tuple[str, Any]]:
        return [] if hook in self.SILENT else super().call(hook, around=around, **kwargs)


def _seeding_host(plugins: dict[str, Plugin] | None) -> PluginHost:
    return _host(plugins, daemon_plugin_host(_SeedingHost))


def _start(
    data_dir: Path,
    host: PluginHost,
    database_url: str | None,
    demo: bool,
    plugin_config: dict[str, dict] | None,
    config: dict[str, Any],
) -> RunningDaemon:
    config.setdefault("port", 0)
    cfg = DaemonConfig(data_dir=data_dir, database_url=database_url, demo=demo, plugins=plugin_config or {}, **config)
    return RunningDaemon(DaemonThread(cfg, host).start(), data_dir)


@pytest.fixture
def citybrain_daemon_factory(tmp_path: Path) -> Iterator[Callable[..., RunningDaemon]]:
    """Start as many daemons as a test needs; all are stopped at the end."""
    started: list[RunningDaemon] = []

    def factory(**kwargs: Any) -> RunningDaemon:
        data_dir = kwargs.pop("data_dir", None) or tmp_path / f"daemon{len(started)}"
        daemon = start_daemon(data_dir, **kwargs)
        started.append(daemon)
        return daemon

    yield factory
    for daemon in started:
        daemon.stop()


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory: Callable[..., RunningDaemon]) -> RunningDaemon:
    """A demo daemon with every installed plugin, on free ports, on its own copy of a freshly seeded demo database
    (:func:`copy_demo`)."""
    return citybrain_daemon_factory()


@pytest.fixture(scope="session")
def citybrain_shared_data() -> Path:
    """The project's public sample data (``CITYBRAIN_SHARED_DATA``, else ``../shared/data`` from where pytest runs);
    the test is skipped, saying where it looked, when it is not there."""
    import os

    path = Path(os.environ.get("CITYBRAIN_SHARED_DATA") or Path.cwd().parent / "shared" / "data")
    if not path.is_dir():
        pytest.skip(f"the shared public data is not at {path} (set CITYBRAIN_SHARED_DATA)")
    return path


@pytest.fixture
def citybrain_mosquitto():  # noqa: ANN201 - a ThrowawayMosquitto
    """A Mosquitto broker on a free loopback port for one test (``.broker`` is "host:port"; ``stop()`` and
    ``start()`` again to test reconnecting); skipped where mosquitto is not installed, failing when ``CI`` is set."""
    import os

    from citybrain.core.testing.mosquitto import ThrowawayMosquitto, mosquitto_binary

    if mosquitto_binary() is None:
        if os.environ.get("CI"):
            pytest.fail("CI must test MQTT: mosquitto is not installed")
        pytest.skip("mosquitto is not installed (apt-get install mosquitto)")
    with ThrowawayMosquitto() as broker:
        yield broker


@pytest.fixture(scope="session")
def citybrain_postgres():  # noqa: ANN201 - a ThrowawayPostgres
    """A PostgreSQL cluster (Debian's binaries, initdb in a temporary folder) for the whole run; skipped where
    none can run, but failing when ``CI`` is set: there it must run."""
    import os

    from citybrain.core.testing.postgres import ThrowawayPostgres, postgres_available

    reason = postgres_available()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI must test PostgreSQL: {reason}")
        pytest.skip(reason)
    with ThrowawayPostgres() as pg:
        yield pg


@pytest.fixture(params=["sqlite", "postgresql"])
def citybrain_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on a SQLite file and on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return request.getfixturevalue("citybrain_postgres").new_database()
