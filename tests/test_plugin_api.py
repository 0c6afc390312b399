"""The plugin API holds for the built-in plugins (issue 20): they use the public modules only, and name error
codes and plugin states instead of writing string literals."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLUGIN_MODULES = sorted(p for p in (ROOT / "plugins").rglob("*.py") if "tests" not in p.relative_to(ROOT).parts)
# what a desk half may import of the shell and the widgets (docs/plugins.md, "The desk half")
SHELL_PUBLIC = {"citybrain.shell.api", "citybrain.shell.names"}
PALETTE = "citybrain.widgets.palette"  # public as a module: the one palette's colours, levels and their names
CODES = {
    "bad_frame",
    "bad_version",
    "unknown_type",
    "unknown_command",
    "unknown_query",
    "invalid_payload",
    "unauthenticated",
    "forbidden",
    "refused",
    "import_refused",
    "failed",
    "plugin_disabled",
    "too_large",
    "timeout",
    "unavailable",
    "locked_out",
}


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return [
        (node.module, [a.name for a in node.names], node.lineno)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    ]


def test_the_plugin_modules_are_found() -> None:
    assert len(PLUGIN_MODULES) > 50 and any(p.name == "desk.py" for p in PLUGIN_MODULES)


@pytest.mark.parametrize("path", PLUGIN_MODULES, ids=lambda p: str(p.relative_to(ROOT / "plugins")))
def test_a_plugin_imports_the_public_api_only(path: Path) -> None:
    """citybrain.shell.api and .names of the shell; of the widgets, the package's names from the package (a
    module's own constants, the tile wall's GRID_FROM, from the module; the palette as a module)."""
    import citybrain.widgets as widgets

    wrong = []
    for module, names, line in _imports(path):
        if module.startswith("citybrain.shell") and module not in SHELL_PUBLIC:
            wrong.append(f"{line}: from {module} import {', '.join(names)} (use citybrain.shell.api)")
        elif module.startswith("citybrain.widgets.") and module != PALETTE and set(names) & set(widgets.__all__):
            wrong.append(f"{line}: from {module} import {', '.join(names)} (use citybrain.widgets)")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    "path", PLUGIN_MODULES + sorted((ROOT / "core").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT))
)
def test_refusals_name_their_error_code(path: Path) -> None:
    """``Refused(..., code=ErrorCode.INVALID_PAYLOAD)``, not ``code="invalid_payload"``; and no comparison of a
    value with an error code's literal (``exc.code == "timeout"``)."""
    wrong = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg == "code" and isinstance(keyword.value, ast.Constant) and keyword.value.value in CODES:
                    wrong.append(f"{node.lineno}: code={keyword.value.value!r}")
        elif isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(isinstance(c, ast.Constant) and c.value in CODES for c in operands) and any(
                isinstance(c, ast.Attribute) and c.attr == "code" for c in operands
            ):
                wrong.append(f"{node.lineno}: a code compared with a literal")
    assert not wrong, "\n".join(wrong)


def test_the_system_view_names_every_error_code_the_audit_holds() -> None:
    from citybrain.plugins.system.desk import _error_name
    from citybrain.shell.api import ErrorCode

    never_audited = {
        ErrorCode.TIMEOUT,
        ErrorCode.UNAVAILABLE,  # the client's own
        ErrorCode.BUSY,
    }  # answers a snapshot request only
    assert {code for code in ErrorCode if code not in _error_name} == never_audited


def test_a_view_gets_the_feed_signals_not_the_feed(qapp) -> None:  # noqa: ANN001 - pytest-qt's QApplication
    from citybrain.shell.api import DeskContext, FeedSignals
    from citybrain.shell.feed import DeskFeed
    from citybrain.shell.notify import Notifier

    feed = DeskFeed("tcp://127.0.0.1:9")  # never started
    ctx = DeskContext("test", feed, Notifier(None), lambda: [])
    assert isinstance(ctx.feed, FeedSignals) and not hasattr(ctx.feed, "client") and ctx.feed.stale
    seen: list[bool] = []
    ctx.feed.stale_changed.connect(seen.append)
    feed.stale_changed.emit(False)
    assert seen == [False]
