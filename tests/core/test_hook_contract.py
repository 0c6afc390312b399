"""The hookspecs are the one contract (issue 20): docs/plugins.md names every hook with its arguments (as
datasette's ``test_plugin_hooks_are_documented`` does), each hookspec says what it does, and what pluggy offers
beyond ``PluginHost.call``'s loop is refused when a plugin registers, not silently lost."""

from __future__ import annotations

import inspect
import re
import types
from pathlib import Path

import pluggy
import pytest

from citybrain.core import hookspecs as daemon_specs
from citybrain.core.plugins import PluginHost, PluginStatus
from citybrain.shell import hookspecs as desk_specs

PLUGINS_MD = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"
SIDES = [daemon_specs, desk_specs]


def _hooks(module: types.ModuleType) -> dict[str, inspect.Signature]:
    return {name: inspect.signature(getattr(module, name)) for name in dir(module) if name.startswith("citybrain_")}


@pytest.mark.parametrize("side", SIDES, ids=["daemon", "desk"])
def test_docs_name_every_hook_with_its_arguments(side: types.ModuleType) -> None:
    documented = set(re.findall(r"`(citybrain_\w+\([^)]*\))`", PLUGINS_MD.read_text(encoding="utf-8")))
    missing = [
        f"{name}({', '.join(sig.parameters)})"
        for name, sig in _hooks(side).items()
        if f"{name}({', '.join(sig.parameters)})" not in documented
    ]
    assert not missing, f"docs/plugins.md does not name: {missing}"


def test_the_hook_tables_name_no_hook_that_is_not_there() -> None:
    named = set(re.findall(r"^\| `(citybrain_\w+)\(", PLUGINS_MD.read_text(encoding="utf-8"), re.MULTILINE))
    assert named == set(_hooks(daemon_specs)) | set(_hooks(desk_specs))


@pytest.mark.parametrize("side", SIDES, ids=["daemon", "desk"])
def test_every_hookspec_is_typed_and_says_what_it_does(side: types.ModuleType) -> None:
    for name, sig in _hooks(side).items():
        assert (getattr(side, name).__doc__ or "").strip(), f"{name} has no docstring"
        assert sig.return_annotation is not inspect.Signature.empty, f"{name} has no return type"
        assert all(p.annotation is not inspect.Parameter.empty for p in sig.parameters.values()), name


def _host() -> PluginHost:
    return PluginHost("daemon", daemon_specs.PROJECT, daemon_specs, daemon_specs.GROUP)


def _plugin(name: str, source: str) -> types.ModuleType:
    module = types.ModuleType(name)
    exec(source, {"hookimpl": pluggy.HookimplMarker(daemon_specs.PROJECT)}, module.__dict__)
    return module


@pytest.mark.parametrize("mark", ["hookwrapper=True", "wrapper=True"])
def test_a_hook_wrapper_is_refused_when_its_plugin_registers(mark: str) -> None:
    host = _host()
    wrapper = _plugin("wrapping", f"@hookimpl({mark})\ndef citybrain_collections():\n    return (yield)\n")
    state = host.register("wrapping", wrapper)
    assert state.state == PluginStatus.FAILED and state.where == "register"
    assert "hook wrappers are not supported (citybrain_collections)" in (state.error or "")
    assert not host.pm.has_plugin("wrapping") and host.call("citybrain_collections") == []


def test_a_hook_under_another_name_is_refused_not_lost() -> None:
    """Hooks are found by their ``citybrain_`` names alone: pluggy's ``specname`` would never be called here."""
    host = _host()
    renamed = _plugin("renamed", '@hookimpl(specname="citybrain_collections")\ndef mine():\n    return []\n')
    state = host.register("renamed", renamed)
    assert state.state == PluginStatus.FAILED and state.where == "register"
    assert "not by specname: mine" in (state.error or "")


def test_plugins_are_called_in_pluggys_order_and_every_result_kept() -> None:
    host = _host()
    for name, mark in [("first", "(tryfirst=True)"), ("a", ""), ("last", "(trylast=True)"), ("b", "")]:
        host.register(name, _plugin(name, f"@hookimpl{mark}\ndef citybrain_collections():\n    return {name!r}\n"))
    host.register("none", _plugin("none", "@hookimpl\ndef citybrain_start(ctx):\n    return None\n"))
    assert [plugin for plugin, _ in host.call("citybrain_collections")] == ["first", "b", "a", "last"]
    assert host.call("citybrain_start", ctx=None) == [("none", None)]


def test_a_firstresult_or_historic_hookspec_is_refused() -> None:
    specs = types.ModuleType("specs")
    marker = pluggy.HookspecMarker(daemon_specs.PROJECT)
    specs.__dict__["citybrain_one"] = marker(firstresult=True)(lambda: None)
    with pytest.raises(ValueError, match="citybrain_one: firstresult and historic hooks are not supported"):
        PluginHost("daemon", daemon_specs.PROJECT, specs, daemon_specs.GROUP)
