"""Perform-the-grade screen: perform a named grade with mouse, touch or keys; get marked.

The task comes from the current joint, condition, grade and convention (the
explore screen's choices, or --joint/--limit/--grade/--convention). The motion
is a setting, saved with the others: an angular joint motion (degrees), or an
accessory technique (mm; from --joint TECHNIQUE, else the one last chosen, at
the explore screen's share of the range). Scoring is
`mobsim.model.performance`; schedules and recording are `mobsim.quiz.perform_task`;
the panel is `mobsim.ui.exercises.perform`. The one clock steps it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QVBoxLayout

from mobsim.model.accessory import condition_for
from mobsim.model.grades import Grade, GradeChoice
from mobsim.model.joints import ConditionError
from mobsim.quiz.exercise_log import performance_attempt, summary_lines
from mobsim.quiz.perform_task import FeedbackSchedule, PerformTask
from mobsim.ui.exercises.perform import PerformPanel
from mobsim.ui.screens import SCREENS
from mobsim.ui.screens.base import ScreenContext
from mobsim.ui.screens.exercise import ExerciseScreen

ANGULAR, ACCESSORY = "angular", "accessory"
DEFAULT_TECHNIQUE = "knee-posterior-glide"


class PerformScreen(ExerciseScreen):
    name = "perform"
    title = SCREENS["perform"]

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(context, parent)
        self._scene = context.options.get("accessory")  # --joint TECHNIQUE --screen perform
        if self._scene is not None and context.prefs is not None:
            context.prefs.perform_motion = ACCESSORY
            context.prefs.perform_technique = self._scene.technique.id
        self.panel = PerformPanel(context.theme, self._task_from_sim())
        self._build_motion_box()
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
        self.action("&Perform", "Angular motion or accessory glide (mm)", "A", self.toggle_motion)
        self.action("&Perform", "Undo the last attempt", "U", self.undo)
        self.action("&Perform", "Summary of my attempts", "S", self.show_summary)
        for schedule in FeedbackSchedule:
            self.action(
                "&Perform",
                f"Feedback: {schedule.title}",
                None,
                lambda s=schedule: p.set_schedule(s),
            )

    # ------------------------------------------------------------ motion setting
    @property
    def motion(self) -> str:
        prefs = self.context.prefs
        wanted = getattr(prefs, "perform_motion", ANGULAR)
        return ACCESSORY if wanted == ACCESSORY and self.context.library.techniques else ANGULAR

    def _technique(self):
        techniques = self.context.library.techniques
        chosen = getattr(self.context.prefs, "perform_technique", "")
        return (
            techniques.get(chosen)
            or techniques.get(DEFAULT_TECHNIQUE)
            or next(iter(techniques.values()))
        )

    def _task_from_sim(self) -> PerformTask:
        sim = self.context.sim
        if self.motion == ANGULAR:
            return PerformTask(sim.joint, sim.condition, sim.choice, sim.convention)
        technique = self._technique()
        scene = self._scene
        if scene is not None and scene.technique is technique:
            return PerformTask(technique, scene.condition, scene.choice, scene.convention)
        try:  # the explore screen's share of the range, in mm
            limit = technique.available_mm * sim.condition.limit_fraction
            condition = condition_for(technique, limit)
        except ConditionError:
            condition = technique.normal_condition()
        return PerformTask(technique, condition, GradeChoice(sim.choice.grade), sim.convention)

    def _build_motion_box(self) -> None:
        box = self.motion_box = QComboBox()
        box.setAccessibleName("Motion to perform")
        box.addItem("Angular motion (the explore screen's joint)", "")
        for technique in self.context.library.techniques.values():
            box.addItem(f"Accessory: {technique.name} (mm)", technique.id)
        self._show_motion()
        box.activated.connect(self._motion_chosen)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.panel.controls.insertRow(0, "Motion (instructor):", box)

    def _show_motion(self) -> None:
        key = self._technique().id if self.motion == ACCESSORY else ""
        self.motion_box.setCurrentIndex(max(0, self.motion_box.findData(key)))

    def _motion_chosen(self, index: int) -> None:
        self.set_motion(self.motion_box.itemData(index) or None)

    def set_motion(self, technique_id: str | None) -> None:
        """Perform on a joint motion (None) or on an accessory technique; remembered."""
        prefs = self.context.prefs
        if prefs is None or self.panel.recording:
            return
        prefs.perform_motion = ANGULAR if technique_id is None else ACCESSORY
        if technique_id is not None:
            prefs.perform_technique = technique_id
        self._show_motion()
        self.panel.set_task(self._task_from_sim())
        self.moving_changed.emit()

    def toggle_motion(self) -> None:
        self.set_motion(self._technique().id if self.motion == ANGULAR else None)

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
        self.panel.segment_view.setFocus()
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
