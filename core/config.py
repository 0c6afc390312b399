"""Configuration: ``daemon.toml`` and ``desk.toml``, where they live, and defaults.

Precedence: command-line flags, then the file given with ``--config``, then
the defaults in ``citybrain/configs/``.  Paths in a file are relative to it.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

DEFAULT_PORT = 7750  # ROUTER; PUB listens on the next port


def _per_user(windows: tuple[str, str], mac: str, xdg: tuple[str, str], app: str) -> Path:
    """A per-user folder: (environment variable, default under home) on Windows and XDG, a Library folder on macOS."""
    if sys.platform == "win32":
        base = Path(os.environ.get(windows[0], Path.home() / windows[1]))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / mac
    else:
        base = Path(os.environ.get(xdg[0], Path.home() / xdg[1]))
    return base / app


def user_data_dir(app: str = "citybrain") -> Path:
    """The per-user data folder on each OS (XDG on Linux)."""
    return _per_user(("LOCALAPPDATA", "AppData/Local"), "Application Support", ("XDG_DATA_HOME", ".local/share"), app)


def user_config_dir(app: str = "citybrain") -> Path:
    """The per-user settings folder on each OS (XDG on Linux): layouts, shortcuts."""
    return _per_user(("APPDATA", "AppData/Roaming"), "Preferences", ("XDG_CONFIG_HOME", ".config"), app)


def bundled(package: str, *parts: str) -> Traversable:
    """A file shipped inside a citybrain package (``bundled("citybrain.configs", "cases", "catalogue.toml")``).

    One path part per ``/``: a frozen build's packages are namespace paths whose ``joinpath`` takes a single part.
    """
    path = files(package)
    for part in parts:
        path = path / part
    return path


def default_config_text(name: str) -> str:
    return bundled("citybrain.configs", name).read_text(encoding="utf-8")


class StartError(ValueError):
    """Why the daemon will not start, in one line that says what to change (a configuration, a flag, a file)."""


class _Section(dict):
    """A TOML table that remembers which keys were read, so any key nobody reads is refused as unknown."""

    def __init__(self, name: str, raw: Any, where: str) -> None:
        if not isinstance(raw, dict):
            raise StartError(f"{where}: [{name}] must be a table")
        super().__init__(raw)
        self.name = name
        self.read: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)

    def unknown(self, where: str) -> None:
        extra = sorted(set(self) - self.read)
        if extra:
            raise StartError(
                f"{where}: unknown key {', '.join(map(repr, extra))} in [{self.name}]; "
                f"the keys known there: {', '.join(sorted(self.read))}"
            )


def _number(section: _Section, key: str, kind: type, default: Any, where: str) -> Any:
    value = section.get(key, default)
    if value is None:
        return None
    try:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError
        return kind(value)
    except (TypeError, ValueError, OverflowError):
        raise StartError(f"{where}: [{section.name}] {key} must be a number, not {value!r}") from None


def check_port(port: int | None, what: str) -> None:
    if port is not None and not 0 <= port <= 65535:
        raise StartError(f"{what} {port} is not a port: use 1-65535 (or 0 to pick free ports)")


def is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class DaemonConfig:
    data_dir: Path
    database_url: str | None = None  # None: SQLite in data_dir
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT  # 0 picks free ports (tests)
    pub_port: int | None = None  # None: port + 1
    name: str = "citybrain"
    demo: bool = False
    heartbeat: float = 1.0
    max_request_bytes: int = 64 * 1024 * 1024  # larger requests are dropped and counted
    curve_secret: Path | None = None  # the daemon's .key_secret
    curve_allowed: Path | None = None  # folder of desks' public .key files
    insecure: bool = False  # plain TCP on a non-loopback address, accepted knowingly
    disabled_plugins: list[str] = field(default_factory=list)
    plugins: dict[str, dict[str, Any]] = field(default_factory=dict)  # [plugins.NAME] sections

    @classmethod
    def load(cls, path: Path | None, **overrides: Any) -> DaemonConfig:
        """Read ``path`` (or the packaged defaults) and apply non-None ``overrides``.

        Raises :class:`StartError` for a missing file, a TOML syntax error (file and line), an unknown key or
        section (naming it and the known ones) and a value of the wrong type or range."""
        import tomllib  # the daemon's alone: a desk imports this module but never parses TOML at start (~2 ms)

        where = str(path) if path is not None else "the packaged daemon.toml"
        if path is not None:
            try:
                text = path.read_text(encoding="utf-8")
            except FileNotFoundError:
                raise StartError(f"no configuration file at {path}: check the name given to --config") from None
            except (IsADirectoryError, PermissionError, UnicodeDecodeError) as exc:
                raise StartError(f"cannot read the configuration file {path}: {exc}") from None
            base = path.parent
        else:
            text = default_config_text("daemon.toml")
            base = Path.cwd()
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise StartError(f"{where} is not valid TOML: {exc}") from None
        sections = {"daemon", "security", "plugins"}
        if set(raw) - sections:
            raise StartError(
                f"{where}: unknown section {', '.join(f'[{s}]' for s in sorted(set(raw) - sections))}; "
                f"the sections known: {', '.join(f'[{s}]' for s in sorted(sections))}"
            )
        daemon = _Section("daemon", raw.get("daemon", {}), where)
        security = _Section("security", raw.get("security", {}), where)
        plugins = _Section("plugins", raw.get("plugins", {}), where)

        def rel(value: str | None) -> Path | None:
            return None if not value else (base / os.path.expanduser(value)).resolve()

        values: dict[str, Any] = {
            "data_dir": rel(daemon.get("data_dir")) or user_data_dir() / "daemon",
            "database_url": daemon.get("database_url") or os.environ.get("CITYBRAIN_DATABASE_URL") or None,
            "host": daemon.get("host", "127.0.0.1"),
            "port": _number(daemon, "port", int, DEFAULT_PORT, where),
            "pub_port": _number(daemon, "pub_port", int, None, where),
            "name": daemon.get("name", "citybrain"),
            "heartbeat": _number(daemon, "heartbeat", float, 1.0, where),
            "max_request_bytes": _number(daemon, "max_request_bytes", int, 64 * 1024 * 1024, where),
            "curve_secret": rel(security.get("server_secret_key")),
            "curve_allowed": rel(security.get("allowed_desk_keys")),
            "insecure": security.get("insecure", False) is True,
            "disabled_plugins": list(plugins.get("disabled", [])),
            "plugins": {k: v for k, v in plugins.items() if isinstance(v, dict)},
        }
        plugins.read.update(values["plugins"])  # each plugin reads its own section
        for section in (daemon, security, plugins):
            section.unknown(where)
        values.update({k: v for k, v in overrides.items() if v is not None})
        values["data_dir"] = Path(values["data_dir"])
        config = cls(**values)
        check_port(config.port, "port")
        check_port(config.pub_port, "pub_port")
        return config

    def check(self) -> None:
        """Refuse what must not serve (:class:`StartError`): a half CURVE configuration, missing or unsafe key
        files, and plain TCP on a non-loopback address unless ``insecure = true``."""
        check_port(self.port, "port")
        check_port(self.pub_port, "pub_port")
        if (self.curve_secret is None) != (self.curve_allowed is None):
            given, missing = (
                ("allowed_desk_keys", "server_secret_key")
                if self.curve_secret is None
                else ("server_secret_key", "allowed_desk_keys")
            )
            raise StartError(
                f"[security] {given} is set but {missing} is not: CURVE needs both "
                f"(the daemon's secret key and the folder of desks' public keys); see docs/deploy.md"
            )
        if self.curve_secret is not None:
            from citybrain.core.security import ServerKeys

            assert self.curve_allowed is not None  # both, or neither (refused above)
            ServerKeys.load(self.curve_secret, self.curve_allowed)
        elif not is_loopback(self.host) and not self.insecure:
            raise StartError(
                f"listening on {self.host} without CURVE keys would let anyone who can reach it read and "
                f"command the daemon: configure [security] server_secret_key and allowed_desk_keys "
                f"(docs/deploy.md), or set insecure = true under [security] to accept plain TCP"
            )
