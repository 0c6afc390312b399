"""The source departments' sheets (民政, 残联, 人社, 卫健), read through column mappings (configs/people/mappings.toml).

Every row is checked first: an ID number failing the GB 11643 check, a sex or birth date that contradicts it, a
compound not in the org tree, an unknown word, a person listed twice in one sheet refuses the whole file, saying row
and column.  Then each row's facts replace that source's previous facts for the person, and the resident is
consolidated (:mod:`.consolidate`), conflicts between sources listed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from citybrain.core.api import ImportRefused, ImportReport, RowError, Transaction
from citybrain.core.district import COMPOUND, Tree
from citybrain.core.sheets import ColumnMapping, mapped_rows, shipped_mappings
from citybrain.plugins.people import idnumber

REQUIRED = ("id_number", "name")
HUKOU = ("local", "other_city", "separated")
INCOME = ("low", "lower_middle", "middle", "high")
EMPLOYMENT = ("employed", "unemployed", "retired", "student", "none")
DISABILITY = ("vision", "hearing", "speech", "physical", "intellectual", "mental", "multiple")
YES, NO = ("yes", "y", "true", "1", "是"), ("no", "n", "false", "0", "否")
LONGEST = {"name": 50, "household": 32, "address": 300, "phone": 20, "health": 300}


@dataclass
class Row:
    """One checked row: its number in the sheet and the facts it gives (only the fields the source keeps)."""

    number: int
    facts: dict[str, Any]
    benefits: list[tuple[str, date, date | None]] = field(default_factory=list)


class _Check:
    def __init__(self, mapping: ColumnMapping, report: ImportReport) -> None:
        self.mapping, self.report = mapping, report

    def error(self, row: int, name: str, message: str) -> None:
        self.report.errors.append(RowError(row, self.mapping.columns.get(name, name), message))

    def day(self, n: int, name: str, raw: str) -> date | None:
        try:
            return date.fromisoformat(raw.replace("/", "-").replace(".", "-"))
        except ValueError:
            self.error(n, name, f"{name} is a date (2024-03-01), not {raw!r}")
            return None

    def word(self, n: int, name: str, raw: str, allowed: tuple[str, ...]) -> str | None:
        if raw in allowed:
            return raw
        self.error(n, name, f"{name} is one of {', '.join(allowed)}, not {raw!r}")
        return None

    def flag(self, n: int, name: str, raw: str) -> bool | None:
        if raw.casefold() in YES + NO:
            return raw.casefold() in YES
        self.error(n, name, f"{name} is yes or no, not {raw!r}")
        return None

    def benefits(self, n: int, raw: str) -> list[tuple[str, date, date | None]]:
        out = []
        for part in filter(None, (p.strip() for p in raw.replace("；", ";").split(";"))):
            bits = [b.strip() for b in part.replace("：", ":").split(":")]
            if len(bits) not in (2, 3) or not bits[0] or len(bits[0]) > 32:
                self.error(n, "benefits", f"{part!r}: write a benefit as CODE:since or CODE:since:until")
                continue
            since = self.day(n, "benefits", bits[1])
            until = self.day(n, "benefits", bits[2]) if len(bits) == 3 and bits[2] else None
            if since and until and until < since:
                self.error(n, "benefits", f"{bits[0]} ends ({until}) before it starts ({since})")
            elif since:
                out.append((bits[0], since, until))
        return out


def _compounds(tx: Transaction) -> tuple[Tree, dict[str, str]]:
    """The org tree, and its compounds by code and by name."""
    tree = Tree.load(tx.session)
    compounds = [u for u in tree.units.values() if u["kind"] == COMPOUND]
    return tree, {u["code"]: u["code"] for u in compounds} | {u["name"]: u["code"] for u in compounds}


def check_rows(tx: Transaction, source: str, filename: str, data: Any) -> tuple[list[Row], ImportReport, Tree]:
    """Every row of a ``source`` sheet checked; refused (``ImportRefused``, every bad row listed) if any is bad."""
    report = ImportReport(f"people.{source}")
    mapping, rows = mapped_rows(shipped_mappings("people"), source, filename, data, REQUIRED, report)
    check = _Check(mapping, report)
    tree, compounds = _compounds(tx)
    first: dict[str, int] = {}
    out = []
    for n, f in rows:
        facts: dict[str, Any] = {}
        number = idnumber.normalise(f["id_number"])
        problem = idnumber.problem(number) if number else "id_number is empty"
        if problem:
            check.error(n, "id_number", problem)
        elif number in first:
            check.error(n, "id_number", f"this person is already on row {first[number]}")
        else:
            first[number] = n
        facts["id_number"] = number
        if not f["name"]:
            check.error(n, "name", "name is empty")
        for name, longest in LONGEST.items():
            if len(f.get(name, "")) > longest:
                check.error(n, name, f"{name} is at most {longest} characters")
            elif f.get(name):
                facts[name] = f[name]
        if not problem:
            if f.get("sex") and f["sex"] != idnumber.sex(number):
                check.error(n, "sex", f"sex {f['sex']!r} contradicts the ID number ({idnumber.sex(number)})")
            born = check.day(n, "birth_date", f["birth_date"]) if f.get("birth_date") else None
            if born and born != idnumber.birth_date(number):
                check.error(
                    n, "birth_date", f"birth date {born} contradicts the ID number ({idnumber.birth_date(number)})"
                )
        if f.get("compound"):
            code = compounds.get(f["compound"])
            if code is None:
                check.error(n, "compound", f"unknown compound {f['compound']!r} (not in the district's org tree)")
            facts["compound"] = code
        for name, allowed in (
            ("hukou", HUKOU),
            ("income_band", INCOME),
            ("employment", EMPLOYMENT),
            ("disability_kind", DISABILITY),
        ):
            if f.get(name):
                facts[name] = check.word(n, name, f[name], allowed)
        if f.get("disability_grade"):
            facts["disability_grade"] = check.word(n, "disability_grade", f["disability_grade"], ("1", "2", "3", "4"))
        for name in ("living_alone", "veteran"):
            if f.get(name):
                facts[name] = check.flag(n, name, f[name])
        if f.get("death_date"):
            died = check.day(n, "death_date", f["death_date"])
            facts["death_date"] = died.isoformat() if died else None
        row = Row(n, facts, check.benefits(n, f["benefits"]) if f.get("benefits") else [])
        out.append(row)
    if report.errors:
        raise ImportRefused(report)
    return out, report, tree
