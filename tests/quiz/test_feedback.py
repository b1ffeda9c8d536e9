"""Feedback names the cue that separates the chosen grade from the true one."""

import re

import pytest

from mobsim.model import (
    Condition,
    Convention,
    Grade,
    GradeChoice,
    Modifier,
    band,
    load_library,
)
from mobsim.quiz import Cue, cue_between, explain

KNEE = load_library().get("knee")
STIFF = KNEE.stiff_condition(90)  # A 0°, R1 54°, L 90°
I, II, III, IV, V = (GradeChoice(g) for g in Grade)  # noqa: E741 (the grade is called I)


def feedback(true, chosen, convention=Convention.QUARTILE):
    return explain(true, chosen, band(true, KNEE, STIFF, convention), STIFF)


@pytest.mark.parametrize(
    "a,b,cue",
    [
        (I, II, Cue.AMPLITUDE),
        (III, IV, Cue.AMPLITUDE),
        (I, IV, Cue.POSITION),
        (II, III, Cue.POSITION),
        (I, III, Cue.BOTH),
        (II, IV, Cue.BOTH),
        (V, I, Cue.THRUST),
        (V, II, Cue.THRUST),
        (V, III, Cue.THRUST),
        (V, IV, Cue.THRUST),
    ],
)
def test_each_pair_has_its_cue_both_ways(a, b, cue):
    assert cue_between(a, b) is cue and cue_between(b, a) is cue
    for true, chosen in ((a, b), (b, a)):
        f = feedback(true, chosen)
        assert not f.correct
        assert f.cue == cue.value
        assert f"this was grade {true.display}, not {chosen.display}" in f.headline
        assert cue.value.split()[0] in f.explanation.lower()


def test_amplitude_feedback_says_small_and_large():
    f = feedback(II, I)
    assert "I is small" in f.explanation and "II is large" in f.explanation


def test_position_feedback_says_where_each_sits():
    f = feedback(IV, I)
    assert "near A" in f.explanation and "at L" in f.explanation
    f = feedback(III, II, Convention.RESISTANCE)
    assert "short of resistance" in f.explanation and "into resistance" in f.explanation


def test_feedback_gives_the_band_in_degrees_and_percent_of_available_range():
    b = band(IV, KNEE, STIFF)
    f = explain(IV, I, b, STIFF)
    assert f"{b.low:.0f}–{b.high:.0f}°" in f.explanation
    assert f"({100 * b.low_fraction:.0f}–100% of the available range 0–90°)" in f.explanation


def test_right_answer_is_said_and_explained():
    f = feedback(III, III)
    assert f.correct and f.cue == ""
    assert f.headline == "Right: grade III."
    assert "large" in f.explanation and "°" in f.explanation


def test_thrust_feedback_both_ways():
    f = feedback(V, IV)
    assert "single quick push" in f.explanation and "past" in f.explanation
    assert re.search(r"from L = 90° to 9\d°", f.explanation)
    f = feedback(IV, V)
    assert "kept oscillating" in f.explanation


def test_modifiers_differ_in_depth_into_resistance():
    true, chosen = GradeChoice(Grade.III, Modifier.PLUS), GradeChoice(Grade.III)
    f = feedback(true, chosen, Convention.RESISTANCE)
    assert cue_between(true, chosen) is Cue.DEPTH and f.cue == Cue.DEPTH.value
    # III+ ends 75 % of the way from R1 (54°) to L (90°) = 81°; III would end at 72°.
    assert "81°" in f.explanation and "72°" in f.explanation
    assert "R1 (54°)" in f.explanation
    assert f.headline == "Not quite: this was grade III+, not III."


def test_explanation_is_one_or_two_sentences():
    for true in (I, II, III, IV, V):
        for chosen in (I, II, III, IV, V):
            text = feedback(true, chosen).explanation
            assert 1 <= len(re.findall(r"[.!?](\s|$)", text)) <= 2, text


def test_feedback_carries_the_cycles_watched_beside_the_nominal_band():
    from mobsim.quiz import perform
    from mobsim.quiz.feedback import explain

    q = perform(KNEE, GradeChoice(Grade.III), seed=7)
    fb = explain(q.choice, GradeChoice(Grade.II), q.band(), q.condition, q.watched(seconds=3.0))
    assert fb.nominal == pytest.approx((q.band().low, q.band().high))
    n = len(fb.watched.lows)
    assert 1 <= n <= len(q.lows) and n == len(fb.watched.highs)
    assert list(fb.watched.highs) == pytest.approx(q.highs[:n])
    lo, hi = fb.watched.high_range
    assert q.condition.resistance_onset < lo <= hi <= q.condition.available_limit + 1e-9


@pytest.mark.parametrize("convention", list(Convention))
def test_short_of_p1_is_said_only_where_there_is_pain(convention):
    """I–II stop short of R1 and P1; a condition without pain (as every glide) names R1
    alone, so the feedback never points at a P1 the student was not shown."""
    painful = Condition.from_fractions(KNEE, 0.7, 0.6, 0.5)  # P1 at half of A–L
    assert painful.pain_onset is not None and STIFF.pain_onset is None
    with_pain = explain(II, I, band(II, KNEE, painful, convention), painful).explanation
    without = feedback(II, I, convention).explanation
    assert "P1" in with_pain
    assert "P1" not in without and "R1" in without
