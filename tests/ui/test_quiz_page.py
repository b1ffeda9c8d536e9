"""A student plays a quiz with the keyboard; nothing is revealed before the answer."""

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from mobsim.model import Grade, Simulation, load_library
from mobsim.quiz import HistoryStore
from mobsim.ui.main_window import MainWindow

LIB = load_library()
KEYS = {
    Grade.I: Qt.Key.Key_1,
    Grade.II: Qt.Key.Key_2,
    Grade.III: Qt.Key.Key_3,
    Grade.IV: Qt.Key.Key_4,
    Grade.V: Qt.Key.Key_5,
}


@pytest.fixture
def window(qtbot, tmp_path):
    history = HistoryStore.open(tmp_path)
    w = MainWindow(
        Simulation(LIB.get("knee")), LIB, settings=None, start_clock=False, history=history
    )
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
    yield w
    w.close()


def key(qtbot, widget, k):
    qtbot.keyClick(widget, k)


def wrong_grade(grade: Grade) -> Grade:
    return Grade.II if grade is not Grade.II else Grade.III


def test_five_questions_by_keyboard(qtbot, window):
    window.enter_quiz(start=dict(level="basic", seed=11, questions=5, profile="ana"))
    page = window.quiz_page
    assert not window.controls.isVisible() and not window.description.isVisible()
    truths, answers = [], []
    for i in range(5):
        q = page.session.question
        page.advance(1.5)
        # Nothing gives the answer away before the answer.
        assert page.joint_view.band_span() is None
        assert page.diagram.band_region() is None
        assert not page.trace.band.isVisible()
        assert not page.feedback.isVisible()
        assert q.choice.label not in page.header.text().split("·")[-1]
        answer = q.grade if i % 2 == 0 else wrong_grade(q.grade)
        truths.append(q.grade)
        answers.append(answer)
        key(qtbot, page, KEYS[answer])
        assert page.feedback.isVisible()
        assert page.joint_view.band_span() == pytest.approx((q.band().low, q.band().high))
        assert page.diagram.band_region() is not None
        headline = page.headline.text()
        assert headline.startswith("✓") == (answer is q.grade)
        if answer is not q.grade:
            assert "Cue:" in page.explanation.text()
        key(qtbot, page, Qt.Key.Key_Space)
    # After the fifth answer Space shows the summary.
    assert page.stack.currentIndex() == 2
    summary = page.summary
    assert summary.attempts == 5 and summary.correct == 3
    text = page.summary_view.toPlainText()
    assert "Score: 3 of 5 (60%)" in text
    assert "Confusion matrix" in text and "Mean response time" in text
    for t, a in zip(truths, answers, strict=True):
        assert summary.confusion[(t.label, a.label)] >= 1
    assert window.history.summary("ana").attempts == 5  # stored


def test_held_key_cannot_answer_twice_and_u_undoes(qtbot, window):
    window.enter_quiz(start=dict(level="standard", seed=5, questions=3))
    page = window.quiz_page
    q = page.session.question
    repeat = QKeyEvent(
        QEvent.Type.KeyPress, KEYS[q.grade], Qt.KeyboardModifier.NoModifier, "", True
    )
    QApplication.sendEvent(page, repeat)
    assert not page.session.answered  # an auto-repeated key is ignored
    key(qtbot, page, KEYS[wrong_grade(q.grade)])
    key(qtbot, page, KEYS[q.grade])  # a second answer to the same question is refused
    assert page.session.score.answered == 1 and page.session.score.correct == 0
    key(qtbot, page, Qt.Key.Key_U)
    assert page.session.score.answered == 0 and page.session.question is q
    assert page.joint_view.band_span() is None
    key(qtbot, page, KEYS[q.grade])
    assert page.session.score.correct == 1


def test_replay_shows_labels_and_restarts(qtbot, window):
    window.enter_quiz(start=dict(level="expert", seed=2, questions=2))
    page = window.quiz_page
    page.advance(2.0)
    q = page.session.question
    key(qtbot, page, KEYS[q.grade])
    if page.pending_grade is not None:  # expert asks how deep into resistance
        assert page.modifier_label.isVisible()
        options = page.session.spec.modifiers_for(q.grade)
        key(qtbot, page, list(KEYS.values())[options.index(q.choice.modifier)])
    assert page.session.answered and page.session.recognition.results[-1].correct
    key(qtbot, page, Qt.Key.Key_R)
    assert page.time == 0.0
    page.advance(0.5)
    assert page.joint_view.band_span() is not None


def test_escape_leaves_the_quiz_and_restores_the_simulator(qtbot, window):
    window.enter_quiz()
    page = window.quiz_page
    assert page.stack.currentIndex() == 0  # the start screen
    key(qtbot, page, Qt.Key.Key_Return)
    assert page.stack.currentIndex() == 1
    key(qtbot, page, Qt.Key.Key_Escape)  # ends the quiz: summary
    assert page.stack.currentIndex() == 2
    key(qtbot, page, Qt.Key.Key_Escape)
    assert not window.in_quiz() and window.controls.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_4)
    assert window.sim.grade is Grade.IV  # the demo hotkeys work again


def test_read_only_history_still_runs_with_a_notice(qtbot, tmp_path):
    store = HistoryStore.in_memory("Your answers will not be saved: the data folder is read-only.")
    w = MainWindow(
        Simulation(LIB.get("knee")), LIB, settings=None, start_clock=False, history=store
    )
    qtbot.addWidget(w)
    w.enter_quiz(start=dict(level="basic", seed=1, questions=1))
    assert w.quiz_page.notice_bar.isVisibleTo(w) and "not be saved" in w.quiz_page.notice_bar.text()
    q = w.quiz_page.session.question
    w.quiz_page.choose_grade(q.grade)
    w.quiz_page.end_quiz()
    assert "not saved" in w.quiz_page.summary_view.toPlainText()
    w.close()


def test_case_question_by_keyboard_with_rationale_and_animation(qtbot, window):
    from mobsim.content import CaseAnswer

    window.enter_quiz(start=dict(level="basic", seed=8, questions=6, case_ratio=1.0))
    page = window.quiz_page
    played = False
    for _ in range(6):
        s = page.session
        v = s.vignette
        assert page.body.currentIndex() == 1 and page.case_text.text() == v.text
        assert not page.feedback.isVisible()
        wrong = (
            CaseAnswer.REFER_MEDICAL
            if v.answer is not CaseAnswer.REFER_MEDICAL
            else CaseAnswer.I_II
        )
        key(qtbot, page, Qt.Key(Qt.Key.Key_0 + wrong.key))  # keys 1–6: the six options
        assert page.feedback.isVisible() and page.headline.text().startswith("✗")
        assert v.rationale in page.explanation.text() and "Source:" in page.explanation.text()
        if v.play_grade is not None:  # seen in the animation, labelled
            played = True
            assert page.body.currentIndex() == 0
            page.advance(0.5)
            assert page.joint_view.band_span() is not None
        key(qtbot, page, Qt.Key.Key_Space)
    assert played
    assert page.stack.currentIndex() == 2
    text = page.summary_view.toPlainText()
    assert "Patient cases: 0 of 6" in text
    assert window.history.summary(page.session.profile, kind="case").attempts == 6


def test_start_screen_offers_the_mix(qtbot, window):
    window.enter_quiz()
    screen = window.quiz_page.start_screen
    screen.kinds.setCurrentIndex(2)  # half cases
    screen.count.setCurrentIndex(0)  # 5 questions
    qtbot.keyClick(window.quiz_page, Qt.Key.Key_Return)
    assert window.quiz_page.session.case_ratio == 0.5
    assert window.quiz_page.session.total == 5
