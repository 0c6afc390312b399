"""The example plugin's own tests, written with citybrain's conformance kit."""

import pytest

from citybrain.shell.api import ErrorCode, RequestError


def test_a_greeting_is_committed_then_published(citybrain_daemon):
    desk = citybrain_daemon.client(login="operator")
    other = citybrain_daemon.client()
    reply = desk.command("hello.greet", {"name": "Hongkou"}).result(10)
    other.wait_for(lambda s: other.replica.seq >= reply["seq"])
    assert other.replica.get("hello.greetings", reply["result"]["id"])["by"] == "operator"
    assert desk.query("hello.count").result(10)["result"] == 4  # three from the demo data


def test_an_empty_name_is_refused(citybrain_daemon):
    desk = citybrain_daemon.client(login="operator")
    with pytest.raises(RequestError, match="needs a name") as refused:
        desk.command("hello.greet", {"name": " "}).result(10)
    assert refused.value.code == ErrorCode.INVALID_PAYLOAD


def test_the_view_shows_greetings(citybrain_desk, qtbot):
    from citybrain_hello.desk import HelloView

    view = HelloView(citybrain_desk.context("hello"))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 3)
