"""应享未享's accuracy against a known ground truth (:mod:`citybrain.plugins.people.truth`): the demo generator's
clean facts say who qualifies and receives nothing; the four departments' sheets, with dirty records planted
(deaths one source missed, people listed in another compound, a name spelt two ways, people listed twice), go
through the real importers into a real daemon, and its hits are compared with the truth.  Goal: recall and
precision >= 98%; the dirty people's hits are flagged with their conflict or left out, never matched silently."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import select

from citybrain.plugins.people import demo
from citybrain.plugins.people.tables import Resident
from citybrain.plugins.people.tests.conftest import send_import
from citybrain.plugins.people.truth import Truth

COMPOUNDS = [("310109009001-XQ01", "大连新村", "大连西路"), ("310109009002-XQ02", "曲阳坊", "曲阳路")]
DIRTY = {"dead_alive": 12, "moved": 10, "twice": 6, "name": 4}


def test_recall_and_precision_on_the_known_truth(district, leader) -> None:
    rng, today, truth = random.Random(22), date.today(), Truth()
    people = demo.people(rng, COMPOUNDS, today)
    sheets = demo.sheets(rng, people, [name for _, name, _ in COMPOUNDS], today, truth, DIRTY)
    for kind, rows in sheets.items():
        assert send_import(leader, f"people.{kind}", f"{kind}.csv", demo._sheet(kind, rows))["imported"] == len(rows)
    hits = leader.query("people.unmet", {"limit": 5000}).result(120)["result"]
    assert len(hits) < 5000
    with district.daemon.database.sessions() as session:
        number = dict(session.execute(select(Resident.id, Resident.id_number)).all())
    found = {(number[h["person"]], h["policy"]) for h in hits if not h["check"]}
    flagged = {number[h["person"]] for h in hits if h["check"]}
    expected = {(n, p) for n, p in truth.hits if n not in truth.dirty}
    recall = len(found & expected) / len(expected)
    precision = len(found & expected) / len(found)
    print(f"\naccuracy: {len(expected)} true hits, {len(found)} found, recall {recall:.4f}, precision {precision:.4f}")
    assert len(expected) > 200
    assert recall >= 0.98 and precision >= 0.98
    assert not {n for n, _ in found} & truth.dirty  # a dirty record is never an actionable hit
    assert flagged <= truth.dirty  # and only dirty records are flagged
    assert flagged  # the dirty ones that qualify for something are listed, flagged
