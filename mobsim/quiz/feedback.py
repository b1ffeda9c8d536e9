"""Feedback that teaches: right or wrong, and the cue that tells the two grades apart.

`explain()` is public and Qt-free: the self-test quiz and the lecture-mode class
quiz both use it. The cues (doc/model.md §9; Gagnon et al. 2016, Man Ther 21:287):
amplitude separates I/II and III/IV; position
in the range separates I/IV and II/III; I/III and II/IV differ in both; V is a
thrust; the ± grades of one grade differ in depth into resistance.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from mobsim.model.grades import Band, Convention, Grade, GradeChoice
from mobsim.model.joints import Condition

DEGREES = "°"  # a physiological (angular) motion
MM = "mm"  # an accessory glide or traction


class Cue(StrEnum):
    NONE = ""  # the answer was right
    AMPLITUDE = "amplitude"
    POSITION = "position in the range"
    BOTH = "amplitude and position"
    THRUST = "thrust"
    DEPTH = "depth into resistance"


@dataclass(frozen=True)
class WatchedCycles:
    """The cycles the student actually watched, in degrees: per-cycle lows and highs
    (for a thrust: its start at L and its peak). A view draws them beside the
    nominal band, so the student sees what the performer did, not just the rule."""

    lows: tuple[float, ...]
    highs: tuple[float, ...]
    thrust: bool = False

    @property
    def low_range(self) -> tuple[float, float]:
        return (min(self.lows), max(self.lows))

    @property
    def high_range(self) -> tuple[float, float]:
        return (min(self.highs), max(self.highs))


@dataclass(frozen=True)
class Feedback:
    correct: bool
    headline: str
    explanation: str  # one or two plain sentences
    cue: str  # a Cue value: what separates the chosen grade from the true one
    nominal: tuple[float, float] | None = None  # the true grade's band (degrees)
    watched: WatchedCycles | None = None  # what the student actually saw


_CUES = {
    frozenset({Grade.I, Grade.II}): Cue.AMPLITUDE,
    frozenset({Grade.III, Grade.IV}): Cue.AMPLITUDE,
    frozenset({Grade.I, Grade.IV}): Cue.POSITION,
    frozenset({Grade.II, Grade.III}): Cue.POSITION,
    frozenset({Grade.I, Grade.III}): Cue.BOTH,
    frozenset({Grade.II, Grade.IV}): Cue.BOTH,
}


def cue_between(true: GradeChoice | Grade, chosen: GradeChoice | Grade) -> Cue:
    """The one cue that separates two grades (NONE if they are the same)."""
    true, chosen = _choice(true), _choice(chosen)
    if true == chosen:
        return Cue.NONE
    if true.grade is chosen.grade:
        return Cue.DEPTH
    if Grade.V in (true.grade, chosen.grade):
        return Cue.THRUST
    return _CUES[frozenset({true.grade, chosen.grade})]


def explain(
    true: GradeChoice | Grade,
    chosen: GradeChoice | Grade,
    band: Band,
    condition: Condition,
    watched: WatchedCycles | None = None,
    unit: str = DEGREES,
) -> Feedback:
    """Right or wrong, and why, for a student who said `chosen` when it was `true`.

    `band` is the true grade's band (what the view reveals) in `unit`: degrees for
    a physiological motion, MM for an accessory glide; `watched` the cycles the
    student saw (carried through for the view to draw).
    """
    true, chosen = _choice(true), _choice(chosen)
    cue = cue_between(true, chosen)
    where = _where(true, band, condition, unit)
    shown = dict(nominal=(band.low, band.high), watched=watched)
    if cue is Cue.NONE:
        pain = condition.pain_onset is not None
        looks = _looks(true, band.convention, _has_modifier(true), pain, unit, band.into_pain)
        text = f"{where} {looks}."
        return Feedback(True, f"Right: grade {true.display}.", text, str(cue), **shown)
    headline = f"Not quite: this was grade {true.display}, not {chosen.display}."
    text = f"{where} {_contrast(true, chosen, cue, band, condition, unit)}"
    return Feedback(False, headline, text, str(cue), **shown)


def _choice(choice: GradeChoice | Grade) -> GradeChoice:
    return GradeChoice(choice) if isinstance(choice, Grade) else choice


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _q(x: float, unit: str, fine: bool = False) -> str:
    """A position or distance: whole degrees (0.1° if fine), or mm to 0.01 mm."""
    if unit == MM:
        return f"{x:.2f} mm"
    return f"{x:.1f}°" if fine else f"{x:.0f}°"


def _span(lo: float, hi: float, unit: str) -> str:
    if unit == MM:
        return f"{lo:.2f}–{hi:.2f} mm"
    return f"{lo:.0f}–{hi:.0f}°"


def _where(true: GradeChoice, band: Band, condition: Condition, unit: str = DEGREES) -> str:
    """Sentence one: where the true grade sits, in the unit and % of the available range."""
    a, lim = band.start, band.limit
    rng = "available translation" if unit == MM else "available range"
    if true.grade.is_thrust:
        past = band.high - lim
        return (
            f"Grade V went from L = {_q(lim, unit)} to {_q(band.high, unit)}, "
            f"{_q(past, unit, fine=True)} ({_pct(past / (lim - a))} of the range) past the "
            f"{'end of the available translation' if unit == MM else 'available limit'}."
        )
    return (
        f"Grade {true.display} here runs {_span(band.low, band.high, unit)} "
        f"({100 * band.low_fraction:.0f}–{_pct(band.high_fraction)} of the {rng} "
        f"{_span(a, lim, unit)})."
    )


# What each grade looks like, in a phrase; "{short}" is what I and II stay short of
# (`_short_of`: R1 and P1, whichever comes first, or R1 alone without pain).
_QUARTILE_LOOKS = {
    Grade.I: "small, in the first quarter of the range near A, {short}",
    Grade.II: "large, within the first half of the range, {short}",
    Grade.III: "large, from the second half of the range into resistance, up to L",
    Grade.IV: "small, in the last quarter of the range, into resistance at L",
    Grade.V: "one quick, tiny thrust from L just past it",
}
_RESISTANCE_LOOKS = {
    Grade.I: "small, near A and {short}",
    Grade.II: "large, but ending {short}",
    Grade.III: "large{into}",  # + where it ends (the modifier's depth)
    Grade.IV: "small{into}",
    Grade.V: "one quick, tiny thrust from L just past it",
}


def _short_of(convention: Convention, pain: bool, unit: str) -> str:
    """What I and II stay short of: both onsets where there is pain, whichever comes
    first; R1 alone without it. A glide's R1 is the end of its toe region (resistance
    starts at A there), so it is named so, not "resistance"."""
    if unit == MM:
        r1 = "R1 (the end of the toe region)"
    elif convention is Convention.RESISTANCE:
        r1 = "resistance (R1)"
    else:
        r1 = "R1"
    if not pain:
        return f"short of {r1}"
    p1 = "pain (P1)" if convention is Convention.RESISTANCE else "P1"
    return f"short of both {r1} and {p1}, whichever comes first"


def _has_modifier(*choices: GradeChoice) -> bool:
    return any(c.modifier.value for c in choices)


def _looks(
    choice: GradeChoice,
    convention: Convention,
    with_depth: bool,
    pain: bool = True,
    unit: str = DEGREES,
    into_pain: bool = False,
) -> str:
    """What a grade looks like, in a phrase: amplitude first, then where it sits. In
    the resistance convention III and IV say where they end (the modifier's depth, or
    half-way from R1 to L unmodified); `into_pain`: this band passes P1."""
    looks = _QUARTILE_LOOKS if convention is Convention.QUARTILE else _RESISTANCE_LOOKS
    into = ", into resistance" if choice.modifier.depth > 0 else ""  # III−−, IV−−: at R1
    phrase = looks[choice.grade].format(short=_short_of(convention, pain, unit), into=into)
    text = f"{choice.display} is {phrase}"
    resistance = convention is Convention.RESISTANCE
    if choice.grade.takes_modifier and (with_depth or resistance):
        text += f", ending {choice.modifier.end_phrase}"
    if into_pain:
        text += ", into pain (past P1)"
    return text


def _contrast(
    true: GradeChoice,
    chosen: GradeChoice,
    cue: Cue,
    band: Band,
    condition: Condition,
    unit: str = DEGREES,
) -> str:
    """Sentence two: the cue, and how it tells the chosen grade from the true one."""
    conv = band.convention
    if cue is Cue.THRUST:
        if true.grade.is_thrust:
            return (
                "The cue is the thrust: V is a single quick push from L just past it, "
                f"while {chosen.display} keeps oscillating inside the range."
            )
        return (
            "The cue is the thrust: this kept oscillating inside the range, "
            "so it was not V, which is a single quick push from L just past it."
        )
    if cue is Cue.DEPTH:
        r1, lim = condition.resistance_onset, condition.available_limit

        def end(choice: GradeChoice) -> float:
            return r1 + choice.modifier.depth * (lim - r1)

        return (
            f"The cue is depth into resistance: {true.display} ends at {_q(end(true), unit)}, "
            f"{_pct(true.modifier.depth)} of the way from R1 ({_q(r1, unit)}) to L "
            f"({_q(lim, unit)}); {chosen.display} would end at {_q(end(chosen), unit)} "
            f"({_pct(chosen.modifier.depth)})."
        )
    lead = {
        Cue.AMPLITUDE: "The cue is amplitude",
        Cue.POSITION: "The cue is position in the range",
        Cue.BOTH: "Amplitude and position both differ",
    }[cue]
    if unit == MM:
        lead += {
            Cue.AMPLITUDE: " (how many mm each oscillation covers)",
            Cue.POSITION: " (where in the available translation it oscillates)",
            Cue.BOTH: " (mm covered, and where in the available translation)",
        }[cue]
    depth, pain = _has_modifier(true, chosen), condition.pain_onset is not None
    true_looks = _looks(true, conv, depth, pain, unit, band.into_pain)
    return f"{lead}: {true_looks}; {_looks(chosen, conv, depth, pain, unit)}."
