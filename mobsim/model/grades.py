"""Maitland grades and where each one sits in the available range.

Everything here is a fraction of the available range A–L (A = 0, L = 1) until
`band()` turns it into degrees. DOMAIN.md part 0 is the rule book; doc/model.md
explains every number to teachers.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from mobsim.model.joints import Condition, JointSpec


class Grade(Enum):
    I = 1  # noqa: E741 (the grade is called I)
    II = 2
    III = 3
    IV = 4
    V = 5

    @property
    def label(self) -> str:
        return self.name

    @property
    def is_thrust(self) -> bool:
        return self is Grade.V

    @property
    def is_large(self) -> bool:
        return self in (Grade.II, Grade.III)

    @classmethod
    def parse(cls, text: str) -> Grade:
        key = text.strip().upper()
        if key.isdigit() and 1 <= int(key) <= 5:
            return cls(int(key))
        try:
            return cls[key]
        except KeyError:
            raise ValueError(f"unknown grade {text!r}: choose I, II, III, IV or V") from None


class Modifier(Enum):
    """Depth into the R1–L zone for III and IV in the resistance convention."""

    MINUS_MINUS = "--"
    MINUS = "-"
    NONE = ""
    PLUS = "+"
    PLUS_PLUS = "++"

    @property
    def depth(self) -> float:
        """Where III/IV end, as a fraction of R1–L (DOMAIN.md §1.2)."""
        return _MODIFIER_DEPTH[self]

    @property
    def symbol(self) -> str:
        return self.value.replace("-", "\u2212")

    @property
    def end_phrase(self) -> str:
        """Where a III/IV with this modifier ends, in words: 'at R1', '25% of the way …'."""
        if self.depth == 0:
            return "at R1, where resistance begins"
        if self.depth == 1:
            return "at L, the limit (R2)"
        return f"{self.depth:.0%} of the way from R1 to L"


_MODIFIER_DEPTH = {
    Modifier.MINUS_MINUS: 0.0,
    Modifier.MINUS: 0.25,
    Modifier.NONE: 0.5,
    Modifier.PLUS: 0.75,
    Modifier.PLUS_PLUS: 1.0,
}


class Convention(Enum):
    QUARTILE = "quartile"
    RESISTANCE = "resistance"

    @property
    def title(self) -> str:
        return {
            Convention.QUARTILE: "Quartile (Gulick)",
            Convention.RESISTANCE: "Resistance R1–L (Maitland)",
        }[self]


@dataclass(frozen=True)
class GradeChoice:
    """A grade as a clinician names it: `IV`, `III+`, `IV--`."""

    grade: Grade
    modifier: Modifier = Modifier.NONE

    def __post_init__(self) -> None:
        if self.modifier is not Modifier.NONE and self.grade not in (Grade.III, Grade.IV):
            raise ValueError(f"only grades III and IV take a modifier, not {self.grade.label}")

    @property
    def label(self) -> str:
        return self.grade.label + self.modifier.value

    @property
    def display(self) -> str:
        return self.grade.label + self.modifier.symbol

    @classmethod
    def parse(cls, text: str) -> GradeChoice:
        raw = text.strip().replace("\u2212", "-")
        stem = raw.rstrip("+-")
        suffix = raw[len(stem) :]
        try:
            modifier = Modifier(suffix)
        except ValueError:
            raise ValueError(f"unknown modifier {suffix!r} in grade {text!r}") from None
        return cls(Grade.parse(stem), modifier)


# Amplitude classes, as fractions of A–L (DOMAIN.md part 0).
SMALL = 0.10
LARGE = 0.40
# Large must stay visibly larger than small; 2.6 keeps a margin above the 2.5 rule.
MIN_LARGE_TO_SMALL = 2.6
# Grade V: excursion past L, as a fraction of A–L, capped by the joint's margin.
THRUST_EXCURSION = 0.04

# Quartile convention (after Gulick): fixed fractions of A–L.
QUARTILE_BANDS = {
    Grade.I: (0.05, 0.15),  # small, inside the first quarter, near A
    Grade.II: (0.08, 0.48),  # large, inside the first half
    Grade.III: (0.58, 1.00),  # large, second half, reaching L
    Grade.IV: (0.89, 1.00),  # small, last quarter, reaching L
}

# Resistance convention: II ends this far short of R1 (fraction of A–R1),
# and I starts this far from A (fraction of A–R1).
SHORT_OF_R1 = 0.10
I_START = 0.10
# Grade III starts at least this much (fraction of A–R1) beyond II's start,
# so III always sits further into the range than II.
III_AFTER_II = 0.05


@dataclass(frozen=True)
class Band:
    """Where a grade sits and how large it is, in degrees.

    For I–IV the oscillation runs between `low` and `high`. For V the thrust
    starts at `low` (= L) and peaks at `high` (just past L).
    """

    choice: GradeChoice
    convention: Convention
    low: float
    high: float
    start: float  # A
    limit: float  # L

    @property
    def grade(self) -> Grade:
        return self.choice.grade

    @property
    def amplitude(self) -> float:
        return self.high - self.low

    @property
    def centre(self) -> float:
        return 0.5 * (self.low + self.high)

    def fraction(self, angle: float) -> float:
        """Angle as a fraction of the available range A–L."""
        return (angle - self.start) / (self.limit - self.start)

    @property
    def low_fraction(self) -> float:
        return self.fraction(self.low)

    @property
    def high_fraction(self) -> float:
        return self.fraction(self.high)

    @property
    def amplitude_fraction(self) -> float:
        return self.amplitude / (self.limit - self.start)


def fraction_band(
    choice: GradeChoice, convention: Convention, resistance_fraction: float
) -> tuple[float, float]:
    """(low, high) of grade I–IV as fractions of A–L.

    `resistance_fraction` is R1 as a fraction of A–L; only the resistance
    convention uses it.
    """
    if choice.grade.is_thrust:
        raise ValueError("grade V is a thrust, not an oscillation band")
    if convention is Convention.QUARTILE:
        if choice.modifier is not Modifier.NONE:
            raise ValueError("modifiers (−−, −, +, ++) belong to the resistance convention")
        return QUARTILE_BANDS[choice.grade]
    return _resistance_bands(resistance_fraction, choice.modifier)[choice.grade]


def _resistance_bands(r1: float, modifier: Modifier) -> dict[Grade, tuple[float, float]]:
    """All four bands of the resistance convention, for one R1 and modifier.

    They are computed together because the small amplitude must stay ≤ large/2.6
    when an early R1 leaves little room before resistance.
    """
    ii_high = (1.0 - SHORT_OF_R1) * r1
    ii_low = max(I_START * r1, ii_high - LARGE)
    end = r1 + modifier.depth * (1.0 - r1)
    iii_low = max(ii_low + III_AFTER_II * r1, end - LARGE)
    small = min(SMALL, min(ii_high - ii_low, end - iii_low) / MIN_LARGE_TO_SMALL)
    i_low = I_START * r1
    return {
        Grade.I: (i_low, i_low + small),
        Grade.II: (ii_low, ii_high),
        Grade.III: (iii_low, end),
        Grade.IV: (end - small, end),
    }


def thrust_excursion(joint: JointSpec, condition: Condition) -> float:
    """Degrees that grade V goes past L: tiny, and never past the margin."""
    return min(THRUST_EXCURSION * condition.available_range, joint.margin)


def band(
    choice: GradeChoice | Grade,
    joint: JointSpec,
    condition: Condition,
    convention: Convention = Convention.QUARTILE,
) -> Band:
    """Where `choice` sits in this joint's available range, in degrees."""
    if isinstance(choice, Grade):
        choice = GradeChoice(choice)
    start, limit = condition.start, condition.available_limit
    if choice.grade.is_thrust:
        low, high = limit, limit + thrust_excursion(joint, condition)
    else:
        lo, hi = fraction_band(choice, convention, condition.resistance_fraction)
        span = limit - start
        low, high = start + lo * span, start + hi * span
    return Band(choice, convention, low, high, start, limit)
