"""Glides in the recognition quiz: a share of the motion questions, kept apart by kind."""

import csv

import numpy as np
import pytest

from mobsim.content import load_vignettes
from mobsim.model import load_library
from mobsim.model.grades import GradeChoice
from mobsim.quiz import HistoryStore
from mobsim.quiz.accessory import ACCESSORY, KALTENBORN
from mobsim.quiz.export import quiz_records
from mobsim.quiz.mixed import CASE, RECOGNITION, MixedQuiz
from mobsim.quiz.store import export_history

LIB = load_library()
VIGNETTES = load_vignettes(joints=LIB).vignettes


def truth(quiz: MixedQuiz) -> str:
    if quiz.is_glide:
        return quiz.glide_question.answer
    return quiz.question.choice.label


def other(label: str, kaltenborn: bool) -> str:
    """A wrong answer of the same system."""
    base = label.rstrip("+-")
    return ("II" if base != "II" else "I") if kaltenborn else ("II" if base != "II" else "III")


def play(quiz: MixedQuiz, right: bool):
    if quiz.kind == CASE:
        return quiz.answer_case(quiz.vignette.answer, 500)
    label = truth(quiz)
    kaltenborn = quiz.kind == KALTENBORN
    return quiz.answer(label if right else other(label, kaltenborn), 700)


def run(quiz: MixedQuiz, n: int, right=lambda i: True) -> list[str]:
    kinds = []
    for i in range(n):
        kinds.append(quiz.kind)
        assert play(quiz, right(i)) is not None
        if quiz.next() is None:
            break
    return kinds


@pytest.mark.parametrize("share", [0.25, 0.5, 1.0])
def test_the_glide_share_is_a_share_of_the_motion_questions(share):
    quiz = MixedQuiz(LIB, seed=4, questions=400, accessory_ratio=share)
    kinds = run(quiz, 400)
    assert set(kinds) <= {RECOGNITION, ACCESSORY}
    assert kinds.count(ACCESSORY) / len(kinds) == pytest.approx(share, abs=0.07)


def test_adding_glides_never_moves_the_cases_of_a_seed():
    plain = MixedQuiz(LIB, seed=8, questions=60, case_ratio=0.25, vignettes=VIGNETTES)
    mixed = MixedQuiz(
        LIB, seed=8, questions=60, case_ratio=0.25, vignettes=VIGNETTES, accessory_ratio=0.5
    )
    cases = lambda kinds: [k == CASE for k in kinds]  # noqa: E731
    with_glides = run(mixed, 60)
    assert cases(run(plain, 60)) == cases(with_glides)
    assert {RECOGNITION, ACCESSORY, CASE} <= set(with_glides)


def test_kaltenborn_glides_answer_i_to_iii_only():
    quiz = MixedQuiz(LIB, seed=3, questions=30, accessory_ratio=1.0, grading=KALTENBORN)
    assert quiz.kind == KALTENBORN and quiz.glide_question.choices == ("I", "II", "III")
    assert quiz.answer("IV", 500) is None and not quiz.answered  # no Kaltenborn IV
    answers = {quiz.glide_question.answer}
    for _ in range(29):
        play(quiz, True)
        quiz.next()
        answers.add(quiz.glide_question.answer)
    assert answers == {"I", "II", "III"}


def test_glide_answers_are_stored_by_kind_summarised_apart_and_exported(tmp_path):
    store = HistoryStore.open(tmp_path)
    quiz = MixedQuiz(LIB, seed=6, questions=30, profile="ana", store=store, accessory_ratio=0.5)
    kinds = run(quiz, 30, right=lambda i: i % 3 != 0)
    by_kind = quiz.summaries_by_kind()
    assert by_kind[ACCESSORY].attempts == kinds.count(ACCESSORY) > 0
    assert by_kind[RECOGNITION].attempts == kinds.count(RECOGNITION) > 0
    assert by_kind[CASE].attempts == 0
    assert store.summary("ana", kind=RECOGNITION).attempts == kinds.count(RECOGNITION)
    assert quiz.score.answered == 30
    assert quiz.score.correct == sum(s.correct for s in by_kind.values())
    store.close()
    out = tmp_path / "history.csv"
    export_history(tmp_path, out)
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    glides = [r for r in rows if r["kind"] == ACCESSORY]
    assert len(glides) == kinds.count(ACCESSORY)
    assert all(r["joint"] in LIB.techniques for r in glides)


def test_undo_takes_back_a_glide_answer_and_shows_it_again(tmp_path):
    store = HistoryStore.open(tmp_path)
    quiz = MixedQuiz(LIB, seed=2, questions=5, profile="bo", store=store, accessory_ratio=1.0)
    q = quiz.glide_question
    feedback = quiz.answer(other(q.answer, False), 800)
    assert (
        not feedback.correct and " mm" in feedback.explanation and "°" not in feedback.explanation
    )
    assert store.summary("bo", kind=ACCESSORY).attempts == 1
    assert quiz.undo() == ACCESSORY
    assert quiz.glide_question is q and not quiz.answered
    assert store.summary("bo", kind=ACCESSORY).attempts == 0
    assert quiz.answer(q.answer, 800).correct
    store.close()


def test_missed_glide_grades_come_back_more_often():
    """Leitner boxes per kind: a grade always missed is asked more than the others."""
    quiz = MixedQuiz(LIB, seed=12, questions=300, accessory_ratio=1.0)
    asked = []
    for _ in range(300):
        label = quiz.glide_question.answer.rstrip("+-")
        asked.append(label)
        quiz.answer(label if label != "III" else "II", 500)  # III is always missed
        if quiz.next() is None:
            break
    shares = {g: asked.count(g) / len(asked) for g in ("I", "II", "III", "IV", "V")}
    # III (missed) comes most; II (taken for it) is practised too; the rest least.
    assert shares["III"] == max(shares.values())
    assert shares["III"] > 1.5 * max(shares[g] for g in ("I", "IV", "V"))


def test_the_export_asks_what_the_quiz_asks():
    """--export-quiz with a glide share: the same kinds, techniques and grades, in order
    (the export has no history, so it matches a quiz that does not adapt)."""
    quiz = MixedQuiz(LIB, "standard", seed=21, questions=40, accessory_ratio=0.5, adaptive=False)
    asked = []
    for _ in range(40):
        q = quiz.glide_question if quiz.is_glide else quiz.question
        joint = q.technique.id if quiz.is_glide else q.joint.id
        asked.append((quiz.kind, joint, truth(quiz)))
        play(quiz, True)
        quiz.next()
    records = quiz_records(LIB, "standard", 21, 40, 20.0, 1.0, 0.5, ACCESSORY)
    assert [(r["kind"], r["joint"], r["grade"]) for r in records] == asked


def test_an_accessory_line_has_what_it_needs():
    glide, angle = None, None
    for r in quiz_records(LIB, "expert", 5, 20, 50.0, 4.0, 0.5, ACCESSORY):
        if r["kind"] == ACCESSORY:
            glide = glide or r
        else:
            angle = angle or r
    assert glide and angle
    for field in ("joint", "grade", "convention", "limiting_factor", "markers", "frequency_hz"):
        assert field in glide and field in angle
    for name in ("start", "normal_end", "limit", "resistance_onset", "pain_onset"):
        assert f"{name}_mm" in glide and f"{name}_deg" not in glide
        assert f"{name}_deg" in angle
    assert "translation_mm" in glide and "angle_deg" not in glide
    assert glide["unit"] == "mm" and glide["grading"] == "maitland"
    assert glide["markers"] == ["R1", "L"]  # the expert level's markers
    assert len(glide["time_s"]) == len(glide["translation_mm"]) == 201
    GradeChoice.parse(glide["grade"])
    assert glide["joint"] in LIB.techniques


def test_r1_varies_per_glide_question_and_tempo_is_one_shared_range():
    records = [r for r in quiz_records(LIB, "basic", 9, 120, 10.0, 1.0, 1.0, ACCESSORY)]
    shares = np.array([r["resistance_onset_mm"] / r["limit_mm"] for r in records])
    assert shares.min() >= 0.5 - 1e-9 and shares.max() <= 0.8 + 0.01
    assert shares.max() - shares.min() > 0.2  # not a fixed share of L
    freqs = {}
    for r in records:
        if r["frequency_hz"] is not None:
            freqs.setdefault(r["grade"], []).append(r["frequency_hz"])
    for fs in freqs.values():
        assert min(fs) >= 0.7 and max(fs) <= 2.5
    lows = [min(fs) for fs in freqs.values()]
    highs = [max(fs) for fs in freqs.values()]
    assert max(lows) < 1.2 and min(highs) > 2.0  # every grade is seen slow and fast
