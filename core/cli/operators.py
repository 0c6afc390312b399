"""``citybrain operator add|disable|enable|role|unit``: operators changed straight in the database."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from citybrain.core.cli.connection import ask_password
from citybrain.core.cli.daemon import add_database_options
from citybrain.core.config import DaemonConfig


def cmd_operator_add(args: argparse.Namespace) -> int:
    """Create an operator directly in the database (the first admin of a new installation)."""
    from citybrain.core.operators import Role, create_operator

    password = ask_password("operator add", args.username, always_ask=True)
    if password is None:
        return 2
    return _operators(
        args,
        "add",
        lambda session: create_operator(session, args.username, password, Role.parse(args.role), args.display_name),
        f"operator {args.username} ({args.role}) created",
    )


def _operators(args: argparse.Namespace, verb: str, change: Callable[[Any], Any], done: str) -> int:
    """One change to the operators, straight in the database (the daemon need not run; a running one sees it at
    the operator's next request)."""
    from citybrain.core.daemon.server import daemon_plugin_host
    from citybrain.core.storage.engine import make_engine, session_factory, sqlite_url
    from citybrain.core.storage.schema import CORE_SCHEMA, prepare_schema

    config = DaemonConfig.load(args.config, data_dir=args.data_dir, database_url=args.database_url)
    engine = make_engine(config.database_url or sqlite_url(config.data_dir))
    host = daemon_plugin_host()
    host.discover()  # plugins' tables too, so the schema recorded is the whole one
    prepare_schema(engine, [CORE_SCHEMA] + [i for _, i in host.call("citybrain_schema") if i is not None])
    try:
        with session_factory(engine)() as session:
            result = change(session)
            session.commit()
    except ValueError as exc:
        print(f"citybrain operator {verb}: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(done.format(result=result))
    return 0


def cmd_operator_disable(args: argparse.Namespace) -> int:
    from citybrain.core.operators import set_active

    return _operators(
        args,
        "disable",
        lambda session: set_active(session, args.username, False),
        f"operator {args.username} disabled; {{result}} session(s) ended",
    )


def cmd_operator_enable(args: argparse.Namespace) -> int:
    from citybrain.core.operators import set_active

    return _operators(
        args, "enable", lambda session: set_active(session, args.username, True), f"operator {args.username} enabled"
    )


def cmd_operator_role(args: argparse.Namespace) -> int:
    from citybrain.core.operators import Role, set_role

    return _operators(
        args,
        "role",
        lambda session: set_role(session, args.username, Role.parse(args.role)),
        f"operator {args.username} is now {args.role}; {{result}} session(s) ended (log in again)",
    )


def cmd_operator_unit(args: argparse.Namespace) -> int:
    """Place an operator in an org unit (audited, as the daemon's ``operators.unit`` is); a running daemon cuts their
    desks' view to it at their next request (a desk pings every 2 s)."""
    from citybrain.core.operators import set_unit

    return _operators(
        args,
        "unit",
        lambda session: set_unit(session, args.username, args.unit, by=None, desk="cli") or "the whole district",
        f"operator {args.username} is now in {args.unit or 'the whole district'} (was in {{result}})",
    )


def add_commands(sub) -> None:  # noqa: ANN001 - argparse's subparsers action
    p = sub.add_parser("operator", help="operators")
    ops = p.add_subparsers(dest="operator_command", required=True)
    o = ops.add_parser("add", help="create an operator (password from CITYBRAIN_PASSWORD or asked)")
    o.add_argument("username")
    o.add_argument("--role", default="operator", help="viewer, operator, duty_leader or admin")
    o.add_argument("--display-name")
    o.set_defaults(func=cmd_operator_add)
    o_disable = ops.add_parser("disable", help="disable an operator: their sessions end at once")
    o_disable.add_argument("username")
    o_disable.set_defaults(func=cmd_operator_disable)
    o_enable = ops.add_parser("enable", help="enable a disabled operator again")
    o_enable.add_argument("username")
    o_enable.set_defaults(func=cmd_operator_enable)
    o_role = ops.add_parser("role", help="give an operator another role: their sessions end at once")
    o_role.add_argument("username")
    o_role.add_argument("role", help="viewer, operator, duty_leader or admin")
    o_role.set_defaults(func=cmd_operator_role)
    o_unit = ops.add_parser("unit", help="place an operator in an org unit: their desks see and act within its subtree")
    o_unit.add_argument("username")
    o_unit.add_argument("unit", nargs="?", help="the unit's code; none: the whole district")
    o_unit.set_defaults(func=cmd_operator_unit)
    for each in (o, o_disable, o_enable, o_role, o_unit):
        add_database_options(each)
