"""Open311 GeoReport v2 imports: a city's services list (categories) or its service requests (tickets), as JSON
or XML (defusedxml: no DTD, no entity is ever resolved).  Every request is checked first; one bad request refuses
the whole file, and a file that is not a services or requests list is refused saying what it is."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from citybrain.core.api import ErrorCode, ImportReport, Refused, RowError, Transaction
from citybrain.plugins.metrics import CATEGORIES
from citybrain.plugins.metrics.catalogue import shipped
from citybrain.plugins.metrics.store import category_record, ensure_category, upsert_ticket

KIND = "metrics.open311"
STATES = {"open": None, "closed": True}  # an open request's outcome is not known yet


def _refuse(filename: str, why: str) -> Refused:
    return Refused(f"{filename}: {why}; nothing was imported", code=ErrorCode.INVALID_PAYLOAD)


def _xml_items(filename: str, data: bytes) -> tuple[str, list[dict[str, Any]]]:
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise _refuse(filename, f"the XML declares a DTD or entities, which are never resolved ({exc})") from None
    except ParseError as exc:
        raise _refuse(filename, f"not well-formed XML ({exc})") from None
    kinds = {"services": ("service", "services"), "service_requests": ("request", "requests")}
    if root.tag not in kinds:
        raise _refuse(filename, f"the XML root is <{root.tag}>, not <services> or <service_requests> (GeoReport v2)")
    child, kind = kinds[root.tag]
    return kind, [_element(e) for e in root if e.tag == child]


def _element(element: Element) -> dict[str, Any]:
    return {c.tag: (c.text or "").strip() or None for c in element}


def _json_items(filename: str, data: bytes) -> tuple[str, list[dict[str, Any]]]:
    try:
        payload = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _refuse(filename, f"not JSON ({exc})") from None
    if isinstance(payload, dict) and payload and all(isinstance(v, dict) and "endpoint" in v for v in payload.values()):
        raise _refuse(filename, "this is a list of Open311 endpoints (cities and their URLs), not services or requests")
    if not isinstance(payload, list) or not all(isinstance(item, dict) for item in payload):
        raise _refuse(filename, "GeoReport v2 services and requests are a JSON array of objects")
    if any("service_request_id" in item for item in payload):
        return "requests", payload
    if payload and all("service_code" in item for item in payload):
        return "services", payload
    raise _refuse(filename, "the array holds neither services (service_code) nor requests (service_request_id)")


def parse(filename: str, data: bytes) -> tuple[str, list[dict[str, Any]]]:
    """("services" or "requests", their items) — or Refused saying why the file is not one of them."""
    if data.lstrip().removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"<":  # a byte-order mark before XML too
        kind, items = _xml_items(filename, data)
    else:
        kind, items = _json_items(filename, data)
    if not items:
        raise _refuse(filename, f"the {kind} list is empty")
    return kind, items


def _time(item: dict, field: str, row: int, report: ImportReport, required: bool) -> datetime | None:
    raw = item.get(field)
    if not raw:
        if required:
            report.errors.append(RowError(row, field, f"{field} is missing"))
        return None
    try:
        moment = datetime.fromisoformat(str(raw).replace("Z", "+00:00"))
    except ValueError:
        report.errors.append(RowError(row, field, f"{field} {raw!r} is not an ISO 8601 time"))
        return None
    if moment.tzinfo is None:
        report.errors.append(RowError(row, field, f"{field} {raw!r} has no time zone"))
        return None
    return moment


def _coordinate(item: dict, field: str, limit: float, row: int, report: ImportReport) -> float | None:
    raw = item.get(field)
    if raw in (None, ""):
        return None
    try:
        value = float(raw)
    except (TypeError, ValueError):
        value = None
    if value is None or not -limit <= value <= limit:
        report.errors.append(RowError(row, field, f"{field} must be a number from {-limit} to {limit}, not {raw!r}"))
        return None
    return value


def _text(item: dict, field: str, row: int, report: ImportReport, longest: int = 64) -> str:
    """A required identifier: a string or a number, at most ``longest`` characters (never cut: two ids that
    differ only past the cut would become one ticket)."""
    raw = item.get(field)
    text = str(raw).strip() if isinstance(raw, (str, int)) and not isinstance(raw, bool) else ""
    if raw is not None and not isinstance(raw, (str, int)) or isinstance(raw, bool):
        report.errors.append(RowError(row, field, f"{field} is a text or a number, not {type(raw).__name__}"))
    elif not text:
        report.errors.append(RowError(row, field, f"{field} is missing"))
    elif len(text) > longest:
        report.errors.append(RowError(row, field, f"{field} is longer than {longest} characters"))
    return text


def check_request(item: dict, row: int, filename: str, report: ImportReport) -> dict | None:
    """One request as a ticket's fields, or None with its problems in the report."""
    before = len(report.errors)
    ident = _text(item, "service_request_id", row, report)
    code = _text(item, "service_code", row, report)
    status = str(item.get("status") or "").strip().lower()
    if status not in STATES:
        report.errors.append(RowError(row, "status", f"status is open or closed, not {item.get('status')!r}"))
    received = _time(item, "requested_datetime", row, report, required=True)
    lat, lon = _coordinate(item, "lat", 90, row, report), _coordinate(item, "long", 180, row, report)
    if len(report.errors) > before:
        return None
    return {
        "id": ident,
        "received_at": received,
        "channel": "open311",
        "category": code,
        "service_name": str(item.get("service_name") or ""),
        "subdistrict": "",
        "address": str(item.get("address") or "")[:300],
        "lat": lat,
        "lon": lon,
        "first_contact_at": None,
        "handling_unit": str(item.get("agency_responsible") or "")[:200],
        "resolved": STATES[status],
        "satisfaction": None,
        "reopen_count": 0,
        "description": str(item.get("description") or ""),
        "source": filename[-64:],
    }


def import_open311(tx: Transaction, filename: str, parsed: tuple[str, list[dict[str, Any]]]) -> ImportReport:
    """The services or requests :func:`parse` read (the daemon parses the file on a worker thread first)."""
    kind, items = parsed
    report = ImportReport(KIND, rows=len(items), notes=[f"GeoReport v2 {kind}"])
    if kind == "services":
        return _services(tx, items, report)
    tickets = [check_request(item, row, filename, report) for row, item in enumerate(items, start=1)]
    first: dict[str, int] = {}
    for row, ticket in enumerate(tickets, start=1):
        if ticket is not None and first.setdefault(ticket["id"], row) != row:
            report.errors.append(
                RowError(
                    row, "service_request_id", f"{ticket['id']} is also row {first[ticket['id']]}: one request, one row"
                )
            )
    if report.errors:
        return report
    checked = [t for t in tickets if t is not None]  # every one: a request that failed its check left an error
    known = shipped()
    for ticket in checked:
        name = ticket.pop("service_name")  # none given: an imported service keeps its name
        if ticket["category"] not in known:
            for category in ensure_category(tx.session, ticket["category"], name):
                tx.put(CATEGORIES, category_record(category))
        upsert_ticket(tx.session, ticket)
        tx.session.flush()
    report.imported = len(checked)
    return report


def _services(tx: Transaction, items: list[dict], report: ImportReport) -> ImportReport:
    for row, item in enumerate(items, start=1):
        for field in ("service_code", "service_name"):
            if not str(item.get(field) or "").strip():
                report.errors.append(RowError(row, field, f"{field} is missing"))
    if report.errors:
        return report
    for item in items:
        for category in ensure_category(
            tx.session,
            str(item["service_code"]).strip()[:64],
            str(item["service_name"]).strip()[:200],
            str(item.get("group") or "").strip()[:50],
        ):
            tx.put(CATEGORIES, category_record(category))
        tx.session.flush()
    report.imported = len(items)
    return report
