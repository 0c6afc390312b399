"""Keep ``resources/translations/*.ts`` in step with the ``tr(context, text)`` calls in the sources.

``python -m citybrain.shell.translations`` adds every new source string
(marked unfinished), drops strings no code uses any more, keeps every
translation made, and lists what still needs translating; ``make
translations`` runs it and compiles the ``.qm`` files.  pyside6-lupdate
does not see through the ``tr`` helper, hence this.
"""

from __future__ import annotations

import ast
import sys
import xml.etree.ElementTree as ET  # our own files; expat never fetches external entities
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path

SOURCES = ("citybrain.shell", "citybrain.widgets", "citybrain.plugins")
TRANSLATIONS = Path(str(files("citybrain.resources").joinpath("translations")))

Messages = dict[str, set[str]]  # context -> source strings


def extract(paths: Iterable[Path]) -> Messages:
    """Every ``tr``, ``tr_noop`` or ``translate("Context", "text")`` call with literal arguments (both texts of a
    ``tr_n("Context", one, many, n)``), and every
    ``CodeNames("Context", {code: "text", ...})`` table written as a literal (its texts, in that context)."""
    found: Messages = {}
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            context, text = node.args[:2]
            if not (isinstance(context, ast.Constant) and isinstance(context.value, str)):
                continue
            if (
                name in ("tr", "tr_noop", "translate")
                and isinstance(text, ast.Constant)
                and isinstance(text.value, str)
            ):
                found.setdefault(context.value, set()).add(text.value)
            elif name == "tr_n":  # tr_n(context, one, many, n)
                found.setdefault(context.value, set()).update(
                    a.value for a in node.args[1:3] if isinstance(a, ast.Constant) and isinstance(a.value, str)
                )
            elif name == "CodeNames" and isinstance(text, ast.Dict):
                found.setdefault(context.value, set()).update(
                    v.value for v in text.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
                )
    return found


def source_files() -> list[Path]:
    return sorted(p for package in SOURCES for p in Path(str(files(package))).rglob("*.py") if "tests" not in p.parts)


def read_ts(path: Path) -> dict[tuple[str, str], str]:
    """(context, source) -> translation ('' when unfinished)."""
    out = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and translation.get("type") != "unfinished"
            text = translation.text if translation is not None and done else None
            out[(name, message.findtext("source", ""))] = text or ""
    return out


def write_ts(path: Path, language: str, messages: Messages, translations: dict[tuple[str, str], str]) -> None:
    root = ET.Element("TS", version="2.1", language=language)
    for context in sorted(messages):
        c = ET.SubElement(root, "context")
        ET.SubElement(c, "name").text = context
        for source in sorted(messages[context]):
            m = ET.SubElement(c, "message")
            ET.SubElement(m, "source").text = source
            t = ET.SubElement(m, "translation")
            text = translations.get((context, source), "")
            if text:
                t.text = text
            else:
                t.set("type", "unfinished")
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    path.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n', encoding="utf-8")


def untranslated(path: Path, messages: Messages) -> list[tuple[str, str]]:
    done = read_ts(path)
    return sorted((c, s) for c, sources in messages.items() for s in sources if not done.get((c, s)))


def main() -> int:
    messages = extract(source_files())
    missing = 0
    for path in sorted(TRANSLATIONS.glob("citybrain_*.ts")):
        write_ts(path, path.stem.removeprefix("citybrain_"), messages, read_ts(path))
        for context, source in untranslated(path, messages):
            print(f"{path.name}: untranslated [{context}] {source}")
            missing += 1
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
