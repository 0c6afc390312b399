"""Which figures a desk reads: a placed KPI's under the desk's unit, the others and a district desk's the district's;
and a unit's share of a case-study figure is the demo's, not the case study's."""

from __future__ import annotations

from collections.abc import Hashable

import pytest

from citybrain.plugins.metrics.figures import desk_unit, figures, provenance

UNITS: list[dict] = [
    {"code": "D", "kind": "district", "parent": None},
    {"code": "S1", "kind": "subdistrict", "parent": "D"},
]
CATALOGUE: list[dict] = [{"id": "hotline.volume", "place": "subdistrict"}, {"id": "governance.rank", "place": None}]
PROVENANCE = [
    {"metric": "*", "dimension": "", "group": "", "source": "demo"},
    {"metric": "hotline.volume", "dimension": "hotline_year", "group": "2023", "source": "seed"},
    {"metric": "hotline.volume", "dimension": "subdistrict", "group": "S1", "source": "seed"},
    {"metric": "governance.rank", "dimension": "month", "group": "2023-07", "source": "seed"},
]


class Desk:
    """The records a desk holds, and its operator's unit."""

    def __init__(self, unit: str | None) -> None:
        self.operator = {"username": "u", "unit": unit}
        self.collections: dict[str, dict[Hashable, dict]] = {
            "org.units": {u["code"]: u for u in UNITS},
            "metrics.catalogue": {k["id"]: k for k in CATALOGUE},
            "metrics.provenance": dict(enumerate(PROVENANCE)),
            "metrics.values": {k: {"id": k} for k in ("hotline.volume/all", "governance.rank/all")},
            "metrics.unit_values": {"hotline.volume/all@S1": {"id": "hotline.volume/all@S1"}},
        }

    def records(self, collection: str) -> list[dict]:
        return list(self.collections.get(collection, {}).values())

    def record(self, collection: str, key: Hashable) -> dict | None:
        return self.collections.get(collection, {}).get(key)


def test_a_unit_desk_reads_a_placed_kpi_under_its_unit_and_the_others_at_the_district():
    read = figures(Desk("S1"))
    assert read("hotline.volume/all") == {"id": "hotline.volume/all@S1"}
    assert read("governance.rank/all") == {"id": "governance.rank/all"}


@pytest.mark.parametrize("unit", [None, "D"])
def test_a_district_desk_reads_the_district_s_figures(unit):
    assert desk_unit(Desk(unit)) is None
    assert figures(Desk(unit))("hotline.volume/all") == {"id": "hotline.volume/all"}


def test_a_unit_s_share_of_a_case_study_figure_is_demo_data():
    district, unit = provenance(Desk(None)), provenance(Desk("S1"))
    assert not district.made_up("hotline.volume", "hotline_year", 2023)  # the case study's, district-wide
    assert unit.made_up("hotline.volume", "hotline_year", 2023)  # S1's share of it: spread by the demo
    assert not unit.made_up("hotline.volume", "subdistrict", "S1")  # a figure for the unit itself stays its own
    assert not unit.made_up("governance.rank", "month", "2023-07")  # not placed: the district's, as shown
    assert unit.made_up("governance.rank", "month", "2024-07")
