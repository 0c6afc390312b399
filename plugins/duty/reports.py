"""The duty log and the handover as printable documents (HTML in the subset Qt's rich text prints to PDF).
No Qt here: the desk prints what these return, in its language (``tr`` is the desk's; English without it)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape

from citybrain.core.exports import append_row, workbook_bytes
from citybrain.core.times import local_time as local

STYLE = (
    "<style>body{font-size:9pt} h1{font-size:14pt} h2{font-size:11pt;margin-top:10px} "
    "td,th{padding:2px 4px;vertical-align:top} th{background:#dde3ea;color:#000;text-align:left}</style>"
)
Translate = Callable[[str, str], str]


def _english(context: str, text: str) -> str:
    return text


TABLE = '<table border="1" cellspacing="0" width="100%">'


def _table(headers: Iterable[str], rows: Iterable[Iterable[object]], widths: Iterable[int] = ()) -> str:
    """A bordered table; ``widths`` in percent, column by column (the rest share what is left)."""
    sized = dict(enumerate(widths))
    head = "".join(
        f'<th width="{sized[i]}%">{escape(h)}</th>' if i in sized else f"<th>{escape(h)}</th>"
        for i, h in enumerate(headers)
    )
    body = "".join("<tr>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in row) + "</tr>" for row in rows)
    return f"{TABLE}<tr>{head}</tr>{body}</table>"


def _fields(pairs: Iterable[tuple[str, str]]) -> str:
    """Label and value, one per row (a form's header block)."""
    rows = "".join(f'<tr><th width="30%">{escape(k)}</th><td>{escape(v)}</td></tr>' for k, v in pairs)
    return f"{TABLE}{rows}</table>"


@dataclass(frozen=True)
class LogNames:
    """How the desk names the log's codes, in its language (``str``: as they are)."""

    category: Callable[[str], str] = str
    unit: Callable[[str], str] = str
    position: Callable[[str], str] = str
    shift: Callable[[str], str] = str


@dataclass(frozen=True)
class LogDocument:
    """A duty log in the layout of an ICS-214 activity log, every label in one language: the header block, the
    resources, the timed entries, prepared by.  The PDF and the Excel workbook are written from this."""

    title: str
    header: list[tuple[str, str]]
    resources: tuple[list[str], list[list[object]]]
    entries_title: str
    entries: tuple[list[str], list[list[object]]]
    signed: list[tuple[str, str]]


def log_document(log: dict, tr: Translate = _english, names: LogNames = LogNames()) -> LogDocument:
    """``log`` is the daemon's ``duty.log.export`` answer: codes and UTC times, no labels."""
    header = [
        (tr("Duty", "1. Duty log"), tr("Duty", "Joint duty: {units}").format(units=log["title"])),
        (tr("Duty", "2. Operational period"), f"{local(log['start'])} — {local(log['end'])}"),
    ]
    resources = (
        [
            tr("Duty", "3. Resources"),
            tr("Duty", "Unit"),
            tr("Duty", "Position"),
            tr("Duty", "Shift"),
            tr("Duty", "Starts"),
        ],
        [
            [
                r["person"],
                names.unit(r["unit"]),
                names.position(r["position"]),
                names.shift(r["shift"]),
                local(r["starts_at"]),
            ]
            for r in log["resources"]
        ],
    )
    entries = (
        [
            tr("Duty", "No."),
            tr("Duty", "Event time"),
            tr("Duty", "Recorded"),
            tr("Duty", "Category"),
            tr("Duty", "Unit"),
            tr("Duty", "Author"),
            tr("Duty", "Entry"),
        ],
        [
            [
                e["id"],
                local(e["event_at"]),
                local(e["recorded_at"]),
                names.category(e["category"]),
                names.unit(e["unit"]),
                e["author"],
                e["text"] + (tr("Duty", " (corrects No. {n})").format(n=e["corrects"]) if e["corrects"] else ""),
            ]
            for e in log["entries"]
        ],
    )
    signed = [
        (tr("Duty", "5. Prepared by"), log["prepared_by"]),
        (tr("Duty", "Date and time"), local(log["prepared_at"])),
    ]
    return LogDocument(
        tr("Duty", "Duty log (ICS-214)"),
        header,
        resources,
        tr("Duty", "4. Activity log ({n})").format(n=len(log["entries"])),
        entries,
        signed,
    )


def log_html(document: LogDocument) -> str:
    """The log as printable HTML (the desk prints it to PDF)."""
    return (
        f"<html><head>{STYLE}</head><body><h1>{escape(document.title)}</h1>{_fields(document.header)}"
        f"{_table(*document.resources)}<h2>{escape(document.entries_title)}</h2>"
        f"{_table(*document.entries, widths=(4, 14, 14, 10, 6, 8))}{_fields(document.signed)}</body></html>"
    )


def log_workbook(document: LogDocument) -> bytes:
    """The log as an Excel workbook, the same blocks as the PDF; every text a text cell (an entry starting with
    "=" is not a formula)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = document.title[:31]  # Excel's limit for a sheet name
    bold = Font(bold=True)

    def bold_row(cells: list[object], first_only: bool = False) -> None:
        append_row(sheet, cells)
        for cell in sheet[sheet.max_row][:1] if first_only else sheet[sheet.max_row]:
            cell.font = bold

    for label, value in document.header + document.signed:
        bold_row([label, value], first_only=True)
    for headers, rows in (document.resources, document.entries):
        sheet.append([])
        bold_row(list(headers))
        for row in rows:
            append_row(sheet, row)
    sheet.column_dimensions["G"].width = 60
    return workbook_bytes(book)


def state_name(state: str, tr: Translate = _english) -> str:
    """A handover's state."""
    return {
        "draft": tr("Duty", "draft"),
        "submitted": tr("Duty", "signed, awaiting the incoming officer"),
        "returned": tr("Duty", "returned"),
        "accepted": tr("Duty", "accepted"),
    }.get(state, state)


def _stored_text(item: dict) -> tuple[str, str, str]:
    return item["kind"], item["title"], item["detail"]


def handover_html(
    handover: dict,
    tr: Translate = _english,
    post: Callable[[str, str], str] | None = None,
    item_text: Callable[[dict], tuple[str, str, str]] = _stored_text,
) -> str:
    """A handover as both officers signed it: who to whom, the compiled items, the notes, the signatures.
    ``post(unit, position)`` names the outgoing officer's post (codes without it); ``item_text(item)`` words an
    open item (its kind's name, title, detail) in the desk's language (as stored without it)."""
    where = post(handover["unit"], handover["position"]) if post else f"{handover['unit']} / {handover['position']}"
    header = _fields(
        [
            (tr("Duty", "Outgoing"), f"{handover['outgoing']} ({where})"),
            (tr("Duty", "Incoming"), handover["incoming"]),
            (tr("Duty", "State"), state_name(handover["state"], tr)),
            (tr("Duty", "Compiled"), local(handover["compiled_at"])),
        ]
    )
    items = _table(
        (tr("Duty", "Kind"), tr("Duty", "Item"), tr("Duty", "Detail"), tr("Duty", "Due")),
        ((*item_text(i), local(i["due_at"])) for i in handover["items"]),
        widths=(12, 30, 40),
    )
    signatures = _fields(
        [
            (tr("Duty", "Submitted by"), f"{handover['submitted_by'] or '—'}  {local(handover['submitted_at'])}"),
            (tr("Duty", "Decided by"), f"{handover['decided_by'] or '—'}  {local(handover['decided_at'])}"),
        ]
        + ([(tr("Duty", "Question"), handover["question"])] if handover["question"] else [])
    )
    notes = escape(handover["notes"] or "—").replace("\n", "<br>")
    title = tr("Duty", "Shift handover No. {n}").format(n=handover["id"])
    items_title = tr("Duty", "Open items ({n})").format(n=len(handover["items"]))
    return (
        f"<html><head>{STYLE}</head><body><h1>{escape(title)}</h1>{header}"
        f"<h2>{escape(tr('Duty', 'Notes'))}</h2><p>{notes}</p><h2>{escape(items_title)}</h2>{items}"
        f"<h2>{escape(tr('Duty', 'Signatures'))}</h2>{signatures}</body></html>"
    )  # notes first: dozens of items
