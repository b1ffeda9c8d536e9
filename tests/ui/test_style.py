"""The window's stylesheet: controls read against the theme's background."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QRadioButton, QWidget

from mobsim.ui.style import stylesheet
from mobsim.ui.theme import theme_named


def luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of sRGB pixels (..., 3) in 0–255."""
    c = rgb / 255.0
    c = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return c @ np.array([0.2126, 0.7152, 0.0722])


@pytest.mark.parametrize("theme_name", ["default", "projector", "colorblind"])
@pytest.mark.parametrize("kind", [QRadioButton, QCheckBox])
def test_unchecked_radio_buttons_and_check_boxes_stand_out(qtbot, theme_name, kind):
    """Drawn from the palette, the indicators were dark on dark in the default theme
    (a student could not see the diagram screen's choices). Their outline keeps WCAG's
    3:1 contrast for controls against the window's background."""
    theme = theme_named(theme_name)
    holder = QWidget()
    qtbot.addWidget(holder)
    holder.setStyleSheet(stylesheet(theme))
    row = QHBoxLayout(holder)
    control = kind("")
    row.addWidget(control)
    holder.resize(60, 40)
    holder.show()
    image = control.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    width, height, line = image.width(), image.height(), image.bytesPerLine()
    rows = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes()).reshape(height, line)
    pixels = rows[:, : width * 3].reshape(height, width, 3).astype(float)
    background = QColor(theme.background)
    back = luminance(np.array([background.red(), background.green(), background.blue()], float))
    lum = luminance(pixels)
    ratio = (np.maximum(lum, back) + 0.05) / (np.minimum(lum, back) + 0.05)
    assert (ratio >= 3.0).sum() >= 20, f"{theme_name}: the indicator hardly shows"
