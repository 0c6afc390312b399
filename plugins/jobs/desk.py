"""Jobs plugin, desk half: the matching view (a seeker's best vacancies, a vacancy's best seekers, the pushes and
what came of them), the circles on the map, and the wall's seekers and openings by subdistrict, each in its own
module, imported when opened."""

from __future__ import annotations

from collections.abc import Iterable

from citybrain.plugins.jobs import SEARCHES, VACANCIES
from citybrain.plugins.jobs.words import COMMANDS, FIELDS, NOTES
from citybrain.shell.api import CodeNames, ViewSpec, hookimpl, tr

HERE = "citybrain.plugins.jobs"


@hookimpl
def citybrain_command_names() -> CodeNames:
    return COMMANDS


@hookimpl
def citybrain_field_names() -> CodeNames:
    return FIELDS


@hookimpl
def citybrain_audit_notes() -> CodeNames:
    return NOTES


@hookimpl
def citybrain_title() -> str:
    return tr("Jobs", "Job matching")


@hookimpl
def citybrain_views() -> Iterable[ViewSpec]:
    return [
        ViewSpec(
            "jobs.matching",
            tr("Jobs", "Job matching"),
            f"{HERE}.matching_view:MatchingView",
            collections=(VACANCIES, SEARCHES),
        ),
        ViewSpec(
            "jobs.circle",
            tr("Jobs", "Employment circles (map)"),
            f"{HERE}.circle_view:CircleView",
            collections=(VACANCIES,),
        ),
        ViewSpec(
            "jobs.wall",
            tr("Jobs", "Seekers and openings by subdistrict (big screen)"),
            f"{HERE}.wall_view:JobsWall",
            placement="wall",
        ),
    ]
