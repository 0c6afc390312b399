"""``citybrain_configure(config)``: a plugin reads its ``[plugins.NAME]`` section first, before the demo seed and
its collections' loading, so both see the configuration in force; a section that cannot be used switches only that
plugin off, with the reason."""

from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any

import pytest

from citybrain.core.api import CollectionSpec, DistrictWide, hookimpl
from citybrain.core.plugins import PluginStatus


def _plugin(seen: list[tuple[str, object]]) -> SimpleNamespace:
    in_force: dict[str, Any] = {}

    @hookimpl
    def citybrain_configure(config: Mapping[str, Any]) -> None:
        if config.get("colour") == "red":
            raise ValueError("colour: red is not a colour a district may choose")
        in_force.clear()
        in_force.update(config)
        seen.append(("configure", dict(config)))

    @hookimpl
    def citybrain_demo_data(tx, rng) -> None:  # noqa: ANN001
        seen.append(("seed", in_force.get("colour")))

    @hookimpl
    def citybrain_collections() -> list[CollectionSpec]:
        load = lambda s: [{"id": 1, "colour": in_force.get("colour")}]  # noqa: E731
        return [CollectionSpec("tinted.things", key="id", load=load, place=DistrictWide("test"))]

    hooks = {"citybrain_configure": citybrain_configure, "citybrain_demo_data": citybrain_demo_data}
    return SimpleNamespace(__name__="tinted", citybrain_collections=citybrain_collections, **hooks)


def test_the_section_is_read_before_the_demo_seed_and_the_collections(citybrain_daemon_factory) -> None:
    seen: list[tuple[str, object]] = []
    daemon = citybrain_daemon_factory(plugins={"tinted": _plugin(seen)}, plugin_config={"tinted": {"colour": "grey"}})
    assert seen == [("configure", {"colour": "grey"}), ("seed", "grey")]
    client = daemon.client()
    client.wait_for(lambda _: client.replica.get("tinted.things", 1) is not None, timeout=30)
    assert client.replica.get("tinted.things", 1) == {"id": 1, "colour": "grey"}


@pytest.mark.parametrize("section", [None, {"colour": "red"}])
def test_a_plugin_without_a_section_gets_an_empty_one_and_a_bad_one_is_switched_off(
    citybrain_daemon_factory, section: dict | None
) -> None:
    seen: list[tuple[str, object]] = []
    daemon = citybrain_daemon_factory(
        plugins={"tinted": _plugin(seen)}, demo=False, plugin_config={"tinted": section} if section else None
    )
    state = daemon.daemon.host.states["tinted"]
    if section is None:
        assert seen == [("configure", {})] and state.state == PluginStatus.LOADED
    else:
        assert seen == [] and state.state == PluginStatus.FAILED and "red is not a colour" in (state.error or "")
