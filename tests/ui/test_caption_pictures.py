"""The grade's caption is laid out once per text: a grade key back to a grade already
shown copies its picture, and what the window shows is the same either way."""

from __future__ import annotations

import pytest
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
