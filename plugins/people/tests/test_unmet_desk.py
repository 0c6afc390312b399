"""The 应享未享 view on a real desk feed over the demo: hits masked and most urgent first, each worded in the desk's
language; the selected resident's citizen query beside it; a visit planned from a hit and its outcome recorded by
keyboard; screenshots in both languages (CITYBRAIN_SHOTS=folder keeps them)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from citybrain.plugins.people import ENTITLEMENTS
from citybrain.plugins.people.tests.conftest import PLUGINS
from citybrain.plugins.people.tests.test_desk import _chinese, _shoot, _shown
from citybrain.plugins.people.unmet_view import UnmetView


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(plugins=PLUGINS)


@pytest.fixture
def ctx(citybrain_desk, qtbot):
    ctx = citybrain_desk.context("people")
    qtbot.waitUntil(lambda: len(ctx.records("people.policies")) == 82, timeout=60_000)
    return ctx


def test_hits_are_listed_worded_and_a_visit_is_planned_and_closed_by_keyboard(ctx, qtbot) -> None:
    view = _shown(qtbot, UnmetView(ctx), 800)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0 and view.person is not None, timeout=60_000)
    rows = [view.model.record_at(r) for r in range(view.model.rowCount())]
    assert all("*" in r["id_masked"] for r in rows)
    assert [r["urgency"] for r in rows[:1]] == ["high"]
    card = view.card.text()
    assert "Qualifies, receives nothing" in card and view.hit["policy_name"] in card
    assert "has(" not in card and "age(" not in card
    view.checked.setCurrentIndex(view.checked.findData(False))  # ready to visit: no conflict
    qtbot.waitUntil(
        lambda: (
            view.model.rowCount() > 0
            and view.person is not None
            and not any(view.model.record_at(r)["check"] for r in range(view.model.rowCount()))
        ),
        timeout=60_000,
    )
    fresh = next(r for r in range(view.model.rowCount()) if view.model.record_at(r)["task"] is None)
    view.table.view.selectRow(fresh)  # the demo's committees have planned visits for some hits already
    qtbot.waitUntil(lambda: view.person is not None and view.plan_button.isEnabled(), timeout=60_000)
    assert not view.record_button.isEnabled() and "Plan a visit first" in view.record_button.toolTip()
    [plan] = [a for a in view.view_actions() if a.id == "plan"]
    assert plan.shortcut == "Ctrl+P" and plan.enabled()
    plan.run()  # what the shell runs on Ctrl+P (it binds the view's actions)
    qtbot.waitUntil(lambda: view.hit.get("task") is not None, timeout=30_000)
    assert not view.plan_button.isEnabled() and "already planned" in view.plan_button.toolTip()
    view.outcome.setCurrentIndex(view.outcome.findData("not_eligible"))
    assert not view.record_button.isEnabled() and "not eligible" in view.record_button.toolTip()
    view.reason.setFocus()
    view.reason.insert("moved out of Shanghai")
    assert view.record_button.isEnabled()
    qtbot.keyClick(view.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.hit.get("outcome") == "not_eligible", timeout=30_000)
    _shoot(view, "people-unmet-en")
    with _chinese():
        chinese = _shown(qtbot, UnmetView(ctx), 800)
        qtbot.waitUntil(lambda: chinese.person is not None, timeout=60_000)
        text = re.sub(r"<[^>]+>|&\w+;", "", chinese.card.text())
        assert "享受" in text or "符合" in text
        assert not re.search(r"[A-Za-z_]{3,}", text)  # no English word, no rule text
        asks = chinese.reason.placeholderText()  # what the outcome field asks reads whole ("走…" beside the buttons)
        assert chinese.reason.width() >= chinese.reason.fontMetrics().horizontalAdvance(asks), asks
        _shoot(chinese, "people-unmet-zh")


def test_a_no_visit_hit_is_granted_by_keyboard_and_leaves_the_list(ctx, qtbot) -> None:
    view = _shown(qtbot, UnmetView(ctx), 800)
    view.checked.setCurrentIndex(view.checked.findData(False))  # ready: no conflict
    qtbot.waitUntil(lambda: view.model.rowCount() > 0 and view.person is not None, timeout=60_000)
    presses = min(15, view.model.rowCount() - 1)
    assert presses >= 5, view.model.rowCount()
    asked: list[dict] = []  # the cards asked for, the real query still answering them
    query = ctx.query

    def counted(name: str, params: dict | None = None, timeout: float = 30.0):  # noqa: ANN202
        if name == ENTITLEMENTS:
            asked.append(params or {})
        return query(name, params, timeout)

    ctx.query = counted
    view.table.view.setFocus()
    view.table.view.setCurrentIndex(view.model.index(0, 0))
    qtbot.waitUntil(lambda: view.person is not None and not view.cards.asking, timeout=30_000)
    asked.clear()
    for _ in range(presses):  # Down held through the list: not a query per row passed
        qtbot.keyClick(view.table.view, Qt.Key.Key_Down)
    rests = view.model.record_at(view.table.view.currentIndex().row())
    assert view.hit == rests  # the buttons act on the row selected, at once
    qtbot.waitUntil(lambda: view.person is not None, timeout=30_000)
    assert view.person["name"] == rests["name"] and asked[-1]["person"] == rests["person"]
    assert len(asked) <= 3, len(asked)
    ctx.query = query
    rows = {view.model.record_at(r)["key"]: r for r in range(view.model.rowCount())}
    needs_visit = next(k for k, r in rows.items() if not view.model.record_at(r)["no_visit"])
    view.table.view.selectRow(rows[needs_visit])
    qtbot.waitUntil(lambda: view.hit is not None and view.hit["key"] == needs_visit, timeout=30_000)
    assert not view.grant_button.isEnabled() and "needs an outreach visit" in view.grant_button.toolTip()
    key = next(k for k, r in rows.items() if view.model.record_at(r)["no_visit"])
    view.table.view.selectRow(rows[key])
    qtbot.waitUntil(lambda: view.hit is not None and view.hit["key"] == key and view.grant_button.isEnabled())
    [grant] = [a for a in view.view_actions() if a.id == "grant"]
    assert grant.shortcut == "Ctrl+G" and grant.enabled()
    before = view.model.rowCount()
    grant.run()
    qtbot.waitUntil(lambda: view.model.row_of(key) is None, timeout=30_000)  # the grant on the feed removed it
    assert view.model.rowCount() == before - 1
    qtbot.waitUntil(lambda: "granted" in view.commands.message.text(), timeout=30_000)  # the reply, said where asked
