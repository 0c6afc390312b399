"""The enterprise visit record on the shared form widget (configs/enterprise/visit_form.toml): a plan selected fills
in its visitors and today, the findings are typed, Ctrl+S records the visit and the plan leaves the list; a record
without visitors is stopped by the field, and the daemon refuses it too."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from citybrain.core.client import RequestError
from citybrain.plugins.enterprise import PLANS
from citybrain.plugins.enterprise.plans_view import PlansView
from citybrain.plugins.enterprise.tests import test_desk

citybrain_daemon, ctx = test_desk.citybrain_daemon, test_desk.ctx  # the enterprise demo's desk feed


def test_a_planned_visit_is_recorded_on_the_form_by_keyboard(ctx, qtbot) -> None:
    view = PlansView(ctx)
    qtbot.addWidget(view)
    view.show()
    assert not view.form.isEnabled() and "Select a visit plan" in view.record_button.toolTip()
    qtbot.waitUntil(lambda: view.table.model.rowCount() > 0, timeout=30_000)
    view.table.view.selectRow(0)
    qtbot.waitUntil(lambda: view.plan is not None, timeout=10_000)
    plan = view.plan
    assert plan is not None
    assert view.form.answers() == {"visited_on": date.today().isoformat(), "visitors": plan["visitors"]}
    visitors, findings = view.form.editors["visitors"].widget, view.form.editors["findings"].widget
    assert isinstance(visitors, QLineEdit) and isinstance(findings, QLineEdit)
    visitors.setFocus()
    visitors.clear()
    qtbot.keyClick(visitors, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert view.form.markers["visitors"].text() == "required" and ctx.record(PLANS, plan["id"]) is not None
    visitors.insert(plan["visitors"])
    findings.setFocus()
    qtbot.keyClicks(findings, "orders down 20%")
    qtbot.keyClick(findings, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "visit recorded" in view.commands.message.text(), timeout=30_000)
    qtbot.waitUntil(lambda: view.table.model.row_of(plan["id"]) is None, timeout=30_000)
    assert ctx.record(PLANS, plan["id"]) is None and view.plan is not plan  # done, gone, nothing asked


def test_the_daemon_checks_the_record_with_the_same_form(citybrain_daemon) -> None:
    client = citybrain_daemon.client(login="operator")
    with pytest.raises(RequestError) as refused:
        client.command(
            "enterprise.visit",
            {"enterprise": 1, "visited_on": "2026-13-01", "visitors": "   ", "findings": "x" * 2001},
        ).result(30)
    assert refused.value.code == "invalid_payload"
    assert refused.value.details["fields"] == {"visited_on": "type", "visitors": "required", "findings": "length"}
