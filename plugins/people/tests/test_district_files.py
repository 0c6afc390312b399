"""A district's own visit form and ledgers (``[plugins.people] visit_form``, ``ledgers``) replace the shipped ones
on a real daemon: its visits are checked against the district's form, its ledgers come out in the district's
columns, the desk is told the form in force, and the next daemon without them is back on the shipped files.  A file
that cannot be used is refused naming the file and the entry."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from citybrain.core.api import FormError
from citybrain.core.client import RequestError
from citybrain.plugins.people import VISIT_FORM, ledgers, visits
from citybrain.plugins.people.ledgers import LedgerError
from citybrain.plugins.people.tests.conftest import HEADER, PLUGINS, UNITS, WOMAN_1950, csv_bytes, send_import

FORM = """
[form]
id = "district_visit"
title = "本区走访表"

[lines]
civil = ["民政", "Civil affairs"]

[[sections]]
key = "home"
title = "家庭"

[[sections.fields]]
key = "living_alone"
label = "是否独居"
type = "bool"
known = "living_alone"
lines = ["civil"]

[[sections.fields]]
key = "garden"
label = "是否有小院"
type = "bool"
lines = ["civil"]
"""
LEDGERS = """
[[ledgers]]
line = "civil"
title = "本区民政台账"
columns = [["姓名", "person.name"], ["小院", "answer.garden"], ["独居", "answer.living_alone"]]
"""
COMMITTEE = "310109009001"


def _write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _district_files(folder: Path) -> dict[str, str]:
    """``[plugins.people]`` naming the district's form and ledgers, written in ``folder``."""
    return {"visit_form": _write(folder, "form.toml", FORM), "ledgers": _write(folder, "ledgers.toml", LEDGERS)}


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory, tmp_path):
    """A daemon given the district's form and ledgers, with no demo."""
    own = _district_files(tmp_path)
    return citybrain_daemon_factory(plugins=PLUGINS, demo=False, plugin_config={"people": own}).add_demo_operators()


def test_a_daemon_with_a_district_s_form_and_ledgers_uses_them_and_the_next_the_shipped_ones(
    citybrain_daemon, citybrain_daemon_factory
) -> None:
    daemon = citybrain_daemon
    leader = daemon.client(login="admin")
    send_import(leader, "org_units", "units.csv", UNITS.encode("utf-8"))
    send_import(
        leader,
        "people.civil",
        "civil.csv",
        csv_bytes(HEADER, f"{WOMAN_1950},陈桂英,F,1950-03-07,H1,大连新村,,local,,low,yes,no,"),
    )
    leader.wait_for(lambda _: leader.replica.get(VISIT_FORM, "visit") is not None, timeout=30)
    assert leader.replica.get(VISIT_FORM, "visit") == {"id": "visit", "source": FORM, "ledgers": ["civil"]}
    chen = leader.query("people.residents", {"text": "陈桂英"}).result(30)["result"][0]
    with pytest.raises(RequestError) as shipped_field:  # the shipped form's field is not on the district's
        leader.command(
            "people.visit", {"person": chen["id"], "committee": COMMITTEE, "answers": {"income_band": "middle"}}
        ).result(30)
    assert shipped_field.value.details["fields"] == {"income_band": "unknown"}
    done = leader.command(
        "people.visit",
        {"person": chen["id"], "committee": COMMITTEE, "answers": {"living_alone": False, "garden": True}},
    ).result(30)["result"]
    assert done["changed"] == {"living_alone": [True, False]}
    book = leader.query("people.ledger", {"line": "civil", "unit": COMMITTEE}).result(30)["result"]
    rows = list(load_workbook(io.BytesIO(book)).worksheets[0].iter_rows(values_only=True))
    assert rows[:3] == [("本区民政台账", None, None), ("姓名", "小院", "独居"), ("陈桂英", "是", "否")]
    with pytest.raises(RequestError) as no_ledger:  # a shipped line the district keeps no ledger for
        leader.query("people.ledger", {"line": "elderly", "unit": COMMITTEE}).result(30)
    assert "lines: civil" in str(no_ledger.value)
    daemon.stop()
    shipped = citybrain_daemon_factory(plugins=PLUGINS, demo=False).client()
    shipped.wait_for(lambda _: shipped.replica.get(VISIT_FORM, "visit") is not None, timeout=30)
    assert visits.form().id == "resident_visit" and "elderly" in shipped.replica.get(VISIT_FORM, "visit")["ledgers"]


@pytest.mark.parametrize(
    ("name", "text", "error", "says"),
    [
        ("ledgers", LEDGERS.replace("answer.garden", "answer.pool"), LedgerError, "ledger 'civil', column '小院'"),
        ("ledgers", LEDGERS.replace('line = "civil"', 'line = "civil"\nowner = "x"'), LedgerError, "unknown field"),
        ("ledgers", LEDGERS.replace("本区", "区" * 10_001), LedgerError, "ledgers.0.title: a text longer than"),
        ("visit_form", FORM.replace('known = "living_alone"', 'known = "name"'), FormError, "may not update: name"),
        ("visit_form", FORM + "[[sections]]\nkey = 1\nfields = []\nx = 2\n", FormError, "section 1: unknown"),
    ],
)
def test_a_district_file_that_cannot_be_used_is_refused_naming_the_file_and_entry(
    tmp_path, name: str, text: str, error: type[ValueError], says: str
) -> None:
    """What citybrain_start does with the section: a bad file raises (the plugin is switched off, told why)."""
    good = _district_files(tmp_path)
    bad = _write(tmp_path, "bad.toml", text)
    try:
        with pytest.raises(error) as refused:
            ledgers.configure(good | {name: bad})
        assert str(refused.value).startswith(f"{bad}: ") and says in str(refused.value)
    finally:
        ledgers.configure({})  # the shipped files again for the tests after this one
    assert visits.form().id == "resident_visit"


def test_a_district_file_that_is_missing_or_too_large_is_refused_naming_it(tmp_path) -> None:
    missing = tmp_path / "nowhere.toml"
    huge = tmp_path / "huge.toml"
    huge.write_bytes(b"#" * (3 * 1024 * 1024))
    try:
        for path, says in ((missing, f"cannot read {missing}"), (huge, f"{huge}: larger than 2 MiB")):
            with pytest.raises(LedgerError) as refused:
                ledgers.configure({"ledgers": str(path)})
            assert says in str(refused.value)
    finally:
        ledgers.configure({})


def test_the_desk_shows_the_district_s_form_and_its_ledger_lines(citybrain_desk, qtbot) -> None:
    """Opened before or after the feed told it, the view ends on the daemon's form, not the shipped one."""
    from citybrain.plugins.people.tests.test_desk import _shoot, _shown
    from citybrain.plugins.people.visit_view import VisitView

    view = _shown(qtbot, VisitView(citybrain_desk.context("people")), 700)
    qtbot.waitUntil(lambda: view.form.form.id == "district_visit" and view.line.count() == 1, timeout=30_000)
    assert list(view.form.editors) == ["living_alone", "garden"] and view.line.currentData() == "civil"
    assert not view.form.isEnabled() and "Select a resident" in view.form.toolTip()
    _shoot(view, "people-visit-district-en")
