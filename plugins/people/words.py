"""The desk's words for the population base's codes (data stays as stored: names, compounds, tags are Chinese)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from citybrain.plugins.people import POLICIES
from citybrain.shell.api import CodeNames, DeskContext, tr

if TYPE_CHECKING:
    from citybrain.core.tags import Node

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
        "people.grant": "Grant a no-visit benefit",
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


def programme_names(ctx: DeskContext) -> dict[str, str]:
    """A benefit's name by its programme code, from the policy catalogue (data: Chinese); bands of one programme
    (老年综合津贴's five) share the name before the band."""
    return {p["benefit"]: p["name"].split("(")[0] for p in reversed(ctx.records(POLICIES))}


def unit_name(ctx: DeskContext, code: str | None) -> str:
    """An org unit's name from the org tree, its code when the tree does not know it."""
    unit = ctx.record("org.units", code) if code else None
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
TAG_CRITERION = re.compile(r'^tag\("([^"]+)"\)$')


def criterion_text(criterion: str) -> str:
    """A tag's criterion in the desk's language: the shipped rules' criteria worded, ``tag("X")`` as carrying X;
    a criterion of a rule someone else wrote stays as written (it is their data)."""
    carried = TAG_CRITERION.match(criterion)
    if carried:
        return tr("People", "carries {tag}").format(tag=carried.group(1))
    return CRITERIA(criterion)


ATTRIBUTES = CodeNames(
    "People",
    {
        "age(birth_date)": "age",
        "sex": "sex",
        "hukou": "household registration",
        "income_band": "income band",
        "living_alone": "lives alone",
        "employment": "employment",
        "disability_grade": "disability grade",
        "disability_kind": "disability",
        "veteran": "a veteran",
        "deceased": "deceased",
        "health": "health",
        "benefits": "benefits",
    },
)
VALUES = CodeNames(
    "People",
    {
        "local": "local (Shanghai)",
        "other_city": "another province",
        "separated": "registered elsewhere",
        "low": "low",
        "lower_middle": "lower middle",
        "middle": "middle",
        "high": "high",
        "employed": "employed",
        "unemployed": "unemployed",
        "retired": "retired",
        "student": "student",
        "none": "not working",
        "vision": "vision",
        "hearing": "hearing",
        "speech": "speech",
        "physical": "physical",
        "intellectual": "intellectual",
        "mental": "mental",
        "multiple": "multiple",
        "M": "male",
        "F": "female",
    },
)
CATEGORIES = CodeNames(
    "People",
    {
        "relief": "Social relief",
        "elderly_care": "Elderly care",
        "disability": "Disability",
        "employment": "Employment",
        "health": "Health",
        "housing": "Housing",
        "veterans": "Veterans",
        "education": "Education",
    },
)
URGENCY = CodeNames("People", {"high": "high", "medium": "medium", "low": "low"})
OUTCOMES = CodeNames(
    "People",
    {
        "applied": "applied",
        "enrolled": "enrolled",
        "not_eligible": "not eligible",
        "declined": "declined",
        "unreachable": "unreachable",
    },
)
ENTITLEMENT_STATES = CodeNames(
    "People", {"receives": "Receives", "qualifies": "Qualifies, receives nothing", "near": "One criterion short"}
)


SYMBOLS = {"<=": "≤", ">=": "≥"}


def _value(value: object) -> str:
    return VALUES(value) if isinstance(value, str) else str(value)


def _worded(node: Node, programmes: dict[str, str]) -> str:
    """A parsed criterion in the desk's language: attribute and value names translated, the operator in words."""
    if node.op == "not":
        return tr("People", "not {criterion}").format(criterion=_worded(node.args[0], programmes))
    if node.op in ("and", "or"):
        joint = tr("People", " and ") if node.op == "and" else tr("People", " or ")
        return "(" + joint.join(dict.fromkeys(_worded(child, programmes) for child in node.args)) + ")"
    if node.op == "tag":
        return tr("People", "carries {tag}").format(tag=node.args[0])
    operand = node.args[0]
    if operand.func == "has":
        if operand.column == "health":
            return tr("People", "a health condition is recorded (masked)")
        return tr("People", "receives {programme}").format(programme=programmes.get(operand.word, operand.word))
    attribute = ATTRIBUTES(str(operand))
    if node.op == "truthy":
        return attribute
    if node.op == "between":
        return tr("People", "{attribute} {low} to {high}").format(
            attribute=attribute, low=_value(node.args[1]), high=_value(node.args[2])
        )
    if node.op in ("in", "not_in"):
        values = tr("People", " or ").join(_value(v) for v in node.args[1])
        if node.op == "in":
            return tr("People", "{attribute}: {values}").format(attribute=attribute, values=values)
        return tr("People", "{attribute} not {values}").format(attribute=attribute, values=values)
    op, value = node.args[1], node.args[2]
    if op == "==":
        return tr("People", "{attribute}: {value}").format(attribute=attribute, value=_value(value))
    if op == "!=":
        return tr("People", "{attribute} not {value}").format(
            attribute=attribute, value=_value(value) or tr("People", "empty")
        )
    return f"{attribute} {SYMBOLS.get(op, op)} {_value(value)}"


def policy_criterion_text(criterion: str, programmes: dict[str, str] | None = None) -> str:
    """A policy's criterion (as the daemon sends a reason: its rule text) in the desk's language, a benefit by its
    programme's name (``programmes``: code -> name); the tags' own wordings first.  A text that does not parse is
    shown as it came."""
    if criterion in CRITERIA or TAG_CRITERION.match(criterion):
        return criterion_text(criterion)
    # core.tags (not core.api, which brings SQLAlchemy) when a view first words a rule: every desk imports this
    # module at start for its command and field names, and the rule language's modules cost ~5 ms there
    from citybrain.core.tags import TagError, parse_rule

    try:
        return _worded(parse_rule(criterion), programmes or {})
    except TagError:
        return criterion
