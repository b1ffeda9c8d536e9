"""A quiz session: answer once, feedback, next, undo, finish, score and summary."""

import sqlite3

import pytest

from mobsim.model import Grade, GradeChoice, load_library
from mobsim.quiz import HistoryStore, Session

LIBRARY = load_library()


def wrong_for(choice):
    return GradeChoice(Grade.I if choice.grade is not Grade.I else Grade.II)


def test_answer_marks_stores_and_refuses_a_second_answer():
    store = HistoryStore.in_memory()
    s = Session(LIBRARY, "standard", seed=4, questions=3, store=store, profile="ana")
    q = s.question
    assert s.can_answer and s.feedback is None and s.number == 1
    f = s.answer(q.choice, 1234.4)
    assert f.correct and s.feedback is f
    # A held key or a second press cannot answer again.
    assert s.answer(wrong_for(q.choice), 10) is None
    assert s.score.answered == 1 and s.score.correct == 1
    assert store.count() == 1
    assert s.results[-1].response_ms == 1234


def test_next_waits_for_an_answer_and_the_quiz_ends_after_n():
    s = Session(LIBRARY, "basic", seed=1, questions=3)
    first = s.question
    assert s.next() is first  # no skipping an unanswered question
    seen = []
    while True:
        seen.append(s.question)
        s.answer(s.question.choice, 900)
        nxt = s.next()
        if nxt is None:
            break
        assert nxt is not seen[-1] and nxt.item != seen[-1].item
    assert len(seen) == 3 and s.finished and s.remaining == 0


def test_until_i_stop_never_finishes():
    s = Session(LIBRARY, "expert", seed=1, questions=None)
    for _ in range(40):
        s.answer(s.question.choice, 700)
        assert s.next() is not None
    assert not s.finished and s.remaining is None


def test_undo_takes_back_the_last_answer_and_shows_that_question_again():
    store = HistoryStore.in_memory()
    s = Session(LIBRARY, "basic", seed=9, questions=2, store=store)
    q1 = s.question
    s.answer(wrong_for(q1.choice), 800)
    assert store.count() == 1 and s.score.correct == 0
    # Undo right after answering: the same question, answerable again.
    assert s.undo() is q1
    assert s.can_answer and s.score.answered == 0 and store.count() == 0
    assert s.answer(q1.choice, 900).correct
    # Undo from the next (unanswered) question goes back to q1.
    q2 = s.next()
    assert q2 is not q1
    assert s.undo() is q1 and s.question is q1 and s.number == 1
    assert store.count() == 0
    s.answer(q1.choice, 900)
    s.next()
    s.answer(s.question.choice, 900)
    assert s.finished and s.score.correct == 2 and store.count() == 2
    # Undo at the end reopens the last question.
    s.undo()
    assert not s.finished and store.count() == 1
    assert Session(LIBRARY, "basic", seed=1).undo() is None  # nothing to undo


def test_answers_can_be_grades_keys_or_labels():
    s = Session(LIBRARY, "basic", seed=2, questions=3)
    s.answer(s.question.choice.grade, 500)
    s.next()
    s.answer(s.question.choice.label, 500)
    assert s.score.correct == 2


def test_summary_numbers_match_what_was_answered():
    store = HistoryStore.in_memory()
    s = Session(LIBRARY, "basic", seed=3, questions=10, store=store, profile="ana")
    truth, chosen = [], []
    for i in range(10):
        q = s.question
        answer = q.choice if i % 3 else wrong_for(q.choice)
        truth.append(q.choice.label)
        chosen.append(answer.label)
        s.answer(answer, 1000 + 100 * i)
        s.next()
    summary = s.summary()
    assert summary.attempts == 10
    assert summary.correct == sum(t == c for t, c in zip(truth, chosen, strict=True)) == 6
    assert summary.accuracy == pytest.approx(0.6)
    assert summary.mean_response_ms == pytest.approx(1450)
    for t in set(truth):
        tally = summary.per_grade[t]
        assert tally.attempts == truth.count(t)
        assert tally.correct == sum(
            1 for a, b in zip(truth, chosen, strict=True) if a == t and b == t
        )
    labels, rows = summary.matrix()
    assert sum(map(sum, rows)) == 10
    assert sum(rows[i][i] for i in range(len(labels))) == 6
    assert summary.trend[-1].session_id == s.session_id
    assert summary.trend[-1].accuracy == pytest.approx(0.6)


def test_summary_counts_answers_kept_in_memory_if_saving_failed(monkeypatch):
    from mobsim.quiz import store as store_module

    store = HistoryStore.in_memory()
    s = Session(LIBRARY, "basic", seed=3, questions=3, store=store)

    def disk_full(*args):
        exc = sqlite3.OperationalError("database or disk is full")
        exc.sqlite_errorname = "SQLITE_FULL"
        raise exc

    monkeypatch.setattr(store_module, "_insert_attempt", disk_full)
    s.answer(s.question.choice, 1000)
    assert s.results[-1].attempt_id < 0  # kept in memory, not on disk
    assert "Saving has stopped" in store.notice and "disk is full" in store.notice
    assert s.summary().attempts == 1 and s.summary().correct == 1


def test_a_quiz_needs_a_question():
    with pytest.raises(ValueError):
        Session(LIBRARY, "basic", questions=0)


def test_undo_also_takes_the_answer_out_of_adaptive_practice():
    s = Session(LIBRARY, "basic", seed=6)
    for _ in range(8):  # all right: every asked grade moves up a box
        s.answer(s.question.choice, 600)
        s.next()
    before = s.weights()
    q = s.question
    s.answer(wrong_for(q.choice), 600)
    assert s.weights()[q.grade] == 1.0  # a miss sends the grade back to box 1
    s.undo()
    assert s.weights() == before


def test_no_profile_means_the_default_one():
    store = HistoryStore.in_memory()
    s = Session(LIBRARY, "basic", profile=None, store=store)
    s.answer(s.question.choice, 500)
    assert store.profiles() == ["student"]
