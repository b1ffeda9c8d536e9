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


def enter_quiz(window, start=None):
    page = window.show_screen("quiz")
    if start is not None:
        page.start(**start)
    return page


def wrong_grade(grade: Grade) -> Grade:
    return Grade.II if grade is not Grade.II else Grade.III


def test_five_questions_by_keyboard(qtbot, window):
    page = enter_quiz(window, dict(level="basic", seed=11, questions=5, profile="ana"))
    assert window.screen is page  # the demo's controls and caption are not on this screen
    truths, answers = [], []
    for i in range(5):
        q = page.session.question
        page.advance(1.5)
        # Nothing gives the answer away before the answer.
        assert page.question.joint_view.band_span() is None
        assert page.question.diagram.band_region() is None
        assert not page.question.trace.band.isVisible()
        assert not page.question.feedback.isVisible()
        assert q.choice.label not in page.question.header.text().split("·")[-1]
        answer = q.grade if i % 2 == 0 else wrong_grade(q.grade)
        truths.append(q.grade)
        answers.append(answer)
        key(qtbot, window, KEYS[answer])
        assert page.question.feedback.isVisible()
        assert page.question.joint_view.band_span() == pytest.approx((q.band().low, q.band().high))
        assert page.question.diagram.band_region() is not None
        headline = page.question.headline.text()
        assert headline.startswith("✓") == (answer is q.grade)
        if answer is not q.grade:  # the cue is stated, once
            text = page.question.explanation.text().lower()
            assert text.count("cue") == 1 or "both differ" in text or "thrust" in text
        key(qtbot, window, Qt.Key.Key_Space)
    # After the fifth answer Space shows the summary.
    assert page.page == "summary"
    summary = page.summary
    assert summary.attempts == 5 and summary.correct == 3
    text = page.summary_view.text.toPlainText()
    assert "Score: 3 of 5 (60%)" in text
    assert "Confusion matrix" in text and "Mean response time" in text
    for t, a in zip(truths, answers, strict=True):
        assert summary.confusion[(t.label, a.label)] >= 1
    assert window.history.summary("ana").attempts == 5  # stored


def test_held_key_cannot_answer_twice_and_u_undoes(qtbot, window):
    page = enter_quiz(window, dict(level="standard", seed=5, questions=3))
    q = page.session.question
    repeat = QKeyEvent(
        QEvent.Type.KeyPress, KEYS[q.grade], Qt.KeyboardModifier.NoModifier, "", True
    )
    QApplication.sendEvent(window, repeat)
    assert not page.session.answered  # an auto-repeated key is ignored
    key(qtbot, window, KEYS[wrong_grade(q.grade)])
    key(qtbot, window, KEYS[q.grade])  # a second answer to the same question is refused
    assert page.session.score.answered == 1 and page.session.score.correct == 0
    key(qtbot, window, Qt.Key.Key_U)
    assert page.session.score.answered == 0 and page.session.question is q
    assert page.question.joint_view.band_span() is None
    key(qtbot, window, KEYS[q.grade])
    assert page.session.score.correct == 1


def test_replay_shows_labels_and_restarts(qtbot, window):
    page = enter_quiz(window, dict(level="expert", seed=2, questions=2))
    page.advance(2.0)
    q = page.session.question
    key(qtbot, window, KEYS[q.grade])
    if page.pending_grade is not None:  # expert asks how deep into resistance
        assert page.question.modifier_label.isVisible()
        options = page.session.spec.modifiers_for(q.grade)
        key(qtbot, window, list(KEYS.values())[options.index(q.choice.modifier)])
    assert page.session.answered and page.session.recognition.results[-1].correct
    key(qtbot, window, Qt.Key.Key_R)
    assert page.time == 0.0
    page.advance(0.5)
    assert page.question.joint_view.band_span() is not None


def test_escape_leaves_the_quiz_and_restores_the_simulator(qtbot, window):
    page = enter_quiz(window)
    assert page.page == "start"  # the start screen
    key(qtbot, window, Qt.Key.Key_Return)
    assert page.page == "question"
    key(qtbot, window, Qt.Key.Key_Escape)  # ends the quiz: summary
    assert page.page == "summary"
    key(qtbot, window, Qt.Key.Key_Escape)
    assert window.screen.name == "explore" and window.screen.controls.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_4)
    assert window.sim.grade is Grade.IV  # the demo hotkeys work again


def test_read_only_history_still_runs_with_a_notice(qtbot, tmp_path):
    store = HistoryStore.in_memory("Your answers will not be saved: the data folder is read-only.")
    w = MainWindow(
        Simulation(LIB.get("knee")), LIB, settings=None, start_clock=False, history=store
    )
    qtbot.addWidget(w)
    page = enter_quiz(w, dict(level="basic", seed=1, questions=1))
    assert page.notice_bar.isVisibleTo(w) and "not be saved" in page.notice_bar.text()
    q = page.session.question
    page.choose_grade(q.grade)
    page.end_quiz()
    assert "not saved" in page.summary_view.text.toPlainText()
    w.close()


def test_case_question_by_keyboard_with_rationale_and_animation(qtbot, window):
    from mobsim.content import CaseAnswer

    page = enter_quiz(window, dict(level="basic", seed=8, questions=6, case_ratio=1.0))
    played = False
    for _ in range(6):
        s = page.session
        v = s.vignette
        assert page.question.body.currentIndex() == 1 and page.question.case_text.text() == v.text
        assert not page.question.feedback.isVisible()
        medical = CaseAnswer.REFER_MEDICAL
        wrong = medical if v.answer is not medical else CaseAnswer.I_II
        key(qtbot, window, Qt.Key(Qt.Key.Key_0 + wrong.key))  # keys 1–6: the six options
        assert page.question.feedback.isVisible() and page.question.headline.text().startswith("✗")
        assert (
            v.rationale in page.question.explanation.text()
            and "Source:" in page.question.explanation.text()
        )
        if v.play_grade is not None:  # seen in the animation, labelled
            played = True
            assert page.question.body.currentIndex() == 0
            page.advance(0.5)
            assert page.question.joint_view.band_span() is not None
        key(qtbot, window, Qt.Key.Key_Space)
    assert played
    assert page.page == "summary"
    text = page.summary_view.text.toPlainText()
    assert "Patient cases: 0 of 6" in text
    assert window.history.summary(page.session.profile, kind="case").attempts == 6


def test_start_screen_offers_the_mix(qtbot, window):
    page = enter_quiz(window)
    screen = page.start_screen
    screen.kinds.setCurrentIndex(2)  # half cases
    screen.count.setCurrentIndex(0)  # 5 questions
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert page.session.case_ratio == 0.5
    assert page.session.total == 5


# ---------------------------------------------------------------- accessory glides


def test_glide_questions_by_keyboard_hide_then_reveal_in_mm(qtbot, window):
    page = enter_quiz(
        window, dict(level="basic", seed=4, questions=3, accessory_ratio=1.0, profile="cy")
    )
    s = page.session
    assert s.kind == "accessory"
    glide = page.question.glide_page
    assert page.question.body.currentWidget() is glide
    q = s.glide_question
    page.advance(1.0)
    # Nothing gives the answer away: no band, the grade hidden, only the level's markers.
    assert glide.diagram.band_region() is None and glide.demo.mystery
    assert glide.diagram.needle_angle() == pytest.approx(glide.demo.translation)
    assert "(accessory, mm)" in page.question.header.text()
    wrong = Grade.II if q.answer != "II" else Grade.III
    key(qtbot, window, KEYS[wrong])
    assert s.answered and page.question.feedback.isVisible()
    assert page.question.headline.text().startswith("✗")
    text = page.question.explanation.text()
    assert " mm" in text and "°" not in text and "cue" in text.lower()
    b = q.band()
    assert glide.diagram.band_region() == pytest.approx((b.low, b.high))
    lows, highs = q.watched().lows, q.watched().highs
    assert glide.watched.shown()[0] == pytest.approx(lows)  # what was watched, beside it
    assert glide.watched.shown()[1] == pytest.approx(highs)
    key(qtbot, window, Qt.Key.Key_R)  # replay with labels
    assert page.time == 0.0 and not glide.demo.mystery
    key(qtbot, window, Qt.Key.Key_U)  # undo: the same question, hidden again
    assert not s.answered and s.glide_question is q and glide.demo.mystery
    assert glide.diagram.band_region() is None
    key(qtbot, window, KEYS[Grade(int(q.choice.grade.value))])
    assert page.question.headline.text().startswith("✓")
    assert window.history.summary("cy", kind="accessory").attempts == 1
    key(qtbot, window, Qt.Key.Key_Escape)  # Esc ends: the summary shows glides apart
    text = page.summary_view.text.toPlainText()
    assert "accessory glides (mm, Maitland): 1 of 1" in text
    assert "joint angles" not in text.split("accessory glides")[0].split("Score")[1]


def test_kaltenborn_questions_take_keys_1_to_3_only(qtbot, window):
    page = enter_quiz(window, dict(seed=7, questions=2, accessory_ratio=1.0, grading="kaltenborn"))
    s = page.session
    assert s.kind == "kaltenborn"
    buttons = page.question.answer_buttons.buttons()
    assert [b.isVisible() for b in buttons] == [True, True, True, False, False]
    assert buttons[1].text().startswith("II tighten")
    assert "first stop" in page.question.prompt.text()
    glide = page.question.glide_page
    assert all(zone.isVisible() for zone in glide.diagram.zones)  # the zones are the cue
    key(qtbot, window, Qt.Key.Key_4)
    key(qtbot, window, Qt.Key.Key_5)
    assert not s.answered  # no Kaltenborn IV or V
    true = s.glide_question.answer
    wrong = "I" if true != "I" else "II"
    key(qtbot, window, {"I": Qt.Key.Key_1, "II": Qt.Key.Key_2}[wrong])
    assert s.answered and not s.feedback.correct
    text = page.question.explanation.text()
    assert "first stop" in text and "transition zone" in text and "slack zone" in text
    assert window.history.summary("student", kind="kaltenborn").attempts == 1
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_1)
    key(qtbot, window, Qt.Key.Key_Space)
    assert page.page == "summary"
    assert "Kaltenborn grades on glides (mm)" in page.summary_view.text.toPlainText()


def test_the_help_lists_the_answer_keys_of_both_systems(qtbot, window):
    enter_quiz(window, dict(seed=1, accessory_ratio=0.5))
    rows = dict(window.shortcut_table())
    assert rows["1"].startswith("Answer 1: grade I (Maitland or Kaltenborn)")
    assert rows["4"].startswith("Answer 4: grade IV,")
    assert "Kaltenborn" not in rows["4"]


def test_start_screen_offers_glides_and_their_grades(qtbot, window):
    page = enter_quiz(window)
    screen = page.start_screen
    assert not screen.grading.isEnabled()  # no glides: no glide grades to choose
    screen.glides.setCurrentIndex(screen.glides.findData(0.25))
    assert screen.grading.isEnabled()
    screen.grading.setCurrentIndex(screen.grading.findData("kaltenborn"))
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert page.session.accessory_ratio == 0.25
    assert page.session.glides.kind == "kaltenborn"
    choices = page.start_choices()
    assert (choices["accessory"], choices["grading"]) == (0.25, "kaltenborn")


def test_start_form_choices_are_remembered_and_bad_ones_ignored(qtbot, tmp_path):
    from mobsim.ui.settings import SettingsStore

    def launch(options=None):
        store = SettingsStore(tmp_path)
        w = MainWindow(
            Simulation(LIB.get("knee")),
            LIB,
            store,
            store.load(),
            start_clock=False,
            history=HistoryStore.in_memory(),
            options=options,
        )
        qtbot.addWidget(w)
        return w

    w = launch()
    form = w.show_screen("quiz").start_screen
    form.level.setCurrentIndex(form.level.findData("expert"))
    form.glides.setCurrentIndex(form.glides.findData(0.5))
    form.grading.setCurrentIndex(form.grading.findData("kaltenborn"))
    form.kinds.setCurrentIndex(form.kinds.findData(0.25))
    form.count.setCurrentIndex(form.count.findData(None))
    w.close()
    w = launch()
    form = w.show_screen("quiz").start_screen
    assert form.choices() == dict(
        level="expert",
        case_ratio=0.25,
        accessory=0.5,
        grading="kaltenborn",
        questions=None,
        profile="student",
    )
    w.close()
    # A flag wins over the saved choice; what it does not name stays as saved.
    w = launch({"quiz": dict(accessory=1.0, level="basic")})
    form = w.show_screen("quiz").start_screen
    assert (form.level.currentData(), form.glides.currentData()) == ("basic", 1.0)
    assert form.grading.currentData() == "kaltenborn"
    w.close()
    (tmp_path / "settings.ini").write_text(
        "[General]\nquiz_level=wizard\nquiz_accessory=7\nquiz_grading=mulligan\n"
        "quiz_length=-3\nquiz_cases=nan\n"
    )
    prefs = SettingsStore(tmp_path).load()
    assert prefs.quiz_choices() == dict(
        level="basic",
        case_ratio=0.0,
        accessory=0.0,
        grading="accessory",
        questions=10,
        profile=None,
    )
