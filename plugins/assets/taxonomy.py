"""The supply taxonomy (configs/assets/taxonomy.toml): two levels; a supply's category is a second-level code."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from citybrain.core.api import bundled


@dataclass(frozen=True)
class Taxonomy:
    names: dict[str, str]  # every code, both levels -> its name
    codes: frozenset[str]  # the codes a supply may have

    @classmethod
    def shipped(cls) -> Taxonomy:
        data = tomllib.loads(bundled("citybrain.configs", "assets", "taxonomy.toml").read_text(encoding="utf-8"))
        names, codes = {}, set()
        for top in data["categories"]:
            names[top["code"]] = top["name"]
            for child in top["children"]:
                names[child["code"]] = child["name"]
                codes.add(child["code"])
        return cls(names, frozenset(codes))

    def records(self) -> list[dict]:
        return [
            {"code": code, "name": name, "parent": code.split(".")[0] if "." in code else None}
            for code, name in self.names.items()
        ]


@cache
def supply_taxonomy() -> Taxonomy:
    """The shipped taxonomy, read on first use (never at import)."""
    return Taxonomy.shipped()
