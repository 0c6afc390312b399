"""Fuzzy search for the command palette: Chinese, its pinyin and pinyin initials, and English.

"qhbj", "qiehuan", "切换" and "switch lay" all find 切换布局 / "Switch layout".
Each query word must match one of an entry's keys, as a substring (best,
earlier is better) or as a subsequence (letters in order, gaps cost).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[A-Za-z0-9]+")


@lru_cache(maxsize=4096)
def search_keys(text: str) -> tuple[str, ...]:
    """The text itself, its full pinyin (joined), and the initials of its syllables and words."""
    from pypinyin import lazy_pinyin  # ~0.1 s of dictionaries: loaded when the palette first searches

    syllables: list[str] = []
    for chunk in lazy_pinyin(text, errors=lambda s: s):  # what has no pinyin comes back whole
        syllables.extend(_WORD.findall(chunk) if not chunk.isalpha() or chunk.isascii() else [chunk])
    words = [s.lower() for s in syllables if s]
    return text.casefold(), "".join(words), "".join(w[0] for w in words)


def _subsequence_score(query: str, key: str) -> float | None:
    at, gaps, last = 0, 0, -1
    for ch in query:
        found = key.find(ch, at)
        if found < 0:
            return None
        if last >= 0:
            gaps += found - last - 1
        last, at = found, found + 1
    return 40.0 - min(gaps, 30) - min(key.find(query[0]), 9) * 0.1


def word_score(word: str, keys: Sequence[str]) -> float | None:
    best: float | None = None
    for key in keys:
        i = key.find(word)
        score = (100.0 if i == 0 else 80.0 - min(i, 20)) if i >= 0 else _subsequence_score(word, key)
        if score is not None and (best is None or score > best):
            best = score
    return best


@dataclass(frozen=True)
class Candidate:
    id: str
    texts: tuple[str, ...]  # the title in the desk's language, the English source, extra keywords


def rank(query: str, candidates: Iterable[Candidate], limit: int = 50) -> list[tuple[float, Candidate]]:
    """Candidates matching every word of ``query``, best first; all of them (in order) for an empty query."""
    words = query.casefold().split()
    scored = []
    for n, candidate in enumerate(candidates):
        keys = [k for text in candidate.texts for k in search_keys(text)]
        total = 0.0
        for word in words:
            score = word_score(word, keys)
            if score is None:
                break
            total += score
        else:
            scored.append((total, -n, candidate))
    scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return [(score, c) for score, _, c in scored[:limit]]
