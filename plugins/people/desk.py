"""People plugin, desk half: the residents view (search, masked rows, a person's card with each tag's reasons, the
reveal that asks why) and the conflicts between the sources (each view in its own module, imported when opened)."""

from __future__ import annotations

from collections.abc import Iterable

from citybrain.plugins.people import CONFLICTS, GRANTS, POLICIES, TAGS, VISITS
from citybrain.plugins.people.words import COMMANDS, FIELDS
from citybrain.shell.api import CodeNames, ViewSpec, hookimpl, tr

HERE = "citybrain.plugins.people"


@hookimpl
def citybrain_command_names() -> CodeNames:
    return COMMANDS


@hookimpl
def citybrain_field_names() -> CodeNames:
    return FIELDS


@hookimpl
def citybrain_title() -> str:
    return tr("People", "People services")


@hookimpl
def citybrain_views() -> Iterable[ViewSpec]:
    return [
        ViewSpec(
            "people.residents",
            tr("People", "Residents"),
            f"{HERE}.residents_view:ResidentsView",
            collections=(TAGS, POLICIES),
        ),
        ViewSpec(
            "people.unmet",
            tr("People", "Benefits not received (应享未享)"),
            f"{HERE}.unmet_view:UnmetView",
            collections=(POLICIES, GRANTS),
        ),
        ViewSpec(
            "people.conflicts",
            tr("People", "Conflicts between sources"),
            f"{HERE}.conflicts_view:ConflictsView",
            collections=(CONFLICTS,),
        ),
        ViewSpec(
            "people.visits",
            tr("People", "Resident visits"),
            f"{HERE}.visit_view:VisitView",
            collections=(VISITS, "org.units"),
        ),
    ]
