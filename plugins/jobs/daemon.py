"""Jobs plugin, daemon half: seekers and vacancies, matching, pushes and what came of them, the KPIs.  No Qt.

Reads two other plugins' registers, as their tables: the people base (residents looking for work become seekers) and
the enterprise registry (a vacancy names its enterprise by credit code); it declares them (``citybrain_requires``),
so it is switched off without them and seeds its demo after theirs."""

from __future__ import annotations

import random
from collections.abc import Iterable
from functools import partial
from typing import Literal

from citybrain.core.api import (
    CollectionSpec,
    CommandSpec,
    DaemonContext,
    DistrictWide,
    ImporterSpec,
    MetricSpec,
    QuerySpec,
    Role,
    ScheduleSpec,
    SchemaInfo,
    Transaction,
    Within,
    hookimpl,
)
from citybrain.plugins.jobs import (
    CANDIDATES,
    ENROL,
    HIRE,
    INTERVIEW,
    MATCHES,
    OCCUPATIONS,
    PUSH,
    PUSHES,
    RESPOND,
    SEARCHES,
    SEEKERS,
    VACANCIES,
    enrol,
    imports,
    kpis,
    matches,
    pushes,
    reach,
)
from citybrain.plugins.jobs.circle import CIRCLE, SUBDISTRICTS
from citybrain.plugins.jobs.occupations import classification
from citybrain.plugins.jobs.publish import listed_vacancies, open_searches

SEND_EVERY = 2.0  # seconds between the notifier's rounds
SEEKER = Within("seeker", SEARCHES)
VACANCY = Within("vacancy", VACANCIES)


@hookimpl
def citybrain_requires() -> Iterable[str]:
    """Seekers come from the people base, vacancies name enterprises of the registry: their tables are read here."""
    return ("people", "enterprise")


@hookimpl
def citybrain_schema() -> SchemaInfo:
    return SchemaInfo("jobs", 1)


@hookimpl
def citybrain_collections() -> Iterable[CollectionSpec]:
    return [
        CollectionSpec(
            VACANCIES,
            key="id",
            title="Vacancies of the registry's enterprises: open, or filled in the last 30 days (remaining 0)",
            load=listed_vacancies,
            read_role=Role.VIEWER,
            place="subdistrict",
            fields={
                "id": int,
                "enterprise": int,
                "credit_code": str,
                "employer": str,
                "subdistrict": str,
                "title": str,
                "occupation": str,
                "occupation_name": str,
                "wage_min": int,
                "wage_max": int,
                "hours": str,
                "requirements": list[str],
                "education": str,
                "openings": int,
                "filled": int,
                "remaining": int,
                "filled_on": str | None,
                "lat": float,
                "lon": float,
                "posted_on": str,
                "changed_at": str,
            },
        ),
        CollectionSpec(
            SEARCHES,
            key="id",
            title="Open job searches: a seeker's key, place and wish (no name, no ID number, no phone)",
            load=open_searches,
            read_role=Role.OPERATOR,
            place="committee",
            fields={
                "id": int,
                "committee": str | None,
                "subdistrict": str | None,
                "occupation": str | None,
                "hours": str,
                "registered_on": str,
            },
        ),
        CollectionSpec(
            OCCUPATIONS,
            key="code",
            title="The occupational classification (GB/T 6565, a subset)",
            load=lambda session: classification().records(),
            fields={"code": str, "name": str, "level": str, "parent": str | None},
            place=DistrictWide("reference: the national occupational classification"),
        ),
    ]


@hookimpl
def citybrain_importers() -> Iterable[ImporterSpec]:
    return [
        ImporterSpec(
            "jobs.seekers",
            imports.import_seekers,
            title="人社 (human resources): job seekers",
            extensions=(".xlsx", ".csv"),
            role=Role.DUTY_LEADER,
        ),
        ImporterSpec(
            "jobs.vacancies",
            imports.import_vacancies,
            title="Vacancies of the registry's enterprises",
            extensions=(".xlsx", ".csv"),
            role=Role.DUTY_LEADER,
        ),
    ]


@hookimpl
def citybrain_queries() -> Iterable[QuerySpec]:
    personal = partial(QuerySpec, role=Role.OPERATOR, personal=True, place="committee")
    return [
        personal(
            SEEKERS,
            matches.search,
            params={"text": str | None, "unit": str | None, "state": str | None, "limit": int | None},
            within=(Within("unit"),),
            title="Job seekers found by name, org unit and state (masked)",
        ),
        personal(
            MATCHES,
            matches.for_seeker,
            params={"seeker": int, "limit": int | None},
            within=(SEEKER,),
            title="One seeker's best vacancies inside their travel circle, with the reasons and subsidies",
        ),
        personal(
            CANDIDATES,
            matches.for_vacancy,
            params={"vacancy": int, "limit": int | None},
            within=(VACANCY,),
            title="One vacancy's best seekers (masked), with the reasons and subsidies",
        ),
        personal(
            PUSHES,
            matches.pushes,
            params={"seeker": int | None, "vacancy": int | None, "subdistrict": str | None, "limit": int | None},
            within=(SEEKER, VACANCY, Within("subdistrict")),
            title="Pushes and what came of them: answers, interviews, hires",
        ),
        personal(
            CIRCLE,
            reach.circle,
            params={"seeker": int | None, "vacancy": int | None, "limit": int | None},
            within=(SEEKER, VACANCY),
            title="The map: the open vacancies around a seeker, or the seekers around a vacancy (masked), nearest "
            "first, each inside the circle or not",
        ),
        QuerySpec(
            SUBDISTRICTS,
            reach.subdistricts,
            scoped=True,
            title="By subdistrict: looking seekers, open vacancies, openings left, and seekers with no opening "
            "inside their circle (no names)",
        ),
        *kpis.QUERIES,
    ]


PUSH_REF = {"seeker": int, "push": int}


@hookimpl
def citybrain_commands() -> Iterable[CommandSpec]:
    return [
        CommandSpec(
            ENROL, enrol.enrol, payload={}, role=Role.OPERATOR, title="Residents looking for work become seekers"
        ),
        CommandSpec(
            PUSH,
            pushes.push,
            payload={"seeker": int | None, "subdistrict": str | None, "limit": int | None},
            role=Role.OPERATOR,
            within=(SEEKER, Within("subdistrict")),
            title="Push the best matches to one seeker, or to every seeker of a subdistrict",
        ),
        CommandSpec(
            RESPOND,
            pushes.respond,
            payload={**PUSH_REF, "response": Literal["interested", "declined"]},
            role=Role.OPERATOR,
            within=(SEEKER,),
            title="A seeker's answer to a push",
        ),
        CommandSpec(
            INTERVIEW,
            pushes.interview,
            payload={**PUSH_REF, "at": str},
            role=Role.OPERATOR,
            within=(SEEKER,),
            title="An interview arranged for a push the seeker is interested in",
        ),
        CommandSpec(
            HIRE,
            pushes.hire,
            payload=PUSH_REF,
            role=Role.OPERATOR,
            within=(SEEKER,),
            title="A hire through a push: the search closes, the vacancy fills one opening",
        ),
    ]


@hookimpl
def citybrain_schedules() -> Iterable[ScheduleSpec]:
    return [ScheduleSpec("jobs.send", SEND_EVERY, pushes.send)]


@hookimpl
def citybrain_sources(ctx: DaemonContext) -> Iterable:
    return [enrol.enrolment]  # residents looking for work enrolled when the people base changes (enrol.py)


@hookimpl
def citybrain_metrics() -> Iterable[MetricSpec]:
    return kpis.metrics()


@hookimpl
def citybrain_demo_data(tx: Transaction, rng: random.Random) -> None:
    """The year 2024 played from the plugin's own records (after the people base and the registry: required)."""
    from citybrain.plugins.jobs import demo  # the demo's code loads only when a demo is seeded

    demo.seed(tx, rng)
