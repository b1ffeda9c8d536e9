"""The window's Qt stylesheet, from the theme (colours and sizes live in theme.py)."""

from __future__ import annotations

from mobsim.ui.theme import Theme


def stylesheet(t: Theme) -> str:
    return (
        f"QMainWindow, QWidget {{ background: {t.background}; color: {t.text};"
        f" font-size: {t.font_pt:.1f}pt; }}"
        f"QLabel#description {{ font-size: {t.font_pt * 1.2:.1f}pt; font-weight: 600;"
        f" padding: 4px; }}"
        f"QLabel#readout_title {{ color: {t.muted_text}; }}"
        f"QLabel#class_banner {{ background: {t.panel}; border: 2px solid {t.resistance};"
        f" padding: 6px; font-size: {t.font_pt * 1.2:.1f}pt; font-weight: 600; }}"
        f"QFrame#controls, QFrame#readouts {{ background: {t.panel}; border-radius: 6px; }}"
        f"QPushButton {{ background: {t.panel}; border: 1px solid {t.grid};"
        f" border-radius: 4px; padding: 4px 10px; }}"
        f"QPushButton:checked {{ background: {t.available_range}; color: {t.background};"
        f" font-weight: 700; }}"
        f"QComboBox, QDoubleSpinBox {{ background: {t.panel}; border: 1px solid {t.grid};"
        f" padding: 2px 6px; }}"
        f"QMenuBar, QMenu {{ background: {t.panel}; color: {t.text}; }}"
        f"QMenu::item:selected {{ background: {t.available_range}; }}"
    )
