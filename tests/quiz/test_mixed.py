"""Mixed quizzes: recognition and case questions at a ratio, one history, own statistics."""

import pytest

from mobsim.content import CaseAnswer, load_vignettes
from mobsim.model import load_library
from mobsim.quiz import HistoryStore
from mobsim.quiz.mixed import CASE, RECOGNITION, MixedQuiz

LIB = load_library()
VIGNETTES = load_vignettes(joints=LIB).vignettes


def play(quiz: MixedQuiz, right: bool):
    if quiz.kind == CASE:
        truth = quiz.vignette.answer
        wrong = (
            CaseAnswer.REFER_MEDICAL if truth is not CaseAnswer.REFER_MEDICAL else CaseAnswer.I_II
        )
        return quiz.answer_case(truth if right else wrong, 1200)
    truth = quiz.question.choice
    return quiz.answer(truth if right else ("II" if truth.label != "II" else "III"), 900)


@pytest.mark.parametrize("ratio", [0.25, 0.5])
def test_ratio_is_respected_over_a_long_quiz(ratio):
    quiz = MixedQuiz(LIB, "basic", seed=4, questions=400, case_ratio=ratio, vignettes=VIGNETTES)
    kinds = []
    while True:
        kinds.append(quiz.kind)
        play(quiz, True)
        if quiz.next() is None:
            break
    assert len(kinds) == 400
    share = kinds.count(CASE) / len(kinds)
    assert share == pytest.approx(ratio, abs=0.07)


def test_no_cases_without_a_ratio_and_only_cases_at_one():
    assert MixedQuiz(LIB, seed=1, vignettes=VIGNETTES).kind == RECOGNITION
    only = MixedQuiz(LIB, seed=1, case_ratio=1.0, vignettes=VIGNETTES, questions=10)
    for _ in range(10):
        assert only.kind == CASE
        play(only, True)
        only.next()
    with pytest.raises(ValueError):
        MixedQuiz(LIB, case_ratio=0.5, vignettes=[])


def test_case_answers_are_stored_with_their_own_statistics(tmp_path):
    store = HistoryStore.open(tmp_path)
    quiz = MixedQuiz(
        LIB, seed=9, questions=40, case_ratio=0.5, vignettes=VIGNETTES, profile="kai", store=store
    )
    answered = {RECOGNITION: [0, 0], CASE: [0, 0]}
    for i in range(40):
        right = i % 3 != 0
        kind = quiz.kind
        feedback = play(quiz, right)
        assert feedback.correct is right
        answered[kind][0] += 1
        answered[kind][1] += int(right)
        quiz.next()
    recognition, cases = quiz.summaries()
    assert (recognition.attempts, recognition.correct) == tuple(answered[RECOGNITION])
    assert (cases.attempts, cases.correct) == tuple(answered[CASE])
    assert set(cases.per_grade) <= {a.value for a in CaseAnswer}
    assert quiz.score.answered == 40
    # Stored: a fresh store on the same folder sees the same numbers.
    store.close()
    again = HistoryStore.open(tmp_path)
    assert again.summary("kai", kind=CASE).attempts == answered[CASE][0]


def test_undo_takes_back_either_kind():
    quiz = MixedQuiz(LIB, seed=2, questions=20, case_ratio=0.5, vignettes=VIGNETTES)
    seen = []
    while len(seen) < 6:
        seen.append(quiz.kind)
        play(quiz, False)
        quiz.next()
    for kind in reversed(seen):
        assert quiz.undo() == kind
        assert quiz.kind == kind and not quiz.answered
    assert quiz.undo() is None
    assert quiz.score.answered == 0
    assert quiz.summaries()[1].attempts == 0


def test_case_feedback_carries_rationale_source_and_play():
    quiz = MixedQuiz(LIB, seed=3, case_ratio=1.0, vignettes=VIGNETTES)
    while quiz.vignette.play_grade is None:
        play(quiz, True)
        quiz.next()
    v = quiz.vignette
    feedback = quiz.answer_case(CaseAnswer.REFER_MEDICAL, 500)
    assert not feedback.correct and feedback.rationale and feedback.source
    assert feedback.play is not None and feedback.play.joint_id == v.joint_id
    assert quiz.answer_case(v.answer, 500) is None  # one answer per question


def test_history_from_before_the_split_still_loads_and_is_tabulated(tmp_path):
    """Rows stored as "refer" (before the six options) keep their place in a summary."""
    from mobsim.content import answer_label, stored_answer_values
    from mobsim.quiz import Attempt

    store = HistoryStore.open(tmp_path)
    quiz = MixedQuiz(LIB, seed=5, case_ratio=1.0, vignettes=VIGNETTES, profile="old", store=store)
    sid = quiz.recognition.session_id
    old = Attempt(
        "old", "basic", "hip", 125.0, 75.0, "quartile", "refer", "I-II", False, 900, 0, CASE
    )
    store.record(sid, old)
    play(quiz, True)
    store.close()
    again = HistoryStore.open(tmp_path)
    summary = again.summary("old", kind=CASE)
    assert summary.attempts >= 1
    seen = {label for pair in summary.confusion for label in pair}
    columns = stored_answer_values(seen)
    assert columns[-1] == "refer" and "refer-medical" in columns
    assert answer_label("refer").endswith("(older answer)")
