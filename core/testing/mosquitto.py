"""A throwaway Mosquitto broker for tests: its own config on a free loopback port, started and stopped by the
test (the Debian package ``mosquitto``; ``.ci/run`` installs it)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from citybrain.core.testing.process import free_ports


def mosquitto_binary() -> str | None:
    return shutil.which("mosquitto") or next((p for p in ("/usr/sbin/mosquitto",) if Path(p).exists()), None)


class ThrowawayMosquitto:
    def __init__(self, port: int | None = None) -> None:
        binary = mosquitto_binary()
        if binary is None:
            raise RuntimeError("mosquitto is not installed (Debian: apt-get install mosquitto)")
        self.binary = binary
        self.port = port or free_ports(1)[0]
        self.folder = Path(tempfile.mkdtemp(prefix="citybrain-mosquitto-"))
        (self.folder / "mosquitto.conf").write_text(
            f"listener {self.port} 127.0.0.1\nallow_anonymous true\npersistence false\n"
            "max_queued_messages 0\n",  # a slow subscriber's QoS 1 messages wait, as on a production broker
            encoding="utf-8",
        )
        self.process: subprocess.Popen | None = None

    @property
    def broker(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> ThrowawayMosquitto:
        self.process = subprocess.Popen(
            [self.binary, "-c", str(self.folder / "mosquitto.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        said = []
        assert self.process.stderr is not None  # a pipe
        for line in self.process.stderr:  # ready when it says so ("mosquitto version … running"): no polling
            said.append(line)
            if " running" in line:
                return self
        raise RuntimeError(f"mosquitto did not start on {self.port}: {''.join(said)}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None

    def __enter__(self) -> ThrowawayMosquitto:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
