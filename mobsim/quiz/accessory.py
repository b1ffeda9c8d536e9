"""Accessory recognition questions: a glide (mm) performed in a Maitland or Kaltenborn grade.

Built like the angular questions (mobsim.quiz.questions): a pure function of
(technique, grade, seed, level); every Maitland cycle lies inside the grade's
definition (mobsim.model.definitions, which works in fractions of A–L and so in
mm too), and every Kaltenborn hold inside its region (mobsim.model.kaltenborn).
Feedback names the cue in mm. History keeps these apart by kind.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from mobsim.model.accessory import (
    MIN_TOE_END_FRACTION,
    AccessoryTechnique,
    accessory_band,
    condition_for,
)
from mobsim.model.definitions import Rulebook
from mobsim.model.grades import Band, Convention, Grade, GradeChoice
from mobsim.model.joints import Condition
from mobsim.model.kaltenborn import (
    KaltenbornBand,
    KaltenbornGrade,
    SustainedHold,
    Zones,
    hold_region,
    kaltenborn_band,
    target,
)
from mobsim.model.markers import Marker, labels
from mobsim.model.motion import Motion, Oscillation, Thrust
from mobsim.quiz.feedback import MM, Feedback, WatchedCycles, explain
from mobsim.quiz.levels import LEVELS, Level, LevelSpec
from mobsim.quiz.questions import CYCLES, QUIZ_FREQUENCY_RANGE, SEED_LIMIT, perform_cycles

ACCESSORY = "accessory"  # history kind: Maitland grades on accessory techniques
KALTENBORN = "kaltenborn"  # history kind: Kaltenborn grades
GLIDE_KINDS = (ACCESSORY, KALTENBORN)
# No tempo cue (R2 of the quiz rules): the angular questions' one frequency range,
# shared by grades I–IV, serves the glides too.
FREQUENCY_RANGE = QUIZ_FREQUENCY_RANGE
# Grade V: the thrust excursion varies by this share of the technique's thrust.
THRUST_SHARE = (0.8, 1.0)
# Kaltenborn: a performer's hold wanders this much (CV) around the grade's target;
# hold and rest times vary too (seconds), from one range shared by I–III.
HOLD_CV = 0.10
HOLD_S = (4.0, 7.0)
REST_S = (1.5, 3.0)
TRIES = 200
# The end of the toe region (R1, Kaltenborn's first stop) is drawn per question
# from the level's R1 range, but never before the accessory model's minimum share
# of L (room for I–II in the toe region).
# Kaltenborn questions always mark the first and second stop (R1 and L) and A:
# the zones are the cue, and a student cannot judge a hold against unmarked zones.
KALTENBORN_MARKERS = frozenset({Marker.A, Marker.R1, Marker.L})


def toe_fraction_range(spec: LevelSpec) -> tuple[float, float]:
    """R1 (end of the toe region) as a share of A–L, drawn per accessory question."""
    lo, hi = spec.resistance_fraction
    return max(lo, MIN_TOE_END_FRACTION), max(hi, MIN_TOE_END_FRACTION + 0.05)


@dataclass(frozen=True, eq=False)
class AccessoryQuestion:
    seed: int
    level: Level
    technique: AccessoryTechnique
    condition: Condition
    grading: str  # ACCESSORY (Maitland) or KALTENBORN
    answer: str  # "IV", "IV+", or "III" for Kaltenborn III
    motion: Motion
    frequency_hz: float | None
    convention: Convention = Convention.QUARTILE
    modifiers: bool = False
    markers: frozenset[Marker] = KALTENBORN_MARKERS

    @property
    def kind(self) -> str:
        return self.grading

    @property
    def is_kaltenborn(self) -> bool:
        return self.grading == KALTENBORN

    @property
    def item(self) -> tuple[str, str, str]:
        """What was asked (never asked twice in a row): kind, technique, grade."""
        return (self.grading, self.technique.id, self.answer)

    @property
    def choice(self) -> GradeChoice | KaltenbornGrade:
        if self.is_kaltenborn:
            return KaltenbornGrade.parse(self.answer)
        return GradeChoice.parse(self.answer)

    @property
    def choices(self) -> tuple[str, ...]:
        if self.is_kaltenborn:
            return tuple(g.label for g in KaltenbornGrade)
        return tuple(g.label for g in Grade)

    def band(self) -> Band | KaltenbornBand:
        """The nominal band: what the view reveals after the answer."""
        if self.is_kaltenborn:
            return kaltenborn_band(self.choice, self.condition)
        return accessory_band(self.choice, self.technique, self.condition, self.convention)

    def watched(self) -> WatchedCycles:
        """What the performer did, in mm: cycles, the thrust, or the hold and its release."""
        m = self.motion
        if isinstance(m, Oscillation):
            return WatchedCycles(tuple(map(float, m.lows)), tuple(map(float, m.highs)))
        if isinstance(m, Thrust):
            return WatchedCycles((float(m.start),), (float(m.peak),), thrust=True)
        return WatchedCycles((float(m.low),), (float(m.high),))

    def samples(self, seconds: float = 12.0, rate: float = 100.0):
        t = np.arange(int(round(seconds * rate)) + 1) / rate
        return t, self.motion.angle(t)

    def record(self, seconds: float = 12.0, rate: float = 100.0) -> dict:
        """The question as `--export-quiz` writes it: the angular line's fields, in mm
        (`*_mm`, `translation_mm` for `*_deg`, `angle_deg`), plus kind and grading."""
        t, mm = self.samples(seconds, rate)
        c = self.condition
        hold = self.motion if isinstance(self.motion, SustainedHold) else None
        return {
            "kind": self.grading,
            "joint": self.technique.id,
            "grade": self.answer,
            "grading": "kaltenborn" if self.is_kaltenborn else "maitland",
            "convention": None if self.is_kaltenborn else self.convention.value,
            "unit": "mm",
            "start_mm": c.start,
            "normal_end_mm": c.normal_end,
            "limit_mm": c.available_limit,
            "resistance_onset_mm": c.resistance_onset,
            "pain_onset_mm": c.pain_onset,
            "limiting_factor": c.limiting_factor.value,
            "markers": labels(self.markers),
            "frequency_hz": self.frequency_hz,
            "hold_s": None if hold is None else hold.hold_s,
            "rest_s": None if hold is None else hold.rest_s,
            "time_s": [round(float(x), 4) for x in t],
            "translation_mm": [round(float(x), 4) for x in mm],
            "level": self.level.value,
            "seed": self.seed,
        }


def glide_condition(technique: AccessoryTechnique, spec: LevelSpec, rng) -> Condition:
    """L from the level (normal or stiff) and R1, the end of the toe region, per question."""
    lim = technique.available_mm
    if spec.limit_fraction is not None:
        lo, hi = spec.limit_fraction
        lim = _hundredths(float(rng.uniform(lo, hi)) * technique.available_mm)
    r_lo, r_hi = toe_fraction_range(spec)
    return condition_for(technique, lim, _hundredths(float(rng.uniform(r_lo, r_hi)) * lim))


def _hundredths(mm: float) -> float:
    """Up to the next 0.01 mm: a read-out shows it exactly, and a lower bound still holds."""
    return math.ceil(round(mm * 100, 6)) / 100


def perform_maitland(
    technique: AccessoryTechnique,
    choice: GradeChoice,
    seed: int,
    level: Level | LevelSpec = Level.BASIC,
) -> AccessoryQuestion:
    """A Maitland grade on a technique, performed with the level's variation."""
    spec = LEVELS[level] if isinstance(level, Level) else level
    rng = np.random.default_rng(seed)
    condition = glide_condition(technique, spec, rng)
    nominal = accessory_band(choice, technique, condition, spec.convention)
    common = dict(
        seed=seed,
        level=spec.level,
        technique=technique,
        condition=condition,
        grading=ACCESSORY,
        answer=choice.label,
        convention=spec.convention,
        modifiers=spec.modifiers,
        markers=spec.markers,
    )
    if choice.grade.is_thrust:
        peak = nominal.low + rng.uniform(*THRUST_SHARE) * nominal.amplitude
        motion = Thrust(nominal.low, float(peak), float(rng.uniform(2.0, 3.0)))
        return AccessoryQuestion(**common, motion=motion, frequency_hz=None)
    rules = Rulebook(condition, spec.convention, spec.modifiers, technique.margin)
    frac = (nominal.low_fraction, nominal.high_fraction)
    lows, highs = perform_cycles(rng, rules.definition(choice), frac, spec, CYCLES)
    span = condition.available_range
    frequency = float(rng.uniform(*FREQUENCY_RANGE))
    motion = Oscillation(condition.start + lows * span, condition.start + highs * span, frequency)
    return AccessoryQuestion(**common, motion=motion, frequency_hz=frequency)


def perform_kaltenborn(
    technique: AccessoryTechnique,
    grade: KaltenbornGrade,
    seed: int,
    level: Level | LevelSpec = Level.BASIC,
) -> AccessoryQuestion:
    """A Kaltenborn hold: its level wanders around the grade's target, inside its region."""
    spec = LEVELS[level] if isinstance(level, Level) else level
    rng = np.random.default_rng(seed)
    condition = glide_condition(technique, spec, rng)
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
        level=spec.level,
        technique=technique,
        condition=condition,
        grading=KALTENBORN,
        answer=grade.label,
        motion=motion,
        frequency_hz=None,
        markers=KALTENBORN_MARKERS,
    )


# ------------------------------------------------------------------ feedback


def explain_accessory(question: AccessoryQuestion, chosen: str) -> Feedback:
    """Right or wrong, and the cue: in mm for Maitland (the angular quiz's own wording,
    mobsim.quiz.feedback), the zones for Kaltenborn."""
    if question.is_kaltenborn:
        return _explain_kaltenborn(question, KaltenbornGrade.parse(chosen))
    return explain(
        question.choice,
        GradeChoice.parse(chosen),
        question.band(),
        question.condition,
        question.watched(),
        unit=MM,
    )


_K_LOOKS = {
    KaltenbornGrade.I: "I loosens: held early in the slack zone, well short of the first "
    "stop (the surfaces barely move; in traction, no appreciable separation)",
    KaltenbornGrade.II: "II tightens: held at the first stop, the slack taken up",
    KaltenbornGrade.III: "III stretches: held past the first stop, inside the transition zone",
}
# What separates two Kaltenborn grades: where the hold sits against the zones.
KALTENBORN_CUE = "position against the zones"


def _explain_kaltenborn(question: AccessoryQuestion, chosen: KaltenbornGrade) -> Feedback:
    true = KaltenbornGrade.parse(question.answer)
    zones = Zones.of(question.condition)
    held = float(question.motion.high)
    where = (
        f"The hold was at {held:.2f} mm; the slack zone runs to the first stop at "
        f"{zones.first_stop:.2f} mm, the transition zone from there to the second stop at "
        f"{zones.second_stop:.2f} mm."
    )
    lo, hi = hold_region(true, zones)
    shown = dict(nominal=(lo, hi), watched=question.watched())
    if chosen is true:
        return Feedback(
            True, f"Right: Kaltenborn {true.label}.", f"{where} {_K_LOOKS[true]}.", "", **shown
        )
    return Feedback(
        False,
        f"Not quite: this was Kaltenborn {true.label}, not {chosen.label}.",
        f"{where} The cue is position against the zones (the speed and the length of the "
        f"hold tell nothing): {_K_LOOKS[true]}; {_K_LOOKS[chosen]}.",
        KALTENBORN_CUE,
        **shown,
    )


class AccessoryDeck:
    """Draws accessory questions: grade by weight (Leitner, as the angular deck), then
    technique and (expert, Maitland) modifier evenly; never the same item twice running."""

    def __init__(
        self,
        techniques,
        grading: str = ACCESSORY,
        level: Level | LevelSpec = Level.BASIC,
        seed=None,
    ):
        if not techniques:
            raise ValueError("no accessory technique presets loaded")
        if grading not in GLIDE_KINDS:
            raise ValueError(f"unknown glide grading {grading!r}: choose {', '.join(GLIDE_KINDS)}")
        self.techniques = list(techniques)
        self.grading = grading
        self.spec = LEVELS[level] if isinstance(level, Level) else level
        self._rng = np.random.default_rng(seed)
        self.last_item: tuple[str, str, str] | None = None

    @property
    def level(self) -> Level:
        return self.spec.level

    def grades(self) -> list[Grade]:
        """The grades this deck asks (as Grade I–III for Kaltenborn I–III)."""
        return list(Grade)[: len(KaltenbornGrade)] if self.grading == KALTENBORN else list(Grade)

    def draw(self, weights: Mapping[Grade, float] | None = None) -> AccessoryQuestion:
        grades = self.grades()
        w = np.array([1.0 if weights is None else max(0.0, weights.get(g, 0.0)) for g in grades])
        if w.sum() <= 0:
            w = np.ones(len(grades))
        grade = grades[int(self._rng.choice(len(grades), p=w / w.sum()))]
        technique = self._pick(self.techniques)
        if self.grading == KALTENBORN:
            answer = KaltenbornGrade(grade.value)
            label = answer.label
        else:
            answer = GradeChoice(grade, self._pick(self.spec.modifiers_for(grade)))
            label = answer.label
        if self.last_item == (self.grading, technique.id, label) and len(self.techniques) > 1:
            technique = self._pick([t for t in self.techniques if t.id != technique.id])
        seed = int(self._rng.integers(SEED_LIMIT))
        if self.grading == KALTENBORN:
            question = perform_kaltenborn(technique, answer, seed, self.spec)
        else:
            question = perform_maitland(technique, answer, seed, self.spec)
        self.last_item = question.item
        return question

    def _pick(self, options):
        return options[int(self._rng.integers(len(options)))]
