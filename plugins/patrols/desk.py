"""Patrols plugin, desk half: the patrols view (plans, today's patrols, problems found), the team members with
their operator accounts, and the month's patrol map, each imported when first opened; the names of its commands
for the audit log."""

from __future__ import annotations

from collections.abc import Iterable

from citybrain.shell.api import CodeNames, ViewSpec, hookimpl, tr

HERE = "citybrain.plugins.patrols"

COMMANDS = CodeNames(
    "Patrols",
    {
        "patrols.start": "Start a patrol",
        "patrols.track": "Record a patrol's path point",
        "patrols.finish": "Finish a patrol",
        "patrols.problem": "Record a problem found on patrol",
        "patrols.recheck": "Re-check a handled case",
        "patrols.link": "Link a team member to an operator account",
        "patrols.unlink": "Unlink a team member from their operator account",
    },
)


@hookimpl
def citybrain_command_names() -> CodeNames:
    return COMMANDS


FIELD_NAMES = CodeNames(
    "Patrols",
    {
        "area": "Area",
        "case": "Case",
        "checks": "Checks",
        "description": "Description",
        "lat": "Latitude",
        "lon": "Longitude",
        "member": "Member",
        "operator": "Operator account",
        "passed": "Passed",
        "patrol": "Patrol",
        "photo": "Photo",
        "plan": "Patrol plan",
        "priority": "Priority",
        "reason": "Reason",
        "team": "Team",
        "title": "Problem",
        "type": "Type",
    },
)


@hookimpl
def citybrain_field_names() -> CodeNames:
    return FIELD_NAMES


@hookimpl
def citybrain_title() -> str:
    return tr("Patrols", "Patrols")


@hookimpl
def citybrain_views() -> Iterable[ViewSpec]:
    return [
        ViewSpec(
            "patrols.desk",
            tr("Patrols", "Patrols"),
            f"{HERE}.patrols_view:PatrolsView",
            collections=("patrols.teams", "patrols.plans", "patrols.patrols", "patrols.problems"),
        ),
        ViewSpec(
            "patrols.members",
            tr("Patrols", "Team members"),
            f"{HERE}.members_view:MembersView",
            collections=("patrols.teams",),
        ),
        ViewSpec(
            "patrols.map",
            tr("Patrols", "Patrol map"),
            f"{HERE}.patrol_map:PatrolMapView",
            collections=("patrols.problems", "org.units"),
        ),
    ]
