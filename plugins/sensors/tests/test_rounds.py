"""Publishing rounds: a reading waits for the round's end, an event ends the round early (on a real asyncio loop)."""

from __future__ import annotations

import asyncio

from citybrain.plugins.sensors.rounds import Rounds


def test_a_hurry_ends_an_hour_long_round_at_once():
    async def scenario() -> int:
        flushed: list[int] = []
        second = asyncio.Event()

        def flush() -> None:
            flushed.append(len(flushed))
            if len(flushed) == 2:
                second.set()

        rounds = Rounds(flush, every=3600.0, soon=0.0)
        task = asyncio.create_task(rounds.run())
        await asyncio.sleep(0)  # the first flush, at the start
        assert flushed == [0]
        rounds.hurry()
        await asyncio.wait_for(second.wait(), 30)  # without the hurry, an hour
        task.cancel()
        return len(flushed)

    assert asyncio.run(scenario()) == 2


def test_a_hurry_during_the_pause_after_a_flush_is_kept_for_the_next_round():
    async def scenario() -> None:
        flushes: asyncio.Queue[None] = asyncio.Queue()
        rounds = Rounds(lambda: flushes.put_nowait(None), every=3600.0, soon=0.01)
        task = asyncio.create_task(rounds.run())
        await flushes.get()
        rounds.hurry()  # while the round sleeps its ``soon``: not lost by the flag's clearing
        await asyncio.wait_for(flushes.get(), 30)
        rounds.hurry()
        await asyncio.wait_for(flushes.get(), 30)
        task.cancel()

    asyncio.run(scenario())
