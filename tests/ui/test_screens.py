"""The screen architecture as a user meets it: keys per screen, one clock that rests
when nothing moves, lecture state with one truth, and the fixes of issue 11."""

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mobsim.model import Grade, Simulation, load_library
from mobsim.ui.main_window import MainWindow
from mobsim.ui.screens import SCREENS, screen_class
from mobsim.ui.settings import SettingsStore
from mobsim.ui.widgets.room_text import wrapped_height

ROOT = Path(__file__).resolve().parents[2]
LIB = load_library()
KNEE = LIB.get("knee")


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(window, key, modifier)


def help_rows(window) -> dict[str, str]:
    return {what: keys for keys, what in window.shortcut_table()}


# ---------------------------------------------------------------- registry and keys
def test_every_registered_screen_is_one_module_with_its_name():
    for name in SCREENS:
        cls = screen_class(name)
        assert cls.name == name and cls.title


def test_help_in_the_quiz_lists_its_own_keys_and_not_the_demos(qtbot, make_window):
    window = make_window()
    lecture = help_rows(window)
    assert lecture["Play / pause"] == "Space" and lecture["Restart motion"] == "R"
    window.show_screen("quiz")
    rows = help_rows(window)
    keys = {k for row in rows.values() for k in row.split(" or ")}
    for key in ("1", "5", "Space", "Return", "U", "R", "Esc", "S"):
        assert key in keys, key
    assert rows["Undo the last answer"] == "U"
    assert rows["Replay with the band and labels"] == "R"
    assert "Esc" in rows["Back out: cancel a depth choice, end the quiz, leave"]
    assert "Play / pause" not in rows and "Restart motion" not in rows
    assert not any(k == "Space" for k in rows.get("Pause / resume the motion", "").split(" or "))


def test_a_held_answer_key_is_not_auto_repeated(qtbot, make_window):
    window = make_window()
    quiz = window.show_screen("quiz")
    assert all(not a.autoRepeat() for a in quiz.answer_actions)


# ---------------------------------------------------------------- the one clock
def test_clock_stops_when_paused_and_starts_on_play(qtbot, make_window):
    window = make_window(start_clock=True)
    timer = window.clock.timer
    qtbot.waitUntil(lambda: window.sim.time > 0.05, timeout=3000)
    assert timer.isActive()
    press(qtbot, window, Qt.Key.Key_Space)
    assert not timer.isActive()  # paused: no frames, no CPU
    press(qtbot, window, Qt.Key.Key_Space)
    assert timer.isActive()
    window.close()


def test_clock_stops_when_minimised_or_hidden(qtbot, make_window):
    window = make_window(start_clock=True)
    timer = window.clock.timer
    assert timer.isActive()
    window.showMinimized()
    qtbot.waitUntil(lambda: not timer.isActive(), timeout=3000)
    window.showNormal()
    qtbot.waitUntil(timer.isActive, timeout=3000)
    window.hide()
    assert not timer.isActive()
    window.show()
    assert timer.isActive()
    window.close()


def test_the_quiz_runs_on_the_same_clock_with_pause_and_slow_motion(qtbot, make_window):
    window = make_window(start_clock=True)
    quiz = window.show_screen("quiz")
    assert not window.clock.timer.isActive()  # the start form does not move
    quiz.start(level="basic", seed=3, questions=2)
    assert window.clock.timer.isActive()
    qtbot.waitUntil(lambda: quiz.time > 0.1, timeout=3000)
    press(qtbot, window, Qt.Key.Key_K)
    assert not window.clock.timer.isActive()
    assert "paused" in window.statusBar().currentMessage()  # a student sees the state
    frozen = quiz.time
    qtbot.wait(100)
    assert quiz.time == frozen
    press(qtbot, window, Qt.Key.Key_K)
    press(qtbot, window, Qt.Key.Key_S)
    assert "Slow motion" in window.statusBar().currentMessage()
    quiz.step(0.1)
    assert quiz.time == pytest.approx(frozen + 0.025, abs=0.06)  # ×¼ of a capped dt
    press(qtbot, window, Qt.Key.Key_S)
    assert window.statusBar().currentMessage() == "Normal speed."
    window.close()


def test_space_and_s_do_not_rebuild_the_drawings(qtbot, make_window, monkeypatch):
    window = make_window()
    explore = window.screen
    rebuilt = []
    for view in (explore.joint_view, explore.diagram, explore.trace):
        monkeypatch.setattr(view, "set_scene", lambda *a, v=view: rebuilt.append(v))
    press(qtbot, window, Qt.Key.Key_Space)
    press(qtbot, window, Qt.Key.Key_S)
    press(qtbot, window, Qt.Key.Key_Space)
    assert rebuilt == []  # playback events touch only the clock and its read-outs
    assert window.sim.playing and window.sim.speed == 0.25
    assert "×0.25" in explore.readouts["angle"].text()
    press(qtbot, window, Qt.Key.Key_4)
    assert len(rebuilt) == 3  # a grade is a scene change: each view rebuilds once


# ---------------------------------------------------------------- lecture state
def test_h_during_a_mystery_keeps_one_truth(qtbot, make_window):
    window = make_window()
    explore = window.screen
    press(qtbot, window, Qt.Key.Key_Q)
    assert explore.banner.isVisible() and explore.joint_view.band_span() is None
    press(qtbot, window, Qt.Key.Key_H)  # show labels: the mystery ends, without a reveal
    lecture = window.lecture
    assert not lecture.mystery and lecture.labels_visible
    assert not explore.banner.isVisible()
    assert explore.joint_view.band_span() is not None
    assert explore.description.text().startswith(f"Grade {window.sim.grade.label}")


def test_the_class_quiz_banner_takes_the_captions_place(qtbot, make_window):
    """Q showed the question twice (caption and banner, a blank between) and moved the
    views down; the banner now stands where the caption was."""
    window = make_window()
    explore = window.screen
    QApplication.processEvents()
    top = explore.joint_view.mapTo(window, explore.joint_view.rect().topLeft()).y()
    for key in (Qt.Key.Key_Q, Qt.Key.Key_A):
        press(qtbot, window, key)
        QApplication.processEvents()
        assert explore.banner.isVisible() and not explore.description.isVisible()
        assert explore.joint_view.mapTo(window, explore.joint_view.rect().topLeft()).y() == top
    press(qtbot, window, Qt.Key.Key_H)
    assert explore.description.isVisible() and not explore.banner.isVisible()


@pytest.mark.parametrize(
    "key, modifier",
    [
        (Qt.Key.Key_N, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier),
        (Qt.Key.Key_G, Qt.KeyboardModifier.NoModifier),
    ],
)
def test_the_reveal_banner_goes_with_the_scene_it_named(qtbot, make_window, key, modifier):
    window = make_window()
    explore = window.screen
    press(qtbot, window, Qt.Key.Key_Q)
    press(qtbot, window, Qt.Key.Key_A)
    assert explore.banner.isVisible() and explore.banner.text().startswith("It was grade")
    press(qtbot, window, key, modifier)
    assert not explore.banner.isVisible()


def test_class_quiz_and_hidden_labels_hide_the_tempo(qtbot, make_window):
    window = make_window()
    controls = window.screen.controls
    assert controls.frequency_box.isVisible()
    press(qtbot, window, Qt.Key.Key_Q)
    assert not controls.frequency_box.isVisible() and not controls.thrust_box.isVisible()
    assert not controls.frequency_label.isVisible()
    press(qtbot, window, Qt.Key.Key_A)
    assert controls.frequency_box.isVisible() or controls.thrust_box.isVisible()
    press(qtbot, window, Qt.Key.Key_H)
    assert not controls.frequency_box.isVisible() and not controls.thrust_box.isVisible()


# ---------------------------------------------------------------- issue 11 fixes
def test_shift_g_never_widens_the_window_and_shrinks_back(qtbot, make_window):
    window = make_window()
    explore = window.screen
    width = window.width()
    views_before = explore.joint_view.width()
    press(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ShiftModifier)
    qtbot.wait(50)
    assert window.width() == width
    large = explore.about.width()
    assert explore.about.isVisible() and large > 0.35 * width
    press(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ShiftModifier)
    qtbot.wait(50)
    assert window.width() == width and explore.about.width() < large
    press(qtbot, window, Qt.Key.Key_G)
    qtbot.wait(50)
    assert not explore.about.isVisible()
    assert explore.joint_view.width() == pytest.approx(views_before, abs=2)


def test_the_stiff_button_says_what_it_does(qtbot, make_window):
    window = make_window()
    button = window.screen.controls.normal_button
    assert "stiff" in button.text().lower() and "normal" not in button.text().lower()
    press(qtbot, window, Qt.Key.Key_L)
    assert window.sim.condition.is_stiff
    assert "normal" in button.text().lower()
    button.click()
    assert not window.sim.condition.is_stiff and "stiff" in button.text().lower()


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800)])
def test_the_caption_never_moves_the_views_when_the_joint_turns_stiff(qtbot, make_window, size):
    window = make_window(Simulation(KNEE, choice=Grade.IV), size=size)
    explore = window.screen
    qtbot.wait(20)
    top = explore.joint_view.mapTo(window, explore.joint_view.rect().topLeft()).y()
    height = explore.description.height()
    press(qtbot, window, Qt.Key.Key_L)
    qtbot.wait(20)
    assert "stiff joint" in explore.description.text()
    assert explore.description.height() == height
    assert explore.joint_view.mapTo(window, explore.joint_view.rect().topLeft()).y() == top
    text = explore.description
    assert wrapped_height(text, text.text()) <= text.height()  # and it is never clipped


def test_first_launch_hint_of_the_keys_is_shown_once(qtbot, make_window, tmp_path):
    window = make_window()
    hint = window.statusBar().currentMessage()
    assert "1–5 grades" in hint and "N joint" in hint
    window.close()
    again = make_window()
    assert again.statusBar().currentMessage() != hint


def test_the_first_launch_hint_names_only_keys_of_the_screen_it_opens_on(qtbot, tmp_path):
    """Opened on the quiz, the hint does not offer explore's keys (N, F9)."""
    store = SettingsStore(tmp_path)
    window = MainWindow(
        Simulation(LIB.get("knee")), LIB, store, store.load(), start_clock=False, screen="quiz"
    )
    qtbot.addWidget(window)
    hint = window.statusBar().currentMessage()
    assert "? or F1" in hint
    assert "N joint" not in hint and "F9" not in hint


def test_quiz_flag_opens_the_start_screen_filled_in(qtbot, make_window):
    from mobsim.cli import build_parser
    from mobsim.ui.app import apply_lecture_flags, screen_options

    args = build_parser().parse_args(
        ["--quiz", "--level", "expert", "--seed", "42", "--questions", "5"]
    )
    window = make_window()
    window.context.options.update(screen_options(args))
    apply_lecture_flags(window, args)
    quiz = window.screen
    assert quiz.name == "quiz" and quiz.page == "start" and quiz.session is None
    form = quiz.start_screen
    assert form.level.currentData() == "expert" and form.seed.text() == "42"
    press(qtbot, window, Qt.Key.Key_Return)
    assert quiz.session.total == 5 and quiz.session.seed == 42
    first = quiz.session.question
    press(qtbot, window, Qt.Key.Key_Escape)
    summary = quiz.summary_view.text.toPlainText()
    assert "seed 42 (type it on the start screen" in summary
    # ... and it is true: typing it there gives the same quiz.
    press(qtbot, window, Qt.Key.Key_N)
    assert quiz.page == "start"
    form.seed.setText("42")
    press(qtbot, window, Qt.Key.Key_Return)
    again = quiz.session.question
    assert (again.joint.id, again.choice) == (first.joint.id, first.choice)


def test_screen_flag_opens_and_renders_that_screen(tmp_path):
    out = tmp_path / "compare.png"
    cmd = [sys.executable, str(ROOT / "main.py"), "--screen", "compare", "--screenshot", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert out.exists() and "screenshot" in done.stdout
    for argv in (["--screen", "nosuchscreen"], ["--scree", "quiz"]):
        bad = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), *argv, "--screenshot", str(tmp_path / "x.png")],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
        )
        assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1, bad.stderr
        assert not (tmp_path / "x.png").exists()


def test_one_cycle_is_one_cycle_not_one_cycles(tmp_path):
    out = tmp_path / "one.gif"
    cmd = [sys.executable, str(ROOT / "main.py"), "--export-gif", str(out), "--cycles", "1"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=180, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "(1 cycle)" in done.stdout and "cycles" not in done.stdout


# ---------------------------------------------------------------- issue 9, in the window
def test_the_joint_can_be_limited_by_pain_with_a_p1_slider(qtbot, make_window):
    from mobsim.model.describe import fmt_deg
    from mobsim.model.joints import LimitingFactor

    window = make_window(Simulation(KNEE, KNEE.stiff_condition(90), Grade.III))
    controls = window.screen.controls
    assert controls.p1_label.text() == "no pain (P1)"
    controls.limited_buttons.button(1).click()  # "pain"
    c = window.sim.condition
    assert c.limiting_factor is LimitingFactor.PAIN and c.pain_onset is not None
    assert controls.p1_label.text() == f"P1 = {fmt_deg(c.pain_onset)}"
    controls.p1_slider.setValue(80)
    c = window.sim.condition
    assert c.pain_onset == pytest.approx(c.start + 0.8 * c.available_range)
    assert c.is_pain_limited
    controls.p1_slider.setValue(0)  # far left: no pain, so resistance limits again
    c = window.sim.condition
    assert c.pain_onset is None and c.limiting_factor is LimitingFactor.RESISTANCE
    assert controls.limited_buttons.checkedId() == 0


def test_a_band_note_is_shown_beside_the_read_outs(qtbot, make_window):
    from mobsim.model import Condition

    early_r1 = Condition.from_fractions(KNEE, 1.0, 0.3)
    window = make_window(Simulation(KNEE, early_r1, Grade.II))
    note = window.sim.band.note
    assert note  # the model shortened II to stay short of R1
    explore = window.screen
    assert explore.band_note.isVisible() and note in explore.band_note.note()
    press(qtbot, window, Qt.Key.Key_H)
    assert explore.band_note.text() == ""  # hidden labels hide it too
    press(qtbot, window, Qt.Key.Key_H)
    press(qtbot, window, Qt.Key.Key_L)  # typical stiff: R1 back to the preset's share
    if window.sim.band.note is None:
        assert explore.band_note.text() == ""


def test_grade_keys_never_resize_the_plots(qtbot, make_window):
    """The note's room is kept for every grade: V's long note relays nothing out."""
    window = make_window(Simulation(KNEE, KNEE.stiff_condition(90), Grade.III))
    explore = window.screen
    qtbot.wait(50)
    sizes = {(explore.diagram.size(), explore.trace.size())}
    for key in (Qt.Key.Key_5, Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_4, Qt.Key.Key_5):
        press(qtbot, window, key)
        QApplication.processEvents()
        sizes.add((explore.diagram.size(), explore.trace.size()))
    assert window.sim.band.remark  # V carries the longest note
    assert len(sizes) == 1


def test_quiz_feedback_draws_the_cycles_watched_beside_the_band(qtbot, make_window):
    window = make_window()
    quiz = window.show_screen("quiz")
    quiz.start(level="standard", seed=7, questions=2)
    question = quiz.session.question
    view = quiz.question
    assert view.watched() is None  # nothing before the answer
    quiz.choose_grade(question.grade)
    if quiz.pending_grade is not None:
        quiz.answer_key(1)
    lows, highs = view.watched()
    assert list(lows) == pytest.approx(list(question.lows))
    assert list(highs) == pytest.approx(list(question.highs))
    assert view.diagram.band_region() == pytest.approx((question.band().low, question.band().high))
    press(qtbot, window, Qt.Key.Key_Space)  # the next question hides them again
    assert view.watched() is None


def test_about_flag_fills_the_panel_before_the_window_is_shown(qtbot):
    from mobsim.cli import build_parser
    from mobsim.ui.app import apply_lecture_flags

    window = MainWindow(Simulation(KNEE, choice=Grade.II), LIB, None, start_clock=False)
    qtbot.addWidget(window)
    apply_lecture_flags(window, build_parser().parse_args(["--about"]))
    window.show()
    assert window.screen.about_shown()
    assert window.screen.about.text().startswith("Grade II")
    window.close()


def test_grade_v_shows_that_it_is_usually_an_accessory_thrust(qtbot, make_window):
    window = make_window(Simulation(KNEE, None, Grade.V))
    explore = window.screen
    assert explore.band_note.isVisible()
    assert "accessory thrust" in explore.band_note.note()
    press(qtbot, window, Qt.Key.Key_H)  # hidden labels (and the class quiz) hide it: no give-away
    assert explore.band_note.text() == ""
    press(qtbot, window, Qt.Key.Key_H)
    press(qtbot, window, Qt.Key.Key_1)
    assert explore.band_note.text() == ""  # grade I on a normal knee needs no note


def test_the_control_panel_and_the_drawing_write_the_same_angles(qtbot, make_window):
    """After L the drawing said "R1 54.6°" and the panel "R1 = 55°"."""
    window = make_window()
    press(qtbot, window, Qt.Key.Key_L)  # stiff: L at 70 % of the range, R1 scaled to it
    controls, view = window.screen.controls, window.screen.joint_view
    drawn = {text.split()[0]: text.split()[1] for text, _ in view.label_boxes() if " " in text}
    for name, label in (("R1", controls.r1_label), ("L", controls.limit_label)):
        assert label.text().split(" = ")[1].split(" ")[0] == drawn[name], (name, label.text())


def test_an_animating_frame_runs_no_python_event_filter(qtbot, make_window):
    """The clock and the look hear of the window's show, hide, minimise and resize from
    the window itself: as event filters they ran, through the bindings, for every event
    the window got, one a frame at the least (README, Performance)."""
    import sys

    window = make_window()
    qtbot.waitExposed(window)
    called = []

    def watch(frame, event, arg):
        if event == "call" and frame.f_code.co_name == "eventFilter":
            called.append(frame.f_locals.get("self"))

    sys.setprofile(watch)
    try:
        for _ in range(30):
            window.sim.step(1 / 60)
            window.render_frame()
            qtbot.wait(1)
    finally:
        sys.setprofile(None)
    assert window.sim.playing
    assert not [type(f).__name__ for f in called if f in (window.clock, window.look)]
    window.close()
