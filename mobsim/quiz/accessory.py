"""Accessory recognition questions: a glide (mm) performed in a Maitland or Kaltenborn grade.

Built like the angular questions (mobsim.quiz.questions): a pure function of
(technique, grade, seed, level); every Maitland cycle lies inside the grade's
definition (mobsim.model.definitions, which works in fractions of A–L and so in
mm too), and every Kaltenborn hold inside its region (mobsim.model.kaltenborn).
Feedback names the cue in mm. History keeps these apart by kind.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mobsim.model.accessory import AccessoryTechnique, accessory_band, condition_for
from mobsim.model.definitions import Rulebook
from mobsim.model.grades import Band, Grade, GradeChoice
from mobsim.model.joints import Condition
from mobsim.model.kaltenborn import (
    KaltenbornGrade,
    SustainedHold,
    Zones,
    hold_region,
    kaltenborn_band,
    target,
)
from mobsim.model.motion import Motion, Oscillation, Thrust
from mobsim.quiz.feedback import Cue, Feedback, cue_between
from mobsim.quiz.levels import LEVELS, Level, LevelSpec
from mobsim.quiz.questions import CYCLES, perform_cycles

ACCESSORY = "accessory"  # history kind: Maitland grades on accessory techniques
KALTENBORN = "kaltenborn"  # history kind: Kaltenborn grades
# No tempo cue (DOMAIN part 0, R2): one frequency range shared by grades I–IV.
FREQUENCY_RANGE = (0.7, 2.5)
# Grade V: the thrust excursion varies by this share of the technique's thrust.
THRUST_SHARE = (0.8, 1.0)
# Kaltenborn: a performer's hold wanders this much (CV) around the grade's target;
# hold and rest times vary too (seconds).
HOLD_CV = 0.10
HOLD_S = (4.0, 7.0)
REST_S = (1.5, 3.0)
TRIES = 200


@dataclass(frozen=True, eq=False)
class AccessoryQuestion:
    seed: int
    level: Level
    technique: AccessoryTechnique
    condition: Condition
    grading: str  # ACCESSORY (Maitland) or KALTENBORN
    answer: str  # "IV", or "III" for Kaltenborn III
    motion: Motion
    frequency_hz: float | None

    @property
    def kind(self) -> str:
        return self.grading

    @property
    def choices(self) -> tuple[str, ...]:
        if self.grading == KALTENBORN:
            return tuple(g.label for g in KaltenbornGrade)
        return tuple(g.label for g in Grade)

    def samples(self, seconds: float = 12.0, rate: float = 100.0):
        t = np.arange(int(round(seconds * rate)) + 1) / rate
        return t, self.motion.angle(t)

    def record(self, seconds: float = 12.0, rate: float = 100.0) -> dict:
        """The question as `--export-quiz` writes it, with translation_mm for angle_deg."""
        t, mm = self.samples(seconds, rate)
        c = self.condition
        return {
            "kind": self.grading,
            "joint": self.technique.id,
            "grade": self.answer,
            "grading": "kaltenborn" if self.grading == KALTENBORN else "maitland",
            "start_mm": c.start,
            "normal_end_mm": c.normal_end,
            "limit_mm": c.available_limit,
            "resistance_onset_mm": c.resistance_onset,
            "pain_onset_mm": c.pain_onset,
            "frequency_hz": self.frequency_hz,
            "time_s": [round(float(x), 4) for x in t],
            "translation_mm": [round(float(x), 4) for x in mm],
        }


def _condition(technique: AccessoryTechnique, spec: LevelSpec, rng) -> Condition:
    if spec.limit_fraction is None:
        return technique.normal_condition()
    lo, hi = spec.limit_fraction
    return condition_for(technique, float(rng.uniform(lo, hi)) * technique.available_mm)


def perform_maitland(
    technique: AccessoryTechnique, choice: GradeChoice, seed: int, level: Level = Level.BASIC
) -> AccessoryQuestion:
    """A Maitland grade on a technique, performed with the level's variation."""
    spec = LEVELS[level]
    rng = np.random.default_rng(seed)
    condition = _condition(technique, spec, rng)
    nominal = accessory_band(choice, technique, condition, spec.convention)
    common = dict(seed=seed, level=level, technique=technique, condition=condition)
    if choice.grade.is_thrust:
        peak = nominal.low + rng.uniform(*THRUST_SHARE) * nominal.amplitude
        motion = Thrust(nominal.low, float(peak), float(rng.uniform(2.0, 3.0)))
        return AccessoryQuestion(
            **common, grading=ACCESSORY, answer=choice.label, motion=motion, frequency_hz=None
        )
    rules = Rulebook(condition, spec.convention, spec.modifiers, technique.margin)
    frac = (nominal.low_fraction, nominal.high_fraction)
    lows, highs = perform_cycles(rng, rules.definition(choice), frac, spec, CYCLES)
    span = condition.available_range
    frequency = float(rng.uniform(*FREQUENCY_RANGE))
    motion = Oscillation(condition.start + lows * span, condition.start + highs * span, frequency)
    return AccessoryQuestion(
        **common, grading=ACCESSORY, answer=choice.label, motion=motion, frequency_hz=frequency
    )


def perform_kaltenborn(
    technique: AccessoryTechnique, grade: KaltenbornGrade, seed: int, level: Level = Level.BASIC
) -> AccessoryQuestion:
    """A Kaltenborn hold: its level wanders around the grade's target, inside its region."""
    spec = LEVELS[level]
    rng = np.random.default_rng(seed)
    condition = _condition(technique, spec, rng)
    zones = Zones.of(condition)
    lo, hi = hold_region(grade, zones)
    aim = target(grade, zones)
    hold = aim
    for _ in range(TRIES):
        draw = aim * (1.0 + HOLD_CV * rng.standard_normal())
        if lo <= draw <= hi:
            hold = draw
            break
    rest = kaltenborn_band(grade, condition).low
    motion = SustainedHold(
        min(rest, hold),
        float(hold),
        hold_s=float(rng.uniform(*HOLD_S)),
        rest_s=float(rng.uniform(*REST_S)),
    )
    return AccessoryQuestion(
        seed=seed,
        level=level,
        technique=technique,
        condition=condition,
        grading=KALTENBORN,
        answer=grade.label,
        motion=motion,
        frequency_hz=None,
    )


# ------------------------------------------------------------------ feedback


def explain_accessory(question: AccessoryQuestion, chosen: str) -> Feedback:
    """Right or wrong, and the cue, in mm."""
    if question.grading == KALTENBORN:
        return _explain_kaltenborn(question, KaltenbornGrade.parse(chosen))
    true, picked = GradeChoice.parse(question.answer), GradeChoice.parse(chosen)
    band = accessory_band(true, question.technique, question.condition)
    where = _where_mm(true, band, question.technique)
    cue = cue_between(true, picked)
    if cue is Cue.NONE:
        return Feedback(True, f"Right: grade {true.display}.", where, str(cue))
    lead = {
        Cue.AMPLITUDE: "The cue is amplitude (how many mm each oscillation covers)",
        Cue.POSITION: "The cue is position: where in the available translation it oscillates",
        Cue.BOTH: "Amplitude and position both differ",
        Cue.THRUST: "The cue is the thrust: V is one quick push from L just past it",
        Cue.DEPTH: "The cue is depth into resistance",
    }[cue]
    return Feedback(
        False,
        f"Not quite: this was grade {true.display}, not {picked.display}.",
        f"{where} {lead}.",
        str(cue),
    )


def _where_mm(true: GradeChoice, band: Band, technique: AccessoryTechnique) -> str:
    if true.grade.is_thrust:
        return (
            f"Grade V went from L = {band.low:.2f} mm to {band.high:.2f} mm: a thrust "
            f"{band.amplitude:.2f} mm past the end of the available translation."
        )
    return (
        f"Grade {true.display} here runs {band.low:.2f}–{band.high:.2f} mm of the "
        f"{band.limit:.2f} mm available ({technique.description})."
    )


_K_LOOKS = {
    KaltenbornGrade.I: "I loosens: held in the slack zone, with no appreciable separation",
    KaltenbornGrade.II: "II tightens: held at the first stop, the slack taken up",
    KaltenbornGrade.III: "III stretches: held past the first stop, inside the transition zone",
}


def _explain_kaltenborn(question: AccessoryQuestion, chosen: KaltenbornGrade) -> Feedback:
    true = KaltenbornGrade.parse(question.answer)
    zones = Zones.of(question.condition)
    held = float(question.motion.high)
    where = (
        f"The hold was at {held:.2f} mm; the first stop is at {zones.first_stop:.2f} mm "
        f"and the second stop at {zones.second_stop:.2f} mm."
    )
    cue = "where the hold sits against the first stop"
    if chosen is true:
        return Feedback(True, f"Right: Kaltenborn {true.label}.", f"{where} {_K_LOOKS[true]}.", "")
    return Feedback(
        False,
        f"Not quite: this was Kaltenborn {true.label}, not {chosen.label}.",
        f"{where} The cue is {cue}: {_K_LOOKS[true]}; {_K_LOOKS[chosen]}.",
        cue,
    )


class AccessoryDeck:
    """Draws accessory questions: technique and grade evenly, never the same twice running."""

    def __init__(self, techniques, grading: str = ACCESSORY, level: Level = Level.BASIC, seed=None):
        if not techniques:
            raise ValueError("no accessory technique presets loaded")
        self.techniques = list(techniques)
        self.grading = grading
        self.level = level
        self._rng = np.random.default_rng(seed)
        self._last: tuple[str, str] | None = None

    def _grades(self) -> list:
        return list(KaltenbornGrade) if self.grading == KALTENBORN else list(Grade)

    def draw(self) -> AccessoryQuestion:
        while True:
            technique = self.techniques[int(self._rng.integers(len(self.techniques)))]
            grades = self._grades()
            grade = grades[int(self._rng.integers(len(grades)))]
            if (technique.id, grade.label) != self._last or len(self.techniques) == 1:
                break
        self._last = (technique.id, grade.label)
        seed = int(self._rng.integers(2**62))
        if self.grading == KALTENBORN:
            return perform_kaltenborn(technique, grade, seed, self.level)
        return perform_maitland(technique, GradeChoice(grade), seed, self.level)
