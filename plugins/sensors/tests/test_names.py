"""Device types are named in the desk's language: the English desk showed "NB-IoT烟感" and "井盖倾角传感器"."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QApplication

from citybrain.plugins.sensors.catalogue import device_catalogue
from citybrain.plugins.sensors.names import type_name
from citybrain.shell.i18n import install_translator


def test_every_device_type_has_a_name_in_each_language(qapp):
    english = {code: type_name(code) for code in device_catalogue().types}
    assert not any(re.search(r"[\u4e00-\u9fff]", name) for name in english.values()), english
    install_translator(qapp, "zh_CN")
    try:
        chinese = {code: type_name(code) for code in device_catalogue().types}
    finally:
        install_translator(QApplication.instance(), "en")
    assert chinese["SMK"] == "独立式烟感" and all(re.search(r"[\u4e00-\u9fff]", n) for n in chinese.values())
