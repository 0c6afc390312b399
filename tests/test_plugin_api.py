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
# what a plugin may import of the core (docs/plugins.md): the daemon's API, and the shared capabilities and
# helpers that import neither Qt nor the database, so both halves can (times, configuration files, the tag rules,
# the org tree, the calendar, the map's coordinates, sheets, workbooks) or that are the shared case loop's
CORE_PUBLIC = {
    "citybrain.core.api",
    "citybrain.core.times",
    "citybrain.core.config",
    "citybrain.core.tags",
    "citybrain.core.district",
    "citybrain.core.workcalendar",
    "citybrain.core.geo",
    "citybrain.core.sheets",
    "citybrain.core.exports",
    "citybrain.core.cases",
}
CORE_PUBLIC_PACKAGES = ("citybrain.core.cases",)  # the shared case loop: its model, statistics, grids, catalogue
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
    """(module, names, line) of each import; ``from citybrain.core import district`` counts as the submodule."""
    found: list[tuple[str, list[str], int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [a.name for a in node.names]
            if node.module in ("citybrain.core", "citybrain.shell", "citybrain.widgets"):
                found += [(f"{node.module}.{name}", [], node.lineno) for name in names]
            else:
                found.append((node.module, names, node.lineno))
    return found


def test_the_plugin_modules_are_found() -> None:
    assert len(PLUGIN_MODULES) > 50 and any(p.name == "desk.py" for p in PLUGIN_MODULES)


@pytest.mark.parametrize("path", PLUGIN_MODULES, ids=lambda p: str(p.relative_to(ROOT / "plugins")))
def test_a_plugin_imports_the_public_api_only(path: Path) -> None:
    """Of the core, citybrain.core.api and the shared capabilities docs/plugins.md names (CORE_PUBLIC); of the
    shell, citybrain.shell.api and .names; of the widgets, the package's names from the package (a module's own
    constants, the tile wall's GRID_FROM, from the module; the palette as a module)."""
    import citybrain.widgets as widgets

    wrong = []
    for module, names, line in _imports(path):
        if module.startswith("citybrain.core") and not (
            module in CORE_PUBLIC or module.startswith(tuple(f"{p}." for p in CORE_PUBLIC_PACKAGES))
        ):
            wrong.append(f"{line}: {module} is not the public API (citybrain.core.api, docs/plugins.md)")
        elif module.startswith("citybrain.shell") and module not in SHELL_PUBLIC:
            wrong.append(f"{line}: from {module} import {', '.join(names)} (use citybrain.shell.api)")
        elif module.startswith("citybrain.widgets.") and module != PALETTE and set(names) & set(widgets.__all__):
            wrong.append(f"{line}: from {module} import {', '.join(names)} (use citybrain.widgets)")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", PLUGIN_MODULES, ids=lambda p: str(p.relative_to(ROOT / "plugins")))
def test_a_plugin_does_not_change_whose_collections_it_writes(path: Path) -> None:
    """A transaction's write scope is the core's to set (core/write_scope.py, not importable by the test above):
    no plugin reaches for it through the transaction's private attribute either."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    wrong = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "_write_scope"]
    assert not wrong, f"lines {wrong}: a plugin writes its own collections and asks others through their commands"


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


PAYLOADS = {"p", "payload", "params"}  # what handlers call their payload
# a set a district configures (read in citybrain_start or from a shipped file): checked by hand, named in the refusal
CONFIGURED = {("enterprise/demands.py", "category"), ("people/ledgers.py", "line")}


def _payload_field(node: ast.AST, local: dict[str, str]) -> str | None:
    """The payload field ``node`` reads: ``p["x"]``, ``p.get("x")``, or a local assigned from one of them."""
    if isinstance(node, ast.Name):
        return local.get(node.id)
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in PAYLOADS:
        return str(node.slice.value) if isinstance(node.slice, ast.Constant) else None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
        owner, args = node.func.value, node.args
        if isinstance(owner, ast.Name) and owner.id in PAYLOADS and args and isinstance(args[0], ast.Constant):
            return str(args[0].value)
    return None


def _hand_checked_fields(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, field) of each ``if <payload field> not in <values>: raise …`` in a function."""
    found = []
    for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
        local: dict[str, str] = {}
        for node in ast.walk(function):
            if isinstance(node, ast.Assign):
                targets = node.targets[0].elts if isinstance(node.targets[0], ast.Tuple) else node.targets
                values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
                for target, value in zip(targets, values, strict=False):
                    field = _payload_field(value, local)
                    if field and isinstance(target, ast.Name):
                        local[target.id] = field
            elif isinstance(node, ast.If) and any(isinstance(b, ast.Raise) for b in node.body):
                tests = node.test.values if isinstance(node.test, ast.BoolOp) else [node.test]
                for test in tests:
                    if isinstance(test, ast.Compare) and isinstance(test.ops[0], ast.NotIn):
                        field = _payload_field(test.left, local)
                        if field:
                            found.append((node.lineno, field))
    return found


@pytest.mark.parametrize("path", PLUGIN_MODULES, ids=lambda p: str(p.relative_to(ROOT / "plugins")))
def test_a_payload_field_with_fixed_values_declares_them(path: Path) -> None:
    """A field with a fixed set of values is ``Literal[...]`` in its spec, so ``describe`` and docs/reference.md
    list the values and the validator refuses any other naming them all; a handler does not check it by hand."""
    where = path.relative_to(ROOT / "plugins").as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    wrong = [f"{line}: {field}" for line, field in _hand_checked_fields(tree) if (where, field) not in CONFIGURED]
    assert not wrong, "declare these payload fields Literal[...]:\n" + "\n".join(wrong)


def test_an_invalid_value_is_refused_naming_the_allowed_ones() -> None:
    from citybrain.core.validation import PayloadError, validate
    from citybrain.plugins.duty import daemon

    spec = next(s for s in daemon.citybrain_commands() if s.name == "duty.incident.report")
    with pytest.raises(PayloadError) as refused:
        validate(spec.payload, {"incident": 1, "kind": "fax", "text": "x"})
    assert refused.value.problems == ["payload.kind: must be one of 'phone', 'written', 'follow_up', 'final'"]
