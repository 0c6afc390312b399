"""The org tree: spreadsheets checked row by row (all or nothing), escalation chains."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from citybrain.core.api import Refused
from citybrain.core.district import Tree, parse_units

HEADER = "code,name,kind,parent,property_company,address,lat,lon,contacts,on_duty\n"
GOOD = (
    HEADER
    + """\
D,虹口区,district,,,,31.26,121.50,王伟:13800000001:值班长,
S1,欧阳路街道,subdistrict,D,,,,,,李芳:13800000002
C1,第1居委会,committee,S1,,,,,,
G1,第1网格,grid,C1,,,,,,
P1,某物业,property_company,D,,,,,张敏:13800000003,
X1,某新村,compound,G1,P1,四平路1弄,31.27,121.49,,
DEP,城管执法局,department,D,,,,,,
"""
)


def parse(text: str, existing: dict | None = None):
    return parse_units("units.csv", text.encode("utf-8"), existing or {})


def test_a_good_sheet_is_accepted_with_people_and_places():
    units, report = parse(GOOD)
    assert report.errors == [] and report.imported == 7 and report.rows == 7
    by = {u["code"]: u for u in units}
    assert by["D"]["contacts"] == [{"name": "王伟", "phone": "13800000001", "role": "值班长"}]
    assert by["X1"]["lat"] == 31.27 and by["X1"]["property_company"] == "P1"


def test_escalation_goes_property_company_grid_committee_subdistrict_district():
    units, _ = parse(GOOD)
    tree = Tree({u["code"]: u for u in units})
    assert tree.escalation_chain("X1") == ["P1", "G1", "C1", "S1", "D"]
    assert tree.escalation_chain("G1") == ["G1", "C1", "S1", "D"]  # grid staff own their grid's problems first
    assert tree.escalation_chain("DEP") == ["DEP", "D"]
    assert tree.subdistrict_of("X1") == "S1" and tree.escalation_chain("nowhere") == []


@pytest.mark.parametrize(
    "extra, row, column, message",
    [
        ("C1,重复,committee,S1,,,,,,\n", 9, "code", "duplicate code C1 (first in row 4)"),
        ("C9,孤儿,committee,S9,,,,,,\n", 9, "parent", "unknown parent S9"),
        ("C9,错层,committee,D,,,,,,\n", 9, "parent", "a committee hangs under subdistrict, not district"),
        ("X9,小区,compound,C1,C1,,,,,\n", 9, "property_company", "C1 is not a known property company"),
        ("X9,小区,compound,C1,,,abc,,,\n", 9, "lat", "'abc' is not a number"),
        ("X9,小区,estate,C1,,,,,,\n", 9, "kind", "unknown kind 'estate'"),
        ("X9,,compound,C1,,,,,,\n", 9, "name", "name is empty"),
        ("X9,小区,compound,C1,,,,,王伟,\n", 9, "contacts", "write people as name:phone"),
    ],
)
def test_each_bad_row_is_refused_with_its_row_and_column(extra, row, column, message):
    units, report = parse(GOOD + extra)
    assert report.imported == 0
    assert any(e.row == row and e.column == column and message in e.message for e in report.errors), report.errors


def test_a_cycle_is_named():
    sheet = HEADER + "D,区,district,,,,,,,\nS1,街道,subdistrict,C1,,,,,,\nC1,居委,committee,S1,,,,,,\n"
    _, report = parse(sheet)
    assert any("cycle: S1 → C1 → S1" in e.message and e.row == 3 for e in report.errors), report.errors


def test_rows_may_hang_under_units_already_known():
    units, _ = parse(GOOD)
    existing = {u["code"]: u for u in units}
    _, report = parse(HEADER + "C2,第2居委会,committee,S1,,,,,,\n", existing)
    assert report.errors == [] and report.imported == 1


def test_excel_sheets_read_the_same_and_codes_stored_as_numbers_survive():
    book = Workbook()
    sheet = book.active
    for line in GOOD.splitlines():
        sheet.append(line.split(","))
    sheet.append(["310109009000", "欧阳路街道", "subdistrict", "D"])
    sheet.cell(row=sheet.max_row, column=1).value = 310109009000  # Excel keeps it as a number
    data = io.BytesIO()
    book.save(data)
    units, report = parse_units("units.xlsx", data.getvalue(), {})
    assert report.errors == [] and "310109009000" in {u["code"] for u in units}


def test_files_that_are_not_sheets_are_refused_clearly():
    with pytest.raises(Refused, match="not a readable Excel workbook"):
        parse_units("units.xlsx", b"not a zip", {})
    with pytest.raises(Refused, match="only .csv and .xlsx"):
        parse_units("units.pdf", b"%PDF", {})
    _, report = parse("code,name\nA,b\n")
    assert report.errors[0].row == 1 and "missing column(s): kind" in report.errors[0].message


def test_the_tree_is_read_once_per_transaction_and_again_once_units_change(tmp_path):
    """``Tree.load`` keeps the tree for its transaction (or savepoint): written units, a rolled-back savepoint and a
    new transaction are each seen, on a real database file."""
    from citybrain.core.district import save_units
    from citybrain.core.storage.engine import Base, make_engine, session_factory

    engine = make_engine(f"sqlite:///{tmp_path / 'org.db'}")
    Base.metadata.create_all(engine)
    units, _ = parse(GOOD)
    with session_factory(engine)() as session, session.begin():
        save_units(session, units)
    with session_factory(engine)() as session:
        first = Tree.load(session)
        assert Tree.load(session) is first and len(first.units) == 7
        save_units(session, [{"code": "C2", "name": "第2居委会", "kind": "committee", "parent": "S1"}])
        assert "C2" in Tree.load(session).units  # written, not yet flushed: seen
        kept = Tree.load(session)
        with session.begin_nested() as savepoint:
            save_units(session, [{"code": "C3", "name": "第3居委会", "kind": "committee", "parent": "S1"}])
            assert "C3" in Tree.load(session).units
            savepoint.rollback()
        assert "C3" not in Tree.load(session).units and "C2" in Tree.load(session).units
        assert Tree.load(session) is not kept  # read again after the savepoint: what it wrote is gone
        session.rollback()
        assert sorted(Tree.load(session).units) == sorted(first.units)  # a new transaction reads again
