import msgpack
import pytest

from citybrain.core import protocol as P


def test_round_trip_keeps_bytes_and_strings_apart():
    env = P.decode(P.encode(P.COMMAND, 7, {"name": "x", "data": b"\x00\xff", "text": "值班"}))
    assert env == P.Envelope(1, P.COMMAND, 7, {"name": "x", "data": b"\x00\xff", "text": "值班"})


@pytest.mark.parametrize(
    "frame, code",
    [
        (b"\xc1", P.E_BAD_FRAME),  # 0xc1 is never used in MessagePack
        (b"", P.E_BAD_FRAME),
        (msgpack.packb({"v": 1}), P.E_BAD_FRAME),
        (msgpack.packb([1, "ping", 1]), P.E_BAD_FRAME),
        (msgpack.packb([1, 5, 1, {}]), P.E_BAD_FRAME),
        (msgpack.packb([1, "ping", "x", {}]), P.E_BAD_FRAME),
        (msgpack.packb([2, "ping", 9, {}]), P.E_BAD_VERSION),
        (msgpack.packb([True, "ping", 9, {}]), P.E_BAD_FRAME),
        (P.encode(P.PING, 3, {})[:-1], P.E_BAD_FRAME),  # truncated
    ],
)
def test_malformed_frames_say_what_is_wrong(frame, code):
    with pytest.raises(P.ProtocolError) as info:
        P.decode(frame)
    assert info.value.code == code
    assert str(info.value)


def test_wrong_version_keeps_the_correlation_id_for_the_error_reply():
    with pytest.raises(P.ProtocolError) as info:
        P.decode(msgpack.packb([2, "ping", 9, {}]))
    assert info.value.corr == 9


def test_a_collection_frame_decoded_a_record_at_a_time_is_the_whole_decode_keyed():
    records = [{"id": i, "code": f"HK-{i:06d}", "tags": ["a", b"\x00"], "at": None} for i in range(5000)]
    frame = P.pack(["bench.devices", "id", records])
    name, key_field, whole = P.unpack(frame)
    assert P.unpack_collection(frame) == (name, key_field, {record["id"]: record for record in whole})
    assert P.unpack_collection(P.pack(["empty", "id", []])) == ("empty", "id", {})
    with pytest.raises(ValueError, match="ends early"):
        P.unpack_collection(frame[:-10])
    with pytest.raises(ValueError, match="name, key_field, records"):
        P.unpack_collection(P.pack(["bench.devices", records]))


def test_a_collection_frame_cut_at_a_record_s_end_is_refused_and_a_repeated_key_keeps_its_last_record():
    records = [{"id": 1, "v": "a"}, {"id": 2, "v": "b"}, {"id": 1, "v": "c"}]
    frame = P.pack(["c", "id", records])
    assert P.unpack_collection(frame) == ("c", "id", {1: {"id": 1, "v": "c"}, 2: {"id": 2, "v": "b"}})
    with pytest.raises(ValueError, match="ends early"):  # two whole records of three: nothing says it is cut
        P.unpack_collection(frame[: -len(P.pack(records[-1]))])
    with pytest.raises(ValueError, match="no key field 'id'"):
        P.unpack_collection(P.pack(["c", "id", [{"id": 1}, {"key": 2}]]))
