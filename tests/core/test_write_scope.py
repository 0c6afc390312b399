"""A plugin writes only its own collections (issue 20): a third party's plugin writing another plugin's collection
is refused at the write, each way, naming itself and the owner; the daemon serves on (core/write_scope.py)."""

from __future__ import annotations

import random
from types import SimpleNamespace
from typing import Any

import intruder_plugin as I
import pytest
import sample_plugin
import sqlalchemy as sa
from sqlalchemy.orm import Session

from citybrain.core import protocol as P
from citybrain.core.api import ContractError, Transaction, hookimpl
from citybrain.core.client import RequestError
from citybrain.core.daemon.writer import SYSTEM, Tx
from citybrain.core.live import LiveState
from citybrain.core.plugins import PluginStatus
from citybrain.core.timers import FAILED, FIRED, Timer
from citybrain.core.write_scope import for_platform

PLUGINS = {"system": "citybrain.plugins.system.daemon", "sample": sample_plugin, "intruder": I}
NAMED = "plugin 'intruder' may not write 'sample.notes': it is plugin 'sample''s collection"


@pytest.fixture
def daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(plugins=PLUGINS)


def read(daemon, fn: Any) -> Any:
    async def run() -> Any:
        return await daemon.daemon.database.read(fn)

    return daemon.call(run)


def notes(daemon) -> list[str]:
    return read(daemon, lambda s: list(s.scalars(sa.select(sample_plugin.Note.text))))


def test_a_command_writing_another_plugin_s_collection_is_refused_naming_both(daemon, caplog):
    client = daemon.client(login="operator")
    for command in ("intruder.write", "intruder.delete"):
        with pytest.raises(RequestError) as refused:
            client.command(command, {"collection": I.VICTIM, "id": 1}).result(10)
        assert refused.value.code == P.E_FAILED and refused.value.message.startswith(NAMED)
        assert refused.value.details == {"writer": "plugin 'intruder'", "owner": "sample"}
    assert any(NAMED in r.getMessage() for r in caplog.records)  # the daemon's log says it too
    audited = sa.text("select command, error_code from cb_audit where result='error'")
    codes = read(daemon, lambda s: list(s.execute(audited)))
    assert [tuple(c) for c in codes] == [("intruder.write", "failed"), ("intruder.delete", "failed")]
    # the daemon serves on: the owner's command through the intruder's transaction writes, and its own command too
    reply = client.command("intruder.ask", {"text": "经其命令"}).result(10)
    client.wait_for(lambda s: client.replica.get(I.VICTIM, reply["result"]["id"]) is not None)
    assert notes(daemon) == ["经其命令"]
    client.command("intruder.write", {"collection": I.OWN, "id": 2}).result(10)


def test_an_importer_writing_another_plugin_s_collection_is_refused_naming_the_importer_s_plugin(daemon):
    client = daemon.client(login="operator")
    with pytest.raises(RequestError) as refused:
        client.command("import", {"kind": "intruder.notes", "filename": "n.txt", "data": "导入".encode()}).result(10)
    assert refused.value.code == P.E_FAILED and refused.value.message.startswith(NAMED)
    assert notes(daemon) == []


def test_a_timer_writing_another_plugin_s_collection_fails_alone_and_the_next_timer_fires(daemon):
    client = daemon.client(login="operator")
    client.command("intruder.arm", {"id": 3}).result(10)
    client.wait_for(lambda s: client.replica.get(I.OWN, "after-3") is not None)  # fired after the failed one

    def timers(session: Session) -> dict[str, tuple[str, str | None]]:
        rows = session.scalars(sa.select(Timer).where(Timer.key == "3"))
        return {t.kind: (t.state, t.error) for t in rows}

    fired = read(daemon, timers)
    assert fired[I.AFTER][0] == FIRED
    assert fired[I.LATER][0] == FAILED and NAMED in (fired[I.LATER][1] or "")
    assert notes(daemon) == [] and client.replica.get(I.VICTIM, 3) is None


def test_publishing_into_another_plugin_s_collection_is_refused_at_the_call(daemon):
    client = daemon.client()
    client.wait_for(lambda s: client.replica.get(I.OWN, "publish") is not None)  # the source ran
    assert client.replica.get(I.OWN, "publish")["text"].startswith(NAMED)
    assert client.replica.get(I.VICTIM, 7002) is None
    with pytest.raises(ContractError) as refused:  # and from any plugin's context, at the call
        daemon.call(lambda: daemon.daemon.context("system").publish(I.VICTIM, [{"id": 1, "text": "x"}]))
    assert (refused.value.writer, refused.value.owner, refused.value.collection) == (
        "plugin 'system'",
        "sample",
        I.VICTIM,
    )


class DemoIntruder:
    """Demo data that writes the sample's notes: its plugin is switched off at seeding, the others seed."""

    @hookimpl
    def citybrain_demo_data(self, tx: Transaction, rng: random.Random) -> None:
        tx.put(I.VICTIM, {"id": 1, "text": "seeded by the intruder"})


def test_demo_data_writing_another_plugin_s_collection_switches_only_that_plugin_off(citybrain_daemon_factory):
    daemon = citybrain_daemon_factory(plugins={"sample": sample_plugin, "seeder": DemoIntruder()})
    state = daemon.daemon.host.states["seeder"]
    assert state.state == PluginStatus.FAILED and state.where == "citybrain_demo_data"
    assert "plugin 'seeder' may not write 'sample.notes': it is plugin 'sample''s collection" in (state.error or "")
    assert daemon.daemon.host.states["sample"].state == PluginStatus.LOADED
    assert daemon.call(lambda: daemon.daemon.live.collections[I.VICTIM].get(1)) is None


def test_a_platform_service_writes_its_own_collections_only_and_only_while_it_writes() -> None:
    """The case loop's scope (core code) lets the plugin that called it write cases.open, nothing else, and ends."""
    live = LiveState()
    for name in ("cases.open", "cases.types", "patrols.found"):
        live.declare(name, "id")
    owners = {"cases.open": "cases", "cases.types": "cases", "patrols.found": "patrols"}
    tx = Tx(Session(), SYSTEM, live, registry=SimpleNamespace(commands={}, queries={}, owners=owners), plugin="patrols")
    tx.put("patrols.found", {"id": 1})
    with for_platform(tx, "case loop", frozenset({"cases.open"})):
        tx.put("cases.open", {"id": 1})
        with pytest.raises(ContractError, match=r"the platform's case loop \(called by 'patrols'\) may not write"):
            tx.put("cases.types", {"id": 1})
        tx.put("patrols.found", {"id": 2})  # its caller's own still
    with pytest.raises(ContractError, match="plugin 'patrols' may not write 'cases.open'"):
        tx.delete("cases.open", 1)
    assert [(c, k) for c, k, _ in tx.changes] == [("patrols.found", 1), ("cases.open", 1), ("patrols.found", 2)]
