"""Query results as pandas frames, without a Python object per row where none is needed.

``pd.DataFrame(session.execute(query).all())`` hands pandas SQLAlchemy
``Row`` objects; pandas asks each one whether it is a named tuple, and a
``Row`` answers through its attribute fallback: ~3 µs a row, 1.2 s of the
enterprise early warning's 354,000 figures.  Plain tuples cost it nothing.
Where no column converts its values (integers, floats, strings: no result
processor, or a textual query's untyped columns), the driver's own rows
are taken as they are: no ``Row`` is made at all (0.82 -> 0.35 s for those
354,000 figures on SQLite).  A column that converts (a UTC timestamp kept
as text on SQLite) is read through SQLAlchemy's rows, converted as always.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import SelectBase, TextClause
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

if TYPE_CHECKING:
    import pandas as pd


def read_frame(session: Session, statement: Executable, columns: Sequence[str]) -> pd.DataFrame:
    """The rows of ``statement`` (a select of plain columns) as a frame with ``columns``, in the query's order."""
    import pandas as pd  # the daemon's plugins load it when they first compute, not at start-up

    connection = session.connection()  # Core execution: the ORM's wraps even plain columns' rows in its own result
    if _converts_nothing(statement, connection.dialect):
        if session.autoflush:
            session.flush()  # what the ORM's execution would have flushed first: rows added in this transaction
        result = connection.execute(statement)
        rows = result.cursor.fetchall()  # the driver's tuples, as SQLAlchemy would pass them on
        result.close()
    else:
        rows = [tuple(row) for row in session.execute(statement)]
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
