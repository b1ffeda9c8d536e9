"""The shared look of the range plots (movement diagram, trace, stacked bands).

Every plot has the range of motion (degrees, A → B) on x. Items are made once
and moved; colours and widths come from the theme.
"""

from __future__ import annotations

from functools import lru_cache

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF

from mobsim.model.markers import Marker
from mobsim.ui.theme import Theme


def qcolor(hex_colour: str, alpha: int = 255) -> QColor:
    return QColor(_parsed(hex_colour, alpha))  # a copy: callers may change theirs


@lru_cache(maxsize=256)
def _parsed(hex_colour: str, alpha: int) -> QColor:
    """Parsing a colour's name is most of making it (a grade key makes several)."""
    c = QColor(hex_colour)
    c.setAlpha(alpha)
    return c


def pen(colour: str, width: float, style=Qt.PenStyle.SolidLine):
    p = pg.mkPen(qcolor(colour), width=width)
    p.setStyle(style)
    p.setCosmetic(True)
    return p


# The order of Markers' flags, in the model's one marker set.
_FLAG_ORDER = (Marker.A, Marker.R1, Marker.L, Marker.B, Marker.P1)


class Markers:
    """Which range markers are shown (the quiz hides some): an adapter over the
    model's one marker set, `mobsim.model.markers.Marker`."""

    def __init__(self, a=True, r1=True, l=True, b=True, p1=True):  # noqa: E741
        self.a, self.r1, self.l, self.b, self.p1 = a, r1, l, b, p1

    @classmethod
    def from_set(cls, shown: frozenset[Marker]) -> Markers:
        return cls(*(m in shown for m in _FLAG_ORDER))

    @property
    def shown(self) -> frozenset[Marker]:
        flags = (self.a, self.r1, self.l, self.b, self.p1)
        return frozenset(m for m, on in zip(_FLAG_ORDER, flags, strict=True) if on)


BASE_FONT_PT = 11.0  # the default theme's text: tick numbers as pyqtgraph spaces them
# Between an axis label and its tick numbers, px (pyqtgraph puts them on each other).
LABEL_GAP = 3


class RoomyAxis(pg.AxisItem):
    """An axis that gives its label a whole line of its own.

    pyqtgraph reserves 80 % of the label's box and then nudges the label 5 px further
    in, so at lecture text sizes "range of motion (°)" sits on the tick numbers and
    "intensity" runs into "max". This axis reserves the label's full line height
    plus LABEL_GAP, and sets the label flush with the plot's outer edge.
    """

    short_label: str | None = None  # said instead where the label is longer than the axis
    _full_label: str | None = None

    def set_label_forms(self, text: str, short: str) -> None:
        """The label, and a shorter form for an axis too short to hold it."""
        self._full_label, self.short_label = text, short
        self.setLabel(text)
        self._fit_label()

    def _fit_label(self) -> None:
        if self._full_label is None or self.label is None:
            return
        length = self.size().height() if self.orientation in ("left", "right") else self.width()
        metrics = QFontMetricsF(self.label.font())
        margin = 2 * self.label.document().documentMargin()
        fits = metrics.horizontalAdvance(self._full_label) + margin <= length
        text = self._full_label if fits else self.short_label
        if self.labelText != text:
            self.setLabel(text)

    def _label_room(self) -> float:
        """Extra room over what pyqtgraph reserved for the label."""
        if not self.label.isVisible():
            return 0.0
        line = QFontMetricsF(self.label.font()).height()
        return line + LABEL_GAP - 0.8 * self.label.boundingRect().height()

    def _updateHeight(self) -> None:  # noqa: N802 (pyqtgraph name)
        super()._updateHeight()
        if self.fixedHeight is None and self.isVisible():
            h = self.maximumHeight() + self._label_room()
            self.setMaximumHeight(h)
            self.setMinimumHeight(h)

    def _updateWidth(self) -> None:  # noqa: N802 (pyqtgraph name)
        super()._updateWidth()
        if self.fixedWidth is None and self.isVisible():
            w = self.maximumWidth() + self._label_room()
            self.setMaximumWidth(w)
            self.setMinimumWidth(w)

    def resizeEvent(self, ev=None) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(ev)
        if self.label is None:
            return
        self._fit_label()
        margin = self.label.document().documentMargin()  # around the text in its box
        pos = self.label.pos()
        if self.orientation == "bottom":
            bottom = self.size().height() - self.label.boundingRect().height() + margin
            self.label.setPos(pos.x(), bottom)
        elif self.orientation == "left":
            self.label.setPos(-margin, pos.y())


class RangePlot(pg.PlotWidget):
    """Shared look: themed background, axes, fonts; range on x."""

    _placed: tuple | None = None  # subclasses: (joint, condition, markers) laid out

    @staticmethod
    def placement(joint, condition, markers: Markers) -> tuple:
        """What `set_scene` lays out for a scene, as the key of its picture."""
        return (joint.id, condition, markers.shown)

    @property
    def placed(self) -> tuple | None:
        """What `set_scene` last laid out: the plot's picture shows exactly this."""
        return self._placed

    def __init__(self, theme: Theme, parent=None):
        axes = {side: RoomyAxis(side) for side in ("left", "bottom")}
        super().__init__(parent=parent, axisItems=axes)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.disableAutoRange()  # ranges come from the model; no per-frame bounds search
        self.plotItem.setContentsMargins(4, 4, 8, 4)
        self.theme = theme
        self.scale = 1.0

    def font(self, factor: float = 1.0, bold: bool = False) -> QFont:
        f = QFont()
        f.setPointSizeF(self.theme.font_pt * factor)
        f.setBold(bold)
        return f

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setBackground(qcolor(theme.background))
        for name in ("left", "bottom"):
            axis = self.getAxis(name)
            axis.setPen(pen(theme.muted_text, 1))
            axis.setTextPen(pen(theme.text, 1))
            axis.setTickFont(self.font())
            axis.label.setFont(self.font())
            # Ticks point outward: an axis that reaches into the view repaints with
            # every frame of whatever moves next to it.
            axis.setStyle(tickLength=6)
            # Large text: fewer numbers, so "100" and "120" never run together.
            axis.setTickDensity(min(1.0, BASE_FONT_PT / theme.font_pt))

    def _line(
        self, angle: float, colour: str, style=Qt.PenStyle.SolidLine, label: str = ""
    ) -> pg.InfiniteLine:
        line = pg.InfiniteLine(
            angle=90, movable=False, pos=angle, pen=pen(colour, self.theme.line_width, style)
        )
        line.tag = pg.TextItem(label, anchor=(0.5, 0)) if label else None
        self.addItem(line, ignoreBounds=True)
        if line.tag is not None:
            self.addItem(line.tag, ignoreBounds=True)
        return line

    def _style_line(self, line: pg.InfiniteLine, colour: str, style=Qt.PenStyle.SolidLine):
        line.setPen(pen(colour, self.theme.line_width, style))
        if line.tag is not None:
            line.tag.setColor(qcolor(colour))
            line.tag.setFont(self.font(1.0, bold=True))
            line.tag.fill = pg.mkBrush(qcolor(self.theme.background))

    @staticmethod
    def _place(line: pg.InfiniteLine, value: float, visible: bool, tag_y: float = 0.0) -> None:
        line.setValue(value)
        line.setVisible(visible)
        if line.tag is not None:
            line.tag.setPos(value, tag_y)
            line.tag.setVisible(visible)
