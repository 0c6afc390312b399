"""Imports that are not sheets, through a real daemon: a file is parsed on a worker thread before the write
transaction (the single writer never waits on a parse), and a file over its importer's size is refused unread."""

from __future__ import annotations

import threading

import pytest

from citybrain.core.client import RequestError
from citybrain.plugins.cap import daemon as cap_daemon
from citybrain.plugins.plans import document

PLUGINS = {"cap": "citybrain.plugins.cap.daemon", "plans": "citybrain.plugins.plans.daemon"}
PLAN = (
    '[plan]\ncode = "hk-ahead"\nname = "Ahead"\ntype = "special"\ncategory = "natural"\n'
    '[[levels]]\nlevel = "IV"\n[[levels.actions]]\naction = "Go"\noffset_minutes = 30\n'
)
CAP = b'<?xml version="1.0"?><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">'


@pytest.fixture
def parsed_in(monkeypatch) -> dict[str, list[str]]:
    """The thread each plan and CAP parse ran in."""
    threads: dict[str, list[str]] = {"plan": [], "cap": []}

    def watch(kind, fn):
        def watched(*args):
            threads[kind].append(threading.current_thread().name)
            return fn(*args)

        return watched

    monkeypatch.setattr(document, "parse", watch("plan", document.parse))
    monkeypatch.setattr(cap_daemon, "parse", watch("cap", cap_daemon.parse))
    return threads


def _import(client, kind: str, filename: str, data: bytes) -> dict:
    return client.command("import", {"kind": kind, "filename": filename, "data": data}, timeout=60).result(60)


def _refusal(client, kind: str, filename: str, data: bytes) -> dict:
    with pytest.raises(RequestError) as refused:
        _import(client, kind, filename, data)
    assert refused.value.code == "import_refused", refused.value
    return refused.value.details


def test_a_plan_and_a_cap_document_are_parsed_outside_the_writer(citybrain_daemon_factory, parsed_in):
    daemon = citybrain_daemon_factory(plugins=PLUGINS)
    client = daemon.client(login="duty")
    parsed_in["plan"].clear()  # the demo's plans, seeded through the same reader
    assert _import(client, "plans.plan", "ahead.toml", PLAN.encode())["result"]["imported"] == 1
    deep = CAP + b"<a>" * 300_000 + b"</a>" * 300_000 + b"</alert>"  # seconds of parsing
    details = _refusal(client, "cap.alert", "deep.xml", deep)
    assert details["kind"] == "cap.alert" and details["errors"][0]["row"] == 1
    assert len(parsed_in["plan"]) == 1 and len(parsed_in["cap"]) == 1
    assert not any(name.startswith("citybrain-writer") for name in parsed_in["plan"] + parsed_in["cap"])


def test_a_file_over_its_importer_s_size_is_refused_unread(citybrain_daemon_factory, parsed_in):
    daemon = citybrain_daemon_factory(plugins=PLUGINS)
    client = daemon.client(login="duty")
    parsed_in["plan"].clear()
    big = (PLAN + "# padding\n" * 110_000).encode()  # 1.1 MB: a plan is a few KiB
    details = _refusal(client, "plans.plan", "big.toml", big)
    assert details["errors"] == [
        {"row": 0, "column": None, "message": f"{len(big):,} bytes: a plans.plan file holds at most 1,048,576"}
    ]
    cap = CAP + b" " * 5_000_000 + b"</alert>"
    details = _refusal(client, "cap.alert", "big.xml", cap)
    assert details["errors"][0]["message"] == f"{len(cap):,} bytes: a cap.alert file holds at most 5,000,000"
    assert parsed_in == {"plan": [], "cap": []}  # neither was parsed
    assert "hk-ahead" not in {p["code"] for p in client.replica.records("plans.plans")}
