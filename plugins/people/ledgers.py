"""The per-line ledgers (台账) from the visit records (configs/people/ledgers.toml, or a district's own given as
``[plugins.people] ledgers``): each business line's Excel sheet in its own column layout, masked as every export
is, and audited (a personal query).  And what the one form saves: the cells the separate ledgers would have had
written by hand, against the answers entered once."""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session

from citybrain.core.api import (
    Caller,
    Configured,
    ErrorCode,
    MetricSpec,
    Refused,
    append_row,
    entries,
    limit_of,
    read_catalogue,
    read_frame,
    tr_noop,
)
from citybrain.core.district import Tree
from citybrain.plugins.people import privacy
from citybrain.plugins.people.residents import masked
from citybrain.plugins.people.tables import Resident
from citybrain.plugins.people.visits import Visit, form

SOURCES = ("person", "visit", "answer")
PERSON = ("name", "sex", "age", "id_masked", "phone_masked", "household", "compound", "committee", "hukou")
VISIT = ("row", "visited_on", "visitor", "committee")
UNCOUNTED = ("visit.row",)  # a serial number: nobody writes it, so the savings figure leaves it out
YES_NO = {True: "是", False: "否"}
MAX_COLUMNS = 60  # of one ledger: an Excel sheet someone fills in by hand


@dataclass(frozen=True)
class Column:
    header: str
    source: str  # person.name, visit.visited_on, answer.living_alone
    masked: bool = False  # shown as whether something is recorded, never what (health)


@dataclass(frozen=True)
class Ledger:
    line: str
    title: str
    columns: tuple[Column, ...]

    @property
    def cells(self) -> int:
        """The cells of one row someone would write by hand."""
        return sum(1 for c in self.columns if c.source not in UNCOUNTED)


class LedgerError(ValueError):
    """Ledgers that cannot be used: the message names the ledger and column."""


def load_ledgers(text: str) -> dict[str, Ledger]:
    """Ledgers by line, checked against the visit form in force; :class:`LedgerError` naming the ledger and column
    that read what the form and records do not hold, or a line the form does not declare."""
    visit_form = form()
    readable = {"person": PERSON, "visit": VISIT, "answer": tuple(f.key for f in visit_form.fields)}
    out: dict[str, Ledger] = {}
    raw = read_catalogue(text, LedgerError)
    for entry in entries(raw, "ledgers", len(visit_form.lines), ("line", "title", "columns"), "ledger", LedgerError):
        line = entry.get("line")
        if not isinstance(line, str) or line not in visit_form.lines or line in out:
            raise LedgerError(f"ledger {line!r}: a line of the visit form ({', '.join(visit_form.lines)}), once each")
        columns = []
        for spec in entry.get("columns", [])[: MAX_COLUMNS + 1]:
            header, source, *flags = spec if isinstance(spec, list) and len(spec) >= 2 else ("?", repr(spec))
            kind, _, name = str(source).partition(".")
            if name not in readable.get(kind, ()) or flags not in ([], ["masked"]):
                raise LedgerError(f"ledger {line!r}, column {header!r}: {source!r} {flags or ''} is not readable")
            columns.append(Column(str(header), source, flags == ["masked"]))
        if not columns or len(columns) > MAX_COLUMNS or not entry.get("title"):
            raise LedgerError(f"ledger {line!r}: has a title and 1 to {MAX_COLUMNS} columns")
        out[line] = Ledger(line, str(entry["title"]), tuple(columns))
    return out


in_force = Configured("people", "ledgers.toml", load_ledgers, LedgerError)  # [plugins.people] ledgers


def configure(section: Mapping[str, Any]) -> None:
    """The daemon's ``[plugins.people]`` section (``citybrain_start``): ``visit_form`` and ``ledgers``, a
    district's own files over the shipped ones.  Both are checked now, the ledgers against the form in force, so a
    bad file or a ledger reading what the form does not ask stops the start."""
    form.configure(section.get("visit_form"))
    in_force.configure(section.get("ledgers"))
    in_force()


def form_record() -> dict:
    """The visit form in force, for the desk (``people.visit_form``): its text, which the desk checks and renders as
    the daemon does, and the lines that have a ledger, in the ledgers' order."""
    return {"id": "visit", "source": form.text(), "ledgers": list(in_force())}


def lines_fed(answers: dict) -> list[str]:
    """The lines with a ledger that the answers feed (a field answered that the line needs)."""
    visit_form = form()
    fed = {line for key in answers for line in visit_form.field(key).lines}
    return [line for line in in_force() if line in fed]


def cells_asked(lines: list[str]) -> int:
    """What the separate ledgers would have asked of one visit: each ledger's row, written by hand."""
    return sum(in_force()[line].cells for line in lines)


def _answer(key: str, value: object, hide: bool) -> object:
    if value is None or value == [] or value == "":
        return ""
    if hide:
        return privacy.HIDDEN
    f = form().field(key)
    if isinstance(value, bool):
        return YES_NO[value]
    if isinstance(value, list):
        return "、".join(f.choice_label(v) for v in value)
    return f.choice_label(str(value)) if f.choices else value


def rows(session: Session, line: str, unit: str, limit: int) -> list[list]:
    """One line's ledger: a row per visit in ``unit`` (its subtree) that fed the line, oldest first, at most
    ``limit``: the unit, the line and the limit are the database's to apply (a district has a million visits)."""
    ledger = in_force()[line]
    tree = Tree.load(session)
    committees = [code for code in tree.units if code == unit or unit in tree.ancestors(code)]
    found = session.execute(
        select(Visit, Resident)
        .join(Resident, Resident.id == Visit.resident_id)
        .where(
            Visit.committee.in_(committees),
            (literal(";") + Visit.lines + literal(";")).contains(f";{line};", autoescape=True),
        )
        .order_by(Visit.visited_on, Visit.id)
        .limit(limit)
    ).all()
    out: list[list] = []
    for visit, resident in found:
        person = masked(resident, [], visit.visited_on)
        answers = json.loads(visit.answers)
        facts = {"row": len(out) + 1, "visited_on": visit.visited_on.isoformat(), "visitor": visit.visitor}
        facts["committee"] = visit.committee or ""
        row = []
        for c in ledger.columns:
            kind, _, name = c.source.partition(".")
            if kind == "answer":
                row.append(_answer(name, answers.get(name), c.masked))
            else:
                row.append((person if kind == "person" else facts).get(name, ""))
        out.append(row)
    return out


def export(session: Session, params: dict, caller: Caller) -> bytes:
    """``people.ledger``: one line's ledger for an org unit, as an Excel workbook in the line's own layout."""
    from openpyxl import Workbook

    line, by_line = params["line"], in_force()
    if line not in by_line:
        raise Refused(
            f"no ledger for line {line!r} (lines: {', '.join(by_line)})",
            {"reason": "not_found", "key": line},
            code=ErrorCode.INVALID_PAYLOAD,
        )
    ledger = by_line[line]
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = form().lines[line][0]
    append_row(sheet, [ledger.title])
    append_row(sheet, [c.header for c in ledger.columns])
    for row in rows(session, line, params["unit"], limit_of(params, 5_000, 50_000)):
        append_row(sheet, row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# -- the savings and visits per staff-day, on the dashboards --------------------------------------------------------


def load(session: Session) -> pd.DataFrame:
    frame = read_frame(
        session,
        select(Visit.id, Visit.visited_on, Visit.visitor, Visit.subdistrict, Visit.fields_entered, Visit.ledger_cells),
        ["id", "visited_on", "visitor", "subdistrict", "entered", "asked"],
    )
    frame["month"] = pd.to_datetime(frame["visited_on"]).dt.strftime("%Y-%m")
    frame["staff_day"] = frame["visitor"] + "|" + frame["visited_on"].astype(str)
    return frame


def version(session: Session) -> tuple:
    return tuple(session.execute(select(func.count(Visit.id), func.max(Visit.id))).one())


def _groups(frame: pd.DataFrame, by: tuple[str, ...]) -> Any:
    return frame.groupby(list(by) if by else (lambda _: "all"))


def saved_share(frame: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    """The share of ledger cells the one form spared: 1 - entered / asked."""
    sums = _groups(frame, by)[["entered", "asked"]].sum()
    spared = (sums["asked"] - sums["entered"]).clip(lower=0)
    return pd.DataFrame(
        {"numerator": spared, "denominator": sums["asked"], "value": spared / sums["asked"].where(sums["asked"] > 0)}
    )


def per_staff_day(frame: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    """Visits per day a staff member visited (a visitor's distinct visiting days)."""
    groups = _groups(frame, by)
    visits, days = groups["id"].count(), groups["staff_day"].nunique()
    return pd.DataFrame({"numerator": visits, "denominator": days, "value": visits / days.where(days > 0)})


def metrics() -> list[MetricSpec]:
    return [
        MetricSpec(
            "people.form_saving",
            tr_noop("Metrics", "Ledger entries spared by the one visit form"),
            "%",
            load,
            saved_share,
            version,
            dimensions=("month", "subdistrict"),
            place="subdistrict",  # the visit's
        ),
        MetricSpec(
            "people.visits_per_staff_day",
            tr_noop("Metrics", "Resident visits per staff-day"),
            "visits",
            load,
            per_staff_day,
            version,
            dimensions=("month", "subdistrict"),
            place="subdistrict",  # the visit's
        ),
    ]
