"""The Clone pattern's promise, checked with a peer written from docs/protocol.md: a snapshot at ``seq`` plus every
update after it (public on PUB, restricted as private updates) is exactly the next snapshot, for every collection."""

from __future__ import annotations

from citybrain.core.testing import PASSWORDS

from raw_peer import RawPeer


def replay(base: dict[str, dict], first: int, last: int, feed: list, private: list) -> dict[str, dict]:
    """``base`` (a snapshot at ``first``) with the PUB changes numbered first+1..last and the private changes applied."""
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
                peer.ok("ping", {"desk": peer.desk, "auth": peer.auth})
                if body["time"] - started >= 2.0:
                    break
        second, after = peer.snapshot()
        while not any(t == "hb" and n >= second["seq"] or t == "upd" and n + len(b) - 1 >= second["seq"]
                      for t, n, b in peer.feed):
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
