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


def test_a_collection_frame_decoded_a_record_at_a_time_equals_the_whole_decode():
    records = [{"id": i, "code": f"HK-{i:06d}", "tags": ["a", b"\x00"], "at": None} for i in range(5000)]
    frame = P.pack(["bench.devices", "id", records])
    assert P.unpack_collection(frame) == tuple(P.unpack(frame))
    assert P.unpack_collection(P.pack(["empty", "id", []])) == ("empty", "id", [])
    with pytest.raises(ValueError, match="ends early"):
        P.unpack_collection(frame[:-10])
    with pytest.raises(ValueError, match="name, key_field, records"):
        P.unpack_collection(P.pack(["bench.devices", records]))
