"""PySide6 6.12.0 on Python < 3.12 drops a reference to None on every void Qt
call; after a few thousand the process dies ("Fatal Python error:
none_dealloc"). pyproject.toml excludes that release; this proves the
installed one keeps None's reference count. It runs in a child process so a
crash is a clear failure, not a dead test run."""

import subprocess
import sys
import textwrap
from importlib.metadata import PackageNotFoundError, version

CALLS = 10_000

CHILD = textwrap.dedent(f"""
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen
    from PySide6.QtWidgets import QApplication, QGraphicsRectItem
    app = QApplication([])
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    item = QGraphicsRectItem(QRectF(0, 0, 10, 10))
    brush, pen, colour = QBrush(QColor("red")), QPen(QColor("blue")), QColor("green")
    before = sys.getrefcount(None)
    for i in range({CALLS} // 4):
        painter.fillRect(0, 0, 8, 8, colour)
        painter.setBrush(brush)
        item.setBrush(brush)
        item.setPen(pen)
    after = sys.getrefcount(None)
    painter.end()
    print(before, after)
""")


def test_void_qt_calls_keep_none_alive():
    proc = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"child died (exit {proc.returncode}): {proc.stderr[-2000:]}"
    before, after = map(int, proc.stdout.split())
    assert after >= before, f"{CALLS} void Qt calls lost {before - after} references to None"


def test_pyside_6_12_0_is_not_installed_on_python_below_3_12():
    if sys.version_info >= (3, 12):
        return
    for dist in ("PySide6-Essentials", "PySide6"):
        try:
            assert version(dist) != "6.12.0", f"{dist} 6.12.0 crashes on Python {sys.version_info[:2]}"
        except PackageNotFoundError:
            continue
