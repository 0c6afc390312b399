"""Spreadsheet imports: job seekers from 人社's register and vacancies from the enterprises, through column mappings
(configs/jobs/mappings.toml).  Every row is checked first; one bad row (an unknown enterprise, an occupation that is
not a detailed GB/T 6565 code, a wage range upside down, an unknown compound, an invalid ID number) refuses the
whole file, each problem reported with its row and the file's own column name."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from citybrain.core.api import ImportReport, RowError, Transaction, append_rows, utcnow
from citybrain.core.district import COMPOUND, Tree
from citybrain.core.sheets import ColumnMapping, mapped_rows, shipped_mappings
from citybrain.plugins.enterprise import creditcode
from citybrain.plugins.enterprise.tables import Enterprise
from citybrain.plugins.jobs import EDUCATION, HOURS
from citybrain.plugins.jobs.occupations import classification
from citybrain.plugins.jobs.publish import SEARCH_COLUMNS, search_record, vacancy_record
from citybrain.plugins.jobs.tables import Seeker, Vacancy
from citybrain.plugins.people import idnumber

REQUIRED = {
    "seekers": ("id_number", "name", "compound"),
    "vacancies": ("credit_code", "title", "occupation", "wage_min", "wage_max", "hours", "openings"),
}
YES = ("yes", "y", "true", "1", "是")
NEW_SEEKER = {"source": "hr", "state": "looking", "resident": None, "hired_on": None}  # a seeker the register adds
WAGE = (0, 1_000_000)  # yuan a month
MINUTES = (5, 120)
OPENINGS = (1, 10_000)


class Rows:
    """Checks a mapped sheet's rows, collecting every problem with its row and the file's column."""

    def __init__(self, kind: str, mapping: ColumnMapping, report: ImportReport) -> None:
        self.kind, self.mapping, self.report = kind, mapping, report

    def error(self, row: int, name: str, message: str) -> None:
        self.report.errors.append(RowError(row, self.mapping.columns.get(name, name), message))

    def required(self, row: int, fields: dict[str, str]) -> bool:
        empty = [name for name in REQUIRED[self.kind] if not fields.get(name)]
        for name in empty:
            self.error(row, name, f"{name} is empty")
        return not empty

    def number(self, row: int, fields: dict[str, str], name: str, bounds: tuple[float, float]) -> float | None:
        raw = fields.get(name, "")
        if not raw:
            return None
        try:
            value = float(raw.replace(",", ""))
        except ValueError:
            value = None
        if value is None or not bounds[0] <= value <= bounds[1]:
            self.error(row, name, f"{name} must be a number from {bounds[0]:,} to {bounds[1]:,}, not {raw!r}")
            return None
        return value

    def word(self, row: int, fields: dict[str, str], name: str, allowed: tuple[str, ...], default: str) -> str:
        value = fields.get(name) or default
        if value not in allowed:
            self.error(row, name, f"{name} is one of {', '.join(allowed)}, not {value!r}")
        return value

    def occupation(self, row: int, code: str) -> None:
        problem = classification().problem(code)
        if problem:
            self.error(row, "occupation", problem)

    def day(self, row: int, fields: dict[str, str], name: str) -> date:
        raw = fields.get(name, "")
        if not raw:
            return date.today()
        try:
            return date.fromisoformat(raw.replace("/", "-")[:10])
        except ValueError:
            self.error(row, name, f"{name} is a date such as 2024-03-01, not {raw!r}")
            return date.today()


def _read(kind: str, filename: str, data: bytes) -> tuple[Rows, list[tuple[int, dict[str, str]]]]:
    report = ImportReport(f"jobs.{kind}")
    mapping, rows = mapped_rows(shipped_mappings("jobs"), kind, filename, data, REQUIRED[kind], report)
    return Rows(kind, mapping, report), rows


VACANCY_FIELDS = (
    "title",
    "occupation",
    "wage_min",
    "wage_max",
    "hours",
    "requirements",
    "education",
    "openings",
    "lat",
    "lon",
    "posted_on",
)  # what a repeated import of a vacancy updates (its enterprise, key and hires stay)


def vacancy_key(code: str, reference: str, title: str, lat: float | None, lon: float | None) -> tuple:
    """A vacancy's natural key: the credit code and the employer's reference; without a reference, the title and
    the workplace (a chain's two shops posting one title are two vacancies)."""
    if reference:
        return (code, reference)
    return (code, "", title, lat, lon)


def import_vacancies(tx: Transaction, filename: str, data: bytes) -> ImportReport:
    """Vacancies by their natural key (:func:`vacancy_key`): a vacancy imported before is updated (its hires kept),
    a new one added."""
    check, rows = _read("vacancies", filename, data)
    codes = {creditcode.normalise(f.get("credit_code", "")) for _, f in rows}
    registry = {
        e.credit_code: e for e in tx.session.scalars(select(Enterprise).where(Enterprise.credit_code.in_(codes)))
    }
    seen: dict[tuple[str, str], int] = {}
    values: list[dict] = []
    for n, f in rows:
        if not check.required(n, f):
            continue
        code = creditcode.normalise(f["credit_code"])
        enterprise = registry.get(code)
        if enterprise is None:
            problem = creditcode.problem(code)
            check.error(n, "credit_code", problem or f"no enterprise {code} in the registry: import it there first")
        check.occupation(n, f["occupation"])
        low, high = check.number(n, f, "wage_min", WAGE), check.number(n, f, "wage_max", WAGE)
        if low is not None and high is not None and low > high:
            check.error(n, "wage_max", f"the wage range is upside down: {low:,.0f} to {high:,.0f}")
        openings = check.number(n, f, "openings", OPENINGS)
        hours = check.word(n, f, "hours", HOURS, "full")
        education = check.word(n, f, "education", EDUCATION, "none")
        lat, lon = check.number(n, f, "lat", (-90, 90)), check.number(n, f, "lon", (-180, 180))
        if enterprise is not None and (lat is None or lon is None):
            lat, lon = enterprise.lat, enterprise.lon
            if lat is None or lon is None:
                check.error(n, "lat", "no workplace location: the sheet gives none and the registry neither")
        posted = check.day(n, f, "posted_on")
        key = vacancy_key(code, f.get("reference", "")[:40], f["title"][:100], lat, lon)
        if key in seen:
            check.error(n, "reference", f"the same vacancy twice (rows {seen[key]} and {n}): {key[1:]!r}")
        seen.setdefault(key, n)
        if check.report.errors or enterprise is None:
            continue
        values.append(
            {
                "enterprise": enterprise.id,
                "credit_code": code,
                "reference": key[1],
                "employer": enterprise.name,
                "subdistrict": enterprise.subdistrict,
                "title": f["title"][:100],
                "occupation": f["occupation"],
                "wage_min": int(low or 0),
                "wage_max": int(high or 0),
                "hours": hours,
                "requirements": f.get("requirements", "")[:500],
                "education": education,
                "openings": int(openings or 1),
                "lat": lat,
                "lon": lon,
                "posted_on": posted,
            }
        )
    if check.report.errors:
        return check.report
    touched = _store_vacancies(tx, values)
    for v in touched:
        tx.put("jobs.vacancies", vacancy_record(v))
    check.report.imported = len(values)
    return check.report


def _store_vacancies(tx: Transaction, values: list[dict]) -> list[Vacancy]:
    """Each vacancy added, or updated when its key is known; one filled by the new openings closes, one given more
    reopens."""
    known = {
        vacancy_key(v.credit_code, v.reference, v.title, v.lat, v.lon): v
        for v in tx.session.scalars(
            select(Vacancy).where(Vacancy.credit_code.in_({fields["credit_code"] for fields in values}))
        )
    }
    now, touched = utcnow(), []
    for fields in values:
        vacancy = known.get(vacancy_key(*(fields[k] for k in ("credit_code", "reference", "title", "lat", "lon"))))
        if vacancy is None:
            vacancy = Vacancy(**fields, filled=0, changed_at=now)
            tx.session.add(vacancy)
        else:
            for name in VACANCY_FIELDS:
                setattr(vacancy, name, fields[name])
            vacancy.filled_on = (vacancy.filled_on or date.today()) if vacancy.filled >= vacancy.openings else None
            vacancy.changed_at = now
        touched.append(vacancy)
    tx.session.flush()
    return touched


def compounds(tree: Tree) -> dict[str, dict]:
    """The org tree's compounds, by code and by name."""
    found = [u for u in tree.units.values() if u["kind"] == COMPOUND]
    return {u["code"]: u for u in found} | {u["name"]: u for u in found}


def home(tree: Tree, compound: dict) -> dict:
    """Where a seeker living in ``compound`` is placed: the compound, its committee and subdistrict, its point."""
    return {
        "compound": compound["code"],
        "committee": compound["parent"],
        "subdistrict": tree.subdistrict_of(compound["code"]),
        "lat": compound["lat"],
        "lon": compound["lon"],
    }


def import_seekers(tx: Transaction, filename: str, data: bytes) -> ImportReport:
    check, rows = _read("seekers", filename, data)
    tree = Tree.load(tx.session)
    places = compounds(tree)
    seen: dict[str, int] = {}
    values: list[dict] = []
    for n, f in rows:
        if not check.required(n, f):
            continue
        number = idnumber.normalise(f["id_number"])
        problem = idnumber.problem(number)
        if problem:
            check.error(n, "id_number", problem)
        elif number in seen:
            check.error(n, "id_number", f"listed twice (rows {seen[number]} and {n})")
        seen.setdefault(number, n)
        compound = places.get(f["compound"])
        if compound is None:
            check.error(n, "compound", f"unknown compound {f['compound']!r} (not in the district's org tree)")
        elif compound["lat"] is None:
            check.error(n, "compound", f"compound {f['compound']!r} has no coordinates in the org tree")
        if f.get("occupation"):
            check.occupation(n, f["occupation"])
        wage = check.number(n, f, "wage", WAGE)
        minutes = check.number(n, f, "minutes", MINUTES)
        grade = check.number(n, f, "disability_grade", (1, 4))
        hours = check.word(n, f, "hours", (*HOURS, "any"), "any")
        education = check.word(n, f, "education", EDUCATION, "none")
        registered = check.day(n, f, "registered_on")
        if check.report.errors or compound is None:
            continue
        values.append(
            {
                "id_number": number,
                "name": f["name"][:50],
                "sex": idnumber.sex(number),
                "birth_date": idnumber.birth_date(number),
                "phone": f.get("phone", "")[:20],
                **home(tree, compound),
                "occupation": f.get("occupation") or None,
                "skills": f.get("skills", "")[:500],
                "education": education,
                "wage": int(wage) if wage is not None else None,
                "hours": hours,
                "minutes": int(minutes) if minutes is not None else 15,
                "transit": f.get("transit", "").casefold() in YES,
                "disability_grade": int(grade) if grade is not None else None,
                "benefits": f.get("benefits", "")[:200],
                "registered_on": registered,
            }
        )
    if check.report.errors:
        return check.report
    known = {s.id_number: s for s in tx.session.scalars(select(Seeker).where(Seeker.id_number.in_(seen)))}
    now = utcnow()
    for fields in values:  # 人社's register is the reference for what a seeker wants; a hire stays a hire
        seeker = known.get(fields["id_number"])
        if seeker is not None:
            for name, value in fields.items():
                setattr(seeker, name, value)
            seeker.changed_at = now
    new = [f | NEW_SEEKER | {"changed_at": now} for f in values if f["id_number"] not in known]
    append_rows(tx.session, Seeker, new)  # in bulk: a register holds thousands
    tx.session.flush()
    for row in tx.session.execute(select(*SEARCH_COLUMNS).where(Seeker.id_number.in_(seen), Seeker.state == "looking")):
        tx.put("jobs.searches", search_record(row))
    check.report.imported = len(values)
    return check.report
