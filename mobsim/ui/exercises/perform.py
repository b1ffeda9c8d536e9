"""Perform-the-grade: the student drives the segment; the attempt is marked.

The view asks the model for everything: the task (`PerformTask`), where the
segment may go (`reachable`), when feedback is shown (`Practice`), and the
marking (`score_performance`). It only turns mouse, touch and key input into
positions and draws the result.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mobsim.model.performance import Marking, RecordingError, score_performance
from mobsim.quiz.perform_task import (
    RECORD_SECONDS,
    FeedbackSchedule,
    PerformTask,
    Phase,
    Practice,
    Recorder,
)
from mobsim.ui.exercises.perform_views import AngularStage, AttemptPlot, GlideStage, Metronome
from mobsim.ui.theme import Theme

# Arrow keys move the segment at this speed (share of A–L per second); [ and ] change it.
KEY_SPEED = 0.6
KEY_SPEEDS = (0.15, 0.3, 0.6, 1.0, 1.6)


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
        self.angular = AngularStage(theme)
        self.joint_view = self.angular.widget
        self.glide_stage: GlideStage | None = None  # built the first time a technique is asked
        self.stage = self.angular
        self.stages = QStackedWidget()
        self._add_stage(self.joint_view)
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

        buttons, boxes = QHBoxLayout(), QHBoxLayout()
        for w in (self.start_button, self.ask_button):
            buttons.addWidget(w)
        for w in (self.metronome_box, self.retention_box):
            boxes.addWidget(w)
        buttons.addStretch(1)
        boxes.addStretch(1)
        # The instructor's settings (the screen adds the motion as the first row).
        self.controls = QFormLayout()
        self.controls.addRow("Feedback (instructor):", self.schedule_box)
        for box in (self.schedule_box,):
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        # The segment gets the whole height on the left (the glide view needs it);
        # everything else is on the right.
        right = QVBoxLayout()
        right.addWidget(self.metronome)
        self.plot.setMinimumHeight(200)
        right.addWidget(self.plot, 3)
        # Long feedback scrolls rather than squeezing the plot (projector text is large).
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.feedback)
        right.addWidget(scroll, 2)
        right.addWidget(self.status)
        right.addLayout(buttons)
        right.addLayout(boxes)
        right.addLayout(self.controls)
        grid = QGridLayout(self)
        grid.addWidget(self.prompt, 0, 0, 1, 2)
        grid.addWidget(self.stages, 1, 0)
        grid.addLayout(right, 1, 1)
        grid.setColumnStretch(0, 11)
        grid.setColumnStretch(1, 9)

    def _add_stage(self, widget: QWidget) -> None:
        # Both stages paint every pixel of what they repaint (a cached picture first),
        # so Qt need not paint the window's styled background under them each frame.
        widget.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        widget.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        widget.installEventFilter(self)
        self.stages.addWidget(widget)

    @property
    def glide_view(self):
        """The magnified accessory joint (None until a technique has been asked)."""
        return None if self.glide_stage is None else self.glide_stage.widget

    @property
    def segment_view(self) -> QWidget:
        """The view the student drives now: the joint's arc, or the magnified glide."""
        return self.stage.widget

    # ------------------------------------------------------------ task
    def set_task(self, task: PerformTask) -> None:
        self.task = task
        self.position = task.condition.start
        if task.is_accessory and self.glide_stage is None:
            self.glide_stage = GlideStage(self.theme, task)
            self._add_stage(self.glide_stage.widget)
        self.stage = self.glide_stage if task.is_accessory else self.angular
        self.stages.setCurrentWidget(self.stage.widget)
        self._dragging = False
        self.stage.set_task(task)
        self.stage.show(self.position)
        self.plot.set_task(task, self.theme)
        self.metronome.frequency = task.metronome_hz
        self.metronome.setVisible(self.metronome_box.isChecked() and task.metronome_hz is not None)
        self.prompt.setText(task.prompt)
        self.recorder = None
        self.marking = None
        self.feedback.setText("")
        self._refresh()

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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is not self.stage.widget:
            return False
        kind, T = event.type(), QEvent.Type
        if kind == T.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self._press(event.position())
            return True
        if kind == T.MouseMove and self._dragging:
            self._drag(event.position())
            return True
        if kind == T.MouseButtonRelease and self._dragging:
            self._dragging = False
            return True
        if kind in (T.TouchBegin, T.TouchUpdate, T.TouchEnd, T.TouchCancel):
            return self._touch(event)
        if kind in (T.KeyPress, T.KeyRelease):
            return self._arrow(event, kind == T.KeyPress)
        return False

    def _touch(self, event) -> bool:
        """One finger drags the segment as the mouse does (accepted, so Qt does not
        also synthesise mouse events from it)."""
        points = event.points()
        kind = event.type()
        if kind in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel) or not points:
            self._dragging = False
        elif kind == QEvent.Type.TouchBegin or not self._dragging:
            self._press(points[0].position())
        else:
            self._drag(points[0].position())
        event.accept()
        return True

    def _press(self, point: QPointF) -> None:
        self._dragging = True
        self.mouse_events += 1
        self._follow(self.stage.press(point, self.position))

    def _drag(self, point: QPointF) -> None:
        self.mouse_events += 1
        self._follow(self.stage.drag(point, self.position))

    def _follow(self, position: float | None) -> None:
        if position is not None:
            self.move_to(position)
            if not self.recording:  # recording, the clock's frame shows it (once a frame,
                self.stage.show(self.position)  # however fast the mouse reports)

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
        self.stage.show(self.position)
        self.metronome.set_time(self.clock() - self._t0)
        if self.recording and self.practice.live:
            # One point per frame: the live curve costs what a frame-rate curve costs,
            # however fast the mouse reports (the marking uses every sample).
            if not self.plot.live.isVisible():
                self.plot.start_live()
            self.plot.live.add(self.recorder.elapsed, self.position)

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
        self.stage.set_band_visible(True)

    def _refresh(self) -> None:
        practice = self.practice
        band_on = practice.live or (self.marking is not None and self._shown())
        self.plot.set_band_visible(band_on)
        self.stage.set_band_visible(band_on)
        self.ask_button.setEnabled(practice.phase is Phase.PRACTICE)
        state = "recording…" if self.recording else "ready"
        self.start_button.setText("Stop (Space)" if self.recording else "Start (Space)")
        how = (
            (
                "drag the moving bone away (traction)"
                if self.task.joint.is_traction
                else "drag the moving bone along the glide"
            )
            if self.task.is_accessory
            else "drag the moving segment along its arc"
        )
        self.status.setText(
            f"{state} · {how}, or hold the arrow keys "
            f"({self.key_speed:.0%} of A–L per second; [ ] change it) · "
            f"feedback: {practice.schedule.value}"
            + (" · retention test" if practice.phase is Phase.RETENTION else "")
            + f" · attempts {len(practice.attempts)}"
        )

    def _shown(self) -> bool:
        return bool(self.practice.attempts) and self.practice.attempts[-1].shown
