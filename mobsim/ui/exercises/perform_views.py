"""What the perform panel draws: the segment the student drives (a joint's arc, or
an accessory technique's magnified glide), the metronome and the attempt plot.

A stage turns pointer positions into the task's unit (degrees along the arc, or
mm along the glide axis) and shows a position; it decides nothing about grades.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from mobsim.model.accessory import force_n
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

    @property
    def force(self) -> float | None:
        if not self.technique.has_force:
            return None
        held = min(self.translation, self.limit)
        return float(force_n(self.technique, held, self.condition))


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
        self.setFixedHeight(30)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Metronome")

    def set_time(self, seconds: float) -> None:
        if self.frequency:
            self.phase = 0.5 * (1 - math.cos(2 * math.pi * self.frequency * seconds))
            self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(self.theme.panel))
        if self.frequency:
            w, h = self.width(), self.height()
            p.setPen(QColor(self.theme.muted_text))
            p.drawLine(12, h // 2, w - 100, h // 2)
            x = 12 + self.phase * (w - 112)
            p.setBrush(QColor(self.theme.needle))
            p.drawEllipse(QPointF(x, h / 2), 8, 8)
            p.setPen(QColor(self.theme.muted_text))
            p.drawText(w - 90, h - 4, f"beat {self.frequency:g} Hz")
        p.end()


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
        self.apply_theme(theme)

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        self.curve.setPen(pen(theme.trace, theme.trace_width))
        self.lines["A"].setPen(pen(theme.muted_text, 1))
        self.lines["R1"].setPen(pen(theme.resistance, 1, Qt.PenStyle.DashLine))
        self.lines["L"].setPen(pen(theme.available_range, 1.5))
        self.ends.setBrush(pg.mkBrush(qcolor(theme.text)))
        self.rise.setBrush(pg.mkBrush(qcolor(theme.needle, 90)))
        self.rise_label.setColor(qcolor(theme.text))

    def set_task(self, task: PerformTask, theme: Theme) -> None:
        c = task.condition
        lo, hi = task.reachable
        span = hi - lo
        self.setYRange(lo - 0.04 * span, hi + 0.04 * span, padding=0)
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
        self.ends.setData([], [])
        self.rise.setVisible(False)
        self.rise_label.setText("")

    def set_band_visible(self, visible: bool) -> None:
        self.band.setVisible(visible)

    def show_trace(self, times: np.ndarray, positions: np.ndarray) -> None:
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
