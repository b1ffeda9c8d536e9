"""Plain-words description of a band: the on-screen caption and accessible text."""

from __future__ import annotations

import numpy as np

from mobsim.model.grades import Band, Convention, Grade
from mobsim.model.joints import Condition

_WHAT = {
    Grade.I: "small oscillation at the start of the available range, short of resistance",
    Grade.II: "large oscillation in the free part of the range, short of resistance",
    Grade.III: "large oscillation carried into resistance, up to the end of the available range",
    Grade.IV: "small oscillation at the end of the available range, into resistance",
    Grade.V: "one small, fast thrust from the limit just past it (manipulation)",
}
_WHAT_RESISTANCE = {
    Grade.III: "large oscillation from before R1 {} resistance",
    Grade.IV: "small oscillation {} resistance",
}


def what(band: Band) -> str:
    if band.convention is Convention.RESISTANCE and band.grade in _WHAT_RESISTANCE:
        modifier = band.choice.modifier
        reach = "up to" if modifier.depth == 0 else "into"
        return f"{_WHAT_RESISTANCE[band.grade].format(reach)}, ending {modifier.end_phrase}"
    return _WHAT[band.grade]


def describe(band: Band, condition: Condition) -> str:
    """e.g. 'Grade IV: small oscillation at the end of the available range, into
    resistance (80–90° of 0–90°)'."""
    lo, hi = condition.start, condition.available_limit
    where = f"{band.low:.0f}–{band.high:.0f}° of {lo:.0f}–{hi:.0f}°"
    if condition.is_stiff:
        where += f"; stiff joint, normal range to {condition.normal_end:.0f}°"
    return f"Grade {band.choice.display}: {what(band)} ({where})"


def peak_to_peak(times: np.ndarray, angles: np.ndarray, window: float) -> float | None:
    """Peak-to-peak amplitude over the last `window` seconds of a trace.

    None until a full window has been recorded.
    """
    if len(times) < 2 or times[-1] - times[0] < window:
        return None
    recent = angles[times >= times[-1] - window]
    return float(recent.max() - recent.min())
