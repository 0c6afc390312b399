"""The desk's start: PySide6's per-import scan answered from the file (shell/feature_scan.py), and collection held."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap

import pytest

from citybrain.shell import app
from citybrain.shell.feature_scan import uses_pyside


def test_the_quick_scan_answers_as_pysides_own_for_the_modules_loaded():
    import PySide6.QtCore  # noqa: F401 - PySide6's feature module comes with it

    feature = sys.modules["shibokensupport.feature"]
    loaded = [m for name, m in sorted(sys.modules.items()) if name.startswith(("citybrain", "PySide6", "json"))]
    loaded += [sys.modules[name] for name in ("gc", "math", "os", "zmq", "qasync") if name in sys.modules]
    answers = {m.__name__: uses_pyside(m) for m in loaded}
    assert answers == {m.__name__: feature._mod_uses_pyside(m) for m in loaded}
    assert True in answers.values() and False in answers.values()  # both answers were put to the test


SWITCHED = textwrap.dedent("""
    import json, sys
    import PySide6.QtCore
    from citybrain.shell.feature_scan import scan_sources_directly
    switched = scan_sources_directly()
    sys.path.insert(0, sys.argv[1])
    import qt_user, plain
    registry = sys.modules["shibokensupport.feature"].pyside_feature_dict
    print(json.dumps([switched, registry["qt_user"], registry["plain"]]))
""")


def test_a_module_imported_after_the_switch_is_registered_as_pyside_would(tmp_path):
    (tmp_path / "qt_user.py").write_text("from PySide6.QtCore import QObject\n")
    (tmp_path / "plain.py").write_text("ANSWER = 42\n")
    proc = subprocess.run(
        [sys.executable, "-c", SWITCHED, str(tmp_path)], capture_output=True, text=True, timeout=120, check=True
    )
    assert proc.stdout.strip() == "[true, 0, -1]"  # 0: a PySide module, no feature chosen; -1: not one


def test_a_desk_that_fails_to_start_leaves_collection_on(monkeypatch):
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("no display")

    monkeypatch.setattr(app, "open_desk", broken)
    with pytest.raises(RuntimeError, match="no display"):
        app.run_desk("tcp://127.0.0.1:9", offscreen=True)
    assert gc.isenabled()
