"""Build-the-diagram panel: real mouse drags on the handles, keyboard placing, marking."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from mobsim.content.cases import CaseAnswer
from mobsim.model import load_library
from mobsim.quiz.diagram_task import offered_tasks
from mobsim.ui.exercises.diagram import DiagramPanel
from mobsim.ui.theme import theme_named

JOINTS = load_library().joints


@dataclass(frozen=True)
class Diagram:
    limit_deg: float
    resistance_onset_deg: float
    pain_onset_deg: float | None
    limiting_factor: str
    pain_at_limit: float | None
    source: str = "L, R1 and P1 as examined in the case"


@dataclass(frozen=True)
class Case:
    id: str
    joint_id: str
    text: str
    answer: CaseAnswer
    rationale: str
    diagram: Diagram | None


STIFF = Case(
    "knee-stiff",
    "knee",
    "Stiff from 60°, stops firmly at 100°, a little sore from 85°.",
    CaseAnswer.III_IV,
    "Stiffness-dominant, not irritable: grades III–IV.",
    Diagram(100, 60, 85, "resistance", 0.3),
)
BARE = Case("no-numbers", "knee", "x", CaseAnswer.V, "", None)


@pytest.fixture
def panel(qtbot):
    tasks, notices = offered_tasks([BARE, STIFF], JOINTS)
    p = DiagramPanel(theme_named("default"), tasks, notices)
    qtbot.addWidget(p)
    p.resize(1200, 700)
    p.show()
    qtbot.waitExposed(p)
    return p


def pixel(panel, x: float, y: float) -> QPoint:
    canvas = panel.canvas
    scene = canvas.plotItem.vb.mapViewToScene(QPointF(x, y))
    return canvas.mapFromScene(scene)


def drag(panel, start: QPoint, end: QPoint, steps: int = 12) -> None:
    viewport = panel.canvas.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, steps + 1):
        p = start + (end - start) * (i / steps)
        QTest.mouseMove(viewport, p)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def test_a_case_without_diagram_numbers_is_not_offered_and_the_notice_says_so(panel):
    assert len(panel.tasks) == 1
    assert "no-numbers" in panel.notice.text()
    assert "not offered" in panel.notice.text()


def test_dragging_r1_with_the_mouse_moves_it(panel):
    before = panel.canvas.handle_value("R1")
    drag(panel, pixel(panel, before, 0.5), pixel(panel, 60, 0.5))
    assert panel.canvas.handle_value("R1") == pytest.approx(60, abs=2)
    assert panel.student().resistance_onset == pytest.approx(60, abs=2)


def test_a_handle_dragged_past_the_diagram_stays_on_a_to_b(panel):
    knee = JOINTS["knee"]
    start = panel.canvas.handle_value("L")
    drag(panel, pixel(panel, start, 0.5), pixel(panel, knee.normal_end + 40, 0.5))
    assert panel.canvas.handle_value("L") <= knee.normal_end


def test_keyboard_places_every_handle_and_marks_all_right(panel, qtbot):
    canvas = panel.canvas
    canvas.setFocus()

    def place(target):
        while abs(canvas.handle_value(panel.selected) - target) >= 5:
            up = canvas.handle_value(panel.selected) < target
            key = Qt.Key.Key_Right if up else Qt.Key.Key_Left
            QTest.keyClick(panel, key, Qt.KeyboardModifier.ShiftModifier)
        while abs(canvas.handle_value(panel.selected) - target) > 0.5:
            up = canvas.handle_value(panel.selected) < target
            QTest.keyClick(panel, Qt.Key.Key_Right if up else Qt.Key.Key_Left)

    QTest.keyClick(panel, Qt.Key.Key_R)
    place(60)
    QTest.keyClick(panel, Qt.Key.Key_L)
    place(100)
    QTest.keyClick(panel, Qt.Key.Key_BracketRight)
    assert panel.selected == "P1"
    place(85)
    QTest.keyClick(panel, Qt.Key.Key_BracketRight)
    assert panel.selected == "P′"
    for _ in range(4):
        QTest.keyClick(panel, Qt.Key.Key_Down)  # 0.50 → 0.30 of the top line
    QTest.keyClick(panel, Qt.Key.Key_2)  # management: grades III–IV
    QTest.keyClick(panel, Qt.Key.Key_Return)
    marking = panel.marking
    assert marking is not None
    assert marking.all_right, [m.explanation for m in marking.marks.values()]
    assert "right" in panel.result.text()
    assert panel.canvas.key_lines["R1"].isVisible()  # the case's diagram is overlaid


def test_marking_explains_each_difference(panel):
    panel.choose_factor("pain")
    panel.choose_management(CaseAnswer.I_II)
    marking = panel.mark()
    assert not marking.all_right
    text = panel.result.text()
    assert "limited by resistance" in text
    assert "Management" in text
