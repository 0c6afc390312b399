"""Languages: Chinese first, English too, through Qt's own translation files.

Source strings are English; ``resources/translations/citybrain_zh_CN.ts`` is
compiled to ``.qm`` with ``pyside6-lrelease`` (``make translations``).  The
language is ``--lang``, else the system locale when it names English, else
Chinese: a duty room in Hongkou reads Chinese.
"""

from __future__ import annotations

import locale
import os
from importlib.resources import as_file

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFont, QFontDatabase

from citybrain.core.config import bundled

LANGUAGES = ("zh_CN", "en")
LANGUAGE_NAMES = {"zh_CN": "中文", "en": "English"}
_installed: dict[int, list[QTranslator]] = {}  # the translators this process installed, to swap them out
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei")


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def tr_n(context: str, one: str, many: str, n: int) -> str:
    """A count in words that read right for one and for many (``"{n} alarm to acknowledge"``, ``"{n} alarms to
    acknowledge"``), ``{n}`` filled in: two source strings, each translated (Chinese words both alike)."""
    return tr(context, one if n == 1 else many).format(n=n)


def tr_noop(context: str, text: str) -> str:
    """Marks ``text`` for translation where it is translated later (``tr(context, text)``); returns it as is."""
    return text


def choose_language(requested: str | None) -> str:
    """``--lang``, else what this workstation last switched to, else the system locale (Chinese unless English)."""
    if requested:
        if requested not in LANGUAGES:
            raise SystemExit(f"--lang must be one of {', '.join(LANGUAGES)}")
        return requested
    remembered = QSettings().value("desk/language", "", type=str)
    if remembered in LANGUAGES:
        return remembered
    system = os.environ.get("LC_ALL") or os.environ.get("LANG") or (locale.getlocale()[0] or "")
    return "en" if system.lower().startswith("en") else "zh_CN"


class _KeptTranslator(QTranslator):
    """Loaded from bytes it keeps, not from the path: Qt maps the file, and a .qm rewritten while a desk runs
    (make translations, an upgrade in place) crashed it in tr() (SIGSEGV in a table's data()). Qt reads the bytes
    in place, so they live as long as the translator."""

    def __init__(self, parent: QCoreApplication, data: bytes) -> None:
        super().__init__(parent)
        self.data = data


def install_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Load our translation for ``language`` and Qt's own (standard buttons), replacing earlier ones.

    English needs none.  Returns ours, or None.
    """
    QLocale.setDefault(QLocale(language))
    for old in _installed.pop(id(app), []):
        app.removeTranslator(old)
    if language == "en":
        return None
    installed = _installed.setdefault(id(app), [])
    qt = QTranslator(app)
    if qt.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    resource = bundled("citybrain.resources", "translations", f"citybrain_{language}.qm")
    with as_file(resource) as path:
        translator = _KeptTranslator(app, path.read_bytes() if path.exists() else b"")
        if not translator.load(translator.data):
            return None
    app.installTranslator(translator)
    installed.append(translator)
    return translator


def cjk_font_missing() -> bool:
    """True when no font with Chinese glyphs is installed (checked at start: a clear message, not boxes)."""
    families = set(QFontDatabase.families())
    if families & set(CJK_FAMILIES):
        return False
    return not any(QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(f) for f in families)


def ui_font(point_size: int = 10) -> QFont:
    """A sans-serif face that has the CJK glyphs when one is installed."""
    available = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in available:
            return QFont(family, point_size)
    return QFont("Sans Serif", point_size)
