"""Catalogue files: a plugin's configuration in TOML (tag rules, forms, policies, ledgers), read the one way.

:func:`read_catalogue` parses one, bounded (file size, strings) and :func:`entries` takes its ``[[table]]`` rows,
bounded in number and checked for unknown fields, each row named by its ``id`` or ``name`` in every error.
:class:`Configured` holds what is in force: the shipped file, read on first use (nothing is read at import), unless
``citybrain_start`` names a district's own file from the plugin's ``[plugins.NAME]`` section; an error in either
names the file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Generic, TypeVar

from citybrain.core.config import bundled

T = TypeVar("T")
MAX_BYTES = 2 * 1024 * 1024  # one catalogue file: the largest shipped is ~40 KB
MAX_STRING = 10_000  # characters of any one value in it


def _long_string(value: object, where: str) -> str | None:
    """Where in ``value`` a string is longer than MAX_STRING, or None."""
    if isinstance(value, str):
        return where if len(value) > MAX_STRING else None
    items: Iterable[tuple[object, object]] = ()
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    for key, inner in items:
        if found := _long_string(inner, f"{where}.{key}" if where else str(key)):
            return found
    return None


def read_catalogue(text: str, error: type[ValueError]) -> dict[str, Any]:
    """``text`` parsed as TOML; ``error`` when it is not TOML, larger than MAX_BYTES or holds a string longer
    than MAX_STRING (naming where)."""
    if len(text) > MAX_BYTES:
        raise error(f"larger than {MAX_BYTES // 1024 // 1024} MiB")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"not TOML: {exc}") from None
    if where := _long_string(raw, ""):
        raise error(f"{where}: a text longer than {MAX_STRING:,} characters")
    return raw


def entry_name(entry: Mapping[str, Any]) -> str:
    """How an error names a row: its id, name, key or line (whichever it has)."""
    return repr(next((entry[k] for k in ("id", "name", "key", "line") if k in entry), "?"))


def entries(
    raw: Mapping[str, Any], table: str, most: int, known: Iterable[str], kind: str, error: type[ValueError]
) -> list[dict[str, Any]]:
    """The ``[[table]]`` rows of a parsed catalogue: at most ``most``, each a table with no field outside
    ``known``; ``error`` names the row as ``{kind} 'its-id'``."""
    rows = raw.get(table, [])
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise error(f"{table} is a list of tables ([[{table}]])")
    if len(rows) > most:
        raise error(f"at most {most} {table} in one file, not {len(rows)}")
    allowed = set(known)
    for row in rows:
        if unknown := set(row) - allowed:
            raise error(f"{kind} {entry_name(row)}: unknown field(s) {', '.join(sorted(unknown))}")
    return rows


def read_file(path: Path, error: type[ValueError]) -> str:
    """A district's catalogue file as text; ``error`` naming it when it is missing, unreadable or too large."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise error(f"{path}: larger than {MAX_BYTES // 1024 // 1024} MiB")
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"cannot read {path}: {exc}") from None


class Configured(Generic[T]):
    """What a plugin has in force from one catalogue file: ``configs/<plugin>/<name>`` as shipped, loaded by
    ``load`` on first use, or a district's own (:meth:`configure`, from ``citybrain_start``).  An error names the
    file: the shipped one by its name, a district's by its path."""

    def __init__(self, plugin: str, name: str, load: Callable[[str], T], error: type[ValueError]) -> None:
        self.plugin, self.name, self.load, self.error = plugin, name, load, error
        self._in_force: list[tuple[T, str]] = []  # (loaded, its text): empty until first use or configure()

    def __call__(self) -> T:
        return self._current()[0]

    def text(self) -> str:
        """The file in force as written (for a desk that checks and renders it itself, as a form)."""
        return self._current()[1]

    def _current(self) -> tuple[T, str]:
        if not self._in_force:
            text = bundled("citybrain.configs", self.plugin, self.name).read_text(encoding="utf-8")
            self._in_force.append((self._loaded(text, f"configs/{self.plugin}/{self.name}"), text))
        return self._in_force[0]

    def _loaded(self, text: str, where: str) -> T:
        try:
            return self.load(text)
        except self.error as exc:
            raise self.error(f"{where}: {exc}") from None

    def configure(self, path: str | Path | None) -> None:
        """A district's own file at ``path`` over the shipped one, checked now (so a bad file stops the start);
        None: the shipped one, read on its first use."""
        self._in_force.clear()
        if path:
            text = read_file(Path(path), self.error)
            self._in_force.append((self._loaded(text, str(path)), text))
