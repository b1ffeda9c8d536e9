"""The tolerance definition of each grade: which grade a performed movement belongs to.

`grades.band()` says where a grade is *demonstrated*. This module says how far a
real performance may stray and still be that grade, and it is the only place that
decides a grade: the quiz performs inside these regions and marks answers with
them, so every question has exactly one right answer.

A performance is one oscillation cycle (`low`, `high`) or a thrust (`start`,
`peak`). Its region is three intervals, as fractions of the available range A–L
(A = 0, L = 1): where its low may be, where its high may be, and how large it may
be. doc/model.md (§9) explains every number to teachers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mobsim.model.grades import (
    LARGE,
    ONSET_MARGIN,
    THRUST_EXCURSION_DEG,
    Convention,
    Grade,
    GradeChoice,
    Modifier,
    first_onset,
    fraction_band,
)
from mobsim.model.joints import Condition

# Amplitude classes as fractions of A–L. The gap between them (16 % to 25 %) keeps
# "small" and "large" apart by sight even with jitter; nominal small is 10–11 %,
# nominal large 40–42 %.
SMALL_MIN = 0.04  # still a visible oscillation
SMALL_MAX = 0.16
LARGE_MIN = 0.25
LARGE_MAX = 0.60

# Quartile convention (after Gulick).
FIRST_QUARTER = 0.25
FIRST_HALF = 0.50
LAST_QUARTER = 0.75
END_RANGE = 0.90  # III and IV reach "into end range": their high at ≥ 90 % of A–L

# A ± modifier owns its depth ± this much of R1–L. Neighbouring depths are 0.25
# apart, so 0.10 leaves a 0.05 gap between them that no grade owns.
DEPTH_WINDOW = 0.10
# ± grades need some room between R1 and L to be told apart at all.
MIN_R1_TO_L = 0.10

# Grade V: starts at L (within this fraction of A–L) and peaks 2–5° past L
# (grades.THRUST_EXCURSION_DEG), never beyond the anatomical limit B + margin.
THRUST_AT_L = 0.005

# Rounding slack: degrees → fractions and back must not move a band across an edge.
EPS = 1e-9

OSCILLATIONS = (Grade.I, Grade.II, Grade.III, Grade.IV)
# Expert-level modifiers are all of them; III−− is *defined* but the quiz never asks
# it (see mobsim.quiz.levels).
ALL_MODIFIERS = tuple(Modifier)


@dataclass(frozen=True)
class Definition:
    """The region of one grade, as fractions of A–L."""

    choice: GradeChoice
    low: tuple[float, float]
    high: tuple[float, float]
    amplitude: tuple[float, float]
    thrust: bool = False

    def admits(self, low, high, thrust: bool = False):
        """Whether (low, high) lies in the region: a bool, or one per cycle for arrays."""
        low = np.asarray(low, float)
        high = np.asarray(high, float)
        if thrust != self.thrust:
            return np.zeros(np.broadcast(low, high).shape, bool) if low.ndim else False
        amplitude = high - low
        inside = (
            _between(low, self.low)
            & _between(high, self.high)
            & _between(amplitude, self.amplitude)
        )
        return inside if inside.ndim else bool(inside)


def _between(x, interval: tuple[float, float]):
    lo, hi = interval
    return (x >= lo - EPS) & (x <= hi + EPS)


@dataclass(frozen=True)
class Rulebook:
    """Every grade's definition for one condition and convention.

    `modifiers`: whether the ± grades are in play (expert level). Then a plain III
    or IV means depth 50 % ± DEPTH_WINDOW of R1–L; otherwise it means anywhere in
    R1–L. A choice that carries a modifier always means its own depth.
    `margin`: the joint's para-physiological margin past L in degrees (caps grade V).
    `thrust_window`: how far past L grade V's peak may go, (least, most) in the
    joint's unit; None means THRUST_EXCURSION_DEG (an accessory technique in mm
    passes its own, `accessory.thrust_window`).
    """

    condition: Condition
    convention: Convention = Convention.QUARTILE
    modifiers: bool = False
    margin: float | None = None
    thrust_window: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        if self.modifiers and self.convention is not Convention.RESISTANCE:
            raise ValueError("modifiers (−−, −, +, ++) belong to the resistance convention")
        if self.modifiers and 1.0 - self.condition.resistance_fraction < MIN_R1_TO_L - EPS:
            raise ValueError(f"± grades need R1 at least {MIN_R1_TO_L:.0%} of A–L before L")

    # ------------------------------------------------------------ regions
    @property
    def room(self) -> float:
        """How much the amplitude classes shrink: 1 unless an early R1 leaves less room.

        In the resistance convention grade II must fit between A and R1, so with R1
        before 50 % of A–L its nominal amplitude (and the small one) shrink; the
        thresholds shrink in the same proportion.
        """
        ii = fraction_band(GradeChoice(Grade.II), self.convention, self.condition)
        return min(1.0, (ii.high - ii.low) / LARGE)

    def small(self) -> tuple[float, float]:
        return (SMALL_MIN * self.room, SMALL_MAX * self.room)

    def large(self) -> tuple[float, float]:
        return (LARGE_MIN * self.room, LARGE_MAX)

    def definition(self, choice: GradeChoice | Grade) -> Definition:
        choice = _as_choice(choice)
        if choice.modifier is not Modifier.NONE and self.convention is Convention.QUARTILE:
            raise ValueError("modifiers (−−, −, +, ++) belong to the resistance convention")
        grade = choice.grade
        if grade.is_thrust:
            return self._thrust(choice)
        amplitude = self.large() if grade.is_large else self.small()
        if self.convention is Convention.QUARTILE:
            low, high = _QUARTILE_PLACES[grade]
        else:
            low, high = self._resistance_place(choice)
        if grade.is_short_of_onset:  # both conventions: short of R1 and P1
            ceiling = first_onset(self.condition)[0] - ONSET_MARGIN
            low = (low[0], min(low[1], ceiling))
            high = (high[0], min(high[1], ceiling))
        return Definition(choice, low, high, amplitude)

    def _resistance_place(self, choice: GradeChoice) -> tuple[tuple, tuple]:
        r1 = self.condition.resistance_fraction
        if choice.grade.is_short_of_onset:
            return (0.0, 1.0), (0.0, 1.0)
        if choice.modifier is Modifier.NONE and not self.modifiers:
            return (0.0, 1.0), (r1, 1.0)  # anywhere into resistance, up to L
        depth = choice.modifier.depth
        first = max(0.0, depth - DEPTH_WINDOW)
        last = min(1.0, depth + DEPTH_WINDOW)
        return (0.0, 1.0), (r1 + first * (1.0 - r1), r1 + last * (1.0 - r1))

    def _thrust(self, choice: GradeChoice) -> Definition:
        c = self.condition
        least, most = self.thrust_window or THRUST_EXCURSION_DEG
        if self.margin is not None:  # never past the anatomical limit B + margin
            most = min(most, c.normal_end + self.margin - c.available_limit)
        least = min(least, most)
        span = c.available_range
        return Definition(
            choice,
            low=(1.0 - THRUST_AT_L, 1.0 + THRUST_AT_L),
            high=(1.0 + least / span - THRUST_AT_L, 1.0 + most / span),
            amplitude=(least / span - THRUST_AT_L, most / span),
            thrust=True,
        )

    def choices(self) -> list[GradeChoice]:
        """Every grade this rulebook can tell apart."""
        out = [GradeChoice(Grade.I), GradeChoice(Grade.II)]
        for grade in (g for g in Grade if g.takes_modifier):
            mods = ALL_MODIFIERS if self.modifiers else (Modifier.NONE,)
            out += [GradeChoice(grade, m) for m in mods]
        return out + [GradeChoice(Grade.V)]

    # ------------------------------------------------------------ degrees
    def fraction(self, angle):
        c = self.condition
        return (np.asarray(angle, float) - c.start) / c.available_range

    def fits(self, choice: GradeChoice | Grade, low, high, thrust: bool = False) -> bool:
        """Whether a performance (degrees; per-cycle arrays allowed) is `choice`, every cycle."""
        inside = self.definition(choice).admits(self.fraction(low), self.fraction(high), thrust)
        return bool(np.all(inside))

    def identify(self, low, high, thrust: bool = False) -> GradeChoice | None:
        """The one grade this performance fits, or None if it fits none."""
        found = [c for c in self.choices() if self.fits(c, low, high, thrust)]
        return found[0] if len(found) == 1 else None


_QUARTILE_PLACES = {
    Grade.I: ((0.0, FIRST_QUARTER), (0.0, FIRST_QUARTER)),
    Grade.II: ((0.0, FIRST_HALF), (0.0, FIRST_HALF)),
    Grade.III: ((FIRST_HALF, 1.0), (END_RANGE, 1.0)),
    Grade.IV: ((LAST_QUARTER, 1.0), (END_RANGE, 1.0)),
}


def _as_choice(choice: GradeChoice | Grade) -> GradeChoice:
    return GradeChoice(choice) if isinstance(choice, Grade) else choice


def fits(
    choice: GradeChoice | Grade,
    low,
    high,
    condition: Condition,
    convention: Convention = Convention.QUARTILE,
    *,
    thrust: bool = False,
    modifiers: bool = False,
    margin: float | None = None,
) -> bool:
    """Whether a performance (degrees) belongs to `choice` under this condition and convention."""
    return Rulebook(condition, convention, modifiers, margin).fits(choice, low, high, thrust)


def identify(
    low,
    high,
    condition: Condition,
    convention: Convention = Convention.QUARTILE,
    *,
    thrust: bool = False,
    modifiers: bool = False,
    margin: float | None = None,
) -> GradeChoice | None:
    """The grade a performance (degrees) belongs to, or None if it is no grade."""
    return Rulebook(condition, convention, modifiers, margin).identify(low, high, thrust)
