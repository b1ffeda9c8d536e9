"""--quiz-page: open the quiz at a question, its feedback or the summary (screenshots).

Answers the way a student would, through the screen's own keys: the feedback page
after one wrong answer; the summary after six answers, alternately wrong and right,
so every kind the quiz asks shows in it.
"""

from __future__ import annotations

from mobsim.quiz.mixed import CASE

START, QUESTION, FEEDBACK, SUMMARY = "start", "question", "feedback", "summary"
SUMMARY_ANSWERS = 6


def open_page(screen, page: str | None) -> None:
    if page in (None, START):
        return
    screen.start_from_screen()
    if screen.session is None or page == QUESTION:
        return
    for k in range(SUMMARY_ANSWERS if page == SUMMARY else 1):
        if k:
            screen.next_question()
        if screen.page != QUESTION:
            break
        answer(screen, right=bool(k % 2))
    if page == SUMMARY and screen.page == QUESTION:
        screen.end_quiz()


def answer(screen, right: bool) -> None:
    """Answer the current question right or wrong with the answer keys."""
    s = screen.session
    if s.kind == CASE:
        key = s.vignette.answer
        wrong = next(a for a in type(key) if a is not key)
        screen.answer_key((key if right else wrong).key)
        return
    labels = screen.grade_labels()
    true = s.glide_question.answer if s.is_glide else s.question.choice.label
    base = true.rstrip("+-")
    screen.answer_key(next(i for i, label in enumerate(labels, 1) if (label == base) == right))
    if screen.pending_grade is not None:  # expert depth: the right one, else the first
        options = list(screen.modifier_options)
        depth = next((i for i, m in enumerate(options) if f"{base}{m.symbol}" == true), 0)
        screen.answer_key(depth + 1)
