"""The assets plugin's handover items (what is not ready) in the desk's language (hook
``citybrain_open_item_words``), from the facts the daemon stored."""

from __future__ import annotations

from citybrain.core.times import local_time
from citybrain.shell.api import DeskContext, OpenItemWords, tr


def _readiness(ctx: DeskContext, f: dict) -> tuple[str, str]:
    from citybrain.plugins.assets.registry_view import alert_names  # the registry's words, when a handover shows

    if "stock" in f:
        return f"{f['stock']} @ {f['warehouse']}", tr(
            "Assets", "{alerts}: {available} {unit} available, minimum {minimum}"
        ).format(alerts=alert_names(f["alerts"]), available=f["available"], unit=f["unit"], minimum=f["minimum"])
    if "out_of_service" in f:
        detail = tr("Assets", "out of service since {time}").format(time=local_time(f["since"]))
        return f["out_of_service"], f"{detail}: {f['assignment']}" if f["assignment"] else detail
    return f["full"], tr("Assets", "full: {occupancy} / {capacity}").format(
        occupancy=f["occupancy"], capacity=f["capacity"]
    )


def open_item_words() -> dict[str, OpenItemWords]:
    return {"readiness": OpenItemWords(tr("Assets", "not ready"), _readiness)}
