"""Writes the alarm sounds (stdlib only): ``python resources/sounds/make_sounds.py``.

Patterns after IEC 60601-1-8's auditory alarm signals, which teach the two apart by rhythm as well as pitch:
``urgent.wav`` is a fast two-tone burst (five pairs of short 988/784 Hz pulses, ~1.4 s), ``high.wav`` three
slower 660 Hz pulses (~1 s).  Medium and low priorities make no sound.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 16_000


def pulses(pattern: list[tuple[float, float, float]]) -> bytes:
    """``pattern``: (frequency Hz, on seconds, silence after) -> 16-bit mono samples, edges ramped (no clicks)."""
    out = bytearray()
    for freq, on, off in pattern:
        n, ramp = int(on * RATE), int(0.01 * RATE)
        for i in range(n):
            envelope = min(1.0, i / ramp, (n - i) / ramp)
            tone = math.sin(2 * math.pi * freq * i / RATE) + 0.3 * math.sin(2 * math.pi * 2 * freq * i / RATE)
            out += struct.pack("<h", int(12_000 * envelope * tone / 1.3))
        out += b"\0\0" * int(off * RATE)
    return bytes(out)


def write(path: Path, samples: bytes) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(samples)


if __name__ == "__main__":
    here = Path(__file__).parent
    write(here / "urgent.wav", pulses([(988, 0.1, 0.04), (784, 0.1, 0.04)] * 5))
    write(here / "high.wav", pulses([(660, 0.2, 0.12)] * 3))
