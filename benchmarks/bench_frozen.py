"""frozen_startup: the frozen desk (``make package``) from process start to its first painted frame ÷ the
same desk started from source (``python -m citybrain.core.cli desk``), both on a fresh workstation."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from benchmarks import Result
from benchmarks.bench_desk import time_to_paint
from benchmarks.workload import scratch_folder

DESK = (
    Path(__file__).resolve().parents[1]
    / "dist"
    / "citybrain-desk"
    / f"citybrain-desk{'.exe' if sys.platform == 'win32' else ''}"
)
ARGS = ["desk", "--connect", "tcp://127.0.0.1:9", "--offscreen", "--first-paint"]


def _start(command: list[str]) -> float:
    return time_to_paint(command, dict(os.environ, XDG_CONFIG_HOME=str(scratch_folder()), QT_QPA_PLATFORM="offscreen"))


def run(quick: bool) -> list[Result]:
    if not DESK.exists():
        print(f"frozen_startup: no frozen desk at {DESK}; run `make package` first", file=sys.stderr)
        return []
    repeats = 3 if quick else 7
    frozen, source = [], []
    for _ in range(repeats):  # alternating, medians: the machine's noise hits both
        frozen.append(_start([str(DESK), *ARGS]))
        source.append(_start([sys.executable, "-m", "citybrain.core.cli", *ARGS]))
    median = sorted(frozen)[repeats // 2], sorted(source)[repeats // 2]
    return [Result("frozen_startup", median[0], "s", median[1], "<= 1.5")]
