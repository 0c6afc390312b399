"""GB 32100-2015 credit codes: real published codes pass; a wrong check character, letters the standard never
uses, a wrong length or lower case typed in are caught (and said why)."""

from __future__ import annotations

import random

import pytest

from citybrain.plugins.enterprise import creditcode, synthetic

REAL = [
    "91350100M000100Y43",  # the standard's own worked example
    "91110000802100433B",  # 北京百度网讯科技有限公司
    "914403001922038216",
]  # 华为技术有限公司


@pytest.mark.parametrize("code", REAL)
def test_real_codes_are_valid(code):
    assert creditcode.problem(code) is None
    assert creditcode.check_character(code[:17]) == code[17]


def test_the_weights_are_powers_of_three_modulo_31():
    assert creditcode.WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    assert len(creditcode.ALPHABET) == 31 and not set("IOZSV") & set(creditcode.ALPHABET)


@pytest.mark.parametrize("code", [c[:17] + other for c in REAL for other in "0AY" if other != c[17]])
def test_a_wrong_check_character_is_refused(code):
    assert "check character" in creditcode.problem(code)


@pytest.mark.parametrize("letter", "IOZSV")
def test_letters_the_standard_never_uses_are_refused(letter):
    code = REAL[0][:8] + letter + REAL[0][9:]
    assert f"never uses: {letter}" in creditcode.problem(code)


@pytest.mark.parametrize("code", [REAL[0][:17], REAL[0] + "0", "", "9135010"])
def test_a_wrong_length_is_refused(code):
    assert "18 characters" in creditcode.problem(code)


def test_one_changed_character_is_always_caught():
    """A single mistyped character changes the weighted sum by a non-multiple of 31 (31 is prime)."""
    code = REAL[1]
    for i in range(17):
        for c in creditcode.ALPHABET:
            if c != code[i]:
                assert creditcode.problem(code[:i] + c + code[i + 1 :]) is not None


def test_what_people_type_is_normalised_before_the_check():
    assert creditcode.normalise(" 9111 0000 8021 0043 3b ") == REAL[1]
    assert creditcode.problem(REAL[1].lower()) is not None  # lower case is not a code until normalised


def test_generated_demo_codes_are_valid_and_in_the_district():
    rng = random.Random(4)
    codes = [synthetic.credit_code(rng) for _ in range(500)]
    assert all(creditcode.problem(c) is None and c.startswith("91310109") for c in codes)


def test_a_demo_register_names_each_enterprise_once():
    rows = synthetic.profiles(random.Random(4), 5_000, [("310109009000", 31.27, 121.49)])
    assert len({r["name"] for r in rows}) == len(rows) == 5_000
    assert len({r["credit_code"] for r in rows}) == 5_000
