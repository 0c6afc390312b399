"""Publishing rounds that an urgent change ends early: readings wait for the round, an alarm should not."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable


class Rounds:
    """``flush()`` every ``every`` seconds; after ``hurry()``, ``soon`` seconds after the last flush instead.

    At 5,000 readings/s the devices' changes go to the desks once a round (one frame, not one per message). Waiting
    for the round's end was up to a third of the time from a device's alarm to its tile's colour on the wall; an
    event now ends the round early, and ``soon`` still bounds the frames an alarm storm makes."""

    def __init__(self, flush: Callable[[], None], every: float, soon: float) -> None:
        self.flush, self.every, self.soon = flush, every, soon
        self._hurried = asyncio.Event()

    def hurry(self) -> None:
        """The round ends ``soon`` after the last flush (the loop's thread)."""
        self._hurried.set()

    async def run(self) -> None:
        while True:
            self._hurried.clear()
            self.flush()
            await asyncio.sleep(self.soon)
            if not self._hurried.is_set():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._hurried.wait(), self.every - self.soon)
