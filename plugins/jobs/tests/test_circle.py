"""The travel circle on the map (``jobs.circle`` and the circle view) and the seekers and openings by subdistrict
(``jobs.subdistricts`` and the wall page), on real daemons and an offscreen desk, in both languages.  Screenshots:
CITYBRAIN_SHOTS=folder keeps them (the desk's dark theme, 1920×1080; the wall at 3840×2160)."""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from citybrain.core.api import ErrorCode
from citybrain.core.client import RequestError
from citybrain.core.operators import Role, create_operator
from citybrain.plugins.duty.tests.keyboard import hosted
from citybrain.plugins.jobs import matching
from citybrain.plugins.jobs.circle import CIRCLE, SUBDISTRICTS, reach_km
from citybrain.plugins.jobs.circle_view import CircleView
from citybrain.plugins.jobs.matching_view import MatchingView
from citybrain.plugins.jobs.tables import Seeker, Vacancy
from citybrain.plugins.jobs.tests.conftest import (
    MAN_1970,
    SEEKER_HEADER,
    VACANCY_HEADER,
    VALID,
    WOMAN_1980,
    csv_bytes,
    new_district,
    send_import,
    stock,
)
from citybrain.plugins.jobs.wall_view import JobsWall
from citybrain.shell.i18n import install_translator
from citybrain.shell.testing import on_screen

OUYANG = "310109009000"  # 欧阳路街道
MAN_1988 = "310109198807070010"  # a valid GB 11643 number: a man born 1988-07-07
HOME = (31.2700, 121.4800)  # 大连新村, the compound of the stocked seeker 王秀英


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


def _shoot(widget, name: str) -> None:  # noqa: ANN001
    folder = os.environ.get("CITYBRAIN_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


@pytest.fixture(autouse=True)
def _dark_for_shots(qapp):  # noqa: ANN001, ANN202
    """Screenshots in the desk's own theme (only when they are kept: the theme is the application's)."""
    if os.environ.get("CITYBRAIN_SHOTS"):
        from citybrain.shell.theme import apply_theme

        apply_theme(qapp, "dark")


def _trip_minutes(a: tuple[float, float], b: tuple[float, float], kmh: float = 5.0) -> float:
    """The circle's assumption written out independently of the plugin: straight line on an equirectangular plane
    at the points' mean latitude, times the detour factor 1.3, at ``kmh``."""
    lat = math.radians((a[0] + b[0]) / 2)
    km = math.hypot((a[1] - b[1]) * 111.320 * math.cos(lat), (a[0] - b[0]) * 110.574)
    return km * 1.3 / kmh * 60


def test_the_circle_holds_what_the_circle_function_and_the_matching_say(district, leader) -> None:
    seekers, vacancies = stock(district, leader)
    around = leader.query(CIRCLE, {"seeker": seekers["王秀英"]}).result(30)["result"]
    assert [p["record"]["title"] for p in around] == ["养老护理员", "保洁员", "收银员"]  # nearest first
    for p in around:
        expected = _trip_minutes(HOME, (p["record"]["lat"], p["record"]["lon"]))
        assert p["minutes"] == pytest.approx(expected, abs=0.05)
        assert p["inside"] == (expected <= 15)
    matched = leader.query("jobs.matches", {"seeker": seekers["王秀英"], "limit": 100}).result(30)["result"]
    assert (
        {p["id"] for p in around if p["inside"]}
        == {m["vacancy"] for m in matched}
        == {
            vacancies["养老护理员"],
            vacancies["保洁员"],
        }
    )
    candidates = leader.query(CIRCLE, {"vacancy": vacancies["收银员"]}).result(30)["result"]
    assert [(p["record"]["name"], p["inside"]) for p in candidates] == [("张伟", True), ("王秀英", False)]
    assert candidates[0]["record"]["phone_masked"] == "139****2222" and "id_number" not in candidates[0]["record"]
    assert reach_km(15, False) == pytest.approx(15 / 60 * 5 / 1.3)  # the ring drawn: 0.96 km on foot
    for params in ({}, {"seeker": seekers["王秀英"], "vacancy": vacancies["收银员"]}):
        with pytest.raises(RequestError) as refused:
            leader.query(CIRCLE, params).result(30)
        assert refused.value.code == ErrorCode.INVALID_PAYLOAD


def _edge(lon_from: float, lon_to: float) -> tuple[float, float]:
    """Two workplaces due east of 大连新村, next to each other as floats: at the first the circle function gives the
    seeker (15 min on foot) a trip of exactly 15 minutes; at the second, more (the matching's own arrays, each
    workplace with the seeker alone, as a vacancy's circle is computed when it is the only one open)."""

    def trip(lon: float) -> float:
        s = matching.seekers(
            [
                {
                    "id": 1,
                    "occupation": None,
                    "lat": HOME[0],
                    "lon": HOME[1],
                    "education": None,
                    "hours": "any",
                    "skills": "",
                    "wage": None,
                    "minutes": 15,
                    "transit": False,
                }
            ]
        )
        v = matching.vacancies(
            [
                {
                    "id": 1,
                    "occupation": "4-09-07-01",
                    "lat": HOME[0],
                    "lon": lon,
                    "education": None,
                    "hours": "full",
                    "requirements": "",
                    "wage_min": 1,
                    "wage_max": 2,
                }
            ]
        )
        return float(matching.minutes(matching.prepare(s, v), slice(0, 1))[0, 0])

    low, high = lon_from, lon_to
    while (mid := (low + high) / 2) not in (low, high):
        low, high = (mid, high) if trip(mid) <= 15 else (low, mid)
    assert trip(low) == 15.0 and trip(high) > 15.0 and high == np.nextafter(low, math.inf)
    return low, high


def test_a_point_exactly_on_the_edge_is_inside_and_the_next_one_out(district, leader) -> None:
    on_edge, beyond = _edge(HOME[1], HOME[1] + 0.02)
    send_import(
        leader,
        "jobs.seekers",
        "s.csv",
        csv_bytes(SEEKER_HEADER, f"{WOMAN_1980},王秀英,13800001111,大连新村,,,,,any,15,no,,,2024-01-10"),
    )
    lines = [  # two titles: a vacancy's natural key is its employer and title
        f"{VALID[0]},{title},4-09-07-01,4000,4500,full,,,1,{HOME[0]!r},{lon!r},"
        for title, lon in (("保洁员", on_edge), ("保洁员（夜班）", beyond))
    ]
    send_import(leader, "jobs.vacancies", "v.csv", csv_bytes(VACANCY_HEADER, *lines))
    with district.daemon.database.sessions() as session:
        ids = {v.lon: v.id for v in session.scalars(select(Vacancy))}
    assert set(ids) == {on_edge, beyond}  # stored exactly as given
    (at_edge,) = leader.query(CIRCLE, {"vacancy": ids[on_edge]}).result(30)["result"]
    (past,) = leader.query(CIRCLE, {"vacancy": ids[beyond]}).result(30)["result"]
    assert at_edge["minutes"] == 15.0 and at_edge["inside"] is True
    assert past["inside"] is False


def test_a_subdistrict_s_desk_sees_its_own_seekers_round_a_vacancy_and_the_wall_no_one(district, leader) -> None:
    seekers, vacancies = stock(district, leader)

    async def create() -> None:
        await district.daemon.write(lambda tx: create_operator(tx.session, "ouyang", "ouyang-desk", Role.OPERATOR))

    district.call(create)
    admin = district.client(login="admin")
    admin.command("operators.unit", {"username": "ouyang", "unit": OUYANG}).result(10)
    admin.stop()
    desk, wall = district.client(), district.client(login="wall")
    try:
        desk.login("ouyang", "ouyang-desk")
        around = desk.query(CIRCLE, {"vacancy": vacancies["保洁员"]}).result(30)["result"]
        assert [p["record"]["name"] for p in around] == ["王秀英"]  # 张伟 of 北外滩 is left out
        for params in ({"vacancy": vacancies["收银员"]}, {"seeker": seekers["张伟"]}):  # another subdistrict's
            with pytest.raises(RequestError) as refused:
                desk.query(CIRCLE, params).result(30)
            assert refused.value.code == ErrorCode.FORBIDDEN
        assert [r["subdistrict"] for r in desk.query(SUBDISTRICTS, {}).result(30)["result"]] == [OUYANG]
        with pytest.raises(RequestError) as refused:  # the wall's viewer session reads no seeker
            wall.query(CIRCLE, {"vacancy": vacancies["保洁员"]}).result(30)
        assert refused.value.code == ErrorCode.FORBIDDEN
    finally:
        desk.stop()
        wall.stop()


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory, tmp_path):
    """The stocked district, with a third seeker in 曲阳坊 who walks 5 minutes at most: the 保洁员 500 m away is
    beyond them, so half of 欧阳路街道's seekers have no opening within reach."""
    daemon = new_district(citybrain_daemon_factory, {"outbox": str(tmp_path / "outbox")}, stocked=True)
    client = daemon.client(login="duty")
    send_import(
        client,
        "jobs.seekers",
        "s.csv",
        csv_bytes(SEEKER_HEADER, f"{MAN_1970},李强,13700003333,曲阳坊,4-09-07-01,,junior,,any,5,no,,,2024-04-01"),
    )
    client.stop()
    return daemon


@pytest.fixture
def ctx(citybrain_desk, qtbot):
    ctx = citybrain_desk.context("jobs")
    qtbot.waitUntil(lambda: len(ctx.records("jobs.vacancies")) == 3 and bool(ctx.records("org.units")), timeout=30_000)
    return ctx


def _circle_view(citybrain_desk, qtbot, ctx):  # noqa: ANN001, ANN202
    view = CircleView(ctx)
    frame = hosted(view, "jobs.circle", citybrain_desk, qtbot)
    frame.resize(1920, 1080)
    return view, frame


def _centre_on_seeker(view, qtbot, name: str) -> None:  # noqa: ANN001
    """By keys: Ctrl+F, the name, Enter searches; Enter on the first found draws the circle."""
    view.found.setFocus()  # somewhere else in the view: Ctrl+F brings the search box
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.text.hasFocus()
    view.text.insert(name)  # typed through an input method (QTest types Latin-1 only)
    qtbot.keyClick(view.text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.found.count() >= 1 and view.found.hasFocus(), timeout=30_000)
    qtbot.keyClick(view.found, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.inside.count() >= 1 and view.inside.hasFocus(), timeout=30_000)


def test_a_seeker_s_circle_by_keys(citybrain_desk, ctx, qtbot) -> None:
    view, frame = _circle_view(citybrain_desk, qtbot, ctx)
    _centre_on_seeker(view, qtbot, "王秀英")
    assert [view.inside.item(n).text() for n in range(2)] == [
        "2 min · Vacancy: 养老护理员, 上海华信制造有限公司",
        "8 min · Vacancy: 保洁员, 上海华信制造有限公司",
    ]
    inside, outside = view.map.points("inside"), view.map.points("outside")
    assert [(p.symbol, p.severity) for p in inside] == [("s", None), ("s", None)]  # grey: inside is normal
    assert [(p.label, p.symbol) for p in outside] == [("85 min · Vacancy: 收银员, 上海鑫达商贸有限公司", "x")]
    assert "15 min on foot, 0.96 km straight; 2 of 3 open vacancies inside" in view.heading.text()
    assert [e[2] for e in view.map.legend_entries][1:3] == ["Vacancy inside the circle", "Vacancy outside it"]
    assert view.map.points("current")[0].label.endswith("养老护理员, 上海华信制造有限公司")
    qtbot.keyClick(view.inside, Qt.Key.Key_Tab)  # Tab steps to the next point inside, the map names it
    assert view.inside.currentRow() == 1 and view.inside.hasFocus()
    assert view.map.points("current")[0].label.endswith("保洁员, 上海华信制造有限公司")
    qtbot.keyClick(view.inside, Qt.Key.Key_Return)  # Enter opens the match
    qtbot.waitUntil(lambda: "Score" in view.detail.text(), timeout=30_000)
    assert "8 min on foot" in view.detail.text() and "吸纳就业困难人员社会保险补贴" in view.detail.text()
    _shoot(frame, "jobs-circle-seeker-en")


def test_a_vacancy_s_circle_shows_the_seekers_it_reaches(citybrain_desk, ctx, qtbot) -> None:
    view, frame = _circle_view(citybrain_desk, qtbot, ctx)
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    view.text.insert("保洁")
    qtbot.keyClick(view.text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.found.count() == 1, timeout=30_000)
    assert view.found.item(0).text() == "Vacancy: 保洁员, 上海华信制造有限公司"
    qtbot.keyClick(view.found, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.inside.count() == 1, timeout=30_000)
    assert view.inside.item(0).text() == "8 min · Seeker: 王秀英, 46, 大连新村"
    assert [p.symbol for p in view.map.points("inside")] == ["o"]
    # 李强 lives 500 m from it but walks 5 minutes at most; 张伟 is in 北外滩
    assert sorted(p.label.split(": ")[1] for p in view.map.points("outside")) == [
        "张伟, 31, 北外滩小区",
        "李强, 56, 曲阳坊",
    ]
    assert "inside the circles of 1 of the 3 nearest seekers" in view.heading.text()
    _shoot(frame, "jobs-circle-vacancy-en")


def test_the_map_follows_the_matching_view_s_selection(citybrain_desk, ctx, qtbot) -> None:
    view, _ = _circle_view(citybrain_desk, qtbot, ctx)
    matching_view = MatchingView(ctx)
    qtbot.addWidget(matching_view)
    matching_view.tabs.setCurrentIndex(1)  # the vacancies
    qtbot.waitUntil(lambda: matching_view.vacancies.rowCount() == 3, timeout=30_000)
    row = next(r for r in range(3) if matching_view.vacancies.record_at(r)["title"] == "保洁员")
    matching_view.vacancy_table.view.selectRow(row)
    qtbot.waitUntil(lambda: view.inside.count() == 1, timeout=30_000)
    assert view.inside.item(0).text() == "8 min · Seeker: 王秀英, 46, 大连新村"
    view.follow.setChecked(False)  # unfollowed, the map keeps its circle
    row = next(r for r in range(3) if matching_view.vacancies.record_at(r)["title"] == "养老护理员")
    matching_view.vacancy_table.view.selectRow(row)
    qtbot.waitUntil(lambda: matching_view.matches.rowCount() == 1, timeout=30_000)
    assert view.centre is not None and view.centre["record"]["title"] == "保洁员"


def _latin(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]{3,}", text)


def test_the_chinese_map_is_chinese(citybrain_desk, ctx, qtbot) -> None:
    install_translator(_app(), "zh_CN")
    try:
        view, frame = _circle_view(citybrain_desk, qtbot, ctx)
        _centre_on_seeker(view, qtbot, "王秀英")
        qtbot.keyClick(view.inside, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: view.detail.text() != "", timeout=30_000)
        shown = " ".join(
            [view.heading.text(), re.sub(r"<[^>]+>", " ", view.detail.text()), view.text.placeholderText()]
            + [view.inside.item(n).text() for n in range(view.inside.count())]
            + [view.found.item(n).text() for n in range(view.found.count())]
            + [e[2] for e in view.map.legend_entries]
        )
        assert not _latin(shown), shown
        _shoot(frame, "jobs-circle-seeker-zh")
    finally:
        install_translator(_app(), "en")


def _counted_again_after_a_change(daemon) -> None:  # noqa: ANN001
    """The counts follow the records: a new seeker out of everyone's reach counts at once (not the last count)."""
    client = daemon.client(login="duty")
    try:
        send_import(
            client,
            "jobs.seekers",
            "s.csv",
            csv_bytes(SEEKER_HEADER, f"{MAN_1988},赵磊,13900004444,曲阳坊,,,,,any,5,no,,,2024-05-01"),
        )
        rows = client.query(SUBDISTRICTS, {}).result(30)["result"]
        assert {r["subdistrict"]: (r["seekers"], r["unreached"]) for r in rows}[OUYANG] == (3, 2)
        around = client.query(CIRCLE, {"seeker": _seeker_id(daemon, "赵磊")}).result(30)["result"]
        assert not any(p["inside"] for p in around)
        wang = _seeker_id(daemon, "王秀英")  # hired: one seeker fewer, one opening fewer
        client.command("jobs.push", {"seeker": wang}).result(30)
        push = client.query("jobs.pushes", {"seeker": wang}).result(30)["result"][0]["id"]
        client.command("jobs.hire", {"seeker": wang, "push": push}).result(30)
        rows = client.query(SUBDISTRICTS, {}).result(30)["result"]
        assert {r["subdistrict"]: (r["seekers"], r["openings"]) for r in rows}[OUYANG] == (2, 2)
    finally:
        client.stop()


def _seeker_id(daemon, name: str) -> int:  # noqa: ANN001
    with daemon.daemon.database.sessions() as session:
        return session.scalar(select(Seeker.id).where(Seeker.name == name))


def test_the_wall_counts_are_the_daemon_s_records(citybrain_daemon, ctx, qtbot) -> None:
    wall_client = citybrain_daemon.client(login="wall")  # the wall's session: a viewer, no personal data
    try:
        rows = wall_client.query(SUBDISTRICTS, {}).result(30)["result"]
    finally:
        wall_client.stop()
    with citybrain_daemon.daemon.database.sessions() as session:
        seekers = dict(
            session.execute(
                select(Seeker.subdistrict, func.count()).where(Seeker.state == "looking").group_by(Seeker.subdistrict)
            ).all()
        )
        openings = dict(
            session.execute(
                select(Vacancy.subdistrict, func.sum(Vacancy.openings - Vacancy.filled)).group_by(Vacancy.subdistrict)
            ).all()
        )
    assert {r["subdistrict"]: r["seekers"] for r in rows} == seekers == {"310109009000": 2, "310109018000": 1}
    assert {r["subdistrict"]: r["openings"] for r in rows} == openings == {"310109009000": 3, "310109018000": 1}
    assert {r["subdistrict"]: r["unreached"] for r in rows} == {"310109009000": 1, "310109018000": 0}
    assert all(set(r) == {"subdistrict", "seekers", "unreached", "vacancies", "openings"} for r in rows)  # no names

    view = JobsWall(ctx)
    window = on_screen(qtbot, view, wall=True)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=30_000)
    cells = {
        view.model.record_at(r)["name"]: [view.model.data(view.model.index(r, c)) for c in range(5)] for r in range(2)
    }
    assert cells == {
        "欧阳路街道": ["no opening in reach · 欧阳路街道", "2", "2", "3", "1"],  # the marker says why, in words
        "北外滩街道": ["北外滩街道", "1", "1", "1", "0"],
    }
    marked = [
        view.model.record_at(r)["name"]
        for r in range(2)
        if view.model.data(view.model.index(r, 0), Qt.ItemDataRole.DecorationRole)
    ]
    assert marked == ["欧阳路街道"]  # half its seekers cannot reach an opening: the one marker on the page
    assert view.seekers.value.text() == "3" and view.openings.value.text() == "4"
    assert view.unreached.value.text() == "1" and "Subdistricts to look at: 1" in view.unreached.marker.text()
    _shoot(window, "jobs-wall-en")
    install_translator(_app(), "zh_CN")
    try:
        chinese = JobsWall(ctx)
        window = on_screen(qtbot, chinese, wall=True)
        qtbot.waitUntil(lambda: chinese.model.rowCount() == 2, timeout=30_000)
        headers = [chinese.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
        shown = " ".join(headers + [chinese.seekers.title.text(), chinese.unreached.marker.text()])
        assert not _latin(shown), shown
        _shoot(window, "jobs-wall-zh")
    finally:
        install_translator(_app(), "en")
    _counted_again_after_a_change(citybrain_daemon)
