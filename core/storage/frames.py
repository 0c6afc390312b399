"""Query results as pandas frames, without a Python object per row where none is needed.

``pd.DataFrame(session.execute(query).all())`` hands pandas SQLAlchemy
``Row`` objects; pandas asks each one whether it is a named tuple, and a
``Row`` answers through its attribute fallback: ~3 µs a row, 1.2 s of the
enterprise early warning's 354,000 figures.  Plain tuples cost it nothing.
Where no column converts its values (integers, floats, strings: no result
processor, or a textual query's untyped columns), the driver's own rows
are taken as they are: no ``Row`` is made at all (0.86 -> 0.60 s for those
354,000 figures on SQLite).  A column that converts (a UTC timestamp kept
as text on SQLite) is read through SQLAlchemy's rows, converted as always.
A long read stops between chunks when the daemon stops
(:class:`engine.DatabaseClosing`): a stop waited for every read in flight.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import SelectBase, TextClause
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from citybrain.core.storage.engine import check_open

if TYPE_CHECKING:
    import pandas as pd

CHUNK = 20_000  # rows fetched between two looks at whether the database is closing (a stop waits for one chunk)


def read_frame(session: Session, statement: Executable, columns: Sequence[str]) -> pd.DataFrame:
    """The rows of ``statement`` (a select of plain columns) as a frame with ``columns``, in the query's order."""
    import pandas as pd  # the daemon's plugins load it when they first compute, not at start-up

    rows: list[tuple] = []
    connection = session.connection()  # Core execution: the ORM's wraps even plain columns' rows in its own result
    if _converts_nothing(statement, connection.dialect):
        if session.autoflush:
            session.flush()  # what the ORM's execution would have flushed first: rows added in this transaction
        with connection.execute(statement) as result:
            while chunk := result.cursor.fetchmany(CHUNK):  # the driver's tuples, as SQLAlchemy would pass them on
                rows.extend(chunk)
                check_open(session)
    else:
        for part in session.execute(statement).partitions(CHUNK):
            rows.extend(map(tuple, part))
            check_open(session)
    return pd.DataFrame(rows, columns=list(columns))


def _converts_nothing(statement: Executable, dialect: Dialect) -> bool:
    """No column of ``statement``'s result has a result processor on ``dialect``: its rows are the driver's."""
    if isinstance(statement, TextClause):
        return True  # untyped columns (text(...).columns() makes a SelectBase, checked below)
    if not isinstance(statement, SelectBase):
        return False
    return all(
        column.type.dialect_impl(dialect).result_processor(dialect, None) is None
        for column in statement.selected_columns
    )
