"""Where CAP documents come from, taken defensively: the watched folder and the polled feeds.

The folder: a file's size is checked before it is read (``O_NOFOLLOW``: a symbolic link is set aside, never
followed), it is read and parsed on a worker thread (a pathological document never holds the daemon's loop), and
each move to ``done/`` or ``refused/`` is guarded on its own, under a name not yet taken there: a file or a
directory already bearing its name never stops the watch.  Feeds: only ``http``/``https`` links, and only to the
feed's own host, are fetched (a redirect elsewhere is refused too): a feed cannot make the daemon read
``file:///etc/passwd`` or reach an internal host.
"""

from __future__ import annotations

import logging
import os
import secrets
import stat
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from citybrain.plugins.cap.parse import MAX_BYTES, NotCap

EXTENSIONS = (".xml", ".cap", ".atom", ".rss", ".edxlde")
SCHEMES = ("http", "https")


def waiting(folder: Path) -> list[Path]:
    """The files (and symbolic links, to be set aside) dropped in ``folder`` with a CAP extension, by name."""
    with os.scandir(folder) as entries:
        found = [
            Path(e.path)
            for e in entries
            if Path(e.name).suffix.lower() in EXTENSIONS and (e.is_symlink() or e.is_file(follow_symlinks=False))
        ]
    return sorted(found)


def read_file(path: Path) -> bytes:
    """The bytes of a regular file no larger than the limit, its size known before a byte is read; NotCap
    otherwise (a symbolic link, a device, a file too large)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if path.is_symlink():
            raise NotCap("a symbolic link: not followed (copy the file itself into the folder)") from None
        raise NotCap(f"could not be opened: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise NotCap("not a regular file")
        if info.st_size > MAX_BYTES:
            raise NotCap(f"{info.st_size:,} bytes: over the {MAX_BYTES:,}-byte limit for one CAP document")
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:  # it grew while being read
        raise NotCap(f"over the {MAX_BYTES:,}-byte limit for one CAP document")
    return data


def free_name(where: Path, name: str) -> Path:
    """``where/name``, or when anything (a file, a directory, a link) already has that name, a unique variant."""
    target = where / name
    if not os.path.lexists(target):
        return target
    stem, dot, suffix = name.partition(".")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return where / f"{stem}-{stamp}-{secrets.token_hex(4)}{dot}{suffix}"


def set_aside(path: Path, where: Path, why: str | None, log: logging.Logger) -> bool:
    """Move ``path`` (a link itself, never its target) into ``where`` under a free name, with ``NAME.why.txt``
    when ``why``; False (logged) when the move failed: the caller leaves the file alone from then on."""
    try:
        target = free_name(where, path.name)
        os.replace(path, target)
    except OSError as exc:
        log.warning("CAP file %s could not be moved to %s/: %s; left where it is", path.name, where.name, exc)
        return False
    if why is not None:
        try:
            with open(free_name(where, f"{target.name}.why.txt"), "x", encoding="utf-8") as note:
                note.write(why + "\n")
        except OSError as exc:
            log.warning("CAP file %s: why it was refused could not be written: %s", path.name, exc)
    return True


def link_refused(link: str, feed_url: str) -> str | None:
    """Why a feed's link is not fetched, or None: only http(s), only on the feed's own host."""
    parts, feed = urlsplit(link), urlsplit(feed_url)
    if parts.scheme.lower() not in SCHEMES:
        return f"not an http(s) link ({parts.scheme or 'no scheme'})"
    if (parts.hostname or "") != (feed.hostname or ""):
        return f"on another host ({parts.hostname}) than the feed's ({feed.hostname})"
    return None


class _SameHost(urllib.request.HTTPRedirectHandler):
    """Redirects followed only to http(s) on the host first asked."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201 - urllib's signature
        why = link_refused(urljoin(req.full_url, newurl), req.full_url)
        if why:
            raise urllib.error.HTTPError(newurl, code, f"redirect refused: {why}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str) -> bytes:
    """A feed or a CAP document over http(s), at most one byte over the limit (the parser then refuses it)."""
    if urlsplit(url).scheme.lower() not in SCHEMES:
        raise OSError(f"{url}: only http(s) is fetched")
    opener = urllib.request.build_opener(_SameHost())
    request = urllib.request.Request(url, headers={"User-Agent": "citybrain-cap/1", "Accept": "application/xml"})
    with opener.open(request, timeout=20) as reply:
        return reply.read(MAX_BYTES + 1)
