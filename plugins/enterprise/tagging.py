"""The enterprises' tags (configs/enterprise/tags.toml) through the platform's tag capability: "key enterprise"
(重点企业) is a tag, a large enterprise or one the register marks, evaluated over the records at once."""

from __future__ import annotations

import functools

import pandas as pd

from citybrain.core.api import TagDef, bundled, evaluate_tags, load_tags

KEY = "重点企业"


@functools.cache
def definitions() -> list[TagDef]:
    """configs/enterprise/tags.toml, read and checked on first use (nothing is read at import)."""
    text = bundled("citybrain.configs", "enterprise", "tags.toml").read_text(encoding="utf-8")
    return load_tags(text, plugin="enterprise")


def with_tags(records: list[dict]) -> list[dict]:
    """``records`` (the registry's, ``key_enterprise`` being the register's mark) with ``key_enterprise`` as the
    tag says."""
    if not records:
        return records
    frame = pd.DataFrame(
        {"size": [r["size"] for r in records], "marked": [r["key_enterprise"] for r in records]},
        index=[r["id"] for r in records],
    )
    carried = evaluate_tags(definitions(), frame).carried[KEY]
    for record in records:
        record["key_enterprise"] = bool(carried.at[record["id"]])
    return records
