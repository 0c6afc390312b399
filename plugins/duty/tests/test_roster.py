"""A month's roster checked before anything is stored: one sheet per refusal reason, each named by row and column."""

from __future__ import annotations

import csv
import io
import random
from datetime import date

import pytest

from citybrain.core.workcalendar import WorkCalendar
from citybrain.plugins.duty.demo import demo_people, demo_sheet
from citybrain.plugins.duty.roster import DATE_COLUMN, check_roster, duty_setup, export_roster

MONTH = date(2026, 10, 1)  # National Day: 1–7 October are public holidays, Saturday 10 October is worked
PEOPLE = demo_people(random.Random(5))
NAMES = {p["name"] for p in PEOPLE}
CAL = WorkCalendar.shipped()


def _rows() -> list[list[str]]:
    return list(csv.reader(io.StringIO(demo_sheet(PEOPLE, MONTH).decode("utf-8"))))


def _bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def _check(rows: list[list[str]]):
    return check_roster("roster.csv", _bytes(rows), duty_setup(), NAMES, CAL)


def _only(report, row: int, column: str, words: str) -> None:
    assert report.imported == 0
    assert [(e.row, e.column) for e in report.errors] == [(row, column)], report.errors
    assert words in report.errors[0].message, report.errors[0].message


def test_a_good_month_is_accepted_every_post_every_day():
    assignments, report = _check(_rows())
    assert report.errors == [] and report.rows == 31
    assert len(assignments) == 31 * len(duty_setup().headers)


def test_an_unknown_person():
    rows = _rows()
    rows[3][2] = "查无此人"
    _only(_check(rows)[1], 4, rows[0][2], "unknown person '查无此人'")


def test_a_gap_in_coverage():
    rows = _rows()
    rows[12][3] = ""  # 12 October, a working day
    _only(_check(rows)[1], 13, rows[0][3], "nobody on duty")


def test_a_public_holiday_needs_a_leader_for_every_unit():
    rows = _rows()
    column = rows[0].index("区应急局/带班领导")  # needed on weekends and public holidays only
    rows[3][column] = ""  # 3 October: a holiday -> refused
    rows[12][column] = ""  # 12 October: a Monday -> fine without
    _only(_check(rows)[1], 4, "区应急局/带班领导", "a leader is needed on a weekend or public holiday")


def test_one_person_in_two_places_at_once():
    rows = _rows()
    busy = rows[5][rows[0].index("区城运中心/带班领导")]  # on for 24 hours from 08:30
    column = rows[0].index("总值班室/值班员/白班")
    rows[5][column] = busy
    _only(_check(rows)[1], 6, "总值班室/值班员/白班", f"{busy} is already on duty then")


def test_a_date_outside_the_month_and_a_missing_day():
    rows = _rows()
    rows[20][0] = "2026-11-20"
    report = _check(rows)[1]
    assert [(e.row, e.column) for e in report.errors] == [(0, DATE_COLUMN), (21, DATE_COLUMN)]
    assert "2026-10-20 has no row" in report.errors[0].message and "outside 2026-10" in report.errors[1].message


@pytest.mark.parametrize(
    "header, cell, message", [("区城运中心/厨师", None, "unknown column"), (None, "十月一日", "is not a date")]
)
def test_sheets_that_are_not_rosters(header, cell, message):
    rows = _rows()
    if header:
        rows[0].append(header)
    if cell:
        rows[1][0] = cell
    assert any(message in e.message for e in _check(rows)[1].errors)


def test_the_export_is_the_import_shape_and_reads_back_the_same():
    assignments, _ = _check(_rows())
    records = [
        {
            "date": a.day.isoformat(),
            "unit": a.post.unit,
            "position": a.post.position,
            "shift": a.post.shift.code,
            "person": a.person,
        }
        for a in assignments
    ]
    workbook = export_roster(records, duty_setup(), MONTH)
    again, report = check_roster("roster.xlsx", workbook, duty_setup(), NAMES, CAL)
    assert report.errors == []
    assert {(a.day, a.post, a.person) for a in again} == {(a.day, a.post, a.person) for a in assignments}
