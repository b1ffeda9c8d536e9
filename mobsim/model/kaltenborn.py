"""Kaltenborn translatoric grades I–III on an accessory technique (Kaltenborn 2006).

The translation diagram has a slack zone (A to the first stop, little resistance)
and a transition zone (first stop to the second stop, rising resistance). mobsim
puts the first stop at the end of the toe region (the point that plays R1) and the
second stop at L, the end of the available translation, so one range serves both
grade systems. Grades are sustained or slow-intermittent, never oscillatory:

- I  loosen:  a very small traction, no appreciable separation (strictly a traction,
  added to every glide; on a glide technique mobsim shows it as a barely moving
  glide so the three grades can be compared);
- II tighten: take up the slack, up to the first stop;
- III stretch: past the first stop into the transition zone, never past the second.

doc/model.md ("Kaltenborn grades") explains every number.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import numpy as np

from mobsim.model.joints import Condition

# Grade I: a share of the slack zone. Kaltenborn: "no appreciable separation";
# measured grade I was larger: 0.96 mm against 2.44 mm for II on the inferior
# glenohumeral glide (Witt & Talbott 2016, about 40 %), 3.0 mm against 8.2 mm
# posteriorly (Talbott & Witt, about 37 %). mobsim draws a fifth of the slack zone
# so I reads as "barely moves"; instructors may change it.
LOOSEN_SHARE = 0.2
# Grade III: this far into the transition zone (0 = first stop, 1 = second stop).
# Measured grade III sits near the middle of the zone: 3.64 mm in 2.44-4.5 mm
# inferior (Witt & Talbott 2016), 10.7 mm in 8.2-13 mm posterior (Talbott & Witt);
# mobsim takes the middle.
STRETCH_DEPTH = 0.5

# Slow-intermittent: take up to the grade, hold, release to grade I, rest.
RAMP_S = 1.0
HOLD_S = 6.0
REST_S = 2.0


class KaltenbornGrade(Enum):
    I = 1  # noqa: E741 (the grade is called I)
    II = 2
    III = 3

    @property
    def label(self) -> str:
        return self.name

    @property
    def title(self) -> str:
        return {1: "loosen", 2: "tighten", 3: "stretch"}[self.value]

    @classmethod
    def parse(cls, text: str) -> KaltenbornGrade:
        key = text.strip().upper()
        if key.isdigit() and key in ("1", "2", "3"):
            return cls(int(key))
        try:
            return cls[key]
        except KeyError:
            raise ValueError(
                f"unknown Kaltenborn grade {text!r}: Kaltenborn grades are I, II and III"
            ) from None


@dataclass(frozen=True)
class Zones:
    """The translation diagram, in mm."""

    start: float  # A
    first_stop: float
    second_stop: float

    @classmethod
    def of(cls, condition: Condition) -> Zones:
        return cls(condition.start, condition.resistance_onset, condition.available_limit)

    @property
    def slack(self) -> tuple[float, float]:
        return self.start, self.first_stop

    @property
    def transition(self) -> tuple[float, float]:
        return self.first_stop, self.second_stop


@dataclass(frozen=True)
class KaltenbornBand:
    """Where a Kaltenborn grade holds (`high`) and where it releases to (`low`)."""

    grade: KaltenbornGrade
    low: float
    high: float
    zones: Zones

    @property
    def amplitude(self) -> float:
        return self.high - self.low


def target(grade: KaltenbornGrade, zones: Zones) -> float:
    """The translation held at this grade, in mm."""
    slack = zones.first_stop - zones.start
    if grade is KaltenbornGrade.I:
        return zones.start + LOOSEN_SHARE * slack
    if grade is KaltenbornGrade.II:
        return zones.first_stop
    return zones.first_stop + STRETCH_DEPTH * (zones.second_stop - zones.first_stop)


# What counts as each grade (the quiz performs inside these and marks with them), as
# shares of the slack zone (I, II) or of the transition zone (III). Gaps between
# them belong to no grade, so a hold is never ambiguous.
HOLD_REGIONS = {
    KaltenbornGrade.I: ("slack", 0.05, 0.35),  # well short of the first stop
    KaltenbornGrade.II: ("slack", 0.88, 1.0),  # at the first stop, not past it
    KaltenbornGrade.III: ("transition", 0.15, 0.85),  # inside, never at the second stop
}


def hold_region(grade: KaltenbornGrade, zones: Zones) -> tuple[float, float]:
    """Where a held translation counts as this grade, in mm."""
    zone, lo, hi = HOLD_REGIONS[grade]
    start, end = zones.slack if zone == "slack" else zones.transition
    return start + lo * (end - start), start + hi * (end - start)


def grade_of_hold(hold: float, zones: Zones) -> KaltenbornGrade | None:
    """The grade a hold at `hold` mm belongs to, or None (between the regions)."""
    for grade in KaltenbornGrade:
        lo, hi = hold_region(grade, zones)
        if lo - 1e-9 <= hold <= hi + 1e-9:
            return grade
    return None


def kaltenborn_band(grade: KaltenbornGrade, condition: Condition) -> KaltenbornBand:
    """Grade I releases to A; II and III release to grade I (I is always added)."""
    zones = Zones.of(condition)
    rest = zones.start if grade is KaltenbornGrade.I else target(KaltenbornGrade.I, zones)
    return KaltenbornBand(grade, rest, target(grade, zones), zones)


@dataclass(frozen=True)
class SustainedHold:
    """Slow-intermittent: ramp up, hold, ramp down, rest; then again."""

    low: float
    high: float
    ramp_s: float = RAMP_S
    hold_s: float = HOLD_S
    rest_s: float = REST_S

    @property
    def period(self) -> float:
        return 2 * self.ramp_s + self.hold_s + self.rest_s

    def angle(self, t: np.ndarray) -> np.ndarray:
        """Translation (mm) at time t; named `angle` to fit the motion protocol."""
        local = np.mod(np.asarray(t, float), self.period)
        up = np.clip(local / self.ramp_s, 0.0, 1.0)
        down = np.clip((local - self.ramp_s - self.hold_s) / self.ramp_s, 0.0, 1.0)
        lift = np.where(
            local < self.ramp_s + self.hold_s,
            0.5 * (1 - np.cos(np.pi * up)),
            0.5 * (1 + np.cos(np.pi * down)),
        )
        return self.low + (self.high - self.low) * lift


def motion_for(kband: KaltenbornBand) -> SustainedHold:
    return SustainedHold(kband.low, kband.high)
