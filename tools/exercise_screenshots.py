"""Screenshots of the two exercise screens, during the task and after marking.

Usage: uv run --locked python tools/exercise_screenshots.py [OUT_DIR]   (default: doc/)
The screens are driven as a student would: the segment by mouse drags along its
arc (a human-like grade III, 1 Hz, with 12 % variation), the diagram's handles by
the keys. A fake clock makes the perform run reproducible and fast.
"""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from mobsim.model import Condition, GradeChoice, Simulation, load_library  # noqa: E402
from mobsim.model.motion import Oscillation  # noqa: E402
from mobsim.quiz import HistoryStore  # noqa: E402
from mobsim.quiz.perform_task import FeedbackSchedule  # noqa: E402
from mobsim.ui.export import save_image  # noqa: E402
from mobsim.ui.main_window import MainWindow  # noqa: E402
from mobsim.ui.settings import Preferences  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SIZE = (1440, 860)


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


def window() -> MainWindow:
    lib = load_library()
    knee = lib.get("knee")
    sim = Simulation(knee, Condition.for_joint(knee, 90.0), GradeChoice.parse("III"))
    w = MainWindow(
        sim, lib, None, Preferences(), start_clock=False, history=HistoryStore.in_memory()
    )
    w.resize(*SIZE)
    w.show()
    QApplication.processEvents()
    return w


def shot(w: MainWindow, path: Path) -> None:
    QApplication.processEvents()
    save_image(w.grab().toImage(), path)
    print(f"wrote {path}")


def point(panel, angle: float) -> QPoint:
    centre, radius = panel.joint_view.arc_geometry()
    a = math.radians(panel.joint_view.screen_angle(angle))
    r = 0.8 * radius
    return QPoint(round(centre.x() + r * math.cos(a)), round(centre.y() - r * math.sin(a)))


def perform(out: Path) -> None:
    w = window()
    screen = w.show_screen("perform")
    panel = screen.panel
    panel.clock = clock = Clock()
    panel.set_schedule(FeedbackSchedule.CONCURRENT)
    rng = np.random.default_rng(7)
    highs = np.minimum(89 - 3 * np.abs(rng.standard_normal(12)), 90)
    lows = highs - 36 * (1 + 0.12 * rng.standard_normal(12))
    motion = Oscillation(lows, highs, 1.0)  # cycles join smoothly, as a hand does
    view = panel.joint_view
    QTest.keyClick(w, Qt.Key.Key_Space)
    QTest.mousePress(
        view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point(panel, 60)
    )
    fps = 60
    for i in range(int(10.3 * fps)):
        t = i / fps
        angle = float(motion.angle(np.array([t]))[0])
        clock.now = t
        QTest.mouseMove(view, point(panel, angle))
        screen.step(1 / fps)
        screen.render()
        if i == int(6.4 * fps):
            shot(w, out / "perform-during.png")
    QTest.mouseRelease(
        view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point(panel, 70)
    )
    shot(w, out / "perform-marked.png")
    w.close()


def perform_glide(out: Path, theme: str = "default") -> None:
    """Grade IV posterior glide of the tibia on a knee stiff at 4 mm, by mouse drags
    along the glide, then a stop (Space) and the marking."""
    lib = load_library()
    knee = lib.get("knee")
    sim = Simulation(knee, Condition.for_joint(knee, 104.0), GradeChoice.parse("IV"))
    prefs = Preferences(theme=theme, perform_motion="accessory")
    prefs.perform_technique = "knee-posterior-glide"
    w = MainWindow(sim, lib, None, prefs, start_clock=False, history=HistoryStore.in_memory())
    w.resize(*SIZE)
    w.show()
    QApplication.processEvents()
    screen = w.show_screen("perform")
    panel = screen.panel
    panel.clock = clock = Clock()
    panel.set_schedule(FeedbackSchedule.CONCURRENT)
    view, px = panel.glide_view, panel.glide_view.px_per_mm
    origin = QPoint(view.width() // 3, view.height() // 2)
    rng = np.random.default_rng(5)
    highs = np.minimum(3.97 - 0.04 * np.abs(rng.standard_normal(24)), 4.0)
    lows = highs - 0.42 * (1 + 0.12 * rng.standard_normal(24))
    motion = Oscillation(lows, highs, 2.0)
    QTest.keyClick(w, Qt.Key.Key_Space)
    QTest.mousePress(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, origin)
    fps = 60
    suffix = "" if theme == "default" else f"-{theme}"
    for i in range(int(8 * fps)):
        t = i / fps
        # The first second brings the bone from A to the band, then the oscillation.
        mm = float(motion.angle(np.array([t]))[0]) * min(1.0, t)
        clock.now = t
        QTest.mouseMove(view, origin + QPoint(round(mm * px), 0))
        screen.step(1 / fps)
        screen.render()
        if i == int(6.0 * fps):
            shot(w, out / f"perform-glide-during{suffix}.png")
    QTest.mouseRelease(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, origin)
    QTest.keyClick(w, Qt.Key.Key_Space)  # stop: marked
    shot(w, out / f"perform-glide-marked{suffix}.png")
    w.close()


def diagram(out: Path) -> None:
    w = window()
    screen = w.show_screen("diagram")
    panel = screen.panel
    key = panel.task.key
    # A plausible student attempt: R1 too early, L right, P1 a little late.
    for handle, value in (("R1", key.resistance_onset_deg - 25), ("L", key.limit_deg + 4)):
        panel.select(handle)
        panel.canvas.place(handle, value)
    if key.pain_onset_deg is not None:
        panel.select("P1")
        panel.canvas.place("P1", key.pain_onset_deg + 8)
    panel.select("L")
    panel.nudge(0)
    shot(w, out / "diagram-during.png")
    QTest.keyClick(w, getattr(Qt.Key, f"Key_{panel.task.management.key}"))
    QTest.keyClick(w, Qt.Key.Key_Return)
    shot(w, out / "diagram-marked.png")
    w.close()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "doc"
    app = QApplication.instance() or QApplication([])
    perform(out)
    perform_glide(out)
    perform_glide(out, "projector")
    diagram(out)
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
