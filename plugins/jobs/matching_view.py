"""Job matching: seekers (searched, masked, from the personal query) and open vacancies (the live collection) on
the left; on the right the best matches of the one selected, each with its reasons and the subsidy a hire brings;
one key pushes a seeker's best matches, another every seeker's of a subdistrict (asked first).

Keyboard: Ctrl+F searches seekers, Ctrl+1 / Ctrl+2 switch between seekers and vacancies, arrows pick a row and
its matches follow, Ctrl+P pushes to the selected seeker, Ctrl+Shift+P to the chosen subdistrict."""

from __future__ import annotations

from collections.abc import Hashable
from html import escape

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from citybrain.plugins.jobs import CANDIDATES, MATCHES, PUSH, SEEKERS, VACANCIES
from citybrain.plugins.jobs.selection import picked
from citybrain.plugins.jobs.words import DEPTH, HOURS, MODES
from citybrain.plugins.people.words import SEX, unit_name
from citybrain.shell.api import CollectionTableModel, Column, DeskContext, RequestError, ViewAction, tr, tr_n
from citybrain.widgets import DataTable, Sender, ViewTasks, confirm

LIMIT = 200  # seekers a search shows
SUBDISTRICT = "subdistrict"


def wage_text(low: int | None, high: int | None = None) -> str:
    if not low and not high:
        return "—"
    return f"{low:,}–{high:,}" if high is not None else f"≥ {low:,}"


def trip_text(reasons: dict) -> str:
    return tr("Jobs", "{minutes} min {mode}").format(minutes=f"{reasons['minutes']:.0f}", mode=MODES(reasons["mode"]))


def select_first(table: DataTable) -> None:
    """The first row selected, alone (selectRow would extend or toggle while a modifier key is held)."""
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    table.view.selectionModel().select(table.model.index(0, 0), flags)
    table.view.setCurrentIndex(table.model.index(0, 0))


def left_text(remaining: int) -> str:
    """Openings minus hires; none left is a filled vacancy (a state, not an alarm: words, no colour)."""
    return str(remaining) if remaining > 0 else tr("Jobs", "filled")


def percent(score: float) -> str:
    return f"{score * 100:.0f}"


class SearchingView(QWidget):
    """A jobs view that starts from a search box (the matching view, the circle map)."""

    def __init__(self, ctx: DeskContext, placeholder: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.tasks = ViewTasks(self)
        self.commands = Sender(ctx)
        self.text = QLineEdit()
        self.text.setPlaceholderText(placeholder)


class MatchingView(SearchingView):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__(ctx, tr("Jobs", "A seeker's name, or empty for all (Enter searches)"))
        self.text.returnPressed.connect(lambda: self.commands.run(self.search))
        self.seekers = CollectionTableModel(
            [
                Column("name", tr("Jobs", "Name")),
                Column("sex", tr("Jobs", "Sex"), format=SEX),
                Column("age", tr("Jobs", "Age")),
                Column("occupation_name", tr("Jobs", "Wants")),
                Column("hours", tr("Jobs", "Hours"), format=HOURS),
                Column("compound", tr("Jobs", "Lives in"), format=lambda c: unit_name(ctx, c)),
                Column("phone_masked", tr("Jobs", "Phone")),
            ]
        )
        self.seeker_table = DataTable(self.seekers, sort_column=0)
        self.found = QLabel()
        self.vacancies = ctx.model(
            VACANCIES,
            [
                Column("title", tr("Jobs", "Vacancy")),
                Column("employer", tr("Jobs", "Employer")),
                Column("occupation_name", tr("Jobs", "Occupation")),
                Column("wage_min", tr("Jobs", "Wage from"), format=lambda w: f"{w:,}"),
                Column("wage_max", tr("Jobs", "to"), format=lambda w: f"{w:,}"),
                Column("hours", tr("Jobs", "Hours"), format=HOURS),
                Column("openings", tr("Jobs", "Openings")),
                Column("remaining", tr("Jobs", "Left"), format=left_text),
            ],
        )
        self.vacancy_table = DataTable(self.vacancies, sort_column=0, filter_placeholder=tr("Jobs", "Find vacancies…"))
        self.tabs = QTabWidget()
        seekers_tab = QWidget()
        column = QVBoxLayout(seekers_tab)
        column.addWidget(self.text)
        column.addWidget(self.seeker_table, 1)
        column.addWidget(self.found)
        self.tabs.addTab(seekers_tab, tr("Jobs", "Seekers"))
        self.tabs.addTab(self.vacancy_table, tr("Jobs", "Vacancies"))
        self.tabs.currentChanged.connect(lambda _: self.pick())
        self.seeker_table.view.selectionModel().selectionChanged.connect(lambda *_: self.pick())
        self.vacancy_table.view.selectionModel().selectionChanged.connect(lambda *_: self.pick())

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.matches = CollectionTableModel(
            [
                Column("score", tr("Jobs", "Score"), format=percent),
                Column("who", tr("Jobs", "Match")),
                Column("where", tr("Jobs", "Employer or home")),
                Column("fit", tr("Jobs", "Occupation")),
                Column("trip", tr("Jobs", "Trip")),
                Column("missing", tr("Jobs", "Lacks")),
                Column("subsidy", tr("Jobs", "Subsidy")),
            ]
        )
        self.match_table = DataTable(self.matches, sort_column=0, order=Qt.SortOrder.DescendingOrder)
        self.match_table.set_empty_text(tr("Jobs", "Select a seeker or a vacancy: its best matches show here."))
        self.match_table.view.selectionModel().selectionChanged.connect(lambda *_: self.show_reasons())
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.RichText)
        self.reasons.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.push_button = self.commands.button(tr("Jobs", "Push the best 3 to this seeker"), self.push_seeker)
        self.subdistrict = QComboBox()
        for unit in sorted(ctx.records("org.units"), key=lambda u: u["code"]):
            if unit["kind"] == SUBDISTRICT:
                self.subdistrict.addItem(unit["name"], unit["code"])
        self.push_all_button = self.commands.button(tr("Jobs", "Push to every seeker of…"), self.push_subdistrict)
        pushes = QHBoxLayout()
        pushes.addWidget(self.push_button)
        pushes.addStretch(1)
        pushes.addWidget(self.push_all_button)
        pushes.addWidget(self.subdistrict)
        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addWidget(self.heading)
        right_column.addWidget(self.match_table, 3)
        right_column.addWidget(self.reasons, 1)
        right_column.addLayout(pushes)
        split = QSplitter()
        split.addWidget(self.tabs)
        split.addWidget(right)
        split.setSizes([760, 940])
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.commands.message)
        self.selected: dict | None = None  # the seeker or vacancy whose matches show
        self.rows: dict[Hashable, dict] = {}
        self.searches = 0  # how many were asked: only the last one's answer is shown
        self._enable()
        ctx.on_operator(self.list_seekers)
        ctx.feed.stale_changed.connect(self._feed_back)
        self.list_seekers()

    def list_seekers(self, *_: object) -> None:
        """The seekers as soon as the view can ask (opened, a login): the search box's, all when it is empty.
        Nobody logged in: none (they are personal), and the table says why."""
        if self.ctx.operator is None:
            self.seekers.reset({})
            self.found.clear()
            self.seeker_table.set_empty_text(tr("Jobs", "Log in to list the seekers."))
            return
        self.seeker_table.set_empty_text("")
        if not self.ctx.feed.stale:
            self.tasks.start(self.search())

    def _feed_back(self, stale: bool) -> None:
        """The feed live again and nothing listed yet (the view opened while it was lost): list now."""
        if not stale and self.seekers.rowCount() == 0:
            self.list_seekers()

    def view_actions(self) -> list[ViewAction]:
        return [
            ViewAction("search", tr("Jobs", "Search seekers"), self.focus_search, "Ctrl+F", places_focus=True),
            ViewAction("seekers", tr("Jobs", "Show seekers"), lambda: self.tabs.setCurrentIndex(0), "Ctrl+1"),
            ViewAction("vacancies", tr("Jobs", "Show vacancies"), lambda: self.tabs.setCurrentIndex(1), "Ctrl+2"),
            ViewAction(
                "push",
                tr("Jobs", "Push the best matches to the selected seeker"),
                lambda: self.commands.run(self.push_seeker),
                "Ctrl+P",
                lambda: self.push_button.isEnabled(),
            ),
            ViewAction(
                "push_subdistrict",
                tr("Jobs", "Push to every seeker of the chosen subdistrict"),
                lambda: self.commands.run(self.push_subdistrict),
                "Ctrl+Shift+P",
                lambda: self.push_all_button.isEnabled(),
            ),
        ]

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.text.setFocus()
        self.text.selectAll()

    def _seeker_mode(self) -> bool:
        return self.tabs.currentIndex() == 0

    def _enable(self) -> None:
        seeker = self.selected if self._seeker_mode() else None
        Sender.set_enabled(
            self.push_button,
            seeker is not None and bool(self.rows),
            tr("Jobs", "Select a seeker with matches first") if seeker is None or not self.rows else "",
        )
        Sender.set_enabled(
            self.push_all_button,
            self.subdistrict.count() > 0,
            tr("Jobs", "No subdistrict in the org tree") if self.subdistrict.count() == 0 else "",
        )

    async def search(self) -> None:
        """The seekers the search box names; a search answered after a later one was asked is dropped."""
        self.searches += 1
        asked = self.searches
        try:
            found = await self.ctx.query(SEEKERS, {"text": self.text.text().strip() or None, "limit": LIMIT})
        except RequestError as exc:
            self.commands.refused(exc)
            return
        if asked != self.searches:
            return
        self.commands.clear()
        self.seekers.reset({s["id"]: s for s in found})
        self.seeker_table.set_empty_text(tr("Jobs", "No seeker found: search for another name, or empty for all."))
        more = tr("Jobs", " (the first {n}: narrow the search)").format(n=LIMIT) if len(found) >= LIMIT else ""
        self.found.setText(tr_n("Jobs", "{n} seeker found", "{n} seekers found", len(found)) + more)
        if found:
            select_first(self.seeker_table)

    def pick(self) -> None:
        """The selection as it is now (a later model reset may clear it), and its matches asked for."""
        seeker_mode = self._seeker_mode()
        chosen = next(iter((self.seeker_table if seeker_mode else self.vacancy_table).selected()), None)
        self.tasks.start(self.show_matches(chosen, seeker_mode))
        if chosen is not None:  # the map follows (circle_view)
            picked().changed.emit({"kind": "seeker" if seeker_mode else "vacancy", "record": chosen})

    async def show_matches(self, chosen: dict | None, seeker_mode: bool) -> None:
        self.selected, self.rows = chosen, {}
        self.matches.reset({})
        self.reasons.clear()
        if chosen is None:
            self.heading.clear()
            self._enable()
            return
        if not seeker_mode and chosen["remaining"] == 0:  # filled: nobody left to match
            self.heading.setText(
                tr("Jobs", "{title} at {employer} · filled on {day}: no openings left").format(
                    title=chosen["title"], employer=chosen["employer"], day=chosen["filled_on"]
                )
            )
            self._enable()
            return
        try:
            if seeker_mode:
                found = await self.ctx.query(MATCHES, {"seeker": chosen["id"]})
            else:
                found = await self.ctx.query(CANDIDATES, {"vacancy": chosen["id"]})
        except RequestError as exc:
            self.commands.refused(exc)
            self._enable()
            return
        if self.selected is not chosen:
            return  # another row was picked while this one was asked
        self.rows = {n: self._row(n, m, seeker_mode) for n, m in enumerate(found)}
        self.matches.reset(self.rows)
        self.heading.setText(self._heading(chosen, seeker_mode, len(found)))
        if found:
            select_first(self.match_table)
        self.show_reasons()
        self._enable()

    def _heading(self, chosen: dict, seeker_mode: bool, n: int) -> str:
        if seeker_mode:
            who = tr("Jobs", "{name}, {age}, wants {occupation} · {wage} · {hours} · {minutes} min circle").format(
                name=chosen["name"],
                age=chosen["age"],
                occupation=chosen["occupation_name"] or tr("Jobs", "any work"),
                wage=wage_text(chosen["wage"]),
                hours=HOURS(chosen["hours"]),
                minutes=chosen["minutes"],
            )
        else:
            who = tr("Jobs", "{title} at {employer} · {wage} · {open} open").format(
                title=chosen["title"],
                employer=chosen["employer"],
                wage=wage_text(chosen["wage_min"], chosen["wage_max"]),
                open=chosen["remaining"],
            )
        return who + "\n" + tr("Jobs", "{n} matches inside the circle, best first").format(n=n)

    def _row(self, n: int, match: dict, seeker_mode: bool) -> dict:
        reasons, vacancy = match["reasons"], match["vacancy_record"]
        if seeker_mode:
            who, where = vacancy["title"], vacancy["employer"]
        else:
            person = match["seeker_record"]
            who, where = (
                f"{person['name']} ({SEX(person['sex'])}, {person['age']})",
                unit_name(self.ctx, person["compound"]),
            )
        return {
            "id": n,
            "score": match["score"],
            "who": who,
            "where": where,
            "fit": DEPTH(str(reasons["depth"])),
            "trip": trip_text(reasons),
            "missing": "、".join(reasons["missing"]) or "—",
            "subsidy": "、".join(s["name"] for s in match["subsidies"]) or "—",
            "match": match,
        }

    def show_reasons(self) -> None:
        chosen = next(iter(self.match_table.selected()), None)
        if chosen is None:
            self.reasons.clear()
            return
        m = chosen["match"]
        r = m["reasons"]
        vacancy = m["vacancy_record"]
        lines = [
            (
                tr("Jobs", "Occupation"),
                f"{DEPTH(str(r['depth']))} ({vacancy['occupation_name']})",
            ),
            (tr("Jobs", "Skills and certificates"), self._skills(r)),
            (tr("Jobs", "Wage"), f"{wage_text(vacancy['wage_min'], vacancy['wage_max'])} · {percent(r['wage'])}"),
            (tr("Jobs", "Hours"), f"{HOURS(vacancy['hours'])} · {percent(r['hours'])}"),
            (tr("Jobs", "Trip"), f"{trip_text(r)} · {percent(r['travel'])}"),
        ]
        for s in m["subsidies"]:
            lines.append((tr("Jobs", "A hire brings"), s["name"]))
        self.reasons.setText(
            f"<b>{escape(tr('Jobs', 'Score {score} of 100, because').format(score=percent(m['score'])))}</b><table>"
            + "".join(f"<tr><td>{escape(k)}&nbsp;</td><td>{escape(v)}</td></tr>" for k, v in lines)
            + "</table>"
        )

    @staticmethod
    def _skills(r: dict) -> str:
        held = "、".join(r["held"])
        missing = "、".join(r["missing"])
        if not held and not missing:
            text = tr("Jobs", "none required")
        elif missing:
            text = tr("Jobs", "lacks {missing}").format(missing=missing) + (f" · {held}" if held else "")
        else:
            text = tr("Jobs", "holds {held}").format(held=held)
        if not r["education_ok"]:
            text += " · " + tr("Jobs", "below the education asked")
        return f"{text} · {percent(r['requirements'])}"

    async def push_seeker(self) -> None:
        if not self.push_button.isEnabled() or self.selected is None:
            return
        result = await self.commands.send(PUSH, {"seeker": self.selected["id"]})
        if result is not None:
            self.commands.done(tr("Jobs", "{n} vacancies pushed").format(n=result["pushes"]))

    async def push_subdistrict(self) -> None:
        code = self.subdistrict.currentData()
        if code is None:
            return
        name = self.subdistrict.currentText()
        question = tr("Jobs", "Push the best 3 matches to every looking seeker of {name}?").format(name=name)
        if not confirm(self, tr("Jobs", "Push to a subdistrict"), question, tr("Jobs", "Push")):
            return
        result = await self.commands.send(PUSH, {"subdistrict": code})
        if result is not None:
            self.commands.done(
                tr("Jobs", "{n} vacancies pushed to {m} seekers").format(n=result["pushes"], m=result["seekers"])
            )
