"""Working time: office hours, weekends, public holidays and make-up working days (调休).

Case time limits may count only working hours.  ``add`` turns "4 working
hours from now" into a wall-clock deadline; ``between`` measures the working
time two moments span.  All datetimes are timezone-aware; the calendar works
in its own zone (Asia/Shanghai for the district) and returns UTC.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from citybrain.core.config import bundled


@dataclass(frozen=True)
class WorkCalendar:
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Asia/Shanghai"))
    day_start: time = time(9, 0)
    day_end: time = time(17, 30)
    weekend: frozenset[int] = frozenset({5, 6})  # Saturday, Sunday (date.weekday())
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()  # weekend days worked instead of a holiday

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() not in self.weekend and day not in self.holidays

    def _hours(self, day: date) -> tuple[datetime, datetime]:
        return (datetime.combine(day, self.day_start, self.zone), datetime.combine(day, self.day_end, self.zone))

    def add(self, start: datetime, duration: timedelta, *, working_hours: bool = True) -> datetime:
        """The moment ``duration`` of (working) time after ``start``, in UTC."""
        if start.tzinfo is None:
            raise ValueError("naive datetime: give timezone-aware times")
        if not working_hours:
            return (start + duration).astimezone(UTC)
        left = duration
        now = start.astimezone(self.zone)
        for _ in range(3660):  # ten years of days: a limit, not a loop that never ends
            opens, closes = self._hours(now.date())
            if self.is_working_day(now.date()) and now < closes:
                begin = max(now, opens)
                if begin + left <= closes:
                    return (begin + left).astimezone(UTC)
                left -= closes - begin
            now = datetime.combine(now.date() + timedelta(days=1), time(0), self.zone)
        raise ValueError(f"no working time found within ten years of {start}")

    def between(self, a: datetime, b: datetime) -> timedelta:
        """Working time from ``a`` to ``b`` (zero if ``b`` is not after ``a``)."""
        a, b = a.astimezone(self.zone), b.astimezone(self.zone)
        total = timedelta()
        day = a.date()
        while day <= b.date():
            if self.is_working_day(day):
                opens, closes = self._hours(day)
                lo, hi = max(opens, a), min(closes, b)
                if hi > lo:
                    total += hi - lo
            day += timedelta(days=1)
        return total

    @classmethod
    def from_toml(cls, text: str) -> WorkCalendar:
        """``zone``, ``day_start``/``day_end`` ("09:00"), ``weekend`` (0=Monday), ``holidays``/``workdays`` (dates)."""
        data = tomllib.loads(text)

        def days(key: str) -> frozenset[date]:
            return frozenset(d if isinstance(d, date) else date.fromisoformat(d) for d in data.get(key, []))

        return cls(
            zone=ZoneInfo(data.get("zone", "Asia/Shanghai")),
            day_start=time.fromisoformat(data.get("day_start", "09:00")),
            day_end=time.fromisoformat(data.get("day_end", "17:30")),
            weekend=frozenset(data.get("weekend", [5, 6])),
            holidays=days("holidays"),
            workdays=days("workdays"),
        )

    @classmethod
    def shipped(cls, name: str = "cn-mainland") -> WorkCalendar:
        """A shipped calendar, read the first time it is asked for (a calendar is immutable: one per process)."""
        return _shipped(name)


@cache
def _shipped(name: str) -> WorkCalendar:
    return WorkCalendar.from_toml(bundled("citybrain.configs", "calendars", f"{name}.toml").read_text(encoding="utf-8"))
