"""Small dialogs: keyboard help."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)


class CloseableDialog(QDialog):
    """A dialog with one content widget and a Close button (Esc closes too)."""

    def __init__(self, title: str, content, size: tuple[int, int], parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(content)
        layout.addWidget(buttons)
        self.resize(*size)


class KeyboardHelp(CloseableDialog):
    """Every hotkey, built from the window's own actions (one source of truth)."""

    def __init__(self, rows: list[tuple[str, str]], parent=None):
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels(["Key", "Action"])
        self.table.verticalHeader().hide()
        for r, (keys, what) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(keys))
            self.table.setItem(r, 1, QTableWidgetItem(what))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        super().__init__("Keyboard shortcuts", self.table, (560, 620), parent)
