"""The live trace: the angle over the last few seconds, range on x, time on y."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
import pyqtgraph.functions as fn
from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter

from mobsim.model.grades import Band
from mobsim.model.joints import Condition, JointSpec
from mobsim.model.trace import TraceRecorder
from mobsim.ui.theme import Theme
from mobsim.ui.widgets.range_plot import Markers, RangePlot, pen, qcolor
from mobsim.ui.widgets.still_scene import PaintedRegion, StillScene

TRACE_SECONDS = 6.0
SECOND_STEPS = (1.0, 2.0, 3.0)  # the seconds axis is numbered every so many (else 0 and 6)
TICK_ROOM_LINES = 1.15  # numbers on the seconds axis stand at least this many lines apart


class LiveTrace(StillScene, RangePlot):
    """The angle over the last few seconds: range on x, time on y, newest at the top.

    The still scene (band, R1, L, P1, axes) is painted once per scene change; a frame
    draws the polyline over that picture. The polyline is written into one
    preallocated polygon, in viewport pixels, and drawn without antialiasing.

    The line scrolls in whole pixels: its "now" is the newest sample's time rounded
    up to a pixel of the time axis, so every older sample keeps its pixel until the
    next step (a few frames apart; the line was drawn without antialiasing, so it
    moved by whole pixels anyway). Between steps a frame repaints only the newest
    segments at the top; at a step, the line's bounding box, then and now. A paint
    draws only the samples whose segments reach the repainted rows.
    """

    UNDER = True  # the band is painted under the still picture (a grade key keeps it)

    def __init__(self, theme: Theme, parent=None):
        super().__init__(theme, parent)
        self.getAxis("left").set_label_forms("seconds ago", "s ago")
        self.setLabel("bottom", "range of motion (°)")
        self.setYRange(-0.15, TRACE_SECONDS, padding=0)
        self.invertY(True)
        self.band = PaintedRegion()  # painted under the still picture (a grade key)
        self.line_r1 = self._line(0, theme.resistance, Qt.PenStyle.DashLine)
        self.line_l = self._line(0, theme.available_range)
        self.line_p1 = self._line(0, theme.pain, Qt.PenStyle.DashDotLine)
        # What is drawn comes from a model recorder; a screen may share its own.
        self.recorder = TraceRecorder()
        self._band_visible = True
        self._placed: tuple | None = None  # (joint, condition, markers) laid out
        self._trace_pen = pen(theme.trace, theme.trace_width)
        self.apply_theme(theme)
        self.init_still()
        self._polygon = fn.create_qpolygonf(self.recorder.capacity)
        self._drawn: QRect | None = None  # viewport pixels the polyline covered
        self._data_box: QRectF | None = None  # range × seconds ago of what is shown now
        self._first = 0  # index of the oldest shown sample in `recorder.recent()`
        self._now: float | None = None  # the newest time, up to a pixel: where age 0 is
        self._newest: float | None = None  # the newest sample's time at the last redraw
        self._oldest: float | None = None  # ... and the oldest shown sample's
        self._y_range: tuple[float, float] | None = None
        self._ticks: list[tuple[float, str]] | None = None
        self.plotItem.vb.sigResized.connect(self._fit_y_range)

    def _fit_y_range(self, *_) -> None:
        """Half a line of room above "0" and below the last second, so their numbers are
        never cut, however short the plot or large the text; and seconds numbered only
        as often as their numbers have room (a short plot numbered every 2 s wrote
        "-2 0 2 4 6 8" over each other)."""
        height = self.plotItem.vb.height()
        line = QFontMetricsF(self.font()).height()
        half = line / 2 + 1
        if height <= 2 * half + 10:
            return
        per_px = TRACE_SECONDS / (height - 2 * half)
        y_range = (-max(0.15, half * per_px), TRACE_SECONDS + half * per_px)
        if y_range != self._y_range:
            self._y_range = y_range
            self.setYRange(*y_range, padding=0)
        room = TICK_ROOM_LINES * line * per_px  # seconds between numbers, at the least
        step = next((s for s in (*SECOND_STEPS, TRACE_SECONDS) if s >= room), None)
        seconds = [0.0] if step is None else np.arange(0.0, TRACE_SECONDS + 1e-9, step)
        ticks = [(float(t), f"{t:g}") for t in seconds]
        if ticks != self._ticks:
            self._ticks = ticks
            self.getAxis("left").setTicks([ticks, []])

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        self._trace_pen = pen(theme.trace, theme.trace_width)
        self._style_line(self.line_r1, theme.resistance, Qt.PenStyle.DashLine)
        self._style_line(self.line_l, theme.available_range)
        self._style_line(self.line_p1, theme.pain, Qt.PenStyle.DashDotLine)
        if hasattr(self, "_y_range"):
            self._fit_y_range()

    def set_scene(
        self, joint: JointSpec, condition: Condition, band: Band | None, markers: Markers
    ) -> None:
        placed = self.placement(joint, condition, markers)
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
        self.refresh_under()

    def paint_under(self, painter: QPainter) -> None:
        if self.band.isVisible():
            low, high = self.band.getRegion()
            x0, x1 = self._to_px.map(QPointF(low, 0)).x(), self._to_px.map(QPointF(high, 0)).x()
            box = self._view_px
            painter.fillRect(QRectF(x0, box.top(), x1 - x0, box.height()), self.band.brush)

    def under_key(self) -> tuple:
        return (self.band.drawn(),)

    def set_recorder(self, recorder: TraceRecorder) -> None:
        """Draw this recorder's samples (the screen's model trace)."""
        self.recorder = recorder
        if self._polygon.capacity() < recorder.capacity:
            self._polygon = fn.create_qpolygonf(recorder.capacity)

    def clear_trace(self) -> None:
        # Not `clear`: PlotWidget binds PlotItem.clear (remove every item) on the instance.
        self.recorder.clear()

    def push(self, time: float, angle: float, joint_id: str | None = None) -> None:
        self.recorder.record(time, angle, joint_id)

    def recent(self) -> tuple[np.ndarray, np.ndarray]:
        """(times, angles) oldest first, as views into the recorder's ring buffer."""
        return self.recorder.recent()

    def drawn(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """What the line shows: (angle, seconds ago, joined), where joined[i] means a
        line is drawn from sample i to sample i + 1. The paint uses the same samples."""
        times, angles, joins = self._shown()
        return angles.copy(), times[-1] - times if len(times) else times.copy(), joins.copy()

    def _shown(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(times, angles, joins) of the last TRACE_SECONDS, as of the last `redraw`.
        A break in the recording stays a break: no line across time that was not shown."""
        times, angles = self.recorder.recent()
        if self._data_box is None or len(times) == 0:
            empty = np.empty(0)
            return empty, empty, np.empty(0, bool)
        first = min(self._first, len(times) - 1)
        return times[first:], angles[first:], self.recorder.joins()[first:]

    def redraw(self) -> None:
        times, angles = self.recorder.recent()
        now_before, last, oldest_before = self._now, self._newest, self._oldest
        if len(times) == 0:
            self._data_box = self._now = self._newest = self._oldest = None
        else:
            newest = float(times[-1])
            self._now = now = self._pixel_time(newest)
            self._first = int(np.searchsorted(times, now - TRACE_SECONDS))
            shown = angles[self._first :]
            low, high = float(shown.min()), float(shown.max())
            self._newest, self._oldest = newest, float(times[self._first])
            self._data_box = QRectF(low, now - newest, high - low, newest - self._oldest)
        if not self.still_ready:
            self.ask(QRect())
            return
        steady = (now_before, oldest_before) == (self._now, self._oldest)
        if steady and self._drawn is not None and self._data_box is not None:
            # Between scroll steps nothing older moved: only the newest segments are new.
            self.ask(self._head_box(times, angles, last))
            return
        box = self._pixel_box()
        if self._drawn is not None:
            box = self._drawn if box is None else box.united(self._drawn)
        if box is not None:
            self.ask(box)

    def _pixel_time(self, newest: float) -> float:
        """`newest` rounded up to a whole pixel of the time axis (as the picture has it)."""
        per_s = self._to_px.m22()
        if not self.still_ready or per_s <= 0:
            return newest
        return math.ceil(newest * per_s - 1e-9) / per_s

    def _head_box(self, times: np.ndarray, angles: np.ndarray, last: float | None) -> QRect:
        """Viewport pixels of the segments from the last redraw's newest sample (`last`)
        to the newest now; they join the pixels the line covers."""
        start = int(np.searchsorted(times, last)) if last is not None else 0
        seg = angles[start:]
        if len(seg) < 2:
            return QRect()  # nothing new
        low, high = float(seg.min()), float(seg.max())
        data = QRectF(
            low, self._now - float(times[-1]), high - low, float(times[-1] - times[start])
        )
        box = self._px_box(data)
        self._drawn = self._drawn.united(box)
        return box

    @property
    def _grow(self) -> float:
        """px round the line's samples that its pen covers."""
        return self.theme.trace_width / 2 + 2

    def _px_box(self, data: QRectF) -> QRect:
        """Viewport pixels the line covers over this box of (angle, seconds ago)."""
        grow = self._grow
        return self._to_px.mapRect(data).adjusted(-grow, -grow, grow, grow).toAlignedRect()

    def _pixel_box(self) -> QRect | None:
        return None if self._data_box is None else self._px_box(self._data_box)

    def _reach(self, times: np.ndarray) -> tuple[int, int]:
        """The samples whose segments reach the rows this paint covers: (from, to)."""
        n = len(times)
        rows = self.painting.boundingRect()
        t = self._to_px
        per_s = t.m22()
        if rows.isEmpty() or per_s <= 0 or self._now is None:
            return 0, n
        grow = self._grow
        newest = self._now - (rows.top() - grow - t.dy()) / per_s
        oldest = self._now - (rows.bottom() + grow - t.dy()) / per_s
        lo = max(int(np.searchsorted(times, oldest)) - 1, 0)
        hi = min(int(np.searchsorted(times, newest, side="right")) + 1, n)
        return lo, max(hi, lo)

    def paint_moving(self, painter) -> None:
        times, angles, joins = self._shown()
        lo, hi = self._reach(times)
        times, angles, joins = times[lo:hi], angles[lo:hi], joins[lo:hi]
        n = len(times)
        self._drawn = self._pixel_box()
        if n == 0:
            return
        polygon = self._polygon
        polygon.resize(n)  # within its capacity: no reallocation
        xy = fn.ndarray_from_qpolygonf(polygon)
        t = self._to_px
        np.multiply(angles, t.m11(), out=xy[:, 0])
        xy[:, 0] += t.dx()
        np.subtract(self._now, times, out=xy[:, 1])
        xy[:, 1] *= t.m22()
        xy[:, 1] += t.dy()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(self._trace_pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        breaks = np.flatnonzero(~joins[:-1])
        if len(breaks) == 0:
            painter.drawPolyline(polygon)
        else:  # a gap in what was shown stays a gap (rare: copies are fine here)
            start = 0
            for end in (*(int(b) + 1 for b in breaks), n):
                if end - start > 1:
                    painter.drawPolyline(polygon.mid(start, end - start))
                start = end
