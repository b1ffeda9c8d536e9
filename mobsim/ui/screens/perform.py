"""Perform-the-grade screen: perform a named grade with mouse, touch or keys; get marked.

The task comes from the current joint, condition, grade and convention (the
explore screen's choices, or --joint/--limit/--grade/--convention). Scoring is
`mobsim.model.performance`; schedules and recording are `mobsim.quiz.perform_task`;
the panel is `mobsim.ui.exercises.perform`. The one clock steps it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from mobsim.model.grades import Grade, GradeChoice
from mobsim.quiz.exercise_log import performance_attempt, summary_lines
from mobsim.quiz.perform_task import FeedbackSchedule, PerformTask
from mobsim.ui.exercises.perform import PerformPanel
from mobsim.ui.screens.base import ScreenContext
from mobsim.ui.screens.exercise import ExerciseScreen


class PerformScreen(ExerciseScreen):
    name = "perform"
    title = "Perform the grade (students)"

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(context, parent)
        self.panel = PerformPanel(context.theme, self._task_from_sim())
        layout = QVBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        self.panel.attempt_marked.connect(self._marked)
        p = self.panel
        self.action("&Perform", "Start / stop recording", "Space", self._toggle)
        self.action("&Perform", "Show feedback (when you ask)", "F", p.ask_feedback)
        self.action(
            "&Perform",
            "Metronome on/off",
            "M",
            lambda: p.set_metronome(not p.metronome_box.isChecked()),
        )
        self.action(
            "&Perform",
            "Retention test on/off (no feedback)",
            "T",
            lambda: p.set_retention(not p.retention_box.isChecked()),
        )
        self.action("&Perform", "Arrow keys faster", "]", p.faster)
        self.action("&Perform", "Arrow keys slower", "[", p.slower)
        self.action("&Perform", "Next grade to perform", "N", self.next_grade)
        self.action("&Perform", "Undo the last attempt", "U", self.undo)
        self.action("&Perform", "Summary of my attempts", "S", self.show_summary)
        for schedule in FeedbackSchedule:
            self.action(
                "&Perform",
                f"Feedback: {schedule.title}",
                None,
                lambda s=schedule: p.set_schedule(s),
            )

    def _task_from_sim(self) -> PerformTask:
        sim = self.context.sim
        return PerformTask(sim.joint, sim.condition, sim.choice, sim.convention)

    def next_grade(self) -> None:
        grade = Grade(self.panel.task.choice.grade.value % 5 + 1)
        task = self.panel.task
        choice = GradeChoice(grade)  # plain grade: valid in either convention
        self.panel.set_task(PerformTask(task.joint, task.condition, choice, task.convention))
        self.moving_changed.emit()

    def _toggle(self) -> None:
        self.panel.toggle_recording()
        self.moving_changed.emit()

    def activate(self) -> None:
        task = self._task_from_sim()
        if task != self.panel.task and not self.panel.recording:
            self.panel.set_task(task)
        self.panel.joint_view.setFocus()
        self.moving_changed.emit()

    def is_moving(self) -> bool:
        return self.panel.is_moving()

    def step(self, dt: float) -> None:
        self.panel.step(dt)

    def render(self) -> None:
        self.panel.render()

    def _marked(self, result) -> None:
        ms = int(round(self.panel.recorder.elapsed * 1000)) if self.panel.recorder else 0
        self.log.record(performance_attempt(self.log.profile, self.panel.task, result, ms))
        if self.log.store.notice:
            self.status.emit(self.log.store.notice)
        self.moving_changed.emit()

    def undo(self) -> None:
        if self.panel.practice.undo() is not None and self.log.undo():
            self.status.emit("Last attempt removed from the history.")
            self.panel.feedback.setText("")

    def show_summary(self) -> None:
        lines = summary_lines(self.log.store, self.log.profile)
        lines.append(self.panel.practice.retention_vs_practice())
        self.panel.feedback.setText(
            "<b>Summary</b><ul>" + "".join(f"<li>{x}</li>" for x in lines) + "</ul>"
        )


SCREEN = PerformScreen
