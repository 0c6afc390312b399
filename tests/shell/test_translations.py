"""zh_CN ships complete: every string the desk, its widgets and the built-in plugins show is translated."""

from PySide6.QtCore import QTranslator

from citybrain.shell.translations import TRANSLATIONS, extract, read_ts, source_files, untranslated


def test_every_user_visible_string_has_a_chinese_translation():
    messages = extract(source_files())
    assert sum(map(len, messages.values())) > 100  # the extractor does find the strings
    assert untranslated(TRANSLATIONS / "citybrain_zh_CN.ts", messages) == []


def test_the_compiled_translation_is_the_current_one(qapp):
    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS / "citybrain_zh_CN.qm"))
    stale = [
        (c, s)
        for (c, s), text in read_ts(TRANSLATIONS / "citybrain_zh_CN.ts").items()
        if translator.translate(c, s) != text
    ]
    assert stale == [], "run `make translations`"
