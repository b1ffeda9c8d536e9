"""What the explore and compare screens share: the Simulation, the lecture state,
the control panel and the lecturer's keys."""

from __future__ import annotations

from mobsim.model import Grade
from mobsim.model.simulation import PLAYBACK, SCENE
from mobsim.quiz import ClassQuiz
from mobsim.ui.controls import ControlPanel
from mobsim.ui.screens.base import Screen, ScreenContext


class LectureScreen(Screen):
    """A screen driven by the shared Simulation and Lecture models."""

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(context, parent)
        self.sim = context.sim
        self.lecture = context.lecture
        self.library = context.library
        self.class_quiz = ClassQuiz()
        self.active = False
        self.exporting = False  # a GIF export drives the frames itself
        self.controls = ControlPanel(self.sim, self.lecture, self.library)
        self.controls.step_button.clicked.connect(self.step_once)
        self._declare_lecture_actions()
        self.sim.subscribe(self._scene_event, SCENE)
        self.sim.subscribe(self._playback_event, PLAYBACK)
        self.lecture.subscribe(self._lecture_event)

    def set_presenting(self, presenting: bool) -> None:
        self.controls.setVisible(not presenting)  # every control has its key

    def close(self) -> None:
        self.controls.close_models()
        self.sim.unsubscribe(self._scene_event)
        self.sim.unsubscribe(self._playback_event)
        self.lecture.unsubscribe(self._lecture_event)

    # ------------------------------------------------------------ keys
    def _declare_lecture_actions(self) -> None:
        sim, lecture = self.sim, self.lecture
        add = self.action
        self.export_gif_action = add("&File", "Export animated GIF…", "Ctrl+G", self.export_gif)
        add("&File", "Export trace as CSV…", "Ctrl+T", self.export_csv)
        for grade in Grade:
            add(
                "&Grade", f"Grade {grade.label}", str(grade.value), lambda g=grade: sim.set_grade(g)
            )
        self.play_action = add("&Motion", "Play / pause", "Space", sim.toggle_playing)
        add("&Motion", "Step (while paused)", "Right", self.step_once, repeat=True)
        add("&Motion", "Slow motion ×¼", "S", sim.toggle_slow)
        add("&Motion", "Restart motion", "R", sim.restart)
        add("&Motion", "Reset everything", "Shift+R", self.reset_all)
        add("&Joint", "Next joint", "N", lambda: self.cycle_joint(1))
        add("&Joint", "Previous joint", "Shift+N", lambda: self.cycle_joint(-1))
        add("&Joint", "Toggle stiff / normal joint", "L", self.controls.toggle_stiff)
        add("&View", "Compare: all grades → normal vs stiff → off", "C", lecture.cycle_compare)
        add("&View", "Hide / show all labels", "H", lecture.toggle_labels)
        add("&Quiz", "Class quiz: mystery grade (labels hidden)", "Q", self.class_quiz_pick)
        add("&Quiz", "Class quiz: reveal the answer", "A", self.class_quiz_reveal)

    # ------------------------------------------------------------ commands
    def cycle_joint(self, step: int) -> None:
        ids = self.library.ids
        i = ids.index(self.sim.joint.id)
        self.sim.set_joint(self.library.get(ids[(i + step) % len(ids)]))

    def step_once(self) -> None:
        if self.sim.playing:
            return
        self.sim.step_manual()
        self.render()
        self.refresh_readouts()

    def reset_all(self) -> None:
        self.lecture.reset()
        self.sim.reset_all()

    def class_quiz_pick(self) -> None:
        """Q: hide every label and the band, and play a random grade for the class."""
        grade = self.class_quiz.pick(showing=self.sim.grade)
        self.sim.set_grade(grade)
        self.lecture.start_mystery()

    def class_quiz_reveal(self) -> None:
        """A: the grade, its band and the explanation the self-test quiz gives."""
        if not self.lecture.mystery:
            return
        headline, explanation = self.class_quiz.reveal(self.sim.band, self.sim.condition)
        self.lecture.reveal(f"{headline} {explanation}")

    def export_gif(self) -> None:
        from mobsim.ui.export_dialogs import export_gif_dialog

        self.exporting = True
        self.moving_changed.emit()
        try:
            export_gif_dialog(self, self.widget.window())
        finally:
            self.exporting = False
            self.moving_changed.emit()

    def export_csv(self) -> None:
        from mobsim.ui.export_dialogs import export_csv_dialog

        export_csv_dialog(self, self.widget.window())

    # ------------------------------------------------------------ events
    def _scene_event(self) -> None:
        self.lecture.scene_changed()  # a reveal belongs to the scene it named
        if self.active:
            self.on_scene()

    def _playback_event(self) -> None:
        self.moving_changed.emit()
        if self.active:
            self.on_playback()

    def _lecture_event(self) -> None:
        if self.active:
            self.on_lecture()

    def activate(self) -> None:
        self.active = True
        self.on_scene()
        self.on_playback()
        self.render()

    def deactivate(self) -> None:
        self.active = False

    def on_scene(self) -> None:
        """Rebuild what depends on joint, condition, grade, convention or frequency."""

    def on_playback(self) -> None:
        """Play, pause or speed changed: only what shows them (never the drawings)."""

    def on_lecture(self) -> None:
        """Labels hidden, mystery, reveal or compare mode changed."""
        self.on_scene()

    # ------------------------------------------------------------ clock
    def is_moving(self) -> bool:
        return self.sim.playing and not self.exporting

    def step(self, dt: float) -> None:
        self.sim.step(dt)

    def render_frame(self) -> None:  # the name the exports use
        self.render()

    def refresh_readouts(self) -> None:
        """Bring any text read-outs up to this frame."""

    def advance(self, seconds: float, fps: float = 60.0) -> None:
        dt = 1.0 / fps
        for _ in range(int(round(seconds * fps))):
            self.sim.step(dt)
            self.render()
        self.refresh_readouts()
