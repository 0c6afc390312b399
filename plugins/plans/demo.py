"""Demo data for the plans plugin: the district's flood-and-typhoon, gas-accident and epidemic plans, imported from
the files that ship in configs/plans through the same checks as any plan file."""

from __future__ import annotations

import random

from citybrain.core.api import Transaction, bundled
from citybrain.plugins.plans.daemon import import_plan, read_plan

PLANS = ("hongkou-flood-typhoon.toml", "hongkou-gas-leak.toml", "hongkou-epidemic.toml")


def seed(tx: Transaction, rng: random.Random) -> None:
    for name in PLANS:
        report = import_plan(tx, name, read_plan(name, bundled("citybrain.configs", "plans", name).read_bytes()))
        if report.errors:
            raise ValueError(f"the demo plan {name} is not valid: {report.errors[:3]}")
