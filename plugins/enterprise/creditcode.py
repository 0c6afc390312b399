"""The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character alphabet
(digits and capitals without I, O, Z, S, V), the last a check character over the first 17 with weights 3^i mod 31."""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VALUE = {c: i for i, c in enumerate(ALPHABET)}
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
LENGTH = 18


def check_character(first17: str) -> str:
    """The 18th character for the first 17 (each from :data:`ALPHABET`)."""
    total = sum(VALUE[c] * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def problem(code: str) -> str | None:
    """Why ``code`` is not a valid credit code (None when it is): length, forbidden characters, check character."""
    if len(code) != LENGTH:
        return f"a credit code has {LENGTH} characters, {code!r} has {len(code)}"
    wrong = sorted({c for c in code if c not in VALUE})
    if wrong:
        return f"{code!r} has characters a credit code never uses: {' '.join(wrong)} (no I, O, Z, S, V, no lower case)"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"{code!r}: the check character is {code[17]}, the first 17 characters give {expected}"
    return None


def normalise(raw: str) -> str:
    """What people type: surrounding and inner spaces dropped, lower case raised (the check still applies)."""
    return "".join(raw.split()).upper()
