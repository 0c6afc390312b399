"""The desk's words for the population base's codes (data stays as stored: names, compounds, tags are Chinese)."""

from __future__ import annotations

import re

from citybrain.shell.api import CodeNames, tr

SEX = CodeNames("People", {"M": "male", "F": "female"})
CONFLICT_KINDS = CodeNames(
    "People",
    {
        "dead_alive": "dead in one source, alive in another",
        "moved": "different compounds",
        "name": "different names",
        "twice": "listed twice (two ID numbers)",
    },
)
SOURCES = CodeNames(
    "People",
    {
        "civil": "Civil affairs",
        "disability": "Disability federation",
        "employment": "Human resources",
        "health": "Health commission",
    },
)
COMMANDS = CodeNames(
    "People",
    {
        "people.reveal": "Reveal a resident's ID number, phone and health",
        "query people.residents": "Search residents",
        "query people.person": "Open a resident",
        "query people.export": "Export residents",
        "people.visit": "Record a resident visit",
        "query people.ledger": "Export a business line's ledger",
    },
)
FIELDS = CodeNames(
    "People",
    {
        "person": "Resident",
        "reason": "Reason",
        "text": "Search",
        "unit": "Unit",
        "tag": "Tag",
        "committee": "Committee",
        "visited_on": "Visited on",
        "answers": "Answers",
        "line": "Business line",
    },
)


def unit_name(ctx: object, code: str | None) -> str:
    """An org unit's name from the org tree, its code when the tree does not know it."""
    unit = ctx.record("org.units", code) if code else None  # type: ignore[attr-defined]
    return unit["name"] if unit else (code or "")


CRITERIA = CodeNames(
    "People",
    {
        "age(birth_date) >= 60": "aged 60 or over",
        "age(birth_date) >= 80": "aged 80 or over",
        "age(birth_date) between 16 and 59": "aged 16 to 59",
        "not deceased": "alive",
        "living_alone": "lives alone",
        "disability_grade in [1, 2, 3, 4]": "holds a disability certificate",
        "disability_grade in [1, 2]": "disability of grade 1 or 2",
        'income_band == "low"': "low income",
        'employment == "unemployed"': "unemployed",
        "veteran": "a veteran",
        'health != ""': "a chronic condition is recorded",
    },
)
TAG_CRITERION = re.compile(r'^tag\("(.+)"\)$')


def criterion_text(criterion: str) -> str:
    """A tag's criterion in the desk's language: the shipped rules' criteria worded, ``tag("X")`` as carrying X;
    a criterion of a rule someone else wrote stays as written (it is their data)."""
    carried = TAG_CRITERION.match(criterion)
    if carried:
        return tr("People", "carries {tag}").format(tag=carried.group(1))
    return CRITERIA(criterion)
