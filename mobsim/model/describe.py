"""Plain-words description of a band: the on-screen caption and accessible text.

Every phrase is chosen from the band actually shown (where it ends relative to
R1, P1 and L), never from the grade's name alone, so the words cannot contradict
the picture. tests/model/test_words.py walks every case.
"""

from __future__ import annotations

import numpy as np

from mobsim.model.grades import Band, Grade
from mobsim.model.joints import Condition

EPS = 1e-6


def fmt_deg(value: float) -> str:
    """An angle as every read-out and label writes it: to a tenth, without a trailing
    ".0" (54.6°, 55°), so the control panel and the drawing never disagree."""
    value = round(value, 1)
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return ("0" if text in ("-0", "") else text) + "°"


def _amplitude(band: Band) -> str:
    return "large" if band.grade.is_large else "small"


def _short_of(band: Band, condition: Condition) -> str:
    """'short of resistance', 'short of pain and resistance' …, as the band is."""
    p1 = condition.pain_onset
    if p1 is not None and band.high < p1 - EPS:
        return "short of pain (P1) and resistance (R1)"
    return "short of resistance (R1)"


def _end(band: Band, condition: Condition) -> str:
    """Where an oscillation into resistance ends, as the band is."""
    if band.reaches_limit:
        return f"up to the limit L ({condition.limit_label})"
    r1, lim = condition.resistance_onset, condition.available_limit
    if abs(band.high - r1) <= EPS * max(1.0, abs(r1)):
        return "ending at R1, where resistance begins"
    depth = (band.high - r1) / (lim - r1)
    return f"ending {depth:.0%} of the way from R1 to L, short of the limit"


def what(band: Band, condition: Condition) -> str:
    """The band in words, e.g. 'small oscillation into resistance, up to the limit L (R2)'."""
    grade = band.grade
    if grade.is_thrust:
        text = "one small, fast thrust from the limit L just past it (manipulation)"
    elif grade.is_short_of_onset:
        where = "near the start of the available range" if grade is Grade.I else "in the free range"
        text = f"{_amplitude(band)} oscillation {where}, {_short_of(band, condition)}"
    elif grade is Grade.IV and band.reaches_limit:
        text = (
            "small oscillation at the end of the available range, "
            f"into resistance up to L ({condition.limit_label})"
        )
    else:
        text = f"{_amplitude(band)} oscillation into resistance, {_end(band, condition)}"
    if band.into_pain:
        text += ", into pain (past P1)"
    if band.note:
        text += f"; {band.note.rstrip('.')}"
    return text


def describe(band: Band, condition: Condition) -> str:
    """e.g. 'Grade IV: small oscillation into resistance, up to the limit L (R2)
    (81–90° of 0–90°; stiff joint, normal range to 130°)'."""
    lo, hi = condition.start, condition.available_limit
    where = f"{band.low:.0f}–{band.high:.0f}° of {lo:.0f}–{hi:.0f}°"
    if condition.is_stiff:
        where += f"; stiff joint, normal range to {condition.normal_end:.0f}°"
    return f"Grade {band.choice.display}: {what(band, condition)} ({where})"


def peak_to_peak(times: np.ndarray, angles: np.ndarray, window: float) -> float | None:
    """Peak-to-peak amplitude over the last `window` seconds of a trace.

    None until a full window has been recorded.
    """
    if len(times) < 2 or times[-1] - times[0] < window:
        return None
    recent = angles[times >= times[-1] - window]
    return float(recent.max() - recent.min())
