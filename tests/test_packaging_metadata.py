"""pyproject.toml's packaging metadata stays clean: `pip install -e .` prints no setuptools warnings (issue 20)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
DATA_FOLDERS = {"citybrain.resources": ROOT / "resources", "citybrain.configs": ROOT / "configs"}


def test_every_data_folder_is_a_listed_package() -> None:
    """A folder of data files under configs/ or resources/ missing from `packages` is shipped all the same (through
    package-data) but setuptools warns, at length, that it "would be ignored": list a new folder when you add one."""
    listed = set(PROJECT["tool"]["setuptools"]["packages"])
    folders = {
        f"{package}.{'.'.join(folder.relative_to(root).parts)}"
        for package, root in DATA_FOLDERS.items()
        for folder in root.rglob("*")
        if folder.is_dir() and folder.name != "__pycache__"
    }
    assert folders, "no data folders found: the test looks in the wrong place"
    assert folders <= listed, f"add to [tool.setuptools] packages: {sorted(folders - listed)}"


def test_license_is_an_spdx_expression() -> None:
    """`license = { text = ... }` is deprecated (setuptools prints a warning on every build until 2027, then fails)."""
    assert isinstance(PROJECT["project"]["license"], str)


def test_entry_point_groups_are_the_hosts_constants() -> None:
    """A plugin registers under the group its side's host reads: the names in our and the example plugin's
    pyproject.toml are the two ``GROUP`` constants (core.hookspecs, shell.hookspecs), and each built-in plugin
    is registered on both sides."""
    from citybrain.core import hookspecs as daemon_side
    from citybrain.shell import hookspecs as desk_side

    groups = {daemon_side.GROUP, desk_side.GROUP}
    example = tomllib.loads((ROOT / "docs" / "example-plugin" / "pyproject.toml").read_text(encoding="utf-8"))
    assert set(example["project"]["entry-points"]) == groups
    assert set(PROJECT["project"]["entry-points"]) - {"pytest11"} == groups  # pytest11: our test fixtures
    ours = PROJECT["project"]["entry-points"]
    built_in = {folder.name for folder in (ROOT / "plugins").iterdir() if (folder / "daemon.py").is_file()}
    assert built_in, "no built-in plugins found: the test looks in the wrong place"
    assert set(ours[daemon_side.GROUP]) == set(ours[desk_side.GROUP]) == built_in
