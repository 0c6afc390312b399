"""The screenshot gallery: every view of every installed plugin, in both languages, on the desk's screens and the wall.

``python -m citybrain.shell.gallery [--out build/screenshots] [--lang zh_CN en] [--connect ENDPOINT]``
(``make screenshots``).  Without ``--connect`` a demo daemon starts on a thread, on new data in a temporary
folder, so the pictures show live demo data.  Each language is shot by a desk process of its own, offscreen on
four screens (two 1920×1080 desk screens and a 3840×2160 wall, as ``tests/three-screens.json``, and the small
screen of a compound's or committee's desk, 1366×768), logged in as the demo duty leader:

- ``layout--<layout>--<screen>.<lang>.png``: every preset layout's windows as they open;
- ``shell--<dialog>.<lang>.png``: the desk's own dialogs (palette, shortcuts, notifications, plugins, a refused
  login) over the duty desk;
- ``desk--<view id>.<lang>.png``: every view alone in a maximised desk window (1920×1080);
- ``wall--<view id>.<lang>.png``: every wall view as a wall page (3840×2160).

Pictures are taken a settling time after the view opened (its first queries answered); a gallery is for people to
look at, so waiting a moment here is fine, unlike in a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import subprocess
import sys
import tempfile
from pathlib import Path

LANGUAGES = ("zh_CN", "en")
SETTLE_S = 2.5  # after a view opens: its queries answered, its first batch of records laid out
SEED_TIMEOUT_S = 600.0  # seeding the demo takes minutes on a busy machine (DaemonThread's default is 60 s)
SCREENS = {
    "synchronousWindowSystemEvents": False,
    "windowFrameMargins": False,
    "screens": [
        {
            "name": "desk-left",
            "x": 0,
            "y": 0,
            "width": 1920,
            "height": 1080,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        },
        {
            "name": "desk-right",
            "x": 1920,
            "y": 0,
            "width": 1920,
            "height": 1080,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        },
        {
            "name": "wall",
            "x": 3840,
            "y": 0,
            "width": 3840,
            "height": 2160,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        },
        {
            "name": "small",
            "x": 7680,
            "y": 0,
            "width": 1366,
            "height": 768,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        },
    ],
}
log = logging.getLogger("citybrain.gallery")


def shoot(endpoint: str, out: Path, language: str, user: str, password: str, only: list[str]) -> list[Path]:
    """One language's pictures, by this process (which must not have a QApplication yet)."""
    from citybrain.shell.app import open_desk
    from citybrain.shell.layouts import Layout, ViewPlacement, WindowLayout
    from citybrain.shell.login import log_in

    layouts = Path(tempfile.mkdtemp(prefix="citybrain-gallery-layouts-"))
    import qasync

    app, desk = open_desk(endpoint, lang=language, layouts_dir=layouts, organization="citybrain-gallery")
    loop, feed = qasync.QEventLoop(app), desk.feed  # run below until the pictures are taken
    asyncio.set_event_loop(loop)
    written: list[Path] = []
    out.mkdir(parents=True, exist_ok=True)

    def wanted(name: str) -> bool:
        return not only or any(o in name for o in only)

    def grab(window, name: str) -> None:  # noqa: ANN001 - a DeskWindow
        path = out / f"{name}.{language}.png"
        if window.grab().save(str(path)):
            written.append(path)
            print(path, flush=True)
        if getattr(window, "wall", False):  # type for 5 m: the smallest text drawn, to compare with WALL_SMALLEST_PX
            with (out / f"wall-type.{language}.txt").open("a", encoding="utf-8") as report:
                print(wall_type_line(path.name, window), file=report)

    async def settle() -> None:
        await asyncio.sleep(SETTLE_S)

    async def shell_dialogs() -> None:
        """The desk's own dialogs over the duty desk: ``shell--<dialog>.<lang>.png``."""
        from citybrain.shell.dialogs import show_plugins
        from citybrain.shell.login import LoginDialog

        async def refused_login() -> LoginDialog:
            dialog = LoginDialog(feed, desk.windows["desk-left"])
            dialog.show()
            dialog.username.setText("nobody")  # an unknown user: refused, and no operator's login count spent
            dialog.password.setText("wrong")
            await dialog.submit()
            return dialog

        desk.switch_layout("duty-desk")
        await settle()
        window = desk.windows["desk-left"]
        opening = {
            "palette": lambda: desk.commands.show_palette(window),
            "shortcuts": desk.commands.edit_shortcuts,
            "notifications": desk.commands.show_notifications,
            "plugins": lambda: show_plugins(desk),
        }
        for name in [*opening, "login"]:
            if not wanted(f"shell--{name}"):
                continue
            dialog = await refused_login() if name == "login" else opening[name]()
            await settle()
            grab(dialog, f"shell--{name}")
            dialog.close()

    async def run() -> None:
        desk.start("duty-desk")
        feed.start()
        while feed.stale:
            await asyncio.sleep(0.1)
        await log_in(feed, user, password)
        await settle()
        for name in desk.store.preset_names():
            if not wanted(f"layout--{name}"):
                continue
            desk.switch_layout(name)
            await settle()
            for window in desk.windows.values():
                grab(window, f"layout--{name}--{window.current_screen_name() or window.objectName()}")
        await shell_dialogs()
        for view_id, (_, spec) in sorted(desk.views.items()):
            if wanted(f"desk--{view_id}"):
                desk.apply(
                    Layout(
                        "gallery",
                        "desk",
                        windows=[
                            WindowLayout(
                                "desk-left", screen="desk-left", state="maximized", views=[ViewPlacement(view_id)]
                            )
                        ],
                    )
                )
                await settle()
                grab(desk.windows["desk-left"], f"desk--{view_id}")
            if spec.placement == "wall" and wanted(f"wall--{view_id}"):
                desk.apply(
                    Layout(
                        "gallery",
                        "wall",
                        windows=[
                            WindowLayout(
                                "wall",
                                screen="wall",
                                state="fullscreen",
                                carousel=[ViewPlacement(view_id)],
                                carousel_seconds=3600,
                            )
                        ],
                    )
                )
                await settle()
                grab(desk.windows["wall"], f"wall--{view_id}")
        desk.shutdown()

    try:  # what qasync's loop does as a context manager
        loop.run_until_complete(run())
    finally:
        loop.stop()
        loop.close()
    feed.stop()
    return written


def wall_type_line(picture: str, window) -> str:  # noqa: ANN001 - a DeskWindow on the wall
    """``picture: smallest N px (ink M px) "text" (widget)``, and how many texts are drawn smaller than the wall's
    smallest (``N``: the font's em as drawn; ``M``: its glyphs' ink, see :mod:`citybrain.shell.drawn_text`)."""
    from citybrain.shell.carousel import WALL_HEIGHT, WALL_SMALLEST_PX
    from citybrain.shell.drawn_text import drawn_text

    texts = drawn_text(window)
    if not texts:
        return f"{picture}: no text"
    least = min(texts, key=lambda t: t.px)
    small = [t for t in texts if t.px < WALL_SMALLEST_PX * window.height() / WALL_HEIGHT]
    return (
        f"{picture}: smallest {least.px:g} px (ink {least.ink:g} px) {least.text[:30]!r} ({least.widget}); "
        f"{len(small)} below the wall's"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m citybrain.shell.gallery", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path("build/screenshots"))
    parser.add_argument("--lang", nargs="+", default=list(LANGUAGES), choices=LANGUAGES)
    parser.add_argument("--connect", help="a running daemon's endpoint (default: a demo daemon started here)")
    parser.add_argument("--user", default="duty", help="the demo operator the desk logs in as")
    parser.add_argument("--only", nargs="*", default=[], help="only pictures whose name contains one of these")
    parser.add_argument("--one", metavar="LANG", help=argparse.SUPPRESS)  # a child process: shoot this language
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.one:
        import faulthandler

        from citybrain.core.daemon.builtins import DEMO_OPERATORS

        faulthandler.enable()  # a desk that crashes says where

        password = next(p for user, p, _, _ in DEMO_OPERATORS if user == args.user)
        shoot(args.connect, args.out, args.one, args.user, password, args.only)
        return 0
    if args.connect:
        return _children(args.connect, args)
    from citybrain.core.config import DaemonConfig
    from citybrain.core.daemon.runner import DaemonThread

    with tempfile.TemporaryDirectory(prefix="citybrain-gallery-") as data:
        config = DaemonConfig.load(None, data_dir=Path(data), port=0, demo=True, name="citybrain-gallery")
        daemon = DaemonThread(config).start(timeout=SEED_TIMEOUT_S)
        try:
            return _children(daemon.endpoint, args)
        finally:
            daemon.stop()


def _children(endpoint: str, args: argparse.Namespace) -> int:
    """One desk process per language, one after the other (a translator is installed once per process)."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as screens:
        json.dump(SCREENS, screens)
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screens.name}")
    failed = False
    try:
        for language in args.lang:
            cmd = [
                sys.executable,
                "-m",
                "citybrain.shell.gallery",
                "--connect",
                endpoint,
                "--out",
                str(args.out),
                "--user",
                args.user,
                "--one",
                language,
                "--only",
                *args.only,
            ]
            code = subprocess.run(cmd, env=env).returncode
            if code:
                print(f"gallery: the {language} desk ended with exit code {code}", file=sys.stderr)
            failed |= code != 0
    finally:
        os.unlink(screens.name)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
