"""``describe``: what a daemon offers, machine-readable, checked against a real daemon and its demo records; and
docs/reference.md, generated from it, kept current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from raw_peer import RawPeer

from citybrain.core import describe
from citybrain.core.testing import PASSWORDS
from citybrain.core.validation import PayloadError, validate
from citybrain.plugins.duty import log

REFERENCE = Path(__file__).parents[2] / "docs" / "reference.md"


def test_docs_reference_is_what_describe_generates():
    generated = subprocess.run(
        [sys.executable, "-m", "citybrain.core.cli", "describe", "--markdown"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert generated == describe.markdown(describe.local())
    assert REFERENCE.read_text(encoding="utf-8") == generated, "docs/reference.md is stale: run `make reference`"


def test_the_describe_request_tells_every_field_role_and_allowed_value(citybrain_daemon):
    peer = RawPeer(citybrain_daemon.endpoint, "desk-describe")
    try:
        told = peer.ok("describe", {})  # no session needed: what hello lists, with the fields
    finally:
        peer.close()
    assert told == describe.local()
    commands = {c["name"]: c for c in told["commands"]}
    entry = commands["duty.log"]
    fields = {f["name"]: f for f in entry["fields"]}
    assert entry["role"] == "operator" and entry["title"]
    assert fields["category"] == {"name": "category", "type": "str", "values": list(log.CATEGORIES), "required": True}
    assert fields["corrects"] == {"name": "corrects", "type": "int", "required": False}
    assert {f["name"] for f in commands["import"]["fields"]} == {"kind", "filename", "data"}
    assert told["importers"] and all(i["kind"] and i["role"] for i in told["importers"])
    collections = {c["name"]: c for c in told["collections"]}
    assert collections["system.desks"]["read_role"] == "operator"
    units, contacts = collections["org.units"], collections["org.contacts"]
    assert contacts["part_of"] == "org.units"
    assert {f["name"] for f in contacts["fields"]} == {"code", "contacts", "on_duty"}
    assert "contacts" not in {f["name"] for f in units["fields"]}
    assert all(c["fields"] for c in told["collections"]), "every built-in collection declares its record fields"
    assert all(item["title"] for kind in ("commands", "queries", "collections", "importers") for item in told[kind])
    hello = RawPeer(citybrain_daemon.endpoint, "desk-hello")
    try:
        listed = hello.hello()
    finally:
        hello.close()
    assert {c["name"] for c in told["commands"]} == set(listed["commands"])
    assert {c["name"] for c in told["collections"]} == {c["name"] for c in listed["collections"]}


def test_every_demo_record_has_the_fields_its_collection_declares(citybrain_daemon):
    """The declarations are true: every record of every collection of the demo, once the daemon ran a little
    (volatile collections filled), matches its collection's ``fields``."""
    client = citybrain_daemon.client()
    client.login("admin", PASSWORDS["admin"], timeout=60)  # a desk with a session in system.desks
    client.wait_for(lambda s: client.replica.get("system.health", "daemon") is not None, timeout=30)
    daemon = citybrain_daemon.daemon

    def every_record() -> dict[str, list]:
        return {name: list(records.values()) for name, records in daemon.live.collections.items()}

    problems = []
    for name, records in citybrain_daemon.call(every_record).items():
        spec = daemon.contributions.collections[name][1]
        for record in records:
            try:
                validate(spec.fields, record, name)
            except PayloadError as exc:
                problems.append(str(exc))
                break
    assert not problems, problems
