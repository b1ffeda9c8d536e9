"""What the perform panel draws: the segment the student drives (a joint's arc, or
an accessory technique's magnified glide), the metronome and the attempt plot.

A stage turns pointer positions into the task's unit (degrees along the arc, or
mm along the glide axis) and shows a position; it decides nothing about grades.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from mobsim.model.accessory import held_force
from mobsim.model.performance import Marking
from mobsim.quiz.perform_task import RECORD_SECONDS, PerformTask
from mobsim.ui.theme import Theme
from mobsim.ui.widgets import JointView
from mobsim.ui.widgets.glide_view import GlideView
from mobsim.ui.widgets.range_plot import RangePlot, pen, qcolor


class AngularStage:
    """A joint motion: the joint view; a drag sets the angle under the pointer."""

    def __init__(self, theme: Theme):
        self.widget = JointView(theme)

    def set_task(self, task: PerformTask) -> None:
        self.task = task
        self.widget.set_scene(task.joint, task.condition, task.band)

    def show(self, position: float) -> None:
        self.widget.set_angle(position)

    def set_band_visible(self, visible: bool) -> None:
        self.widget.set_band_visible(visible)

    def press(self, point: QPointF, position: float) -> float | None:
        return self.drag(point, position)

    def drag(self, point: QPointF, position: float) -> float | None:
        """The joint angle under `point`, unwrapped next to the current `position`."""
        geometry = self.widget.arc_geometry()
        if geometry is None:
            return None
        centre, _ = geometry
        screen = math.degrees(math.atan2(-(point.y() - centre.y()), point.x() - centre.x()))
        view = self.task.joint.orientation
        angle = (screen - view.moving_zero_deg) / view.direction
        return angle + 360.0 * round((position - angle) / 360.0)

    def apply_theme(self, theme: Theme) -> None:
        self.widget.set_theme(theme)


class PerformedGlide:
    """What the glide view reads, taken from the student's position instead of a demo."""

    labels_visible = True
    mystery = False

    def __init__(self, task: PerformTask):
        self.technique = task.joint
        self.condition = task.condition
        self.grade_label = f"Grade {task.choice.display}"
        self.translation = task.condition.start

    @property
    def limit(self) -> float:
        return self.condition.available_limit

    def force_at(self, translation_mm: float) -> float | None:
        return held_force(self.technique, translation_mm, self.condition)


class GlideStage:
    """An accessory technique: the magnified joint; a drag moves the bone along the
    glide axis (or away, for traction) by as many mm as the pointer moved along it."""

    def __init__(self, theme: Theme, task: PerformTask):
        self.glide = PerformedGlide(task)
        self.widget = GlideView(self.glide, theme)
        self._grip: tuple[QPointF, float] | None = None
        self.task = task

    def set_task(self, task: PerformTask) -> None:
        self.task = task
        self.glide = PerformedGlide(task)
        self.widget.demo = self.glide
        self.widget.rebuild()

    def show(self, position: float) -> None:
        if position != self.glide.translation:
            self.glide.translation = position
            self.widget.update_frame()

    def set_band_visible(self, visible: bool) -> None:
        """The band is on the attempt plot; the magnified joint shows no band."""

    def press(self, point: QPointF, position: float) -> float | None:
        self._grip = (QPointF(point), position)
        return position

    def drag(self, point: QPointF, position: float) -> float | None:
        if self._grip is None:
            return self.press(point, position)
        origin, start = self._grip
        return start + self.widget.mm_between(origin, point)

    def apply_theme(self, theme: Theme) -> None:
        self.widget.apply_theme(theme)


class Metronome(QWidget):
    """A dot swinging at the target frequency: a beat to follow, no sound."""

    def __init__(self, theme: Theme, parent=None):
        super().__init__(parent)
        self.theme = theme
        self.frequency: float | None = None
        self.phase = 0.0
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)  # fills what it paints
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Metronome")
        self._fit_font()

    def _fit_font(self) -> None:
        """Its height and the room at its end for "beat 2 Hz" follow the text size."""
        metrics = self.fontMetrics()
        self._text_room = metrics.horizontalAdvance("beat 0.0 Hz") + 16
        self.setFixedHeight(max(30, metrics.height() + 10))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_font()

    def _dot_x(self) -> float:
        return 12 + self.phase * (self.width() - self._text_room - 22)

    def set_time(self, seconds: float) -> None:
        """Move the dot; only the strip it left and the strip it enters are repainted."""
        if self.frequency:
            before = self._dot_x()
            self.phase = 0.5 * (1 - math.cos(2 * math.pi * self.frequency * seconds))
            after = self._dot_x()
            if round(before) != round(after):
                left, right = min(before, after), max(before, after)
                self.update(int(left) - 10, 0, int(right - left) + 21, self.height())

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        p = QPainter(self)
        p.setClipRect(event.rect())
        p.fillRect(event.rect(), QColor(self.theme.panel))
        if self.frequency:
            w, h = self.width(), self.height()
            p.setPen(QColor(self.theme.muted_text))
            p.drawLine(12, h // 2, w - self._text_room - 10, h // 2)
            x = self._dot_x()
            p.setBrush(QColor(self.theme.needle))
            p.drawEllipse(QPointF(x, h / 2), 8, 8)
            p.setPen(QColor(self.theme.muted_text))
            box = QRect(w - self._text_room, 0, self._text_room - 6, h)
            p.drawText(
                box,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"beat {self.frequency:g} Hz",
            )
        p.end()


LIVE_RATE = 240  # frames per second the live buffers have room for


class LiveChart(QWidget):
    """The live trace while performing, drawn over the attempt plot.

    The plot's scene asks every item for its bounds and paints each overlapping
    item in Python, even for a strip a few pixels wide (≈1.5 ms a frame here). So
    while recording, an opaque widget covers the plot: a picture of the plot taken
    once at the start, and the trace drawn from preallocated pixel buffers. A frame
    adds one point and repaints only the box of the newest segment (no item, no
    allocation per frame). It hides when the attempt ends, and the plot shows the
    whole trace itself.
    """

    def __init__(self, plot: AttemptPlot):
        super().__init__(plot)
        self.plot = plot
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.px = np.empty(int(RECORD_SECONDS * LIVE_RATE) + 2)
        self.py = np.empty_like(self.px)
        self.count = 0
        self.pen = QPen()
        self._backdrop = None
        self._to_pixels = None
        self.hide()

    def start(self, pen_: QPen) -> None:
        """Cover the plot with its picture as it is now; the trace starts empty."""
        self.pen = QPen(pen_)
        self.count = 0
        self.setGeometry(self.plot.rect())
        self._backdrop = self.plot.grab()
        vb = self.plot.getPlotItem().getViewBox()
        self._to_pixels = vb.childGroup.sceneTransform() * self.plot.viewportTransform()
        self.show()
        self.raise_()

    def stop(self) -> None:
        self.hide()
        self._backdrop = None

    def add(self, t: float, x: float) -> None:
        n = self.count
        if n >= len(self.px) or self._to_pixels is None:
            return
        p = self._to_pixels.map(QPointF(t, x))
        self.px[n], self.py[n] = p.x(), p.y()
        self.count = n + 1
        m = max(n - 1, 0)
        pad = self.pen.widthF() + 2
        left, right = min(self.px[m], self.px[n]), max(self.px[m], self.px[n])
        top, bottom = min(self.py[m], self.py[n]), max(self.py[m], self.py[n])
        self.update(
            int(left - pad),
            int(top - pad),
            int(right - left + 2 * pad) + 1,
            int(bottom - top + 2 * pad) + 1,
        )

    def points(self) -> tuple[np.ndarray, np.ndarray]:
        """The pixels of the trace drawn so far (for tests)."""
        return self.px[: self.count], self.py[: self.count]

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if self.isVisible() and event.size() != self.plot.size():
            self.stop()  # the picture no longer fits: the plot draws the rest itself

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self._backdrop is None:
            return
        area = event.rect()
        painter = QPainter(self)
        painter.drawPixmap(area, self._backdrop, self._pixmap_rect(area))
        n = self.count
        if n >= 2:
            painter.setClipRect(area)
            painter.setPen(self.pen)
            # Time only grows: the segments in this box are a short run of the buffer.
            lo = max(int(np.searchsorted(self.px[:n], area.left() - 1)) - 1, 0)
            hi = min(int(np.searchsorted(self.px[:n], area.right() + 1)) + 1, n - 1)
            for i in range(lo, hi):
                painter.drawLine(
                    QPointF(self.px[i], self.py[i]), QPointF(self.px[i + 1], self.py[i + 1])
                )
        painter.end()

    def _pixmap_rect(self, area):
        ratio = self._backdrop.devicePixelRatio()
        if ratio == 1.0:
            return area
        return QRectF(
            area.x() * ratio, area.y() * ratio, area.width() * ratio, area.height() * ratio
        )


class AttemptPlot(RangePlot):
    """The attempt over time: the target band, the student's trace, marked swing ends.

    The shared range-plot look (outward axis ticks, so the axes never repaint with
    the live curve), but time on x and position on y."""

    def __init__(self, theme: Theme, parent=None):
        super().__init__(theme, parent)
        self.setLabel("bottom", "seconds")
        self.setXRange(0, RECORD_SECONDS, padding=0.02)
        self.band = pg.LinearRegionItem(movable=False, orientation="horizontal")
        for edge in self.band.lines:
            edge.setPen(pg.mkPen(None))
        self.addItem(self.band, ignoreBounds=True)
        self.lines = {name: pg.InfiniteLine(angle=0, movable=False) for name in ("A", "R1", "L")}
        for name, line in self.lines.items():
            line.label = pg.InfLineLabel(line, name, position=0.02, anchors=[(0, 1), (0, 1)])
            self.addItem(line, ignoreBounds=True)
        self.curve = pg.PlotCurveItem(skipFiniteCheck=True)
        self.addItem(self.curve)
        self.ends = pg.ScatterPlotItem(size=7)
        self.addItem(self.ends)
        self.rise = pg.LinearRegionItem(movable=False, orientation="vertical")
        self.rise_label = pg.TextItem("", anchor=(0, 1))
        self.addItem(self.rise, ignoreBounds=True)
        self.addItem(self.rise_label, ignoreBounds=True)
        self.live = LiveChart(self)
        self.apply_theme(theme)

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        self.curve.setPen(pen(theme.trace, theme.trace_width))
        self.lines["A"].setPen(pen(theme.muted_text, 1))
        self.lines["R1"].setPen(pen(theme.resistance, 1, Qt.PenStyle.DashLine))
        self.lines["L"].setPen(pen(theme.available_range, 1.5))
        for line in self.lines.values():  # the lines' names, at the theme's text size
            line.label.setFont(self.font(0.9))
            line.label.setColor(qcolor(theme.muted_text))
        self.ends.setBrush(pg.mkBrush(qcolor(theme.text)))
        self.rise.setBrush(pg.mkBrush(qcolor(theme.needle, 90)))
        self.rise_label.setColor(qcolor(theme.text))

    def set_task(self, task: PerformTask, theme: Theme) -> None:
        c = task.condition
        lo, hi = task.reachable
        span = hi - lo
        self.setYRange(lo - 0.04 * span, hi + 0.08 * span, padding=0)  # room for L's tag
        target = task.band
        colour = _over(theme.grade_colour(task.choice.grade), theme.band_alpha, theme.background)
        self.band.setBrush(pg.mkBrush(colour))  # opaque: no blending in every live frame
        self.band.setRegion((target.low, target.high))
        self.lines["A"].setValue(c.start)
        self.lines["R1"].setValue(c.resistance_onset)
        self.lines["L"].setValue(c.available_limit)
        self.setLabel("left", "translation (mm)" if task.is_accessory else "angle (°)")
        self.clear_attempt()

    def clear_attempt(self) -> None:
        self.curve.setData([], [])
        self.live.stop()
        self.ends.setData([], [])
        self.rise.setVisible(False)
        self.rise_label.setText("")

    def set_band_visible(self, visible: bool) -> None:
        self.band.setVisible(visible)

    def start_live(self) -> None:
        """Live feedback: the trace drawn over the band as the student performs."""
        self.live.start(self.curve.opts["pen"])

    def show_trace(self, times: np.ndarray, positions: np.ndarray) -> None:
        """The whole attempt at once (after it, with the marking); the live chart goes."""
        self.live.stop()
        self.curve.setData(times, positions, skipFiniteCheck=True)

    def show_marking(self, marking: Marking) -> None:
        """The marked turns as dots; for a thrust, its rise shaded and timed."""
        times, positions = marking.turns
        self.ends.setData(times, positions)
        rise = marking.criteria.get("rise_time")
        if rise is not None and rise.measured is not None and len(times) >= 2:
            peak = float(times[-1])
            self.rise.setRegion((peak - rise.measured, peak))
            self.rise.setVisible(True)
            self.rise_label.setText(f"rise {rise.measured * 1000:.0f} ms")
            self.rise_label.setPos(peak, float(positions[-1]))


def _over(colour: str, alpha: int, background: str) -> QColor:
    """`colour` at `alpha` over `background`, as one opaque colour."""
    top, under, a = QColor(colour), QColor(background), alpha / 255
    mix = [
        round(a * t + (1 - a) * u)
        for t, u in zip(top.getRgb()[:3], under.getRgb()[:3], strict=True)
    ]
    return QColor(*mix)
