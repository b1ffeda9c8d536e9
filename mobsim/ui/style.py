"""The window's Qt stylesheet, from the theme (colours and sizes live in theme.py)."""

from __future__ import annotations

from mobsim.ui.theme import Theme


def stylesheet(t: Theme) -> str:
    box = max(12, round(t.font_pt * 1.25))  # a radio's or check box's indicator, px
    return (
        f"QMainWindow, QWidget {{ background: {t.background}; color: {t.text};"
        f" font-size: {t.font_pt:.1f}pt; }}"
        f"QLabel#description {{ font-size: {t.font_pt * 1.2:.1f}pt; font-weight: 600;"
        f" padding: 4px; }}"
        f"QLabel#readout_title {{ color: {t.muted_text}; }}"
        f"QLabel#class_banner {{ background: {t.panel}; border: 2px solid {t.resistance};"
        f" padding: 2px 6px; font-size: {t.font_pt * 1.2:.1f}pt; font-weight: 600; }}"
        f"QFrame#controls, QFrame#readouts {{ background: {t.panel}; border-radius: 6px; }}"
        f"QPushButton {{ background: {t.panel}; border: 1px solid {t.grid};"
        f" border-radius: 4px; padding: 4px 10px; }}"
        f"QPushButton:checked {{ background: {t.available_range}; color: {t.background};"
        f" font-weight: 700; }}"
        f"QComboBox, QDoubleSpinBox {{ background: {t.panel}; border: 1px solid {t.grid};"
        f" padding: 2px 6px; }}"
        # The indicators in the theme's colours: drawn from the palette, they were dark
        # on dark in the default theme.
        f"QRadioButton::indicator, QCheckBox::indicator {{ width: {box}px; height: {box}px;"
        f" border: 2px solid {t.text}; background: {t.panel}; }}"
        f"QRadioButton::indicator {{ border-radius: {box // 2 + 2}px; }}"
        f"QCheckBox::indicator {{ border-radius: 3px; }}"
        f"QRadioButton::indicator:checked {{ background: qradialgradient(cx: 0.5, cy: 0.5,"
        f" radius: 0.5, fx: 0.5, fy: 0.5, stop: 0 {t.available_range},"
        f" stop: 0.55 {t.available_range}, stop: 0.65 {t.panel}, stop: 1 {t.panel}); }}"
        f"QCheckBox::indicator:checked {{ background: {t.available_range}; }}"
        f"QRadioButton::indicator:disabled, QCheckBox::indicator:disabled"
        f" {{ border-color: {t.grid}; }}"
        f"QMenuBar, QMenu {{ background: {t.panel}; color: {t.text}; }}"
        f"QMenu::item:selected {{ background: {t.available_range}; }}"
    )
