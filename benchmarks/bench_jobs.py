"""job_match: the top 10 vacancies, with their reasons, for each of 30,000 seekers among 10,000 vacancies
(plugins/jobs/matching.py: the five parts over blocks of seekers, the circle, top 10, the reasons of each kept
match) against a plain numpy pass computing the same score matrix and top 10 (no reasons, no parts kept).  Three
rounds of each; the figure is the best round.  Each round's time is reported, and memory as the growth of the
process's peak RSS: the plain rounds run first, so ``baseline_peak_mb`` is theirs and ``peak_mb`` what ours took
beyond (the matches and their reasons are kept until the round ends, as a caller keeps them).

``--quick`` takes a tenth of the seekers and every vacancy: matching goes block by block of seekers over all the
vacancies, so each seeker's work (a row of 10,000 scores, its top 10 and their reasons) is the full size's, and the
ratio is the full size's.  The quick size was 3,000 x 1,000 until stop 29: a tenth of the vacancies too, which made
each row ten times cheaper for both sides while the reasons of the ten matches kept stayed as dear, so it measured
the reasons against a matrix ten times smaller than the issue's (1.6-2.0 there, against 0.81 at the full size)."""

from __future__ import annotations

import math
import random
import resource
import time
from collections.abc import Callable

import numpy as np

from benchmarks import Result
from citybrain.plugins.jobs import EDUCATION, HOURS, matching
from citybrain.plugins.jobs.occupations import classification

CENTRE = (31.27, 121.49)  # Hongkou
SPAN_KM = (6.0, 5.0)  # north-south, east-west: the district's ~23 km² and a margin
SKILLS = [f"技能{n:02d}" for n in range(40)]
ROUNDS = 3


def _place(rng: random.Random) -> tuple[float, float]:
    lat = CENTRE[0] + (rng.random() - 0.5) * SPAN_KM[0] / matching.KM_PER_DEGREE_LAT
    lon = CENTRE[1] + (rng.random() - 0.5) * SPAN_KM[1] / (matching.KM_PER_DEGREE_LON * math.cos(math.radians(31.27)))
    return lat, lon


def workload(seekers: int, vacancies: int) -> tuple[matching.Side, matching.Side]:
    rng = random.Random(23)
    occupations = [c for c in classification().names if c.count("-") == 3]
    common = occupations[60:120]  # the service occupations: most seekers and vacancies
    people = []
    for i in range(seekers):
        lat, lon = _place(rng)
        people.append(
            {
                "id": i + 1,
                "occupation": None if rng.random() < 0.2 else rng.choice(common if rng.random() < 0.8 else occupations),
                "lat": lat,
                "lon": lon,
                "education": rng.choice(EDUCATION[:8]),
                "hours": rng.choice((*HOURS, "any")),
                "skills": ";".join(rng.sample(SKILLS, rng.randint(0, 3))),
                "wage": None if rng.random() < 0.3 else rng.randrange(3000, 12000, 500),
                "minutes": rng.choice((15, 15, 15, 20, 30)),
                "transit": rng.random() < 0.3,
            }
        )
    jobs = []
    for j in range(vacancies):
        lat, lon = _place(rng)
        low = rng.randrange(3000, 12000, 500)
        jobs.append(
            {
                "id": j + 1,
                "occupation": rng.choice(common if rng.random() < 0.8 else occupations),
                "lat": lat,
                "lon": lon,
                "education": rng.choice(EDUCATION[:7]),
                "hours": rng.choice(HOURS),
                "requirements": ";".join(rng.sample(SKILLS, rng.randint(0, 2))),
                "wage_min": low,
                "wage_max": low + rng.randrange(0, 4000, 500),
            }
        )
    return matching.seekers(people), matching.vacancies(jobs)


def ours(s: matching.Side, v: matching.Side) -> int:
    found = matching.top_matches(s, v, 10)
    return sum(len(m) for m in found)


def _prefixes(occupation: np.ndarray) -> np.ndarray:
    """Each code's four prefixes as numbers (``4``, ``4-03``, ``4-03-02``, ``4-03-02-01``), -1 below its depth."""
    weights = np.array([1_000_000, 10_000, 100, 1], dtype=np.int32)
    out = np.cumsum(occupation.astype(np.int32) * weights, axis=1)
    return np.where(occupation != 0, out, -1)


def plain(s: matching.Side, v: matching.Side) -> int:
    """The same score in one straightforward numpy pass per block of seekers, and each row's top 10."""
    st = matching.shipped_settings()
    w = st.weights
    words = sorted(set().union(*v.words))
    held = np.array([[x in ws for x in words] for ws in s.words], dtype=np.float32).reshape(len(s.ids), len(words))
    needed = np.array([[x in ws for x in words] for ws in v.words], dtype=np.float32).reshape(len(v.ids), len(words))
    required = needed.sum(axis=1)
    sp, vp = _prefixes(s.occupation), _prefixes(v.occupation)
    cos = math.cos(math.radians(float(np.concatenate([s.lat, v.lat]).mean())))
    sy, vy = (s.lat * matching.KM_PER_DEGREE_LAT).astype(np.float32), (v.lat * matching.KM_PER_DEGREE_LAT)
    sx, vx = (s.lon * matching.KM_PER_DEGREE_LON * cos), (v.lon * matching.KM_PER_DEGREE_LON * cos)
    origin = (float(sy.mean()), float(sx.mean()))
    sy, sx = (sy - origin[0]).astype(np.float32), (sx - origin[1]).astype(np.float32)
    vy, vx = (vy - origin[0]).astype(np.float32), (vx - origin[1]).astype(np.float32)
    kept = 0
    for start in range(0, len(s.ids), matching.BLOCK):
        r = slice(start, min(start + matching.BLOCK, len(s.ids)))
        depth = sum((sp[r, level, None] == vp[None, :, level]).astype(np.float32) for level in range(4))
        occupation = np.where((sp[r, 0] >= 0)[:, None], depth / 4, st.unstated)
        share = np.where(required > 0, (held[r] @ needed.T) / np.maximum(required, 1), 1.0)
        requirements = np.where(s.education[r, None] >= v.education[None, :], share, share * 0.5)
        wish = s.wage_low[r, None]
        wage = np.clip(1 - np.clip((wish - v.wage_high) / np.maximum(wish, 1), 0, None) / 0.3, 0, 1)
        hours = matching.HOURS_FIT[s.hours[r, None], v.hours[None, :]]
        km = np.hypot(sy[r, None] - vy, sx[r, None] - vx) * st.detour
        minutes = km * 60 / np.where(s.transit[r], st.transit_kmh, st.walk_kmh).astype(np.float32)[:, None]
        limit = s.minutes[r, None]
        travel = np.where(minutes <= limit, 1 - 0.5 * minutes / limit, 0)
        total = (
            w["occupation"] * occupation
            + w["requirements"] * requirements
            + w["wage"] * wage
            + w["hours"] * hours
            + w["travel"] * travel
        )
        total = np.where(minutes <= limit, total, -1.0)
        top = np.argpartition(-total, 9, axis=1)[:, :10]
        kept += int((np.take_along_axis(total, top, axis=1) > -1).sum())
    return kept


def _rounds(
    fn: Callable[[matching.Side, matching.Side], int], s: matching.Side, v: matching.Side
) -> tuple[list[float], int]:
    """Each round's seconds, and the number of matches kept (the same every round)."""
    times, kept = [], 0
    for _ in range(ROUNDS):
        start = time.perf_counter()
        kept = fn(s, v)
        times.append(time.perf_counter() - start)
    return times, kept


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def job_match(quick: bool) -> Result:
    s, v = workload(*((3_000, 10_000) if quick else (30_000, 10_000)))
    before = _peak_rss_mb()
    theirs, plain_found = _rounds(plain, s, v)
    after_plain = _peak_rss_mb()
    mine, found = _rounds(ours, s, v)
    after_ours = _peak_rss_mb()
    assert found == plain_found, f"the two passes disagree on the matches kept: {found:,} and {plain_found:,}"
    return Result(
        "job_match",
        min(mine),
        "s",
        min(theirs),
        "<= 2",
        {
            "seekers": len(s.ids),
            "matches": found,
            "vacancies": len(v.ids),
            "rounds": [round(t, 2) for t in mine],
            "baseline_rounds": [round(t, 2) for t in theirs],
            "peak_mb": round(after_ours - before, 1),
            "baseline_peak_mb": round(after_plain - before, 1),
        },
    )


def run(quick: bool) -> list[Result]:
    return [job_match(quick)]
