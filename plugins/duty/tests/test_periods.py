"""Heightened-duty periods (flood season, public holidays, major events) as data: imported all or nothing, each with
its roster rule (a leader on duty in every unit: refused on import, flagged when the period comes after the roster),
its reminder at the kind's cadence, and the record the desks' banners read."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from citybrain.core.client import RequestError
from citybrain.core.workcalendar import WorkCalendar
from citybrain.plugins.duty.periods import period_setup
from citybrain.plugins.duty.roster import ZONE

LEADER_COLUMN = "区应急局/带班领导"  # the one leader post not required every day outside periods and holidays


@pytest.fixture
def client(citybrain_daemon_factory):
    daemon = citybrain_daemon_factory(plugins={"duty": "citybrain.plugins.duty.daemon"})
    return daemon.client(login="duty")


def _import(client, kind: str, data: bytes, filename: str = "x.csv") -> dict:
    return client.command("import", {"kind": kind, "filename": filename, "data": data}).result(30)["result"]


def _period(client, code: str) -> dict | None:
    return client.replica.get("duty.periods", code)


def test_the_demo_event_is_on_with_its_rules_and_its_reminder(client):
    client.wait_for(lambda s: _period(client, "demo-event") is not None)
    event = _period(client, "demo-event")
    assert (event["kind"], event["active"], event["leaders"], event["every_minutes"], event["gaps"]) == (
        "major_event",
        True,
        True,
        period_setup().rules["major_event"].reminder_minutes,
        [],
    )
    (reminder,) = [r for r in client.replica.records("duty.reminders") if "城市马拉松赛事保障" in r["title"]]
    assert (reminder["kind"], reminder["every_minutes"], reminder["unit"]) == ("special", 60, "CYZX")
    assert reminder["until"] >= f"{event['last']}T"  # it stops when the period ends


@pytest.mark.parametrize(
    ("sheet", "problems"),
    [
        ("代码,类型,名称,开始,结束\nx,台风季,某活动,2026-07-01,2026-07-02\n", {(2, "类型")}),
        ("代码,类型,名称,开始,结束\nx,重大活动,某活动,2026-07-05,2026-07-01\n", {(2, "结束")}),
        ("代码,类型,名称,开始,结束,提醒间隔\nx,汛期,汛期,2026-06-01,2026-9-31,5\n", {(2, "结束"), (2, "提醒间隔")}),
        (
            "代码,类型,名称,开始,结束\nx,汛期,汛期,2026-06-01,2026-09-30\nx,节假日,元旦,2027-01-01,2027-01-01\n",
            {(3, "代码")},
        ),
        ("代码,类型,名称\nx,汛期,汛期\n", {(1, "开始")}),
    ],
)
def test_a_bad_periods_sheet_is_refused_whole_row_by_row(client, sheet, problems):
    with pytest.raises(RequestError) as refused:
        _import(client, "duty.periods", sheet.encode())
    assert {(e["row"], e["column"]) for e in refused.value.details["errors"]} == problems
    client.wait_for(lambda s: _period(client, "demo-event") is not None)
    assert _period(client, "x") is None


def _gap_day() -> date:
    """A working day of next month within the month ahead that the daemon checks."""
    today = datetime.now(ZONE).date()
    first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    calendar = WorkCalendar.shipped()
    return next(first + timedelta(days=n) for n in range(7) if calendar.is_working_day(first + timedelta(days=n)))


def _roster_without_a_leader(client, day: date) -> bytes:
    """Next month's roster as exported, with the emergency bureau's leader taken off ``day``."""
    data = client.query("duty.export", {"month": f"{day:%Y-%m}"}).result(30)["result"]
    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    column = next(n for n, c in enumerate(sheet[1], start=1) if c.value == LEADER_COLUMN)
    row = next(n for n, r in enumerate(sheet.iter_rows(min_row=2), start=2) if r[0].value == day.isoformat())
    sheet.cell(row, column).value = None
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_roster_without_a_leader_on_a_period_day_is_flagged_then_refused(client):
    day = _gap_day()
    today = datetime.now(ZONE).date()
    roster = _roster_without_a_leader(client, day)
    assert _import(client, "duty.roster", roster, "roster.xlsx")["imported"] > 0  # no period then: a leader may rest
    season = (
        f"代码,类型,名称,开始,结束\n"
        f"flood-early,汛期,汛期提前,{today + timedelta(days=1)},{today + timedelta(days=40)}\n"
    )
    _import(client, "duty.periods", season.encode())
    client.wait_for(lambda s: _period(client, "flood-early") is not None)
    early = _period(client, "flood-early")
    assert not early["active"] and early["every_minutes"] == period_setup().rules["flood_season"].reminder_minutes
    assert early["gaps"] == [{"date": day.isoformat(), "unit": "YJJ", "unit_name": "区应急局"}]  # flagged
    assert not [r for r in client.replica.records("duty.reminders") if "汛期提前" in r["title"]]  # not begun yet
    with pytest.raises(RequestError) as refused:  # the same roster again: now the rule refuses it, naming the day
        _import(client, "duty.roster", roster, "roster.xlsx")
    (error,) = refused.value.details["errors"]
    assert error["column"] == LEADER_COLUMN and "汛期提前 needs a leader of 区应急局" in error["message"]


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(plugins={"duty": "citybrain.plugins.duty.daemon"})


def test_the_banner_shows_the_period_and_marks_a_roster_without_a_leader(citybrain_desk, qtbot, qapp):
    from citybrain.plugins.duty.alerts import DutyAlerts
    from citybrain.plugins.duty.desk import citybrain_banner
    from citybrain.shell.i18n import install_translator

    ctx = citybrain_desk.context("duty")
    banner = citybrain_banner(ctx)  # what every window shows (the desk-wide test below)
    qtbot.addWidget(banner)
    qtbot.waitUntil(lambda: not banner.isHidden(), timeout=30_000)
    text = banner.lines.text()
    assert text.startswith("Heightened duty: Major event · 城市马拉松赛事保障, until ")
    assert text.endswith("a leader on duty in every unit · report every 60 minutes")
    assert banner.gaps.isHidden()  # the roster keeps the rule

    DutyAlerts(ctx)  # what was so when the desk started is not rung; what changes after, once
    client, day = citybrain_desk.feed.client, _gap_day()
    today = datetime.now(ZONE).date()
    _import(client, "duty.roster", _roster_without_a_leader(client, day), "roster.xlsx")
    season = (
        f"代码,类型,名称,开始,结束\nflood-early,汛期,汛期,{today + timedelta(days=1)},{today + timedelta(days=40)}\n"
    )
    _import(client, "duty.periods", season.encode())
    qtbot.waitUntil(lambda: not banner.gaps.isHidden(), timeout=30_000)
    assert (
        banner.lines.text()
        .splitlines()[1]
        .startswith(f"Heightened duty from {today + timedelta(days=1)}: Flood season, until")
    )  # its name adds nothing
    assert banner.gaps.text() == f"Roster: 1 day without a leader (区应急局), the first {day}"
    said = citybrain_desk.notifier.history
    qtbot.waitUntil(lambda: any(n.title == "A heightened-duty day without a leader" for n in said), timeout=10_000)
    assert not any(n.title == "Heightened duty begins" for n in said)  # the event was on already; the flood is to come
    event = f"代码,类型,名称,开始,结束\nexpo,重大活动,进博会保障,{today},{today + timedelta(days=2)}\n"
    _import(client, "duty.periods", event.encode())
    qtbot.waitUntil(
        lambda: any(n.title == "Heightened duty begins" and "进博会保障" in n.text for n in said), timeout=10_000
    )
    install_translator(qapp, "zh_CN")
    try:
        banner.refresh()
        assert banner.lines.text().startswith("加强值班：重大活动 · 城市马拉松赛事保障，至")
        assert banner.gaps.text() == f"排班：1天无带班领导（区应急局），最早{day}"
    finally:
        install_translator(qapp, "en")


@pytest.mark.parametrize("layout", ["small-screen", "video-wall"])
def test_the_banner_is_over_every_window_of_the_desk_and_the_wall_whatever_views_it_opens(
    citybrain_daemon, tmp_path, qtbot, layout
):
    """Desk-wide: a window without the duty board (the small screen's alarms and inbox) shows the period too."""
    from citybrain.core.testing import PASSWORDS
    from citybrain.shell.desk import Desk
    from citybrain.shell.feed import DeskFeed
    from citybrain.shell.layouts import LayoutStore
    from citybrain.shell.plugins import desk_plugin_host

    host = desk_plugin_host()
    host.register("duty", "citybrain.plugins.duty.desk")
    feed = DeskFeed(citybrain_daemon.endpoint)
    desk = Desk(feed, host, LayoutStore(tmp_path / "layouts"))
    try:
        desk.start(layout)
        with qtbot.waitSignal(feed.stale_changed, timeout=30_000, check_params_cb=lambda stale: not stale):
            feed.start()
        reply = feed.client.login("duty", PASSWORDS["duty"])
        feed.set_operator({k: v for k, v in reply.items() if k != "token"})
        strips = [window.banners for window in desk.windows.values()]
        assert strips and all(strip is not None for strip in strips)
        for strip in strips:
            qtbot.waitUntil(lambda s=strip: not s.isHidden(), timeout=30_000)
            (banner,) = strip.banners
            assert banner.lines.text().startswith("Heightened duty: Major event · 城市马拉松赛事保障, until ")
        assert not any(window.findChildren(type(banner))[1:] for window in desk.windows.values())  # one each
    finally:
        desk.shutdown()
        feed.stop()
