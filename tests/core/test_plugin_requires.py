"""``citybrain_requires``: a plugin that cannot work without another is switched off when that one is not loaded
(saying which), and its hooks are called after the other's (its demo data seeded after theirs)."""

from __future__ import annotations

from types import SimpleNamespace

from citybrain.core.api import hookimpl
from citybrain.core.daemon.server import daemon_plugin_host
from citybrain.core.plugins import PluginStatus


def _plugin(name: str, seeded: list[str], requires: tuple[str, ...] = ()) -> SimpleNamespace:
    @hookimpl
    def citybrain_demo_data(tx, rng) -> None:  # noqa: ANN001
        seeded.append(name)

    hooks: dict[str, object] = {"citybrain_demo_data": citybrain_demo_data}
    if requires:
        hooks["citybrain_requires"] = hookimpl(lambda: requires)
    return SimpleNamespace(__name__=name, **hooks)


def test_a_plugin_is_called_after_the_plugins_it_requires():
    seeded: list[str] = []
    host = daemon_plugin_host()
    host.register("omega", _plugin("omega", seeded))
    host.register("beta", _plugin("beta", seeded))
    host.register("alpha", _plugin("alpha", seeded, requires=("omega", "beta")))  # alone, it would be called first
    host.call("citybrain_demo_data", tx=None, rng=None)
    assert seeded.index("alpha") > seeded.index("omega") and seeded.index("alpha") > seeded.index("beta")
    assert host.loaded("alpha")


def test_without_a_required_plugin_it_is_switched_off_and_says_which():
    seeded: list[str] = []
    host = daemon_plugin_host()
    host.register("alpha", _plugin("alpha", seeded, requires=("omega",)))
    host.register("gamma", _plugin("gamma", seeded, requires=("alpha",)))  # requires one that is switched off
    host.register("beta", _plugin("beta", seeded))
    host.call("citybrain_demo_data", tx=None, rng=None)
    assert seeded == ["beta"]
    alpha, gamma = host.states["alpha"], host.states["gamma"]
    assert alpha.state == PluginStatus.FAILED and alpha.where == "requires" and "omega" in (alpha.error or "")
    assert gamma.state == PluginStatus.FAILED and "alpha" in (gamma.error or "")


def test_the_jobs_plugin_declares_the_people_base_and_the_registry():
    host = daemon_plugin_host()
    host.discover(only=["jobs", "enterprise"])  # the people base left out
    host.settle()
    assert host.states["jobs"].state == PluginStatus.FAILED and "people" in (host.states["jobs"].error or "")
    host = daemon_plugin_host()
    host.discover(only=["jobs", "enterprise", "people"])
    host.settle()
    assert host.loaded("jobs") and host.requires["jobs"] == ("people", "enterprise")
