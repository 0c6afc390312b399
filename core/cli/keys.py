"""``citybrain keys new``: a CURVE key pair for a desk or a daemon."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def cmd_keys(args: argparse.Namespace) -> int:
    from citybrain.core.security import new_keypair

    try:
        public, secret = new_keypair(args.dir, args.name)
    except FileExistsError as exc:
        print(f"citybrain keys: {exc}", file=sys.stderr)
        return 1
    print(f"public key (hand it out; put desks' keys in the daemon's allow-list folder): {public}")
    print(f"secret key (keep it on this machine only, mode 600): {secret}")
    return 0


def add_commands(sub) -> None:  # noqa: ANN001 - argparse's subparsers action
    p = sub.add_parser("keys", help="CURVE keys")
    keys = p.add_subparsers(dest="keys_command", required=True)
    k = keys.add_parser("new", help="a new key pair: NAME.key (public) and NAME.key_secret")
    k.add_argument("name")
    k.add_argument("--dir", type=Path, default=Path("."), help="where to write the files (default: here)")
    k.set_defaults(func=cmd_keys)
