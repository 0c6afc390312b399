"""Working time across evenings, weekends, public holidays and make-up working days."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from citybrain.core.workcalendar import WorkCalendar

SH = ZoneInfo("Asia/Shanghai")
CAL = WorkCalendar.shipped()


def at(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SH)


@pytest.mark.parametrize(
    "start, hours, due",
    [
        (at(2026, 11, 24, 10, 0), 2, at(2026, 11, 24, 12, 0)),  # a Tuesday morning
        (at(2026, 11, 24, 16, 0), 4, at(2026, 11, 25, 11, 30)),  # over the evening
        (at(2026, 11, 27, 16, 0), 4, at(2026, 11, 30, 11, 30)),  # Friday → Monday
        (at(2026, 11, 28, 10, 0), 1, at(2026, 11, 30, 10, 0)),  # asked on a Saturday: starts Monday 09:00
        (at(2026, 9, 30, 16, 0), 4, at(2026, 10, 8, 11, 30)),  # National Day: 1–7 October off
        (at(2026, 10, 9, 16, 0), 4, at(2026, 10, 10, 11, 30)),  # Saturday 10 October is a make-up working day
        (at(2026, 11, 24, 7, 0), 8.5, at(2026, 11, 24, 17, 30)),  # before opening: exactly one working day
    ],
)
def test_deadlines_count_only_working_hours(start, hours, due):
    assert CAL.add(start, timedelta(hours=hours)) == due
    assert CAL.between(start, due) == timedelta(hours=hours)


def test_round_the_clock_limits_ignore_the_calendar():
    start = at(2026, 10, 1, 23, 0)
    assert CAL.add(start, timedelta(hours=2), working_hours=False) == at(2026, 10, 2, 1, 0)


def test_naive_times_are_refused():
    with pytest.raises(ValueError, match="naive"):
        CAL.add(datetime(2026, 11, 24, 10), timedelta(hours=1))


def test_a_calendar_from_toml():
    cal = WorkCalendar.from_toml('day_start = "08:30"\nday_end = "12:00"\nholidays = [2026-11-25]\n')
    assert cal.add(at(2026, 11, 24, 11, 0), timedelta(hours=2)) == at(2026, 11, 26, 9, 30)
