"""GB 11643 ID numbers: the check character, the birth date and sex they hold."""

from __future__ import annotations

from datetime import date

import pytest

from citybrain.plugins.people import idnumber


def test_the_standards_own_example_and_ours_pass() -> None:
    assert idnumber.check_char("11010519491231002") == "X"  # GB 11643-1999's worked example
    assert idnumber.problem("11010519491231002X") is None
    assert idnumber.birth_date("11010519491231002X") == date(1949, 12, 31)
    assert idnumber.sex("11010519491231002X") == "F"
    made = idnumber.make("310109", date(1988, 11, 30), 1, male=True)
    assert made == "310109198811300034" and idnumber.problem(made) is None and idnumber.sex(made) == "M"


@pytest.mark.parametrize(
    ("number", "says"),
    [
        ("110105194912310021", "should be X"),
        ("11010519491231002", "not 18 characters"),
        ("11010519491231002Y", "not 18 characters"),
        ("1101051949123100AX", "not 18 characters"),
        ("110105194913310023", "no valid birth date"),
    ],
)
def test_a_bad_number_says_why(number: str, says: str) -> None:
    assert says in (idnumber.problem(number) or "")


def test_every_single_digit_typo_is_caught() -> None:
    good = "11010519491231002X"
    for at in range(17):
        for digit in "0123456789":
            typo = good[:at] + digit + good[at + 1 :]
            if typo != good and idnumber.birth_date(typo) is not None:
                assert idnumber.problem(typo) is not None, typo
