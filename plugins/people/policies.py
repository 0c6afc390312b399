"""The policy catalogue (configs/people/policies.toml): each policy's eligibility and exclusions are rules in the
tags' language (core/tags/, parsed there, never a second language), checked at load against the attributes the
population base has and the person tags it defines, so a catalogue naming something unknown never loads."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from citybrain.core.api import Configured, Node, TagError, columns_of, entries, parse_rule, read_catalogue, tags_of
from citybrain.plugins.people import tagging

CATEGORIES = ("relief", "elderly_care", "disability", "employment", "health", "housing", "veterans", "education")
URGENCY = ("high", "medium", "low")  # the order lists are sorted in
ATTRIBUTES = frozenset(tagging.ATTRIBUTES) - {"id"} | {"deceased", "benefits"}  # what tagging.population gives
MAX_POLICIES = 500
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CODE = re.compile(r"^[A-Z0-9_]{1,32}$")
TEXTS = {"id": 60, "name": 100, "department": 40, "description": 500, "source": 1_000}


class PolicyError(ValueError):
    """A catalogue that cannot be used: the message names the policy and what is wrong."""


@dataclass(frozen=True)
class Policy:
    id: str
    name: str
    department: str
    category: str
    eligibility: str
    benefit: str
    urgency: str
    exclusions: str = ""
    no_visit: bool = False
    illustrative: bool = False
    source: str = ""
    description: str = ""
    rule: Node = field(kw_only=True, compare=False, repr=False)  # the eligibility, parsed
    excluded: Node | None = field(default=None, compare=False, repr=False)

    def conjuncts(self) -> tuple[Node, ...]:
        """The eligibility's criteria at its top level: a person missing exactly one is "nearly" eligible."""
        return self.rule.args if self.rule.op == "and" else (self.rule,)

    def as_record(self) -> dict:
        return {
            name: getattr(self, name)
            for name in (
                "id",
                "name",
                "department",
                "category",
                "eligibility",
                "exclusions",
                "benefit",
                "urgency",
                "no_visit",
                "illustrative",
                "source",
                "description",
            )
        }


def _check(entry: dict, attributes: frozenset[str], tags: frozenset[str]) -> Policy:
    name = entry.get("id", "?")
    for required in ("id", "name", "department", "category", "eligibility", "benefit", "urgency"):
        if not isinstance(entry.get(required), str) or not entry[required].strip():
            raise PolicyError(f"policy {name!r}: {required} is a text and is required")
    for key, longest in TEXTS.items():
        if len(entry.get(key, "")) > longest:
            raise PolicyError(f"policy {name!r}: {key} is at most {longest} characters")
    for flag in ("no_visit", "illustrative"):
        if not isinstance(entry.get(flag, False), bool):
            raise PolicyError(f"policy {name!r}: {flag} is true or false")
    if not ID.match(entry["id"]):
        raise PolicyError(f"policy {name!r}: an id is lower-case words joined by '-'")
    if entry["category"] not in CATEGORIES:
        raise PolicyError(f"policy {name!r}: category is one of {', '.join(CATEGORIES)}, not {entry['category']!r}")
    if entry["urgency"] not in URGENCY:
        raise PolicyError(f"policy {name!r}: urgency is one of {', '.join(URGENCY)}, not {entry['urgency']!r}")
    if not CODE.match(entry["benefit"]):
        raise PolicyError(f"policy {name!r}: benefit is a programme code (A-Z, 0-9, _), not {entry['benefit']!r}")
    if bool(entry.get("source")) == bool(entry.get("illustrative")):
        raise PolicyError(f"policy {name!r}: cite the source of its criteria or say illustrative = true (not both)")
    trees = {}
    for key in ("eligibility", "exclusions"):
        if not entry.get(key):
            continue
        try:
            tree = trees[key] = parse_rule(entry[key])
        except TagError as exc:
            raise PolicyError(f"policy {name!r}, {key}: {exc}") from None
        if missing := columns_of(tree) - attributes:
            raise PolicyError(f"policy {name!r}, {key}: no attribute {', '.join(sorted(missing))}")
        if missing := tags_of(tree) - tags:
            raise PolicyError(f"policy {name!r}, {key}: no person tag {', '.join(sorted(missing))}")
    return Policy(**entry, rule=trees["eligibility"], excluded=trees.get("exclusions"))


def load_policies(
    text: str, attributes: frozenset[str] = ATTRIBUTES, tags: frozenset[str] | None = None
) -> list[Policy]:
    """The catalogue from TOML (``[[policies]]``); :class:`PolicyError` naming the first policy that cannot be used."""
    known = set(Policy.__dataclass_fields__) - {"rule", "excluded"}
    raw = entries(read_catalogue(text, PolicyError), "policies", MAX_POLICIES, known, "policy", PolicyError)
    known_tags = tags if tags is not None else frozenset(d.name for d in tagging.definitions())
    out = [_check(entry, attributes, known_tags) for entry in raw]
    seen: set[str] = set()
    for policy in out:
        if policy.id in seen:
            raise PolicyError(f"policy {policy.id!r} is defined twice")
        seen.add(policy.id)
    return out


def _indexed(text: str) -> tuple[list[Policy], dict[str, Policy]]:
    policies = load_policies(text)
    return policies, {p.id: p for p in policies}


_in_force = Configured("people", "policies.toml", _indexed, PolicyError)


def catalogue() -> list[Policy]:
    """The policies in force: ``[plugins.people] policies`` when the daemon configured one, else the shipped
    configs/people/policies.toml, read and checked on first use (nothing is read at import)."""
    return _in_force()[0]


def by_id() -> dict[str, Policy]:
    """The policies in force by id."""
    return _in_force()[1]


def configure(section: Mapping[str, Any]) -> None:
    """The daemon's ``[plugins.people]`` section (``citybrain_start``): ``policies``, a district's own catalogue
    file in the shipped format, replaces the shipped one; checked like it, so a bad file stops the start."""
    _in_force.configure(section.get("policies"))
