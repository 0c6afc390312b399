"""Reading CAP safely: CAP 1.2 and 1.1 alerts, alone or wrapped (a list of alerts, EDXL-DE, Atom or RSS feeds that
carry CAP inside or index it with cap: fields).  No DTD, no entity, no external reference is ever read: a document
that declares one is refused before anything is resolved (defusedxml), as are documents over the size limit, CAP
1.0, foreign namespaces and feeds that only link to alerts elsewhere (those are fetched when the feed is polled).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

MAX_BYTES = 5_000_000
CAP = {"urn:oasis:names:tc:emergency:cap:1.2": "1.2", "urn:oasis:names:tc:emergency:cap:1.1": "1.1"}
CAP_10 = "http://www.incident.com/cap/1.0"
ATOM = "http://www.w3.org/2005/Atom"


class NotCap(ValueError):
    """The document is refused; the message says why, in words an operator can act on."""


@dataclass
class Parsed:
    alerts: list[dict] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # CAP documents a feed points to (fetched when polled)
    wrapper: str = "alert"


def _ns(tag: str) -> tuple[str, str]:
    return (tag[1:].split("}", 1)[0], tag.split("}", 1)[1]) if tag.startswith("{") else ("", tag)


def _children(element: Element, name: str) -> list[Element]:
    return [c for c in element if _ns(c.tag)[1] == name]


def _text(element: Element, name: str) -> str:
    found = _children(element, name)
    return (found[0].text or "").strip() if found else ""


def when(value: str) -> str | None:
    """A CAP time (with its offset) as UTC ISO, or None when absent or unreadable."""
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(UTC).isoformat(timespec="seconds") if moment.tzinfo else None


def _points(text: str) -> list[list[float]]:
    """'lat,lon lat,lon …' as [[lat, lon], …]; unreadable pairs are left out (a polygon is kept as far as it reads)."""
    points = []
    for pair in text.split():
        try:
            lat, lon = (float(v) for v in pair.split(",")[:2])
        except ValueError:
            continue
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            points.append([lat, lon])
    return points


def _area(area: Element) -> dict:
    circles = []
    for circle in _children(area, "circle"):
        centre, _, radius = (circle.text or "").strip().partition(" ")
        point = _points(centre)
        try:
            circles.append({"centre": point[0], "radius_km": float(radius)} if point else {"raw": circle.text})
        except ValueError:
            circles.append({"raw": circle.text})
    return {
        "description": _text(area, "areaDesc"),
        "polygons": [_points(p.text or "") for p in _children(area, "polygon")],
        "circles": circles,
        "geocodes": [{"name": _text(g, "valueName"), "value": _text(g, "value")} for g in _children(area, "geocode")],
    }


def _info(info: Element) -> dict:
    return {
        "language": _text(info, "language") or "en-US",
        "categories": [(c.text or "").strip() for c in _children(info, "category")],
        "event": _text(info, "event"),
        "urgency": _text(info, "urgency"),
        "severity": _text(info, "severity"),
        "certainty": _text(info, "certainty"),
        "headline": _text(info, "headline"),
        "description": _text(info, "description"),
        "instruction": _text(info, "instruction"),
        "sender_name": _text(info, "senderName"),
        "web": _text(info, "web"),
        "effective": when(_text(info, "effective")),
        "onset": when(_text(info, "onset")),
        "expires": when(_text(info, "expires")),
        "parameters": [
            {"name": _text(p, "valueName"), "value": _text(p, "value")} for p in _children(info, "parameter")
        ],
        "areas": [_area(a) for a in _children(info, "area")]
        or (  # area parts set straight on it (index feeds)
            [_area(info)] if any(_children(info, n) for n in ("areaDesc", "polygon", "circle", "geocode")) else []
        ),
    }


def references(text: str) -> list[dict]:
    """'sender,identifier,sent …' as [{sender, identifier, sent}]."""
    out = []
    for triple in text.split():
        parts = triple.split(",")
        if len(parts) >= 2:
            out.append({"sender": parts[0], "identifier": parts[1], "sent": when(parts[2]) if len(parts) > 2 else None})
    return out


def alert(element: Element) -> dict:
    """One <alert> of CAP 1.1 or 1.2 as a dict; refused when required parts are missing."""
    namespace, _ = _ns(element.tag)
    version = CAP.get(namespace)
    if namespace == CAP_10:
        raise NotCap("CAP 1.0 is not supported (CAP 1.1 and 1.2 are): ask the sender for a current version")
    if version is None:
        raise NotCap(f"<alert> in the namespace {namespace or '(none)'!r}, which is not CAP 1.1 or 1.2")
    found = {name: _text(element, name) for name in ("identifier", "sender", "sent", "status", "msgType", "scope")}
    missing = [name for name in ("identifier", "sender", "sent", "status", "msgType") if not found[name]]
    if missing:
        raise NotCap(f"an alert without {', '.join(missing)}")
    return {
        "version": version,
        "identifier": found["identifier"],
        "sender": found["sender"],
        "sent": when(found["sent"]) or found["sent"],
        "status": found["status"],
        "msg_type": found["msgType"],
        "scope": found["scope"],
        "note": _text(element, "note"),
        "references": references(_text(element, "references")),
        "signed": any(_ns(c.tag)[1] == "Signature" for c in element),
        "index": False,
        "infos": [_info(i) for i in _children(element, "info")]
        or (  # the info's fields on the alert itself
            [_info(element)] if _text(element, "event") else []
        ),
    }


SUMMARY = ("event", "severity", "urgency", "areaDesc", "msgType")  # cap: fields an index entry summarises with


def _index_entry(entry: Element, feed_sender: str) -> dict | None:
    """An Atom entry or RSS item that summarises an alert with cap: fields (the NWS index feeds), or None."""
    cap = [c for c in entry if _ns(c.tag)[0] in CAP]
    if not any(_ns(c.tag)[1] in SUMMARY for c in cap):
        return None
    link = next((c.get("href") or (c.text or "").strip() for c in entry if _ns(c.tag)[1] == "link"), "")
    info = _info(entry)
    info |= {
        "event": info["event"] or _text(entry, "title"),
        "headline": _text(entry, "title"),
        "description": _text(entry, "summary") or _text(entry, "description"),
        "web": link,
    }
    return {
        "version": CAP[_ns(cap[0].tag)[0]],
        "identifier": _text(entry, "id") or _text(entry, "guid") or link,
        "sender": _text(entry, "author") or feed_sender,
        "status": _text(entry, "status") or "Actual",
        "sent": when(_text(entry, "published") or _text(entry, "updated") or _text(entry, "pubDate")) or "",
        "msg_type": _text(entry, "msgType") or "Alert",
        "scope": "Public",
        "note": "",
        "references": [],
        "signed": False,
        "index": True,
        "link": link,
        "infos": [info],
    }


def _feed(root: Element, kind: str) -> Parsed:
    parsed = Parsed(wrapper=kind)
    entries = [e for e in root.iter() if _ns(e.tag)[1] in ("entry", "item")]
    sender = _text(root, "id") or _text(root, "title")
    for entry in entries:
        inside = [e for e in entry.iter() if _ns(e.tag) in ((ns, "alert") for ns in CAP)]
        if inside:
            parsed.alerts += [alert(e) for e in inside]
            continue
        summary = _index_entry(entry, sender)
        if summary is not None:
            parsed.alerts.append(summary)
            continue
        link = next((c.get("href") or (c.text or "").strip() for c in entry if _ns(c.tag)[1] == "link"), "")
        if link:
            parsed.links.append(link)
    return parsed


def parse(data: bytes) -> Parsed:
    """Every alert in a file, or NotCap saying why none can be taken (a feed of links included: fetch it instead)."""
    parsed = read(data)
    if not parsed.alerts:
        raise NotCap(
            f"a {parsed.wrapper} that only links to {len(parsed.links)} CAP document(s): add it as a "
            "feed, and they are fetched when it is polled"
        )
    return parsed


def read(data: bytes) -> Parsed:
    """Every alert in a document, and the CAP documents a feed links to; NotCap when it cannot be read as CAP."""
    if len(data) > MAX_BYTES:
        raise NotCap(f"{len(data):,} bytes: over the {MAX_BYTES:,}-byte limit for one CAP document")
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise NotCap(f"declares a DTD or entities ({type(exc).__name__}): refused, nothing was resolved") from None
    except ParseError as exc:
        raise NotCap(
            f"not well-formed XML ({exc}); if the text looks right, its bytes may not match its declared encoding"
        ) from None
    namespace, name = _ns(root.tag)
    if name == "alert":
        return Parsed([alert(root)])
    if name == "alerts":
        return Parsed([alert(a) for a in root if _ns(a.tag)[1] == "alert"], wrapper="alerts")
    if name == "EDXLDistribution":
        found = [e for e in root.iter() if _ns(e.tag)[1] == "alert" and _ns(e.tag)[0] in CAP]
        if not found:
            raise NotCap("an EDXL-DE distribution with no CAP alert inside")
        return Parsed([alert(a) for a in found], wrapper="EDXLDistribution")
    if name in ("feed", "rss", "RDF"):
        return _feed(root, "feed" if name == "feed" else "rss")
    raise NotCap(f"<{name}> is not a CAP alert, nor a list, EDXL-DE, Atom or RSS wrapping of alerts")
