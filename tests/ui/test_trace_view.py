"""The live trace draws only motion that happened; both angle read-outs agree."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from widget_events import Events

from mobsim.model import Simulation, load_library
from mobsim.model.trace import MAX_GAP_S
from mobsim.ui.main_window import MainWindow
from mobsim.ui.settings import SettingsStore

LIB = load_library()


@pytest.fixture
def window(qtbot, tmp_path):
    store = SettingsStore(tmp_path)
    win = MainWindow(Simulation(LIB.get("knee")), LIB, store, store.load(), start_clock=False)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=3000)
    return win


def drawn_lines(trace):
    """(angle, seconds ago) pairs joined by a drawn line segment, as the trace paints them."""
    x, y, joined = trace.drawn()
    return x, y, np.asarray(joined, bool)[: len(x) - 1]


def test_no_line_across_time_spent_on_the_compare_views(qtbot, window):
    window.advance(1.0)
    for _ in range(3):  # C, C, C: all grades, normal vs stiff, back to the single view
        qtbot.keyClick(window, Qt.Key.Key_C)
        window.advance(0.7)
    x, y, joined = drawn_lines(window.screens["explore"].trace)
    assert len(x) > 60
    steps = np.abs(np.diff(y))  # seconds between neighbouring samples
    assert steps.max() > 1.0  # the compare views took time off this plot ...
    assert (steps[joined] <= MAX_GAP_S).all()  # ... and no drawn line spans it


def test_next_joint_starts_a_fresh_trace(qtbot, window):
    window.advance(3.0)
    qtbot.keyClick(window, Qt.Key.Key_N)
    window.advance(0.5)
    joint = window.sim.joint
    x, y, _ = drawn_lines(window.screens["explore"].trace)
    assert joint.id != "knee"
    assert y.max() <= 0.5 + 1e-6  # nothing older than the new joint
    assert (x >= joint.start - 1e-6).all() and (x <= joint.anatomical_limit + 1e-6).all()


def test_the_two_angle_readouts_show_the_same_sample_while_moving(qtbot, window):
    """Frame by frame, as the clock runs them (the text read-outs refresh at ~10 Hz)."""
    window.advance(0.5)
    seen = set()
    for _ in range(40):
        window.sim.step(1 / 60)
        window.render_frame()
        panel = window.screen.readouts["angle"].text().split("°")[0]
        assert window.screen.joint_view.readout_text() == f"{panel}°"
        seen.add(panel)
    assert len(seen) > 3  # the joint moved, and the read-outs followed


def grab(window, widget):
    at = widget.mapTo(window, widget.rect().topLeft())
    shot = widget.screen().grabWindow(
        window.winId(), at.x(), at.y(), widget.width(), widget.height()
    )
    return shot.toImage()


@pytest.mark.parametrize(
    ("grade_key", "theme"), [(Qt.Key.Key_3, None), (Qt.Key.Key_5, "projector")]
)
def test_the_line_scrolls_by_whole_pixels_and_partial_repaints_leave_no_trail(
    qtbot, window, grade_key, theme
):
    """Between scroll steps a frame repaints only the newest segments; what the
    partial repaints left on screen is what a full repaint shows."""
    if theme:
        window.set_theme_name(theme)
    window.resize(1280, 800)
    qtbot.keyClick(window, grade_key)
    trace = window.screens["explore"].trace
    for _ in range(120):  # two seconds: the line reaches down the plot
        window.sim.step(1 / 60)
        window.render_frame()
        QApplication.processEvents()
    paints = Events(trace.viewport())
    for _ in range(90):
        window.sim.step(1 / 60)
        window.render_frame()
        QApplication.processEvents()
        partial = grab(window, trace.viewport())
        trace.viewport().update()
        QApplication.processEvents()
        assert partial == grab(window, trace.viewport())
    # Every other paint is the full repaint above. Of the frames' own paints, many are
    # a few rows at the top (between steps) and some the whole line (a step).
    frames = paints.rects[0::2]
    full = trace.viewport().rect()
    assert all(r == full for r in paints.rects[1::2])
    heads = [r for r in frames if r.height() <= 12]
    assert len(heads) >= 0.4 * len(frames)
    assert len(frames) - len(heads) >= 5


@pytest.mark.parametrize("height", [150, 170, 200, 260, 420, 700])
def test_the_seconds_are_numbered_only_as_often_as_their_numbers_have_room(height):
    """A short trace at large text wrote "-2 0 2 4 6 8" over each other. The numbers
    the axis paints (pyqtgraph's draw specs) never overlap, and run from 0 up."""
    from PySide6.QtGui import QImage, QPainter

    from mobsim.ui.theme import theme_named
    from mobsim.ui.widgets.trace_view import TRACE_SECONDS, LiveTrace

    trace = LiveTrace(theme_named("projector", 1.75))
    trace.resize(700, height)
    trace.show()
    for _ in range(3):
        QApplication.processEvents()
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    _, _, texts = trace.getAxis("left").generateDrawSpecs(painter)
    painter.end()
    numbers = sorted((rect for rect, _, _ in texts), key=lambda r: r.top())
    values = sorted(float(text) for _, _, text in texts)
    assert values and values[0] == 0 and values[-1] <= TRACE_SECONDS
    assert not any(a.intersects(b) for a, b in zip(numbers, numbers[1:], strict=False))
    if height >= 700:
        assert len(values) >= 3  # a tall plot is numbered along its length
    trace.close()
