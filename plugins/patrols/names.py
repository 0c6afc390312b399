"""The patrol codes in the desk's language (team types, patrol and problem states, a plan's weekdays); team members."""

from __future__ import annotations

from citybrain.shell.api import CodeNames, tr

team_type_name = CodeNames(
    "Patrols", {"inspection": "Inspection", "enforcement": "Enforcement", "supervision": "Supervision"}
)
patrol_state_name = CodeNames("Patrols", {"active": "out now", "finished": "finished"})
problem_state_name = CodeNames("Patrols", {"open": "open", "handled": "handled", "unhandled": "closed unhandled"})


def days_text(days: list[int]) -> str:
    """A plan's weekdays: "Mon–Fri", or the days one by one."""
    names = [
        tr("Patrols", "Mon"),
        tr("Patrols", "Tue"),
        tr("Patrols", "Wed"),
        tr("Patrols", "Thu"),
        tr("Patrols", "Fri"),
        tr("Patrols", "Sat"),
        tr("Patrols", "Sun"),
    ]
    days = sorted(d for d in days if 1 <= d <= 7)
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        return f"{names[days[0] - 1]}–{names[days[-1] - 1]}"
    return " ".join(names[d - 1] for d in days)


def schedule_text(plan: dict) -> str:
    return tr("Patrols", "{days} {start}, {minutes} min").format(
        days=days_text(plan["days"]), start=plan["start"], minutes=plan["minutes"]
    )


def members_text(people: list[dict] | None) -> str:
    """A team's size and its first three names ("12 · 马军、周敏、李强…"): the whole list, cut in its middle by the
    column, read '马军、…、周…'."""
    if not people:
        return "—"
    names = "、".join(p["name"] for p in people[:3])
    return f"{len(people)} · {names}{'…' if len(people) > 3 else ''}"
