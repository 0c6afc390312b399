"""``citybrain desk`` and ``citybrain demo``: the commands that open desk windows.

They import the shell (and so Qt) only when they run, so ``citybrain daemon`` works on a server with no Qt
libraries; and they say so in plain words before Qt would abort on a machine with no display."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from citybrain.core.cli.connection import add_client_security, ask_password, check_endpoint, client_keys
from citybrain.core.config import DEFAULT_PORT, DaemonConfig, StartError, user_data_dir


def no_display(command: str, offscreen: bool) -> str | None:
    """Why no desk window can open here, and what to run instead, in plain words; None when one can.

    A Linux machine with neither DISPLAY nor WAYLAND_DISPLAY (a server, an SSH session) would otherwise abort
    inside Qt with a message about libxcb."""
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0]
    if offscreen or not sys.platform.startswith("linux") or platform not in ("", "xcb", "wayland"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        f"citybrain {command}: this machine has no display (neither DISPLAY nor WAYLAND_DISPLAY is set), "
        f"so no desk window can open here.\n"
        f"Run it offscreen instead, for example:\n"
        f"    citybrain {command} --offscreen --seconds 60 --screenshot shots/\n"
        f"(it writes one picture per window into shots/), or run it on a machine with a screen, "
        f"or under a virtual X server: xvfb-run -a citybrain {command}"
    )


def check_layout(name: str | None) -> None:
    """An unknown ``--layout`` is refused before any window opens, listing the layouts there are."""
    if name is None:
        return
    from citybrain.shell.layouts import LayoutStore  # plain data, no Qt

    names = LayoutStore().names()
    if name not in names:
        raise StartError(f"no layout named {name!r}; the layouts there are: {', '.join(names)}")


def cmd_desk(args: argparse.Namespace) -> int:
    """A desk; ``--user`` logs in at start (a wall desk has no login dialog), once the daemon answers."""
    check_layout(args.layout)
    check_endpoint(args.connect)
    keys = client_keys(args)
    why = no_display("desk", args.offscreen)
    if why:
        print(why, file=sys.stderr)
        return 2
    from citybrain.shell.app import run_desk

    login = None
    if args.user:
        password = ask_password("desk", args.user)
        if password is None:
            return 2
        login = (args.user, password)
    from citybrain.shell.app import exit_on_first_paint

    return run_desk(
        args.connect,
        offscreen=args.offscreen,
        seconds=args.seconds,
        login=login,
        screenshot_dir=args.screenshot,
        lang=args.lang,
        keys=keys,
        layout=args.layout,
        on_window=exit_on_first_paint if args.first_paint else None,
    )


def cmd_demo(args: argparse.Namespace) -> int:
    """A daemon on a thread (demo data seeded on first run, or afresh with ``--fresh``) and one desk; closing the
    desk stops both."""
    check_layout(args.layout)
    why = no_display("demo", args.offscreen)
    if why:
        print(why, file=sys.stderr)
        return 2
    from citybrain.core.daemon.builtins import DEMO_OPERATORS
    from citybrain.core.daemon.runner import DaemonThread
    from citybrain.shell.app import run_desk

    data_dir = args.data_dir or user_data_dir() / "demo"
    if args.fresh:
        forget_demo(data_dir)
    config = DaemonConfig.load(None, data_dir=data_dir, port=0, demo=True, name="citybrain-demo")
    with DaemonThread(config) as daemon:
        user, password = DEMO_OPERATORS[1][:2]
        return run_desk(
            daemon.endpoint,
            offscreen=args.offscreen,
            seconds=args.seconds,
            screenshot_dir=args.screenshot,
            login=(user, password),
            lang=args.lang,
            layout=args.layout,
        )


def forget_demo(data_dir: Path) -> None:
    """Delete the demo's database (and SQLite's WAL beside it), so the daemon seeds the demo anew; nothing else in
    the folder is touched."""
    for name in ("citybrain.db", "citybrain.db-wal", "citybrain.db-shm"):
        (data_dir / name).unlink(missing_ok=True)


def add_desk_display(p: argparse.ArgumentParser) -> None:
    p.add_argument("--offscreen", action="store_true", help="no display: render offscreen")
    p.add_argument("--seconds", type=float, help="quit after this many seconds")
    p.add_argument(
        "--screenshot",
        type=Path,
        metavar="DIR",
        help="write one PNG per window into DIR (LAYOUT--SCREEN.png) and quit; "
        "without --seconds, once the feed is live",
    )
    p.add_argument("--layout", help="the named layout to open (default: the one this workstation used last)")
    p.add_argument("--lang", help="user interface language: zh_CN or en (default: the system's)")


def add_commands(sub) -> None:  # noqa: ANN001 - argparse's subparsers action
    p = sub.add_parser("desk", help="run a desk")
    p.add_argument("--connect", default=f"tcp://127.0.0.1:{DEFAULT_PORT}", help="the daemon's ROUTER endpoint")
    p.add_argument(
        "--user",
        help="log in as this operator at start (password from CITYBRAIN_PASSWORD or asked); "
        "the way a wall desk logs in",
    )
    p.add_argument(
        "--first-paint",
        action="store_true",
        help="print 'painted' when the first window paints, then exit (start-up timing, smoke tests)",
    )
    add_desk_display(p)
    add_client_security(p)
    p.set_defaults(func=cmd_desk)

    p = sub.add_parser("demo", help="a demo daemon and one desk; closing the desk stops both")
    p.add_argument("--data-dir", type=Path, help=f"default: {user_data_dir() / 'demo'}")
    p.add_argument(
        "--fresh", action="store_true", help="start from new demo data: the demo's database is deleted and seeded again"
    )
    add_desk_display(p)
    p.set_defaults(func=cmd_demo)
