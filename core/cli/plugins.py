"""``citybrain plugins``: every plugin on both sides (daemon and desk) and its state."""

from __future__ import annotations

import argparse
import json


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


def add_command(sub) -> None:  # noqa: ANN001 - argparse's subparsers action
    p = sub.add_parser("plugins", help="every plugin on both sides and its state")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_plugins)
