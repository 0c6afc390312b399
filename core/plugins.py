"""Plugin discovery and isolation, the same on both sides.

Plugins are modules named by entry points (``citybrain.daemon`` and
``citybrain.desk``); built-ins register exactly like third-party ones.  A
plugin that fails to import, to register or in any hook is switched off and
its error kept for ``citybrain plugins`` and the desk: nothing else stops.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import os
import re
import sys
import traceback
import zipfile
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager as ContextManager, nullcontext
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from types import FunctionType, ModuleType
from typing import Any

import pluggy

from citybrain.core.entry_points import entry_points

log = logging.getLogger(__name__)

HOOK_PREFIX = "citybrain_"  # every hook's name begins so, on both sides
CORE = "core"  # who contributes the daemon's own commands and queries: not a plugin, never switched off


class PluginStatus(StrEnum):
    """A plugin's state on one side, as ``citybrain plugins``, the ``system.plugins`` collection and the desk's
    system view show it (a member is the string itself: ``PluginStatus.LOADED == "loaded"``)."""

    LOADED = "loaded"  # registered: its hooks are called
    FAILED = "failed"  # its import, its registration or one of its hooks raised: switched off, ``error`` says why
    DISABLED = "disabled"  # switched off in the daemon's configuration (``[plugins] disabled``)
    ABSENT = "absent"  # the side itself is not installed here (``citybrain plugins`` on a server without the desk)


@dataclass
class PluginState:
    name: str
    side: str  # "daemon" or "desk"
    state: PluginStatus = PluginStatus.LOADED
    error: str | None = None
    module: str = ""
    version: str | None = None
    where: str | None = None  # the step that failed: import, register, or a hook's name

    def as_dict(self) -> dict:
        return asdict(self)


PLUGIN_PATH = "CITYBRAIN_PLUGIN_PATH"
DISABLED_BY_CONFIGURATION = "disabled in the configuration"


def plugin_folders() -> list[Path]:
    """Where third-party plugins live besides the Python environment: ``plugins/`` beside a frozen executable,
    and every folder in ``CITYBRAIN_PLUGIN_PATH``.  Each holds wheels (``*.whl``) or installed packages
    (``pip install --target FOLDER``)."""
    folders = [Path(sys.executable).resolve().parent / "plugins"] if getattr(sys, "frozen", False) else []
    return folders + [Path(p) for p in os.environ.get(PLUGIN_PATH, "").split(os.pathsep) if p]


def _add_plugin_folders() -> list[tuple[str, str]]:
    """Put the plugin folders and their wheels on ``sys.path`` (their entry points are found there too);
    returns (file, why) for wheels that cannot be read, which are left out."""
    bad = []
    folders = [folder for folder in plugin_folders() if folder.is_dir()]
    for folder in folders:
        for entry in [folder, *sorted(folder.glob("*.whl"))]:
            if entry.suffix == ".whl" and not zipfile.is_zipfile(entry):
                bad.append((entry.name, "not a readable wheel (zip) file"))
                continue
            if str(entry) not in sys.path:
                sys.path.append(str(entry))
    if folders:  # a folder may have gained a plugin since it was read; with none, every directory would be read again
        importlib.invalidate_caches()
    return bad


def _describe(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    at = f" (at {frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno})" if frames else ""
    return f"{exc.__class__.__name__}: {exc}{at}"


class _HookManager(pluggy.PluginManager):
    """pluggy's manager, looking at a plugin's hook-named attributes only (``citybrain_…``). pluggy asks for the
    options of every name a plugin module holds, its imports included, through ``inspect.getattr_static``: ~500
    names and ~8 ms of each side's start for twelve plugins, to find the ~40 that are hooks. A name outside the
    prefix is no hook here (``PluginHost.register`` refuses an unknown ``citybrain_`` name)."""

    def parse_hookimpl_opts(self, plugin: object, name: str) -> pluggy.HookimplOpts | None:
        if not name.startswith(HOOK_PREFIX):
            return None
        return super().parse_hookimpl_opts(plugin, name)


class PluginHost:
    """One side's plugins: a pluggy manager plus each plugin's state."""

    def __init__(self, side: str, project: str, hookspecs: ModuleType, group: str):
        self.side = side
        self.group = group
        self.pm = _HookManager(project)
        self.pm.add_hookspecs(hookspecs)
        self._known_hooks = {n for n in dir(hookspecs) if n.startswith(HOOK_PREFIX)}
        for hook in self._known_hooks:
            opts = getattr(self.pm.hook, hook).spec.opts
            if opts.get("firstresult") or opts.get("historic"):
                raise ValueError(f"{hook}: firstresult and historic hooks are not supported (see PluginHost.call)")
        self.states: dict[str, PluginState] = {}
        self.requires: dict[str, tuple[str, ...]] = {}  # a plugin's ``citybrain_requires``, read as it registers

    def discover(self, only: Iterable[str] | None = None, disabled: Iterable[str] = ()) -> None:
        """Load every entry point of this side's group (or just those named in ``only``), installed ones and
        those in the plugin folders (:func:`plugin_folders`). A plugin named in ``disabled`` is listed as
        disabled and never imported: its import-time code does not run and its libraries are not loaded."""
        for name, why in _add_plugin_folders():
            self._record_failure(PluginState(name, self.side, module=name), "import", ValueError(why))
        wanted = set(only) if only is not None else None
        for ep in sorted(entry_points(self.group), key=lambda e: e.name):
            if wanted is not None and ep.name not in wanted:
                continue
            if ep.name in self.states:
                continue  # first registration of a name wins; later duplicates are ignored
            if ep.name in disabled:
                self.states[ep.name] = PluginState(
                    ep.name, self.side, PluginStatus.DISABLED, DISABLED_BY_CONFIGURATION, module=ep.value
                )
                continue
            version = ep.dist.version if ep.dist is not None else None  # read once: the built-ins share one
            try:
                module = ep.load()
            except Exception as exc:  # a broken plugin must not take the host down
                self._record_failure(PluginState(ep.name, self.side, module=ep.value, version=version), "import", exc)
                continue
            self.register(ep.name, module, version=version)

    def register(self, name: str, module: ModuleType | object | str, version: str | None = None) -> PluginState:
        """Register a plugin module (or its dotted name, or any object with hook methods) under ``name``."""
        state = PluginState(
            name,
            self.side,
            module=module if isinstance(module, str) else getattr(module, "__name__", type(module).__name__),
            version=version,
        )
        try:
            if isinstance(module, str):
                module = importlib.import_module(module)
            unknown = [
                n
                for n in dir(module)
                if n.startswith(HOOK_PREFIX) and n not in self._known_hooks and callable(getattr(module, n))
            ]
            if unknown:
                raise pluggy.PluginValidationError(
                    module, f"unknown hook(s) {', '.join(unknown)}; known: {', '.join(sorted(self._known_hooks))}"
                )
            renamed = _marked_elsewhere(module, f"{self.pm.project_name}_impl")
            if renamed:
                raise pluggy.PluginValidationError(
                    module, f"a hook is found by its name ({HOOK_PREFIX}…), not by specname: {', '.join(renamed)}"
                )
            wrappers = [n for n in sorted(self._known_hooks) if _is_wrapper(self.pm.parse_hookimpl_opts(module, n))]
            if wrappers:
                raise pluggy.PluginValidationError(
                    module, f"hook wrappers are not supported ({', '.join(wrappers)}): each plugin is called on its own"
                )
            declared = getattr(module, "citybrain_requires", None)
            requires = tuple(declared()) if callable(declared) else ()
            if not all(isinstance(r, str) for r in requires):
                raise TypeError(f"citybrain_requires names plugins by their entry-point names, not {requires!r}")
            self.pm.register(module, name=name)
            self.requires[name] = requires
        except Exception as exc:
            return self._record_failure(state, "register", exc)
        self.states[name] = state
        return state

    def call(
        self, hook: str, *, around: Callable[[str], ContextManager] | None = None, **kwargs: Any
    ) -> list[tuple[str, Any]]:
        """Call ``hook`` on each loaded plugin separately; a plugin that raises is switched off.

        pluggy's semantics where they apply, refused where they do not: plugins are called in pluggy's order
        (``tryfirst`` first, ``trylast`` last, otherwise the last registered first), each moved after the plugins
        it requires (``citybrain_requires``), and every result is returned, None included. Hook wrappers
        (``hookwrapper``, ``wrapper``) are refused when a plugin registers, and no hook may be ``firstresult``
        or ``historic`` (checked when the host is made): a wrapper would run around all plugins' calls at once,
        where one plugin's exception must stay its own.

        A keyword argument named ``ctx`` or ``config`` may be a callable ``ctx(plugin_name)``
        so each plugin gets its own context or section; ``around(plugin_name)`` wraps each
        call (a database savepoint, so a failing plugin leaves nothing behind).
        Returns ``(plugin name, result)`` for each plugin that implements the
        hook, in the order called; iterable results are made lists inside
        the guard, so a generator that raises disables its plugin too.
        """
        results: list[tuple[str, Any]] = []
        self.settle()
        for impl in self._after_requirements(list(reversed(getattr(self.pm.hook, hook).get_hookimpls()))):
            name = impl.plugin_name
            args = {k: kwargs[k] for k in impl.argnames}
            for own in ("ctx", "config"):
                if callable(args.get(own)):
                    args[own] = args[own](name)
            try:
                with around(name) if around else nullcontext():
                    result = impl.function(**args)
                    if _is_iterable_contribution(result):
                        result = list(result)
            except Exception as exc:
                self.fail(name, hook, exc)
                continue
            results.append((name, result))
        return results

    def settle(self) -> None:
        """Switch off each loaded plugin a required plugin of which is not loaded (and, in turn, those requiring it)."""
        changed = True
        while changed:
            changed = False
            for name, requires in self.requires.items():
                missing = [r for r in requires if not self.loaded(r)]
                if missing and self.loaded(name):
                    self.fail(name, "requires", LookupError(f"requires the plugin(s) {', '.join(missing)}: not loaded"))
                    changed = True

    def _after_requirements(self, impls: list[Any]) -> list[Any]:
        """``impls`` in their order, except that a plugin comes after the plugins it requires (a stable sort)."""
        waiting, done, out = list(impls), set(), []
        present = {impl.plugin_name for impl in impls}
        while waiting:
            ready = next(
                (
                    i
                    for i in waiting
                    if all(r in done or r not in present for r in self.requires.get(i.plugin_name, ()))
                ),
                waiting[0],  # a cycle (refused by settle() unless both load): the registration order
            )
            waiting.remove(ready)
            done.add(ready.plugin_name)
            out.append(ready)
        return out

    def check(self) -> None:
        """Call every hook that takes no arguments (the declarations), so a broken one shows now.

        ``citybrain plugins`` uses this to report a plugin as loaded only if
        it also declares its contributions without raising.
        """
        for hook in sorted(self._known_hooks):
            caller = getattr(self.pm.hook, hook)
            if caller.spec is not None and not caller.spec.argnames:
                self.call(hook)

    def fail(self, name: str, where: str, exc: BaseException) -> None:
        """Switch a plugin off because ``where`` raised; callers keep going."""
        state = self.states.get(name) or PluginState(name, self.side)
        self._record_failure(state, where, exc)
        if self.pm.has_plugin(name):
            self.pm.unregister(name=name)

    def loaded(self, name: str) -> bool:
        state = self.states.get(name)
        return state is not None and state.state == PluginStatus.LOADED

    def _record_failure(self, state: PluginState, where: str, exc: BaseException) -> PluginState:
        state.state, state.where, state.error = PluginStatus.FAILED, where, _describe(exc)
        self.states[state.name] = state
        log.error(
            "%s plugin %r disabled: %s failed: %s",
            self.side,
            state.name,
            where,
            state.error,
            exc_info=(type(exc), exc, exc.__traceback__),
        )
        return state


def check_name(plugin: str, name: str, what: str) -> None:
    """A contribution is named after its plugin (``duty.log`` for the duty plugin), as napari's npe2 requires."""
    if not name.startswith(f"{plugin}."):
        raise ValueError(f"{what} {name!r} is not named after its plugin: {plugin}.…")


def check_reference(ref: str) -> None:
    """``"package.module:name"`` names a module that exists and a name it defines at its top level.

    Checked without importing the module (its parent package is imported, its source read), so a typo fails
    when the plugin registers, naming it, and a lazy contribution stays lazy. In a frozen build, where modules
    carry no source, only the module is checked.
    """
    module, sep, name = ref.partition(":")
    if not sep or not module or not name.isidentifier():
        raise ValueError(f"{ref!r} is not 'package.module:name'")
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        spec = None
    if spec is None or spec.loader is None:
        raise ValueError(f"{ref!r}: there is no module {module}")
    get_source = getattr(spec.loader, "get_source", None)
    source = get_source(module) if get_source else None
    if source is not None and not _defines(source, name):
        raise ValueError(f"{ref!r}: {module} defines no {name}")


def _defines(source: str, name: str) -> bool:
    """Whether a module's source defines ``name`` at its top level (a class, a function, an assignment or an
    import): a line's start is enough, as a view module's source is read at every desk start, not parsed."""
    source = "\n" + source
    starts = [f"\n{kind}{name}{end}" for kind in ("class ", "def ", "async def ") for end in "(:"]
    if any(start in source for start in [*starts, f"\n{name} =", f"\n{name}:"]):
        return True
    imports = re.findall(r"^(?:from|import) .*$", source, re.MULTILINE)
    return any(name in re.findall(r"\w+", line) for line in imports)


def _marked_elsewhere(plugin: object, marker: str) -> list[str]:
    """The functions of ``plugin`` marked as implementing a hook named otherwise (pluggy's ``specname``) under a name
    without the hook prefix: :class:`_HookManager` never looks at them, so they are refused rather than silently
    lost. (A hook imported under an alias, ``citybrain_metrics as policy_metrics``, is no hook by that name.)"""
    spaces = [vars(plugin)] if isinstance(plugin, ModuleType) else [vars(k) for k in type(plugin).__mro__]
    return sorted(
        name
        for space in spaces
        for name, value in space.items()
        if not name.startswith(HOOK_PREFIX)
        and isinstance(value, FunctionType)
        and (value.__dict__.get(marker) or {}).get("specname")
    )


def _is_wrapper(opts: Any) -> bool:
    """Whether a hook implementation's options (pluggy's ``HookimplOpts``, or None) make it a wrapper."""
    return bool(opts and (opts.get("hookwrapper") or opts.get("wrapper")))


def _is_iterable_contribution(result: Any) -> bool:
    return hasattr(result, "__iter__") and not isinstance(result, (str, bytes, dict))
