"""The accessory screen's model: one technique, its grade, and the simulated clock.

Qt-free. Views poll `translation` and `band` each frame; `subscribe()` tells them
when a setting (not the clock) changed. Motion is a function of simulated time, and
a grade or technique change eases to the new motion (nothing teleports).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from mobsim.model.accessory import (
    AccessoryTechnique,
    ResistanceModel,
    accessory_band,
    condition_for,
    held_force,
)
from mobsim.model.grades import Band, Convention, Grade, GradeChoice
from mobsim.model.joints import Condition
from mobsim.model.kaltenborn import KaltenbornBand, KaltenbornGrade, kaltenborn_band
from mobsim.model.kaltenborn import motion_for as kaltenborn_motion
from mobsim.model.motion import Blend, Hold, Motion, Shifted, motion_for

MAITLAND = "maitland"
KALTENBORN = "kaltenborn"
MAX_DT = 0.1  # a stalled frame never jumps the motion (capped before the speed factor)
SPEEDS = (1.0, 0.25)


class AccessoryDemo:
    """Technique, condition, grade system and grade, speed, play state and clock."""

    def __init__(
        self,
        technique: AccessoryTechnique,
        condition: Condition | None = None,
        grading: str = MAITLAND,
        choice: GradeChoice | Grade = Grade.I,
        kaltenborn: KaltenbornGrade = KaltenbornGrade.I,
        convention: Convention = Convention.QUARTILE,
        frequency: float | None = None,
    ):
        self._listeners: list[Callable[[], None]] = []
        self._playback_listeners: list[Callable[[], None]] = []
        self.technique = technique
        self.condition = condition or technique.normal_condition()
        self.grading = grading
        self.choice = GradeChoice(choice) if isinstance(choice, Grade) else choice
        self.kaltenborn = kaltenborn
        self.convention = convention
        self.frequency = frequency
        self.resistance_model = ResistanceModel.TOE_REGION
        self.labels_visible = True
        self.compare = False
        self.mystery = False  # a performed grade to name: band and grade hidden
        self.speed = SPEEDS[0]
        self.playing = True
        self.time = 0.0
        self._motion: Motion = self._steady(0.0)

    # ------------------------------------------------------------ events
    def subscribe(self, callback: Callable[[], None], playback: bool = False) -> None:
        """Scene events (technique, grade, labels, compare) or, with playback=True,
        play/pause and speed: a key press never rebuilds what it does not affect."""
        (self._playback_listeners if playback else self._listeners).append(callback)

    def unsubscribe(self, callback: Callable[[], None]) -> None:
        for listeners in (self._listeners, self._playback_listeners):
            if callback in listeners:
                listeners.remove(callback)

    def _changed(self) -> None:
        for callback in list(self._listeners):
            callback()

    def _playback_changed(self) -> None:
        for callback in list(self._playback_listeners):
            callback()

    # ------------------------------------------------------------ what is shown
    @property
    def is_kaltenborn(self) -> bool:
        return self.grading == KALTENBORN

    @property
    def band(self) -> Band | KaltenbornBand:
        if self.is_kaltenborn:
            return kaltenborn_band(self.kaltenborn, self.condition)
        return accessory_band(self.choice, self.technique, self.condition, self.convention)

    @property
    def grade_label(self) -> str:
        if self.is_kaltenborn:
            return f"Kaltenborn {self.kaltenborn.label}: {self.kaltenborn.title}"
        return f"Grade {self.choice.display}"

    @property
    def grade_count(self) -> int:
        return len(KaltenbornGrade) if self.is_kaltenborn else len(Grade)

    @property
    def translation(self) -> float:
        """Where the moving bone is now, in mm from the resting position A."""
        return float(self._motion.angle(np.array([self.time]))[0])

    @property
    def force(self) -> float | None:
        return self.force_at(self.translation)

    def force_at(self, translation_mm: float) -> float | None:
        """The force for a translation (spinal PA), None where no force is modelled."""
        return held_force(self.technique, translation_mm, self.condition)

    @property
    def limit(self) -> float:
        return self.condition.available_limit

    # ------------------------------------------------------------ settings
    def set_grade(self, number: int) -> None:
        """Keys 1–5 (Maitland) or 1–3 (Kaltenborn); other numbers are ignored."""
        if not 1 <= number <= self.grade_count:
            return
        if self.is_kaltenborn:
            self.kaltenborn = KaltenbornGrade(number)
        else:
            self.choice = GradeChoice(Grade(number))
        self._ease()

    def set_grading(self, grading: str) -> None:
        self.grading = KALTENBORN if grading == KALTENBORN else MAITLAND
        self._ease()

    def toggle_grading(self) -> None:
        self.set_grading(MAITLAND if self.is_kaltenborn else KALTENBORN)

    def set_technique(self, technique: AccessoryTechnique) -> None:
        self.technique = technique
        self.condition = condition_for(technique)
        self._ease()

    def set_condition(self, condition: Condition) -> None:
        self.condition = condition
        self._ease()

    def toggle_resistance_model(self) -> None:
        classic = self.resistance_model is ResistanceModel.CLASSIC
        self.resistance_model = ResistanceModel.TOE_REGION if classic else ResistanceModel.CLASSIC
        self._changed()

    def toggle_labels(self) -> None:
        self.labels_visible = not self.labels_visible
        self._changed()

    def toggle_compare(self) -> None:
        self.compare = not self.compare
        self._changed()

    # ------------------------------------------------------------ self-test
    def play_performance(
        self,
        technique: AccessoryTechnique,
        condition: Condition,
        grading: str,
        motion: Motion,
        answer: GradeChoice | KaltenbornGrade | None = None,
        convention: Convention | None = None,
    ) -> None:
        """Show someone's performance of an unnamed grade (a quiz question). With the
        `answer` (and the question's `convention`), `band` is that grade's once revealed."""
        self.technique, self.condition = technique, condition
        self.grading = KALTENBORN if grading == KALTENBORN else MAITLAND
        if isinstance(answer, KaltenbornGrade):
            self.kaltenborn = answer
        elif answer is not None:
            self.choice = answer
        if convention is not None:
            self.convention = convention
        self.compare = False
        self.mystery = True
        self._motion = Blend(Hold(self.translation), Shifted(motion, self.time), self.time)
        self._changed()

    def reveal(self) -> None:
        """The answer is in: show the band and the grade again (the motion plays on)."""
        self.mystery = False
        self._changed()

    # ------------------------------------------------------------ clock
    def toggle_playing(self) -> None:
        self.playing = not self.playing
        self._playback_changed()

    def toggle_slow(self) -> None:
        self.speed = SPEEDS[1] if self.speed == SPEEDS[0] else SPEEDS[0]
        self._playback_changed()

    def step(self, dt: float) -> None:
        if self.playing:
            self.time += min(max(dt, 0.0), MAX_DT) * self.speed

    def _steady(self, origin: float) -> Motion:
        grade_band = self.band
        if self.is_kaltenborn:
            return Shifted(kaltenborn_motion(grade_band), origin)
        return Shifted(motion_for(grade_band, self.frequency), origin)

    def _ease(self) -> None:
        self.mystery = False
        here = Hold(self.translation)
        self._motion = Blend(here, self._steady(self.time), self.time)
        self._changed()
