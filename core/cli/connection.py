"""Reaching a running daemon from the command line: its address checked, this desk's CURVE keys, the operator's
password, and the short wait for the daemon's hello."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from citybrain.core.config import DEFAULT_PORT, StartError

CONNECT_SECONDS = 8.0  # a client command waits this long for the daemon's hello before saying none answers


def check_endpoint(endpoint: str) -> str:
    """``tcp://HOST:PORT``, or :class:`StartError` saying what one looks like."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(endpoint)
        port = parts.port
    except ValueError:
        port = None
    if not endpoint.startswith("tcp://") or not parts.hostname or port is None:
        raise StartError(
            f"{endpoint!r} is not a daemon's address: give --connect tcp://HOST:PORT "
            f"(the daemon's first port, {DEFAULT_PORT} unless configured otherwise)"
        )
    return endpoint


def reach(client) -> None:  # noqa: ANN001 - a started FeedClient, imported lazily
    """Wait (briefly) for the daemon's hello; :class:`StartError` in one line when nothing answers or the key is
    refused, instead of waiting out a request's timeout."""
    try:
        status = client.wait_for(lambda s: s.state in ("live", "refused"), timeout=CONNECT_SECONDS)
    except TimeoutError:
        raise StartError(
            f"no citybrain daemon answers at {client.endpoint}: check the address, that it is the "
            f"daemon's first port ({DEFAULT_PORT} unless configured; the next one is its feed), "
            f"and that the daemon runs"
        ) from None
    if status.state == "refused":
        raise StartError(f"{client.endpoint}: {status.reason}")


def client_keys(args: argparse.Namespace):  # noqa: ANN202 - ClientKeys | None, imported lazily
    if not getattr(args, "key", None) and not getattr(args, "server_key", None):
        return None
    from citybrain.core.security import ClientKeys

    if not args.key or not args.server_key:
        raise StartError(
            "--key and --server-key go together: this desk's NAME.key_secret and the daemon's public NAME.key"
        )
    try:
        return ClientKeys.load(args.key, args.server_key)
    except ValueError as exc:
        raise StartError(str(exc)) from None


def add_client_security(p: argparse.ArgumentParser) -> None:
    p.add_argument("--key", type=Path, help="this desk's CURVE secret key file (NAME.key_secret)")
    p.add_argument("--server-key", type=Path, help="the daemon's public key file (NAME.key)")


def ask_password(command: str, user: str, always_ask: bool = False) -> str | None:
    """CITYBRAIN_PASSWORD, else asked on the terminal; None (and why, on stderr) when neither can be.

    The variable is removed from this process's environment once read: nothing started later inherits it."""
    password = os.environ.pop("CITYBRAIN_PASSWORD", None)
    if not password and (always_ask or sys.stdin.isatty()):
        try:
            password = getpass.getpass(f"password for {user}: ")
        except EOFError:  # nothing to read (no terminal, empty input)
            password = None
    if not password:
        print(f"citybrain {command}: set CITYBRAIN_PASSWORD or run in a terminal to be asked", file=sys.stderr)
        return None
    return password
