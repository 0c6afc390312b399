"""LiveState: a batch is applied whole, in order, and its keys are taken as ``key_of`` takes them."""

import pytest

from citybrain.core.live import LiveState, UnknownCollection


def live() -> LiveState:
    state = LiveState()
    state.declare("a", "id")
    state.declare("b", "code")
    return state


def test_one_collections_upserts_apply_in_order_the_last_of_a_key_winning():
    state = live()
    first = state.apply([("a", 1, {"id": 1, "v": 1}), ("a", 2, {"id": 2, "v": 2}), ("a", 1, {"id": 1, "v": 3})])
    assert first == 1 and state.seq == 3
    assert state.collections["a"] == {1: {"id": 1, "v": 3}, 2: {"id": 2, "v": 2}}
    assert state.version("a") == 3 and state.version("b") == 0


def test_deletes_and_mixed_collections_apply_change_by_change():
    state = live()
    state.apply([("a", 1, {"id": 1}), ("a", 2, {"id": 2})])
    state.apply([("a", 1, None), ("a", 1, {"id": 1, "back": True}), ("a", 2, None), ("b", "x", {"code": "x"})])
    assert state.collections["a"] == {1: {"id": 1, "back": True}}
    assert state.collections["b"] == {"x": {"code": "x"}}
    assert state.version("a") == state.version("b") == state.seq == 6


def test_an_unknown_collection_anywhere_in_a_batch_applies_nothing():
    state = live()
    with pytest.raises(UnknownCollection, match="'nope'"):
        state.apply([("a", 1, {"id": 1}), ("nope", 1, {"id": 1})])
    assert state.collections["a"] == {} and state.seq == 0


def test_keys_of_takes_each_records_key_or_refuses_as_key_of_does():
    state = live()
    assert state.keys_of("b", [{"code": "x"}, {"code": "y"}]) == ["x", "y"]
    with pytest.raises(UnknownCollection, match="'nope'"):
        state.keys_of("nope", [{"id": 1}])
    with pytest.raises(ValueError, match="lacks its key field 'code'"):
        state.keys_of("b", [{"code": "x"}, {"id": 1}])
    with pytest.raises(ValueError, match="lacks its key field 'code'"):
        state.key_of("b", {"id": 1})
