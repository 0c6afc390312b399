"""``citybrain``: the one command for daemon, desk, demo, plugins, operators, keys, backups, imports and requests.

One module per group of commands, each adding its own to the parser: ``daemon`` (daemon, backup), ``desk`` (desk,
demo), ``plugins``, ``operators``, ``keys``, ``remote`` (import, describe, call, query); ``connection`` is what
the commands reaching a running daemon share.
"""

from __future__ import annotations

import argparse
import logging
import sys

from citybrain.core.cli import daemon, desk, keys, operators, plugins, remote
from citybrain.core.config import StartError


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="citybrain", description="District City Brain command centre")
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)
    daemon.add_daemon(sub)
    if has_desk():
        desk.add_commands(sub)
    plugins.add_command(sub)
    operators.add_commands(sub)
    daemon.add_backup(sub)
    keys.add_commands(sub)
    remote.add_commands(sub)
    return parser


def has_desk() -> bool:
    """Whether this build can run a desk (the daemon's build and a server without Qt cannot)."""
    from importlib.util import find_spec

    try:
        return find_spec("citybrain.shell") is not None and find_spec("PySide6") is not None
    except (ImportError, ValueError):
        return False


def main(argv: list[str] | None = None) -> int:
    """Run one command; a mistake (a configuration, a flag, a file, an address) is said in one line, exit 2."""
    args = build_parser().parse_args(argv)
    _setup_logging(args.verbose)
    try:
        return args.func(args)
    except StartError as exc:
        command = " ".join(filter(None, (args.command, getattr(args, "operator_command", None))))
        print(f"citybrain {command}: {exc}", file=sys.stderr)
        return 2
