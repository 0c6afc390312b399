import random

from citybrain.core.replica import Replica


def snap(replica, seq, records, epoch="e1"):
    return replica.on_snapshot(seq, epoch, {"c": ("id", {record["id"]: record for record in records})})


def test_updates_before_the_snapshot_are_queued_and_applied_above_its_sequence():
    r = Replica()
    r.on_update(5, [["c", 1, {"id": 1, "v": "old"}]])  # covered by the snapshot
    r.on_update(6, [["c", 2, {"id": 2, "v": "new"}]])
    assert snap(r, 5, [{"id": 1, "v": "snap"}])
    assert r.collections["c"] == {1: {"id": 1, "v": "snap"}, 2: {"id": 2, "v": "new"}}
    assert r.seq == 6


def test_a_gap_asks_for_a_resync_and_applies_nothing():
    r = Replica()
    snap(r, 10, [])
    assert not r.on_update(12, [["c", 1, {"id": 1}]])
    assert not r.synced and r.collections["c"] == {}


def test_a_frame_straddling_the_sequence_applies_only_the_new_part():
    r = Replica()
    snap(r, 10, [{"id": 1, "v": 10}])
    assert r.on_update(9, [["c", 1, {"id": 1, "v": 9}], ["c", 1, {"id": 1, "v": 10}], ["c", 1, {"id": 1, "v": 11}]])
    assert r.collections["c"][1]["v"] == 11 and r.seq == 11


def test_heartbeat_detects_missed_updates_and_a_restarted_daemon():
    r = Replica()
    snap(r, 3, [])
    assert r.on_heartbeat(3, "e1")
    assert not r.on_heartbeat(4, "e1")
    snap(r, 3, [])
    assert not r.on_heartbeat(3, "e2")


def test_changes_are_coalesced_per_key_between_drains():
    r = Replica()
    snap(r, 0, [])
    r.take_changes()
    for i in range(1, 101):
        r.on_update(i, [["c", i % 3, {"id": i % 3, "n": i}]])
    changes = r.take_changes()
    assert changes.count == 100
    assert changes.updates["c"] == {0: {"id": 0, "n": 99}, 1: {"id": 1, "n": 100}, 2: {"id": 2, "n": 98}}
    assert not r.take_changes()


def test_random_streams_with_resyncs_end_equal_to_the_source():
    rng = random.Random(4)
    source: dict = {}
    log = []
    for seq in range(1, 2001):
        key = rng.randrange(50)
        rec = None if rng.random() < 0.2 else {"id": key, "n": seq}
        if rec is None:
            source.pop(key, None)
        else:
            source[key] = rec
        log.append((seq, ["c", key, rec], dict(source)))
    r = Replica()
    snap(r, 0, [])
    i = 0
    while i < len(log):
        seq, change, _ = log[i]
        if rng.random() < 0.02:  # lose a frame: the next one shows a gap, then resync
            i += 1
            if i < len(log) and not r.on_update(log[i][0], [log[i][1]]):
                state = log[i][2]
                r.begin_resync()
                assert snap(r, log[i][0], list(state.values()))
            i += 1
            continue
        assert r.on_update(seq, [change])
        i += 1
    assert r.collections["c"] == source


def test_frames_mixing_collections_and_deletes():
    r = Replica()
    r.on_snapshot(0, "e", {"a": ("id", {1: {"id": 1}}), "b": ("id", {9: {"id": 9}})})
    r.take_changes()
    assert r.on_update(
        1, [["a", 1, None], ["a", 2, {"id": 2}], ["b", 9, {"id": 9, "v": 1}], ["a", 2, {"id": 2, "v": 2}]]
    )
    assert r.on_update(5, [["a", 3, {"id": 3}], ["a", 2, None]])
    assert r.collections == {"a": {3: {"id": 3}}, "b": {9: {"id": 9, "v": 1}}}
    assert r.take_changes().updates == {"a": {1: None, 2: None, 3: {"id": 3}}, "b": {9: {"id": 9, "v": 1}}}


def test_a_batch_is_urgent_when_a_record_comes_goes_or_changes_an_urgent_field():
    r = Replica()
    r.on_snapshot(0, "e1", {"c": ("id", {1: {"id": 1, "state": "normal", "v": 0}}), "d": ("id", {1: {"id": 1}})})
    r.set_urgent("c", ("state",))
    r.take_changes()
    r.on_update(1, [["c", 1, {"id": 1, "state": "normal", "v": 5}], ["c", 1, {"id": 1, "state": "normal", "v": 6}]])
    r.on_update(3, [["d", 2, {"id": 2}], ["d", 1, None]])  # another collection comes and goes: not urgent
    assert not r.urgent_pending and not r.take_changes().urgent
    r.on_update(5, [["c", 1, {"id": 1, "state": "alarm", "v": 6}]])  # one collection in the frame (the fast path)
    assert r.urgent_pending and r.take_changes().urgent and not r.urgent_pending
    r.on_update(6, [["d", 3, {"id": 3}], ["c", 2, {"id": 2, "state": "normal"}]])  # mixed frame; a record comes
    assert r.take_changes().urgent
    r.on_update(8, [["c", 2, None]])  # a record goes
    assert r.take_changes().urgent
