"""Marking a performed grade: a recorded motion against the grade's definition.

`mobsim.model.recording` finds the oscillation's turning points (or the thrust) in
what a student (or a CSV) did. This module measures amplitude, where the low and
high ends lie, frequency, regularity and smoothness (or a thrust's start, excursion,
rise time and hold), and marks them with the quiz's own tolerance definitions
(`mobsim.model.definitions.Rulebook`): one rule for performing and for marking. It
returns a 0–100 score, whether the grade was matched, and per-criterion feedback in
words. doc/model.md §11 gives every threshold and its reason.

Positions are in the joint's unit (degrees, or mm for accessory movements);
everything is marked as a fraction of the available range A–L.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from mobsim.model.accessory import AccessoryTechnique, thrust_window
from mobsim.model.definitions import Definition, Rulebook
from mobsim.model.grades import Convention, GradeChoice, Modifier
from mobsim.model.joints import Condition
from mobsim.model.motion import FREQUENCY_RANGE
from mobsim.model.recording import (  # noqa: F401 (kept importable from here)
    ANALYSIS_RATE,
    HOLD_TOLERANCE,
    MAX_TRACE_BYTES,
    MIN_SECONDS,
    POSITION_COLUMNS,
    RISE_ONSET,
    TURN_FLOOR,
    TURN_SHARE,
    Recording,
    RecordingError,
    ThrustEvent,
    _resampled,
    _swings,
    find_thrusts,
    read_recording,
    turning_points,
)

# ---------------------------------------------------------------- thresholds
# (doc/model.md §11 explains each one)
WOBBLE = 0.01  # reversals of ≥ 1 % of A–L inside a swing count against smoothness
MIN_HALF_CYCLES = 4  # after dropping the first swing (getting into place)
GRACE = 0.05  # credit falls from 1 to 0 over this far outside a region (of A–L)
MATCH_SHARE = 0.5  # grade matched when the typical swing and most swings lie in its region
REGULAR_CV = (0.20, 0.50)  # cycle-to-cycle CV: full credit up to, none from
EXTRA_REVERSALS = (0.5, 3.0)  # wobbles per cycle: full credit up to, none from
FREQUENCY_FACTOR = 2.0  # credit reaches 0 at half the lowest / twice the highest rate
# Grade V
# Preload hold at L before the thrust (doc/model.md §4; Chiropr Man Therap 2020 preloads).
HOLD_MIN_S = 0.5
RISE_TIME_S = (0.25, 1.0)  # full credit up to (manipulation), none from (mobilisation)
THRUST_GRACE = 0.02  # of A–L: a thrust's region is narrow, so is its grace
# How much the grade itself and the quality of its execution weigh in the score.
GRADE_SHARE = 0.70
QUALITY_SHARE = 0.30


@dataclass(frozen=True)
class Target:
    """What was asked: a grade on a joint in a condition, under a convention."""

    choice: GradeChoice
    condition: Condition
    convention: Convention = Convention.QUARTILE
    margin: float | None = None  # the joint's para-physiological margin (caps grade V)
    thrust_window: tuple[float, float] | None = None  # grade V past L (None: in degrees)
    unit: str = "°"  # the position's unit in words: "°" or " mm"

    @classmethod
    def of(cls, choice: GradeChoice, limb, condition: Condition, convention: Convention):
        """The target for a joint (degrees) or an accessory technique (mm)."""
        if isinstance(limb, AccessoryTechnique):
            return cls(choice, condition, convention, limb.margin, thrust_window(limb), " mm")
        return cls(choice, condition, convention, limb.margin)

    @property
    def rulebook(self) -> Rulebook:
        # A ± grade brings the depth windows into play; a plain one means "into R1–L".
        modifiers = self.choice.modifier is not Modifier.NONE
        return Rulebook(self.condition, self.convention, modifiers, self.margin, self.thrust_window)

    @property
    def definition(self) -> Definition:
        return self.rulebook.definition(self.choice)


@dataclass(frozen=True)
class Criterion:
    """One measured quality: its value, the region asked, a 0–1 credit and words."""

    name: str
    measured: float | None
    target: tuple[float, float] | None
    credit: float
    passed: bool
    feedback: str
    unit: str = "fraction of A–L"

    def as_dict(self) -> dict:
        return {
            "measured": None if self.measured is None else round(self.measured, 4),
            "target": None if self.target is None else [round(v, 4) for v in self.target],
            "unit": self.unit,
            "credit": round(self.credit, 3),
            "passed": self.passed,
            "feedback": self.feedback,
        }


@dataclass(frozen=True)
class Marking:
    """The result: score 0–100, grade matched, criteria, and what was recognised."""

    score: float
    grade_matched: bool
    criteria: dict[str, Criterion]
    performed_as: str | None = None
    turns: tuple[np.ndarray, np.ndarray] = field(
        default=(np.zeros(0), np.zeros(0)), repr=False
    )  # (times, positions) of the marked turns (a thrust: its starts and peaks), to draw

    @property
    def failed(self) -> list[str]:
        return [name for name, c in self.criteria.items() if not c.passed]

    def as_dict(self) -> dict:
        return {
            "score": round(self.score, 1),
            "grade_matched": self.grade_matched,
            "performed_as": self.performed_as,
            "criteria": {name: c.as_dict() for name, c in self.criteria.items()},
        }


def _outside(value, region: tuple[float, float]):
    """How far `value` lies outside `region` (0 inside)."""
    lo, hi = region
    return np.maximum(0.0, np.maximum(lo - value, value - hi))


def _credit(distance, grace: float):
    return np.clip(1.0 - np.asarray(distance, float) / grace, 0.0, 1.0)


def _typical_and_every(typical: float, values: np.ndarray, region: tuple[float, float]) -> float:
    """Half for the typical swing, half for every swing: the grade is what is done most of
    the time, and keeping every swing inside is consistency."""
    every = float(np.mean(_credit(_outside(values, region), GRACE)))
    return 0.5 * float(_credit(_outside(typical, region), GRACE)) + 0.5 * every


def _falling_credit(value: float, full: float, none: float) -> float:
    """1 up to `full`, 0 from `none`, linear between."""
    if value <= full:
        return 1.0
    return max(0.0, 1.0 - (value - full) / (none - full))


# ---------------------------------------------------------------- words


def _percent(value: float) -> str:
    return f"{value * 100:.0f} %"


def _region_words(region: tuple[float, float]) -> str:
    lo, hi = region
    return f"{_percent(lo)}–{_percent(hi)} of A–L"


def where_in_range(fraction: float, condition: Condition) -> str:
    """A position relative to the diagram's markers: 'between R1 and L', 'past P1'."""
    r1 = condition.resistance_fraction
    words = f"{_percent(fraction)} of A–L, "
    if fraction < r1 - 1e-9:
        words += "before R1"
    elif fraction <= 1.0 + 1e-9:
        words += "between R1 and L" if fraction < 1.0 - 1e-9 else "at L"
    else:
        words += "past L"
    if condition.pain_onset is not None:
        p1 = (condition.pain_onset - condition.start) / condition.available_range
        words += ", into pain (past P1)" if fraction > p1 + 1e-9 else ", short of P1"
    return words


# ---------------------------------------------------------------- oscillations


def _score_oscillation(target: Target, t: np.ndarray, x: np.ndarray) -> Marking:
    condition = target.condition
    span = condition.available_range
    definition = target.definition
    label = target.choice.display
    turns, _ = _swings(t, x, span)
    if len(turns) - 2 < MIN_HALF_CYCLES:
        return _nothing_to_mark(
            "oscillation",
            f"no steady oscillation found: fewer than {MIN_HALF_CYCLES // 2} whole cycles; "
            f"oscillate grade {label} for longer",
        )
    marked = turns[1:]  # the first swing brings the segment into place
    ends = x[marked]
    lows = np.minimum(ends[:-1], ends[1:])
    highs = np.maximum(ends[:-1], ends[1:])
    low_f = (lows - condition.start) / span
    high_f = (highs - condition.start) / span
    amp_f = high_f - low_f

    criteria = {
        "amplitude": _amplitude_criterion(amp_f, definition, label, target),
        "low_end": _end_criterion("low end", low_f, definition.low, label, target),
        "high_end": _end_criterion("high end", high_f, definition.high, label, target),
        "frequency": _frequency_criterion(t[marked]),
        "regularity": _regularity_criterion(amp_f, t[marked]),
        "smoothness": _smoothness_criterion(x[marked[0] : marked[-1] + 1], span, len(amp_f)),
    }
    grade = criteria["amplitude"].credit * criteria["low_end"].credit * criteria["high_end"].credit
    quality = np.mean([criteria[k].credit for k in ("frequency", "regularity", "smoothness")])
    inside = definition.admits(low_f, high_f)
    in_rate = FREQUENCY_RANGE[0] <= criteria["frequency"].measured <= FREQUENCY_RANGE[1]
    typical = definition.admits(np.median(low_f), np.median(high_f))
    matched = bool(typical and np.mean(inside) >= MATCH_SHARE and in_rate)
    performed = target.rulebook.identify(np.median(lows), np.median(highs))
    return Marking(
        score=100.0 * grade * (GRADE_SHARE + QUALITY_SHARE * quality),
        grade_matched=matched,
        criteria=criteria,
        performed_as=performed.label if performed else None,
        turns=(t[marked], x[marked]),
    )


def _amplitude_criterion(
    amp_f: np.ndarray, definition: Definition, label: str, target: Target
) -> Criterion:
    region = definition.amplitude
    typical = float(np.median(amp_f))
    credit = _typical_and_every(typical, amp_f, region)
    share = float(np.mean(_outside(amp_f, region) == 0))
    if typical < region[0]:
        words = "amplitude too small"
    elif typical > region[1]:
        words = "amplitude too large"
    else:
        words = "amplitude right"
    size = typical * target.condition.available_range
    digits = 2 if target.unit.strip() == "mm" else 0
    words += (
        f": {size:.{digits}f}{target.unit} ({_percent(typical)} of A–L); "
        f"grade {label} needs {_region_words(region)}"
    )
    if share < 1.0:
        words += f" ({_percent(share)} of the swings inside)"
    return Criterion("amplitude", typical, region, credit, share >= MATCH_SHARE, words)


def _end_criterion(
    name: str, ends_f: np.ndarray, region: tuple[float, float], label: str, target: Target
) -> Criterion:
    condition = target.condition
    typical = float(np.median(ends_f))
    credit = _typical_and_every(typical, ends_f, region)
    share = float(np.mean(_outside(ends_f, region) == 0))
    if typical < region[0] - 1e-9:
        verdict = f"{name} too early in the range"
    elif typical > region[1] + 1e-9:
        verdict = f"{name} too far into the range"
    else:
        verdict = f"{name} in place"
    at = condition.start + typical * condition.available_range
    digits = 2 if target.unit.strip() == "mm" else 0
    words = (
        f"{verdict}: at {at:.{digits}f}{target.unit} ({where_in_range(typical, condition)}); "
        f"grade {label} needs it at {_region_words(region)}"
    )
    if share < 1.0:
        words += f" ({_percent(share)} of the swings inside)"
    key = name.replace(" ", "_")
    return Criterion(key, typical, region, credit, share >= MATCH_SHARE, words)


def _frequency_criterion(turn_times: np.ndarray) -> Criterion:
    periods = turn_times[2:] - turn_times[:-2]
    frequency = 1.0 / float(np.median(periods))
    lo, hi = FREQUENCY_RANGE
    if frequency < lo:
        off, words = math.log(lo / frequency), "too slow"
    elif frequency > hi:
        off, words = math.log(frequency / hi), "too fast"
    else:
        off, words = 0.0, "in the clinical range"
    credit = max(0.0, 1.0 - off / math.log(FREQUENCY_FACTOR))
    text = f"{words}: {frequency:.2f} Hz; oscillations run at {lo:g}–{hi:g} Hz"
    return Criterion("frequency", frequency, (lo, hi), credit, off == 0.0, text, unit="Hz")


def _cv(values: np.ndarray) -> float:
    mean = float(np.mean(values))
    return float(np.std(values) / mean) if mean > 0 else 0.0


def _regularity_criterion(amp_f: np.ndarray, turn_times: np.ndarray) -> Criterion:
    periods = turn_times[2:] - turn_times[:-2]
    cv = max(_cv(amp_f), _cv(periods))
    full, none = REGULAR_CV
    credit = _falling_credit(cv, full, none)
    words = "regular" if cv <= full else "irregular"
    text = (
        f"{words}: swings vary by {_percent(cv)} (CV of amplitude or period) from cycle "
        f"to cycle; up to {_percent(full)} is steady"
    )
    return Criterion("regularity", cv, (0.0, full), credit, cv <= full, text, unit="CV")


def _smoothness_criterion(x: np.ndarray, span: float, swings: int) -> Criterion:
    wobbles = max(0, len(turning_points(x, WOBBLE * span)) - (swings - 1))
    per_cycle = wobbles / max(1.0, swings / 2.0)
    full, none = EXTRA_REVERSALS
    credit = _falling_credit(per_cycle, full, none)
    words = "smooth" if per_cycle <= full else "jerky"
    text = (
        f"{words}: {per_cycle:.1f} extra reversals per cycle (of ≥ {_percent(WOBBLE)} of "
        f"A–L); up to {full:g} is smooth"
    )
    return Criterion(
        "smoothness", per_cycle, (0.0, full), credit, per_cycle <= full, text, unit="per cycle"
    )


def _nothing_to_mark(name: str, words: str) -> Marking:
    return Marking(0.0, False, {name: Criterion(name, None, None, 0.0, False, words, unit="")})


# ---------------------------------------------------------------- thrusts


def _score_thrust(target: Target, t: np.ndarray, x: np.ndarray) -> Marking:
    condition = target.condition
    span = condition.available_range
    definition = target.definition
    events = find_thrusts(t, x, span)
    # A thrust at the very start shows no hold; mark the ones with room for one.
    seen = [e for e in events if e.onset_time - t[0] >= HOLD_MIN_S] or events
    if not seen:
        return _nothing_to_mark(
            "thrust",
            "no thrust found: hold at L, then a quick short push just past L and back",
        )
    start_f = (np.array([e.start for e in seen]) - condition.start) / span
    peak_f = (np.array([e.peak for e in seen]) - condition.start) / span
    rise = np.array([e.rise_s for e in seen])
    hold = np.array([e.hold_s for e in seen])
    criteria = {
        "start_at_L": _thrust_start(start_f, definition, condition),
        "excursion": _thrust_excursion(peak_f, start_f, definition, span, target.unit),
        "rise_time": _rise_criterion(rise),
        "hold_at_L": _hold_criterion(hold),
    }
    grade = (
        criteria["start_at_L"].credit * criteria["excursion"].credit * criteria["rise_time"].credit
    )
    inside = definition.admits(start_f, peak_f, thrust=True)
    quick = rise <= RISE_TIME_S[0]
    matched = bool(np.mean(inside & quick) >= MATCH_SHARE and criteria["hold_at_L"].passed)
    performed = target.rulebook.identify(
        np.median(start_f) * span + condition.start,
        np.median(peak_f) * span + condition.start,
        thrust=bool(np.median(rise) <= RISE_TIME_S[0]),
    )
    return Marking(
        score=100.0 * grade * (GRADE_SHARE + QUALITY_SHARE * criteria["hold_at_L"].credit),
        grade_matched=matched,
        criteria=criteria,
        performed_as=performed.label if performed else None,
        turns=(
            np.array([time for e in seen for time in (e.onset_time, e.peak_time)]),
            np.array([x for e in seen for x in (e.start, e.peak)]),
        ),
    )


def _thrust_start(start_f: np.ndarray, definition: Definition, condition: Condition) -> Criterion:
    region = definition.low
    distance = _outside(start_f, region)
    credit = float(np.mean(_credit(distance, THRUST_GRACE)))
    typical = float(np.median(start_f))
    verdict = "starts at L" if np.median(distance) == 0 else "does not start at L"
    text = (
        f"{verdict}: the push starts at {where_in_range(typical, condition)}; "
        f"grade V starts at L (within {(region[1] - region[0]) * 50:.1f} % of A–L)"
    )
    return Criterion(
        "start_at_L", typical, region, credit, bool(np.mean(distance == 0) >= MATCH_SHARE), text
    )


def _thrust_excursion(
    peak_f: np.ndarray, start_f: np.ndarray, definition: Definition, span: float, unit: str
) -> Criterion:
    region = definition.high
    size = peak_f - start_f
    distance = np.maximum(_outside(peak_f, region), _outside(size, definition.amplitude))
    credit = float(np.mean(_credit(distance, THRUST_GRACE)))
    typical = float(np.median(peak_f - 1.0))
    least, most = max(0.0, region[0] - 1.0), region[1] - 1.0
    if typical <= 0:
        verdict = "does not pass L"
    elif typical > most + 1e-9:
        verdict = "goes too far past L"
    elif typical < least - 1e-9:
        verdict = "too short a push past L"
    else:
        verdict = "just past L"
    digits = 2 if unit.strip() == "mm" else 1
    text = (
        f"{verdict}: the peak is {typical * span:.{digits}f}{unit} past L "
        f"({_percent(typical)} of A–L); grade V goes {least * span:.{digits}f}–"
        f"{most * span:.{digits}f}{unit} past L"
    )
    share = float(np.mean(distance == 0))
    return Criterion("excursion", typical, (least, most), credit, share >= MATCH_SHARE, text)


def _rise_criterion(rise: np.ndarray) -> Criterion:
    typical = float(np.median(rise))
    full, none = RISE_TIME_S
    credit = float(np.mean([_falling_credit(r, full, none) for r in rise]))
    verdict = "quick" if typical <= full else "too slow for a thrust"
    text = (
        f"{verdict}: rise time {typical * 1000:.0f} ms; a thrust rises in at most "
        f"{full * 1000:.0f} ms (a slow push of a second or more is a mobilisation)"
    )
    return Criterion("rise_time", typical, (0.0, full), credit, typical <= full, text, unit="s")


def _hold_criterion(hold: np.ndarray) -> Criterion:
    typical = float(np.median(hold))
    credit = float(np.mean(np.clip(hold / HOLD_MIN_S, 0.0, 1.0)))
    verdict = "held" if typical >= HOLD_MIN_S else "hold too short"
    text = f"{verdict}: {typical:.2f} s still at L before the push; at least {HOLD_MIN_S:g} s"
    return Criterion(
        "hold_at_L", typical, (HOLD_MIN_S, math.inf), credit, typical >= HOLD_MIN_S, text, "s"
    )


# ---------------------------------------------------------------- entry point


def score_performance(recording: Recording, target: Target) -> Marking:
    """Mark a recorded motion against the target grade's definition."""
    t, x = _resampled(recording)
    if target.choice.grade.is_thrust:
        return _score_thrust(target, t, x)
    return _score_oscillation(target, t, x)
