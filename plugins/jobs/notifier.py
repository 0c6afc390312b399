"""Sending pushes: a pluggable notifier.  ``[plugins.jobs] notifier = "package.module:factory"`` names a callable
taking the plugin's config and returning an object with a ``channel`` word and ``send(messages)``; the default
writes each message as a JSON line to an outbox file (``[plugins.jobs] outbox``, a folder), from which an SMS or app
gateway can pick them up.  A message holds the seeker's phone: the outbox is the daemon's, like its database."""

from __future__ import annotations

import importlib
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

DEFAULT_OUTBOX = "outbox"


class Notifier(Protocol):
    channel: str  # recorded on each push it sent: outbox, sms, app…

    def send(self, messages: Sequence[dict]) -> None:
        """Send every message or raise (then none is marked sent and all are tried again)."""


class Outbox:
    """Appends messages to ``FOLDER/pushes-YYYY-MM-DD.jsonl`` (UTC day), one JSON object a line."""

    channel = "outbox"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, messages: Sequence[dict]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"pushes-{datetime.now(UTC):%Y-%m-%d}.jsonl"
        with path.open("a", encoding="utf-8") as out:
            out.writelines(json.dumps(m, ensure_ascii=False) + "\n" for m in messages)


def configured(config: Mapping[str, Any], folder: Path) -> Notifier:
    """The notifier ``config`` names, or the outbox: ``outbox`` if configured (a relative path is the plugin's
    ``folder``'s, never the daemon's working directory), else ``folder``/outbox."""
    name = config.get("notifier")
    if not name:
        return Outbox(folder / str(config.get("outbox", DEFAULT_OUTBOX)))
    module, _, attribute = str(name).partition(":")
    factory = getattr(importlib.import_module(module), attribute)
    return factory(config)
