"""Projector check: in the projector profile at 1024×768 and 1920×1080 no text is
clipped, and at 1080p every label is at least 18 px tall (readable from the back)."""

import pytest
from PySide6.QtGui import QFontInfo, QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel

from mobsim.model import Grade, Simulation, load_library
from mobsim.model.lecture import CompareMode
from mobsim.ui.main_window import MainWindow
from mobsim.ui.settings import Preferences
from mobsim.ui.widgets.room_text import wrapped_height

LIB = load_library()


def text_widgets(window):
    for w in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if w.isVisibleTo(window) and w.text():
            yield w


def clipped(widget) -> bool:
    if isinstance(widget, QLabel) and widget.wordWrap():
        return wrapped_height(widget, widget.text()) > widget.height() + 1
    metrics = QFontMetrics(widget.font())
    needed = max(metrics.horizontalAdvance(line) for line in widget.text().split("\n"))
    room = widget.contentsRect().width()
    if isinstance(widget, QAbstractButton):
        room -= 8  # the button's own padding
    return needed > room + 1


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
@pytest.mark.parametrize("compare", [0, 1, 2])
def test_projector_profile_text_fits(qtbot, size, compare):
    knee = LIB.get("knee")
    sim = Simulation(knee, knee.stiff_condition(90), Grade.IV)
    window = MainWindow(
        sim, LIB, settings=None, prefs=Preferences(theme="projector"), start_clock=False
    )
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.lecture.set_compare(list(CompareMode)[compare])
    window.advance(1.0)
    qtbot.waitExposed(window)
    assert (window.width(), window.height()) == size, "the window must fit the projector"
    bad = [(type(w).__name__, w.text()) for w in text_widgets(window) if clipped(w)]
    assert bad == []
    for combo in window.findChildren(QComboBox):
        metrics = QFontMetrics(combo.font())
        assert metrics.horizontalAdvance(combo.currentText()) <= combo.width() - 20, (
            combo.currentText()
        )
    if size == (1920, 1080):
        small = [
            (w.text(), QFontInfo(w.font()).pixelSize())
            for w in text_widgets(window)
            if QFontInfo(w.font()).pixelSize() < 18
        ]
        assert small == []
        views = [window.screen.joint_view] if compare == 0 else []
        for view in views:
            assert view.label_pixel_size() >= 18
