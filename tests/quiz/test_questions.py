"""The question generator: one right answer, reproducible, varied, never a repeat."""

import numpy as np
import pytest

from mobsim.model import Grade, GradeChoice, JointLibrary, Modifier, load_library
from mobsim.model.motion import FREQUENCY_RANGE, Oscillation, Thrust
from mobsim.quiz import LEVELS, Level, Marker, QuestionDeck, level_spec, perform
from mobsim.quiz.questions import QUIZ_FREQUENCY_RANGE

LIBRARY = load_library()
PER_LEVEL = 2500


def turning_points(question, rate=400.0):
    """(low, high) pairs of every half-cycle, read off the sampled motion itself."""
    motion = question.motion()
    period = 1.0 / question.frequency
    t = np.arange(0.0, len(question.lows) * period, 1.0 / rate)
    y = motion.angle(t)
    d = np.diff(y)
    turns = np.flatnonzero(np.sign(d[1:]) != np.sign(d[:-1])) + 1
    ext = y[turns]
    return np.minimum(ext[:-1], ext[1:]), np.maximum(ext[:-1], ext[1:])


@pytest.fixture(scope="module", params=list(Level), ids=lambda lv: lv.value)
def drawn(request):
    deck = QuestionDeck(request.param, LIBRARY, seed=2024)
    return request.param, [deck.draw() for _ in range(PER_LEVEL)]


def test_every_question_has_exactly_one_right_answer(drawn):
    level, questions = drawn
    for q in questions:
        rules = q.rulebook
        lows, highs = q.excursions()
        # Every rise and every fall the student sees is the true grade, and nothing else.
        assert rules.fits(q.choice, lows, highs, q.is_thrust), (q.seed, q.choice)
        for other in rules.choices():
            if other != q.choice:
                assert not np.any(
                    rules.definition(other).admits(
                        rules.fraction(lows), rules.fraction(highs), q.is_thrust
                    )
                )
    assert {q.grade for q in questions} == set(Grade)


def test_the_drawn_motion_itself_stays_inside_the_definition(drawn):
    _, questions = drawn
    for q in [q for q in questions if not q.is_thrust][:150]:
        lows, highs = turning_points(q)
        assert len(lows) >= 2 * len(q.lows) - 2
        # Sampling can only shave the peaks, so allow the sampling step inside the band.
        ids = {q.rulebook.identify(lo, hi) for lo, hi in zip(lows, highs, strict=True)}
        assert ids == {q.choice}, (q.seed, q.choice)
        c = q.condition
        assert c.start - 1e-9 <= lows.min() and highs.max() <= c.available_limit + 1e-9


def test_frequencies_come_from_one_range_shared_by_every_grade(drawn):
    _, questions = drawn
    for q in questions:
        if q.is_thrust:
            assert q.frequency is None
            assert 0.08 <= q.thrust_rise_s <= 0.15
            excursion = q.highs[0] - q.lows[0]
            assert 2 - 0.01 * q.condition.available_range <= excursion <= 5
            assert q.highs[0] <= q.joint.anatomical_limit + 1e-9
            assert isinstance(q.motion(), Thrust)
            continue
        lo, hi = QUIZ_FREQUENCY_RANGE
        assert lo <= q.frequency <= hi
        assert FREQUENCY_RANGE[0] <= q.frequency <= FREQUENCY_RANGE[1]
        assert isinstance(q.motion(), Oscillation)
    # One range shared by I–IV: every grade's frequencies span most of it.
    for grade in (Grade.I, Grade.II, Grade.III, Grade.IV):
        freqs = [q.frequency for q in questions if q.grade is grade]
        assert min(freqs) < lo + 0.2 and max(freqs) > hi - 0.2, grade


def test_r1_varies_per_question_and_pain_appears_above_basic(drawn):
    level, questions = drawn
    shares = {round(q.condition.resistance_fraction, 3) for q in questions}
    assert len(shares) > 100
    pained = [q for q in questions if q.condition.pain_onset is not None]
    if level is Level.BASIC:
        assert not pained
        return
    limited = [q for q in pained if q.condition.is_pain_limited]
    assert len(limited) > 0.05 * len(questions) and len(pained) > len(limited)
    for q in pained:
        assert Marker.P1 in q.markers and not q.is_thrust
        assert q.condition.pain_fraction < q.condition.resistance_fraction or not (
            q.condition.is_pain_limited
        )


def test_cycles_vary_by_about_ten_to_fifteen_percent(drawn):
    _, questions = drawn
    cvs = [
        np.std(q.highs - q.lows) / np.mean(q.highs - q.lows) for q in questions if not q.is_thrust
    ]
    assert 0.08 <= np.median(cvs) <= 0.15
    # No question is a steady, machine-like oscillation.
    assert min(cvs) > 0.02


def test_performers_vary_more_at_harder_levels():
    def spread(level):
        deck = QuestionDeck(level, LIBRARY, seed=11)
        amps = [
            np.mean(q.highs - q.lows) / q.condition.available_range
            for q in (deck.draw({Grade.II: 1.0}) for _ in range(300))
        ]
        return np.std(amps) / np.mean(amps)

    basic, standard, expert = (spread(lv) for lv in Level)
    assert basic < standard < expert


def test_levels_choose_joints_markers_and_grades(drawn):
    level, questions = drawn
    spec = LEVELS[level]
    for q in questions:
        pain = {Marker.P1} if q.condition.pain_onset is not None else set()
        assert q.markers == spec.markers | pain
        fraction = q.condition.limit_fraction
        if level is Level.BASIC:
            assert not q.condition.is_stiff
        else:
            assert 0.40 - 1e-9 <= fraction <= 0.90 + 1e-9
        assert q.choice in spec.choices
    if level is Level.EXPERT:
        asked = {q.choice for q in questions}
        assert GradeChoice(Grade.III, Modifier.MINUS_MINUS) not in asked
        assert GradeChoice(Grade.IV, Modifier.MINUS_MINUS) in asked
        assert GradeChoice(Grade.III, Modifier.PLUS) in asked
        assert spec.markers == {Marker.R1, Marker.L}  # depth inside R1–L is the skill


def test_markers_per_level():
    assert LEVELS[Level.BASIC].markers == {Marker.A, Marker.R1, Marker.L}
    assert Marker.R1 in LEVELS[Level.STANDARD].markers
    assert {Marker.R1, Marker.L} <= LEVELS[Level.EXPERT].markers


def test_same_seed_same_quiz_and_a_question_replays_from_its_seed():
    a = QuestionDeck(Level.STANDARD, LIBRARY, seed=99)
    b = QuestionDeck(Level.STANDARD, LIBRARY, seed=99)
    for _ in range(50):
        qa, qb = a.draw(), b.draw()
        assert (qa.item, qa.seed, qa.frequency) == (qb.item, qb.seed, qb.frequency)
        assert qa.condition == qb.condition
        np.testing.assert_array_equal(qa.lows, qb.lows)
        np.testing.assert_array_equal(qa.highs, qb.highs)
        again = perform(qa.joint, qa.choice, qa.seed, Level.STANDARD)
        np.testing.assert_array_equal(again.highs, qa.highs)
        assert again.condition == qa.condition
    c = QuestionDeck(Level.STANDARD, LIBRARY, seed=100)
    assert [c.draw().seed for _ in range(5)] != [
        QuestionDeck(Level.STANDARD, LIBRARY, seed=99).draw().seed for _ in range(5)
    ]


def test_the_same_item_never_comes_twice_in_a_row():
    deck = QuestionDeck(Level.BASIC, LIBRARY, seed=5)
    previous = None
    for i in range(2000):
        # Lean hard on one grade so repeats would be likely without the rule.
        q = deck.draw({Grade.IV: 1.0} if i % 2 else None)
        assert q.item != previous
        previous = q.item


def test_no_repeat_even_with_a_single_joint():
    knee = LIBRARY.get("knee")
    deck = QuestionDeck(Level.BASIC, JointLibrary({"knee": knee}, []), seed=3)
    items = [deck.draw({Grade.II: 1.0}).item for _ in range(200)]
    assert all(a != b for a, b in zip(items, items[1:], strict=False))


def test_weights_lean_the_draw():
    deck = QuestionDeck(Level.BASIC, LIBRARY, seed=8)
    grades = [deck.draw({Grade.I: 4.0, Grade.V: 1.0}).grade for _ in range(500)]
    assert set(grades) == {Grade.I, Grade.V}
    assert grades.count(Grade.I) > 2.5 * grades.count(Grade.V)


def test_level_spec_accepts_the_instructors_convention():
    from mobsim.model import Convention

    assert level_spec("standard", Convention.RESISTANCE).convention is Convention.RESISTANCE
    with pytest.raises(ValueError, match="expert"):
        level_spec("expert", Convention.QUARTILE)
    with pytest.raises(ValueError, match="unknown level"):
        level_spec("hard")
    deck = QuestionDeck(level_spec("basic", Convention.RESISTANCE), LIBRARY, seed=1)
    for _ in range(300):
        q = deck.draw()
        lows, highs = q.excursions()
        assert q.rulebook.fits(q.choice, lows, highs, q.is_thrust)


def test_bad_seed_is_refused():
    with pytest.raises(ValueError, match="seed"):
        QuestionDeck(Level.BASIC, LIBRARY, seed=-1)
