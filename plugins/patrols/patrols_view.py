"""The patrols view: teams, plans, today's patrols and the problems found (marked while open); a patrol started on
the selected plan, finished with its plan's checks, a problem recorded where the patrol last was, and a handled
case re-checked by a supervision patrol — every action a key (view actions)."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from citybrain.core.times import local_date, local_time
from citybrain.plugins.patrols.names import (
    members_text,
    patrol_state_name,
    problem_state_name,
    schedule_text,
    team_type_name,
)
from citybrain.shell.api import Column, DeskContext, ViewAction, tr
from citybrain.shell.names import in_desk_language, unit_name
from citybrain.widgets import DataTable, Sender, confirm
from citybrain.widgets.palette import Marker

TEAMS, PLANS, PATROLS, PROBLEMS, TYPES = (
    "patrols.teams",
    "patrols.plans",
    "patrols.patrols",
    "patrols.problems",
    "cases.types",
)


def problem_marker(problem: dict) -> Marker | None:
    """Open problems only: their case is still being worked (grey once handled)."""
    return Marker("medium", "steady", tr("Patrols", "open")) if problem["state"] == "open" else None


def who(patrol: dict | None) -> str:
    """Who went out: the team member whose account started it (operators see names), else the account itself."""
    if patrol is None:
        return "—"
    return patrol.get("member") or patrol.get("started_by") or "—"


def _today() -> str:
    return local_date(datetime.now().astimezone().isoformat())


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
    return label


class PatrolsView(QWidget):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        unit = partial(unit_name, ctx)

        def team(code: str) -> str:
            found = ctx.record(TEAMS, code)
            return found.get("name", code) if found is not None else code

        self.commands = Sender(
            ctx, labels={"title": tr("Patrols", "Problem"), "reason": tr("Patrols", "Reason")}, reasons=self._reasons()
        )
        self.teams = DataTable(
            ctx.model(
                TEAMS,
                [
                    Column("type", tr("Patrols", "Team"), format=team_type_name),
                    Column("name", tr("Patrols", "Name")),
                    Column(
                        "areas", tr("Patrols", "Areas"), format=lambda areas: "、".join(unit(a) for a in areas or [])
                    ),
                    Column("members", tr("Patrols", "Members"), format=members_text),
                ],
            )
        )
        self.plans = DataTable(
            ctx.model(
                PLANS,
                [
                    Column("name", tr("Patrols", "Plan")),
                    Column("team", tr("Patrols", "Team"), format=team),
                    Column("area", tr("Patrols", "Area"), format=unit),
                    Column(
                        "id",
                        tr("Patrols", "Schedule"),
                        align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                        format=lambda i: schedule_text(p) if (p := ctx.record(PLANS, i)) else "—",
                    ),
                    Column(
                        "checks",
                        tr("Patrols", "Checks"),
                        align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                        format=lambda c: str(len(c or [])),
                    ),
                ],
            ),
            sort_column=0,
        )
        self.patrols = DataTable(
            ctx.model(
                PATROLS,
                [
                    Column("id", tr("Patrols", "No.")),
                    Column("team", tr("Patrols", "Team"), format=team),
                    Column("area", tr("Patrols", "Area"), format=unit),
                    Column("state", tr("Patrols", "State"), format=patrol_state_name),
                    Column("started_at", tr("Patrols", "Started"), format=local_time),
                    Column("ended_at", tr("Patrols", "Ended"), format=local_time),
                    Column("points", tr("Patrols", "Path points")),
                    Column(
                        "checks",
                        tr("Patrols", "Checks done"),
                        align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                        format=lambda c: str(len(c or [])),
                    ),
                    Column(  # last: a layout saved before it keeps its sort and widths (by column index)
                        "id",
                        tr("Patrols", "Who"),
                        align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                        format=lambda i: who(ctx.record(PATROLS, i)),
                    ),
                ],
            ),
            sort_column=4,
            order=Qt.SortOrder.DescendingOrder,
            filter_placeholder=tr("Patrols", "Filter patrols"),
        )
        self.patrols.set_predicate(lambda p: p["state"] == "active" or local_date(p["started_at"]) == _today())
        self.patrols.set_empty_text(tr("Patrols", "No patrol out today yet: start one on a plan (Ctrl+N)."))
        self.problems = DataTable(
            ctx.model(
                PROBLEMS,
                [
                    Column("id", tr("Patrols", "No.")),
                    Column("found_at", tr("Patrols", "Found"), format=local_time),
                    Column("title", tr("Patrols", "Problem")),
                    Column("unit", tr("Patrols", "Where"), format=unit),
                    Column("state", tr("Patrols", "State"), format=problem_state_name),
                    Column("case", tr("Patrols", "Case"), format=lambda c: f"#{c}" if c else "—"),
                ],
                severity=problem_marker,
            ),
            sort_column=1,
            order=Qt.SortOrder.DescendingOrder,
            filter_placeholder=tr("Patrols", "Filter problems"),
        )
        self.problems.set_empty_text(tr("Patrols", "No problem found on patrol this month."))
        self.title, self.reason, self.type = QLineEdit(), QLineEdit(), QComboBox()
        self.title.setPlaceholderText(tr("Patrols", "Problem found (title)"))
        self.reason.setPlaceholderText(tr("Patrols", "Reason (needed when a re-check fails)"))
        grid = QGridLayout()
        grid.addWidget(_caption(tr("Patrols", "Patrols today")), 0, 0)
        grid.addWidget(_caption(tr("Patrols", "Plans")), 0, 1)
        grid.addWidget(self.patrols, 1, 0)
        grid.addWidget(self.plans, 1, 1)
        grid.addWidget(_caption(tr("Patrols", "Problems found on patrol")), 2, 0)
        grid.addWidget(_caption(tr("Patrols", "Teams")), 2, 1)
        grid.addWidget(self.problems, 3, 0)
        grid.addWidget(self.teams, 3, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        row = QHBoxLayout()
        row.addWidget(self.commands.button(tr("Patrols", "Start on plan"), self.start))
        row.addWidget(self.commands.button(tr("Patrols", "Finish patrol"), self.finish))
        row.addWidget(self.title, 2)
        row.addWidget(self.type, 1)
        row.addWidget(self.commands.button(tr("Patrols", "Record problem"), self.record_problem))
        checks = QHBoxLayout()
        checks.addWidget(self.reason, 2)
        checks.addWidget(self.commands.button(tr("Patrols", "Re-check passed"), self.recheck_passed))
        checks.addWidget(self.commands.button(tr("Patrols", "Re-check failed: reopen"), self.recheck_failed))
        layout = QVBoxLayout(self)
        layout.addLayout(grid, 1)
        layout.addLayout(row)
        layout.addLayout(checks)
        layout.addWidget(self.commands.message)
        for table in (self.patrols, self.problems, self.plans):
            table.view.selectionModel().selectionChanged.connect(self.commands.clear)
        self.patrols.view.selectionModel().selectionChanged.connect(self._types)
        ctx.on_change(TYPES, self._types)
        self._types()

    @staticmethod
    def _reasons() -> dict[str, str]:
        return {
            "unknown_team": tr("Patrols", "There is no such patrol team."),
            "patrol_not_active": tr("Patrols", "That patrol is not out: start it first."),
            "outside_area": tr("Patrols", "That place lies outside every area of the district."),
            "not_supervision": tr("Patrols", "Only a supervision patrol re-checks cases."),
            "not_handled": tr("Patrols", "Only a handled case (resolved, verified or closed) is re-checked."),
            "reason_needed": tr("Patrols", "A failed re-check needs the reason."),
        }

    def _types(self, *_: object) -> None:
        """The case types, those the selected patrol's team receives (the catalogue's ``receiver``) first."""
        chosen = self.type.currentData()
        team = next((p["team_type"] for p in self.patrols.selected()), None)
        self.type.clear()
        for kind in sorted(self.ctx.records(TYPES), key=lambda t: (t.get("receiver") != team, t["code"])):
            self.type.addItem(in_desk_language(kind["name"], kind.get("name_en")), kind["code"])
        self.type.setCurrentIndex(max(self.type.findData(chosen), 0))

    def view_actions(self) -> list[ViewAction]:
        patrol = lambda: bool(self.patrols.selected())  # noqa: E731
        problem = lambda: bool(self.problems.selected())  # noqa: E731
        return [
            ViewAction(
                "start",
                tr("Patrols", "Start a patrol on the selected plan"),
                self.start,
                "Ctrl+N",
                lambda: bool(self.plans.selected()),
            ),
            ViewAction("finish", tr("Patrols", "Finish the selected patrol"), self.finish, "Ctrl+Return", patrol),
            ViewAction(
                "problem",
                tr("Patrols", "Record a problem found by the selected patrol"),
                self.record_problem,
                "Ctrl+Shift+P",
                patrol,
            ),
            ViewAction("passed", tr("Patrols", "Re-check passed"), self.recheck_passed, "Ctrl+Shift+K", problem),
            ViewAction(
                "reopen",
                tr("Patrols", "Re-check failed: reopen the case"),
                self.recheck_failed,
                "Ctrl+Shift+O",
                problem,
            ),
        ]

    def _one(self, table: DataTable, missing: str) -> dict | None:
        record = next(iter(table.selected()), None)
        if record is None:
            self.commands.message.setText(missing)
        return record

    async def start(self) -> dict | None:
        if (plan := self._one(self.plans, tr("Patrols", "Select a plan first"))) is None:
            return None
        return await self.commands.send(
            "patrols.start",
            {"team": plan["team"], "plan": plan["id"]},
            tr("Patrols", "Patrol started: {plan}").format(plan=plan["name"]),
        )

    async def finish(self) -> dict | None:
        if (patrol := self._one(self.patrols, tr("Patrols", "Select a patrol first"))) is None:
            return None
        plan = self.ctx.record(PLANS, patrol["plan"]) if patrol["plan"] else None
        checks = plan["checks"] if plan else []
        result = await self.commands.send(
            "patrols.finish",
            {"patrol": patrol["id"], "checks": checks},
            tr("Patrols", "Patrol {id} finished").format(id=patrol["id"]),
        )
        self.patrols.view.setFocus()
        return result

    async def record_problem(self) -> dict | None:
        """Where the patrol last was (its newest path point); the daemon places it in its grid and opens the case."""
        if (patrol := self._one(self.patrols, tr("Patrols", "Select a patrol first"))) is None:
            return None
        if not patrol.get("last"):
            self.commands.message.setText(tr("Patrols", "This patrol has sent no position yet"))
            return None
        lon, lat = patrol["last"]
        result = await self.commands.send(
            "patrols.problem",
            {
                "patrol": patrol["id"],
                "title": self.title.text(),
                "type": self.type.currentData() or "",
                "lat": lat,
                "lon": lon,
            },
            tr("Patrols", "Problem recorded, case opened"),
        )
        if result is not None:
            self.title.clear()
        return result

    def _supervision(self) -> dict | None:
        out = [p for p in self.ctx.records(PATROLS) if p["state"] == "active" and p["team_type"] == "supervision"]
        if not out:
            self.commands.message.setText(tr("Patrols", "No supervision patrol is out: start one first"))
        return max(out, key=lambda p: p["started_at"]) if out else None

    async def _recheck(self, passed: bool) -> dict | None:
        problem = self._one(self.problems, tr("Patrols", "Select a problem first"))
        if problem is None or not problem.get("case") or (patrol := self._supervision()) is None:
            return None
        if not passed and not confirm(
            self,
            tr("Patrols", "Reopen case"),
            tr("Patrols", "Reopen case #{case} “{title}”? Its owner must handle it again.").format(
                case=problem["case"], title=problem["title"]
            ),
            tr("Patrols", "Reopen the case"),
        ):
            return None
        return await self.commands.send(
            "patrols.recheck",
            {"patrol": patrol["id"], "case": problem["case"], "passed": passed, "reason": self.reason.text() or None},
            tr("Patrols", "Re-check of case #{case} recorded").format(case=problem["case"]),
        )

    async def recheck_passed(self) -> dict | None:
        return await self._recheck(True)

    async def recheck_failed(self) -> dict | None:
        return await self._recheck(False)

    def save_settings(self) -> dict:
        return {name: getattr(self, name).save_settings() for name in ("patrols", "problems", "plans")}

    def restore_settings(self, settings: dict) -> None:
        for name in ("patrols", "problems", "plans"):
            getattr(self, name).restore_settings(settings.get(name) or {})
