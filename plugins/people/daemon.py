"""People plugin, daemon half: the population base from the source departments' sheets (民政, 残联, 人社, 卫健),
conflicts between them, the residents' tags, and reading it all masked, with audited reveals and exports.  No Qt."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from typing import Any

from citybrain.core.api import (
    CollectionSpec,
    CommandSpec,
    DistrictWide,
    ImporterSpec,
    ImportReport,
    MetricSpec,
    QuerySpec,
    Role,
    SchemaInfo,
    Transaction,
    Within,
    fits,
    hookimpl,
    refuse_changes,
)
from citybrain.plugins.people import (
    CONFLICTS,
    EXPORT,
    LEDGER,
    PERSON,
    RESIDENTS,
    REVEAL,
    SOURCES,
    TAGS,
    VISIT,
    VISIT_FORM,
    VISITS,
    kpi_records,
    ledgers,
    policies,
    residents,
    tagging,
    visits,
)
from citybrain.plugins.people.catalogue import (
    COLLECTIONS as POLICY_COLLECTIONS,
    COMMANDS as POLICY_COMMANDS,
    QUERIES as POLICY_QUERIES,
    citybrain_metrics as policy_metrics,
)
from citybrain.plugins.people.consolidate import open_conflicts, save_source
from citybrain.plugins.people.fields import declared
from citybrain.plugins.people.imports import check_rows
from citybrain.plugins.people.tables import Resident, Reveal

refuse_changes(Reveal.__table__, "a reveal is kept as it was made")
SOURCE_TITLES = {
    "civil": "民政 (civil affairs): residents, households, relief and care",
    "disability": "残联 (disability federation): certificates and allowances",
    "employment": "人社 (human resources): employment",
    "health": "卫健 (health): chronic conditions, deaths",
}


@hookimpl
def citybrain_schema() -> SchemaInfo:
    return SchemaInfo("people", 1)


@hookimpl
def citybrain_configure(config: Mapping[str, Any]) -> None:
    """``[plugins.people]``: a district's own visit form, ledgers and policy catalogue (``visit_form``, ``ledgers``,
    ``policies``: files in the shipped formats) over the shipped ones, each checked now."""
    ledgers.configure(config)
    policies.configure(config)


@hookimpl
@declared
def citybrain_collections() -> Iterable[CollectionSpec]:
    # conflicts name residents (masked): operators only; each placed by its resident's committee
    return [
        CollectionSpec(
            CONFLICTS,
            key="id",
            title="Conflicts between the sources about a resident",
            load=open_conflicts,
            read_role=Role.OPERATOR,
            place="committee",
        ),
        CollectionSpec(
            TAGS,
            key="name",
            title="The residents' tag definitions",
            load=lambda s: [d.as_record() for d in tagging.definitions()],
            place=DistrictWide("reference: what each tag means"),
        ),
        CollectionSpec(
            VISIT_FORM,
            key="id",
            title="The visit form in force, and the lines that have a ledger",
            load=lambda s: [ledgers.form_record()],
            place=DistrictWide("reference: the one form every committee fills in"),
        ),
        CollectionSpec(
            VISITS,
            key="id",
            title="Resident visits of the last four months, with the resident's tags after each",
            load=visits.recent,
            read_role=Role.OPERATOR,
            place="committee",
        ),
        *POLICY_COLLECTIONS,
    ]


def importer(source: str):  # noqa: ANN201 - an ImporterSpec handler
    def handler(tx: Transaction, filename: str, data: object) -> ImportReport:
        rows, report, tree = check_rows(tx, source, filename, data)
        save_source(tx, source, filename, rows, tree)
        report.imported = len(rows)
        return report

    return handler


@hookimpl
def citybrain_importers() -> Iterable[ImporterSpec]:
    return [
        ImporterSpec(
            f"people.{source}",
            importer(source),
            title=SOURCE_TITLES[source],
            extensions=(".xlsx", ".csv"),
            role=Role.DUTY_LEADER,
        )
        for source in SOURCES
    ]


SEARCH = {"text": str | None, "unit": str | None, "tag": str | None, "limit": int | None}


@hookimpl
def citybrain_queries() -> Iterable[QuerySpec]:
    return [
        QuerySpec(
            RESIDENTS,
            residents.search,
            params=SEARCH,
            place="committee",  # a committee's desk finds its own residents
            within=(Within("unit"),),
            role=Role.OPERATOR,
            personal=True,
            title="Residents found by name, ID number's start, org unit or tag (masked)",
        ),
        QuerySpec(
            PERSON,
            residents.card,
            params={"person": int},
            place="committee",  # a list of one card: none for a desk whose unit the resident is not in
            role=Role.OPERATOR,
            personal=True,
            title="A resident's card: masked record, tags and their reasons, benefits, sources, conflicts",
        ),
        QuerySpec(
            EXPORT,
            residents.export,
            params=SEARCH,
            role=Role.OPERATOR,
            personal=True,
            title="The residents a search finds, masked, as an Excel workbook",
        ),
        QuerySpec(
            LEDGER,
            ledgers.export,
            params={"line": str, "unit": fits(Resident.committee), "limit": int | None},
            within=(Within("unit"),),
            role=Role.OPERATOR,
            personal=True,
            title="One business line's ledger (台账) of an org unit's visits, masked, as an Excel workbook",
        ),
        *POLICY_QUERIES,
        *kpi_records.QUERIES,
    ]


@hookimpl
def citybrain_commands() -> Iterable[CommandSpec]:
    return [
        CommandSpec(
            REVEAL,
            residents.reveal,
            payload={"person": int, "reason": str},
            role=Role.DUTY_LEADER,
            title="Show one resident's ID number, phone and health, for a typed reason (kept)",
        ),
        CommandSpec(
            VISIT,
            visits.record_visit,
            payload={"person": int, "committee": fits(Resident.committee), "visited_on": str | None, "answers": dict},
            within=(Within("committee"),),  # a committee's staff record their own residents' visits
            role=Role.OPERATOR,
            title="Record a resident's visit on the one visit form (updates their attributes and tags)",
        ),
        *POLICY_COMMANDS,
    ]


@hookimpl
def citybrain_metrics() -> Iterable[MetricSpec]:
    """The 应享未享 KPIs (catalogue.py) and what the one visit form saves (ledgers.py)."""
    return [*policy_metrics(), *ledgers.metrics()]


@hookimpl(trylast=True)  # after the cases demo: residents live in its compounds
def citybrain_demo_data(tx: Transaction, rng: random.Random) -> None:
    from citybrain.plugins.people import demo, outreach_demo, visits_demo  # loaded only when a demo is seeded

    demo.seed(tx, rng)
    visits_demo.seed(tx, rng)
    outreach_demo.seed(tx, rng)
