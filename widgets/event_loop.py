"""The desk's asyncio loop (qasync over Qt's own), made the first time something needs it.

A desk paints its first frame before it imports asyncio and qasync (~35 ms of a ~0.4 s start here, with the
stdlib modules only they use): nothing before that paint runs a coroutine, unless a view starts one as it is
built.  So the loop is made by whichever comes first: ``spawn`` (``ViewTasks``, ``Sender``, the shell's actions),
plugin code run once asyncio is imported (``ViewSpec.make`` and the desk's ``citybrain_watch`` call make the loop
first, so a view's or a watcher's ``asyncio.ensure_future`` finds it), or the first paint (``shell.app.run_desk``
makes it with the feed).

It joins Qt's loop rather than replacing it (qasync's ``already_running``): the desk runs ``QApplication.exec()``
from the start, and the asyncio loop counts as running inside it from the moment it is made.  Tests and the
screenshot gallery set a loop of their own and run it (``desk_loop`` is then asyncio's current one).
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import asyncio
    import concurrent.futures

    from PySide6.QtCore import QCoreApplication

_app: QCoreApplication | None = None  # a desk's application whose exec() the loop joins (join_on_demand)
_loop: asyncio.AbstractEventLoop | None = None


def join_on_demand(app: QCoreApplication) -> None:
    """The desk of this process runs ``app.exec()``: ``desk_loop`` makes the asyncio loop inside it when first asked."""
    global _app
    _app = app


def made() -> asyncio.AbstractEventLoop | None:
    """The loop ``desk_loop`` made, if it made one yet."""
    return _loop


def desk_loop() -> asyncio.AbstractEventLoop:
    """The loop the desk's coroutines run on: the one made before, else a new one inside the desk's Qt loop
    (``join_on_demand``), else asyncio's current one (the one a test or the gallery set and runs itself).

    RuntimeError once the made loop is closed (the desk has ended: nothing would run a task, so none is made on a
    new loop), as asyncio's own ``ensure_future`` raises without a loop; ``ViewTasks.start`` then starts nothing."""
    global _loop
    import asyncio

    if _loop is not None:
        if _loop.is_closed():
            raise RuntimeError("the desk's event loop is closed")
        return _loop
    if _app is None:
        return asyncio.get_event_loop()
    import qasync

    _loop = qasync.QEventLoop(_app, already_running=True)
    asyncio.set_event_loop(_loop)
    return _loop


def before_plugin_code() -> None:
    """A plugin's code is about to run before the first paint (a view being built, ``citybrain_watch``): if asyncio
    is imported by now (its module's ``import asyncio``, most likely), that code may start a coroutine with
    ``asyncio.ensure_future``, so the desk's loop is made first."""
    if _app is not None and _loop is None and "asyncio" in sys.modules:
        desk_loop()


def spawn(coroutine: Coroutine) -> asyncio.Task:
    """``coroutine`` as a task on the desk's loop (``asyncio.ensure_future``, the loop made first if need be)."""
    return desk_loop().create_task(coroutine)


def wrap_future(future: concurrent.futures.Future) -> asyncio.Future:
    """``asyncio.wrap_future``, for modules a desk imports before its first paint (they do not import asyncio)."""
    import asyncio

    return asyncio.wrap_future(future)


def spawn_if_coroutine(result: Any) -> asyncio.Task | None:
    """What an action or a button returned: started as a task when it is a coroutine (a coroutine function's)."""
    return spawn(result) if inspect.iscoroutine(result) else None
