"""The grade's caption is laid out once per text: a grade key back to a grade already
shown copies its picture, and what the window shows is the same either way."""

from __future__ import annotations

import os
import textwrap

import pytest
from fresh_process import printed
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QVBoxLayout, QWidget

from mobsim.ui.style import stylesheet
from mobsim.ui.theme import theme_named
from mobsim.ui.widgets.room_text import Caption

GRADE_I = (
    "Grade I: small amplitude at the beginning of the available range, well short of "
    "R1, the first resistance. Used for pain."
)
GRADE_IV = (
    "Grade IV: small amplitude at the limit of the available range, pushed into the "
    "resistance. Used for stiffness."
)


@pytest.fixture(params=["default", "projector"])
def window(qtbot, request):
    window = QWidget()
    window.setStyleSheet(stylesheet(theme_named(request.param, 1.0)))
    caption = Caption()
    layout = QVBoxLayout(window)
    layout.addWidget(caption)
    layout.addWidget(QWidget(), 1)
    window.caption = caption
    qtbot.addWidget(window)
    window.resize(900, 300)
    window.show()
    qtbot.waitExposed(window)
    return window


def shown(window, qtbot) -> QImage:
    caption = window.caption
    caption.repaint()
    qtbot.wait(1)  # the event loop takes the picture
    return window.grab(caption.geometry()).toImage()


def test_a_text_shown_again_is_copied_not_laid_out(window, qtbot):
    caption = window.caption
    caption.set_caption(GRADE_I, GRADE_IV)
    shown(window, qtbot)
    assert caption.pictures_taken == 1
    caption.set_caption(GRADE_IV, GRADE_I)
    shown(window, qtbot)
    assert caption.pictures_taken == 2
    for text in (GRADE_I, GRADE_IV, GRADE_I):  # grade keys back and forth
        caption.set_caption(text, GRADE_I, GRADE_IV)
        shown(window, qtbot)
    assert caption.pictures_taken == 2


def test_the_copy_shows_what_laying_out_shows(window, qtbot):
    caption = window.caption
    caption.set_caption(GRADE_IV, GRADE_I)
    laid_out = shown(window, qtbot)  # painted by the label; the picture is taken after
    copied = shown(window, qtbot)  # painted from the picture
    assert caption.pictures_taken == 1
    assert copied == laid_out


def test_a_new_size_or_theme_lays_the_text_out_again(window, qtbot):
    caption = window.caption
    caption.set_caption(GRADE_I)
    shown(window, qtbot)
    window.resize(700, 300)
    qtbot.wait(1)
    shown(window, qtbot)
    assert caption.pictures_taken == 2
    window.setStyleSheet(stylesheet(theme_named("colorblind", 1.5)))
    qtbot.wait(1)
    shown(window, qtbot)
    assert caption.pictures_taken == 3


# At 150 % the caption sits a fraction of a device pixel into the window: a picture
# of it taken at (0, 0) placed its glyphs differently from a paint in place.
FRACTIONAL = textwrap.dedent(
    """
    import tempfile
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from mobsim.model import Grade, Simulation, load_library
    from mobsim.ui.app import application
    from mobsim.ui.main_window import MainWindow
    from mobsim.ui.settings import SettingsStore

    app = application()
    knee = load_library().get("knee")
    store = SettingsStore(Path(tempfile.mkdtemp()))
    window = MainWindow(Simulation(knee, knee.stiff_condition(90)), load_library(), store,
                        store.load(), start_clock=False)
    window.resize(1200, 680)
    window.show()
    caption = window.screen.description

    def settle():
        for _ in range(6):
            app.processEvents()

    def on_screen():
        return window.grab(caption.geometry().translated(caption.parentWidget().mapTo(
            window, caption.parentWidget().rect().topLeft()))).toImage()

    settle()
    for grade in (Grade.II, Grade.I, Grade.II):  # grade keys 2, 1, 2
        window.sim.set_grade(grade)
        settle()
    shown = on_screen()
    caption._pictures.clear()
    caption.update()
    settle()
    print(caption.devicePixelRatioF(), caption.pictures_taken, shown == on_screen())
    """
)


def test_at_a_fractional_scale_the_caption_is_laid_out_in_place():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="1.5")
    dpr, taken, same = printed(FRACTIONAL, env=env)
    assert float(dpr) == 1.5
    assert int(taken) == 0  # no picture at a fractional scale
    assert same == "True"
