"""An empty table of a collection this desk's session may not read says why, instead of looking empty.

The daemon never sends such a collection (docs/protocol.md, "Read roles"); ``hello`` lists each collection's
read role, the desk's feed sets ``needs_role`` on every model of one its session may not read, and a line over
the table's empty viewport names the role to log in with.  The view frame hangs it on every table of a view
(``hint_withheld``), so no plugin does anything for it.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QAbstractProxyModel, QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QWidget

from citybrain.shell.i18n import tr
from citybrain.shell.names import role_name
from citybrain.widgets.collection_model import CollectionTableModel


def withheld_text(role: str) -> str:
    """What an empty table of a collection that needs ``role`` says, in the desk's language."""
    if role == "viewer":
        return tr("View", "Log in to see this")
    return tr("View", "Log in as {role} or above to see this").format(role=role_name(role))


class WithheldHint(QLabel):
    """The line over ``view``'s viewport while ``model`` is empty and withheld from this session."""

    def __init__(self, view: QAbstractItemView, model: CollectionTableModel) -> None:
        super().__init__(view.viewport())
        self.model = model
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setContentsMargins(12, 12, 12, 12)
        shade = self.palette()  # as a list's hint over its empty viewport (widgets/hint_list.py): grey, not a colour
        shade.setColor(QPalette.ColorRole.WindowText, shade.color(QPalette.ColorRole.PlaceholderText))
        self.setPalette(shade)
        view.viewport().installEventFilter(self)
        for signal in (
            model.withheld_changed,
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
            model.layoutChanged,
        ):
            signal.connect(self.refresh)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False

    def refresh(self, *_: object) -> None:
        role = self.model.needs_role
        shown = role is not None and self.model.rowCount() == 0
        parent = self.parentWidget()
        if role is not None and shown:
            self.setText(withheld_text(role))
            if parent is not None:
                self.setGeometry(parent.rect())
        self.setVisible(shown)


def _source(model: QAbstractItemModel | None) -> QAbstractItemModel | None:
    while isinstance(model, QAbstractProxyModel):
        model = model.sourceModel()
    return model


def hint_withheld(root: QWidget) -> list[WithheldHint]:
    """A hint on every table under ``root`` (``root`` included) showing a collection's model; not on a table's
    headers, which are item views of the same model (the hint was drawn over the column titles too)."""
    views = [v for v in root.findChildren(QAbstractItemView) if not isinstance(v, QHeaderView)]
    if isinstance(root, QAbstractItemView):
        views.insert(0, root)
    return [
        WithheldHint(view, model) for view in views if isinstance(model := _source(view.model()), CollectionTableModel)
    ]
