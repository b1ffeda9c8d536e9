"""The movement diagram (after Maitland) and the live amplitude-against-range trace.

Both share one range axis (degrees, A → B). Items are made once and moved;
the trace is a preallocated ring buffer drawn with setData(skipFiniteCheck=True).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem

from mobsim.model.curves import resistance_curve
from mobsim.model.grades import Band
from mobsim.model.joints import Condition, JointSpec
from mobsim.model.markers import Marker
from mobsim.ui.theme import Theme

TRACE_SECONDS = 6.0
TRACE_CAPACITY = 1024  # frames kept (≥ 6 s at up to 170 fps)
BEAD_PX = 16
BAR_Y = 0.12  # height of the grade bar (and the live bead) on the diagram
TAG_Y = 1.34  # top of the diagram: marker letters hang down from here, above R2 / max


def qcolor(hex_colour: str, alpha: int = 255) -> QColor:
    c = QColor(hex_colour)
    c.setAlpha(alpha)
    return c


def pen(colour: str, width: float, style=Qt.PenStyle.SolidLine):
    p = pg.mkPen(qcolor(colour), width=width)
    p.setStyle(style)
    p.setCosmetic(True)
    return p


class Markers:
    """Which range markers are shown (the quiz hides some): an adapter over the
    model's one marker set, `mobsim.model.markers.Marker`."""

    def __init__(self, a=True, r1=True, l=True, b=True, p1=True):  # noqa: E741
        self.a, self.r1, self.l, self.b, self.p1 = a, r1, l, b, p1

    @classmethod
    def from_set(cls, shown: frozenset[Marker]) -> Markers:
        return cls(*(m in shown for m in (Marker.A, Marker.R1, Marker.L, Marker.B, Marker.P1)))

    @property
    def shown(self) -> frozenset[Marker]:
        flags = zip(
            (Marker.A, Marker.R1, Marker.L, Marker.B, Marker.P1), self._flags(), strict=True
        )
        return frozenset(m for m, on in flags if on)

    def _flags(self) -> tuple[bool, ...]:
        return (self.a, self.r1, self.l, self.b, self.p1)


class _RangePlot(pg.PlotWidget):
    """Shared look: themed background, axes, fonts; range on x."""

    def __init__(self, theme: Theme, parent=None):
        super().__init__(parent=parent)
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


class MovementDiagram(_RangePlot):
    """Maitland's movement diagram: range on x, resistance intensity on y (A–C)."""

    def __init__(self, theme: Theme, parent=None):
        super().__init__(theme, parent)
        self.setLabel("left", "resistance")
        self.setLabel("bottom", "range of motion (°)")
        self.setYRange(0, TAG_Y, padding=0)
        self.getAxis("left").setTicks([[(0, "0"), (1, "R2")]])
        self.lost = pg.LinearRegionItem(movable=False, orientation="vertical")
        self.lost_label = pg.TextItem("lost range", anchor=(0.5, 0))
        self.band = pg.LinearRegionItem(movable=False, orientation="vertical")
        self.band_bar = pg.PlotCurveItem()
        self.band_label = pg.TextItem("", anchor=(0.5, 1))  # sits on the grade bar
        self.resistance = pg.PlotCurveItem()
        self.top_line = pg.InfiniteLine(angle=0, pos=1.0, movable=False)
        for item in (self.lost, self.band):
            for edge in item.lines:
                edge.setPen(pg.mkPen(None))
            self.addItem(item, ignoreBounds=True)
        for item in (
            self.band_bar,
            self.resistance,
            self.top_line,
            self.band_label,
            self.lost_label,
        ):
            self.addItem(item, ignoreBounds=True)
        self.line_a = self._line(0, theme.muted_text, label="A")
        self.line_r1 = self._line(0, theme.resistance, Qt.PenStyle.DashLine, "R1")
        self.line_l = self._line(0, theme.available_range, label="L")
        self.line_b = self._line(0, theme.normal_range, Qt.PenStyle.DotLine, "B")
        self.line_p1 = self._line(0, theme.pain, Qt.PenStyle.DashDotLine, "P1")
        # The live angle is a bead riding on the grade bar: a small plain Qt item
        # (moved, never rebuilt), so a frame repaints a few pixels, not a full-height line.
        self.needle = QGraphicsEllipseItem(-BEAD_PX / 2, -BEAD_PX / 2, BEAD_PX, BEAD_PX)
        self.needle.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.needle.setZValue(10)
        self.addItem(self.needle, ignoreBounds=True)
        self._band_visible = True
        self._labels_visible = True
        self.apply_theme(theme)

    def set_labels_visible(self, visible: bool) -> None:
        self._labels_visible = visible
        self.band_label.setVisible(visible and self._band_visible)

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        self.lost.setBrush(pg.mkBrush(qcolor(theme.lost_range, 70)))
        self.lost_label.setColor(qcolor(theme.muted_text))
        self.lost_label.setFont(self.font())
        self.resistance.setPen(pen(theme.resistance, theme.line_width * 1.5))
        self.top_line.setPen(pen(theme.muted_text, 1, Qt.PenStyle.DashLine))
        self.band_label.setFont(self.font(1.5, bold=True))
        self._style_line(self.line_a, theme.muted_text)
        self._style_line(self.line_r1, theme.resistance, Qt.PenStyle.DashLine)
        self._style_line(self.line_l, theme.available_range)
        self._style_line(self.line_b, theme.normal_range, Qt.PenStyle.DotLine)
        self._style_line(self.line_p1, theme.pain, Qt.PenStyle.DashDotLine)
        self.needle.setPen(QPen(qcolor(theme.background), 2))
        self.needle.setBrush(QBrush(qcolor(theme.needle)))

    def set_scene(
        self, joint: JointSpec, condition: Condition, band: Band | None, markers: Markers
    ) -> None:
        a, b, lim, r1 = (
            condition.start,
            condition.normal_end,
            condition.available_limit,
            condition.resistance_onset,
        )
        span = b - a
        self.setXRange(a - 0.03 * span, b + joint.margin + 0.03 * span, padding=0)
        self.lost.setRegion((lim, b))
        self.lost.setVisible(condition.is_stiff and markers.l)
        self.lost_label.setPos((lim + b) / 2, 0.55)
        self.lost_label.setVisible(condition.is_stiff and markers.l and (b - lim) > 0.12 * span)
        # The model decides the curve's shape (mobsim.model.curves).
        x = np.linspace(r1, lim, 40)
        self.resistance.setData(x, resistance_curve(condition, x))
        self.resistance.setVisible(markers.r1)
        self._place(self.line_a, a, markers.a, TAG_Y)
        self._place(self.line_r1, r1, markers.r1, TAG_Y)
        self._place(self.line_l, lim, markers.l, TAG_Y)
        self._place(self.line_b, b, markers.b and condition.is_stiff, TAG_Y)
        self.line_l.tag.setText("L = B" if not condition.is_stiff else "L")
        p1 = condition.pain_onset
        self._place(
            self.line_p1, p1 if p1 is not None else a, p1 is not None and markers.p1, TAG_Y - 0.25
        )
        self.set_band(band)

    def set_band(self, band: Band | None) -> None:
        self._band_visible = band is not None
        for item in (self.band, self.band_bar):
            item.setVisible(band is not None)
        self.band_label.setVisible(band is not None and self._labels_visible)
        if band is None:
            return
        colour = self.theme.grade_colour(band.grade)
        self.band.setBrush(pg.mkBrush(qcolor(colour, self.theme.band_alpha)))
        self.band.setRegion((band.low, band.high))
        # Maitland draws a grade as a bar along the range at its place and size.
        self.band_bar.setData([band.low, band.high], [BAR_Y, BAR_Y])
        self.band_bar.setPen(pen(colour, self.theme.line_width * 3))
        self.band_label.setText(band.choice.display)
        self.band_label.setColor(qcolor(colour))
        self.band_label.setPos(band.centre, 0.16)

    def band_region(self) -> tuple[float, float] | None:
        return tuple(self.band.getRegion()) if self._band_visible else None

    def set_angle(self, angle: float) -> None:
        self.needle.setPos(angle, BAR_Y)

    def needle_angle(self) -> float:
        return float(self.needle.pos().x())


class LiveTrace(_RangePlot):
    """The angle over the last few seconds: range on x, time on y, newest at the top."""

    def __init__(self, theme: Theme, parent=None):
        super().__init__(theme, parent)
        self.setLabel("left", "seconds ago")
        self.setLabel("bottom", "range of motion (°)")
        self.setYRange(-0.15, TRACE_SECONDS, padding=0)
        self.invertY(True)
        self.band = pg.LinearRegionItem(movable=False, orientation="vertical")
        for edge in self.band.lines:
            edge.setPen(pg.mkPen(None))
        self.addItem(self.band, ignoreBounds=True)
        self.line_r1 = self._line(0, theme.resistance, Qt.PenStyle.DashLine)
        self.line_l = self._line(0, theme.available_range)
        self.curve = pg.PlotCurveItem(skipFiniteCheck=True)
        self.addItem(self.curve)
        # Ring buffer written twice so the newest N samples are always one slice.
        n = TRACE_CAPACITY
        self._times = np.zeros(2 * n)
        self._angles = np.zeros(2 * n)
        self._head = 0
        self._count = 0
        self._ago = np.empty(n)
        self._band_visible = True
        self.apply_theme(theme)

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        self.curve.setPen(pen(theme.trace, theme.trace_width))
        self._style_line(self.line_r1, theme.resistance, Qt.PenStyle.DashLine)
        self._style_line(self.line_l, theme.available_range)

    def set_scene(
        self, joint: JointSpec, condition: Condition, band: Band | None, markers: Markers
    ) -> None:
        self._place(self.line_r1, condition.resistance_onset, markers.r1)
        self._place(self.line_l, condition.available_limit, markers.l)
        self.set_band(band)

    def set_band(self, band: Band | None) -> None:
        self._band_visible = band is not None
        self.band.setVisible(band is not None)
        if band is not None:
            colour = qcolor(self.theme.grade_colour(band.grade), self.theme.band_alpha)
            self.band.setBrush(pg.mkBrush(colour))
            self.band.setRegion((band.low, band.high))

    def clear_trace(self) -> None:
        # Not `clear`: PlotWidget binds PlotItem.clear (remove every item) on the instance.
        self._head = self._count = 0

    def push(self, time: float, angle: float) -> None:
        n = TRACE_CAPACITY
        i = self._head
        self._times[i] = self._times[i + n] = time
        self._angles[i] = self._angles[i + n] = angle
        self._head = (i + 1) % n
        self._count = min(self._count + 1, n)

    def recent(self) -> tuple[np.ndarray, np.ndarray]:
        """(times, angles) oldest first, as views into the ring buffer."""
        n = TRACE_CAPACITY
        end = self._head + n
        start = end - self._count
        return self._times[start:end], self._angles[start:end]

    def redraw(self) -> None:
        times, angles = self.recent()
        if len(times) == 0:
            self.curve.setData([], [])
            return
        # Only the samples that are on screen: the last TRACE_SECONDS.
        first = int(np.searchsorted(times, times[-1] - TRACE_SECONDS))
        times, angles = times[first:], angles[first:]
        ago = self._ago[: len(times)]
        np.subtract(times[-1], times, out=ago)
        self.curve.setData(angles, ago, skipFiniteCheck=True)
