"""'Key enterprise' (重点企业) is a tag of the platform (configs/enterprise/tags.toml): a large enterprise, or one
the register marks; the registry's records carry what the tag says, and the export keeps the register's mark."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from citybrain.plugins.enterprise.tagging import KEY, definitions
from citybrain.plugins.enterprise.tests.conftest import VALID, csv_bytes, send_import

HEADER = "credit_code,name,industry,subdistrict,size,key_enterprise,contacts,officer"


def test_key_enterprise_is_the_tag_large_or_marked(leader) -> None:
    send_import(
        leader,
        "enterprise.enterprises",
        "e.csv",
        csv_bytes(
            HEADER,
            f"{VALID[0]},上海华信制造有限公司,34,310109009000,large,no,,王敏",
            f"{VALID[1]},上海鑫达商贸有限公司,51,310109009000,small,yes,,李强",
            f"{VALID[2]},上海云卓科技有限公司,65,310109009000,small,no,,周敏",
        ),
    )
    leader.wait_for(lambda s: len(leader.replica.records("enterprise.enterprises")) == 3)
    key = {r["credit_code"]: r["key_enterprise"] for r in leader.replica.records("enterprise.enterprises")}
    assert key == {VALID[0]: True, VALID[1]: True, VALID[2]: False}
    [definition] = [d for d in definitions() if d.name == KEY]
    assert (definition.entity, definition.source) == ("enterprise", "rule")
    exported = leader.query("enterprise.export", {}).result(30)["result"]
    rows = list(load_workbook(io.BytesIO(exported)).worksheets[0].values)
    marks = {row[0]: row[rows[0].index("key_enterprise")] for row in rows[1:]}
    assert marks == {VALID[0]: "no", VALID[1]: "yes", VALID[2]: "no"}  # the mark, not the tag: it imports back
