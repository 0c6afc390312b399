"""Query results as pandas frames, without pandas probing every row.

``pd.DataFrame(session.execute(query).all())`` hands pandas SQLAlchemy
``Row`` objects; pandas asks each one whether it is a named tuple, and a
``Row`` answers through its attribute fallback: ~3 µs a row, 1.2 s of the
enterprise early warning's 354,000 figures.  Plain tuples cost it nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

if TYPE_CHECKING:
    import pandas as pd


def read_frame(session: Session, statement: Executable, columns: Sequence[str]) -> pd.DataFrame:
    """The rows of ``statement`` (a select of plain columns) as a frame with ``columns``, in the query's order."""
    import pandas as pd  # the daemon's plugins load it when they first compute, not at start-up

    return pd.DataFrame([tuple(row) for row in session.execute(statement)], columns=list(columns))
