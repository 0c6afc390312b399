"""RestingRow: a view's card is asked for the row where the selection rests, one query at a time (holding Down
through 439 rows queued 439 queries on the daemon, and a grant pressed at the end timed out behind them)."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QObject

from citybrain.widgets import RestingRow, ViewTasks


def test_rows_passed_while_a_card_is_asked_for_are_not_asked_and_only_the_resting_row_is_shown():
    asked: list[int] = []
    shown: list[tuple[int, str]] = []

    async def run() -> None:
        answer = asyncio.Event()

        async def ask(row: int) -> str:
            asked.append(row)
            await answer.wait()
            answer.clear()
            return f"card {row}"

        rows = RestingRow(ViewTasks(QObject()), ask, lambda row, card: shown.append((row, card)))
        rows.moved(0)
        await asyncio.sleep(0)  # the first query is sent
        for row in range(1, 10):  # Down held through nine more rows while it is answered
            rows.moved(row)
        assert asked == [0] and rows.asking
        answer.set()  # row 0's card comes: the selection is no longer there, so it is not shown
        while asked == [0]:
            await asyncio.sleep(0)
        answer.set()
        while rows.asking:
            await asyncio.sleep(0)

    asyncio.run(run())
    assert asked == [0, 9]  # the first row and the one where the selection rests, none in between
    assert shown == [(9, "card 9")]
