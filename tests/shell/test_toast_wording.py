"""Counts in words (a merged toast's heading, the badge) read right for one and for many, in both languages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from citybrain.shell.i18n import install_translator, tr, tr_n
from citybrain.shell.notify import Notifier


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp):  # noqa: ANN001
    install_translator(QCoreApplication.instance(), request.param)
    yield request.param
    install_translator(QCoreApplication.instance(), "en")


def escalated(notifier: Notifier, unit: str) -> None:
    """As the cases inbox posts an escalation: the title for one, ``counted`` for many."""
    notifier.notify(
        tr("Cases", "Escalated to {unit}").format(unit=unit),
        "#12 燃气泄漏",
        "warning",
        counted=tr("Cases", "{n} cases escalated to {unit}").format(unit=unit, n="{n}"),
    )


def test_one_reads_as_its_title_and_many_as_the_poster_words_them(language, qapp):  # noqa: ANN001
    notifier = Notifier(None)
    escalated(notifier, "虹口区")
    note = notifier.history[-1]
    assert note.heading == {"en": "Escalated to 虹口区", "zh_CN": "已升级至虹口区"}[language]
    for _ in range(4):
        escalated(notifier, "虹口区")
    assert note.count == 5 and len(notifier.history) == 1
    assert note.heading == {"en": "5 cases escalated to 虹口区", "zh_CN": "5 个案件升级至虹口区"}[language]


def test_without_a_wording_for_many_the_count_follows_the_title(language, qapp):  # noqa: ANN001
    notifier = Notifier(None)
    for _ in range(2):
        notifier.notify("Disk almost full", "/var", "warning")
    assert notifier.history[-1].heading == {"en": "Disk almost full ×2", "zh_CN": "Disk almost full（2 条）"}[language]


def test_a_count_in_words_reads_right_for_one_and_many(language, qapp):  # noqa: ANN001
    one, many = (tr_n("Status", "{n} alarm to acknowledge", "{n} alarms to acknowledge", n) for n in (1, 2))
    assert (one, many) == {
        "en": ("1 alarm to acknowledge", "2 alarms to acknowledge"),
        "zh_CN": ("1 条报警待确认", "2 条报警待确认"),
    }[language]
