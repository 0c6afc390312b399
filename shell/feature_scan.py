"""PySide6's scan of every module imported after it, done without ``inspect``.

PySide6 lets each module choose its own ``__feature__`` switches (``snake_case``, ``true_property``), so it records,
for every module imported after it, whether the module uses PySide6 at all: "PySide6" anywhere in its source (its
``feature_imported``, called after each import).  It reads that source with ``inspect.getsource``, which also maps
every module in ``sys.modules`` to its file each time it meets a file it has not seen: the cost grows with the modules
already loaded, and over a desk start's ~250 modules it came to ~30 ms of ~0.4 s.  :func:`scan_sources_directly`
gives PySide6 the same answer from the file itself.  Where PySide6 has no such hook (another version), nothing
changes.
"""

from __future__ import annotations

import sys
from types import ModuleType


def uses_pyside(module: ModuleType) -> bool:
    """PySide6's own test (its ``_mod_uses_pyside``): "PySide6" in the module's source; False without a source file
    (built-in, extension or frozen modules)."""
    spec = getattr(module, "__spec__", None)
    origin = getattr(spec, "origin", None)
    if not isinstance(origin, str) or not origin.endswith(".py"):
        return False
    try:
        with open(origin, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def scan_sources_directly() -> bool:
    """Replace PySide6's per-import scan with :func:`uses_pyside`; True when it was there to replace."""
    feature = sys.modules.get("shibokensupport.feature")
    registry = getattr(feature, "pyside_feature_dict", None)
    if feature is None or not isinstance(registry, dict) or not callable(getattr(feature, "feature_imported", None)):
        return False

    def feature_imported(module: ModuleType) -> None:
        name = getattr(module, "__name__", None)
        if isinstance(name, str) and name not in registry:
            registry[name] = 0 if uses_pyside(module) else -1  # 0: no feature chosen; -1: not a PySide module

    vars(feature)["feature_imported"] = feature_imported  # PySide6 looks it up there at each import
    return True
