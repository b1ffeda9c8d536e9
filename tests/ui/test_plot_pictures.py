"""The explore plots render the neighbouring joints' pictures ahead, in idle time, so
N copies them; what a kept picture shows is what a fresh render shows."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from mobsim.model import Simulation, load_library
from mobsim.ui.screens.explore import PLOT_AHEAD_MS

LIB = load_library()


def pixels(widget) -> np.ndarray:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes())
    return rows.reshape(image.height(), image.bytesPerLine()).copy()


@pytest.fixture
def window(make_window):
    knee = LIB.get("knee")
    return make_window(sim=Simulation(knee, knee.stiff_condition(90)))


def settle(qtbot, window, ms):
    """Frames and idle time, as while a lecturer talks."""
    for _ in range(max(1, ms // 16)):
        window.advance(1 / 60)
        qtbot.wait(16)


def test_n_copies_the_pictures_rendered_ahead(qtbot, window):
    screen = window.screen
    plots = (screen.diagram, screen.trace)
    settle(qtbot, window, 3 * PLOT_AHEAD_MS + 200)  # both neighbours rendered ahead
    assert all(p.renders_ahead >= 2 for p in plots)
    renders = [p.renders for p in plots]
    qtbot.keyClick(window, Qt.Key.Key_N)
    QApplication.processEvents()
    assert window.sim.joint.id != "knee"
    assert [p.renders for p in plots] == renders  # copied, not rendered
    assert all(p.placed[0] == window.sim.joint.id for p in plots)
    # What the kept pictures show is what rendering this scene afresh shows.
    kept = [pixels(p.viewport()) for p in plots]
    for p in plots:
        p.keep_pictures(0, lambda: None)  # keep none: the next paint renders
        p.invalidate_still()
    QApplication.processEvents()
    fresh = [pixels(p.viewport()) for p in plots]
    assert all(p.renders > r for p, r in zip(plots, renders, strict=True))
    for a, b in zip(kept, fresh, strict=True):
        assert a.shape == b.shape and np.array_equal(a, b)


def test_a_new_theme_forgets_the_kept_pictures(qtbot, window):
    screen = window.screen
    plots = (screen.diagram, screen.trace)
    settle(qtbot, window, 3 * PLOT_AHEAD_MS + 200)
    before = pixels(screen.diagram.viewport())
    window.set_theme_name("colorblind")  # same sizes: only colours tell the pictures apart
    QApplication.processEvents()
    # The old theme's pictures are gone: the scene on show is rendered in the new one.
    assert not np.array_equal(before, pixels(screen.diagram.viewport()))
    settle(qtbot, window, 3 * PLOT_AHEAD_MS + 200)  # neighbours, in the new theme
    renders = [p.renders for p in plots]
    qtbot.keyClick(window, Qt.Key.Key_N)
    QApplication.processEvents()
    assert [p.renders for p in plots] == renders
    kept = [pixels(p.viewport()) for p in plots]
    for p in plots:
        p.keep_pictures(0, lambda: None)
        p.invalidate_still()
    QApplication.processEvents()
    for p, shown in zip(plots, kept, strict=True):
        assert np.array_equal(shown, pixels(p.viewport()))


def test_rendering_ahead_waits_for_a_late_first_picture(qtbot, window):
    """A machine too slow to paint the plots before the render-ahead timer fires: the
    neighbours are still rendered ahead once the pictures are there (it used to give
    up until the next scene change, and N then rendered on the key)."""
    screen = window.screen
    plots = (screen.diagram, screen.trace)
    qtbot.keyClick(window, Qt.Key.Key_N)  # a new scene: its neighbours are to render
    screen._plot_timer.stop()  # the timer fires ...
    for plot in plots:
        plot.invalidate_still()  # ... before the plots painted the new scene
    before = [p.renders_ahead for p in plots]
    screen._render_plots_ahead()
    settle(qtbot, window, 3 * PLOT_AHEAD_MS + 200)
    assert all(p.renders_ahead > b for p, b in zip(plots, before, strict=True))


def test_a_grade_shown_before_copies_its_composite(qtbot, window):
    """The band lies under each plot's picture: a grade key back to a grade already
    shown copies that composite; what it shows is what composing afresh shows."""
    screen = window.screen
    plots = (screen.diagram, screen.trace)
    for key in (Qt.Key.Key_1, Qt.Key.Key_4):  # each grade composed once
        qtbot.keyClick(window, key)
        settle(qtbot, window, 50)
    composed = [p.composed for p in plots]
    for key in (Qt.Key.Key_1, Qt.Key.Key_4, Qt.Key.Key_1):
        qtbot.keyClick(window, key)
        QApplication.processEvents()
        assert [p.composed for p in plots] == composed  # copied, not composed
    assert window.sim.grade.value == 1
    kept = [pixels(p.viewport()) for p in plots]
    for p in plots:
        p.forget_composites()  # keep none: the next paint composes
        p.refresh_under()
    QApplication.processEvents()
    assert all(p.composed > c for p, c in zip(plots, composed, strict=True))
    fresh = [pixels(p.viewport()) for p in plots]
    for a, b in zip(kept, fresh, strict=True):
        assert a.shape == b.shape and np.array_equal(a, b)


def test_a_new_band_or_theme_composes_again(qtbot, window):
    screen = window.screen
    plots = (screen.diagram, screen.trace)
    composed = [p.composed for p in plots]
    qtbot.keyClick(window, Qt.Key.Key_2)
    QApplication.processEvents()
    assert all(p.composed > c for p, c in zip(plots, composed, strict=True))
    composed = [p.composed for p in plots]
    window.look.set_theme_name("projector")
    QApplication.processEvents()
    assert all(p.composed > c for p, c in zip(plots, composed, strict=True))
