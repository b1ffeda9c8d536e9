"""The accessory screen: a glide or traction in mm, graded Maitland I–V or Kaltenborn I–III.

Model: `AccessoryDemo` (Qt-free). View: `AccessoryStage` (magnified joint, movement
diagram in mm, force–displacement for spinal PA, live trace, compare). Keys follow
the explore screen: 1–5 (1–3 in Kaltenborn), Space, S, H, C.
"""

from __future__ import annotations

import time

from mobsim.model.accessory_demo import KALTENBORN, AccessoryDemo
from mobsim.model.grades import Grade
from mobsim.model.kaltenborn import KaltenbornGrade
from mobsim.quiz import accessory as quiz
from mobsim.quiz.levels import Level
from mobsim.quiz.store import DEFAULT_PROFILE, Attempt
from mobsim.ui.screens import SCREENS
from mobsim.ui.screens.base import Screen, ScreenContext
from mobsim.ui.theme import Theme
from mobsim.ui.widgets.accessory_stage import AccessoryStage

DEFAULT_TECHNIQUE = "knee-posterior-glide"


def demo_from(context: ScreenContext) -> AccessoryDemo:
    """The start-up technique and grade (from the command line), else a knee glide."""
    scene = context.options.get("accessory")
    if scene is not None:
        return AccessoryDemo(
            scene.technique,
            scene.condition,
            scene.grading,
            scene.choice or Grade.I,
            scene.kaltenborn or KaltenbornGrade.I,
            scene.convention,
            scene.frequency,
        )
    techniques = context.library.techniques
    if not techniques:
        raise RuntimeError("no accessory technique presets could be loaded")
    technique = techniques.get(DEFAULT_TECHNIQUE) or next(iter(techniques.values()))
    return AccessoryDemo(technique, convention=context.sim.convention)


class AccessoryScreen(Screen):
    name = "accessory"
    title = SCREENS["accessory"]

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(context, parent)
        self.demo = demo_from(context)
        self.view = AccessoryStage(self.demo, context.library, self.theme)
        self.widget = self.view
        self.active = False
        self.question: quiz.AccessoryQuestion | None = None
        self._deck: quiz.AccessoryDeck | None = None
        self._seed = context.options.get("quiz", {}).get("seed")  # None: a fresh draw
        self._session: int | None = None
        self._asked_at = 0.0
        self._declare_actions()
        self.demo.subscribe(self._scene_event)
        self.demo.subscribe(self._playback_event, playback=True)

    def _declare_actions(self) -> None:
        demo, add = self.demo, self.action
        for number in range(1, 6):
            add(
                "&Grade",
                f"Grade {Grade(number).label}",
                str(number),
                lambda n=number: self.grade_key(n),
            )
        add("&Grade", "Maitland / Kaltenborn grades", "K", demo.toggle_grading)
        add("&Motion", "Play / pause", "Space", demo.toggle_playing)
        add("&Motion", "Slow motion ×¼", "S", demo.toggle_slow)
        add("&Joint", "Next technique", "N", lambda: self.cycle_technique(1))
        add("&Joint", "Previous technique", "Shift+N", lambda: self.cycle_technique(-1))
        add("&View", "Compare: the glide and the motion it serves", "C", demo.toggle_compare)
        add("&View", "Hide / show all labels", "H", demo.toggle_labels)
        add("&View", "Resistance: toe region / classic R1", "T", demo.toggle_resistance_model)
        add("&Quiz", "Self-test: name a performed grade (labels hidden)", "Q", self.ask)

    # ------------------------------------------------------------ self-test
    def ask(self) -> None:
        """Q: a performed grade on a random technique, in the current grade system."""
        kind = quiz.KALTENBORN if self.demo.is_kaltenborn else quiz.ACCESSORY
        if self._deck is None or self._deck.grading != kind:
            level = Level.parse(self.context.options.get("quiz", {}).get("level") or "basic")
            techniques = self.context.library.techniques.values()
            self._deck = quiz.AccessoryDeck(techniques, kind, level, seed=self._seed)
        self.question = self._deck.draw()
        self._asked_at = time.perf_counter()
        self.view.feedback = ""
        q = self.question
        self.demo.play_performance(
            q.technique, q.condition, q.grading, q.motion, q.choice, q.convention
        )

    def grade_key(self, number: int) -> None:
        """1–5: answer the open question, or show that grade."""
        if self.question is None or not self.demo.mystery:
            self.question = None
            self.view.feedback = ""
            self.demo.set_grade(number)
            return
        if number > len(self.question.choices):
            return
        chosen = self.question.choices[number - 1]
        feedback = quiz.explain_accessory(self.question, chosen)
        self._remember(chosen, feedback.correct)
        self.view.feedback = f"{feedback.headline} {feedback.explanation}"
        self.status.emit(feedback.headline)
        self.demo.reveal()

    def _remember(self, chosen: str, correct: bool) -> None:
        """Every answer goes to the history, kept apart by kind (accessory, kaltenborn)."""
        q = self.question
        try:
            store = self.context.history()
            if self._session is None:
                self._session = store.start_session(DEFAULT_PROFILE, q.level.value, "quartile")
            ms = int(1000 * (time.perf_counter() - self._asked_at))
            c = q.condition
            attempt = Attempt(
                DEFAULT_PROFILE,
                q.level.value,
                q.technique.id,
                c.available_limit,
                c.resistance_onset,
                "quartile",
                q.answer,
                chosen,
                correct,
                ms,
                q.seed,
                kind=q.kind,
            )
            store.record(self._session, attempt)
        except Exception as exc:  # the history must never stop the lecture
            self.status.emit(f"answer not saved: {exc}")

    def cycle_technique(self, step: int) -> None:
        ids = list(self.context.library.techniques)
        i = ids.index(self.demo.technique.id)
        self.demo.set_technique(self.context.library.techniques[ids[(i + step) % len(ids)]])

    # ------------------------------------------------------------ events
    def _scene_event(self) -> None:
        if self.active:
            self.view.rebuild()
            self.render()
        self.status.emit(f"{self.demo.technique.name}: {self.demo.grade_label}")

    def _playback_event(self) -> None:
        self.view.glide.refresh_readout()  # paused: the read-out shows the exact value
        self.moving_changed.emit()

    def activate(self) -> None:
        self.active = True
        self.view.rebuild()
        self.render()

    def deactivate(self) -> None:
        self.active = False

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        self.view.apply_theme(theme)

    def close(self) -> None:
        self.demo.unsubscribe(self._scene_event)
        self.demo.unsubscribe(self._playback_event)

    # ------------------------------------------------------------ clock
    def is_moving(self) -> bool:
        return self.demo.playing

    def step(self, dt: float) -> None:
        self.demo.step(dt)

    def render(self) -> None:
        self.view.render()

    @property
    def kaltenborn(self) -> bool:
        return self.demo.grading == KALTENBORN


SCREEN = AccessoryScreen
