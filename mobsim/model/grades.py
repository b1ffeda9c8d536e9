"""Maitland grades and where each one sits in the available range.

Everything here is a fraction of the available range A–L (A = 0, L = 1) until
`band()` turns it into degrees. doc/model.md explains every number to teachers.
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

    @property
    def takes_modifier(self) -> bool:
        """Only III and IV take −−, −, +, ++ (depth into R1–L, resistance convention)."""
        return self in (Grade.III, Grade.IV)

    @property
    def is_short_of_onset(self) -> bool:
        """I and II stay short of resistance and pain; III and IV go into resistance."""
        return self in (Grade.I, Grade.II)

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
        """Where III/IV end, as a fraction of R1–L (after Maitland; doc/model.md)."""
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
            return "at L, the limit of the available range (R2 or P2)"
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
        if self.modifier is not Modifier.NONE and not self.grade.takes_modifier:
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


# Amplitude classes, as fractions of A–L.
SMALL = 0.10
LARGE = 0.40
# Large must stay visibly larger than small; 2.6 keeps a margin above the 2.5 rule.
MIN_LARGE_TO_SMALL = 2.6

# Quartile convention (after Gulick): fixed fractions of A–L, before the onset rule.
QUARTILE_BANDS = {
    Grade.I: (0.05, 0.15),  # small, inside the first quarter, near A
    Grade.II: (0.08, 0.48),  # large, inside the first half
    Grade.III: (0.58, 1.00),  # large, second half, reaching L
    Grade.IV: (0.89, 1.00),  # small, last quarter, reaching L
}

# I and II end at least this far (fraction of A–L) short of R1 and of P1.
ONSET_MARGIN = 0.02
# Resistance convention: II ends this far short of the first onset (fraction of
# A–onset), and I starts this far from A (fraction of A–onset).
SHORT_OF_R1 = 0.10
I_START = 0.10
# Grade III starts at least this much (fraction of A–onset) beyond II's start,
# so III always sits further into the range than II.
III_AFTER_II = 0.05

# Grade V (after the thrust timings in Herzog 2010 and the servo-motor model of
# Chiropr Man Therap 2020): excursion past L in degrees, a share of A–B clamped to
# 2–5° so it is visible on every joint and never a share of a stiff range.
THRUST_EXCURSION_SHARE = 0.03
THRUST_EXCURSION_DEG = (2.0, 5.0)

THRUST_NOTE = (
    "At peripheral joints V is usually taught as an accessory thrust (e.g. hip traction "
    "manipulation, Hoeksma et al. 2004); shown in physiological range as a simplification."
)


@dataclass(frozen=True)
class Band:
    """Where a grade sits and how large it is, in degrees.

    For I–IV the oscillation runs between `low` and `high`. For V the thrust
    starts at `low` (= L) and peaks at `high` (just past L). `note` says, in one
    sentence, why the band was shortened or moved (None when it was not);
    `into_pain` is True where III, IV or V pass P1. `remark` is teaching context
    shown beside the read-outs: for a physiological grade V, that V is usually
    taught as an accessory thrust.
    """

    choice: GradeChoice
    convention: Convention
    low: float
    high: float
    start: float  # A
    limit: float  # L
    note: str | None = None
    into_pain: bool = False
    remark: str | None = None

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

    @property
    def reaches_limit(self) -> bool:
        """Whether the band (I–IV) ends at L; text may say "to the limit" only then."""
        return abs(self.high - self.limit) <= 1e-6 * max(1.0, abs(self.limit))


@dataclass(frozen=True)
class FractionBand:
    """A band as fractions of A–L, with the reason it was shortened or moved."""

    low: float
    high: float
    note: str | None = None


def first_onset(condition: Condition) -> tuple[float, str]:
    """The first of R1 and P1 as a fraction of A–L, and its marker name."""
    r1 = condition.resistance_fraction
    p1 = condition.pain_fraction
    if p1 is not None and p1 < r1:
        return p1, "P1"
    return r1, "R1"


def fraction_band(
    choice: GradeChoice, convention: Convention, condition: Condition
) -> FractionBand:
    """(low, high, note) of grade I–IV as fractions of A–L for this condition."""
    if choice.grade.is_thrust:
        raise ValueError("grade V is a thrust, not an oscillation band")
    if convention is Convention.QUARTILE:
        if choice.modifier is not Modifier.NONE:
            raise ValueError("modifiers (−−, −, +, ++) belong to the resistance convention")
        return _quartile_bands(condition)[choice.grade]
    return _resistance_bands(condition, choice.modifier)[choice.grade]


def _onset_words(name: str) -> str:
    return "resistance begins (R1)" if name == "R1" else "pain begins (P1)"


def _quartile_bands(condition: Condition) -> dict[Grade, FractionBand]:
    """Gulick's quarters, with I and II pulled short of R1 and P1 where they would cross."""
    onset, name = first_onset(condition)
    ceiling = onset - ONSET_MARGIN
    ii_lo, ii_hi = QUARTILE_BANDS[Grade.II]
    i_lo, _ = QUARTILE_BANDS[Grade.I]
    iii_lo, iii_hi = QUARTILE_BANDS[Grade.III]
    ii_note = i_note = iv_note = None
    if ii_hi > ceiling:
        ii_hi = ceiling
        ii_lo = min(ii_lo, I_START * onset)
        ii_note = f"II ends short of where {_onset_words(name)}, before the half-way mark."
    small = min(ii_hi - ii_lo, iii_hi - iii_lo) / MIN_LARGE_TO_SMALL
    i_lo = min(i_lo, ii_lo)
    i_hi = i_lo + min(small, SMALL)
    if i_hi < QUARTILE_BANDS[Grade.I][1] - 1e-12 or i_lo < QUARTILE_BANDS[Grade.I][0]:
        i_note = f"I is smaller and nearer A so that it stays short of where {_onset_words(name)}."
    iv_lo = QUARTILE_BANDS[Grade.IV][0]
    if 1.0 - iv_lo > small:
        iv_lo = 1.0 - small
    if small < SMALL:  # say so only when it is smaller than the usual small
        iv_note = "IV is smaller than usual so that small stays under 1/2.5 of large."
    return {
        Grade.I: FractionBand(i_lo, i_hi, i_note),
        Grade.II: FractionBand(ii_lo, ii_hi, ii_note),
        Grade.III: FractionBand(iii_lo, iii_hi),
        Grade.IV: FractionBand(iv_lo, 1.0, iv_note),
    }


def _resistance_bands(condition: Condition, modifier: Modifier) -> dict[Grade, FractionBand]:
    """All four bands of the resistance convention, for one condition and modifier.

    They are computed together because the small amplitude must stay ≤ large/2.6
    when an early R1 or P1 leaves little room before it.
    """
    r1 = condition.resistance_fraction
    onset, name = first_onset(condition)
    ii_high = min((1.0 - SHORT_OF_R1) * onset, onset - ONSET_MARGIN)
    ii_low = max(I_START * onset, ii_high - LARGE)
    end = r1 + modifier.depth * (1.0 - r1)
    iii_low = max(ii_low + III_AFTER_II * onset, end - LARGE)
    small = min(SMALL, min(ii_high - ii_low, end - iii_low) / MIN_LARGE_TO_SMALL)
    i_low = I_START * onset
    short_note = None
    if name == "P1":
        short_note = "Placed short of P1: pain begins before resistance in this condition."
    return {
        Grade.I: FractionBand(i_low, i_low + small, short_note),
        Grade.II: FractionBand(ii_low, ii_high, short_note),
        Grade.III: FractionBand(iii_low, end),
        Grade.IV: FractionBand(end - small, end),
    }


def thrust_excursion(joint: JointSpec, condition: Condition | None = None) -> float:
    """Degrees that grade V goes past L: 2–5° on every joint, never past the margin.

    A share of the joint's normal range A–B (not of a stiff range, which would make
    it invisible), clamped to 2–5°, and never beyond the para-physiological margin.
    """
    lo, hi = THRUST_EXCURSION_DEG
    wanted = min(max(THRUST_EXCURSION_SHARE * joint.normal_range, lo), hi)
    return min(wanted, joint.margin)


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
    note = None
    if choice.grade.is_thrust:
        low, high = limit, limit + thrust_excursion(joint, condition)
    else:
        fb = fraction_band(choice, convention, condition)
        span = limit - start
        low, high, note = start + fb.low * span, start + fb.high * span, fb.note
    p1 = condition.pain_onset
    into_pain = not choice.grade.is_short_of_onset and p1 is not None and high > p1 + 1e-9
    remark = THRUST_NOTE if choice.grade.is_thrust else None  # a teaching simplification (R2)
    return Band(choice, convention, low, high, start, limit, note, into_pain, remark)
