"""The score, part by part, on arrays (no daemon): the occupation tree, the travel circle's edge on foot and by
transit, wage, hours and requirements; the top-k order; the subsidy rules."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from citybrain.core.api import evaluate_tags
from citybrain.plugins.jobs import matching, subsidies
from citybrain.plugins.jobs.occupations import classification, path, shared_depth

HOME = (31.27, 121.48)
KM_LAT = 1 / matching.KM_PER_DEGREE_LAT  # degrees of latitude in one km


def seeker(**given: object) -> dict:
    return {
        "id": 1,
        "occupation": "4-03-02-01",
        "lat": HOME[0],
        "lon": HOME[1],
        "education": "senior",
        "hours": "full",
        "skills": "",
        "wage": None,
        "minutes": 15,
        "transit": False,
    } | given


def vacancy(id_: int = 10, km_north: float = 0.5, **given: object) -> dict:
    return {
        "id": id_,
        "occupation": "4-03-02-01",
        "lat": HOME[0] + km_north * KM_LAT,
        "lon": HOME[1],
        "education": "none",
        "hours": "full",
        "requirements": "",
        "wage_min": 5000,
        "wage_max": 6000,
    } | given


def parts(s: dict, *vs: dict) -> dict[str, np.ndarray]:
    side, vac = matching.seekers([s]), matching.vacancies(list(vs))
    return matching.parts(side, slice(0, 1), vac, matching.prepare(side, vac))


def test_occupation_scores_by_the_depth_of_the_shared_group():
    wanted = path(["4-03-02-01"])
    offered = path(["4-03-02-01", "4-03-02-05", "4-03-01-01", "4-01-02-04", "6-18-01-01"])
    assert shared_depth(wanted, offered).tolist() == [[4, 3, 2, 1, 0]]
    p = parts(seeker(), *(vacancy(i, occupation=c) for i, c in enumerate(CLASSIFICATION_CODES)))
    assert p["occupation"][0].tolist() == [1.0, 0.75, 0.5, 0.25, 0.0]
    unstated = parts(seeker(occupation=None), vacancy())
    assert unstated["occupation"][0, 0] == pytest.approx(matching.shipped_settings().unstated)


CLASSIFICATION_CODES = ("4-03-02-01", "4-03-02-05", "4-03-01-01", "4-01-02-04", "6-18-01-01")


def test_the_shipped_codes_are_in_the_classification():
    for code in CLASSIFICATION_CODES:
        assert classification().problem(code) is None
    assert "group" in classification().problem("4-03-02")


def test_the_walking_circle_ends_at_15_minutes_of_detoured_straight_line():
    settings = matching.shipped_settings()
    edge_km = 5.0 * 15 / 60 / settings.detour  # 1.25 km of road, 0.96 km of straight line at 1.3
    p = parts(seeker(), vacancy(1, edge_km * 0.99), vacancy(2, edge_km * 1.01), vacancy(3, 0.0))
    assert p["inside"][0].tolist() == [True, False, True]
    assert p["minutes"][0, 0] == pytest.approx(15 * 0.99, rel=1e-3)
    assert p["travel"][0, 2] == pytest.approx(1.0) and p["travel"][0, 0] == pytest.approx(0.5 + 0.5 * 0.01, abs=1e-3)
    scores = matching.score(p)
    assert scores[0, 1] == matching.NO_MATCH and scores[0, 0] > 0


def test_transit_widens_the_circle_only_for_a_seeker_who_takes_it():
    far = vacancy(1, 3.0)  # 3 km: 47 min on foot, ~16 min by transit at 15 km/h with the detour
    assert not parts(seeker(), far)["inside"][0, 0]
    assert not parts(seeker(transit=True), far)["inside"][0, 0]  # 15.6 minutes: just outside
    assert parts(seeker(transit=True, minutes=20), far)["inside"][0, 0]
    assert parts(seeker(transit=True), far)["minutes"][0, 0] == pytest.approx(3.0 * 1.3 / 15 * 60, rel=1e-3)


def test_wage_hours_and_requirements():
    p = parts(
        seeker(wage=6000, hours="part", skills="健康证;驾照", education="junior"),
        vacancy(1, wage_min=5000, wage_max=6000, hours="part", requirements="健康证"),  # all fit
        vacancy(2, wage_min=4000, wage_max=5100, hours="flexible", requirements="健康证;厨师证"),  # 15 % short
        vacancy(
            3, wage_max=4000, hours="full", requirements="健康证", education="college"
        ),  # 33 % short, over-educated
    )
    assert p["wage"][0].tolist() == pytest.approx([1.0, 0.5, 0.0], abs=1e-6)
    assert p["hours"][0].tolist() == [1.0, 0.5, 0.0]
    assert p["requirements"][0].tolist() == [1.0, 0.5, 0.5]


def test_top_matches_are_the_best_inside_the_circle_with_their_reasons():
    vs = [
        vacancy(1, 0.2, occupation="6-18-01-01"),
        vacancy(2, 0.5),
        vacancy(3, 0.1),
        vacancy(4, 5.0),  # outside
        vacancy(5, 0.3, occupation="4-03-02-05"),
    ]
    (found,) = matching.top_matches(matching.seekers([seeker()]), matching.vacancies(vs), k=10)
    assert [m.vacancy for m in found] == [3, 2, 5, 1]
    best = found[0].reasons
    assert best["depth"] == 4 and best["mode"] == "walk" and best["minutes"] == pytest.approx(1.6, abs=0.1)
    # the same score as the parts' weighted sum
    weights = matching.shipped_settings().weights
    assert found[0].score == pytest.approx(sum(weights[k] * best[k] for k in matching.PARTS), abs=2e-3)
    near = seeker(id=8, lat=HOME[0] + 0.45 * KM_LAT)  # 50 m from vacancy 2; seeker 7 is 500 m away
    ranked = matching.top_seekers(matching.seekers([seeker(id=7), near]), matching.vacancies([vs[1]]))
    assert [m.seeker for m in ranked] == [8, 7]
    assert matching.top_seekers(matching.seekers([seeker(id=7)]), matching.vacancies([vs[3]])) == []  # outside


def test_subsidies_follow_the_tag_rules():
    today = date(2025, 1, 1)
    frame = pd.DataFrame(
        {
            "birth_date": [date(1980, 1, 1), date(1980, 1, 1), date(2000, 1, 1), date(2000, 1, 1), date(2000, 1, 1)],
            "sex": ["F", "M", "M", "M", "F"],
            "disability_grade": [None, None, 3, None, None],
            "benefits": ["", "", "", "DIBAO", ""],
            "months_looking": [1, 1, 1, 1, 12],
        },
        index=pd.Index([1, 2, 3, 4, 5], name="id"),
    )
    result = evaluate_tags(subsidies.definitions()[0], frame, today=today)
    assert list(result.carriers("就业困难人员")) == [1, 3, 4, 5]  # the man of 45 is not (men from 50)
    assert [s["code"] for s in subsidies.brought(result, 3)] == ["HARD_TO_EMPLOY", "DISABLED_HIRE"]
    assert subsidies.brought(result, 2) == []
    assert subsidies.brought(result, 1)[0]["why"] == ['tag("大龄失业人员")']
