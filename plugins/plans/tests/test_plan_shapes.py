"""Plan files of the wrong shape, as a mistaken author writes them: each is refused as an import (``import_refused``)
naming every problem by its path, never ``failed``, and nothing is stored that could overflow or be refused by the
database when the plan is activated later."""

from __future__ import annotations

import json

import pytest

from citybrain.core.client import RequestError
from citybrain.plugins.plans.tests.test_library import _import, client  # noqa: F401 - the fixture

HEAD = '[plan]\ncode = "hk-test"\nname = "Test"\ntype = "special"\ncategory = "natural"\n'


def _refused(client, filename: str, data: bytes) -> set[str]:  # noqa: F811 - the fixture
    with pytest.raises(RequestError) as refused:
        _import(client, "plans.plan", filename, data)
    assert refused.value.code == "import_refused", refused.value
    return {e["column"] for e in refused.value.details["errors"]}


def test_wrong_types_are_refused_by_path(client):  # noqa: F811 - the fixture
    assert "plan" in _refused(client, "list.json", json.dumps([{"plan": {}}]).encode())
    assert _refused(client, "five.toml", ("levels = 5\n" + HEAD).encode()) == {"levels"}
    assert _refused(client, "mixed.toml", ('levels = [1, "IV"]\n' + HEAD).encode()) == {"levels[1]", "levels[2]"}
    huge = HEAD + '[[levels]]\nlevel = "IV"\n[[levels.actions]]\naction = "Go"\noffset_minutes = 1000000000000000000\n'
    assert _refused(client, "huge.toml", huge.encode()) == {"levels[1].actions[1].offset_minutes"}
    shapes = (
        HEAD + 'roles = "everyone"\n[[levels]]\nlevel = "IV"\nactions = "go"\nresources = [3]\n'
        '[[levels]]\nlevel = "III"\n[[levels.actions]]\naction = "' + "x" * 301 + '"\nunit = 7\n'
        '[[levels.resources]]\nitem = "sandbags"\nquantity = true\n'
    )
    assert _refused(client, "shapes.toml", shapes.encode()) == {
        "plan.roles",
        "levels[1].actions",
        "levels[1].resources[1]",
        "levels[2].actions[1].action",
        "levels[2].actions[1].unit",
        "levels[2].resources[1].quantity",
    }
    assert "hk-test" not in {p["code"] for p in client.replica.records("plans.plans")}
    good = HEAD + '[[levels]]\nlevel = "IV"\n[[levels.actions]]\naction = "Go"\noffset_minutes = 30\n'
    assert _import(client, "plans.plan", "good.toml", good.encode())["imported"] == 1  # the importer is still there
