"""CAP warnings in force: the list (worst first), the one selected read in full, every warning's areas on the
district map, and the plans the rules suggest — accepted (activating the plan) or dismissed with a reason."""

from __future__ import annotations

import math
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from citybrain.core.times import local_time as local
from citybrain.plugins.cap.names import (
    certainty_name,
    msg_type_name,
    plan_name,
    severity_name,
    status_name,
    urgency_name,
)
from citybrain.shell.api import Column, DeskContext, ViewAction, tr
from citybrain.shell.names import level_name
from citybrain.widgets import DataTable, Sender, confirm
from citybrain.widgets.palette import SEVERITY, Marker

AREA_LEVEL = "high"  # a warning's area on the map: the palette's colour for it, a third opaque (the map reads through)
AREA_FILL = f"#55{SEVERITY[AREA_LEVEL].lstrip('#')[-6:]}"

WARNINGS, SUGGESTIONS, BOUNDARIES = "cap.warnings", "cap.suggestions", "cases.boundaries"
SEVERITY = {"Extreme": "urgent", "Severe": "high", "Moderate": "medium", "Minor": "low"}


def warning_marker(w: dict) -> Marker | None:
    """Only a warning whose area reaches the district is marked: level by its CAP severity, labelled with it."""
    level = SEVERITY.get(w["severity"]) if w["reaches_district"] else None
    return Marker(level, "steady", severity_name(w["severity"])) if level else None


def warning_html(w: dict) -> str:
    areas = "; ".join(escape(a["description"]) for a in w["areas"] if a["description"])
    parts = [
        f"<h3>{escape(w['headline'] or w['event'])}</h3>",
        f"<p>{escape(severity_name(w['severity']))} · {escape(urgency_name(w['urgency']))} · "
        f"{escape(certainty_name(w['certainty']))} · {escape(status_name(w['status']))} · "
        f"{escape(msg_type_name(w['msg_type']))}</p>",
        f"<p>{escape(w['sender_name'] or w['sender'])} · "
        f"{escape(local(w['sent']))} → {escape(local(w['expires']))}</p>",
        f"<p>{escape(w['description'])}</p>" if w["description"] else "",
        f"<p><b>{escape(w['instruction'])}</b></p>" if w["instruction"] else "",
        f"<p><i>{areas}</i></p>" if areas else "",
    ]
    return "".join(parts)


def area_rings(w: dict) -> list[list[tuple[float, float]]]:
    """Polygons as map rings (lon, lat); circles as 36-sided rings."""
    rings = [[(lon, lat) for lat, lon in polygon] for area in w["areas"] for polygon in area["polygons"] if polygon]
    for area in w["areas"]:
        for circle in area["circles"]:
            if "centre" in circle:
                lat, lon = circle["centre"]
                r = max(circle["radius_km"], 0.5) / 111.0
                rings.append(
                    [
                        (
                            lon + r * math.cos(math.radians(a)) / max(math.cos(math.radians(lat)), 0.1),
                            lat + r * math.sin(math.radians(a)),
                        )
                        for a in range(0, 360, 10)
                    ]
                )
    return rings


class WarningsView(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        from citybrain.widgets import MapView  # pyqtgraph is imported when the view opens, not at start

        self.ctx = ctx
        self.commands = Sender(ctx)
        self.model = ctx.model(
            WARNINGS,
            [
                Column("event", tr("Cap", "Warning")),
                Column("severity", tr("Cap", "Severity"), format=severity_name),
                Column("urgency", tr("Cap", "Urgency"), format=urgency_name),
                Column("headline", tr("Cap", "Headline")),
                Column("expires", tr("Cap", "Expires"), format=local),
                Column("sender_name", tr("Cap", "Sender")),
                Column(
                    "reaches_district",
                    tr("Cap", "Here"),
                    format=lambda here: tr("Cap", "over the district") if here else "",
                ),
            ],
            severity=warning_marker,
        )
        self.table = DataTable(self.model, sort_column=1, filter_placeholder=tr("Cap", "Search warnings…"))
        self.table.set_empty_text(
            tr("Cap", "No warning in force: the warnings the CAP feed brings show here until they expire")
        )
        self.table.view.selectionModel().selectionChanged.connect(self.show_selected)
        self.document = QTextBrowser()
        self.document.setPlaceholderText(tr("Cap", "Select a warning to read it in full here."))
        self.map = MapView()
        self.map.set_legend([("s", AREA_LEVEL, tr("Cap", "Warning area over the district"))])
        # the duty leader's to-do list: every row waits for a decision, so none is marked (the warnings above are)
        self.suggestions = ctx.model(
            SUGGESTIONS,
            [
                Column("event", tr("Cap", "Warning")),
                Column("rule", tr("Cap", "Rule")),
                Column("plan", tr("Cap", "Plan"), format=lambda code: plan_name(ctx, code)),
                Column("level", tr("Cap", "Level"), format=level_name),
                Column("drill", tr("Cap", "Drill"), format=lambda d: "✓" if d else ""),
            ],
        )
        self.suggested = DataTable(self.suggestions, sort_column=0)
        self.suggested.set_empty_text(
            tr(
                "Cap",
                "No suggestion waiting: a warning over the district that a plan's "
                "rule matches is suggested here for the duty leader to decide",
            )
        )
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("Cap", "Why it is dismissed (Enter dismisses)"))
        self.reason.returnPressed.connect(lambda: self.commands.run(self.dismiss))
        decide = QHBoxLayout()
        decide.addWidget(self.commands.button(tr("Cap", "Accept: activate the plan"), self.accept))
        decide.addWidget(self.reason, 1)
        decide.addWidget(self.commands.button(tr("Cap", "Dismiss"), self.dismiss))
        # the list across the whole width (beside the map its seven columns were cut to "Se… …"), the warning
        # read in full beside its areas on the map below it
        below = QSplitter()
        for widget in (self.document, self.map):
            below.addWidget(widget)
        below.setSizes([2, 3])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(below)
        split.setSizes([1, 2])
        layout = QVBoxLayout(self)
        layout.addWidget(split, 3)
        layout.addWidget(QLabel(tr("Cap", "Suggested for the duty leader")))
        layout.addWidget(self.suggested, 1)
        layout.addLayout(decide)
        layout.addWidget(self.commands.message)
        ctx.on_change(WARNINGS, self.draw)
        ctx.on_change(BOUNDARIES, self.draw)
        self.draw()

    def draw(self) -> None:
        from citybrain.core.geo import Feature

        boundaries = [
            Feature(b["id"], {"name": b["name"]}, [[tuple(p) for p in ring] for ring in b["rings"]])
            for b in self.ctx.records(BOUNDARIES)
        ]
        self.map.set_polygons("boundaries", tr("Cap", "District"), boundaries, label_property="name")
        here = [w for w in self.ctx.records(WARNINGS) if w["reaches_district"]]
        self.map.set_polygons(
            "warnings",
            tr("Cap", "Warning areas"),
            [Feature(str(w["id"]), {"name": w["event"]}, area_rings(w)) for w in here if area_rings(w)],
            fill=AREA_FILL,
            label_property="name",
        )
        shapes = [Feature("", {}, area_rings(w)) for w in here if area_rings(w)] or boundaries
        if shapes:  # the warnings over the district, with room around them; else the whole map
            bounds = [f.bounds() for f in shapes]
            self.map.fit(
                (
                    min(b[0] for b in bounds),
                    min(b[1] for b in bounds),
                    max(b[2] for b in bounds),
                    max(b[3] for b in bounds),
                ),
                margin=0.6 if here else 0.05,
            )
        self.show_selected()

    def selected(self) -> dict | None:
        return next(iter(self.table.selected()), None)

    def show_selected(self, *_: object) -> None:
        warning = self.selected()
        self.document.setHtml(warning_html(warning) if warning else "")

    def view_actions(self) -> list[ViewAction]:
        chosen = lambda: bool(self.suggested.selected())  # noqa: E731
        return [
            ViewAction(
                "accept",
                tr("Cap", "Accept the selected suggestion: activate the plan"),
                self.accept,
                "Ctrl+Return",
                chosen,
            ),
            ViewAction(
                "dismiss", tr("Cap", "Dismiss the selected suggestion"), self.reason.setFocus, "Ctrl+Delete", chosen
            ),
        ]

    def _named(self, s: dict) -> str:
        return f"{s['event']} → {plan_name(self.ctx, s['plan'])}"

    def _suggestion(self) -> dict | None:
        chosen = next(iter(self.suggested.selected()), None)
        if chosen is None:
            self.commands.message.setText(tr("Cap", "Select a suggestion first"))
        return chosen

    async def accept(self) -> dict | None:
        if (s := self._suggestion()) is None:
            return None
        result = await self.commands.send(
            "cap.accept",
            {"suggestion": s["id"]},
            tr("Cap", "Accepted {suggestion}: the plan's response is running").format(suggestion=self._named(s)),
        )
        self.suggested.view.setFocus()
        return result

    async def dismiss(self) -> dict | None:
        if (s := self._suggestion()) is None or not confirm(
            self,
            tr("Cap", "Dismiss the suggestion"),
            tr("Cap", "Dismiss {suggestion}? The plan is not activated for this warning.").format(
                suggestion=self._named(s)
            ),
            tr("Cap", "Dismiss"),
        ):
            return None
        result = await self.commands.send(
            "cap.dismiss",
            {"suggestion": s["id"], "reason": self.reason.text()},
            tr("Cap", "Dismissed {suggestion}").format(suggestion=self._named(s)),
        )
        if result is not None:
            self.reason.clear()
        self.suggested.view.setFocus()
        return result
