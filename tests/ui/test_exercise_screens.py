"""The two exercise screens in the main window: keys as QActions, history, --screen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mobsim.model import Condition, GradeChoice, Simulation, load_library
from mobsim.quiz import DEFAULT_PROFILE, HistoryStore
from mobsim.quiz.exercise_log import DIAGRAM, PERFORM
from mobsim.ui.main_window import MainWindow
from mobsim.ui.settings import SettingsStore

ROOT = Path(__file__).resolve().parents[2]
LIB = load_library()
KNEE = LIB.get("knee")


@pytest.fixture
def window(qtbot, tmp_path):
    store = SettingsStore(tmp_path)
    sim = Simulation(KNEE, Condition.for_joint(KNEE, 90.0), GradeChoice.parse("III"))
    history = HistoryStore.in_memory()
    w = MainWindow(sim, LIB, store, store.load(), start_clock=False, history=history)
    w.history_for_test = history
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
    return w


class FakeClock:
    now = 0.0

    def __call__(self):
        return self.now


def test_perform_screen_driven_by_keys_records_undoes_and_summarises(qtbot, window):
    screen = window.show_screen("perform")
    panel = screen.panel
    clock = panel.clock = FakeClock()
    assert panel.prompt.text() == "Perform grade III knee flexion — knee stiff at 90°"
    qtbot.keyClick(window, Qt.Key.Key_Space)  # the screen's QAction starts recording
    assert panel.recording
    fps = 60
    for _ in range(7):
        for key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            QTest.keyPress(panel.joint_view, key)
            for _ in range(int(0.8 * fps)):
                clock.now += 1 / fps
                screen.step(1 / fps)
                screen.render()
            QTest.keyRelease(panel.joint_view, key)
    assert not panel.recording and panel.marking is not None
    history = window.history_for_test
    assert history.summary(DEFAULT_PROFILE, kind=PERFORM).attempts == 1
    qtbot.keyClick(window, Qt.Key.Key_F)  # self-controlled: feedback on request
    assert "Score" in panel.feedback.text()
    qtbot.keyClick(window, Qt.Key.Key_S)
    assert "grade matched in" in panel.feedback.text()
    qtbot.keyClick(window, Qt.Key.Key_U)
    assert history.summary(DEFAULT_PROFILE, kind=PERFORM).attempts == 0
    qtbot.keyClick(window, Qt.Key.Key_M)
    assert not panel.metronome.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_N)
    assert panel.prompt.text().startswith("Perform grade IV")
    rows = {what for _, what in window.shortcut_table()}
    assert {"Start / stop recording", "Show feedback (when you ask)"} <= rows


def test_diagram_screen_driven_by_keys_marks_and_stores(qtbot, window):
    screen = window.show_screen("diagram")
    panel = screen.panel
    assert panel.tasks
    task = panel.task
    canvas = panel.canvas
    key = task.key

    def place(target):
        while abs(canvas.handle_value(panel.selected) - target) >= 5:
            up = canvas.handle_value(panel.selected) < target
            qtbot.keyClick(
                window,
                Qt.Key.Key_Right if up else Qt.Key.Key_Left,
                Qt.KeyboardModifier.ShiftModifier,
            )
        while abs(canvas.handle_value(panel.selected) - target) > 0.5:
            up = canvas.handle_value(panel.selected) < target
            qtbot.keyClick(window, Qt.Key.Key_Right if up else Qt.Key.Key_Left)

    qtbot.keyClick(window, Qt.Key.Key_R)
    place(key.resistance_onset_deg)
    qtbot.keyClick(window, Qt.Key.Key_L)
    place(key.limit_deg)
    if key.pain_onset_deg is None:
        qtbot.keyClick(window, Qt.Key.Key_0)
    else:
        qtbot.keyClick(window, Qt.Key.Key_BracketRight)
        assert panel.selected == "P1"
        place(key.pain_onset_deg)
    if key.limiting_factor == "pain":
        qtbot.keyClick(window, Qt.Key.Key_F)
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{task.management.key}"))
    qtbot.keyClick(window, Qt.Key.Key_Return)
    marking = panel.marking
    assert marking is not None
    wrong = [m.explanation for m in marking.marks.values() if not m.passed]
    assert set(wrong) <= {m.explanation for n, m in marking.marks.items() if n == "P′"}
    history = window.history_for_test
    assert history.summary(DEFAULT_PROFILE, kind=DIAGRAM).attempts == 1
    qtbot.keyClick(window, Qt.Key.Key_U)
    assert history.summary(DEFAULT_PROFILE, kind=DIAGRAM).attempts == 0


@pytest.mark.parametrize("name", ["diagram", "perform"])
def test_screen_flag_renders_the_exercise_screens(tmp_path, name):
    out = tmp_path / f"{name}.png"
    cmd = [sys.executable, str(ROOT / "main.py"), "--screen", name, "--screenshot", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert out.exists() and out.stat().st_size > 10_000
