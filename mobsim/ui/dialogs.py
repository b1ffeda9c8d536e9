"""Small dialogs: keyboard help."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
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
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(content)
        self.layout_.addWidget(buttons)
        self.resize(*size)
        # Keys go back to the window: without a window manager (a lecture PC in kiosk
        # mode, Xvfb) nothing else gives it the focus again.
        self.finished.connect(self._give_back_focus)

    def _give_back_focus(self, _result=0) -> None:
        parent = self.parentWidget()
        if parent is not None:
            parent.activateWindow()


class KeyboardHelp(CloseableDialog):
    """Every hotkey, built from the window's own actions (one source of truth)."""

    def __init__(self, rows: list[tuple[str, str]], parent=None, heading: str = ""):
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
        if heading:
            self.heading = QLabel(heading)
            self.heading.setWordWrap(True)
            self.layout_.insertWidget(0, self.heading)
        # Wide enough for every action's whole name at this text size, within the screen.
        self.table.resizeColumnsToContents()
        need = sum(self.table.columnWidth(c) for c in range(2)) + 60
        screen = self.screen().availableGeometry() if self.screen() else None
        width = max(560, need if screen is None else min(need, screen.width() - 40))
        height = 620 if screen is None else min(max(620, screen.height() * 3 // 4), screen.height())
        self.resize(width, height)


class AboutDialog(CloseableDialog):
    """Help ▸ About mobsim: version, purpose, main sources and any start-up problems."""

    def __init__(self, problems: list[str], parent=None):
        from html import escape

        from PySide6.QtWidgets import QTextBrowser

        from mobsim.about import MAIN_SOURCES, PURPOSE, __version__

        parts = [
            f"<h2>mobsim {escape(__version__)}</h2><p>{escape(PURPOSE)}</p>",
            "<h3>Main sources</h3><ul>",
            *(f"<li>{escape(s)}</li>" for s in MAIN_SOURCES),
            "</ul><p>Every preset and text names its own source; the teacher's guide "
            "(doc/model.md) gives every reference in full.</p>",
        ]
        if problems:
            parts += [
                "<h3>Problems at start-up</h3><p>These files or entries were not loaded; "
                "everything else works.</p><ul>",
                *(f"<li>{escape(p)}</li>" for p in problems),
                "</ul>",
            ]
        self.text = QTextBrowser()
        self.text.setHtml("".join(parts))
        super().__init__("About mobsim", self.text, (620, 560), parent)
