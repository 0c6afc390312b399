"""The desk says which org unit it sees and acts within (issue 21): the status bar and every window's title name
the operator's unit from the org tree, in the desk's language; an operator in no unit sees the whole district."""

from __future__ import annotations

import pytest

from citybrain.shell.i18n import install_translator


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_status_bar_and_the_title_name_the_operator_s_unit(citybrain_daemon, make_desk, qtbot, qapp, lang):
    desk = make_desk("small-screen", user="operator")  # in no unit: the whole district
    window = next(iter(desk.windows.values()))
    bar = window.statusBar()
    install_translator(qapp, lang)
    try:
        bar.show_unit()
        window.show_title()
        district = {"en": "Whole district", "zh_CN": "全区"}[lang]
        assert bar.unit.text() == {"en": "Unit: ", "zh_CN": "单位："}[lang] + district
        assert window.windowTitle() == {"en": "citybrain · ", "zh_CN": "城市智脑 · "}[lang] + district

        feed = desk.feed
        feed.client.wait_for(lambda s: feed.client.replica.records("org.units"), timeout=30)
        subdistrict = next(u for u in feed.client.replica.records("org.units") if u["kind"] == "subdistrict")
        username, password = citybrain_daemon.operator_in(subdistrict["code"])
        reply = feed.client.login(username, password)
        assert reply["unit"] == subdistrict["code"]
        feed.set_operator({k: v for k, v in reply.items() if k != "token"})
        qtbot.waitUntil(lambda: bar.unit.text().endswith(subdistrict["name"]), timeout=10_000)
        assert window.windowTitle().endswith(" · " + subdistrict["name"])  # the name is data: as the tree writes it
        assert subdistrict["name"] in bar.unit.toolTip()
    finally:
        install_translator(qapp, "en")


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_a_unit_changed_by_the_admin_shows_at_once_in_the_status_bar_and_titles(
    citybrain_daemon, make_desk, qtbot, qapp, lang
):
    """No new login: the daemon tells the session its new unit (``unit`` message) and the names follow."""
    desk = make_desk("small-screen")
    feed = desk.feed
    feed.client.wait_for(lambda s: feed.client.replica.records("org.units"), timeout=30)
    first, second = sorted(
        (u for u in feed.client.replica.records("org.units") if u["kind"] == "subdistrict"), key=lambda u: u["code"]
    )[:2]
    username, password = citybrain_daemon.operator_in(first["code"])
    reply = feed.client.login(username, password)
    feed.set_operator({k: v for k, v in reply.items() if k != "token"})
    window = next(iter(desk.windows.values()))
    bar = window.statusBar()
    install_translator(qapp, lang)
    try:
        qtbot.waitUntil(lambda: bar.unit.text().endswith(first["name"]), timeout=10_000)
        admin = citybrain_daemon.client(login="admin")
        admin.command("operators.unit", {"username": username, "unit": second["code"]}).result(10)
        qtbot.waitUntil(lambda: bar.unit.text().endswith(second["name"]), timeout=10_000)
        assert bar.unit.text() == {"en": "Unit: ", "zh_CN": "单位："}[lang] + second["name"]
        assert window.windowTitle() == {"en": "citybrain · ", "zh_CN": "城市智脑 · "}[lang] + second["name"]
        admin.command("operators.unit", {"username": username, "unit": None}).result(10)
        district = {"en": "Whole district", "zh_CN": "全区"}[lang]
        qtbot.waitUntil(lambda: window.windowTitle().endswith(" · " + district), timeout=10_000)
        assert bar.unit.text().endswith(district)
    finally:
        install_translator(qapp, "en")
