"""The live trace: the angle over the last few seconds, range on x, time on y."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QGraphicsPathItem

from mobsim.model.grades import Band
from mobsim.model.joints import Condition, JointSpec
from mobsim.model.trace import TraceRecorder
from mobsim.ui.theme import Theme
from mobsim.ui.widgets.range_plot import Markers, RangePlot, pen, qcolor

TRACE_SECONDS = 6.0


class TraceCurve(QGraphicsPathItem):
    """The trace's line: a plain Qt path item, painted by Qt itself.

    A frame moves every sample (the time axis scrolls), so the whole plot repaints
    each frame; a pyqtgraph curve would also run its bounds, its path and its paint
    in Python each time. Here a frame builds one path (numpy) and Qt draws it.
    """

    def __init__(self):
        super().__init__()
        self._x = self._y = np.empty(0)
        self._joined = np.empty(0, bool)
        self._bounds = QRectF()

    def set_data(self, x: np.ndarray, y: np.ndarray, joined: np.ndarray, pad: QRectF) -> None:
        """Draw (x[i], y[i]) joined to the next sample where joined[i]; `pad` is the
        pen's half-width in data units (x: width, y: height), for the bounds."""
        self._x, self._y, self._joined = x, y, joined
        self.prepareGeometryChange()
        if len(x) == 0:
            self._bounds = QRectF()
            self.setPath(QPainterPath())
            return
        path = pg.arrayToQPath(x, y, connect=joined, finiteCheck=False)
        box = path.boundingRect()
        self._bounds = box.adjusted(-pad.width(), -pad.height(), pad.width(), pad.height())
        self.setPath(path)

    def getData(self) -> tuple[np.ndarray, np.ndarray]:  # noqa: N802 (pyqtgraph's name)
        return self._x, self._y

    def joined(self) -> np.ndarray:
        """joined[i]: a line is drawn from sample i to sample i + 1."""
        return self._joined

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt name): no path stroking per query
        return self._bounds


class LiveTrace(RangePlot):
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
        self.line_p1 = self._line(0, theme.pain, Qt.PenStyle.DashDotLine)
        self.curve = TraceCurve()
        self.addItem(self.curve, ignoreBounds=True)
        # What is drawn comes from a model recorder; a screen may share its own.
        self.recorder = TraceRecorder()
        self._ago = np.empty(self.recorder.capacity)
        self._band_visible = True
        self._placed: tuple | None = None  # (joint, condition, markers) laid out
        self.apply_theme(theme)

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        self.curve.setPen(pen(theme.trace, theme.trace_width))
        self._style_line(self.line_r1, theme.resistance, Qt.PenStyle.DashLine)
        self._style_line(self.line_l, theme.available_range)
        self._style_line(self.line_p1, theme.pain, Qt.PenStyle.DashDotLine)

    def set_scene(
        self, joint: JointSpec, condition: Condition, band: Band | None, markers: Markers
    ) -> None:
        placed = (joint.id, condition, markers.shown)
        if placed == self._placed:  # a grade key: only the band moves
            self.set_band(band)
            return
        self._placed = placed
        self._place(self.line_r1, condition.resistance_onset, markers.r1)
        self._place(self.line_l, condition.available_limit, markers.l)
        p1 = condition.pain_onset
        self._place(self.line_p1, p1 if p1 is not None else 0.0, p1 is not None and markers.p1)
        self.set_band(band)

    def set_band(self, band: Band | None) -> None:
        self._band_visible = band is not None
        self.band.setVisible(band is not None)
        if band is not None:
            colour = qcolor(self.theme.grade_colour(band.grade), self.theme.band_alpha)
            self.band.setBrush(pg.mkBrush(colour))
            self.band.setRegion((band.low, band.high))

    def set_recorder(self, recorder: TraceRecorder) -> None:
        """Draw this recorder's samples (the screen's model trace)."""
        self.recorder = recorder
        if len(self._ago) < recorder.capacity:
            self._ago = np.empty(recorder.capacity)

    def clear_trace(self) -> None:
        # Not `clear`: PlotWidget binds PlotItem.clear (remove every item) on the instance.
        self.recorder.clear()

    def push(self, time: float, angle: float, joint_id: str | None = None) -> None:
        self.recorder.record(time, angle, joint_id)

    def recent(self) -> tuple[np.ndarray, np.ndarray]:
        """(times, angles) oldest first, as views into the recorder's ring buffer."""
        return self.recorder.recent()

    def redraw(self) -> None:
        times, angles = self.recorder.recent()
        if len(times) == 0:
            self.curve.set_data(np.empty(0), np.empty(0), np.empty(0, bool), QRectF())
            return
        # Only the samples that are on screen: the last TRACE_SECONDS. A break in the
        # recording stays a break: no line across time that was not shown.
        first = int(np.searchsorted(times, times[-1] - TRACE_SECONDS))
        times, angles = times[first:], angles[first:]
        joins = self.recorder.joins()[first:]
        ago = self._ago[: len(times)]
        np.subtract(times[-1], times, out=ago)
        self.curve.set_data(angles.copy(), ago.copy(), joins.copy(), self._pen_pad())

    def _pen_pad(self) -> QRectF:
        """Half the line's width, and a pixel more, in data units."""
        px = self.plotItem.vb.viewPixelSize()
        half = self.theme.trace_width / 2 + 1
        return QRectF(0, 0, px[0] * half, px[1] * half)
