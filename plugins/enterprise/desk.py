"""Enterprise plugin, desk half: the views it contributes (each in its own module, imported when first opened) and
the demands it rings for."""

from __future__ import annotations

from collections.abc import Iterable

from citybrain.plugins.enterprise import DEMANDS, ENTERPRISES, PLANS, WARNINGS
from citybrain.shell.api import CodeNames, DeskContext, OpenItemWords, ViewSpec, hookimpl, tr

HERE = "citybrain.plugins.enterprise"


class OverdueDemands:
    """A demand going overdue rings once on every desk, whatever views are open."""

    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx
        self.known = self._overdue()  # overdue when the desk started: not rung again
        ctx.on_change(DEMANDS, self.changed)

    def _overdue(self) -> dict[int, dict]:
        return {d["id"]: d for d in self.ctx.records(DEMANDS) if d["overdue"]}

    def changed(self) -> None:
        now = self._overdue()
        for key in now.keys() - self.known.keys():
            demand = now[key]
            self.ctx.notify(
                tr("Enterprise", "Enterprise demand overdue"),
                f"{demand['name']}: {demand['title']}",
                "warning",
                "high",
                counted=tr("Enterprise", "{n} enterprise demands overdue"),
            )
        self.known = now


@hookimpl
def citybrain_watch(ctx: DeskContext) -> None:
    OverdueDemands(ctx)  # the feed holds its callbacks, and so keeps it


COMMANDS = CodeNames(
    "Enterprise",
    {
        "enterprise.warning.dismiss": "Dismiss an enterprise warning",
        "enterprise.scan": "Score the enterprises now",
        "enterprise.plan": "Plan an enterprise visit",
        "enterprise.visit": "Record an enterprise visit",
        "enterprise.demand.raise": "Receive an enterprise's demand",
        "enterprise.demand.act": "Move a demand along",
        "enterprise.export": "Export the enterprise registry",
    },
)


@hookimpl
def citybrain_command_names() -> CodeNames:
    return COMMANDS


FIELD_NAMES = CodeNames(
    "Enterprise",
    {
        "action": "Action",
        "answer": "Answer",
        "category": "Category",
        "demand": "Demand",
        "department": "Department",
        "description": "Description",
        "enterprise": "Enterprise",
        "findings": "Findings",
        "note": "Note",
        "plan": "Visit plan",
        "planned_for": "Planned for",
        "purpose": "Purpose",
        "rating": "Rating",
        "reason": "Reason",
        "satisfied": "Satisfied",
        "title": "Title",
        "visit": "Visit",
        "visited_on": "Visited on",
        "visitors": "Visitors",
        "warning": "Warning",
    },
)


@hookimpl
def citybrain_field_names() -> CodeNames:
    return FIELD_NAMES


@hookimpl
def citybrain_title() -> str:
    return tr("Enterprise", "Enterprise services")


@hookimpl
def citybrain_views() -> Iterable[ViewSpec]:
    return [
        ViewSpec(
            "enterprise.enterprises",
            tr("Enterprise", "Enterprises"),
            f"{HERE}.enterprises_view:EnterprisesView",
            collections=(ENTERPRISES, WARNINGS),
            multiple=True,
        ),
        ViewSpec(
            "enterprise.warnings",
            tr("Enterprise", "Enterprise early warnings"),
            f"{HERE}.warnings_view:WarningsView",
            collections=(WARNINGS,),
        ),
        ViewSpec(
            "enterprise.demands",
            tr("Enterprise", "Enterprise demands"),
            f"{HERE}.demands_view:DemandBoard",
            collections=(DEMANDS,),
        ),
        ViewSpec(
            "enterprise.plans",
            tr("Enterprise", "Enterprise visit plans"),
            f"{HERE}.plans_view:PlansView",
            collections=(PLANS,),
        ),
        ViewSpec(
            "enterprise.wall",
            tr("Enterprise", "Enterprise services (big screen)"),
            f"{HERE}.wall_view:EnterpriseWall",
            placement="wall",
            collections=(WARNINGS, DEMANDS),
        ),
    ]


@hookimpl
def citybrain_open_item_words() -> dict[str, OpenItemWords]:
    from citybrain.plugins.enterprise.handover_words import open_item_words  # when a handover is first worded

    return open_item_words()
