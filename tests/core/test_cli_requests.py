"""``citybrain call`` and ``citybrain query`` against a real daemon: the reply as JSON, a refusal in one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import sample_plugin

from citybrain.core.testing import PASSWORDS

PLUGINS = {"system": "citybrain.plugins.system.daemon", "sample": sample_plugin}


def cli(daemon, *args, password=PASSWORDS["operator"]):
    env = {k: v for k, v in os.environ.items() if k != "CITYBRAIN_PASSWORD"}
    if password:
        env["CITYBRAIN_PASSWORD"] = password
    return subprocess.run(
        [sys.executable, "-m", "citybrain.core.cli", *args, "--connect", daemon.endpoint, "--user", "operator"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def test_call_and_query_print_the_reply_and_refusals_name_their_code(citybrain_daemon_factory):
    daemon = citybrain_daemon_factory(plugins=PLUGINS, demo=False).add_demo_operators()
    done = cli(daemon, "call", "sample.add", "--json", '{"text": "路灯不亮"}')
    assert done.returncode == 0, done.stderr
    reply = json.loads(done.stdout)
    assert reply["result"]["id"] >= 1 and reply["seq"] >= 1
    counted = cli(daemon, "query", "sample.count", "--anonymous", password=None)
    assert counted.returncode == 0 and json.loads(counted.stdout) == {"result": 1}
    refused = cli(daemon, "call", "sample.add", "--json", '{"text": "refuse me"}')
    assert refused.returncode == 1 and refused.stdout == ""
    first, *rest = refused.stderr.strip().splitlines()
    assert first == "citybrain call sample.add: refused: that text is not allowed"
    assert json.loads(rest[0]) == {"field": "text"}
    invalid = cli(daemon, "call", "sample.add", "--json", '{"txt": 1}')
    assert invalid.returncode == 1 and "invalid_payload" in invalid.stderr.splitlines()[0]
    unknown = cli(daemon, "query", "no.such", "--anonymous", password=None)
    assert unknown.returncode == 1 and unknown.stderr.startswith("citybrain query no.such: unknown_query: ")
    broken = cli(daemon, "call", "sample.add", "--json", "{text")
    assert broken.returncode == 2 and len(broken.stderr.strip().splitlines()) == 1 and "not JSON" in broken.stderr


def test_describe_json_tells_a_script_every_field_and_role_from_a_running_daemon(citybrain_daemon_factory):
    daemon = citybrain_daemon_factory(plugins=PLUGINS, demo=False)
    shown = subprocess.run(
        [sys.executable, "-m", "citybrain.core.cli", "describe", "--json", "--connect", daemon.endpoint],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert shown.returncode == 0, shown.stderr
    told = json.loads(shown.stdout)
    add = next(c for c in told["commands"] if c["name"] == "sample.add")
    assert add["plugin"] == "sample" and add["role"] == "operator"
    assert [(f["name"], f["type"], f["required"]) for f in add["fields"]] == [("text", "str", True)]
    health = next(c for c in told["collections"] if c["name"] == "system.health")
    assert {"seq", "update_rate", "commands_ok", "commands_failed"} <= {f["name"] for f in health["fields"]}
