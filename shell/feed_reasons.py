"""Why the feed last changed state, in the desk's language.

The feed client (``citybrain.core.client``, no Qt) says why in English in ``FeedStatus.reason`` ("no heartbeat for
3 s", "gap in sequence before 812"): the log's words.  The status bar and the stale banner word each reason the
client gives here, with its figures; a reason this desk does not know (a newer client's) is shown as a general
sentence, never as English on a Chinese desk.  tests/shell/test_feed_reasons.py checks that every reason the
client can set is known here.
"""

from __future__ import annotations

import logging
import re

from citybrain.shell.i18n import tr, tr_noop

log = logging.getLogger(__name__)

# the client's reason (a whole-string pattern; its groups are the figures) -> the sentence (same names in braces)
REASONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), text)
    for pattern, text in (
        (r"connected", tr_noop("FeedReason", "connected to the daemon")),
        (r"no heartbeat for (?P<s>[\d.]+) s", tr_noop("FeedReason", "the daemon was silent for {s} s")),
        (r"gap in sequence before (?P<n>\d+)", tr_noop("FeedReason", "updates were missed (a gap before no. {n})")),
        (r"missed updates up to (?P<n>\d+)", tr_noop("FeedReason", "updates were missed (up to no. {n})")),
        (
            r"gap in private updates before (?P<n>\d+)",
            tr_noop("FeedReason", "updates for this operator were missed (a gap before no. {n})"),
        ),
        (
            r"private updates were lost or stopped",
            tr_noop("FeedReason", "updates for this operator were lost or stopped"),
        ),
        (r"daemon restarted", tr_noop("FeedReason", "the daemon restarted")),
        (
            r"client thread failed; see log",
            tr_noop("FeedReason", "this desk's feed connection failed (see the desk's log)"),
        ),
        (
            r"the daemon refused this desk's key \(CURVE\).*",
            tr_noop("FeedReason", "the daemon refused this desk's key: ask IT to add it to the daemon's allow-list"),
        ),
        (
            r"this daemon requires keys \(CURVE\).*",
            tr_noop("FeedReason", "this daemon requires keys: ask IT for this desk's key and the daemon's public key"),
        ),
        (
            r"this daemon requires keys \(CURVE\).*",
            tr_noop(
                "FeedReason",
                "this daemon accepts encrypted desks only: ask IT to start this desk with its key and the "
                "daemon's public key",
            ),
        ),
        (
            r"no citybrain daemon answers at (?P<endpoint>\S+)",
            tr_noop("FeedReason", "no citybrain daemon answers at {endpoint} (still trying)"),
        ),
        (
            r"the daemon and this desk disagree on encryption \(CURVE\).*",
            tr_noop(
                "FeedReason",
                "the daemon and this desk disagree on encryption: ask IT to check this desk's key and "
                "the daemon's public key",
            ),
        ),
    )
)
_unknown: set[str] = set()


_NO_ANSWER = re.compile(r"no citybrain daemon answers at \S+")


def in_bar(reason: str) -> str:
    """A reason the status bar says in place of the state's name, the operator being able to act on it (the desk
    is aimed at an address where no daemon answers: a wrong port, the daemon not started); "" for any other."""
    return reason_text(reason) if _NO_ANSWER.fullmatch(reason) else ""


def reason_text(reason: str) -> str:
    """``reason`` (``FeedStatus.reason``) in the desk's language; "" for none."""
    if not reason:
        return ""
    for pattern, text in REASONS:
        match = pattern.fullmatch(reason)
        if match:
            return tr("FeedReason", text).format(**match.groupdict())
    if reason not in _unknown:  # said once in the log, in the client's own words
        _unknown.add(reason)
        log.warning("feed state changed for a reason this desk cannot word: %s", reason)
    return tr("FeedReason", "the connection to the daemon changed (see the desk's log)")
