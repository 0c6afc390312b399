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
    disabled_plugins: list[str] = field(default_factory=list)
    plugins: dict[str, dict[str, Any]] = field(default_factory=dict)  # [plugins.NAME] sections

    @classmethod
    def load(cls, path: Path | None, **overrides: Any) -> DaemonConfig:
        """Read ``path`` (or the packaged defaults) and apply non-None ``overrides``."""
        import tomllib  # the daemon's alone: a desk imports this module but never parses TOML at start (~2 ms)

        if path is not None:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
            base = path.parent
        else:
            raw = tomllib.loads(default_config_text("daemon.toml"))
            base = Path.cwd()
        daemon = raw.get("daemon", {})
        security = raw.get("security", {})

        def rel(value: str | None) -> Path | None:
            return None if not value else (base / os.path.expanduser(value)).resolve()

        values: dict[str, Any] = {
            "data_dir": rel(daemon.get("data_dir")) or user_data_dir() / "daemon",
            "database_url": daemon.get("database_url") or os.environ.get("CITYBRAIN_DATABASE_URL") or None,
            "host": daemon.get("host", "127.0.0.1"),
            "port": int(daemon.get("port", DEFAULT_PORT)),
            "pub_port": daemon.get("pub_port"),
            "name": daemon.get("name", "citybrain"),
            "heartbeat": float(daemon.get("heartbeat", 1.0)),
            "max_request_bytes": int(daemon.get("max_request_bytes", 64 * 1024 * 1024)),
            "curve_secret": rel(security.get("server_secret_key")),
            "curve_allowed": rel(security.get("allowed_desk_keys")),
            "disabled_plugins": list(raw.get("plugins", {}).get("disabled", [])),
            "plugins": {k: v for k, v in raw.get("plugins", {}).items() if isinstance(v, dict)},
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        values["data_dir"] = Path(values["data_dir"])
        return cls(**values)
