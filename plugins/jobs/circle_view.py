"""The 15-minute circle on the district map: a seeker's circle with the open vacancies inside it, or a vacancy with
the seekers whose own circle holds it.  Inside and outside come from the daemon (``jobs.circle``: the matching's
own circle function), never recomputed here; the ring drawn is that function's edge (:func:`circle.reach_km`).

It follows the seeker or vacancy picked in the matching view (a box turns that off).  Keyboard: Ctrl+F to the
search box, Enter searches seekers (by name) and vacancies (by title or employer); arrows and Enter in the list
found pick one; Ctrl+I goes to the points inside, Tab and Shift+Tab step through them (the map names the current
one), Enter opens its match (score and reasons).  Seekers are personal: the query answers an
operator's session only, names shown, ID number and phone masked, as in the matching view."""

from __future__ import annotations

import math
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from citybrain.core.geo import Feature
from citybrain.plugins.jobs import CANDIDATES, MATCHES, SEEKERS, VACANCIES
from citybrain.plugins.jobs.circle import CIRCLE, reach_km
from citybrain.plugins.jobs.matching import KM_PER_DEGREE_LAT, KM_PER_DEGREE_LON, shipped_settings
from citybrain.plugins.jobs.matching_view import SearchingView, percent, trip_text
from citybrain.plugins.jobs.selection import picked
from citybrain.plugins.jobs.words import DEPTH, MODES
from citybrain.plugins.people.words import unit_name
from citybrain.shell.api import DeskContext, RequestError, ViewAction, tr
from citybrain.widgets import MapPoint, MapView

BOUNDARIES = "cases.boundaries"
FOUND = 50  # seekers and vacancies a search lists
MATCHED = 100  # the best matches asked for when a point's match is opened
INSIDE, OUTSIDE, CENTRE, CURRENT = "inside", "outside", "centre", "current"
SHAPES = {  # (inside, outside): told apart by shape and size, never by colour (both are normal: grey)
    "vacancy": ("s", "x"),
    "seeker": ("o", "+"),
}


def ring(lat: float, lon: float, km: float, sides: int = 96) -> list[tuple[float, float]]:
    """A circle of ``km`` around a point, as (lon, lat) on the matching's plane (equirectangular at its latitude)."""
    east = KM_PER_DEGREE_LON * math.cos(math.radians(lat))
    return [
        (
            lon + km * math.cos(2 * math.pi * k / sides) / east,
            lat + km * math.sin(2 * math.pi * k / sides) / KM_PER_DEGREE_LAT,
        )
        for k in range(sides + 1)
    ]


def seeker_text(s: dict, ctx: DeskContext) -> str:
    return tr("Jobs", "Seeker: {name}, {age}, {home}").format(
        name=s["name"], age=s["age"], home=unit_name(ctx, s["compound"])
    )


def vacancy_text(v: dict) -> str:
    return tr("Jobs", "Vacancy: {title}, {employer}").format(title=v["title"], employer=v["employer"])


class CircleView(SearchingView):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__(ctx, tr("Jobs", "A seeker's name or a vacancy's title (Enter searches)"))
        self.text.returnPressed.connect(lambda: self.tasks.start(self.search()))
        self.found = QListWidget()
        self.found.itemActivated.connect(
            lambda item: self.tasks.start(self.centre_on(item.data(Qt.ItemDataRole.UserRole)))
        )
        self.heading = QLabel(tr("Jobs", "Search for a seeker or a vacancy and press Enter on it to see its circle."))
        self.heading.setWordWrap(True)
        self.inside = QListWidget()
        self.inside.setTabKeyNavigation(True)  # Tab and Shift+Tab step through the points inside
        self.inside.currentItemChanged.connect(lambda *_: self.show_current())
        self.inside.itemActivated.connect(lambda _: self.tasks.start(self.open_match()))
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.map = MapView()
        self.follow = QCheckBox(tr("Jobs", "Follow the matching view's selection"))
        self.follow.setChecked(True)
        picked().changed.connect(self._picked)
        left = QVBoxLayout()
        left.addWidget(self.follow)
        left.addWidget(self.text)
        left.addWidget(QLabel(tr("Jobs", "Found")))
        left.addWidget(self.found, 1)
        left.addWidget(self.heading)
        left.addWidget(QLabel(tr("Jobs", "Inside the circle, nearest first")))
        left.addWidget(self.inside, 2)
        left.addWidget(self.detail)
        column = QWidget()
        column.setLayout(left)
        column.setFixedWidth(440)
        row = QHBoxLayout()
        row.addWidget(column)
        row.addWidget(self.map, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(self.commands.message)
        self.centre: dict | None = None  # {"kind", "record"} of the seeker or vacancy whose circle shows
        self.points: list[dict] = []  # the last circle answer
        self.fitted = False
        ctx.on_change(BOUNDARIES, self.draw_boundaries)
        self.draw_boundaries()
        self._legend("seeker")
        self.setFocusProxy(self.text)  # opened, the view waits in its search box

    def view_actions(self) -> list[ViewAction]:
        return [
            ViewAction(
                "search", tr("Jobs", "Search seekers and vacancies"), self.focus_search, "Ctrl+F", places_focus=True
            ),
            ViewAction(
                "inside",
                tr("Jobs", "Go to the points inside the circle"),
                self.focus_inside,
                "Ctrl+I",
                places_focus=True,
            ),
        ]

    def focus_search(self) -> None:
        self.text.setFocus()
        self.text.selectAll()

    def focus_inside(self) -> None:
        self.inside.setFocus()
        if self.inside.currentRow() < 0 and self.inside.count():
            self.inside.setCurrentRow(0)

    def draw_boundaries(self) -> None:
        features = [
            Feature(b["id"], {"name": b["name"]}, [[tuple(p) for p in ring] for ring in b["rings"]])
            for b in self.ctx.records(BOUNDARIES)
        ]
        self.map.set_polygons("boundaries", tr("Jobs", "District"), features, label_property="name")

    def _legend(self, kind: str) -> None:
        if kind == "seeker":
            rows = [
                ("star", None, tr("Jobs", "The seeker's home")),
                ("s", None, tr("Jobs", "Vacancy inside the circle")),
                ("x", None, tr("Jobs", "Vacancy outside it")),
                ("area", None, tr("Jobs", "The circle: the seeker's minutes, on foot or by transit")),
            ]
        else:
            rows = [
                ("star", None, tr("Jobs", "The vacancy's workplace")),
                ("o", None, tr("Jobs", "Seeker it is inside the circle of")),
                ("+", None, tr("Jobs", "Seeker it is outside the circle of")),
                (
                    "area",
                    None,
                    tr("Jobs", "Circle: {minutes} min on foot (each seeker has their own minutes and mode)"),
                ),
            ]
        self.map.set_legend([(s, level, text.format(minutes=shipped_settings().minutes)) for s, level, text in rows])

    async def search(self) -> None:
        text = self.text.text().strip()
        self.found.clear()
        self.commands.clear()
        try:
            seekers = await self.ctx.query(SEEKERS, {"text": text or None, "limit": FOUND})
        except RequestError as exc:
            self.commands.refused(exc)
            seekers = []
        for s in seekers:
            self._add_found(seeker_text(s, self.ctx), {"kind": "seeker", "record": s})
        vacancies = sorted(
            (
                v
                for v in self.ctx.records(VACANCIES)
                if v["filled"] < v["openings"] and (text in v["title"] or text in v["employer"])
            ),
            key=lambda v: (v["title"], v["id"]),
        )
        for v in vacancies[:FOUND]:
            self._add_found(vacancy_text(v), {"kind": "vacancy", "record": v})
        if self.found.count():
            self.found.setCurrentRow(0)
            self.found.setFocus()
        else:
            self.heading.setText(tr("Jobs", "Nobody and nothing found for “{text}”.").format(text=text))

    def _add_found(self, text: str, chosen: dict) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, chosen)
        self.found.addItem(item)

    def _picked(self, chosen: dict) -> None:
        if self.follow.isChecked():
            self.tasks.start(self.centre_on(chosen, focus=False))  # the keys stay in the matching view

    async def centre_on(self, chosen: dict, focus: bool = True) -> None:
        """Ask the daemon for the points around ``chosen`` and draw its circle with them."""
        self.centre, self.points = chosen, []
        self.inside.clear()
        self.detail.clear()
        record = chosen["record"]
        try:
            points = await self.ctx.query(CIRCLE, {chosen["kind"]: record["id"]})
        except RequestError as exc:
            self.commands.refused(exc)
            return
        if self.centre is not chosen:
            return  # another was picked while this one was asked
        self.commands.clear()
        self.points = points
        self._legend(chosen["kind"])
        self.draw()
        inside = [p for p in points if p["inside"]]
        for p in inside:
            item = QListWidgetItem(self._point_text(p))
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.inside.addItem(item)
        self.heading.setText(self._heading(chosen, len(inside), len(points)))
        if inside:
            self.inside.setCurrentRow(0)
            if focus:
                self.inside.setFocus()

    def _point_text(self, p: dict) -> str:
        r = p["record"]
        who = vacancy_text(r) if p["kind"] == "vacancy" else seeker_text(r, self.ctx)
        return tr("Jobs", "{minutes} min · {who}").format(minutes=f"{p['minutes']:.0f}", who=who)

    def _heading(self, chosen: dict, inside: int, total: int) -> str:
        r = chosen["record"]
        if chosen["kind"] == "seeker":
            km = reach_km(r["minutes"], r["transit"])
            return tr(
                "Jobs", "{who}: {minutes} min {mode}, {km} km straight; {n} of {total} open vacancies inside"
            ).format(
                who=seeker_text(r, self.ctx),
                minutes=r["minutes"],
                mode=MODES("transit" if r["transit"] else "walk"),
                km=f"{km:.2f}",
                n=inside,
                total=total,
            )
        return tr("Jobs", "{who}: inside the circles of {n} of the {total} nearest seekers").format(
            who=vacancy_text(r), n=inside, total=total
        )

    def draw(self) -> None:
        assert self.centre is not None
        r, kind = self.centre["record"], self.centre["kind"]
        km = reach_km(r["minutes"], r["transit"]) if kind == "seeker" else reach_km(shipped_settings().minutes, False)
        circle = Feature("circle", {}, [ring(r["lat"], r["lon"], km)])
        self.map.set_polygons("circle", tr("Jobs", "Circle"), [circle], dashed=True)
        other = "vacancy" if kind == "seeker" else "seeker"
        shapes = SHAPES[other]
        for layer, inside, title, scale in (
            (OUTSIDE, False, tr("Jobs", "Outside the circle"), 0.45),
            (INSIDE, True, tr("Jobs", "Inside the circle"), 0.8),
        ):
            self.map.set_points(
                layer,
                title,
                [
                    MapPoint(
                        f"{p['kind']}:{p['id']}",
                        p["record"]["lon"],
                        p["record"]["lat"],
                        self._point_text(p),
                        None,
                        shapes[not inside],
                    )
                    for p in self.points
                    if p["inside"] == inside and p["record"].get("lat") is not None
                ],
                scale=scale,
                spread=inside,
            )
        self.map.set_points(
            CENTRE, tr("Jobs", "Centre"), [MapPoint("centre", r["lon"], r["lat"], "", None, "star")], scale=1.2
        )
        lat_pad = km / KM_PER_DEGREE_LAT
        lon_pad = km / (KM_PER_DEGREE_LON * math.cos(math.radians(r["lat"])))
        self.map.fit((r["lon"] - lon_pad, r["lat"] - lat_pad, r["lon"] + lon_pad, r["lat"] + lat_pad), margin=0.25)
        self.show_current()

    def current_point(self) -> dict | None:
        item = self.inside.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def show_current(self) -> None:
        """The point Tab reached, named on the map beside a larger mark."""
        p = self.current_point()
        marks = []
        if p is not None and p["record"].get("lat") is not None:  # its own shape, larger, and named
            shape = SHAPES[p["kind"]][0]
            marks = [MapPoint("current", p["record"]["lon"], p["record"]["lat"], self._point_text(p), None, shape)]
        self.map.set_points(CURRENT, tr("Jobs", "Current point"), marks, scale=1.4, labels=True)
        self.detail.clear()

    async def open_match(self) -> None:
        """The current point's match with the centre: its score and reasons, from the matching's own query."""
        p, centre = self.current_point(), self.centre
        if p is None or centre is None:
            return
        seeker_centre = centre["kind"] == "seeker"
        try:
            if seeker_centre:
                found = await self.ctx.query(MATCHES, {"seeker": centre["record"]["id"], "limit": MATCHED})
            else:
                found = await self.ctx.query(CANDIDATES, {"vacancy": centre["record"]["id"], "limit": MATCHED})
        except RequestError as exc:
            self.commands.refused(exc)
            return
        key = "vacancy" if seeker_centre else "seeker"
        match = next((m for m in found if m[key] == p["id"]), None)
        if match is None:
            self.detail.setText(
                escape(tr("Jobs", "Inside the circle, but not among the best {n} matches.").format(n=MATCHED))
            )
            return
        r = match["reasons"]
        lines = [
            tr("Jobs", "Score {score} of 100").format(score=percent(match["score"])),
            DEPTH(str(r["depth"])),
            trip_text(r),
            *(tr("Jobs", "A hire brings {subsidy}").format(subsidy=s["name"]) for s in match["subsidies"]),
        ]
        self.detail.setText("<b>" + escape(self._point_text(p)) + "</b><br>" + "<br>".join(escape(x) for x in lines))
