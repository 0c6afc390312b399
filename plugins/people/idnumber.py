"""Resident ID numbers (公民身份号码, GB 11643-1999): 18 characters, the 6-digit region, the birth date, a 3-digit
sequence whose last digit is odd for men, and an ISO 7064 MOD 11-2 check character."""

from __future__ import annotations

from datetime import date

WEIGHTS = tuple(2 ** (17 - i) % 11 for i in range(17))
CHECK = "10X98765432"


def check_char(first17: str) -> str:
    """The check character of the first 17 digits."""
    return CHECK[sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True)) % 11]


def normalise(text: str) -> str:
    return text.strip().upper().replace(" ", "")


def problem(number: str) -> str | None:
    """Why ``number`` is not a valid ID number, or None."""
    if len(number) != 18 or not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        return f"{number!r} is not 18 characters of digits (the last may be X)"
    if birth_date(number) is None:
        return f"{number!r} holds no valid birth date (characters 7 to 14)"
    expected = check_char(number[:17])
    if number[17] != expected:
        return f"{number!r} fails the GB 11643 check: its last character should be {expected}"
    return None


def birth_date(number: str) -> date | None:
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def sex(number: str) -> str:
    """``M`` or ``F``, from the 17th digit."""
    return "M" if int(number[16]) % 2 else "F"


def make(region: str, born: date, sequence: int, male: bool) -> str:
    """A valid number (the demo's): ``sequence`` 0..499 picks the order digits, ``male`` their parity."""
    order = sequence * 2 + (1 if male else 0)
    first17 = f"{region}{born:%Y%m%d}{order:03d}"
    return first17 + check_char(first17)
