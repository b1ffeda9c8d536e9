"""Adaptive practice: missed grades and confusion pairs come back more often."""

import numpy as np

from mobsim.model import Grade, load_library
from mobsim.quiz import HistoryStore, Leitner, Session
from mobsim.quiz.practice import FLOOR

LIBRARY = load_library()
SWAP = {Grade.II: Grade.III, Grade.III: Grade.II}


def play(answer, seed, questions=60, store=None, profile="student"):
    """Grades asked in one seeded session answered by `answer(true_grade)`."""
    session = Session(
        LIBRARY, "basic", seed=seed, questions=questions, store=store, profile=profile
    )
    asked = []
    while True:
        asked.append(session.question.grade)
        session.answer(answer(session.question.grade), 1500)
        if session.next() is None:
            return asked


def share(grades, of):
    return np.mean([g in of for g in grades])


def test_a_student_who_confuses_ii_and_iii_gets_more_ii_and_iii():
    confuser, neutral = [], []
    for seed in range(20):
        confuser += play(lambda g: SWAP.get(g, g), seed)
        neutral += play(lambda g: g, seed)
    pair = {Grade.II, Grade.III}
    assert share(neutral, pair) < 0.5  # 2 of 5 grades: about 40 %
    assert share(confuser, pair) > 0.6
    assert share(confuser, pair) > share(neutral, pair) + 0.2
    # Every grade keeps appearing for the confuser (the floor weight).
    for g in Grade:
        assert confuser.count(g) >= 0.04 * len(confuser), g


def test_a_mastered_grade_keeps_its_floor_weight():
    leitner = Leitner()
    for _ in range(10):
        leitner.record(Grade.I, Grade.I)
    weights = leitner.weights()
    assert weights[Grade.I] == FLOOR > 0
    assert weights[Grade.II] == 1.0


def test_a_miss_demotes_the_true_grade_and_the_one_chosen_instead():
    leitner = Leitner()
    for g in Grade:
        for _ in range(4):
            leitner.record(g, g)
    assert set(leitner.boxes.values()) == {5}
    leitner.record(Grade.III, Grade.II)  # III taken for II
    assert leitner.boxes[Grade.III] == 1
    assert leitner.boxes[Grade.II] == 4
    assert leitner.boxes[Grade.I] == 5
    w = leitner.weights()
    assert w[Grade.III] > w[Grade.II] > w[Grade.I]


def test_free_text_labels_of_later_kinds_are_ignored():
    leitner = Leitner.replay([("I-II", "refer"), ("IV+", "IV+"), ("IV", "refer")])
    assert leitner.boxes[Grade.IV] == 1  # right once, then missed
    assert leitner.boxes[Grade.I] == 1


def test_the_profiles_history_carries_into_the_next_session():
    store = HistoryStore.in_memory()
    play(lambda g: SWAP.get(g, g), seed=1, store=store, profile="ana")
    play(lambda g: g, seed=1, store=store, profile="ben")
    ana = Session(LIBRARY, "basic", seed=2, store=store, profile="ana").weights()
    ben = Session(LIBRARY, "basic", seed=2, store=store, profile="ben").weights()
    assert ana[Grade.II] == ana[Grade.III] == 1.0
    assert ana[Grade.I] < 1.0
    assert ben[Grade.II] == ben[Grade.I]
    # A session that is not adaptive asks evenly.
    assert Session(LIBRARY, "basic", store=store, profile="ana", adaptive=False).weights() is None
