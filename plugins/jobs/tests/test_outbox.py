"""Where the default notifier (the outbox) writes: the plugin's own folder in the daemon's data folder, never the
working directory (the messages hold seekers' phones)."""

from __future__ import annotations

from pathlib import Path

import pytest

from citybrain.plugins.jobs.notifier import Outbox, configured


def test_the_outbox_is_in_the_plugin_s_folder_by_default(tmp_path: Path) -> None:
    notifier = configured({}, tmp_path / "plugins" / "jobs")
    assert isinstance(notifier, Outbox) and notifier.folder == tmp_path / "plugins" / "jobs" / "outbox"


@pytest.mark.parametrize("given", ["sent", "gateway/sms"])
def test_a_relative_outbox_is_the_plugin_s_folder_s(tmp_path: Path, given: str) -> None:
    notifier = configured({"outbox": given}, tmp_path)
    assert isinstance(notifier, Outbox) and notifier.folder == tmp_path / given


def test_an_absolute_outbox_is_kept(tmp_path: Path) -> None:
    notifier = configured({"outbox": str(tmp_path / "elsewhere")}, tmp_path / "plugins" / "jobs")
    assert isinstance(notifier, Outbox) and notifier.folder == tmp_path / "elsewhere"


def test_written_messages_land_in_the_outbox(tmp_path: Path) -> None:
    notifier = configured({}, tmp_path)
    notifier.send([{"push": 1, "phone": "13800000000"}])
    (written,) = (tmp_path / "outbox").glob("pushes-*.jsonl")
    assert "13800000000" in written.read_text(encoding="utf-8")
