"""Key response of the real main window: from the key event to the painted frame.

For each key (Space, S, 1–5, N) the bench sends the key press to the window and
then processes events until the window has painted, and takes the median over
many presses. Baselines in the same run: one animation frame of the same window
(sim.step + every view + paint) and a bare pyqtgraph window's frame.
Target (issue 11): key response median ≤ 4 ms.

Usage: uv run --locked python bench/keys.py [--presses N]   (offscreen), or under
xvfb-run -a for a real X window.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pyqtgraph as pg  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from mobsim.model import Simulation, load_library  # noqa: E402
from mobsim.ui.main_window import MainWindow  # noqa: E402
from mobsim.ui.settings import SettingsStore  # noqa: E402

KEYS = {
    "Space": Qt.Key.Key_Space,
    "S": Qt.Key.Key_S,
    "1": Qt.Key.Key_1,
    "2": Qt.Key.Key_2,
    "3": Qt.Key.Key_3,
    "4": Qt.Key.Key_4,
    "5": Qt.Key.Key_5,
    "N": Qt.Key.Key_N,
}


def make_window(app):
    library = load_library()
    knee = library.get("knee")
    sim = Simulation(knee, knee.stiff_condition(90))
    store = SettingsStore(Path(tempfile.mkdtemp(prefix="mobsim-keys-")))
    window = MainWindow(sim, library, store, store.load(), start_clock=False)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    deadline = time.perf_counter() + 5
    while QApplication.activeWindow() is not window and time.perf_counter() < deadline:
        app.processEvents()
    window.advance(1.0)
    QTest.keyClick(window, Qt.Key.Key_4)
    if window.sim.grade.value != 4:
        raise SystemExit("keys do not reach the window (is it active?)")
    return window


def key_times(app, window, key, presses: int) -> list[float]:
    out = []
    for i in range(presses + 5):
        t0 = time.perf_counter()
        QTest.keyClick(window, key)
        app.processEvents()  # the repaint the key asked for
        if i >= 5:
            out.append((time.perf_counter() - t0) * 1e3)
        window.sim.step(1 / 60)  # and the joint moves on between presses
        window.render_frame()
        app.processEvents()
    return out


def frame_times(app, window, frames: int) -> list[float]:
    window.sim.set_playing(True)
    out = []
    for _ in range(frames):
        t0 = time.perf_counter()
        window.sim.step(1 / 60)
        window.render_frame()
        app.processEvents()
        out.append((time.perf_counter() - t0) * 1e3)
    return out


def bare_frame_times(app, frames: int) -> list[float]:
    win = pg.PlotWidget()
    win.resize(1280, 800)
    win.show()
    curve = win.plot(pen=pg.mkPen("y", width=1))
    x = np.linspace(0, 10, 600)
    out = []
    for i in range(frames):
        t0 = time.perf_counter()
        curve.setData(x, np.sin(x + i * 0.05), skipFiniteCheck=True)
        app.processEvents()
        out.append((time.perf_counter() - t0) * 1e3)
    win.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--presses", type=int, default=60)
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])
    print(f"platform {app.platformName()}, load average {os.getloadavg()[0]:.2f}")
    bare = float(np.median(bare_frame_times(app, 300)))  # before: it must not take the focus
    window = make_window(app)
    frame = float(np.median(frame_times(app, window, 300)))
    print(f"baseline: one animation frame of this window  median {frame:.3f} ms")
    print(f"baseline: bare pyqtgraph frame (600-pt curve)  median {bare:.3f} ms")
    medians = []
    for name, key in KEYS.items():
        before = (window.sim.grade, window.sim.joint.id, window.sim.playing, window.sim.speed)
        samples = np.array(key_times(app, window, key, args.presses))
        after = (window.sim.grade, window.sim.joint.id, window.sim.playing, window.sim.speed)
        if before == after:
            raise SystemExit(f"key {name} had no effect: is the window active?")
        med = float(np.median(samples))
        medians.append(med)
        print(
            f"key {name:<5}  median {med:6.3f} ms  p90 {np.percentile(samples, 90):6.3f} ms"
            f"  = {med / frame:4.1f} frames"
        )
    print(f"all keys: median of medians {np.median(medians):.3f} ms (target ≤ 4 ms)")
    window.close()


if __name__ == "__main__":
    main()
