"""The notifier is pluggable: a configured one gets the pushes and its channel is recorded; when it fails, the
pushes stay unsent and go in a later round, and the plugin stays on."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from citybrain.plugins.jobs import PUSH, PUSHES
from citybrain.plugins.jobs.tests.conftest import new_district, stock

SENT: list[dict] = []


class FlakyGateway:
    """Fails its first send, then keeps what it is given (a stand-in for an SMS gateway, configured by name)."""

    channel = "sms"
    failed = False

    def __init__(self, config: Mapping[str, Any]) -> None:
        self.config = config

    def send(self, messages: Sequence[dict]) -> None:
        if not FlakyGateway.failed:
            FlakyGateway.failed = True
            raise ConnectionError("gateway down")
        SENT.extend(messages)


@pytest.fixture
def district(citybrain_daemon_factory):
    return new_district(citybrain_daemon_factory, {"notifier": f"{__name__}:FlakyGateway"})


def test_a_failing_gateway_is_tried_again_and_its_channel_recorded(district, leader):
    ids, _ = stock(district, leader)
    assert leader.command(PUSH, {"seeker": ids["王秀英"]}).result(30)["result"]["pushes"] == 2
    deadline = time.monotonic() + 60
    rows: list[dict] = []
    while time.monotonic() < deadline:  # each round a query answered by the daemon: waits on the state itself
        rows = leader.query(PUSHES, {"seeker": ids["王秀英"]}).result(30)["result"]
        if rows and all(r["sent_at"] for r in rows):
            break
    # the first round failed, a later one sent them: the schedule (and the plugin) went on
    assert {r["channel"] for r in rows} == {"sms"} and FlakyGateway.failed
    assert sorted(m["push"] for m in SENT) == sorted(r["id"] for r in rows)
