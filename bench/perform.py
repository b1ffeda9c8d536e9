"""Frame cost of the perform screen while a student records at 60 Hz, and dropped input.

Each frame: two mouse moves are posted (a 120 Hz mouse) along the arc (angular)
or along the glide (accessory, mm), then the screen steps, renders and Qt
processes events (delivery + paint). The frame time is that whole slot, as wall
time and as this thread's CPU time (time.thread_time: what the frame cost us,
less disturbed by other processes on a loaded machine). Every posted mouse event
must reach the screen and the recorder: both are counted. Baseline in the same
run: a bare pyqtgraph window updating one 600-point curve (as bench/frame.py).
Target (issue 13): median frame ≤ 2 ms while recording; no mouse event dropped.
Usage: uv run --locked python bench/perform.py [--recordings N]
"""

from __future__ import annotations

import argparse
import math
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pyqtgraph as pg  # noqa: E402
from PySide6.QtCore import QEvent, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from mobsim.model import Condition, GradeChoice, Simulation, load_library  # noqa: E402
from mobsim.quiz import HistoryStore  # noqa: E402
from mobsim.quiz.perform_task import FeedbackSchedule  # noqa: E402
from mobsim.ui.main_window import MainWindow  # noqa: E402
from mobsim.ui.settings import Preferences  # noqa: E402

FPS = 60
MOUSE_PER_FRAME = 2
SCHEDULES = (FeedbackSchedule.CONCURRENT, FeedbackSchedule.SELF_CONTROLLED)


def baseline(app, frames: int) -> tuple[list[float], list[float]]:
    """(wall ms, thread CPU ms) per frame of a bare 600-point pyqtgraph curve."""
    win = pg.PlotWidget()
    win.resize(1280, 800)
    win.show()
    curve = win.plot(pen=pg.mkPen("y", width=1))
    x = np.linspace(0, 10, 600)
    y = np.empty_like(x)
    wall, cpu = [], []
    for i in range(frames + 30):
        t0, c0 = time.perf_counter(), time.thread_time()
        np.sin(x + i * 0.05, out=y)
        curve.setData(x, y, skipFiniteCheck=True)
        app.processEvents()
        if i >= 30:
            wall.append((time.perf_counter() - t0) * 1e3)
            cpu.append((time.thread_time() - c0) * 1e3)
        time.sleep(max(0.0, 1 / FPS - (time.perf_counter() - t0)))
    win.close()
    return wall, cpu


def mouse(kind, pos: QPointF, button) -> QMouseEvent:
    buttons = Qt.MouseButton.LeftButton
    return QMouseEvent(kind, pos, pos, button, buttons, Qt.KeyboardModifier.NoModifier)


def pointer(panel):
    """Where the pointer is for a position of the task: on the arc, or along the glide."""
    view = panel.segment_view
    if panel.task.is_accessory:
        origin = QPointF(view.width() / 3, view.height() / 2)
        px, start = view.px_per_mm, panel.position
        return lambda mm: QPointF(origin.x() + (mm - start) * px, origin.y())
    centre, radius = view.arc_geometry()

    def at(angle: float) -> QPointF:
        a = math.radians(view.screen_angle(angle))
        return QPointF(
            centre.x() + 0.8 * radius * math.cos(a), centre.y() - 0.8 * radius * math.sin(a)
        )

    return at


def recording(app, window, schedule: FeedbackSchedule, motion: str | None):
    """One 10 s recording; (wall ms, thread CPU ms) per frame, and the mouse counts."""
    screen = window.show_screen("perform")
    screen.set_motion(motion)
    panel = screen.panel
    panel.set_schedule(schedule)
    view = panel.segment_view
    at = pointer(panel)
    c = panel.task.condition
    mid, swing = c.start + 0.79 * c.available_range, 0.2 * c.available_range  # a grade III

    before = panel.mouse_events
    screen.panel.start()
    app.sendEvent(view, mouse(QEvent.Type.MouseButtonPress, at(mid), Qt.MouseButton.LeftButton))
    posted = 0
    wall, cpu = [], []
    t_start = time.perf_counter()
    frame = 0
    while panel.recording:
        t0, c0 = time.perf_counter(), time.thread_time()
        for k in range(MOUSE_PER_FRAME):
            t = (frame * MOUSE_PER_FRAME + k) / (FPS * MOUSE_PER_FRAME)
            where = at(mid + swing * math.sin(2 * math.pi * t))
            app.postEvent(view, mouse(QEvent.Type.MouseMove, where, Qt.MouseButton.NoButton))
            posted += 1
        screen.step(1 / FPS)
        screen.render()
        app.processEvents()
        wall.append((time.perf_counter() - t0) * 1e3)
        cpu.append((time.thread_time() - c0) * 1e3)
        frame += 1
        # Pace at 60 Hz so the recording lasts its real 10 s.
        wait = t_start + frame / FPS - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
    app.sendEvent(view, mouse(QEvent.Type.MouseButtonRelease, at(mid), Qt.MouseButton.LeftButton))
    delivered = panel.mouse_events - before - 1  # minus the press (a release moves nothing)
    return wall, cpu, posted, delivered, panel.recorder.received


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--recordings", type=int, default=1)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    lib = load_library()
    knee = lib.get("knee")
    sim = Simulation(knee, Condition.for_joint(knee, 90.0), GradeChoice.parse("III"))
    prefs = Preferences()
    window = MainWindow(sim, lib, None, prefs, start_clock=False, history=HistoryStore.in_memory())
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    motions = ((None, "angular (knee)"), ("knee-posterior-glide", "accessory (knee glide)"))
    for _ in range(args.recordings):
        base_wall, base_cpu = (np.median(v) for v in baseline(app, 300))
        print(
            f"baseline (bare pyqtgraph, 600-point curve): median {base_wall:.2f} ms wall, "
            f"{base_cpu:.2f} ms thread CPU"
        )
        for technique, name in motions:
            for schedule in SCHEDULES:
                wall, cpu, posted, delivered, received = recording(app, window, schedule, technique)
                w, c = np.array(wall), np.array(cpu)
                print(
                    f"{name:>22} {schedule.value:>15}: {len(w)} frames; wall median "
                    f"{np.median(w):.2f} ms (p99 {np.percentile(w, 99):.2f}, "
                    f"{np.median(w) / base_wall:.2f}× baseline); thread CPU median "
                    f"{np.median(c):.2f} ms ({np.median(c) / base_cpu:.2f}× baseline); "
                    f"mouse moves posted {posted}, delivered {delivered}, "
                    f"dropped {posted - delivered}; samples to the recorder {received}"
                )
    window.close()


if __name__ == "__main__":
    main()
