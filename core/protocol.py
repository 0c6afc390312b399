"""The feed's wire format: envelopes, message types, error codes and the codec.

Everything here is written down for client authors in ``docs/protocol.md``;
change both together.  Every message is a MessagePack array
``[version, type, n, body]`` where ``n`` is a sequence number (updates,
heartbeats, snapshots) or a correlation id (requests and replies).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from itertools import islice
from typing import Any

import msgpack

PROTOCOL_VERSION = 1

# PUB topics (first frame of every PUB message).
TOPIC_UPDATE = b"upd"
TOPIC_HEARTBEAT = b"hb"

# Message types.
UPDATE = (
    "upd"  # PUB: n = sequence of the first change; body = [[collection, key, record|nil] | nil, ...] (nil: withheld)
)
HEARTBEAT = "hb"  # PUB: n = current sequence; body = {"epoch", "time", "rate"}
PRIVATE_UPDATE = (
    "pupd"  # ROUTER to one peer: n = that peer's private sequence; body = [[collection, key, record|nil], ...]
)
UNIT = "unit"  # ROUTER to one peer: n = that peer's private sequence (shared with pupd); body = {"unit": str|nil}
HELLO = "hello"  # request: body {"desk", "client", "auth"?}; reply {"daemon", "epoch", "seq", "pub_port", ...}
PING = "ping"  # request: body {"desk", "auth"?}; reply {"seq", "epoch", "private_seq"}
SNAPSHOT = "snapshot"  # request: body {"collections": [name] | nil, "auth"?}; reply + one frame per collection
LOGIN = "login"  # request: body {"username", "password", "desk"}; reply {"token", "operator", "role", ...}
LOGOUT = "logout"  # request: body {"auth"}
COMMAND = "command"  # request: body {"name", "payload", "auth", "desk"}; reply {"result", "seq"}
QUERY = "query"  # request: body {"name", "params", "auth"?}; reply {"result"}
OK = "ok"  # reply: n = the request's correlation id
ERROR = "error"  # reply: body {"code", "message", "details"}

REQUEST_TYPES = frozenset({HELLO, PING, SNAPSHOT, LOGIN, LOGOUT, COMMAND, QUERY})


class ErrorCode(StrEnum):
    """The error codes carried in ERROR replies (docs/protocol.md, "Error codes"): one name for each, on both
    sides.  A member is the code itself (``ErrorCode.REFUSED == "refused"``) and travels as a plain string."""

    BAD_FRAME = "bad_frame"
    BAD_VERSION = "bad_version"
    UNKNOWN_TYPE = "unknown_type"
    UNKNOWN_COMMAND = "unknown_command"
    UNKNOWN_QUERY = "unknown_query"
    INVALID_PAYLOAD = "invalid_payload"  # a field's value is wrong, or names a record that is not there
    UNAUTHENTICATED = "unauthenticated"
    FORBIDDEN = "forbidden"
    REFUSED = "refused"  # the handler refused the request (a business rule); nothing was written
    IMPORT_REFUSED = "import_refused"  # an import with bad rows: details are the report; nothing was written
    FAILED = "failed"  # the handler raised; nothing was written
    PLUGIN_DISABLED = "plugin_disabled"
    TOO_LARGE = "too_large"
    BUSY = "busy"  # a snapshot asked for while this peer's last one is still being sent: ask again later
    LOCKED_OUT = "locked_out"  # login: too many failures for this user name or peer; details {"retry_after": s}
    TIMEOUT = "timeout"  # client side: no reply within the request's timeout
    UNAVAILABLE = "unavailable"  # client side: the daemon cannot be reached or refused our key


class AuditNote(StrEnum):
    """The platform's notes on audited actions that went through (a ``system.audit`` record's ``note``; its
    ``parts`` say the rest): desks word them in their language.  A plugin's notes are named after it
    (``jobs.withdrawn``) and worded by its desk half (hook ``citybrain_audit_notes``)."""

    UNIT_MOVED = "unit_moved"  # an operator placed in another unit; parts: user, before, after (None: the district)
    LOCKOUT_ENDED = "lockout_ended"  # a login lockout ended; parts: who (a peer, a known user name; else None)


# The codes under the names the daemon and the client have used since version 1.
E_BAD_FRAME = ErrorCode.BAD_FRAME
E_BAD_VERSION = ErrorCode.BAD_VERSION
E_UNKNOWN_TYPE = ErrorCode.UNKNOWN_TYPE
E_UNKNOWN_COMMAND = ErrorCode.UNKNOWN_COMMAND
E_UNKNOWN_QUERY = ErrorCode.UNKNOWN_QUERY
E_INVALID_PAYLOAD = ErrorCode.INVALID_PAYLOAD
E_UNAUTHENTICATED = ErrorCode.UNAUTHENTICATED
E_FORBIDDEN = ErrorCode.FORBIDDEN
E_REFUSED = ErrorCode.REFUSED
E_FAILED = ErrorCode.FAILED
E_PLUGIN_DISABLED = ErrorCode.PLUGIN_DISABLED
E_TOO_LARGE = ErrorCode.TOO_LARGE
E_BUSY = ErrorCode.BUSY
E_LOCKED_OUT = ErrorCode.LOCKED_OUT
E_TIMEOUT = ErrorCode.TIMEOUT
E_UNAVAILABLE = ErrorCode.UNAVAILABLE


class ProtocolError(ValueError):
    """A frame that does not follow the protocol; ``code`` is one of the ``E_*`` codes."""

    def __init__(self, code: str, message: str, corr: int | None = None):
        super().__init__(message)
        self.code = code
        self.corr = corr


@dataclass(frozen=True, slots=True)
class Envelope:
    version: int
    type: str
    n: int
    body: Any


def pack(obj: Any) -> bytes:
    """MessagePack with binary and string types kept apart; no ext types."""
    return msgpack.packb(obj, use_bin_type=True)


def unpack(data: bytes | memoryview) -> Any:
    return msgpack.unpackb(data, raw=False, strict_map_key=False)


def unpack_collection(frame: bytes) -> tuple[str, str, dict[Any, Any]]:
    """A snapshot's collection frame ``[name, key_field, [record, ...]]``: its name, key field and records keyed by
    that field (a replica's own structure), decoded a record at a time and keyed as each is decoded.

    The records are those :func:`unpack` gives, in one pass: no list of them first and no second pass to key them
    (2-3 ms of a 25,000-record resync). One ``unpackb`` of a 75,000-record frame would be a single C call holding
    the interpreter lock for its whole length (~100 ms): a desk's GUI thread would freeze that long while its feed
    thread decodes a resync. Between records, other threads get their turn."""
    unpacker = msgpack.Unpacker(raw=False, strict_map_key=False, max_buffer_size=max(len(frame), 1))
    unpacker.feed(frame)
    try:
        if unpacker.read_array_header() != 3:
            raise ValueError("a collection frame is [name, key_field, records]")
        name, key_field = unpacker.unpack(), unpacker.unpack()
        count = unpacker.read_array_header()
    except msgpack.OutOfData:
        raise ValueError("a collection frame ends early") from None
    records: dict[Any, Any] = {}
    try:
        for record in islice(unpacker, count):
            records[record[key_field]] = record
    except (KeyError, TypeError, IndexError):
        raise ValueError(f"a record of {name!r} has no key field {key_field!r}") from None
    if len(records) != count:  # a key repeated (its last record kept) or the frame cut short: a whole decode tells
        try:
            unpack(frame)
        except ValueError:
            raise ValueError("a collection frame ends early") from None
    return name, key_field, records


def encode(type_: str, n: int, body: Any) -> bytes:
    return pack([PROTOCOL_VERSION, type_, n, body])


def decode(frame: bytes | memoryview) -> Envelope:
    """Parse one envelope frame or raise :class:`ProtocolError` saying what is wrong."""
    try:
        obj = unpack(frame)
    except Exception as exc:  # msgpack raises several unrelated types for bad input
        raise ProtocolError(E_BAD_FRAME, f"not a MessagePack frame: {exc.__class__.__name__}") from None
    if not isinstance(obj, list) or len(obj) != 4:
        raise ProtocolError(E_BAD_FRAME, "an envelope is an array of 4: [version, type, n, body]")
    version, type_, n, body = obj
    corr = n if isinstance(n, int) and not isinstance(n, bool) else None
    if not isinstance(version, int) or isinstance(version, bool):
        raise ProtocolError(E_BAD_FRAME, "envelope version must be an integer", corr)
    if version != PROTOCOL_VERSION:
        raise ProtocolError(
            E_BAD_VERSION, f"protocol version {version} is not supported (this side speaks {PROTOCOL_VERSION})", corr
        )
    if not isinstance(type_, str):
        raise ProtocolError(E_BAD_FRAME, "envelope type must be a string", corr)
    if corr is None:
        raise ProtocolError(E_BAD_FRAME, "envelope n must be an integer")
    return Envelope(version, type_, n, body)


# The longest identifier a request body may carry, by field: the columns that store them (cb_audit.desk,
# cb_operator.username, cb_audit.command) and a password's sensible length; a longer one is refused before use
# (never stored, audited or fanned out to the desks in ``system.desks``).
IDENTIFIER_CHARS = {"desk": 128, "client": 128, "username": 64, "name": 120, "auth": 128, "password": 1024}


def overlong_identifiers(body: dict) -> list[str]:
    """The identifier fields of a request body longer than :data:`IDENTIFIER_CHARS` allows (empty: all fit)."""
    return [
        f"{field}: too long (at most {limit} characters)"
        for field, limit in IDENTIFIER_CHARS.items()
        if isinstance(body.get(field), str) and len(body[field]) > limit
    ]


def error_body(code: str, message: str, details: Any = None) -> dict:
    return {"code": code, "message": message, "details": details}
