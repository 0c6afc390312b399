"""A view module the desk must not import until the view is first opened (tests/shell/test_desk.py)."""

from PySide6.QtWidgets import QLabel


class LazyView(QLabel):
    def __init__(self, ctx) -> None:  # noqa: ANN001
        super().__init__("made on first open")
