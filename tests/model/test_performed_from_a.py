"""Grades as a student performs them: the segment starts at A and is brought into place.

Grade V: from A up to L, a hold there, then the thrust. The push starts where the
hold ends, not at A (the approach to L has no turn back), and a push that moves in
pixel steps is still one push. I–IV: the approach to the band must not hide a small
oscillation after it."""

from __future__ import annotations

import numpy as np
import pytest

from mobsim.model import Condition, Convention, GradeChoice, load_library
from mobsim.model.accessory import condition_for
from mobsim.model.performance import Recording, Target, score_performance

LIB = load_library()
KNEE = LIB.get("knee")
GLIDE = LIB.techniques["knee-posterior-glide"]


def approach_hold_thrust(limit, excursion, approach_s=0.8, hold_s=1.0, rise_s=0.1, step=0.0):
    """A to L in `approach_s`, held, a raised-cosine push and back; `step` quantises."""
    t = np.arange(0.0, approach_s + hold_s + 2 * rise_s + 1.0, 1 / 120)
    x = np.minimum(t / approach_s, 1.0) * limit
    push = (t >= approach_s + hold_s) & (t < approach_s + hold_s + 2 * rise_s)
    phase = (t[push] - approach_s - hold_s) / rise_s  # 0..2: up, then down
    x[push] = limit + excursion * 0.5 * (1 - np.cos(np.pi * phase))
    if step:
        x = np.round(x / step) * step
    return Recording(t, x)


@pytest.mark.parametrize("step", [0.0, 0.1])
def test_a_thrust_after_an_approach_from_a_is_grade_v(step):
    condition = Condition.for_joint(KNEE, 90.0)
    marking = score_performance(
        approach_hold_thrust(90.0, 3.5, step=step),
        Target.of(GradeChoice.parse("V"), KNEE, condition, Convention.QUARTILE),
    )
    assert marking.grade_matched, marking.as_dict()
    assert marking.criteria["start_at_L"].passed
    assert marking.criteria["hold_at_L"].measured == pytest.approx(1.0, abs=0.1)
    assert 0.05 <= marking.criteria["rise_time"].measured <= 0.12


def test_a_glide_thrust_after_an_approach_is_grade_v_in_mm():
    condition = condition_for(GLIDE, 4.0)
    marking = score_performance(
        approach_hold_thrust(4.0, 0.5, step=0.01),
        Target.of(GradeChoice.parse("V"), GLIDE, condition, Convention.QUARTILE),
    )
    assert marking.grade_matched, marking.as_dict()
    excursion = marking.criteria["excursion"]
    assert excursion.measured * 4.0 == pytest.approx(0.5, abs=0.02)  # mm past L
    assert " mm past L" in excursion.feedback


def test_a_slow_push_in_steps_is_still_one_slow_push():
    condition = Condition.for_joint(KNEE, 90.0)
    marking = score_performance(
        approach_hold_thrust(90.0, 3.5, rise_s=1.2, step=0.1),
        Target.of(GradeChoice.parse("V"), KNEE, condition, Convention.QUARTILE),
    )
    assert not marking.grade_matched
    assert marking.criteria["rise_time"].measured > 0.8
    assert marking.criteria["rise_time"].feedback.startswith("too slow for a thrust")


def test_one_steady_movement_from_a_past_l_has_no_hold():
    condition = Condition.for_joint(KNEE, 90.0)
    t = np.arange(0.0, 3.0, 1 / 120)
    x = np.where(t < 2.0, t / 2.0 * 93.0, 93.0 - (t - 2.0) * 93.0)
    marking = score_performance(
        Recording(t, x), Target.of(GradeChoice.parse("V"), KNEE, condition, Convention.QUARTILE)
    )
    assert not marking.grade_matched
    assert not marking.criteria["hold_at_L"].passed


@pytest.mark.parametrize("grade", ["I", "IV"])
def test_a_small_oscillation_after_an_approach_from_a_is_marked(grade):
    """1 s from A to the band, then 7 s of the grade at 2 Hz (a glide stiff at 4 mm)."""
    from mobsim.model.accessory import accessory_band

    condition = condition_for(GLIDE, 4.0)
    band = accessory_band(GradeChoice.parse(grade), GLIDE, condition)
    t = np.arange(0.0, 8.0, 1 / 120)
    middle, half = (band.low + band.high) / 2, (band.high - band.low) / 2
    x = middle - half * np.cos(2 * np.pi * 2.0 * (t - 1.0))
    x = np.where(t < 1.0, t * band.low, x)
    marking = score_performance(
        Recording(t, np.round(x, 2)),
        Target.of(GradeChoice.parse(grade), GLIDE, condition, Convention.QUARTILE),
    )
    assert marking.grade_matched, marking.as_dict()
    assert marking.score >= 90
    assert marking.criteria["frequency"].measured == pytest.approx(2.0, rel=0.05)
