"""``citybrain``: the one command for daemon, desk, demo, plugins, keys and imports.

Desk-side subcommands import the shell (and so Qt) only when they run, so
``citybrain daemon`` works on a server with no Qt libraries.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from citybrain.core.config import DEFAULT_PORT, DaemonConfig, StartError, user_data_dir

log = logging.getLogger("citybrain")
CONNECT_SECONDS = 8.0  # a client command waits this long for the daemon's hello before saying none answers


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )


def cmd_daemon(args: argparse.Namespace) -> int:
    from citybrain.core.daemon.runner import run_daemon
    from citybrain.core.storage.schema import SchemaTooNew

    config = DaemonConfig.load(
        args.config,
        data_dir=args.data_dir,
        port=args.port,
        host=args.host,
        database_url=args.database_url,
        demo=args.demo or None,
    )
    try:
        return run_daemon(
            config,
            on_ready=lambda d: print(
                f"citybrain daemon ready: connect desks to tcp://{config.host}:{d.router_port}", flush=True
            ),
        )
    except SchemaTooNew as exc:
        print(f"citybrain daemon: {exc}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:  # Ctrl+C before the daemon's own handler is installed
        return 130


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
    keys = _client_keys(args)
    why = no_display("desk", args.offscreen)
    if why:
        print(why, file=sys.stderr)
        return 2
    from citybrain.shell.app import run_desk

    login = None
    if args.user:
        password = _password("desk", args.user)
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


def cmd_backup(args: argparse.Namespace) -> int:
    """A consistent copy of the database while the daemon runs (SQLite online backup, PostgreSQL pg_dump)."""
    from citybrain.core.storage.backup import BackupError, backup
    from citybrain.core.storage.engine import sqlite_url

    config = DaemonConfig.load(args.config, data_dir=args.data_dir, database_url=args.database_url)
    try:
        print(backup(config.database_url or sqlite_url(config.data_dir), args.to))
    except BackupError as exc:
        print(f"citybrain backup: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_plugins(args: argparse.Namespace) -> int:
    from citybrain.core.daemon.server import daemon_plugin_host
    from citybrain.core.plugins import PluginStatus

    hosts = [daemon_plugin_host()]
    try:
        from citybrain.shell.plugins import desk_plugin_host
    except ImportError as exc:  # a server build without Qt: there is no desk side here, which is not a failure
        desk_states = [
            {
                "name": "*",
                "side": "desk",
                "state": PluginStatus.ABSENT,
                "where": "import",
                "error": f"no desk here: {exc}",
            }
        ]
    else:
        hosts.append(desk_plugin_host())
        desk_states = []
    states = []
    for host in hosts:
        host.discover()
        host.check()
        states += [s.as_dict() for s in host.states.values()]
    states += desk_states
    if args.json:
        print(json.dumps(states, ensure_ascii=False, indent=1))
    else:
        for s in states:
            line = f"{s['side']:6} {s['name']:20} {s['state']:8}"
            print(line + (f"  {s['where']}: {s['error']}" if s.get("error") else ""))
    return 0 if all(s["state"] in (PluginStatus.LOADED, PluginStatus.ABSENT) for s in states) else 1


def cmd_operator_add(args: argparse.Namespace) -> int:
    """Create an operator directly in the database (the first admin of a new installation)."""
    from citybrain.core.operators import Role, create_operator

    password = _password("operator add", args.username, always_ask=True)
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


def _password(command: str, user: str, always_ask: bool = False) -> str | None:
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


def cmd_import(args: argparse.Namespace) -> int:
    from citybrain.core.client import FeedClient, RequestError

    if not args.file.is_file():
        raise StartError(f"no file at {args.file}" + (" (that is a folder)" if args.file.is_dir() else ""))
    endpoint = check_endpoint(args.connect)
    keys = _client_keys(args)
    data = args.file.read_bytes()
    password = _password("import", args.user)
    if password is None:
        return 2
    with FeedClient(endpoint, subscribe=False, keys=keys) as client:
        reach(client)
        try:
            client.login(args.user, password, timeout=args.timeout)
            reply = client.command(
                "import", {"kind": args.kind, "filename": args.file.name, "data": data}, timeout=args.timeout
            ).result(args.timeout + 1)
        except RequestError as exc:
            print(f"citybrain import: refused ({exc.code}): {exc.message}", file=sys.stderr)
            report = exc.details if isinstance(exc.details, dict) else {}
            _print_row_errors(report)
            return 1
    result = reply["result"]
    print(f"imported {result['imported']} of {result['rows']} row(s) of {args.kind} from {args.file.name} (committed)")
    for note in result.get("notes", []):
        print(f"  {note}")
    return 0


def _print_row_errors(report: dict) -> None:
    """An ``import_refused`` report on stderr: a line per row error listed, then how many more there are (the
    daemon lists the first 100 and counts them all in ``errors_total``)."""
    errors = report.get("errors", [])
    for err in errors:
        where = f"row {err['row']}" + (f", column {err['column']}" if err.get("column") else "")
        print(f"  {where}: {err['message']}", file=sys.stderr)
    more = report.get("errors_total", len(errors)) - len(errors)
    if more > 0:
        print(f"  … and {more:,} more problem(s) not listed", file=sys.stderr)


def cmd_request(args: argparse.Namespace) -> int:
    """``call`` (a command) or ``query``: the payload from ``--json``, the reply printed as JSON on stdout; a refusal
    is one line on stderr naming its code, exit 1 (its details, if any, follow as JSON)."""
    from citybrain.core.client import FeedClient, RequestError

    verb = args.command
    body = _json_argument(args.json)
    endpoint = check_endpoint(args.connect)
    keys = _client_keys(args)
    anonymous = getattr(args, "anonymous", False)
    password = None if anonymous else _password(verb, args.user)
    if password is None and not anonymous:
        return 2
    with FeedClient(endpoint, subscribe=False, keys=keys) as client:
        reach(client)
        try:
            if password is not None:
                client.login(args.user, password, timeout=args.timeout)
            send = client.command if verb == "call" else client.query
            reply = send(args.name, body, timeout=args.timeout).result(args.timeout + 1)
        except RequestError as exc:
            print(f"citybrain {verb} {args.name}: {exc.code}: {exc.message}", file=sys.stderr)
            if exc.details is not None:
                print(json.dumps(exc.details, ensure_ascii=False, default=_json_bytes), file=sys.stderr)
            return 1
    print(json.dumps(reply, ensure_ascii=False, indent=1, default=_json_bytes))
    return 0


def cmd_describe(args: argparse.Namespace) -> int:
    """Every command, query, collection and importer with its fields: of the plugins installed here, or of the
    daemon at ``--connect`` (its ``describe`` request); as JSON, or as docs/reference.md's Markdown."""
    from citybrain.core import describe

    if args.connect:
        from citybrain.core.client import FeedClient, RequestError

        with FeedClient(check_endpoint(args.connect), subscribe=False, keys=_client_keys(args)) as client:
            reach(client)
            try:
                description = client.request(describe.DESCRIBE, {}).result(30)
            except RequestError as exc:
                print(f"citybrain describe: {exc.code}: {exc.message}", file=sys.stderr)
                return 1
    else:
        description = describe.local()
    if args.markdown:
        sys.stdout.write(describe.markdown(description))
    else:
        print(json.dumps(description, ensure_ascii=False, indent=1))
    return 0


def _json_argument(text: str) -> dict:
    """``--json``: a JSON object, or ``-`` to read it from stdin; a mistake is a StartError in one line."""
    if text == "-":
        text = sys.stdin.read()
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StartError(f"--json is not JSON: {exc}") from None
    if not isinstance(value, dict):
        raise StartError('--json is a JSON object: {"field": value, ...}')
    return value


def _json_bytes(value: Any) -> Any:
    """Binary data in a reply (an export's workbook) as ``{"base64": "..."}``."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        import base64

        return {"base64": base64.b64encode(bytes(value)).decode("ascii")}
    raise TypeError(f"{type(value).__name__} is not JSON")


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


def _client_keys(args: argparse.Namespace):  # noqa: ANN202 - ClientKeys | None, imported lazily
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


def _add_client_security(p: argparse.ArgumentParser) -> None:
    p.add_argument("--key", type=Path, help="this desk's CURVE secret key file (NAME.key_secret)")
    p.add_argument("--server-key", type=Path, help="the daemon's public key file (NAME.key)")


def _add_desk_display(p: argparse.ArgumentParser) -> None:
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="citybrain", description="District City Brain command centre")
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("daemon", help="run the daemon (no display needed)")
    p.add_argument("--config", type=Path, help="daemon.toml")
    p.add_argument("--data-dir", type=Path, help="where the SQLite database lives")
    p.add_argument("--database-url", help="SQLAlchemy URL instead of SQLite (PostgreSQL)")
    p.add_argument("--host", help="listen address (default 127.0.0.1)")
    p.add_argument(
        "--port", type=int, help=f"ROUTER port; PUB uses the next one (default {DEFAULT_PORT}; 0 picks free ports)"
    )
    p.add_argument("--demo", action="store_true", help="seed the demo district on first run")
    p.set_defaults(func=cmd_daemon)

    if has_desk():
        _add_desk_commands(sub)
    _add_server_commands(sub)
    return parser


def has_desk() -> bool:
    """Whether this build can run a desk (the daemon's build and a server without Qt cannot)."""
    from importlib.util import find_spec

    try:
        return find_spec("citybrain.shell") is not None and find_spec("PySide6") is not None
    except (ImportError, ValueError):
        return False


def _add_desk_commands(sub) -> None:  # noqa: ANN001 - argparse's subparsers action
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
    _add_desk_display(p)
    _add_client_security(p)
    p.set_defaults(func=cmd_desk)

    p = sub.add_parser("demo", help="a demo daemon and one desk; closing the desk stops both")
    p.add_argument("--data-dir", type=Path, help=f"default: {user_data_dir() / 'demo'}")
    p.add_argument(
        "--fresh", action="store_true", help="start from new demo data: the demo's database is deleted and seeded again"
    )
    _add_desk_display(p)
    p.set_defaults(func=cmd_demo)


def _add_server_commands(sub) -> None:  # noqa: ANN001 - argparse's subparsers action
    p = sub.add_parser("plugins", help="every plugin on both sides and its state")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_plugins)

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
        each.add_argument("--config", type=Path, help="daemon.toml")
        each.add_argument("--data-dir", type=Path, help="where the SQLite database lives")
        each.add_argument("--database-url", help="SQLAlchemy URL instead of SQLite (PostgreSQL)")

    p = sub.add_parser("backup", help="copy the database while the daemon runs (SQLite online backup, pg_dump)")
    p.add_argument("--config", type=Path, help="daemon.toml")
    p.add_argument("--data-dir", type=Path, help="where the SQLite database lives")
    p.add_argument("--database-url", help="SQLAlchemy URL instead of SQLite (PostgreSQL)")
    p.add_argument("--to", type=Path, required=True, metavar="FILE", help="the backup file to write")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("keys", help="CURVE keys")
    keys = p.add_subparsers(dest="keys_command", required=True)
    k = keys.add_parser("new", help="a new key pair: NAME.key (public) and NAME.key_secret")
    k.add_argument("name")
    k.add_argument("--dir", type=Path, default=Path("."), help="where to write the files (default: here)")
    k.set_defaults(func=cmd_keys)

    p = sub.add_parser("import", help="send a file to a plugin's importer on the daemon")
    p.add_argument("kind", help="the importer's kind (see the daemon's plugins)")
    p.add_argument("file", type=Path)
    p.add_argument("--connect", default=f"tcp://127.0.0.1:{DEFAULT_PORT}")
    p.add_argument("--user", default=os.environ.get("CITYBRAIN_USER", getpass.getuser()))
    p.add_argument("--timeout", type=float, default=120.0)
    _add_client_security(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("describe", help="every command, query, collection and importer with its fields")
    p.add_argument("--json", action="store_true", help="as JSON (the default)")
    p.add_argument("--markdown", action="store_true", help="as docs/reference.md")
    p.add_argument("--connect", help="ask the daemon at this ROUTER endpoint instead of the plugins installed here")
    _add_client_security(p)
    p.set_defaults(func=cmd_describe)

    for verb, what, field in (
        ("call", "send a command to the daemon", "payload"),
        ("query", "ask the daemon a query", "params"),
    ):
        p = sub.add_parser(verb, help=f"{what}; the reply is printed as JSON (see `citybrain describe`)")
        p.add_argument(
            "name",
            help=f"the {'command' if verb == 'call' else 'query'}'s name, e.g. "
            f"{'duty.log' if verb == 'call' else 'cases.stats'}",
        )
        p.add_argument("--json", default="{}", metavar="OBJECT", help=f"the {field} as a JSON object ('-': stdin)")
        p.add_argument("--connect", default=f"tcp://127.0.0.1:{DEFAULT_PORT}")
        p.add_argument(
            "--user",
            default=os.environ.get("CITYBRAIN_USER", getpass.getuser()),
            help="log in as this operator (password from CITYBRAIN_PASSWORD or asked)",
        )
        if verb == "query":
            p.add_argument(
                "--anonymous",
                action="store_true",
                help="no login: a query any admitted peer may ask (not a personal one)",
            )
        p.add_argument("--timeout", type=float, default=30.0)
        _add_client_security(p)
        p.set_defaults(func=cmd_request)


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


if __name__ == "__main__":
    sys.exit(main())
