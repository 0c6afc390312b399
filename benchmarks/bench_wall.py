"""wall_frame: all 15,000 tiles of the device wall changed, then updated and repainted, against a bare repaint of
a scaled QImage of the same grid (what any tile wall must at least do).

Both repaint what a frame repaints in the desk: the image's place (``TileWall._tick`` updates that, not the
margins around it, which the states never change; the bare widget paints nothing else)."""

from __future__ import annotations

import random
import statistics
import time

import numpy as np

from benchmarks import Result
from benchmarks.qt import qapp

TILES, BLOCKS = 15_000, 40


def _timed(paint, frames: int) -> float:
    start = time.perf_counter()
    for _ in range(frames):
        paint()
    return (time.perf_counter() - start) / frames


def wall_frame(quick: bool) -> Result:
    qapp()
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QImage, QPainter, QRegion
    from PySide6.QtWidgets import QWidget

    from citybrain.widgets.tile_wall import TileWall

    rounds, frames = (15, 10) if quick else (30, 30)
    rng = random.Random(5)
    blocks = [list(range(n, TILES, BLOCKS)) for n in range(BLOCKS)]
    wall = TileWall(blocks, ["#2f6b47", "#3a3f47", "#c9a227", "#1f2329", "#4f8cc9", "#e0a030", "#e06a2a", "#e03131"])
    wall.period = 0.0  # the benchmark drives the frames: every change is drawn into the image at once
    wall.resize(1600, 900)
    everything = np.arange(TILES)
    states = [np.array([rng.randrange(8) for _ in range(TILES)], dtype=np.uint8) for _ in range(4)]

    canvas = QImage(1600, 900, QImage.Format.Format_RGB32)  # both paint into the same frame buffer, for real

    def ours(counter=[0]) -> None:  # noqa: B006 - a frame counter across calls
        counter[0] += 1
        wall.set_states(everything, states[counter[0] % 4])  # the state array into the image
        wall.render(canvas, QPoint(), frame)

    image = QImage(wall.width_tiles, wall.height_tiles, QImage.Format.Format_RGB32)
    image.fill(0xFF2F6B47)

    class Bare(QWidget):
        def paintEvent(self, event) -> None:  # noqa: ANN001, N802
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            painter.drawImage(wall.target(), image)
            painter.end()

    bare = Bare()
    bare.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
    bare.resize(1600, 900)
    frame = QRegion(wall.target())  # what a frame repaints (both widgets are 1600x900: the same place)
    ours()  # warm both up
    bare.render(canvas, QPoint(), frame)
    ours_s, bare_s = [], []
    for _ in range(rounds):  # many short alternating rounds, medians: this machine's noise hits both alike
        ours_s.append(_timed(ours, frames))
        bare_s.append(_timed(lambda: bare.render(canvas, QPoint(), frame), frames))
    wall.close()
    bare.close()
    return Result("wall_frame", statistics.median(ours_s) * 1000, "ms", statistics.median(bare_s) * 1000, "<= 1.5")


def run(quick: bool) -> list[Result]:
    return [wall_frame(quick)]
