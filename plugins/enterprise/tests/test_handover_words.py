"""An overdue demand in the shift handover names the department it waits on, in the desk's language: never its
org code (the Chinese handover read "办理中 · 310109-JRB · 已超期")."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QApplication

from citybrain.plugins.enterprise.handover_words import open_item_words
from citybrain.shell.i18n import install_translator

UNITS = {"310109-JRB": {"code": "310109-JRB", "name": "区金融工作办公室"}}


class Units:
    """The part of a desk context the words read: the org tree's units by code."""

    def record(self, collection: str, key: str) -> dict | None:
        return UNITS.get(key) if collection == "org.units" else None


def test_a_demand_names_its_department_and_speaks_the_desks_language(qapp):
    facts = {
        "name": "上海德卓制造有限公司",
        "title": "融资贷款",
        "state": "in_progress",
        "department": "310109-JRB",
        "escalations": 2,
    }
    install_translator(qapp, "zh_CN")
    try:
        words = open_item_words()["demand"]
        kind, (title, detail) = words.kind, words.text(Units(), facts)
    finally:
        install_translator(QApplication.instance(), "en")
    assert "区金融工作办公室" in detail and "310109" not in detail, detail
    assert not re.search(r"[A-Za-z]{2,}", f"{kind} {title} {detail}"), (kind, title, detail)
