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

import math
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

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


SETTINGS = Settings.read(bundled("citybrain.configs", "jobs", "matching.toml").read_text("utf-8"))


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


def minutes(s: Side, rows: slice, v: Side, settings: Settings = SETTINGS) -> np.ndarray:
    """Minutes from each seeker's home (``rows``) to each workplace: straight line × detour, at walking speed, or at
    transit speed for a seeker who takes it.  An equirectangular projection at the seekers' mean latitude: within a
    district (~10 km) it is off by well under 0.1 %."""
    lat0 = math.radians(float(np.mean(s.lat)) if len(s.lat) else 31.0)
    dy = (s.lat[rows, None] - v.lat[None, :]) * KM_PER_DEGREE_LAT
    dx = (s.lon[rows, None] - v.lon[None, :]) * (KM_PER_DEGREE_LON * math.cos(lat0))
    km = np.sqrt(dx * dx + dy * dy).astype(np.float32) * np.float32(settings.detour)
    speed = np.where(s.transit[rows], settings.transit_kmh, settings.walk_kmh).astype(np.float32)
    return km * (np.float32(60) / speed[:, None])


@dataclass
class Prepared:
    """What a match needs besides the two sides, computed once for all blocks."""

    held: np.ndarray
    needed: np.ndarray
    required: np.ndarray  # how many words each vacancy requires


def prepare(s: Side, v: Side) -> Prepared:
    held, needed = _vocabulary(s, v)
    return Prepared(held, needed, needed.sum(axis=1))


def parts(s: Side, rows: slice, v: Side, prep: Prepared, settings: Settings = SETTINGS) -> dict[str, np.ndarray]:
    """Each part of the score (0..1) for seekers ``rows`` against every vacancy, and the trip's ``minutes``."""
    depth = shared_depth(s.occupation[rows], v.occupation).astype(np.float32) / 4
    stated = s.occupation[rows, 0] != 0
    occupation = np.where(stated[:, None], depth, np.float32(settings.unstated))
    share = np.divide(
        prep.held[rows] @ prep.needed.T,
        prep.required[None, :],
        out=np.ones((depth.shape[0], len(v.ids)), dtype=np.float32),
        where=prep.required[None, :] > 0,
    )
    educated = s.education[rows, None] >= v.education[None, :]
    requirements = np.where(educated, share, share * np.float32(0.5))
    wish = s.wage_low[rows, None]
    short = np.clip((wish - v.wage_high[None, :]) / np.maximum(wish, 1), 0, None)
    wage = np.clip(1 - short / np.float32(0.3), 0, 1)
    hours = HOURS_FIT[s.hours[rows, None], v.hours[None, :]]
    trip = minutes(s, rows, v, settings)
    limit = s.minutes[rows, None]
    travel = np.where(trip <= limit, 1 - 0.5 * trip / np.maximum(limit, 1), np.float32(0))
    return {
        "occupation": occupation,
        "requirements": requirements,
        "wage": wage,
        "hours": hours,
        "travel": travel,
        "minutes": trip,
        "inside": trip <= limit,
    }


def score(p: dict[str, np.ndarray], settings: Settings = SETTINGS) -> np.ndarray:
    """The weighted sum; ``NO_MATCH`` outside the circle."""
    total = sum(np.float32(settings.weights[k]) * p[k] for k in PARTS)
    return np.where(p["inside"], total, np.float32(NO_MATCH)).astype(np.float32)


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


@dataclass(frozen=True)
class Match:
    """One seeker and vacancy (their database ids), the score, and its reasons: each part's value and the trip."""

    seeker: int
    vacancy: int
    score: float
    reasons: dict


def _reasons(p: dict[str, np.ndarray], i: int, j: int, s: Side, v: Side, row: int, col: int) -> dict:
    held = s.words[row] & v.words[col]
    return {
        **{k: round(float(p[k][i, j]), 3) for k in PARTS},
        "depth": int(shared_depth(s.occupation[row : row + 1], v.occupation[col : col + 1])[0, 0]),
        "minutes": round(float(p["minutes"][i, j]), 1),
        "mode": "transit" if s.transit[row] else "walk",
        "held": sorted(held),
        "missing": sorted(v.words[col] - held),
        "education_ok": bool(s.education[row] >= v.education[col]),
    }


def top_matches(s: Side, v: Side, k: int = 10, settings: Settings = SETTINGS) -> list[list[Match]]:
    """For each seeker, its ``k`` best vacancies inside its circle, best first, with their reasons."""
    prep = prepare(s, v)
    out: list[list[Match]] = []
    for rows in blocks(len(s.ids)):
        p = parts(s, rows, v, prep, settings)
        scores = score(p, settings)
        best = _top(scores, k)
        for i, cols in enumerate(best):
            row = rows.start + i
            out.append(
                [
                    Match(
                        int(s.ids[row]), int(v.ids[j]), round(float(scores[i, j]), 4), _reasons(p, i, j, s, v, row, j)
                    )
                    for j in cols
                    if scores[i, j] > NO_MATCH
                ]
            )
    return out


def top_seekers(s: Side, v: Side, k: int = 10, settings: Settings = SETTINGS) -> list[Match]:
    """For one vacancy (``v`` of one row), the ``k`` seekers it suits best inside their circles, best first."""
    prep = prepare(s, v)
    found: list[tuple[float, int, dict]] = []
    for rows in blocks(len(s.ids)):
        p = parts(s, rows, v, prep, settings)
        scores = score(p, settings)[:, 0]
        inside = np.flatnonzero(scores > NO_MATCH)
        for i in inside[_top(scores[None, inside], k)[0]]:  # this block's best: the rest cannot be in the top k
            found.append((float(scores[i]), rows.start + int(i), _reasons(p, int(i), 0, s, v, rows.start + int(i), 0)))
    found.sort(key=lambda f: (-f[0], f[1]))
    return [Match(int(s.ids[row]), int(v.ids[0]), round(sc, 4), why) for sc, row, why in found[:k]]
