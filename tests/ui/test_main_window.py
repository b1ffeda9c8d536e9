"""What a user does in the simulator window, and what they see."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt

from mobsim.model import Convention, Grade, Simulation, band, load_library
from mobsim.model.describe import peak_to_peak
from mobsim.ui.settings import SettingsStore

ROOT = Path(__file__).resolve().parents[2]
LIB = load_library()
KNEE = LIB.get("knee")


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(window, key, modifier)


def test_pressing_4_shows_grade_iv_at_the_end_of_the_available_range(qtbot, make_window):
    window = make_window(Simulation(KNEE, KNEE.stiff_condition(90)))
    press(qtbot, window, Qt.Key.Key_4)
    assert window.sim.grade is Grade.IV
    expected = band(Grade.IV, KNEE, KNEE.stiff_condition(90))
    low, high = window.screen.diagram.band_region()
    assert (low, high) == pytest.approx((expected.low, expected.high))
    assert high == pytest.approx(90) and low > 0.75 * 90
    assert window.screen.joint_view.band_span() == pytest.approx((expected.low, expected.high))
    assert window.screen.description.text().startswith("Grade IV: small oscillation at the end")
    assert window.screen.readouts["band"].text() == "80.1–90.0° (89–100%)"
    assert window.screen.controls.grade_buttons.checkedId() == 4


def test_every_grade_key(qtbot, make_window):
    window = make_window()
    for key, grade in zip(
        (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5), Grade, strict=True
    ):
        press(qtbot, window, key)
        assert window.sim.grade is grade
        assert window.screen.description.text().startswith(f"Grade {grade.label}:")


def test_moving_l_moves_every_band(qtbot, make_window):
    window = make_window()
    press(qtbot, window, Qt.Key.Key_3)
    before = window.screen.diagram.band_region()
    window.screen.controls.limit_slider.setValue(60)
    limit = 0.6 * 130
    assert window.sim.condition.available_limit == pytest.approx(limit)
    expected = band(Grade.III, KNEE, window.sim.condition)
    assert window.screen.diagram.band_region() == pytest.approx((expected.low, expected.high))
    assert window.screen.diagram.band_region() != before
    assert window.screen.joint_view.band_span() == pytest.approx((expected.low, expected.high))
    low, high = window.screen.trace.band.getRegion()
    assert (low, high) == pytest.approx((expected.low, expected.high))
    assert high == pytest.approx(limit)
    assert "stiff" in window.screen.controls.limit_label.text()


def test_space_pauses_with_the_real_clock(qtbot, make_window):
    window = make_window(start_clock=True)
    qtbot.waitUntil(lambda: window.sim.time > 0.1, timeout=3000)
    press(qtbot, window, Qt.Key.Key_Space)
    assert not window.sim.playing
    frozen = (window.sim.time, window.sim.angle)
    qtbot.wait(150)
    assert (window.sim.time, window.sim.angle) == frozen
    assert window.screen.controls.play_button.text().startswith("Play")
    press(qtbot, window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.sim.time > frozen[0], timeout=3000)
    window.close()


def test_right_arrow_steps_while_paused(qtbot, make_window):
    window = make_window()
    window.advance(0.3)
    press(qtbot, window, Qt.Key.Key_Space)
    t0, a0 = window.sim.time, window.sim.angle
    press(qtbot, window, Qt.Key.Key_Right)
    assert window.sim.time > t0
    assert window.sim.angle != a0
    assert window.screen.joint_view.readout_text() == f"{window.sim.angle:.1f}°"
    assert window.screen.diagram.needle_angle() == pytest.approx(window.sim.angle)


def test_s_toggles_slow_motion(qtbot, make_window):
    window = make_window()
    press(qtbot, window, Qt.Key.Key_S)
    assert window.sim.speed == 0.25
    # Both say so: the read-out and the button.
    assert "×0.25" in window.screen.readouts["angle"].text()
    assert window.screen.controls.slow_button.isChecked()
    press(qtbot, window, Qt.Key.Key_S)
    assert window.sim.speed == 1.0
    assert "×" not in window.screen.readouts["angle"].text()
    assert not window.screen.controls.slow_button.isChecked()


@pytest.mark.parametrize("grade", [Grade.I, Grade.II, Grade.III, Grade.IV, Grade.V])
def test_measured_amplitude_matches_the_band(qtbot, make_window, grade):
    window = make_window(Simulation(KNEE, KNEE.stiff_condition(100), grade))
    window.advance(4.0)
    times, angles = window.screen.trace.recent()
    measured = peak_to_peak(times, angles, window.sim.period)
    assert measured == pytest.approx(window.sim.band.amplitude, rel=0.10)
    assert "measuring" not in window.screen.readouts["amplitude"].text()


def test_trace_keeps_the_band_position(qtbot, make_window):
    window = make_window(Simulation(KNEE, KNEE.stiff_condition(90), Grade.IV))
    window.advance(3.0)
    _, angles = window.screen.trace.recent()
    recent = angles[-60:]
    b = window.sim.band
    assert recent.min() >= b.low - 0.5 and recent.max() <= b.high + 0.5


def test_convention_switch_shows_modifiers(qtbot, make_window):
    window = make_window()
    assert not any(b.isVisible() for b in window.screen.controls.modifier_buttons.buttons())
    window.screen.controls.convention_box.setCurrentIndex(
        window.screen.controls.convention_box.findData("resistance")
    )
    assert window.sim.convention is Convention.RESISTANCE
    assert all(b.isVisible() for b in window.screen.controls.modifier_buttons.buttons())
    press(qtbot, window, Qt.Key.Key_4)
    window.screen.controls.modifier_buttons.button(3).click()  # "+"
    assert window.sim.choice.label == "IV+"
    assert window.screen.description.text().startswith("Grade IV+")


def test_normal_joint_button_and_l_key(qtbot, make_window):
    window = make_window()
    press(qtbot, window, Qt.Key.Key_L)
    assert window.sim.condition.is_stiff
    window.screen.controls.normal_button.click()
    assert not window.sim.condition.is_stiff


def test_settings_are_restored_and_corrupt_values_ignored(qtbot, make_window, tmp_path):
    window = make_window()
    press(qtbot, window, Qt.Key.Key_3)
    window.screen.controls.joint_box.setCurrentIndex(
        window.screen.controls.joint_box.findData("elbow")
    )
    window.screen.controls.limit_slider.setValue(70)
    window.close()
    prefs = SettingsStore(tmp_path).load()
    assert (prefs.joint, prefs.grade, prefs.limit_fraction) == ("elbow", "III", pytest.approx(0.70))
    assert prefs.geometry is not None
    ini = tmp_path / "settings.ini"
    ini.write_text(
        "[General]\ngrade=VII\nlimit_fraction=banana\nconvention=42\ntheme=neon\nscale=99\n"
    )
    prefs = SettingsStore(tmp_path).load()
    assert (prefs.grade, prefs.limit_fraction, prefs.convention, prefs.theme, prefs.scale) == (
        "I",
        1.0,
        "quartile",
        "default",
        1.0,
    )


def test_restart_and_reset_all(qtbot, make_window):
    window = make_window()
    press(qtbot, window, Qt.Key.Key_4)
    window.advance(1.0)
    press(qtbot, window, Qt.Key.Key_R)
    assert window.sim.in_transition
    press(qtbot, window, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)
    assert window.sim.grade is Grade.I and window.sim.time == 0.0
    window.advance(0.5)  # the trace starts again and keeps drawing
    assert len(window.screen.trace.drawn()[0]) > 20  # drawn, not only recorded
    assert 20 < len(window.screen.trace.recent()[0]) < 40


def test_no_display_prints_how_to_get_one():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py")], env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert "no display" in proc.stderr and "QT_QPA_PLATFORM=offscreen" in proc.stderr
    assert "Traceback" not in proc.stderr and "Aborted" not in proc.stderr


def test_screenshot_command_writes_a_png(tmp_path):
    out = tmp_path / "s.png"
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--screenshot",
            str(out),
            "--joint",
            "elbow",
            "--grade",
            "IV",
            "--limit",
            "100",
            "--at",
            "1.5",
            "--size",
            "1024x700",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 700)
    # Not a blank image: many distinct colours.
    colours = {image.pixel(x, y) for x in range(0, 1024, 16) for y in range(0, 700, 16)}
    assert len(colours) > 20


def test_gif_export_frame_count_matches_cycles_fps_and_frequency(qtbot, make_window, tmp_path):
    from PIL import Image

    from mobsim.ui.export import GIF_FPS, export_gif

    window = make_window(Simulation(KNEE, KNEE.stiff_condition(90), Grade.III))
    window.resize(640, 400)
    window.sim.set_frequency(1.25)
    seen = []
    frames = export_gif(
        window,
        tmp_path / "g.gif",
        cycles=2,
        progress=lambda done, total: seen.append((done, total)) or True,
    )
    assert frames == round(2 * GIF_FPS / 1.25) == 40
    assert seen[-1] == (40, 40)
    with Image.open(tmp_path / "g.gif") as gif:
        assert gif.n_frames == 40
        assert gif.info["duration"] == 1000 // GIF_FPS
        assert gif.size == (window.stage.width(), window.stage.height())


def test_gif_export_can_be_cancelled(qtbot, make_window, tmp_path):
    from mobsim.ui.export import ExportCancelled, export_gif

    window = make_window()
    with pytest.raises(ExportCancelled):
        export_gif(window, tmp_path / "c.gif", cycles=3, progress=lambda done, total: done < 5)
    assert not (tmp_path / "c.gif").exists()


def test_export_gif_command(tmp_path):
    out = tmp_path / "v.gif"
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--export-gif",
            str(out),
            "--cycles",
            "2",
            "--grade",
            "V",
            "--size",
            "1024x576",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    from PIL import Image

    with Image.open(out) as gif:
        assert gif.n_frames == round(2 * 2.5 * 25)  # V repeats every 2.5 s
        assert gif.size == (1024, 576)  # the slide is exactly the size asked for


def test_h_hides_every_label_that_names_the_grade(qtbot, make_window):
    window = make_window()
    press(qtbot, window, Qt.Key.Key_4)
    press(qtbot, window, Qt.Key.Key_H)
    assert "IV" not in window.screen.description.text()
    assert not window.screen.diagram.band_label.isVisible()
    assert not any(b.isVisible() for b in window.screen.controls.grade_buttons.buttons())
    assert not window.screen.readouts["band"].isVisible()
    press(qtbot, window, Qt.Key.Key_H)
    assert window.screen.description.text().startswith("Grade IV")


def test_c_cycles_the_compare_views_with_five_bands_in_grade_order(qtbot, make_window):
    window = make_window(Simulation(KNEE, KNEE.stiff_condition(90)))
    press(qtbot, window, Qt.Key.Key_C)
    assert window.screen.name == "compare"
    page = window.screen.page()
    rows = page.diagram.band_rows()
    assert len(rows) == 5
    centres = [(lo + hi) / 2 for lo, hi in rows]
    assert centres == sorted(centres)
    for (lo, hi), grade in zip(rows, Grade, strict=True):
        b = band(grade, KNEE, window.sim.condition)
        assert (lo, hi) == pytest.approx((b.low, b.high))
    samples = []
    for _ in range(40):  # all five animate at once, each inside its own band
        window.advance(0.05)
        samples.append(page.diagram.dots.getData()[0].copy())
    samples = np.array(samples)
    assert (samples.max(axis=0) - samples.min(axis=0) > 0.5).all()
    for (lo, hi), column in zip(rows, samples.T, strict=True):
        assert column.min() >= lo - 1e-6 and column.max() <= hi + 1e-6
    press(qtbot, window, Qt.Key.Key_C)
    stiff_page = window.screen.page()
    normal_row, stiff_row = stiff_page.diagram.band_rows()[:2]
    assert normal_row[1] > stiff_row[1]  # the same grade moves with L
    press(qtbot, window, Qt.Key.Key_C)
    assert window.screen.name == "explore"


def test_keyboard_help_lists_every_hotkey(qtbot, make_window):
    window = make_window()
    keys = {key for row, _ in window.shortcut_table() for key in row.split(" or ")}
    for key in (
        "1",
        "5",
        "Space",
        "Right",
        "S",
        "R",
        "Shift+R",
        "C",
        "H",
        "N",
        "Shift+N",
        "L",
        "F11",
        "F1",
        "?",
        "Ctrl+E",
        "Ctrl+G",
        "Q",
        "A",
        "G",
        "P",
        "F5",
    ):
        assert key in keys, key  # exactly that key, not a substring of another


def test_about_panel_follows_the_grade_keys(qtbot, make_window):
    window = make_window()
    press(qtbot, window, Qt.Key.Key_G)
    assert window.screen.about.isVisible()
    press(qtbot, window, Qt.Key.Key_4)
    text = window.screen.about.text()
    assert text.startswith("Grade IV") and "Typical use" in text and "Source:" in text
    assert "last quarter" in text  # the quartile definition
    window.screen.controls.convention_box.setCurrentIndex(
        window.screen.controls.convention_box.findData("resistance")
    )
    assert "R1" in window.screen.about.text()
    press(qtbot, window, Qt.Key.Key_2)
    assert window.screen.about.text().startswith("Grade II")
    press(qtbot, window, Qt.Key.Key_H)  # hidden while the class guesses
    assert "Grade II" not in window.screen.about.text()
    press(qtbot, window, Qt.Key.Key_G)
    assert not window.screen.about.isVisible()


def test_precautions_page_is_labelled_as_teaching_content(qtbot, make_window):
    from mobsim.ui.teaching import PrecautionsDialog

    window = make_window()
    press(qtbot, window, Qt.Key.Key_P)
    dialog = window.findChild(PrecautionsDialog)
    assert dialog is not None and dialog.isVisible()
    text = dialog.browser.toPlainText()
    assert "not advice" in text.lower()
    for needle in (
        "fracture",
        "blood thinner",
        "hypermobility",
        "Absolute",
        "Relative",
        "disagree",
        "disc",
    ):
        assert needle.lower() in text.lower(), needle
    dialog.close()


def test_class_quiz_hides_then_reveals_with_the_quiz_explanation(qtbot, make_window):
    from mobsim.quiz import explain

    window = make_window(Simulation(KNEE, KNEE.stiff_condition(90), Grade.II))
    press(qtbot, window, Qt.Key.Key_Q)
    mystery = window.sim.grade
    assert mystery is not Grade.II
    assert window.screen.banner.isVisible() and "which grade" in window.screen.banner.text()
    assert (
        window.screen.joint_view.band_span() is None and window.screen.diagram.band_region() is None
    )
    assert not window.screen.trace.band.isVisible()
    assert mystery.label not in window.screen.description.text()
    assert not any(b.isVisible() for b in window.screen.controls.grade_buttons.buttons())
    window.advance(1.0)
    press(qtbot, window, Qt.Key.Key_A)
    b = window.sim.band
    expected = explain(b.choice, b.choice, b, window.sim.condition).explanation
    assert window.screen.banner.text() == f"It was grade {mystery.label}. {expected}"
    assert window.screen.joint_view.band_span() == pytest.approx((b.low, b.high))
    assert window.screen.description.text().startswith(f"Grade {mystery.label}")
    press(qtbot, window, Qt.Key.Key_Q)
    assert window.sim.grade is not mystery  # never the same mystery twice in a row


def test_lecture_hotkeys_joint_fullscreen_and_scale(qtbot, make_window):
    window = make_window()
    ids = LIB.ids
    start = ids.index(window.sim.joint.id)
    press(qtbot, window, Qt.Key.Key_N)
    assert window.sim.joint.id == ids[(start + 1) % len(ids)]
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    assert window.sim.joint.id == ids[start]
    press(qtbot, window, Qt.Key.Key_F11)
    assert window.windowState() & Qt.WindowState.WindowFullScreen
    press(qtbot, window, Qt.Key.Key_F11)
    assert not window.windowState() & Qt.WindowState.WindowFullScreen
    before = window.theme.font_pt
    press(qtbot, window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.theme.font_pt > before
    assert window.theme.line_width > 2.0
    press(qtbot, window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.theme.font_pt == pytest.approx(before)


def test_theme_and_scale_persist(qtbot, make_window, tmp_path):
    window = make_window()
    window.set_theme_name("projector")
    press(qtbot, window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    window.close()
    again = make_window()
    assert again.theme.name == "projector"
    assert again.prefs.scale == pytest.approx(1.15)
    assert again.theme.font_pt == pytest.approx(14 * 1.15)


def test_grade_v_offers_the_thrust_repeat_instead_of_a_frequency(qtbot, make_window):
    window = make_window()
    press(qtbot, window, Qt.Key.Key_5)
    assert (
        window.screen.controls.thrust_box.isVisible()
        and not window.screen.controls.frequency_box.isVisible()
    )
    window.screen.controls.thrust_box.setValue(4.0)
    assert window.sim.thrust_period == 4.0 and window.sim.period == 4.0
    press(qtbot, window, Qt.Key.Key_2)
    assert (
        window.screen.controls.frequency_box.isVisible()
        and window.screen.controls.frequency_box.value() == 1.0
    )


def test_amplitude_readout_waits_for_a_steady_period_after_a_switch(qtbot, make_window):
    window = make_window()
    window.advance(2.0)
    press(qtbot, window, Qt.Key.Key_4)
    window.advance(1.0)  # easing (0.8 s) is over, but a full IV period (0.5 s) is not
    assert window.screen.readouts["amplitude"].text() == "measuring…"
    window.advance(0.4)
    text = window.screen.readouts["amplitude"].text()
    measured = float(text.split("°")[0])
    assert measured == pytest.approx(window.sim.band.amplitude, rel=0.10)


def test_angle_readout_matches_the_joint_after_a_step(qtbot, make_window):
    window = make_window()
    press(qtbot, window, Qt.Key.Key_Space)
    press(qtbot, window, Qt.Key.Key_Right)
    assert window.screen.readouts["angle"].text() == window.screen.joint_view.readout_text()


@pytest.mark.parametrize(
    "keys",
    [
        (Qt.Key.Key_Question, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F1, Qt.KeyboardModifier.NoModifier),
    ],
)
def test_help_key_opens_the_keyboard_help(qtbot, make_window, keys):
    from mobsim.ui.dialogs import KeyboardHelp

    window = make_window()
    press(qtbot, window, *keys)
    dialog = window.findChild(KeyboardHelp)
    assert dialog is not None and dialog.isVisible()
    rows = {dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert "Class quiz: reveal the answer" in rows and "Grade IV" in rows
    dialog.close()


def test_png_export_of_the_current_view(qtbot, make_window, tmp_path):
    from PySide6.QtGui import QImage

    from mobsim.ui.export import save_png

    window = make_window()
    save_png(window.stage, tmp_path / "v.png")
    image = QImage(str(tmp_path / "v.png"))
    assert (image.width(), image.height()) == (window.stage.width(), window.stage.height())
    with pytest.raises(OSError):
        save_png(window.stage, tmp_path / "missing" / "v.png")
