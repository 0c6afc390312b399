"""The commands that talk to a running daemon: ``import`` (a file to an importer), ``describe`` (its commands,
queries, collections and importers), ``call`` and ``query`` (one request, the reply as JSON)."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from citybrain.core.cli.connection import add_client_security, ask_password, check_endpoint, client_keys, reach
from citybrain.core.config import DEFAULT_PORT, StartError


def cmd_import(args: argparse.Namespace) -> int:
    from citybrain.core.client import FeedClient, RequestError

    if not args.file.is_file():
        raise StartError(f"no file at {args.file}" + (" (that is a folder)" if args.file.is_dir() else ""))
    endpoint = check_endpoint(args.connect)
    keys = client_keys(args)
    data = args.file.read_bytes()
    password = ask_password("import", args.user)
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
    keys = client_keys(args)
    anonymous = getattr(args, "anonymous", False)
    password = None if anonymous else ask_password(verb, args.user)
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

        with FeedClient(check_endpoint(args.connect), subscribe=False, keys=client_keys(args)) as client:
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


def add_commands(sub) -> None:  # noqa: ANN001 - argparse's subparsers action
    p = sub.add_parser("import", help="send a file to a plugin's importer on the daemon")
    p.add_argument("kind", help="the importer's kind (see the daemon's plugins)")
    p.add_argument("file", type=Path)
    p.add_argument("--connect", default=f"tcp://127.0.0.1:{DEFAULT_PORT}")
    p.add_argument("--user", default=os.environ.get("CITYBRAIN_USER", getpass.getuser()))
    p.add_argument("--timeout", type=float, default=120.0)
    add_client_security(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("describe", help="every command, query, collection and importer with its fields")
    p.add_argument("--json", action="store_true", help="as JSON (the default)")
    p.add_argument("--markdown", action="store_true", help="as docs/reference.md")
    p.add_argument("--connect", help="ask the daemon at this ROUTER endpoint instead of the plugins installed here")
    add_client_security(p)
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
        add_client_security(p)
        p.set_defaults(func=cmd_request)
