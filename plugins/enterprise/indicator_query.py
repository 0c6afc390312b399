"""Monthly indicators from a query instead of a sheet: the district's data-sharing database (social insurance, the
power and water companies) read at start and then every ``every_hours``.

``[plugins.enterprise.indicator_query]`` in daemon.toml: ``url`` (any SQLAlchemy URL the daemon can reach),
``sql`` (a SELECT giving ``credit_code``, ``month`` and one column per indicator code, named so), ``every_hours``
(default 24).  The rows go through exactly the checks of an imported sheet — all or nothing; a refused read is
logged row by row and counted (``enterprise.indicator_query_refused`` in the system view), and nothing of it is
kept.  The query runs on a thread of its own, never in the writer."""

from __future__ import annotations

import asyncio
import csv
import io

from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError

from citybrain.core.api import DaemonContext, ImportReport, Refused, RowError
from citybrain.core.sheets import parse_ahead
from citybrain.plugins.enterprise.imports import import_indicators

FILENAME = "indicator-query.csv"


def fetch(url: str, sql: str) -> bytes:
    """The query's rows as a CSV sheet, its column names the header."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            result = connection.execute(text(sql))
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow(result.keys())
            writer.writerows(["" if v is None else v for v in row] for row in result)
    finally:
        engine.dispose()
    return out.getvalue().encode("utf-8")


async def run(ctx: DaemonContext) -> None:
    config = ctx.config["indicator_query"]
    while True:
        try:
            data = await asyncio.to_thread(fetch, config["url"], config["sql"])
        except (SQLAlchemyError, KeyError) as exc:
            ctx.log.warning("the indicator query could not be read: %s", exc)
            ctx.count_dropped("indicator_query_failed")
        else:
            try:
                with await asyncio.to_thread(parse_ahead, FILENAME, data):  # parsed here, not in the writer
                    report = await ctx.transact(import_indicators, FILENAME, data)
            except Refused as exc:  # not a sheet of indicators at all (its columns named otherwise)
                report = ImportReport("enterprise.indicators", errors=[RowError(0, None, exc.message)])
            if report.errors:
                ctx.count_dropped("indicator_query_refused")
                ctx.log.warning(
                    "the indicator query's %d rows were refused, nothing kept: %s",
                    report.rows,
                    "; ".join(f"row {e.row} {e.column}: {e.message}" for e in report.errors[:20]),
                )
            else:
                ctx.log.info("indicator query: %d rows; %s", report.imported, "; ".join(report.notes))
        await asyncio.sleep(float(config.get("every_hours", 24)) * 3600)
