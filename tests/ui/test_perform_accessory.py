"""The perform panel on an accessory technique (mm), by touch, and grade V by mouse.

Real input events only: QTest mouse presses and moves, and QTest touch sequences from
a touch-screen device. The recorder's samples and the marking are checked, not the
handlers' return values.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from mobsim.model import Condition, Convention, GradeChoice, load_library
from mobsim.model.accessory import condition_for
from mobsim.quiz.perform_task import FeedbackSchedule, PerformTask
from mobsim.ui.exercises.perform import PerformPanel
from mobsim.ui.theme import theme_named

LIBRARY = load_library()
KNEE = LIBRARY.get("knee")
GLIDE = LIBRARY.techniques["knee-posterior-glide"]  # drawn left to right on screen
INFERIOR = LIBRARY.techniques["gh-inferior-glide"]  # drawn down the screen
NO_KEYS = Qt.KeyboardModifier.NoModifier
LEFT = Qt.MouseButton.LeftButton


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def make_panel(qtbot, task: PerformTask) -> PerformPanel:
    clock = FakeClock()
    panel = PerformPanel(theme_named("default"), task, clock)
    panel.clock_for_test = clock
    qtbot.addWidget(panel)
    panel.resize(1200, 700)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def glide_task(grade: str = "IV", technique=GLIDE, limit: float = 4.0) -> PerformTask:
    condition = condition_for(technique, limit)
    return PerformTask(technique, condition, GradeChoice.parse(grade), Convention.QUARTILE)


def start_point(panel) -> QPoint:
    view = panel.glide_view
    return QPoint(view.width() // 3, view.height() // 2)


# ---------------------------------------------------------------- accessory by mouse


def test_an_accessory_task_drives_the_magnified_glide_in_mm(qtbot):
    panel = make_panel(qtbot, glide_task())
    assert panel.segment_view is panel.glide_view and panel.glide_view.isVisible()
    assert not panel.joint_view.isVisible()
    assert panel.prompt.text() == (
        "Perform grade IV posterior glide of the tibia on the femur — knee stiff at 4 mm"
    )
    assert panel.plot.getAxis("left").labelText == "translation (mm)"
    view, px = panel.glide_view, panel.glide_view.px_per_mm
    p0 = start_point(panel)
    QTest.mousePress(view, LEFT, NO_KEYS, p0)
    QTest.mouseMove(view, p0 + QPoint(round(2.5 * px), 0))  # along the glide: 2.5 mm
    assert panel.position == pytest.approx(2.5, abs=0.6 / px)  # to the nearest pixel
    assert panel.glide_stage.glide.translation == panel.position  # the bone is drawn there
    along = panel.position
    QTest.mouseMove(view, p0 + QPoint(round(2.5 * px), 80))  # across the glide: no change
    assert panel.position == along
    QTest.mouseMove(view, p0 + QPoint(round(9 * px), 0))  # past L: held at L (4 mm)
    assert panel.position == pytest.approx(4.0)
    QTest.mouseRelease(view, LEFT, NO_KEYS, p0)


def test_an_inferior_glide_is_dragged_down_the_screen(qtbot):
    panel = make_panel(qtbot, glide_task("III", INFERIOR, 3.6))
    view, px = panel.glide_view, panel.glide_view.px_per_mm
    p0 = start_point(panel)
    QTest.mousePress(view, LEFT, NO_KEYS, p0)
    QTest.mouseMove(view, p0 + QPoint(round(2 * px), 0))  # sideways: across the glide
    assert panel.position == pytest.approx(0.0, abs=0.02)
    QTest.mouseMove(view, p0 + QPoint(0, round(2 * px)))  # down: inferior
    assert panel.position == pytest.approx(2.0, abs=0.6 / px)  # to the nearest pixel
    QTest.mouseRelease(view, LEFT, NO_KEYS, p0)


def test_a_grade_iv_glide_performed_with_the_mouse_is_marked_in_mm(qtbot):
    panel = make_panel(qtbot, glide_task("IV"))
    panel.set_schedule(FeedbackSchedule.TERMINAL)
    view, px = panel.glide_view, panel.glide_view.px_per_mm
    p0 = start_point(panel)
    panel.start()
    QTest.mousePress(view, LEFT, NO_KEYS, p0)
    fps = 60
    for i in range(int(10.2 * fps)):
        t = i / fps
        mm = 3.75 + 0.22 * math.sin(2 * math.pi * 2.0 * t)  # 3.53–3.97 mm at 2 Hz, L = 4 mm
        panel.clock_for_test.now = t
        QTest.mouseMove(view, p0 + QPoint(round(mm * px), 0))
        panel.step(1 / fps)
    QTest.mouseRelease(view, LEFT, NO_KEYS, p0)
    marking = panel.marking
    assert marking is not None and not panel.recording
    assert marking.grade_matched, marking.as_dict()
    assert marking.score >= 75
    positions = panel.recorder.positions
    assert positions[60:].min() >= 3.45 and positions.max() <= 4.0  # recorded in mm
    assert "mm" in panel.feedback.text() and "Score" in panel.feedback.text()
    x, y = panel.plot.curve.getData()
    assert len(x) == panel.recorder.count and np.allclose(y, positions)


def test_arrow_keys_move_the_glide_at_the_key_speed_in_mm(qtbot):
    panel = make_panel(qtbot, glide_task("II"))
    panel.glide_view.setFocus()
    QTest.keyPress(panel.glide_view, Qt.Key.Key_Right)
    for _ in range(30):  # 0.5 s
        panel.clock_for_test.now += 1 / 60
        panel.step(1 / 60)
    QTest.keyRelease(panel.glide_view, Qt.Key.Key_Right)
    assert panel.position == pytest.approx(panel.key_speed * 4.0 * 0.5, rel=0.05)


# ---------------------------------------------------------------- touch


def touch_drag(panel, widget, points: list[QPoint], device, dt: float = 1 / 60) -> None:
    """One finger: down at the first point, along the rest, up at the last."""
    QTest.touchEvent(widget, device).press(0, points[0], widget).commit()
    for p in points[1:]:
        panel.clock_for_test.now += dt
        QTest.touchEvent(widget, device).move(0, p, widget).commit()
        panel.step(dt)
    QTest.touchEvent(widget, device).release(0, points[-1], widget).commit()


def test_a_touch_screen_drags_the_knee_and_the_attempt_is_scored(qtbot):
    device = QTest.createTouchDevice()
    task = PerformTask(KNEE, Condition.for_joint(KNEE, 90.0), GradeChoice.parse("III"))
    panel = make_panel(qtbot, task)
    panel.set_schedule(FeedbackSchedule.TERMINAL)
    view = panel.joint_view
    centre, radius = view.arc_geometry()

    def at(angle: float) -> QPoint:
        a = math.radians(view.screen_angle(angle))
        r = 0.8 * radius
        return QPoint(round(centre.x() + r * math.cos(a)), round(centre.y() - r * math.sin(a)))

    angles = [71 + 18 * math.sin(2 * math.pi * 1.0 * i / 60) for i in range(int(10.3 * 60))]
    panel.start()
    touch_drag(panel, view, [at(a) for a in angles], device)
    assert panel.mouse_events >= len(angles)  # every touch point reached the panel
    recorded = panel.recorder.positions
    assert recorded.min() == pytest.approx(53, abs=1.5)
    assert recorded.max() == pytest.approx(89, abs=1.5)
    assert panel.marking is not None, panel.status.text()
    assert panel.marking.grade_matched, panel.marking.as_dict()
    assert "Score" in panel.feedback.text()


def test_touch_drags_an_accessory_glide(qtbot):
    device = QTest.createTouchDevice()
    panel = make_panel(qtbot, glide_task("II"))
    view, px = panel.glide_view, panel.glide_view.px_per_mm
    p0 = start_point(panel)
    touch_drag(panel, view, [p0 + QPoint(round(k * 0.1 * px), 0) for k in range(16)], device)
    assert panel.position == pytest.approx(1.5, abs=0.03)


# ---------------------------------------------------------------- grade V by mouse


def thrust_by_mouse(panel, rise_s: float) -> None:
    """Hold at L for 1 s, push 3.5° past L in `rise_s`, come back as fast, hold again."""
    view = panel.joint_view
    centre, radius = view.arc_geometry()
    limit = panel.task.condition.available_limit

    def at(angle: float) -> QPointF:
        a = math.radians(view.screen_angle(angle))
        r = 3.0 * radius  # far out on the segment's line: a pixel is a small angle
        return QPointF(centre.x() + r * math.cos(a), centre.y() - r * math.sin(a))

    rate = 240  # mouse events per second
    path = [limit] * rate  # 1 s still at L
    steps = max(2, round(rise_s * rate))
    push = [limit + 3.5 * 0.5 * (1 - math.cos(math.pi * k / steps)) for k in range(1, steps + 1)]
    path += push + push[::-1][1:] + [limit] * rate
    panel.start()
    QTest.mousePress(view, LEFT, NO_KEYS, at(limit).toPoint())
    for angle in path:
        panel.clock_for_test.now += 1 / rate
        # QTest moves to whole pixels; at 3× the arc radius a pixel is ~0.1°.
        QTest.mouseMove(view, at(angle).toPoint())
        panel.step(1 / rate)
    QTest.mouseRelease(view, LEFT, NO_KEYS, at(limit).toPoint())
    panel.toggle_recording()  # Space: stop and mark


@pytest.fixture
def thrust_panel(qtbot):
    task = PerformTask(KNEE, Condition.for_joint(KNEE, 90.0), GradeChoice.parse("V"))
    panel = make_panel(qtbot, task)
    panel.set_schedule(FeedbackSchedule.TERMINAL)
    # The segment's far end must stay inside the widget for every point of the push.
    panel.resize(1800, 1000)
    return panel


def test_a_quick_thrust_by_mouse_is_marked_grade_v_with_its_rise_time(thrust_panel):
    panel = thrust_panel
    thrust_by_mouse(panel, rise_s=0.1)
    marking = panel.marking
    assert marking is not None, panel.status.text()
    assert marking.grade_matched, marking.as_dict()
    rise = marking.criteria["rise_time"]
    assert rise.passed and 0.05 <= rise.measured <= 0.15
    assert panel.plot.rise.isVisible()
    assert panel.plot.rise_label.textItem.toPlainText() == f"rise {rise.measured * 1000:.0f} ms"
    assert "grade V matched" in panel.feedback.text()
    assert f"rise time {rise.measured * 1000:.0f} ms" in panel.feedback.text()


def test_a_slow_push_by_mouse_is_told_it_is_too_slow_for_a_thrust(thrust_panel):
    panel = thrust_panel
    thrust_by_mouse(panel, rise_s=1.2)
    marking = panel.marking
    assert marking is not None
    assert not marking.grade_matched
    assert not marking.criteria["rise_time"].passed
    assert "too slow for a thrust" in panel.feedback.text()
    assert "grade V not matched" in panel.feedback.text()


# ---------------------------------------------------------------- the motion setting


def test_the_motion_setting_is_switched_by_a_and_remembered(qtbot, tmp_path):
    from PySide6.QtWidgets import QApplication

    from mobsim.model import Simulation
    from mobsim.quiz import HistoryStore
    from mobsim.ui.main_window import MainWindow
    from mobsim.ui.settings import SettingsStore

    def open_window():
        store = SettingsStore(tmp_path)
        sim = Simulation(KNEE, Condition.for_joint(KNEE, 104.0), GradeChoice.parse("IV"))
        w = MainWindow(sim, LIBRARY, store, store.load(), False, HistoryStore.in_memory())
        qtbot.addWidget(w)
        w.show()
        w.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
        return w

    w = open_window()
    screen = w.show_screen("perform")
    assert not screen.panel.task.is_accessory
    QTest.keyClick(w, Qt.Key.Key_A)
    task = screen.panel.task
    assert task.is_accessory and task.joint.id == "knee-posterior-glide"
    assert task.condition.available_limit == pytest.approx(4.0)  # 80 % of 5 mm, as explore
    assert task.choice.display == "IV"
    assert screen.motion_box.currentData() == "knee-posterior-glide"
    index = screen.motion_box.findData("mcp-volar-glide")
    screen.motion_box.setCurrentIndex(index)
    screen.motion_box.activated.emit(index)  # as a click on the item does
    assert screen.panel.task.joint.id == "mcp-volar-glide"
    w.close()
    w = open_window()
    again = w.show_screen("perform").panel.task
    assert again.is_accessory and again.joint.id == "mcp-volar-glide"
    QTest.keyClick(w, Qt.Key.Key_A)
    assert not w.screen.panel.task.is_accessory
    w.close()


# ---------------------------------------------------------------- concurrent feedback


def test_the_live_trace_is_drawn_over_the_band_while_performing(qtbot):
    """Concurrent schedule: the trace appears point by point at the plot's own pixel for
    each sample (the chart's picture of the plot and its trace), then the plot takes over."""
    panel = make_panel(qtbot, glide_task("IV"))
    panel.set_schedule(FeedbackSchedule.CONCURRENT)
    panel.start()
    assert panel.plot.band.isVisible()  # concurrent: the band is shown while performing
    for i in range(120):  # 2 s at 60 Hz, 3.5–3.9 mm
        panel.clock_for_test.now = (i + 1) / 60
        panel.move_to(3.7 + 0.2 * math.sin(2 * math.pi * 2.0 * i / 60))
        panel.step(1 / 60)
        panel.render()
    live = panel.plot.live
    assert live.isVisible() and live.count == 120
    vb = panel.plot.getPlotItem().getViewBox()
    px, py = live.points()
    for k in (0, 60, 119):
        t = (k + 1) / 60  # elapsed at that frame (the start sample is at 0)
        x = 3.7 + 0.2 * math.sin(2 * math.pi * 2.0 * k / 60)
        want = panel.plot.mapFromScene(vb.mapViewToScene(QPointF(t, x)))
        assert (px[k], py[k]) == pytest.approx((want.x(), want.y()), abs=0.5)
    qtbot.wait(20)
    image = live.grab().toImage()
    trace = image.pixelColor(round(px[60]), round(py[60]))
    expected = panel.plot.curve.opts["pen"].color()
    assert trace.rgb() == expected.rgb()  # the trace's colour where the sample is drawn
    panel.toggle_recording()  # stop: marked; the plot shows the whole trace itself
    assert not live.isVisible()
    x, _ = panel.plot.curve.getData()
    assert len(x) == panel.recorder.count
