"""What a desk imports before its first frame: the heavy libraries only views and the daemon use stay out; and the
Qt classes it touches only for something minor (PySide builds a class's enum types when Python first touches it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

# ~0.3 s, ~75 ms and ~0.15 s (quiet) of a ~0.25 s bare Qt start; the device wall imports numpy when opened, and
# SQLAlchemy is the daemon's (core.api, core.storage): a module both halves import reads its files with
# core.config's `bundled`, not core.api's
HEAVY = ("pandas", "numpy", "sqlalchemy")
DAEMON_SIDE = ("citybrain.core.api", "citybrain.core.storage", "citybrain.core.daemon")
WORDED_ON_DEMAND = (".handover_words", ".handover_items", "citybrain.core.tags")
# what a view needs only when it exports or prints (the duty log's ICS-214 report, with html: ~3 ms)
EXPORTED_ON_DEMAND = ("citybrain.plugins.duty.reports", "html")
# the plugin hosts read entry points from the distributions' files (core.entry_points): ~12 ms with the email package
METADATA_READERS = ("importlib.metadata", "email.message")
# the feed's sockets: the feed starts once the first window has painted (shell.app.after_first_paint), ~25 ms here
FEED_AFTER_PAINT = ("zmq", "citybrain.core.request_socket", "citybrain.core.security", "secrets")
# the asyncio loop joins Qt's when first needed (citybrain.widgets.event_loop): ~35 ms with ssl, made after the paint
LOOP_AFTER_PAINT = ("asyncio", "qasync", "ssl")
# 11 enum types of 566 members (~6 ms): the style comes from Qt's -style option, and nothing is repolished unshown
UNTOUCHED_QT_CLASSES = ("QStyle",)

FIRST_FRAME = textwrap.dedent("""
    import json, os, sys, tempfile
    from pathlib import Path
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication
    from citybrain.shell.app import run_desk

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                built = sorted(vars(sys.modules["PySide6.QtWidgets"]))  # the classes PySide has built so far
                style = QApplication.style().name()
                print(json.dumps({"modules": sorted(sys.modules), "built": built, "style": style}), flush=True)
                os._exit(0)
            return False

    def on_window(window):
        # the window's own filter, not the application's: that one would see objects no Python code of the desk
        # sees, and PySide builds every Qt class an object might be of to find its class (QStyle among them)
        window._first_paint = FirstPaint()
        window.installEventFilter(window._first_paint)

    # a fresh workstation's default layout, no daemon answering: what every desk loads at start; logging in at
    # start, as a wall desk does (its login waits for the feed)
    run_desk("tcp://127.0.0.1:9", offscreen=True, seconds=120, on_window=on_window,
             layouts_dir=Path(tempfile.mkdtemp()), login=("wall", "not asked before the first paint"))
""")


def test_the_default_desk_paints_its_first_frame_without_pandas_numpy_sqlalchemy_or_the_daemon(tmp_path):
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-c", FIRST_FRAME], capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    first_frame = json.loads(proc.stdout.strip().splitlines()[-1])
    loaded = set(first_frame["modules"])
    assert "citybrain.shell.window" in loaded or "citybrain.shell.app" in loaded  # the desk really started
    assert [m for m in HEAVY if m in loaded] == []
    assert [m for m in sorted(loaded) if m.startswith(DAEMON_SIDE) or m.endswith(".daemon")] == []
    # what the plugins word on demand: handover items (when a handover is first worded), the people rule language
    assert [m for m in sorted(loaded) if m.endswith(WORDED_ON_DEMAND)] == []
    assert [m for m in EXPORTED_ON_DEMAND if m in loaded] == []
    assert [m for m in METADATA_READERS if m in loaded] == []
    assert [m for m in FEED_AFTER_PAINT if m in loaded] == []
    assert [m for m in LOOP_AFTER_PAINT if m in loaded] == []
    assert first_frame["style"].lower() == "fusion"
    assert [c for c in UNTOUCHED_QT_CLASSES if c in first_frame["built"]] == []


def test_the_first_paint_probe_stops_at_the_first_window_s_first_paint(tmp_path):
    """``exit_on_first_paint`` (the benchmark's and ``citybrain desk --first-paint``'s) watches the window alone."""
    script = textwrap.dedent("""
        import tempfile
        from pathlib import Path
        from citybrain.shell.app import exit_on_first_paint, run_desk
        run_desk("tcp://127.0.0.1:9", offscreen=True, seconds=120, on_window=exit_on_first_paint,
                 layouts_dir=Path(tempfile.mkdtemp()))
    """)
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, env=env)
    assert (proc.returncode, proc.stdout) == (0, "painted\n"), proc.stderr[-3000:]
