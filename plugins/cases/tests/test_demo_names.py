"""The demo district's made-up names: no two units share a name (an operator tells compounds apart by name), and the
seed's retrofitted compound is among them."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from citybrain.core.district import COMPOUND
from citybrain.plugins.cases.demo import SEED_COMPOUND, org_units


@pytest.mark.parametrize("seed", range(20))
def test_every_unit_name_is_unique(seed: int) -> None:
    units = org_units(random.Random(seed))
    clashes = [name for name, n in Counter(u["name"] for u in units).items() if n > 1]
    assert clashes == []
    compounds = [u["name"] for u in units if u["kind"] == COMPOUND]
    assert len(compounds) == 40 and SEED_COMPOUND in compounds
