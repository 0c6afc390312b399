"""get_or_refuse and not_found: the one refusal for a request naming a record that is not there (issue 20)."""

from __future__ import annotations

from collections.abc import Iterator

import msgpack
import pytest
from sqlalchemy import Integer, String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from citybrain.core.api import ErrorCode, Refused, get_or_refuse, not_found


class _Base(DeclarativeBase):  # not api.Base: this table is no plugin's
    pass


class Swap(_Base):
    __tablename__ = "swap"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    state: Mapped[str] = mapped_column(String(16))


@pytest.fixture
def session() -> Iterator[Session]:
    engine = create_engine("sqlite://")
    _Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add_all([Swap(id=1, state="pending"), Swap(id=2, state="approved")])
        session.flush()
        yield session


def test_the_row_is_returned(session: Session) -> None:
    assert get_or_refuse(session, Swap, 1, "swap").state == "pending"
    assert get_or_refuse(session, Swap, 1, "pending swap", only=lambda s: s.state == "pending").id == 1


def test_a_missing_row_is_refused_as_an_invalid_payload_naming_it(session: Session) -> None:
    with pytest.raises(Refused) as refused:
        get_or_refuse(session, Swap, 7, "swap")
    assert refused.value.code == ErrorCode.INVALID_PAYLOAD and ErrorCode.INVALID_PAYLOAD.value == "invalid_payload"
    assert refused.value.message == "no swap 7" and refused.value.details == {"reason": "not_found", "key": 7}


def test_a_row_in_the_wrong_state_is_refused_with_the_reason_given(session: Session) -> None:
    with pytest.raises(Refused) as refused:
        get_or_refuse(session, Swap, 2, "pending swap", only=lambda s: s.state == "pending", reason="not_pending")
    assert refused.value.message == "no pending swap 2"
    assert refused.value.details == {"reason": "not_pending", "key": 2}


def test_not_found_by_another_key_and_the_code_travels_as_a_plain_string() -> None:
    refusal = not_found("plan", "PLAN-7")
    assert refusal.message == "no plan 'PLAN-7'" and refusal.code == ErrorCode.INVALID_PAYLOAD
    decoded = msgpack.unpackb(msgpack.packb({"code": refusal.code}), raw=False)
    assert decoded == {"code": "invalid_payload"} and type(decoded["code"]) is str
