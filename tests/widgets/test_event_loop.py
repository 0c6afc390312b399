"""The desk's asyncio loop, made when first needed inside Qt's running loop: each case runs in a process of its
own, as a desk does (``QApplication.exec()`` from the start, the asyncio loop joining it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

# a desk's default layout, no daemon: what was imported when the first window was shown (before its first paint),
# and what a coroutine started then with ``spawn`` found when it ran
DESK = textwrap.dedent("""
    import json, os, sys, tempfile
    from pathlib import Path
    from citybrain.shell.app import run_desk

    def on_window(window):
        imported = "asyncio" in sys.modules
        import asyncio
        from citybrain.widgets import spawn
        from citybrain.widgets.event_loop import made

        async def job():
            await asyncio.sleep(0.01)  # a timer of the loop: it really runs
            running = asyncio.get_running_loop()
            print(json.dumps({"asyncio_at_window": imported, "made": running is made(),
                              "qasync": type(running).__module__.startswith("qasync")}), flush=True)
            os._exit(0)

        spawn(job())

    run_desk("tcp://127.0.0.1:9", offscreen=True, seconds=20, on_window=on_window,
             layouts_dir=Path(tempfile.mkdtemp()))
""")

# a third party's view whose module imported asyncio, started with asyncio.ensure_future as it is built
VIEW_OF_ITS_OWN = textwrap.dedent("""
    import os
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel
    from citybrain.shell.api import ViewSpec
    from citybrain.widgets import event_loop

    app = QApplication([])
    event_loop.join_on_demand(app)

    def view(ctx):
        import asyncio  # as its module's import would have: before the desk builds it

        label = QLabel("waiting")

        async def load():
            await asyncio.sleep(0)
            label.setText("loaded")
            print(label.text(), flush=True)
            app.quit()

        asyncio.ensure_future(load())
        return label

    import asyncio  # the module's import
    widget = ViewSpec("third.party", "Third party", view).make(ctx=None)
    QTimer.singleShot(10_000, lambda: os._exit(3))  # never loaded: a failure, not a hang
    app.exec()
""")


def _run(script: str, tmp_path) -> subprocess.CompletedProcess:  # noqa: ANN001
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env)


def test_a_desk_makes_its_loop_when_a_coroutine_first_needs_it_and_runs_it_inside_qts(tmp_path):
    proc = _run(DESK, tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == {
        "asyncio_at_window": False,
        "made": True,
        "qasync": True,
    }


def test_a_view_whose_module_imported_asyncio_finds_the_loop_as_it_is_built(tmp_path):
    proc = _run(VIEW_OF_ITS_OWN, tmp_path)
    assert (proc.returncode, proc.stdout) == (0, "loaded\n"), proc.stderr[-3000:]


@pytest.mark.parametrize("asyncio_imported", [False, True])
def test_a_loop_is_made_before_a_view_only_in_a_desk_and_only_once_asyncio_is_imported(asyncio_imported, tmp_path):
    """Outside a desk (tests, tools) nothing is made; in a desk, a view built before anything imported asyncio cannot
    start a coroutine as it is built, and none is made (nor asyncio imported) for it."""
    script = textwrap.dedent(f"""
        import sys
        from PySide6.QtWidgets import QApplication
        from citybrain.widgets import event_loop

        app = QApplication([])
        if {asyncio_imported}:
            import asyncio
        event_loop.before_plugin_code()  # not a desk's process yet: nothing to join
        outside = event_loop.made()
        event_loop.join_on_demand(app)
        event_loop.before_plugin_code()
        print(outside is None, event_loop.made() is not None, "asyncio" in sys.modules)
    """)
    proc = _run(script, tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.split() == ["True", str(asyncio_imported), str(asyncio_imported)]


def test_once_the_desk_has_closed_its_loop_a_views_task_is_not_started_on_a_new_one(tmp_path):
    """A view's timer firing as the desk ends: ``ViewTasks.start`` starts nothing (no loop made after the desk's)."""
    script = textwrap.dedent("""
        import warnings
        from PySide6.QtWidgets import QApplication, QWidget
        from citybrain.widgets import ViewTasks, event_loop

        app = QApplication([])
        event_loop.join_on_demand(app)
        loop = event_loop.desk_loop()
        loop.stop()
        loop.close()  # as run_desk does once app.exec() has returned

        async def reload():
            pass

        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a coroutine left unawaited would warn
            started = ViewTasks(QWidget()).start(reload())
        print(started is None, event_loop.made() is loop)
    """)
    proc = _run(script, tmp_path)
    assert (proc.returncode, proc.stdout.split()) == (0, ["True", "True"]), proc.stderr[-3000:]
