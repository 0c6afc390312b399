"""The plugin hosts' entry points, read from the distributions' files: importlib.metadata's answer, without it."""

from __future__ import annotations

import importlib.metadata
import zipfile

import pytest

from citybrain.core.entry_points import entry_points

GROUP = "citybrain.test_group"


def theirs(group: str) -> list[tuple[str, str, str | None]]:
    return [
        (ep.name, ep.value, ep.dist.version if ep.dist else None) for ep in importlib.metadata.entry_points(group=group)
    ]


def ours(group: str) -> list[tuple[str, str, str | None]]:
    return [(ep.name, ep.value, ep.dist.version if ep.dist else None) for ep in entry_points(group)]


def distribution(folder, name: str, version: str, entries: str) -> None:
    info = folder / f"{name}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\nVersion: not this\n")
    (info / "entry_points.txt").write_text(entries)


@pytest.mark.parametrize("group", ["citybrain.desk", "citybrain.daemon", "console_scripts", "pytest11"])
def test_the_installed_entry_points_are_importlib_metadata_s(group):
    assert ours(group) == theirs(group)
    if group.startswith("citybrain."):
        assert {name for name, _, _ in ours(group)} >= {"system", "duty", "cases"}


def test_folders_on_the_path_are_read_in_order_and_the_first_distribution_of_a_name_wins(tmp_path, monkeypatch):
    entries = f"""# a comment
[console_scripts]
tool = tool.cli:main

[{GROUP}]
first = first_plugin.desk
 spaced =  spaced_plugin.desk : Plugin.make [extra]
# another comment
"""
    distribution(tmp_path / "a", "Sample_Plugin", "1.0", entries)
    distribution(tmp_path / "a", "other.plugin", "2.0", f"[{GROUP}]\nother = other_plugin\n")
    distribution(tmp_path / "b", "sample.Plugin", "9.9", f"[{GROUP}]\nshadowed = never.loaded\n")
    monkeypatch.syspath_prepend(str(tmp_path / "b"))
    monkeypatch.syspath_prepend(str(tmp_path / "a"))  # before b: its Sample_Plugin is the one found
    found = ours(GROUP)
    assert found == theirs(GROUP)
    assert sorted(found) == [
        ("first", "first_plugin.desk", "1.0"),
        ("other", "other_plugin", "2.0"),
        ("spaced", "spaced_plugin.desk : Plugin.make [extra]", "1.0"),
    ]


def test_a_wheel_on_the_path_is_read_by_importlib_metadata(tmp_path, monkeypatch):
    wheel = tmp_path / "wheeled-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("wheeled-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: wheeled\nVersion: 1.0\n")
        archive.writestr("wheeled-1.0.dist-info/entry_points.txt", f"[{GROUP}]\nwheeled = wheeled.desk\n")
    monkeypatch.syspath_prepend(str(wheel))
    assert ours(GROUP) == theirs(GROUP) == [("wheeled", "wheeled.desk", "1.0")]


def test_an_entry_point_loads_its_module_or_the_object_it_names(tmp_path, monkeypatch):
    (tmp_path / "loaded_plugin.py").write_text("class Plugin:\n    class Inner:\n        pass\n")
    entries = f"[{GROUP}]\nmodule = loaded_plugin\nnested = loaded_plugin:Plugin.Inner [extra]\n"
    distribution(tmp_path, "loaded", "0.1", entries)
    monkeypatch.syspath_prepend(str(tmp_path))
    loaded = {ep.name: ep.load() for ep in entry_points(GROUP)}
    assert loaded["module"].__name__ == "loaded_plugin"
    assert loaded["nested"] is loaded["module"].Plugin.Inner
