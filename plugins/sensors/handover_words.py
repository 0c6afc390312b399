"""The sensors plugin's handover items in the desk's language (hook ``citybrain_open_item_words``): district alarms
not acknowledged, shelved district alarms, devices out of service, from the facts the daemon stored
(plugins/sensors/open_items.py)."""

from __future__ import annotations

from citybrain.core.times import local_time
from citybrain.plugins.sensors.names import condition_name, state_name, type_name
from citybrain.shell.api import DeskContext, OpenItemWords, tr
from citybrain.widgets.palette import level_name


def _alarm(ctx: DeskContext, f: dict) -> tuple[str, str]:
    if "more" in f:
        return tr("Sensors", "{n} more district alarms not acknowledged").format(n=f["more"]), ""
    parts = [
        level_name(f["priority"]),
        state_name(f["state"]),
        f["device"],
        tr("Sensors", "since {time}").format(time=local_time(f["since"])),
    ]
    if f["count"] > 1:
        parts.append(tr("Sensors", "{n} times").format(n=f["count"]))
    return f"{condition_name(f['condition'])} · {f['compound']}", " · ".join(parts)


def _shelved(ctx: DeskContext, f: dict) -> tuple[str, str]:
    if "more" in f:
        return tr("Sensors", "{n} more shelved district alarms").format(n=f["more"]), ""
    parts = [
        level_name(f["priority"]),
        f["device"],
        tr("Sensors", "shelved until {time}").format(time=local_time(f["until"])),
    ]
    return f"{condition_name(f['condition'])} · {f['compound']}", " · ".join(
        parts + ([f["reason"]] if f["reason"] else [])
    )


def _device(ctx: DeskContext, f: dict) -> tuple[str, str]:
    if "more" in f:
        return tr("Sensors", "{n} more devices out of service").format(n=f["more"]), ""
    return (
        f"{type_name(f['type'])} {f['device']}",
        " · ".join((state_name("out_of_service"), f"{f['compound']} {f['building']} {f['floor']}")),
    )


def open_item_words() -> dict[str, OpenItemWords]:
    return {
        "alarm": OpenItemWords(tr("Sensors", "alarm not acknowledged"), _alarm),
        "shelved": OpenItemWords(tr("Sensors", "shelved alarm"), _shelved),
        "device": OpenItemWords(tr("Sensors", "device out of service"), _device),
    }
