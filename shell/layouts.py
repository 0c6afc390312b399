"""Named layouts: which windows, on which screens, holding which views with which settings.

Plain data and JSON files, no Qt, so they are easy to test and to write by
hand.  Presets ship in ``configs/layouts/*.json`` and are read-only; what an
operator saves goes to this workstation's layout folder and, under the same
name, wins over the preset.  Every write is atomic (temporary file, fsync,
rename), so a crash leaves the old file or the new one, never half of one;
a file that cannot be read is reported and the preset is used instead.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from citybrain.core.config import bundled, user_config_dir

FORMAT = 1
DEFAULT_LAYOUT = "duty-desk"
CURRENT = "current.json"  # which layout this workstation used last: not a layout itself
_NAME = re.compile(r"^[\w\- ]{1,64}$")


class LayoutError(ValueError):
    """A layout that cannot be read or written; the message says which file and why."""


@dataclass
class ViewPlacement:
    """One open view: ``view`` is the plugin's ViewSpec id; ``instance`` tells copies apart."""

    view: str
    instance: str = ""
    area: Literal["left", "right", "top", "bottom"] = "left"
    settings: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.instance = self.instance or self.view


@dataclass
class WindowLayout:
    """A top-level window. ``geometry`` is relative to its screen: [x, y, width, height]."""

    id: str
    screen: str = ""
    screen_geometry: list[int] | None = None  # [x, y, w, h] of that screen when saved: the fallback's clue
    geometry: list[int] | None = None
    state: Literal["normal", "maximized", "fullscreen"] = "maximized"
    views: list[ViewPlacement] = field(default_factory=list)
    carousel: list[ViewPlacement] = field(default_factory=list)  # central pages shown in turn
    carousel_seconds: float = 20.0
    dock_state: str | None = None  # QMainWindow.saveState(), base64; absent in presets


@dataclass
class Layout:
    name: str
    profile: Literal["desk", "wall"] = "desk"
    title: str = ""
    windows: list[WindowLayout] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"format": FORMAT, **asdict(self)}

    @classmethod
    def from_json(cls, data: Any, source: str = "layout") -> Layout:
        """Parse and check a layout; raises LayoutError naming what is wrong."""
        try:
            if not isinstance(data, dict):
                raise TypeError("a layout is a JSON object")
            if data.get("format", FORMAT) > FORMAT:
                raise ValueError(f"format {data['format']} is newer than this desk understands ({FORMAT})")
            windows = []
            for w in data.get("windows", []):
                w = dict(w)
                w["views"] = [ViewPlacement(**v) for v in w.get("views", [])]
                w["carousel"] = [ViewPlacement(**v) for v in w.get("carousel", [])]
                windows.append(WindowLayout(**w))
            layout = cls(
                name=data["name"], profile=data.get("profile", "desk"), title=data.get("title", ""), windows=windows
            )
        except (TypeError, ValueError, KeyError) as exc:
            raise LayoutError(f"{source}: {exc.__class__.__name__}: {exc}") from None
        if layout.profile not in ("desk", "wall"):
            raise LayoutError(f"{source}: profile must be desk or wall, not {layout.profile!r}")
        if not layout.windows:
            raise LayoutError(f"{source}: a layout needs at least one window")
        ids = [w.id for w in layout.windows]
        if len(set(ids)) != len(ids):
            raise LayoutError(f"{source}: window ids repeat: {ids}")
        return layout


def check_name(name: str) -> str:
    name = name.strip()
    if not _NAME.match(name):
        raise LayoutError(f"a layout name is 1–64 letters, digits, spaces, '-' or '_': {name!r}")
    if f"{name}.json" == CURRENT:
        raise LayoutError(f"{name!r} is reserved: the file remembers which layout this workstation used last")
    return name


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves either the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if hasattr(os, "O_DIRECTORY"):  # the rename itself survives a power cut once the folder is synced
        dir_fd = os.open(path.parent, os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


class LayoutStore:
    """This workstation's layouts (``folder``) over the shipped presets."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or user_config_dir() / "layouts"
        self.problems: list[str] = []  # files that could not be read, for the operator

    # -- reading -------------------------------------------------------------
    @staticmethod
    def preset_names() -> list[str]:
        presets = bundled("citybrain.configs", "layouts")
        return sorted(p.name.removesuffix(".json") for p in presets.iterdir() if p.name.endswith(".json"))

    @staticmethod
    def preset(name: str) -> Layout:
        resource = bundled("citybrain.configs", "layouts", f"{name}.json")
        if not resource.is_file():
            raise LayoutError(f"no preset named {name!r}")
        return Layout.from_json(json.loads(resource.read_text(encoding="utf-8")), f"preset {name}")

    def names(self) -> list[str]:
        own = {p.stem for p in self.folder.glob("*.json") if p.name != CURRENT} if self.folder.is_dir() else set()
        return sorted(own | set(self.preset_names()))

    def is_preset(self, name: str) -> bool:
        return name in self.preset_names()

    def load(self, name: str) -> Layout:
        """The saved layout, else the preset; a saved file that cannot be read is reported and the preset used."""
        path = self.folder / f"{name}.json"
        if path.exists():
            try:
                layout = Layout.from_json(json.loads(path.read_text(encoding="utf-8")), str(path))
                layout.name = name
                return layout
            except (OSError, UnicodeDecodeError, json.JSONDecodeError, LayoutError) as exc:
                self.problems.append(f"{path}: {exc}" if not isinstance(exc, LayoutError) else str(exc))
                if not self.is_preset(name):
                    raise LayoutError(self.problems[-1]) from None
        return self.preset(name)

    def current(self) -> str:
        """The layout this workstation used last (the default preset the first time)."""
        try:
            name = json.loads((self.folder / CURRENT).read_text(encoding="utf-8"))["name"]
            return name if name in self.names() else DEFAULT_LAYOUT
        except (OSError, ValueError, KeyError, TypeError):
            return DEFAULT_LAYOUT

    # -- writing ---------------------------------------------------------------
    def save(self, layout: Layout) -> Path:
        layout.name = check_name(layout.name)
        path = self.folder / f"{layout.name}.json"
        write_atomically(path, json.dumps(layout.to_json(), ensure_ascii=False, indent=1))
        return path

    def set_current(self, name: str) -> None:
        write_atomically(self.folder / CURRENT, json.dumps({"name": name}))

    def rename(self, old: str, new: str) -> None:
        new = check_name(new)
        if new in self.names():
            raise LayoutError(f"a layout named {new!r} exists already")
        was_current = self.current() == old
        layout = self.load(old)
        layout.name = new
        self.save(layout)
        (self.folder / f"{old}.json").unlink(missing_ok=True)
        if was_current:
            self.set_current(new)

    def delete(self, name: str) -> bool:
        """Forget the saved copy; a preset itself stays (its shipped version comes back). False if nothing to delete."""
        path = self.folder / f"{name}.json"
        if not path.exists():
            return False
        path.unlink()
        return True
