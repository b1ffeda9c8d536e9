"""Quiz questions: a joint moving in one grade, "performed" with realistic variation.

A question is a pure function of (joint, grade, seed, level): `perform()` makes it,
and the same arguments make the same question again. `QuestionDeck` chooses what
to ask next (weighted, never the same item twice in a row) and hands out seeds.
Every cycle, and every half-cycle between neighbouring cycles, lies inside the
grade's definition (mobsim.model.definitions), so exactly one answer is right.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from mobsim.model.definitions import Definition, Rulebook
from mobsim.model.grades import Band, Convention, Grade, GradeChoice, band, fraction_band
from mobsim.model.joints import Condition, JointSpec, LimitingFactor
from mobsim.model.library import JointLibrary
from mobsim.model.motion import Motion, Oscillation, Thrust
from mobsim.quiz.feedback import WatchedCycles
from mobsim.quiz.levels import LEVELS, Level, LevelSpec, Marker

# Tempo is no grade cue (Maitland treats rhythm apart from grade; measured knee
# frequencies overlap: III 0.9–1.2 Hz, IV 1.4–2.4 Hz). Every oscillating question,
# whatever its grade or level, draws its frequency from this one range.
QUIZ_FREQUENCY_RANGE = (0.7, 2.5)
# Pain in a question (LevelSpec.pain_share): a pain-limited one has P1 early and
# R1 at least PAIN_BEFORE_R1 of A–L later; a P′ one has P1 after R1.
PAIN_LIMITED_P1 = (0.25, 0.50)
PAIN_BEFORE_R1 = 0.15
# Grade V: rise 80–120 ms (inside the model's 80–150 ms, so its peak acceleration
# stays ≥ 2× the oscillations'), repeated after a preload hold at L.
THRUST_RISE_RANGE_S = (0.08, 0.12)
THRUST_RETURN_RANGE_S = (0.20, 0.30)
THRUST_PERIOD_RANGE_S = (2.0, 3.0)
# Excursion past L: where between the definition's least and most (2–5°).
THRUST_EXCURSION_RANGE = (0.1, 0.9)

# Cycles per question; the motion repeats after them (seamlessly, see Oscillation).
CYCLES = 24
# Rejection sampling: tries for the performer; candidates per cycle, and attempts
# at a whole joined-up sequence of cycles.
PERFORMER_TRIES = 50
ROOMY_PROBES = 6  # of 9: the 3×3 grid of one-step variations (see perform_cycles)
CANDIDATES = 64
CYCLE_ATTEMPTS = 8
SEED_LIMIT = 2**62  # fits SQLite's signed 64-bit INTEGER


@dataclass(frozen=True)
class Item:
    """What a question asks: one joint in one grade. Never asked twice in a row."""

    joint_id: str
    choice: GradeChoice


@dataclass(frozen=True, eq=False)
class Question:
    """Everything needed to show, mark and replay one question.

    `lows`/`highs` are degrees, one per cycle. For grade V they hold the thrust's
    start (L) and peak, and `thrust_*` its timing; `frequency` is then None.
    """

    seed: int
    level: Level
    joint: JointSpec
    condition: Condition
    convention: Convention
    modifiers: bool
    choice: GradeChoice
    frequency: float | None
    lows: np.ndarray
    highs: np.ndarray
    thrust_rise_s: float | None = None
    thrust_return_s: float | None = None
    thrust_period_s: float | None = None
    markers: frozenset[Marker] = field(default_factory=frozenset)

    @property
    def joint_id(self) -> str:
        return self.joint.id

    @property
    def grade(self) -> Grade:
        return self.choice.grade

    @property
    def item(self) -> Item:
        return Item(self.joint.id, self.choice)

    @property
    def is_thrust(self) -> bool:
        return self.grade.is_thrust

    def motion(self) -> Motion:
        """The performed motion, starting at t = 0."""
        if self.is_thrust:
            return Thrust(
                float(self.lows[0]),
                float(self.highs[0]),
                self.thrust_period_s,
                self.thrust_rise_s,
                self.thrust_return_s,
            )
        return Oscillation(self.lows, self.highs, self.frequency)

    def band(self) -> Band:
        """The grade's nominal band: what the view reveals after the answer."""
        return band(self.choice, self.joint, self.condition, self.convention)

    @property
    def rulebook(self) -> Rulebook:
        return Rulebook(self.condition, self.convention, self.modifiers, self.joint.margin)

    def watched(self, seconds: float | None = None) -> WatchedCycles:
        """The cycles a student saw in the first `seconds` (all of them if None)."""
        n = len(self.lows)
        if seconds is not None and not self.is_thrust:
            n = max(1, min(n, math.ceil(seconds * self.frequency)))
        lows = tuple(float(x) for x in self.lows[:n])
        return WatchedCycles(lows, tuple(float(x) for x in self.highs[:n]), self.is_thrust)

    def excursions(self) -> tuple[np.ndarray, np.ndarray]:
        """(low, high) of every half-cycle the student sees: rises and falls."""
        if self.is_thrust:
            return self.lows, self.highs
        return (
            np.concatenate([self.lows, np.roll(self.lows, -1)]),
            np.concatenate([self.highs, self.highs]),
        )


# ---------------------------------------------------------------- performing


def stiff_limit(joint: JointSpec, spec: LevelSpec, rng: np.random.Generator) -> float | None:
    """A whole-degree available limit inside the level's fraction of B, or None (normal)."""
    if spec.limit_fraction is None:
        return None
    lo, hi = spec.limit_fraction
    first = math.ceil(joint.start + lo * joint.normal_range - 1e-9)
    last = math.floor(joint.start + hi * joint.normal_range + 1e-9)
    if last < first:  # a tiny range: no whole degree fits, so use the fraction itself
        return joint.start + rng.uniform(lo, hi) * joint.normal_range
    return float(rng.integers(first, last + 1))


def question_condition(
    joint: JointSpec, spec: LevelSpec, rng: np.random.Generator, grade: Grade
) -> Condition:
    """L, R1 (drawn per question) and, for some oscillations, P1 and the limiting factor."""
    limit = stiff_limit(joint, spec, rng)
    lf = 1.0 if limit is None else (limit - joint.start) / joint.normal_range
    r_lo, r_hi = spec.resistance_fraction
    rf = float(rng.uniform(r_lo, r_hi))
    if grade.is_thrust or rng.random() >= spec.pain_share:
        return Condition.from_fractions(joint, lf, rf)
    if rng.random() < 0.5:  # pain-limited: pain stops the movement before firm resistance
        pf = float(rng.uniform(*PAIN_LIMITED_P1))
        rf = float(rng.uniform(max(r_lo, pf + PAIN_BEFORE_R1), max(r_hi, pf + PAIN_BEFORE_R1)))
        return Condition.from_fractions(joint, lf, min(rf, 1.0), pf, LimitingFactor.PAIN)
    pf = float(rng.uniform(rf, 1.0))  # pain after R1: P′ at L
    return Condition.from_fractions(joint, lf, rf, pf)


def perform(
    joint: JointSpec,
    choice: GradeChoice,
    seed: int,
    spec: LevelSpec | Level = Level.BASIC,
) -> Question:
    """The question for `choice` on `joint`, performed as `seed` dictates."""
    spec = LEVELS[spec] if isinstance(spec, Level) else spec
    rng = np.random.default_rng(seed)
    condition = question_condition(joint, spec, rng, choice.grade)
    rules = Rulebook(condition, spec.convention, spec.modifiers, joint.margin)
    common = dict(
        seed=seed,
        level=spec.level,
        joint=joint,
        condition=condition,
        convention=spec.convention,
        modifiers=spec.modifiers,
        choice=choice,
        markers=spec.markers | ({Marker.P1} if condition.pain_onset is not None else set()),
    )
    start, span = condition.start, condition.available_range
    if choice.grade.is_thrust:
        definition = rules.definition(choice)
        least, most = definition.amplitude
        peak = 1.0 + least + rng.uniform(*THRUST_EXCURSION_RANGE) * (most - least)
        return Question(
            **common,
            frequency=None,
            lows=np.array([condition.available_limit]),
            highs=np.array([start + peak * span]),
            thrust_rise_s=float(rng.uniform(*THRUST_RISE_RANGE_S)),
            thrust_return_s=float(rng.uniform(*THRUST_RETURN_RANGE_S)),
            thrust_period_s=float(rng.uniform(*THRUST_PERIOD_RANGE_S)),
        )
    frequency = float(rng.uniform(*QUIZ_FREQUENCY_RANGE))
    nominal = fraction_band(choice, spec.convention, condition)
    lows, highs = perform_cycles(
        rng, rules.definition(choice), (nominal.low, nominal.high), spec, CYCLES
    )
    return Question(
        **common, frequency=frequency, lows=start + lows * span, highs=start + highs * span
    )


def perform_cycles(
    rng: np.random.Generator,
    definition: Definition,
    nominal: tuple[float, float],
    spec: LevelSpec,
    cycles: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Per-cycle (lows, highs) as fractions of A–L, all inside `definition`.

    III and IV are defined by where they *end*, so their end is what wanders; I and
    II by where they sit, so their centre wanders. Out-of-definition draws are
    redrawn (rejection sampling), so the spread is the variation's, truncated.
    """
    var = spec.variation
    by_end = not definition.choice.grade.is_short_of_onset
    lo_n, hi_n = nominal
    amp_n = hi_n - lo_n
    anchor_n = hi_n if by_end else 0.5 * (lo_n + hi_n)

    def place(anchor, amplitude):
        if by_end:
            return anchor - amplitude, anchor
        return anchor - 0.5 * amplitude, anchor + 0.5 * amplitude

    def roomy(anchor, amp):
        # The performer's typical cycle must fit, and so must the cycles one step
        # (one SD) larger, smaller, further and nearer, on all but one side: a
        # performer wedged in a corner of the region leaves the cycles no room.
        steps = np.array([-1.0, 0.0, 1.0])
        amps = amp * (1.0 + var.amplitude_cv * steps)[:, None]
        anchors = anchor + var.position_sd * amp * steps[None, :]
        inside = definition.admits(*place(anchors, amps))
        return bool(inside[1, 1]) and int(inside.sum()) >= ROOMY_PROBES

    amp_p, anchor_p = amp_n, anchor_n
    for _ in range(PERFORMER_TRIES):
        amp = amp_n * math.exp(rng.normal(0.0, var.performer_amplitude_sd))
        anchor = anchor_n + rng.normal(0.0, var.performer_position_sd) * amp_n
        if roomy(anchor, amp):
            amp_p, anchor_p = amp, anchor
            break

    for _ in range(CYCLE_ATTEMPTS):
        cycles_drawn = _draw_cycles(rng, definition, place, amp_p, anchor_p, var, cycles)
        if cycles_drawn is not None:
            return cycles_drawn
    # No joined-up sequence found (very rare): the performer's band, steady.
    lo_p, hi_p = place(anchor_p, amp_p)
    return np.full(cycles, lo_p), np.full(cycles, hi_p)


def _draw_cycles(rng, definition, place, amp_p, anchor_p, var, cycles):
    """Cycle by cycle, the first candidate whose rise fits and whose fall from the
    previous cycle fits (the last one must also fall back into the first)."""
    shape = (cycles, CANDIDATES)
    amps = amp_p * (1.0 + var.amplitude_cv * rng.standard_normal(shape))
    anchors = anchor_p + var.position_sd * amp_p * rng.standard_normal(shape)
    low_c, high_c = place(anchors, amps)
    rises = definition.admits(low_c, high_c)
    lows = np.empty(cycles)
    highs = np.empty(cycles)
    for k in range(cycles):
        ok = rises[k]
        if k:
            ok = ok & definition.admits(low_c[k], highs[k - 1])
        if k == cycles - 1 and cycles > 1:
            ok = ok & definition.admits(lows[0], high_c[k])
        hit = np.flatnonzero(ok)
        if not len(hit):
            return None
        lows[k], highs[k] = low_c[k, hit[0]], high_c[k, hit[0]]
    return lows, highs


# ---------------------------------------------------------------- choosing


class QuestionDeck:
    """Draws questions for one level: grade by weight, then joint and modifier evenly.

    Seeded and reproducible: the same seed and the same sequence of weights give
    the same questions. The same item (joint + grade) never comes twice in a row.
    """

    def __init__(self, spec: LevelSpec | Level, library: JointLibrary, seed: int | None = None):
        self.spec = LEVELS[spec] if isinstance(spec, Level) else spec
        if not library.joints:
            raise ValueError("no joint presets loaded: the quiz needs at least one")
        self.joints = list(library.joints.values())
        self.seed = secrets.randbelow(SEED_LIMIT) if seed is None else int(seed)
        if not 0 <= self.seed < 2**63:  # stored in SQLite's signed 64-bit INTEGER
            raise ValueError(f"a quiz seed must be 0 to 2**63 - 1, got {seed}")
        self._rng = np.random.default_rng(self.seed)
        self.last_item: Item | None = None

    def draw(self, weights: Mapping[Grade, float] | None = None) -> Question:
        grade = self._grade(weights)
        choice = GradeChoice(grade, self._pick(self.spec.modifiers_for(grade)))
        joint = self._pick(self.joints)
        if self.last_item == Item(joint.id, choice):
            joint, choice = self._something_else(joint, choice)
        question = perform(joint, choice, int(self._rng.integers(SEED_LIMIT)), self.spec)
        self.last_item = question.item
        return question

    def _grade(self, weights: Mapping[Grade, float] | None) -> Grade:
        grades = list(Grade)
        w = np.array([1.0 if weights is None else max(0.0, weights.get(g, 0.0)) for g in grades])
        if w.sum() <= 0:
            w = np.ones(len(grades))
        return grades[int(self._rng.choice(len(grades), p=w / w.sum()))]

    def _pick(self, options):
        return options[int(self._rng.integers(len(options)))]

    def _something_else(self, joint: JointSpec, choice: GradeChoice):
        """Avoid a repeat by changing the joint (keeps the grade's weighting), else the grade."""
        others = [j for j in self.joints if j.id != joint.id]
        if others:
            return self._pick(others), choice
        choices = [c for c in self.spec.choices if c != choice]
        return joint, self._pick(choices)
