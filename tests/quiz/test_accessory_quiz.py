"""Accessory recognition questions: performed inside the definitions, marked in mm, kept by kind."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mobsim.model import load_library
from mobsim.model.definitions import Rulebook
from mobsim.model.grades import Grade, GradeChoice
from mobsim.model.kaltenborn import KaltenbornGrade, Zones, grade_of_hold, hold_region, target
from mobsim.quiz.accessory import (
    ACCESSORY,
    FREQUENCY_RANGE,
    KALTENBORN,
    AccessoryDeck,
    explain_accessory,
    perform_kaltenborn,
    perform_maitland,
)
from mobsim.quiz.levels import LEVELS, Level
from mobsim.quiz.store import Attempt, HistoryStore

TECHNIQUES = list(load_library().techniques.values())
techniques = st.sampled_from(TECHNIQUES)
seeds = st.integers(0, 2**32)
levels = st.sampled_from([Level.BASIC, Level.STANDARD])


@settings(max_examples=150, deadline=None)
@given(techniques, st.sampled_from([Grade.I, Grade.II, Grade.III, Grade.IV]), seeds, levels)
def test_every_cycle_lies_inside_the_grade_definition(technique, grade, seed, level):
    q = perform_maitland(technique, GradeChoice(grade), seed, level)
    spec = LEVELS[level]
    rules = Rulebook(q.condition, spec.convention, spec.modifiers, technique.margin)
    c = q.condition
    lows = (q.motion.lows - c.start) / c.available_range
    highs = (q.motion.highs - c.start) / c.available_range
    assert np.all(rules.definition(GradeChoice(grade)).admits(lows, highs))
    lo, hi = FREQUENCY_RANGE  # one shared range: tempo is no cue
    assert lo <= q.frequency_hz <= hi


@settings(max_examples=60, deadline=None)
@given(techniques, seeds)
def test_grade_v_is_a_thrust_from_l(technique, seed):
    q = perform_maitland(technique, GradeChoice(Grade.V), seed)
    assert q.motion.start == pytest.approx(q.condition.available_limit)
    assert q.condition.available_limit < q.motion.peak <= technique.anatomical_limit


@settings(max_examples=150, deadline=None)
@given(techniques, st.sampled_from(list(KaltenbornGrade)), seeds, levels)
def test_kaltenborn_hold_lies_in_its_region(technique, grade, seed, level):
    q = perform_kaltenborn(technique, grade, seed, level)
    zones = Zones.of(q.condition)
    assert grade_of_hold(q.motion.high, zones) is grade
    t, mm = q.samples(20.0, 50.0)
    assert mm.max() < zones.second_stop


@settings(max_examples=100, deadline=None)
@given(techniques, st.floats(0.4, 1.0), st.floats(0.5, 0.95))
def test_kaltenborn_regions_are_apart_and_hold_their_targets(technique, lf, tf):
    from mobsim.model.accessory import condition_for

    lim = lf * technique.available_mm
    zones = Zones.of(condition_for(technique, lim, tf * lim))
    regions = [hold_region(g, zones) for g in KaltenbornGrade]
    for (_, hi), (lo, _) in zip(regions, regions[1:], strict=False):
        assert hi < lo or hi == pytest.approx(zones.first_stop)
    for g in KaltenbornGrade:
        assert grade_of_hold(target(g, zones), zones) is g
    assert regions[1][1] == pytest.approx(zones.first_stop)  # II ends at the first stop
    assert regions[2][1] < zones.second_stop  # III never reaches the second stop


def test_feedback_names_the_cue_in_mm():
    knee = next(t for t in TECHNIQUES if t.id == "knee-posterior-glide")
    q = perform_maitland(knee, GradeChoice(Grade.I), 7)
    wrong = explain_accessory(q, "II")
    assert not wrong.correct and wrong.cue == "amplitude" and " mm" in wrong.explanation
    assert "°" not in wrong.explanation
    assert explain_accessory(q, "I").correct
    k = perform_kaltenborn(knee, KaltenbornGrade.III, 3)
    fb = explain_accessory(k, "II")
    assert not fb.correct and "first stop" in fb.explanation and "transition zone" in fb.explanation


def test_export_record_uses_translation_mm():
    q = perform_maitland(TECHNIQUES[0], GradeChoice(Grade.IV), 1)
    rec = q.record()
    assert "translation_mm" in rec and "angle_deg" not in rec
    assert len(rec["time_s"]) == len(rec["translation_mm"]) == 1201
    assert rec["kind"] == ACCESSORY and rec["grade"] == "IV"


def test_deck_never_repeats_and_draws_each_system():
    deck = AccessoryDeck(TECHNIQUES, KALTENBORN, seed=5)
    drawn = [deck.draw() for _ in range(30)]
    pairs = [(q.technique.id, q.answer) for q in drawn]
    assert all(a != b for a, b in zip(pairs, pairs[1:], strict=False))
    assert {q.answer for q in drawn} == {"I", "II", "III"}
    assert all(q.kind == KALTENBORN for q in drawn)


def test_history_keeps_accessory_answers_apart(tmp_path):
    store = HistoryStore.open(tmp_path)
    session = store.start_session("ana", "basic", "quartile", 1)
    q = perform_maitland(TECHNIQUES[0], GradeChoice(Grade.II), 2)
    attempt = Attempt(
        "ana",
        "basic",
        q.technique.id,
        q.condition.available_limit,
        q.condition.resistance_onset,
        "quartile",
        "II",
        "II",
        True,
        900,
        q.seed,
        kind=ACCESSORY,
    )
    store.record(session, attempt)
    assert store.summary("ana", kind=ACCESSORY).attempts == 1
    assert store.summary("ana").attempts == 0  # the angular recognition history is separate
    store.close()
