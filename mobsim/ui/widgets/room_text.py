"""Text that keeps its room: a new value or grade repaints it and lays nothing out.

A caption reserves the height of its longest forms, a read-out cell sits outside any
layout, and a note gets at most NOTE_LINES lines (a longer one is cut, whole in its
tooltip), so neither a grade key nor ten read-outs a second move the plots.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QWidget

NOTE_LINES = 2  # a note's room at most: large text must leave the plots room
CAPTION_PICTURES = 12  # a caption's pictures kept: every grade's, on a normal and a stiff joint
GRID_GAP = 12  # px between read-out columns
CELL_SLACK = 8  # px a read-out value keeps free at its end


def wrapped_height(label: QLabel, text: str, slack: int = 0) -> int:
    """Height a word-wrapped label needs for `text` at its width, as the font lays it out."""
    margins = label.contentsMargins()
    width = label.width() - margins.left() - margins.right() - 2 * label.margin()
    box = label.fontMetrics().boundingRect(
        QRect(0, 0, max(width, 50), 100000), Qt.TextFlag.TextWordWrap, text
    )
    return box.height() + margins.top() + margins.bottom() + 2 * label.margin() + slack


class FitsWidthAndFont:
    """Mixin (list it first): `refit()` runs whenever the widget's width or font changes
    (a resize, a theme, Ctrl+=), and never for a new value or a repaint."""

    def refit(self) -> None:
        raise NotImplementedError

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.refit()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.refit()


class Caption(QLabel):
    """A wrapped caption whose height is reserved for its longest forms (every grade's,
    stiff and normal), so neither a grade key nor L ever moves the views below it.

    Once a text has been painted at a size, font and palette, a picture of it is taken;
    later paints of the same text copy it: wrapping a long bold line was a good part
    of a grade key's repaint (README, Performance). Only at a whole-number pixel ratio:
    at a fractional one the glyphs depend on where in a device pixel the caption sits."""

    def __init__(self):
        super().__init__()
        self.setObjectName("description")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._reserve: tuple[str, ...] = ()
        self._heights: dict[str, int] = {}  # wrapped height per text, at this width and font
        self._height_key: tuple | None = None
        self._pictures: OrderedDict[tuple, QPixmap] = OrderedDict()
        self._keeping = False  # a picture is to be taken once the event loop is free
        self.pictures_taken = 0  # pictures taken of the caption (tests count them)

    def set_caption(self, text: str, *reserve: str) -> None:
        """Show `text`, with room for the tallest of it and `reserve`."""
        if text != self.text():
            self.setText(text)
        forms = tuple(t for t in (text, *reserve) if t)
        if forms != self._reserve:
            self._reserve = forms
            self._fit()

    def _fit(self) -> None:
        if not self._reserve:  # nothing to show, ever: no room
            self.setFixedHeight(0)
            return
        key = (self.width(), self.font().key())
        if key != self._height_key:
            self._height_key, self._heights = key, {}
        slack = self.fontMetrics().lineSpacing() // 3  # the last line's descent and leading
        heights = self._heights
        for text in self._reserve:
            if text not in heights:
                heights[text] = wrapped_height(self, text, slack)
        self.setFixedHeight(max(heights[t] for t in self._reserve))

    def _picture_key(self, dpr: float) -> tuple:
        palette = self.palette()
        return (
            self.text(),
            self.width(),
            self.height(),
            dpr,
            self.font().key(),
            palette.color(QPalette.ColorRole.Window).rgba(),
            palette.color(QPalette.ColorRole.WindowText).rgba(),
            self.isEnabled(),
            self.window().styleSheet(),  # a theme: the background behind the text
        )

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        dpr = self.devicePixelRatioF()
        if dpr != round(dpr):
            # At 125 % or 150 % the caption's place is a fraction of a device pixel, and
            # its glyphs are placed by it: a picture taken at (0, 0) is not what a paint
            # in place shows. Laid out every time there.
            super().paintEvent(event)
            return
        key = self._picture_key(dpr)
        picture = self._pictures.get(key)
        if picture is None:  # laid out here; its picture is taken once the loop is free
            super().paintEvent(event)
            if not self._keeping:
                self._keeping = True
                QTimer.singleShot(0, self._keep_picture)
            return
        self._pictures.move_to_end(key)
        painter = QPainter(self)
        painter.drawPixmap(0, 0, picture)
        painter.end()

    def _keep_picture(self) -> None:
        """The caption as it is painted now (its background included), for the next
        paint of the same text."""
        self._keeping = False
        if not self.isVisible() or self.width() <= 0 or self.height() <= 0:
            return
        key = self._picture_key(self.devicePixelRatioF())
        if key in self._pictures:
            return
        self._pictures[key] = self.grab()
        self.pictures_taken += 1
        while len(self._pictures) > CAPTION_PICTURES:
            self._pictures.popitem(last=False)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self._fit()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name): a theme changes the font
        super().changeEvent(event)
        self._fit()


class ReadoutCell(QWidget):
    """Holds one read-out label outside any layout, at the cell's size: a new value
    repaints the label and lays nothing out (a QLabel in a layout asks the whole
    window for a relayout on every setText, ten times a second)."""

    def __init__(self, label: QLabel):
        super().__init__()
        self.label = label
        label.setParent(self)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        margins = self.label.contentsMargins()
        height = self.label.fontMetrics().height() + margins.top() + margins.bottom() + 2
        return QSize(60, height)  # long read-outs are cut, never widen the panel

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return self.sizeHint()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.label.setGeometry(self.rect())


class NoteLabel(FitsWidthAndFont, QLabel):
    """A note in a room of its own: as high as the longest note needs at this width, but
    never more than NOTE_LINES lines, so large text leaves the plots their height. A
    note longer than its room is cut at a word with "…" and shown whole as its tooltip."""

    def __init__(self, longest: str):
        super().__init__()
        self.setWordWrap(True)
        self._longest = longest
        self._full = ""
        self._room = 0
        self._room_key: tuple | None = None  # (width, font) the room was sized for

    def note(self) -> str:
        """The whole note (the label may show it cut short)."""
        return self._full

    def set_note(self, text: str) -> None:
        if text != self._full:
            self._full = text
            self._show()

    def _fit_room(self) -> None:
        key = (self.width(), self.font().key())
        if key == self._room_key:
            return
        self._room_key = key
        # NOTE_LINES lines as the label lays them out (with its margins), not bare
        # line spacing: that was a few px short, and a two-line note was cut to one.
        lines = wrapped_height(self, "\n".join(["Ag"] * NOTE_LINES))
        self._room = min(wrapped_height(self, self._longest), lines)
        self.setMinimumHeight(self._room)

    def _show(self) -> None:
        self._fit_room()
        shown = text = self._full
        if text and wrapped_height(self, text) > self._room:
            words = text.split()
            lo, hi = 1, len(words)  # the most words that fit with the ellipsis
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if wrapped_height(self, " ".join(words[:mid]) + " …") <= self._room:
                    lo = mid
                else:
                    hi = mid - 1
            shown = " ".join(words[:lo]) + " …"
        if shown != self.text():
            self.setText(shown)
        self.setToolTip(text if shown != text else "")

    def refit(self) -> None:
        self._show()


class ReadoutGrid(FitsWidthAndFont, QFrame):
    """Read-outs as a caption over each value: one row of four where the box is wide
    enough for every value's longest form, else two rows of two; the note spans the
    bottom. Only a change of width or font rearranges it, never a new value."""

    def __init__(self, cells: list[tuple[QLabel, QWidget, tuple[str, ...]]], note: QLabel):
        super().__init__()
        self.setObjectName("readouts")
        self._cells = cells
        self._note = note
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(8, 4, 8, 4)
        self._grid.setVerticalSpacing(0)
        self._grid.setHorizontalSpacing(GRID_GAP)
        self.columns = 0
        self._arrange(2)

    def _needs(self) -> list[int]:
        """Each read-out's width for its caption and its longest value, at this font."""
        metrics = QFontMetrics(self.font())
        return [
            max(metrics.horizontalAdvance(t) for t in (caption.text(), *forms)) + CELL_SLACK
            for caption, _, forms in self._cells
        ]

    def _row_of_four_width(self, needs: list[int]) -> int:
        margins = self._grid.contentsMargins()
        return sum(needs) + GRID_GAP * (len(needs) - 1) + margins.left() + margins.right()

    def _arrange(self, columns: int) -> None:
        if columns == self.columns:
            return
        grid = self._grid
        for caption, cell, _ in self._cells:
            grid.removeWidget(caption)
            grid.removeWidget(cell)
        grid.removeWidget(self._note)
        for i, (caption, cell, _) in enumerate(self._cells):
            row, col = divmod(i, columns)
            grid.addWidget(caption, 2 * row, col)
            grid.addWidget(cell, 2 * row + 1, col)
        rows = 2 * -(-len(self._cells) // columns)
        grid.addWidget(self._note, rows, 0, 1, columns)
        self.columns = columns

    def refit(self) -> None:
        needs = self._needs()
        four = self.width() >= self._row_of_four_width(needs)
        self._arrange(len(needs) if four else 2)
        # Each column's share follows its longest value: equal shares cut the band's.
        for col in range(len(needs)):
            share = max((n for i, n in enumerate(needs) if i % self.columns == col), default=0)
            self._grid.setColumnStretch(col, share)
