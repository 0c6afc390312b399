from typing import Literal

import pytest

from citybrain.core.validation import PayloadError, validate

SPEC = {
    "unit": str,
    "count": int,
    "ratio": float,
    "note": str | None,
    "tags": list[str],
    "level": Literal["I", "II", "III", "IV"],
}


def test_a_good_payload_passes_and_optional_fields_may_be_missing():
    p = {"unit": "u", "count": 2, "ratio": 1, "tags": ["a"], "level": "II"}
    assert validate(SPEC, p) is p


def test_every_problem_is_reported_at_once():
    with pytest.raises(PayloadError) as info:
        validate(SPEC, {"unit": 5, "count": True, "ratio": "x", "tags": ["a", 3], "level": "V", "extra": 1})
    assert info.value.problems == sorted(
        [
            "payload.unit: expected str, got int",
            "payload.count: expected int, got bool",
            "payload.ratio: expected float, got str",
            "payload.tags[1]: expected str, got int",
            "payload.level: must be one of 'I', 'II', 'III', 'IV'",
            "payload.extra: unknown field",
        ]
    )


def test_missing_required_and_not_a_map():
    with pytest.raises(PayloadError, match="payload.unit: required"):
        validate({"unit": str}, {})
    with pytest.raises(PayloadError, match="expected a map"):
        validate({"unit": str}, [1])
