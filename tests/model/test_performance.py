"""Marking a performed grade (mobsim.model.performance): headless, no Qt."""

from __future__ import annotations

import numpy as np
import pytest

from mobsim.model import Condition, Convention, GradeChoice, band, load_library
from mobsim.model.motion import Oscillation, Thrust, motion_for, trace
from mobsim.model.performance import (
    Recording,
    RecordingError,
    Target,
    score_performance,
    turning_points,
)

LIB = load_library()
KNEE = LIB.get("knee")
GRADES = ["I", "II", "III", "IV", "V"]
CONDITIONS = {
    "normal": Condition.for_joint(KNEE),
    "stiff": Condition.for_joint(KNEE, 90.0),
}


def target(grade: str, condition: Condition, convention=Convention.QUARTILE) -> Target:
    return Target(GradeChoice.parse(grade), condition, convention, KNEE.margin)


def perfect(grade: str, condition: Condition, convention=Convention.QUARTILE, seconds=10.0):
    t, x = trace(motion_for(band(GradeChoice.parse(grade), KNEE, condition, convention)), seconds)
    return Recording(t, x)


def human_like(grade: str, condition: Condition, convention, seed: int, cv: float = 0.12):
    """A performer's cycles: amplitude CV `cv`, position SD `cv` of the amplitude.

    III and IV push their end around L, but the joint stops at L (clipped); I and II
    wander about their centre. The frequency wobbles by the same CV.
    """
    rng = np.random.default_rng(seed)
    nominal = band(GradeChoice.parse(grade), KNEE, condition, convention)
    n = 30
    amp = nominal.amplitude * (1 + cv * rng.standard_normal(n))
    if grade in ("III", "IV"):
        highs = np.minimum(
            nominal.high - cv * nominal.amplitude * rng.standard_normal(n), nominal.high
        )
        highs = np.minimum(highs, condition.available_limit)
        lows = highs - amp
    else:
        centre = nominal.centre + cv * nominal.amplitude * rng.standard_normal(n)
        lows, highs = centre - amp / 2, centre + amp / 2
        lows = np.maximum(lows, condition.start)
    base = 2.0 if grade in ("I", "IV") else 1.0
    # Uneven cycle lengths: time-warp one steady oscillation by a smooth jitter.
    t = np.arange(0, 10.0, 0.01)
    warp = np.cumsum(1 + cv * np.interp(t, np.linspace(0, 10, 25), rng.standard_normal(25))) * 0.01
    x = Oscillation(lows, highs, base).angle(warp)
    return Recording(t, x)


@pytest.mark.parametrize("convention", list(Convention))
@pytest.mark.parametrize("condition", CONDITIONS.values(), ids=CONDITIONS.keys())
@pytest.mark.parametrize("grade", GRADES)
def test_a_perfect_trace_of_each_grade_scores_high_and_matches(grade, condition, convention):
    marking = score_performance(
        perfect(grade, condition, convention), target(grade, condition, convention)
    )
    assert marking.score >= 90
    assert marking.grade_matched
    assert marking.performed_as == grade
    assert not marking.failed


@pytest.mark.parametrize("convention", list(Convention))
@pytest.mark.parametrize("condition", CONDITIONS.values(), ids=CONDITIONS.keys())
@pytest.mark.parametrize("asked", GRADES)
@pytest.mark.parametrize("done", GRADES)
def test_a_trace_of_another_grade_scores_low_and_names_what_failed(
    asked, done, condition, convention
):
    if asked == done:
        return
    marking = score_performance(
        perfect(done, condition, convention), target(asked, condition, convention)
    )
    assert marking.score <= 40
    assert not marking.grade_matched
    assert marking.failed


def test_grade_i_performed_when_iii_asked_says_amplitude_too_small():
    condition = CONDITIONS["stiff"]
    marking = score_performance(perfect("I", condition), target("III", condition))
    amplitude = marking.criteria["amplitude"]
    assert not amplitude.passed
    assert amplitude.feedback.startswith("amplitude too small")
    assert marking.criteria["high_end"].feedback.startswith("high end too early")
    assert marking.performed_as == "I"


def test_grade_iv_performed_when_iii_asked_fails_on_amplitude_not_position():
    condition = CONDITIONS["stiff"]
    marking = score_performance(perfect("IV", condition), target("III", condition))
    assert marking.failed == ["amplitude"]
    assert marking.score <= 40


@pytest.mark.parametrize("convention", list(Convention))
@pytest.mark.parametrize("grade", ["I", "II", "III", "IV"])
@pytest.mark.parametrize("seed", range(5))
def test_a_jittered_human_like_trace_of_the_right_grade_scores_at_least_75(grade, convention, seed):
    condition = CONDITIONS["stiff"]
    recording = human_like(grade, condition, convention, seed)
    marking = score_performance(recording, target(grade, condition, convention))
    assert marking.score >= 75, marking.as_dict()
    assert marking.grade_matched


def test_the_human_like_traces_really_vary_by_10_to_15_percent():
    condition = CONDITIONS["stiff"]
    measured = [
        score_performance(
            human_like(grade, condition, Convention.QUARTILE, seed), target(grade, condition)
        )
        .criteria["regularity"]
        .measured
        for grade in ("I", "II", "III", "IV")
        for seed in range(5)
    ]
    assert 0.10 <= np.median(measured) <= 0.20


def test_sensor_noise_does_not_make_cycles():
    condition = CONDITIONS["stiff"]
    clean = perfect("II", condition)
    rng = np.random.default_rng(3)
    noisy = Recording(clean.times, clean.positions + rng.normal(0, 0.4, clean.positions.shape))
    marking = score_performance(noisy, target("II", condition))
    assert marking.grade_matched
    assert marking.criteria["frequency"].measured == pytest.approx(1.0, rel=0.03)
    assert marking.criteria["smoothness"].passed
    assert marking.score >= 90


def test_a_wobbling_stroke_is_marked_jerky():
    condition = CONDITIONS["stiff"]
    clean = perfect("III", condition)
    t = clean.times
    wobble = 3.0 * np.sin(2 * np.pi * 7 * t)  # 7 Hz, ±3°: a shaky hand
    marking = score_performance(Recording(t, clean.positions + wobble), target("III", condition))
    smooth = marking.criteria["smoothness"]
    assert not smooth.passed
    assert smooth.feedback.startswith("jerky")


def test_a_still_segment_has_no_oscillation_to_mark():
    condition = CONDITIONS["normal"]
    t = np.linspace(0, 5, 501)
    marking = score_performance(Recording(t, np.full_like(t, 40.0)), target("II", condition))
    assert marking.score == 0
    assert not marking.grade_matched
    assert "no steady oscillation" in marking.criteria["oscillation"].feedback


def test_too_slow_an_oscillation_fails_frequency():
    condition = CONDITIONS["normal"]
    nominal = band(GradeChoice.parse("II"), KNEE, condition)
    t, x = trace(Oscillation.steady(nominal.low, nominal.high, 0.5), 20)
    slow = np.interp(t * 0.5, t, x)  # 0.25 Hz
    marking = score_performance(Recording(t, slow), target("II", condition))
    freq = marking.criteria["frequency"]
    assert not freq.passed and freq.feedback.startswith("too slow")
    assert not marking.grade_matched


def test_a_slow_push_past_l_is_not_a_thrust():
    condition = CONDITIONS["stiff"]
    nominal = band(GradeChoice.parse("V"), KNEE, condition)
    # Stretch the rise 5×: a 0.75 s push is a mobilisation.
    slow = Thrust(nominal.low, nominal.high, 6.0, 0.15, 0.25)
    t, x = trace(slow, 12)
    x = np.interp(t, t * 5, x)
    marking = score_performance(Recording(t, x), target("V", condition))
    assert not marking.criteria["rise_time"].passed
    assert not marking.grade_matched


def test_a_thrust_without_a_hold_at_l_loses_the_hold():
    condition = CONDITIONS["stiff"]
    nominal = band(GradeChoice.parse("V"), KNEE, condition)
    # The model's thrust always holds a preload ≥ 0.5 s, so cut each repeat to 1 s:
    # 0.28 s at L, then the 0.12 s rise and 0.6 s return.
    thrust = Thrust(nominal.low, nominal.high, 2.5, 0.12, 0.6, preload_s=1.5)
    t = np.arange(0, 10, 0.01)
    x = thrust.angle(thrust.impulse_time - 0.28 + np.mod(t, 1.0))
    marking = score_performance(Recording(t, x), target("V", condition))
    hold = marking.criteria["hold_at_L"]
    assert not hold.passed and hold.feedback.startswith("hold too short")
    assert not marking.grade_matched


@pytest.mark.parametrize(
    ("times", "positions", "words"),
    [
        ([0, 1, 0.5, 3], [1, 2, 3, 4], "time does not increase"),
        ([0, 1, 2, 3], [1, float("nan"), 3, 4], "not a finite number"),
        ([0, 0.5, 1.0, 1.5], [1, 2, 3, 4], "at least 2 s"),
        ([0, 3], [1], "equal length"),
    ],
)
def test_bad_recordings_are_refused_with_one_clear_reason(times, positions, words):
    with pytest.raises(RecordingError, match=words):
        Recording(np.array(times, float), np.array(positions, float))


def test_turning_points_ignore_reversals_below_the_threshold():
    x = np.array([0, 1, 0.8, 2, 5, 4.9, 3, 1, 1.2, 0, 4])
    assert turning_points(x, 1.5).tolist() == [4, 9]
