"""Print HTML (Qt's rich-text subset) to an A4 PDF: the way views export documents.  Qt embeds the fonts it
used (subsets, searchable), so Chinese prints wherever a CJK font is installed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument


def write_pdf(html: str, path: str | Path, title: str = "") -> Path:
    """Write ``html`` to ``path`` as a PDF; raises OSError when the file could not be written."""
    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter)
    writer.setTitle(title)
    writer.setCreator("citybrain")
    document = QTextDocument()
    document.setHtml(html)
    document.print_(writer)
    del writer  # the file is complete once the writer is gone
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"could not write {path}")
    return path
