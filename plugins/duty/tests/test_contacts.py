"""Duty contacts: every department, subdistrict and the district with who is on duty there and their phones, from
the org tree's ``on_duty`` — names and phones only for a session allowed personal data (an operator and up)."""

from __future__ import annotations

import re

import pytest

from citybrain.plugins.duty.contacts_view import ContactsView


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(plugins={name: f"citybrain.plugins.{name}.daemon" for name in ("cases", "duty")})


def cells(view: ContactsView, column: int) -> list[str]:
    model = view.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_the_duty_contacts_show_phones_to_an_operator_and_withhold_them_from_a_desk_without_a_login(
    citybrain_desk, qtbot
):
    ctx = citybrain_desk.context("duty")
    view = ContactsView(ctx)
    qtbot.addWidget(view)
    units = [u for u in ctx.records("org.units") if u["kind"] in ("district", "department", "subdistrict")]
    qtbot.waitUntil(lambda: view.model.rowCount() == len(units) == 1 + 10 + 8, timeout=30_000)
    assert all(re.fullmatch(r"1\d{10}", phone) for phone in cells(view, 3))  # who is on duty today, by phone
    department = next(u for u in units if u["kind"] == "department")
    assert department["on_duty"][0]["name"] in cells(view, 2) and view.hint.isHidden()
    view.search.setText(department["on_duty"][0]["phone"])  # found by phone, as a duty officer looks one up
    assert cells(view, 1) == [department["name"]]
    view.search.clear()

    citybrain_desk.feed.client.logout()  # the same desk, no session: the units stay, their people do not
    qtbot.waitUntil(lambda: not view.hint.isHidden() and set(cells(view, 3)) <= {"", "—"}, timeout=30_000)
    assert view.model.rowCount() == len(units) and set(cells(view, 2)) <= {"", "—"}
    assert not any("on_duty" in u or "contacts" in u for u in ctx.records("org.units"))  # not on this desk at all
    assert "operator" in view.hint.text()
