"""One plugin's command calling another's (``tx.call``): in the same transaction, with the payload checked and the
caller's role too; ``tx.offers`` says whether the other plugin is there at all."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from citybrain.core.api import Base, CommandSpec, QuerySpec, Refused, Role, hookimpl
from citybrain.core.client import RequestError


class Note(Base):
    __tablename__ = "test_calls_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    text: Mapped[str] = mapped_column(String(100))


def _note(tx, p):
    if p["text"] == "refuse":
        raise Refused("the ledger refuses this one")
    tx.session.add(Note(text=p["text"]))
    tx.session.flush()
    return {"count": tx.call("ledger.count")}


LEDGER = SimpleNamespace(
    citybrain_commands=hookimpl(
        lambda: [
            CommandSpec("ledger.note", _note, payload={"text": str}),
            CommandSpec("ledger.purge", lambda tx, p: None, role=Role.ADMIN),
        ]
    ),
    citybrain_queries=hookimpl(lambda: [QuerySpec("ledger.count", lambda s, p, c: s.query(Note).count())]),
)


def _plan(tx, p):
    tx.session.add(Note(text=f"plan {p['name']}"))
    if not tx.offers("ledger.note"):
        return {"ledger": None}
    if p.get("purge"):
        tx.call("ledger.purge")
    return {"ledger": tx.call("ledger.note", {"text": p["name"]})}


PLANNER = SimpleNamespace(
    citybrain_commands=hookimpl(lambda: [CommandSpec("planner.go", _plan, payload={"name": str, "purge": bool | None})])
)


def test_a_command_calls_another_plugins_command_and_query_in_one_transaction(citybrain_daemon_factory):
    daemon = citybrain_daemon_factory(plugins={"planner": PLANNER, "ledger": LEDGER}, demo=False).add_demo_operators()
    client = daemon.client(login="operator")
    assert client.command("planner.go", {"name": "flood"}).result(10)["result"] == {"ledger": {"count": 2}}
    with pytest.raises(RequestError, match="the ledger refuses this one"):
        client.command("planner.go", {"name": "refuse"}).result(10)
    with pytest.raises(RequestError, match="ledger.purge needs role admin; operator is operator"):
        client.command("planner.go", {"name": "storm", "purge": True}).result(10)
    # neither refused call left its planner note behind: one transaction, rolled back whole
    assert client.command("planner.go", {"name": "typhoon"}).result(10)["result"] == {"ledger": {"count": 4}}


def test_without_the_other_plugin_offers_says_so(citybrain_daemon_factory):
    daemon = citybrain_daemon_factory(plugins={"planner": PLANNER}, demo=False).add_demo_operators()
    assert daemon.client(login="operator").command("planner.go", {"name": "flood"}).result(10)["result"] == {
        "ledger": None
    }
