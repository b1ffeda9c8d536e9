"""The joint view's cached layers, frames built ahead, and partial repaints.

What is observed: the view's public build counters, the paint events it gets,
the window's layout requests and the pixels on screen; never timings.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QFrame
from widget_events import Events

from mobsim.model import Grade, Simulation, load_library
from mobsim.ui.main_window import MainWindow

LIBRARY = load_library()


@pytest.fixture
def make_window(qtbot):
    def make(joint_id="knee", theme=None):
        joint = LIBRARY.get(joint_id)
        sim = Simulation(joint, joint.normal_condition(), Grade.IV)
        win = MainWindow(sim, LIBRARY, None, start_clock=False)
        qtbot.addWidget(win)
        if theme:
            win.set_theme_name(theme)
        win.resize(1280, 800)
        win.show()
        win.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=3000)
        win.advance(0.5)
        settle(qtbot, win.screen.joint_view)
        return win

    return make


def settle(qtbot, view) -> None:
    """Let the view paint, then build ahead what it was asked to."""
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not view.warming, timeout=10000)


def assert_no_trail(window, view) -> None:
    """What the partial (or skipped) repaints left on screen is what a full repaint shows."""
    screen = view.screen()
    at = view.mapTo(window, view.rect().topLeft())
    partial = screen.grabWindow(window.winId(), at.x(), at.y(), view.width(), view.height())
    view.update()
    QApplication.processEvents()
    full = screen.grabWindow(window.winId(), at.x(), at.y(), view.width(), view.height())
    assert partial.toImage() == full.toImage()


def frame(window) -> None:
    window.sim.step(1 / 60)
    window.render_frame()
    QApplication.processEvents()


def test_grade_keys_find_their_frames_built_ahead(qtbot, make_window):
    window = make_window()
    view = window.screen.joint_view
    ahead = view.builds["layout_ahead"]
    assert ahead >= 4  # the other grades and the neighbouring joints, after the first paint
    on_demand = (view.builds["layout"], view.builds["under"])
    for key, grade in ((Qt.Key.Key_2, Grade.II), (Qt.Key.Key_5, Grade.V), (Qt.Key.Key_1, Grade.I)):
        qtbot.keyClick(window, key)
        QApplication.processEvents()
        assert window.sim.grade is grade
        assert view.band_span() == (window.sim.band.low, window.sim.band.high)
        assert view.label_boxes()  # it drew this grade's labels
    # Neither the background layer nor any grade's layout was built for a key.
    assert (view.builds["layout"], view.builds["under"]) == on_demand


def test_grade_after_grade_with_pauses_never_waits_for_a_build(qtbot, make_window):
    """Each grade brings its own neighbouring joints' frames; those built for earlier
    grades must not push out the frames of the grades a key can still show."""
    window = make_window()
    view = window.screen.joint_view
    on_demand = view.builds["layout"]
    keys = [Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_1, Qt.Key.Key_5, Qt.Key.Key_2] * 3
    for key in keys:
        qtbot.keyClick(window, key)
        QApplication.processEvents()
        frame(window)
        settle(qtbot, view)
    assert view.builds["layout"] == on_demand


def test_next_joint_finds_its_frame_built_ahead(qtbot, make_window):
    window = make_window()
    view = window.screen.joint_view
    on_demand = view.builds["layout"]
    qtbot.keyClick(window, Qt.Key.Key_N)
    QApplication.processEvents()
    assert window.sim.joint.id != "knee"
    assert view.arc_geometry() is not None
    assert view.builds["layout"] == on_demand


def test_a_cleared_cache_builds_on_demand(qtbot, make_window):
    window = make_window()
    view = window.screen.joint_view
    layouts, unders = view.builds["layout"], view.builds["under"]
    view.clear_cache()
    QApplication.processEvents()
    assert (view.builds["layout"], view.builds["under"]) == (layouts + 1, unders + 1)


@pytest.mark.parametrize(
    ("joint_id", "theme"),
    [("knee", None), ("pip-flexion", "projector"), ("ankle-dorsiflexion", None)],
)
def test_a_frame_repaints_only_round_the_moving_parts_and_leaves_no_trail(
    qtbot, make_window, joint_id, theme
):
    window = make_window(joint_id, theme)
    view = window.screen.joint_view
    paints = Events(view, QEvent.Paint)
    for _ in range(80):  # more than a cycle: angles come back (their regions are kept)
        frame(window)
    assert len(paints.rects) >= 70
    area = view.width() * view.height()
    assert max(r.width() * r.height() for r in paints.rects) < 0.75 * area
    assert_no_trail(window, view)


def test_grade_keys_and_next_joint_never_resize_the_joint_view(qtbot, make_window):
    window = make_window()
    view = window.screen.joint_view
    sizes = {view.size().toTuple()}
    for key in "12345NNN":
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{key}"))
        QApplication.processEvents()
        sizes.add(view.size().toTuple())
    assert len(sizes) == 1


def test_new_read_out_values_lay_nothing_out(qtbot, make_window):
    window = make_window()
    box = window.findChild(QFrame, "readouts")
    requests = [Events(box, QEvent.LayoutRequest), Events(window, QEvent.LayoutRequest)]
    before = window.screen.readouts["angle"].text()
    for _ in range(30):  # five read-out refreshes
        frame(window)
    assert window.screen.readouts["angle"].text() != before
    assert [r.count for r in requests] == [0, 0]


def test_a_hold_repaints_neither_the_joint_nor_the_diagram(qtbot, make_window):
    """Grade V holds still at L for most of each repeat (preload, rest): those frames
    repaint only the scrolling trace (and the read-out when its value changes), and
    the thrust repaints as before."""
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_5)
    for _ in range(60):  # past the grade change's easing; the plots render ahead
        frame(window)
        qtbot.wait(16)
    view, diagram = window.screen.joint_view, window.screen.diagram.viewport()
    joint_paints, diagram_paints = Events(view), Events(diagram)
    readout = view.readout_rect().toAlignedRect().adjusted(-2, -2, 2, 2)
    held = moved = 0
    angle = window.sim.angle
    for _ in range(200):  # more than one repeat of the thrust
        before = (len(joint_paints.rects), diagram_paints.count)
        frame(window)
        joint = joint_paints.rects[before[0] :]
        if window.sim.angle == angle:
            held += 1
            assert all(readout.contains(r) for r in joint)
            assert diagram_paints.count == before[1]
        else:
            moved += 1
            assert joint and any(not readout.contains(r) for r in joint)
            assert diagram_paints.count > before[1]
        angle = window.sim.angle
    assert held >= 100 and moved >= 5
    assert_no_trail(window, view)
