"""The accessory screen in the window: the keys a lecturer presses and what they see."""

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mobsim.model import Grade, Simulation, load_library
from mobsim.model.kaltenborn import KaltenbornGrade
from mobsim.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
LIB = load_library()


@pytest.fixture
def screen(qtbot):
    window = MainWindow(Simulation(LIB.get("knee")), LIB, settings=None, start_clock=False)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    window.show_screen("accessory")
    return window


def press(qtbot, window, key):
    qtbot.keyClick(window, key)


def test_grade_keys_and_kaltenborn(qtbot, screen):
    demo = screen.screen.demo
    assert demo.technique.id == "knee-posterior-glide"
    press(qtbot, screen, Qt.Key.Key_4)
    assert demo.choice.grade is Grade.IV
    low, high = screen.screen.view.diagram.band_region()
    assert (low, high) == pytest.approx((demo.band.low, demo.band.high))
    press(qtbot, screen, Qt.Key.Key_K)
    press(qtbot, screen, Qt.Key.Key_3)
    assert demo.is_kaltenborn and demo.kaltenborn is KaltenbornGrade.III
    assert screen.screen.view.diagram.zones[1].isVisible()
    press(qtbot, screen, Qt.Key.Key_5)  # no Kaltenborn V
    assert demo.kaltenborn is KaltenbornGrade.III


def test_space_pauses_and_c_compares(qtbot, screen):
    demo = screen.screen.demo
    press(qtbot, screen, Qt.Key.Key_Space)
    assert not demo.playing and not screen.screen.is_moving()
    press(qtbot, screen, Qt.Key.Key_C)
    assert demo.compare and screen.screen.view.angular.isVisible()
    press(qtbot, screen, Qt.Key.Key_H)
    assert not demo.labels_visible
    press(qtbot, screen, Qt.Key.Key_N)
    assert demo.technique.id != "knee-posterior-glide"


def test_help_lists_the_screen_keys(screen):
    texts = {a.text() for a in screen.screen.actions()}
    assert {"Grade I", "Grade V", "Play / pause", "Slow motion ×¼"} <= texts
    assert "Maitland / Kaltenborn grades" in texts


@pytest.mark.parametrize(
    "args",
    [
        ["--screen", "accessory", "--joint", "l3-central-pa", "--grade", "IV"],
        ["--grading", "kaltenborn", "--joint", "gh-inferior-glide", "--grade", "III"],
    ],
)
def test_screenshot_of_the_accessory_screen(tmp_path, args):
    out = tmp_path / "a.png"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args, "--screenshot", str(out), "--at", "2"],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", **__import__("os").environ},
    )
    assert proc.returncode == 0, proc.stderr
    assert out.stat().st_size > 10_000


def test_accessory_technique_on_another_screen_is_refused(capsys):
    from mobsim.cli import main

    assert main(["--joint", "knee-anterior-glide", "--screen", "explore"]) == 2
    assert "use --screen accessory" in capsys.readouterr().err


def test_self_test_hides_the_grade_then_marks_the_answer(qtbot, screen):
    acc = screen.screen
    press(qtbot, screen, Qt.Key.Key_Q)
    q = acc.question
    assert acc.demo.mystery and acc.view.diagram.band_region() is None
    assert "which Maitland grade" in acc.view.caption.text()
    wrong = next(i for i, c in enumerate(q.choices, 1) if c != q.answer)
    press(qtbot, screen, getattr(Qt.Key, f"Key_{wrong}"))
    assert not acc.demo.mystery
    revealed = acc.view.diagram.band_region()  # the asked grade's band, not the last shown
    assert revealed == pytest.approx((q.band().low, q.band().high))
    assert acc.view.caption.text().startswith("Not quite")
    summary = screen.history.summary("student", kind="accessory")
    assert summary.attempts == 1 and summary.correct == 0
    assert screen.history.summary("student").attempts == 0  # angular history apart
    press(qtbot, screen, Qt.Key.Key_2)  # after the answer, keys show grades again
    assert acc.question is None and acc.demo.choice.grade is Grade.II


def test_kaltenborn_self_test_is_kept_as_its_own_kind(qtbot, screen):
    acc = screen.screen
    press(qtbot, screen, Qt.Key.Key_K)
    press(qtbot, screen, Qt.Key.Key_Q)
    q = acc.question
    assert q.kind == "kaltenborn" and q.choices == ("I", "II", "III")
    right = q.choices.index(q.answer) + 1
    press(qtbot, screen, getattr(Qt.Key, f"Key_{right}"))
    assert acc.view.caption.text().startswith("Right")
    assert screen.history.summary("student", kind="kaltenborn").correct == 1
