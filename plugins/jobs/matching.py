"""The match score of every seeker with every vacancy, vectorised: numpy over whole blocks of seekers at once, never a
loop over pairs.  Pure functions of arrays (no database, no Qt): the queries, the pushes and the benchmark share them.

The score is the weighted sum of five parts, each 0..1 (configs/jobs/matching.toml; docs/jobs.md "The score"):
occupation (depth of the deepest group the two codes share in GB/T 6565's tree, over 4), requirements (share of the
vacancy's skills and certificates the seeker holds, halved below its education), wage, hours, and travel (1 at the
door, falling to 0.5 at the circle's edge).  A vacancy outside the seeker's travel circle is no match (``NO_MATCH``).

The circle: there is no road network, so a trip is the straight-line distance times a detour factor, walked at
5 km/h, or ridden at the transit speed when the seeker takes transit; it holds when the trip takes at most the
seeker's minutes.  :func:`minutes` is the one place to replace with a road graph or isochrone boundaries later."""

from __future__ import annotations

import functools
import math
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from citybrain.core.api import bundled
from citybrain.plugins.jobs import EDUCATION
from citybrain.plugins.jobs.occupations import path, shared_depth

NO_MATCH = -1.0
BLOCK = 512  # seekers scored at once: a block of 10,000 vacancies is ~20 MB a part
KM_PER_DEGREE_LAT = 110.574
KM_PER_DEGREE_LON = 111.320  # at the equator; times cos(latitude)
HOURS_CODES = {"full": 0, "part": 1, "flexible": 2, "any": 3}
# hours fit, seeker's (row) against vacancy's (column: full, part, flexible)
HOURS_FIT = np.array(
    [[1.0, 0.0, 0.0], [0.0, 1.0, 0.5], [0.0, 0.5, 1.0], [1.0, 1.0, 1.0]],
    dtype=np.float32,
)
PARTS = ("occupation", "requirements", "wage", "hours", "travel")


@dataclass(frozen=True)
class Settings:
    weights: dict[str, float]
    detour: float
    walk_kmh: float
    transit_kmh: float
    minutes: int
    unstated: float

    @classmethod
    def read(cls, text: str) -> Settings:
        raw = tomllib.loads(text)
        weights = {part: float(raw["weights"][part]) for part in PARTS}
        if abs(sum(weights.values()) - 1) > 1e-6:
            raise ValueError(f"the match weights add up to {sum(weights.values())}, not 1")
        circle = raw["circle"]
        settings = cls(
            weights,
            float(circle["detour"]),
            float(circle["walk_kmh"]),
            float(circle["transit_kmh"]),
            int(circle["minutes"]),
            float(raw["occupation"]["unstated"]),
        )
        if settings.detour < 1 or settings.walk_kmh <= 0 or settings.transit_kmh <= 0:
            raise ValueError("the detour factor is at least 1 and the speeds above 0")
        return settings


@functools.cache
def shipped_settings() -> Settings:
    """configs/jobs/matching.toml, read on first use (nothing is read at import)."""
    return Settings.read(bundled("citybrain.configs", "jobs", "matching.toml").read_text("utf-8"))


def _education(values: Sequence[str]) -> np.ndarray:
    rank = {e: i for i, e in enumerate(EDUCATION)}
    return np.array([rank.get(v or "none", 0) for v in values], dtype=np.int8)


def _words(lists: Sequence[str]) -> list[frozenset[str]]:
    return [frozenset(w.strip() for w in (text or "").split(";") if w.strip()) for text in lists]


@dataclass
class Side:
    """One side of the match as arrays, row i for the i-th seeker (or vacancy); ``ids`` their database keys."""

    ids: np.ndarray
    occupation: np.ndarray  # (n, 4) levels
    lat: np.ndarray
    lon: np.ndarray
    education: np.ndarray
    hours: np.ndarray
    words: list[frozenset[str]]  # skills held, or requirements
    wage_low: np.ndarray  # seekers: the wish (0: none); vacancies: the range's ends
    wage_high: np.ndarray
    minutes: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))  # seekers only
    transit: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))


def seekers(rows: Sequence[dict]) -> Side:
    """Seekers from records with id, occupation, lat, lon, education, hours, skills, wage, minutes, transit."""
    wage = np.array([r["wage"] or 0 for r in rows], dtype=np.float32)
    return Side(
        np.array([r["id"] for r in rows], dtype=np.int64),
        path([r["occupation"] for r in rows]),
        np.array([r["lat"] for r in rows], dtype=np.float64),
        np.array([r["lon"] for r in rows], dtype=np.float64),
        _education([r["education"] for r in rows]),
        np.array([HOURS_CODES[r["hours"]] for r in rows], dtype=np.int8),
        _words([r["skills"] for r in rows]),
        wage,
        wage,
        np.array([r["minutes"] for r in rows], dtype=np.float32),
        np.array([bool(r["transit"]) for r in rows], dtype=bool),
    )


def vacancies(rows: Sequence[dict]) -> Side:
    """Vacancies from records with id, occupation, lat, lon, education, hours, requirements, wage_min, wage_max."""
    return Side(
        np.array([r["id"] for r in rows], dtype=np.int64),
        path([r["occupation"] for r in rows]),
        np.array([r["lat"] for r in rows], dtype=np.float64),
        np.array([r["lon"] for r in rows], dtype=np.float64),
        _education([r["education"] for r in rows]),
        np.array([HOURS_CODES[r["hours"]] for r in rows], dtype=np.int8),
        _words([r["requirements"] for r in rows]),
        np.array([r["wage_min"] for r in rows], dtype=np.float32),
        np.array([r["wage_max"] for r in rows], dtype=np.float32),
    )


def _vocabulary(s: Side, v: Side) -> tuple[np.ndarray, np.ndarray]:
    """Skills held (seekers × words) and required (vacancies × words) as 0/1 matrices over the words required."""
    words = sorted(set().union(*v.words)) if v.words else []
    column = {w: i for i, w in enumerate(words)}
    held = np.zeros((len(s.words), len(words)), dtype=np.float32)
    for i, ws in enumerate(s.words):
        for w in ws:
            if w in column:
                held[i, column[w]] = 1
    needed = np.zeros((len(v.words), len(words)), dtype=np.float32)
    for j, ws in enumerate(v.words):
        needed[j, [column[w] for w in ws]] = 1
    return held, needed


@dataclass
class Prepared:
    """What a match needs besides the two sides, computed once for all blocks: the skills as 0/1 matrices, both sides
    in kilometres on one plane, each seeker's minutes per kilometre, and the occupation part as a small table between
    the distinct codes of either side (a gather per pair instead of four comparisons)."""

    held: np.ndarray  # seekers × words required anywhere
    needed: np.ndarray  # vacancies × words
    inverse_required: np.ndarray  # 1 / words a vacancy requires (0 when none)
    none_required: np.ndarray  # 1 where a vacancy requires none: its share is 1
    sx: np.ndarray
    sy: np.ndarray
    vx: np.ndarray
    vy: np.ndarray
    pace: np.ndarray  # a seeker's minutes per straight-line kilometre: detour × 60 / speed
    wage_scale: np.ndarray  # 1 / (30 % of the wage wished), 0 for no wish
    s_code: np.ndarray  # each seeker's row in the tables
    v_code: np.ndarray
    occupation: np.ndarray  # the occupation part between seekers' and vacancies' distinct codes
    depth: np.ndarray  # the shared depth between them (0..4), for the reasons
    required_words: list[tuple[str, ...]]  # each vacancy's requirements, sorted, for the reasons


def _plane(lat: np.ndarray, lon: np.ndarray, lat0: float, lon0: float) -> tuple[np.ndarray, np.ndarray]:
    """Kilometres east and north of (lat0, lon0): an equirectangular projection, off by well under 0.1 % within a
    district (~10 km)."""
    east = (lon - lon0) * (KM_PER_DEGREE_LON * math.cos(math.radians(lat0)))
    return east.astype(np.float32), ((lat - lat0) * KM_PER_DEGREE_LAT).astype(np.float32)


def prepare(s: Side, v: Side, settings: Settings | None = None) -> Prepared:
    settings = settings or shipped_settings()
    held, needed = _vocabulary(s, v)
    required = needed.sum(axis=1)
    both = np.concatenate([s.lat, v.lat]), np.concatenate([s.lon, v.lon])
    lat0, lon0 = (float(both[0].mean()), float(both[1].mean())) if len(both[0]) else (31.0, 121.0)
    sx, sy = _plane(s.lat, s.lon, lat0, lon0)
    vx, vy = _plane(v.lat, v.lon, lat0, lon0)
    speed = np.where(s.transit, settings.transit_kmh, settings.walk_kmh)
    s_codes, s_code = np.unique(s.occupation, axis=0, return_inverse=True)
    v_codes, v_code = np.unique(v.occupation, axis=0, return_inverse=True)
    depth = shared_depth(s_codes, v_codes)
    stated = s_codes[:, 0] != 0
    occupation = np.where(stated[:, None], depth / np.float32(4), np.float32(settings.unstated)).astype(np.float32)
    return Prepared(
        held,
        needed,
        np.divide(1, required, out=np.zeros_like(required), where=required > 0),
        (required == 0).astype(np.float32),
        sx,
        sy,
        vx,
        vy,
        (settings.detour * 60 / speed).astype(np.float32),
        np.divide(1, 0.3 * s.wage_low, out=np.zeros_like(s.wage_low), where=s.wage_low > 0),
        s_code.reshape(-1),
        v_code.reshape(-1),
        occupation,
        depth,
        [tuple(sorted(ws)) for ws in v.words],
    )


def minutes(prep: Prepared, rows: slice) -> np.ndarray:
    """Minutes from each seeker's home (``rows``) to each workplace: the straight line × the detour factor, walked,
    or ridden at the transit speed by a seeker who takes transit.  The one place a road graph or isochrone
    boundaries would replace."""
    dx = prep.sx[rows, None] - prep.vx[None, :]
    dy = prep.sy[rows, None] - prep.vy[None, :]
    return np.sqrt(dx * dx + dy * dy) * prep.pace[rows, None]


def parts(s: Side, rows: slice, v: Side, prep: Prepared) -> dict[str, np.ndarray]:
    """Each part of the score (0..1) for seekers ``rows`` against every vacancy, the trip's ``minutes`` and whether
    it is ``inside`` the seeker's circle."""
    occupation = prep.occupation[prep.s_code[rows, None], prep.v_code[None, :]]
    share = (prep.held[rows] @ prep.needed.T) * prep.inverse_required[None, :] + prep.none_required[None, :]
    educated = s.education[rows, None] >= v.education[None, :]
    requirements = share * np.where(educated, np.float32(1), np.float32(0.5))
    wage = np.clip(1 - (s.wage_low[rows, None] - v.wage_high[None, :]) * prep.wage_scale[rows, None], 0, 1)
    hours = HOURS_FIT[s.hours[rows, None], v.hours[None, :]]
    trip = minutes(prep, rows)
    limit = s.minutes[rows, None]
    inside = trip <= limit
    travel = np.where(inside, 1 - np.float32(0.5) / np.maximum(limit, 1) * trip, np.float32(0))
    return {
        "occupation": occupation,
        "requirements": requirements,
        "wage": wage,
        "hours": hours,
        "travel": travel,
        "minutes": trip,
        "inside": inside,
    }


def score(p: dict[str, np.ndarray], settings: Settings | None = None) -> np.ndarray:
    """The weighted sum; ``NO_MATCH`` outside the circle."""
    settings = settings or shipped_settings()
    total = np.float32(settings.weights["occupation"]) * p["occupation"]
    for k in PARTS[1:]:
        total += np.float32(settings.weights[k]) * p[k]
    total[~p["inside"]] = NO_MATCH
    return total


def blocks(n: int, size: int = BLOCK) -> Iterator[slice]:
    for start in range(0, n, size):
        yield slice(start, min(start + size, n))


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    """Each row's ``k`` best columns, best first (ties: the lower column first)."""
    k = min(k, scores.shape[1])
    if k == 0:
        return np.zeros((scores.shape[0], 0), dtype=np.int64)
    best = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    order = np.lexsort((best, -np.take_along_axis(scores, best, axis=1)), axis=1)
    return np.take_along_axis(best, order, axis=1)


class Match(NamedTuple):
    """One seeker and vacancy (their database ids), the score, and its reasons: each part's value and the trip.
    A named tuple, not a frozen dataclass: a round makes one per match kept (300,000 at full size), and a frozen
    dataclass's ``__init__`` was a sixth of building the reasons."""

    seeker: int
    vacancy: int
    score: float
    reasons: dict


def _matches(
    s: Side, rows: np.ndarray, v: Side, prep: Prepared, p: dict[str, np.ndarray], scores: np.ndarray, best: np.ndarray
) -> list[list[Match]]:
    """The matches at ``best`` (the seekers ``rows`` × the columns kept; ``p`` and ``scores`` have a row for each),
    with their reasons gathered for all at once."""
    occupation, requirements, wage, hours, travel = (
        np.take_along_axis(p[k], best, axis=1).astype(np.float64).round(3).tolist() for k in PARTS
    )
    kept = np.take_along_axis(scores, best, axis=1)
    inside = (kept > NO_MATCH).tolist()
    kept_scores = kept.astype(np.float64).round(4).tolist()  # float64 first: 0.9897, not 0.9897000193595886
    trips = np.take_along_axis(p["minutes"], best, axis=1).astype(np.float64).round(1).tolist()
    depth = prep.depth[prep.s_code[rows, None], prep.v_code[best]].tolist()
    educated = (s.education[rows, None] >= v.education[best]).tolist()
    vacancy_ids = v.ids.tolist()
    out = []
    for i, (cols, row) in enumerate(zip(best.tolist(), rows.tolist(), strict=True)):
        seeker, words, mode = int(s.ids[row]), s.words[row], "transit" if s.transit[row] else "walk"
        found = []
        for n, col in enumerate(cols):
            if not inside[i][n]:
                continue
            required = prep.required_words[col]
            held, missing = (
                ([w for w in required if w in words], [w for w in required if w not in words]) if required else ([], [])
            )
            reasons = {
                "occupation": occupation[i][n],
                "requirements": requirements[i][n],
                "wage": wage[i][n],
                "hours": hours[i][n],
                "travel": travel[i][n],
                "depth": depth[i][n],
                "minutes": trips[i][n],
                "mode": mode,
                "held": held,
                "missing": missing,
                "education_ok": educated[i][n],
            }
            found.append(Match(seeker, vacancy_ids[col], kept_scores[i][n], reasons))
        out.append(found)
    return out


def _excluded(s: Side, v: Side, pairs: Iterable[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """The (seeker row, vacancy column) of each (seeker id, vacancy id) pair present on both sides."""
    row = {int(i): n for n, i in enumerate(s.ids.tolist())}
    column = {int(i): n for n, i in enumerate(v.ids.tolist())}
    kept = [(row[a], column[b]) for a, b in pairs if a in row and b in column]
    return np.array([r for r, _ in kept], dtype=np.int64), np.array([c for _, c in kept], dtype=np.int64)


def top_matches(
    s: Side, v: Side, k: int = 10, settings: Settings | None = None, exclude: Iterable[tuple[int, int]] = ()
) -> list[list[Match]]:
    """For each seeker, its ``k`` best vacancies inside its circle, best first, with their reasons; the (seeker id,
    vacancy id) pairs in ``exclude`` (pushed before) are no match."""
    prep = prepare(s, v, settings)
    skip_rows, skip_columns = _excluded(s, v, exclude)
    out: list[list[Match]] = []
    for rows in blocks(len(s.ids)):
        p = parts(s, rows, v, prep)
        scores = score(p, settings)
        here = (skip_rows >= rows.start) & (skip_rows < rows.stop)
        scores[skip_rows[here] - rows.start, skip_columns[here]] = NO_MATCH
        out += _matches(s, np.arange(rows.start, rows.stop), v, prep, p, scores, _top(scores, k))
    return out


def top_seekers(s: Side, v: Side, k: int = 10, settings: Settings | None = None) -> list[Match]:
    """For one vacancy (``v`` of one row), the ``k`` seekers it suits best inside their circles, best first."""
    prep = prepare(s, v, settings)
    found: list[Match] = []
    for rows in blocks(len(s.ids)):
        p = parts(s, rows, v, prep)
        scores = score(p, settings)
        best = _top(scores.T, k)[0]  # this block's best: the rest cannot be in the top k
        chosen = {name: part[best] for name, part in p.items()}
        for matches in _matches(s, best + rows.start, v, prep, chosen, scores[best], np.zeros((len(best), 1), int)):
            found += matches
    found.sort(key=lambda m: -m.score)  # stable: the earlier seeker first on a tie
    return found[:k]
