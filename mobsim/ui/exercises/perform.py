"""Perform-the-grade: the student drives the segment; the attempt is marked.

The view asks the model for everything: the task (`PerformTask`), where the
segment may go (`reachable`), when feedback is shown (`Practice`), and the
marking (`score_performance`). It only turns mouse, touch and key input into
positions and draws the result.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from mobsim.model.grades import band
from mobsim.model.performance import Marking, RecordingError, score_performance
from mobsim.quiz.perform_task import (
    RECORD_SECONDS,
    FeedbackSchedule,
    PerformTask,
    Phase,
    Practice,
    Recorder,
)
from mobsim.ui.theme import Theme
from mobsim.ui.widgets import JointView
from mobsim.ui.widgets.range_plot import RangePlot, pen, qcolor

# Arrow keys move the segment at this speed (share of A–L per second); [ and ] change it.
KEY_SPEED = 0.6
KEY_SPEEDS = (0.15, 0.3, 0.6, 1.0, 1.6)


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
        target = band(task.choice, task.joint, c, task.convention)
        colour = _over(theme.grade_colour(task.choice.grade), theme.band_alpha, theme.background)
        self.band.setBrush(pg.mkBrush(colour))  # opaque: no blending in every live frame
        self.band.setRegion((target.low, target.high))
        self.lines["A"].setValue(c.start)
        self.lines["R1"].setValue(c.resistance_onset)
        self.lines["L"].setValue(c.available_limit)
        self.setLabel("left", "position (mm)" if _is_mm(task) else "angle (°)")
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


def _is_mm(task: PerformTask) -> bool:
    return getattr(task.joint, "unit", "deg") == "mm"


class PerformPanel(QWidget):
    """The whole exercise: prompt, joint, metronome, attempt plot, feedback and controls.

    `step(dt)` (from the one clock) moves the segment for held keys, records, and
    ends the attempt after 10 s; `render()` draws. Mouse and touch drags on the joint
    set the position directly (the event filter below).
    """

    attempt_marked = Signal(object)  # AttemptResult, after each attempt (for the history)

    def __init__(self, theme: Theme, task: PerformTask, clock: Callable[[], float] | None = None):
        super().__init__()
        self.theme = theme
        self.clock = clock or time.perf_counter
        self.practice = Practice()
        self.recorder: Recorder | None = None
        self.marking: Marking | None = None
        self.held = 0  # -1, 0, +1: arrow keys held
        self.key_speed = KEY_SPEED
        self.mouse_events = 0
        self._dragging = False
        # The live curve: one point per frame, preallocated (frames up to 240 Hz).
        self._live_t = np.empty(int(RECORD_SECONDS * 240) + 2)
        self._live_x = np.empty_like(self._live_t)
        self._live_count = 0
        self._t0 = self.clock()
        self._build(theme)
        self.set_task(task)

    # ------------------------------------------------------------ build
    def _build(self, theme: Theme) -> None:
        self.prompt = QLabel()
        self.prompt.setObjectName("prompt")
        self.prompt.setWordWrap(True)
        f = self.prompt.font()
        f.setPointSizeF(f.pointSizeF() * 1.4)
        f.setBold(True)
        self.prompt.setFont(f)
        self.joint_view = JointView(theme)
        self.joint_view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.joint_view.installEventFilter(self)
        # Touch arrives as synthesised mouse events (Qt does this for widgets that take no touch).
        self.metronome = Metronome(theme)
        self.plot = AttemptPlot(theme)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.RichText)
        self.feedback.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.start_button = QPushButton("Start (Space)")
        self.start_button.clicked.connect(self.toggle_recording)
        self.ask_button = QPushButton("Show feedback (F)")
        self.ask_button.clicked.connect(self.ask_feedback)
        self.schedule_box = QComboBox()
        for schedule in FeedbackSchedule:
            self.schedule_box.addItem(schedule.title, schedule)
        self.schedule_box.setCurrentIndex(list(FeedbackSchedule).index(self.practice.schedule))
        self.schedule_box.currentIndexChanged.connect(self._schedule_chosen)
        self.retention_box = QCheckBox("Retention test (no feedback)")
        self.retention_box.toggled.connect(self.set_retention)
        self.metronome_box = QCheckBox("Metronome")
        self.metronome_box.setChecked(True)
        self.metronome_box.toggled.connect(self.set_metronome)

        controls = QHBoxLayout()
        for w in (self.start_button, self.ask_button, self.metronome_box, self.retention_box):
            controls.addWidget(w)
        controls.addWidget(QLabel("Feedback (instructor):"))
        controls.addWidget(self.schedule_box)
        controls.addStretch(1)
        grid = QGridLayout(self)
        grid.addWidget(self.prompt, 0, 0, 1, 2)
        left = QVBoxLayout()
        left.addWidget(self.joint_view, 1)
        left.addWidget(self.metronome)
        grid.addLayout(left, 1, 0)
        right = QVBoxLayout()
        right.addWidget(self.plot, 3)
        right.addWidget(self.feedback, 2)
        grid.addLayout(right, 1, 1)
        grid.addWidget(self.status, 2, 0, 1, 2)
        grid.addLayout(controls, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

    # ------------------------------------------------------------ task
    def set_task(self, task: PerformTask) -> None:
        self.task = task
        self.position = task.condition.start
        self.joint_view.set_scene(task.joint, task.condition, self._band())
        self.joint_view.set_angle(self.position)
        self.plot.set_task(task, self.theme)
        self.metronome.frequency = task.metronome_hz
        self.metronome.setVisible(self.metronome_box.isChecked() and task.metronome_hz is not None)
        self.prompt.setText(task.prompt)
        self.recorder = None
        self.marking = None
        self.feedback.setText("")
        self._refresh()

    def _band(self):
        return band(self.task.choice, self.task.joint, self.task.condition, self.task.convention)

    # ------------------------------------------------------------ controls
    def _schedule_chosen(self, index: int) -> None:
        self.practice.schedule = FeedbackSchedule(self.schedule_box.itemData(index))
        self._refresh()

    def set_schedule(self, schedule: FeedbackSchedule) -> None:
        self.schedule_box.setCurrentIndex(list(FeedbackSchedule).index(schedule))

    def set_retention(self, on: bool) -> None:
        self.practice.phase = Phase.RETENTION if on else Phase.PRACTICE
        if self.retention_box.isChecked() != on:
            self.retention_box.setChecked(on)
        if on:
            self.feedback.setText("")
        self._refresh()

    def set_metronome(self, on: bool) -> None:
        if self.metronome_box.isChecked() != on:
            self.metronome_box.setChecked(on)
        self.metronome.setVisible(on and self.task.metronome_hz is not None)

    def faster(self) -> None:
        self._key_speed_step(+1)

    def slower(self) -> None:
        self._key_speed_step(-1)

    def _key_speed_step(self, step: int) -> None:
        speeds = KEY_SPEEDS
        i = min(range(len(speeds)), key=lambda k: abs(speeds[k] - self.key_speed))
        self.key_speed = speeds[min(max(i + step, 0), len(speeds) - 1)]
        self._refresh()

    @property
    def recording(self) -> bool:
        return self.recorder is not None and not self.recorder.done

    def toggle_recording(self) -> None:
        if self.recording:
            self.recorder.stop()
            self._finish()
        else:
            self.start()

    def start(self) -> None:
        self.recorder = Recorder(self.task.reachable)
        self._live_count = 0
        self.marking = None
        self.plot.clear_attempt()
        self.feedback.setText("")
        self._t0 = self.clock()
        self.recorder.add(0.0, self.position)
        self._refresh()

    def ask_feedback(self) -> None:
        marking = self.practice.request()
        if marking is None:
            why = (
                "no feedback in a retention test" if self.practice.phase is Phase.RETENTION else ""
            )
            self.status.setText(why or "Perform an attempt first (Space starts).")
            return
        self._show(marking)

    # ------------------------------------------------------------ input
    def move_to(self, position: float) -> None:
        """Set the segment's position (clamped to where it may go) and record it."""
        lo, hi = self.task.reachable
        self.position = min(max(float(position), lo), hi)
        if self.recording:
            self.position = self.recorder.add(self.clock() - self._t0, self.position)
            if self.recorder.done:
                self._finish()

    def angle_at(self, point: QPointF) -> float | None:
        """The joint angle under a point of the joint view, unwrapped next to the current one."""
        geometry = self.joint_view.arc_geometry()
        if geometry is None:
            return None
        centre, _ = geometry
        screen = math.degrees(math.atan2(-(point.y() - centre.y()), point.x() - centre.x()))
        view = self.task.joint.orientation
        angle = (screen - view.moving_zero_deg) / view.direction
        # The nearest equivalent of the pointer's angle to where the segment is now.
        return angle + 360.0 * round((self.position - angle) / 360.0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is not self.joint_view:
            return False
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self._dragging = True
            self._drag(event.position())
            return True
        if kind == QEvent.Type.MouseMove and self._dragging:
            self._drag(event.position())
            return True
        if kind == QEvent.Type.MouseButtonRelease and self._dragging:
            self._dragging = False
            return True
        if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return self._arrow(event, kind == QEvent.Type.KeyPress)
        return False

    def _drag(self, point: QPointF) -> None:
        self.mouse_events += 1
        angle = self.angle_at(point)
        if angle is not None:
            self.move_to(angle)
            self.joint_view.set_angle(self.position)

    _KEYS = {Qt.Key.Key_Up: 1, Qt.Key.Key_Right: 1, Qt.Key.Key_Down: -1, Qt.Key.Key_Left: -1}

    def _arrow(self, event, pressed: bool) -> bool:
        direction = self._KEYS.get(event.key())
        if direction is None:
            return False
        if event.isAutoRepeat():
            return True  # a held key moves by speed × time in step(), not per repeat
        if pressed:
            self.held = direction
        elif self.held == direction:
            self.held = 0
        return True

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if not self._arrow(event, True):
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if not self._arrow(event, False):
            super().keyReleaseEvent(event)

    # ------------------------------------------------------------ clock
    def is_moving(self) -> bool:
        return self.recording or self.held != 0 or self.metronome.isVisible()

    def step(self, dt: float) -> None:
        if self.held:
            span = self.task.condition.available_range
            self.move_to(self.position + self.held * self.key_speed * span * dt)
        elif self.recording:
            self.move_to(self.position)  # holding still is part of the performance
        if self.recording and self.recorder.elapsed >= RECORD_SECONDS:
            self._finish()

    def render(self) -> None:
        self.joint_view.set_angle(self.position)
        self.metronome.set_time(self.clock() - self._t0)
        if self.recording and self.practice.live:
            # One point per frame: the live curve costs what a frame-rate curve costs,
            # however fast the mouse reports (the marking uses every sample).
            n = self._live_count
            if n < len(self._live_t):
                self._live_t[n] = self.recorder.elapsed
                self._live_x[n] = self.position
                self._live_count = n + 1
            self.plot.show_trace(self._live_t[: self._live_count], self._live_x[: self._live_count])

    # ------------------------------------------------------------ marking
    def _finish(self) -> None:
        rec = self.recorder
        rec.stop()
        try:
            marking = score_performance(rec.recording(), self.task.target)
        except RecordingError as exc:
            self.status.setText(f"Not marked: {exc}. Press Space and perform for longer.")
            return
        self.marking = marking
        result = self.practice.finish(marking)
        if result.shown:
            self._show(marking)
        else:
            self.plot.show_trace(np.zeros(0), np.zeros(0))
            self.feedback.setText(self._hidden_words())
        self._refresh()
        self.attempt_marked.emit(result)

    def _hidden_words(self) -> str:
        if self.practice.phase is Phase.RETENTION:
            return "Attempt recorded (retention test: no feedback)."
        if self.practice.schedule is FeedbackSchedule.SELF_CONTROLLED:
            return "Attempt recorded. Press F when you want feedback."
        return "Attempt recorded. Feedback comes after some attempts (faded schedule)."

    def _show(self, marking: Marking) -> None:
        rec = self.recorder
        if rec is not None and rec.count:
            self.plot.show_trace(rec.times, rec.positions)
        self.plot.show_marking(marking)
        verdict = "matched" if marking.grade_matched else "not matched"
        seen = f" (it looked like grade {marking.performed_as})" if marking.performed_as else ""
        items = "<br>".join(
            f"{'✓' if c.passed else '✗'} {c.feedback}" for c in marking.criteria.values()
        )
        self.feedback.setText(
            f"<b>Score {marking.score:.0f}/100 — grade {self.task.choice.display} {verdict}"
            f"{seen}</b><p>{items}</p>"
        )
        self.plot.set_band_visible(True)  # the target band belongs to the feedback
        self.joint_view.set_band_visible(True)

    def _refresh(self) -> None:
        practice = self.practice
        band_on = practice.live or (self.marking is not None and self._shown())
        self.plot.set_band_visible(band_on)
        self.joint_view.set_band_visible(band_on)
        self.ask_button.setEnabled(practice.phase is Phase.PRACTICE)
        state = "recording…" if self.recording else "ready"
        self.start_button.setText("Stop (Space)" if self.recording else "Start (Space)")
        self.status.setText(
            f"{state} · drag the moving segment along its arc, or hold the arrow keys "
            f"(speed {self.key_speed:.0%} of A–L per second; [ and ] change it) · "
            f"feedback: {practice.schedule.value}"
            + (" · retention test" if practice.phase is Phase.RETENTION else "")
            + f" · attempts {len(practice.attempts)}"
        )

    def _shown(self) -> bool:
        return bool(self.practice.attempts) and self.practice.attempts[-1].shown
