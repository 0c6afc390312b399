"""The duty log and the handover as printable documents (HTML in the subset Qt's rich text prints to PDF).
No Qt here: the desk prints what these return."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from citybrain.core.times import local_time as local

STYLE = ("<style>body{font-size:9pt} h1{font-size:14pt} h2{font-size:11pt;margin-top:10px} "
         "td,th{padding:2px 4px;vertical-align:top} th{background:#dde3ea;color:#000;text-align:left}</style>")
KIND_NAMES = {"incident": "事件 incident", "case": "案件 case", "alarm": "报警 alarm", "shelved": "搁置 shelved",
              "reminder": "提醒 reminder"}  # a plugin's own kinds print as they are


TABLE = '<table border="1" cellspacing="0" width="100%">'


def _table(headers: Iterable[str], rows: Iterable[Iterable[object]], widths: Iterable[int] = ()) -> str:
    """A bordered table; ``widths`` in percent, column by column (the rest share what is left)."""
    sized = dict(enumerate(widths))
    head = "".join(f'<th width="{sized[i]}%">{escape(h)}</th>' if i in sized else f"<th>{escape(h)}</th>"
                   for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in row) + "</tr>" for row in rows)
    return f"{TABLE}<tr>{head}</tr>{body}</table>"


def _fields(pairs: Iterable[tuple[str, str]]) -> str:
    """Label and value, one per row (a form's header block)."""
    rows = "".join(f'<tr><th width="30%">{escape(k)}</th><td>{escape(v)}</td></tr>' for k, v in pairs)
    return f"{TABLE}{rows}</table>"


def log_html(log: dict, category_name=str) -> str:  # noqa: ANN001 - the desk's translated category names
    """A duty log in the layout of an ICS-214 activity log: header block, resources, timed entries, prepared by."""
    header = _fields([("1. 值班日志 Duty log", log["title"]),
                      ("2. 值班时段 Operational period", f"{local(log['start'])} — {local(log['end'])}")])
    resources = _table(("3. 值班人员 Resources", "单位 Unit", "岗位 Position", "班次 Shift", "接班 From"),
                       ((r["person"], r["unit"], r["position"], r["shift"], local(r["starts_at"]))
                        for r in log["resources"]))
    entries = _table(("No.", "事件时间 Event time", "记录 Recorded", "类别 Category", "单位 Unit", "记录人 Author",
                      "内容 Entry"),
                     ((e["id"], local(e["event_at"]), local(e["recorded_at"]), category_name(e["category"]), e["unit"],
                       e["author"], e["text"] + (f"（更正 corrects No. {e['corrects']}）" if e["corrects"] else ""))
                      for e in log["entries"]), widths=(4, 14, 14, 10, 6, 8))
    signed = _fields([("5. 编制人 Prepared by", log["prepared_by"]), ("日期 Date/time", local(log["prepared_at"]))])
    return (f"<html><head>{STYLE}</head><body><h1>值班日志 Duty log (ICS-214)</h1>{header}{resources}"
            f"<h2>4. 值班记录 Activity log ({len(log['entries'])})</h2>{entries}{signed}</body></html>")


STATE_NAMES = {"draft": "草稿 draft", "submitted": "待接班确认 submitted", "returned": "已退回 returned",
               "accepted": "已确认 accepted"}


def handover_html(handover: dict) -> str:
    """A handover as both officers signed it: who to whom, the compiled items, the notes, the signatures."""
    header = _fields([("交班 Outgoing", f"{handover['outgoing']} ({handover['unit']} / {handover['position']})"),
                      ("接班 Incoming", handover["incoming"]), ("状态 State", STATE_NAMES.get(handover["state"], "")),
                      ("汇总时间 Compiled", local(handover["compiled_at"]))])
    items = _table(("类型 Kind", "事项 Item", "说明 Detail", "时限 Due", "来源 From"),
                   ((KIND_NAMES.get(i["kind"], i["kind"]), i["title"], i["detail"], local(i["due_at"]), i["plugin"])
                    for i in handover["items"]), widths=(11, 27, 32, 18))
    signatures = _fields([("交班签字 Submitted by", f"{handover['submitted_by'] or '—'}  {local(handover['submitted_at'])}"),
                          ("接班签字 Decided by", f"{handover['decided_by'] or '—'}  {local(handover['decided_at'])}")]
                         + ([("退回问题 Question", handover["question"])] if handover["question"] else []))
    notes = escape(handover["notes"] or "—").replace("\n", "<br>")
    return (f"<html><head>{STYLE}</head><body><h1>交接班单 Shift handover No. {handover['id']}</h1>{header}"
            f"<h2>待办事项 Open items ({len(handover['items'])})</h2>{items}<h2>交班说明 Notes</h2><p>{notes}</p>"
            f"<h2>签字 Signatures</h2>{signatures}</body></html>")
