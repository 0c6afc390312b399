"""The desk's words for the population base's codes (data stays as stored: names, compounds, tags are Chinese)."""

from __future__ import annotations

from citybrain.shell.api import CodeNames

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
    },
)
FIELDS = CodeNames("People", {"person": "Resident", "reason": "Reason", "text": "Search", "unit": "Unit", "tag": "Tag"})


def unit_name(ctx: object, code: str | None) -> str:
    """An org unit's name from the org tree, its code when the tree does not know it."""
    unit = ctx.record("org.units", code) if code else None  # type: ignore[attr-defined]
    return unit["name"] if unit else (code or "")
