"""Perform-the-grade panel: real mouse drags on the segment, held arrow keys, feedback."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from mobsim.model import Condition, Convention, GradeChoice, load_library
from mobsim.quiz.perform_task import FeedbackSchedule, PerformTask
from mobsim.ui.exercises.perform import PerformPanel
from mobsim.ui.theme import theme_named

KNEE = load_library().get("knee")
STIFF = Condition.for_joint(KNEE, 90.0)


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def panel(qtbot):
    clock = FakeClock()
    task = PerformTask(KNEE, STIFF, GradeChoice.parse("III"), Convention.QUARTILE)
    p = PerformPanel(theme_named("default"), task, clock)
    p.clock_for_test = clock
    qtbot.addWidget(p)
    p.resize(1200, 700)
    p.show()
    qtbot.waitExposed(p)
    return p


def run(panel, seconds: float, fps: float = 60.0) -> None:
    for _ in range(int(seconds * fps)):
        panel.clock_for_test.now += 1 / fps
        panel.step(1 / fps)
        panel.render()


def point_at(panel, angle: float, radius_share: float = 0.8) -> QPoint:
    centre, radius = panel.joint_view.arc_geometry()
    screen = math.radians(panel.joint_view.screen_angle(angle))
    r = radius * radius_share
    return QPoint(
        round(centre.x() + r * math.cos(screen)), round(centre.y() - r * math.sin(screen))
    )


def test_dragging_the_segment_with_the_mouse_moves_it_along_the_arc(panel, qtbot):
    view = panel.joint_view
    QTest.mousePress(
        view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point_at(panel, 10)
    )
    for angle in range(10, 70, 5):
        QTest.mouseMove(view, point_at(panel, angle))
    QTest.mouseRelease(
        view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point_at(panel, 65)
    )
    assert panel.position == pytest.approx(65, abs=1.5)
    assert panel.mouse_events >= 12


def test_a_drag_past_the_end_of_the_arc_stops_at_l(panel):
    view = panel.joint_view
    QTest.mousePress(
        view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point_at(panel, 40)
    )
    for angle in range(40, 135, 5):
        QTest.mouseMove(view, point_at(panel, angle))
    assert panel.position == pytest.approx(90.0)  # L of the stiff knee, not 130°


def test_a_recorded_mouse_performance_is_marked(panel):
    panel.set_schedule(FeedbackSchedule.TERMINAL)
    view = panel.joint_view
    panel.start()
    QTest.mousePress(
        view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point_at(panel, 55)
    )
    fps = 60
    for i in range(int(10.2 * fps)):
        t = i / fps
        angle = 71 + 18 * math.sin(2 * math.pi * 1.0 * t)  # 53–89°: grade III on A–L = 0–90
        panel.clock_for_test.now = t
        QTest.mouseMove(view, point_at(panel, angle))
        panel.step(1 / fps)
    QTest.mouseRelease(
        view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point_at(panel, 70)
    )
    assert panel.marking is not None
    assert panel.marking.grade_matched, panel.marking.as_dict()
    assert panel.marking.score >= 75
    assert "Score" in panel.feedback.text()


def test_held_arrow_keys_drive_the_segment_at_the_key_speed(panel, qtbot):
    panel.joint_view.setFocus()
    start = panel.position
    QTest.keyPress(panel.joint_view, Qt.Key.Key_Up)
    run(panel, 0.5)
    QTest.keyRelease(panel.joint_view, Qt.Key.Key_Up)
    run(panel, 0.2)
    moved = panel.position - start
    assert moved == pytest.approx(panel.key_speed * 90.0 * 0.5, rel=0.05)
    QTest.keyPress(panel.joint_view, Qt.Key.Key_Down)
    run(panel, 5)
    QTest.keyRelease(panel.joint_view, Qt.Key.Key_Down)
    assert panel.position == KNEE.start  # clamped at A


def test_keyboard_performance_self_controlled_feedback_only_on_request(panel):
    panel.joint_view.setFocus()
    panel.start()
    # Oscillate with the keys: up 0.8 s, down 0.8 s, starting from A.
    for _ in range(7):
        for key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            QTest.keyPress(panel.joint_view, key)
            run(panel, 0.8)
            QTest.keyRelease(panel.joint_view, key)
    assert panel.marking is not None and not panel.recording
    assert "Press F" in panel.feedback.text()
    panel.ask_feedback()
    assert "Score" in panel.feedback.text()


def test_the_metronome_can_be_switched_off(panel):
    assert panel.metronome.isVisible()
    panel.set_metronome(False)
    assert not panel.metronome.isVisible()
