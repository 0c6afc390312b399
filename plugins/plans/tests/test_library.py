"""The plan library: a plan file checked whole (every problem by its path), versions, the Sahana Eden scenario
sheets as templates, and which plans fit an incident."""

from __future__ import annotations

import pytest

from citybrain.core.client import RequestError

PLUGINS = {"plans": "citybrain.plugins.plans.daemon"}
SAHANA = "emergency/sahana-eden"


@pytest.fixture
def client(citybrain_daemon_factory):
    return citybrain_daemon_factory(plugins=PLUGINS).client(login="duty")


def _import(client, kind: str, filename: str, data: bytes) -> dict:
    return client.command("import", {"kind": kind, "filename": filename, "data": data}).result(30)["result"]


def test_a_plan_file_with_problems_is_refused_whole_naming_each_one(client):
    bad = (
        '[plan]\ncode = "x"\nname = ""\ntype = "special"\ncategory = "weather"\n'
        '[[levels]]\nlevel = "V"\n[[levels]]\nlevel = "IV"\n[[levels.actions]]\naction = "Go"\noffset_minutes = -5\n'
    )
    with pytest.raises(RequestError) as refused:
        _import(client, "plans.plan", "bad.toml", bad.encode())
    assert {e["column"] for e in refused.value.details["errors"]} == {
        "plan.name",
        "plan.category",
        "levels[1].level",
        "levels[2].actions[1].offset_minutes",
    }
    with pytest.raises(RequestError, match="not a readable plan file"):
        _import(client, "plans.plan", "broken.toml", b"[plan\n")
    assert {p["code"] for p in client.replica.records("plans.plans")} == {
        "hk-flood-typhoon",
        "hk-gas-accident",
        "hk-epidemic",
    }


def test_importing_a_plan_again_makes_its_next_version(client):
    from citybrain.core.config import bundled

    data = bundled("citybrain.configs", "plans", "hongkou-gas-leak.toml").read_bytes()
    report = _import(client, "plans.plan", "gas.toml", data.replace(b"abridged", b"revised"))
    assert report["notes"] == ["plan hk-gas-accident version 2"]


def test_plans_fit_incidents_by_category_and_type(client):
    def suggested(category: str, type_: str, level: str = "IV") -> list[tuple[str, str]]:
        found = client.query("plans.suggest", {"category": category, "type": type_, "level": level}).result(10)
        return [(p["plan"], p["level"]) for p in found["result"]]

    assert suggested("natural", "暴雨积水", "III") == [("hk-flood-typhoon", "III")]
    assert suggested("natural", "Tropical Cyclone Warning") == [("hk-flood-typhoon", "IV")]
    assert suggested("accident", "燃气泄漏", "I") == [("hk-gas-accident", "I")]
    assert suggested("health", "传染病疫情") == [("hk-epidemic", "IV")]
    assert suggested("health", "Infectious disease outbreak", "II") == [("hk-epidemic", "II")]
    assert suggested("accident", "暴雨积水") == [] and suggested("natural", "传染病疫情") == []


def test_the_sahana_eden_scenario_sheets_import_as_templates_never_suggested(client, citybrain_shared_data):
    folder = citybrain_shared_data / SAHANA
    for name in (
        "SAFIRE_BT_Demo_scenario.csv",
        "SAFIRE_BT_Demo_scenario_task.csv",
        "SAFIRE_BT_Demo_scenario_asset.csv",
        "SAFIRE_BT_Demo_scenario_human_resource.csv",
    ):
        report = _import(client, "plans.template", name, (folder / name).read_bytes())
        assert report["imported"] == report["rows"] > 0, name

    def animal() -> dict:
        return next(
            (p for p in client.replica.records("plans.plans") if p["code"] == "sahana-animal-disease-control"),
            {"roles": []},
        )

    client.wait_for(lambda s: animal()["roles"])  # the last sheet's changes have arrived
    animal = animal()
    assert animal["type"] == "template" and animal["event_types"] == ["Animal Die Off"]
    level = animal["levels"]["IV"]
    assert {
        "action": "Alert the farmers of escalating situation in the respective areas",
        "unit": "",
        "offset_minutes": 60,
    } in level["actions"]
    assert {"item": "Gloves", "quantity": 10, "unit": "pieces"} in level["resources"]
    assert any(r["role"].startswith("Chief Veterinary Officer") for r in animal["roles"])
    found = client.query("plans.suggest", {"category": "health", "type": "Animal Die Off", "level": "IV"}).result(10)
    assert found["result"] == []
    with pytest.raises(RequestError) as refused:
        _import(client, "plans.template", "x.csv", b"Name,Comments\nA,B\n")
    assert "not a Sahana Eden scenario sheet" in refused.value.details["errors"][0]["message"]
