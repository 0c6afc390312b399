"""The Clone pattern's promise, checked with a peer written from docs/protocol.md: a snapshot at ``seq`` plus every
update after it (public on PUB, restricted as private updates) is exactly the next snapshot, for every collection."""

from __future__ import annotations

import sample_plugin
from raw_peer import RawPeer, pack

from citybrain.core.replica import Replica
from citybrain.core.testing import PASSWORDS

SMALL = {"system": "citybrain.plugins.system.daemon", "sample": sample_plugin}


def replay(base: dict[str, dict], first: int, last: int, feed: list, private: list) -> dict[str, dict]:
    """``base`` (a snapshot at ``first``) with the PUB changes numbered first+1..last and the private ones applied."""
    state = {name: dict(records) for name, records in base.items()}

    def put(collection: str, key: object, record: dict | None) -> None:
        records = state.setdefault(collection, {})
        if record is None:
            records.pop(key, None)
        else:
            records[key] = record

    for type_, n, changes in feed:
        if type_ != "upd":
            continue
        for i, change in enumerate(changes):
            if first < n + i <= last and change is not None:
                put(*change)
    for _, changes in private:
        for change in changes:
            put(*change)
    return state


def test_snapshot_plus_feed_is_the_next_snapshot(citybrain_daemon):
    peer = RawPeer(citybrain_daemon.endpoint, "desk-contract")
    other = RawPeer(citybrain_daemon.endpoint, "desk-other")
    try:
        peer.login("duty", PASSWORDS["duty"])  # reads every restricted collection, system.desks among them
        peer.subscribe(peer.hello()["pub_port"])
        first, before = peer.snapshot()
        assert first["private_seq"] == 0 and "system.desks" in before
        peer.private.clear()
        # desks come, change operator and are heard from again while time passes: what system.desks shows changes
        other.hello()
        other.login("operator", PASSWORDS["operator"])
        other.ok("ping", {"desk": other.desk, "auth": other.auth})
        started = None
        while True:  # two seconds of the daemon's own clock, by its heartbeats, pinging as a desk does
            type_, _, body = peer.next_feed()
            if type_ == "hb":
                started = started if started is not None else body["time"]
                for desk in (peer, other):  # heard from, so listed (a desk silent for 10 s is dropped)
                    desk.ok("ping", {"desk": desk.desk, "auth": desk.auth})
                if body["time"] - started >= 2.0:
                    break
        other.ok("ping", {"desk": other.desk, "auth": other.auth})
        second, after = peer.snapshot()
        while not any(
            t == "hb" and n >= second["seq"] or t == "upd" and n + len(b) - 1 >= second["seq"] for t, n, b in peer.feed
        ):
            peer.next_feed()  # every update up to the second snapshot's seq has come
        assert second["seq"] > first["seq"]
        assert after["system.desks"]["desk-other"]["operator"] == "operator"
        replica = replay(before, first["seq"], second["seq"], peer.feed, peer.private)
        assert set(replica) == set(after)
        for name in after:
            assert replica[name] == after[name], f"{name}: the feed did not carry what the snapshot shows"
    finally:
        peer.close()
        other.close()


def test_only_a_heartbeat_ahead_of_the_replica_means_loss():
    """A heartbeat sent before the snapshot (it waited in the SUB socket while the snapshot came over the DEALER)
    is older than the replica: ignored, where "differs" made a desk resync for nothing."""
    replica = Replica()
    replica.on_snapshot(10, "e1", {"c": ("id", {})})
    assert replica.on_heartbeat(7, "e1") and replica.synced
    assert replica.on_heartbeat(10, "e1") and replica.synced
    assert not replica.on_heartbeat(11, "e1")  # an update up to 11 was lost
    replica.on_snapshot(11, "e1", {"c": ("id", {})})
    assert not replica.on_heartbeat(3, "e2")  # another run of the daemon, whatever its sequence


def test_rejections_are_counted_where_the_protocol_says(citybrain_daemon_factory):
    """docs/protocol.md, "What is counted where": envelope faults under dropped, refusals under their request kind."""
    daemon = citybrain_daemon_factory(plugins=SMALL, demo=False)
    peer = RawPeer(daemon.endpoint, "desk-counts")
    try:
        peer.dealer.send(pack([2, "hello", 1, {}]))
        assert peer.reply(1)[1]["code"] == "bad_version"
        peer.dealer.send(pack([1, "gossip", 2, {}]))
        assert peer.reply(2)[1]["code"] == "unknown_type"
        peer.dealer.send(b"\xc1 not msgpack")  # no correlation id to answer
        for name, payload, code in [("no.such", {}, "unknown_command"), ("sample.add", {"text": 5}, "unauthenticated")]:
            assert peer.request("command", {"name": name, "payload": payload, "desk": peer.desk})[1]["code"] == code
        kind, body, _ = peer.request("query", {"name": "no.such", "params": {}})
        assert (kind, body["code"]) == ("error", "unknown_query")
        assert peer.request("query", {"name": "sample.count", "params": {}})[0] == "ok"
        health = daemon.call(daemon.daemon.health.stats)
        assert health["dropped"] == {"bad_version": 1, "unknown_type": 1, "bad_frame": 1}
        assert (health["commands_failed"], health["commands_ok"]) == (2, 0)
        assert (health["queries_failed"], health["queries"]) == (1, 1)
        assert health["requests"] == 7
    finally:
        peer.close()
