import msgpack
import pytest

from citybrain.core import protocol as P


def test_round_trip_keeps_bytes_and_strings_apart():
    env = P.decode(P.encode(P.COMMAND, 7, {"name": "x", "data": b"\x00\xff", "text": "值班"}))
    assert env == P.Envelope(1, P.COMMAND, 7, {"name": "x", "data": b"\x00\xff", "text": "值班"})


@pytest.mark.parametrize("frame, code", [
    (b"\xc1", P.E_BAD_FRAME),  # 0xc1 is never used in MessagePack
    (b"", P.E_BAD_FRAME),
    (msgpack.packb({"v": 1}), P.E_BAD_FRAME),
    (msgpack.packb([1, "ping", 1]), P.E_BAD_FRAME),
    (msgpack.packb([1, 5, 1, {}]), P.E_BAD_FRAME),
    (msgpack.packb([1, "ping", "x", {}]), P.E_BAD_FRAME),
    (msgpack.packb([2, "ping", 9, {}]), P.E_BAD_VERSION),
    (msgpack.packb([True, "ping", 9, {}]), P.E_BAD_FRAME),
    (P.encode(P.PING, 3, {})[:-1], P.E_BAD_FRAME),  # truncated
])
def test_malformed_frames_say_what_is_wrong(frame, code):
    with pytest.raises(P.ProtocolError) as info:
        P.decode(frame)
    assert info.value.code == code
    assert str(info.value)


def test_wrong_version_keeps_the_correlation_id_for_the_error_reply():
    with pytest.raises(P.ProtocolError) as info:
        P.decode(msgpack.packb([2, "ping", 9, {}]))
    assert info.value.corr == 9
