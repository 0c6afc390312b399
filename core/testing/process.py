"""A daemon in a process of its own, for tests that kill it (``kill -9``) and start it again.

``python -m citybrain.core.testing.process DATA_DIR ROUTER_PORT PUB_PORT [--no-demo] [NAME=MODULE ...]``
prints ``ready`` once it serves.  With NAME=MODULE pairs only those plugins
load; without, every installed one.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from citybrain.core import operators
from citybrain.core.config import DaemonConfig
from citybrain.core.daemon.runner import run_daemon
from citybrain.core.daemon.server import daemon_plugin_host
from citybrain.core.testing import PRODUCTION_SCRYPT_N


def free_ports(n: int) -> list[int]:
    socks = [socket.socket() for _ in range(n)]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


@dataclass
class DaemonProcess:
    """Start, kill -9 and start again on the same ports and data."""

    data_dir: Path
    plugins: dict[str, str] | None = None
    demo: bool = True
    pythonpath: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.router, self.pub = free_ports(2)
        self.proc: subprocess.Popen | None = None

    @property
    def endpoint(self) -> str:
        return f"tcp://127.0.0.1:{self.router}"

    def start(self) -> DaemonProcess:
        args = [
            sys.executable,
            "-m",
            "citybrain.core.testing.process",
            str(self.data_dir),
            str(self.router),
            str(self.pub),
        ]
        args += ([] if self.demo else ["--no-demo"]) + [f"{k}={v}" for k, v in (self.plugins or {}).items()]
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([*self.pythonpath, os.environ.get("PYTHONPATH", "")]))
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
        assert self.proc.stdout is not None  # a pipe, asked for above
        line = self.proc.stdout.readline().strip()  # blocks until the daemon serves
        if line != "ready":
            raise RuntimeError(f"the daemon process did not start (exit {self.proc.wait()})")
        return self

    def kill(self) -> None:
        """SIGKILL: no clean-up, no last commit."""
        if self.proc is not None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(30)


def main(argv: list[str]) -> int:
    data_dir, router, pub, *rest = argv
    operators.SCRYPT_N = PRODUCTION_SCRYPT_N  # a daemon process hashes as in production
    demo = "--no-demo" not in rest
    pairs = dict(a.split("=", 1) for a in rest if "=" in a)
    host = daemon_plugin_host()
    if pairs:
        for name, module in pairs.items():
            host.register(name, module)
    else:
        host.discover()
    config = DaemonConfig(data_dir=Path(data_dir), port=int(router), pub_port=int(pub), demo=demo)
    return run_daemon(config, on_ready=lambda d: print("ready", flush=True), host=host)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
