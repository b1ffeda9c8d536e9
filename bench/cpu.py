"""CPU of one core used by a REAL mobsim window, over 20 s per state.

Each state runs in its own child process on a real X display (run the bench
under `xvfb-run -a`); the parent reads the child's user+system CPU time from
/proc before and after the measuring window.

States: animating at 60 Hz (grade I, and grade V's thrust, which holds still
most of each repeat), paused, minimised, hidden; and, for comparison in the
same run, the old behaviours (paused with the 60 Hz timer left running; animating
with Qt's fill thread pool on), a bare
Qt window with no timer, and a bare pyqtgraph window updating a 600-point curve
at 60 Hz. Targets (issue 11): paused ≤ 1 %, hidden ≤ 1 %, animating ≤ 10 %.

Usage: xvfb-run -a -s "-screen 0 1920x1080x24" uv run --locked python bench/cpu.py [--seconds 20]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WARM_UP_S = 2.0
STATES = {
    "animating": "mobsim window, animating at 60 Hz",
    "animating-v": "mobsim window, grade V (held at L most of each repeat)",
    "animating-pool": "old behaviour: animating, Qt's fill thread pool on",
    "paused": "mobsim window, paused (Space)",
    "minimised": "mobsim window, minimised while playing",
    "hidden": "mobsim window, hidden while playing",
    "paused-timer-on": "old behaviour: paused, 60 Hz timer still running",
    "bare-qt": "baseline: bare Qt window, no timer",
    "bare-pyqtgraph": "baseline: bare pyqtgraph window, 600-pt curve at 60 Hz",
}


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime = int(fields[11]), int(fields[12])
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def measure(state: str, seconds: float) -> float:
    child = subprocess.Popen(
        [sys.executable, __file__, "--child", state],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        line = child.stdout.readline()
        if line.strip() != "ready":
            raise RuntimeError(f"{state}: the child did not start ({line!r})")
        time.sleep(WARM_UP_S)
        before = cpu_seconds(child.pid)
        start = time.perf_counter()
        time.sleep(seconds)
        used = cpu_seconds(child.pid) - before
        elapsed = time.perf_counter() - start
    finally:
        child.terminate()
        child.wait(10)
    return 100.0 * used / elapsed


def child(state: str) -> None:
    if state.startswith("bare"):
        from PySide6.QtWidgets import QApplication

        app = QApplication(sys.argv[:1])
    else:  # as the app starts it
        from mobsim.ui.app import application

        app = application(serial_fills=state != "animating-pool")
    keep = build_state(state)  # noqa: F841 (kept alive until exit)
    app.processEvents()
    print("ready", flush=True)
    app.exec()


def build_state(state: str):
    if state == "bare-qt":
        from PySide6.QtWidgets import QWidget

        w = QWidget()
        w.resize(1280, 800)
        w.show()
        return w
    if state == "bare-pyqtgraph":
        return bare_pyqtgraph()
    import tempfile

    from mobsim.model import Grade, Simulation, load_library
    from mobsim.ui.main_window import MainWindow
    from mobsim.ui.settings import SettingsStore

    library = load_library()
    knee = library.get("knee")
    sim = Simulation(knee, knee.stiff_condition(90), Grade.V if state == "animating-v" else Grade.I)
    folder = tempfile.mkdtemp(prefix="mobsim-cpu-")
    store = SettingsStore(Path(folder))
    window = MainWindow(sim, library, store, store.load())
    window.resize(1280, 800)
    window.show()
    if state in ("paused", "paused-timer-on"):
        sim.set_playing(False)
    if state == "paused-timer-on":
        window.clock.timer.start()  # what the window did before the clock could rest
        window.clock.update = lambda: None
    if state == "minimised":
        window.showMinimized()
    if state == "hidden":
        window.hide()
    return window


def bare_pyqtgraph():
    import numpy as np
    import pyqtgraph as pg
    from PySide6.QtCore import QTimer

    win = pg.PlotWidget()
    win.resize(1280, 800)
    win.show()
    curve = win.plot(pen=pg.mkPen("y", width=1))
    x = np.linspace(0, 10, 600)
    phase = [0.0]

    def tick():
        phase[0] += 0.05
        curve.setData(x, np.sin(x + phase[0]), skipFiniteCheck=True)

    timer = QTimer(win)
    timer.setInterval(16)
    timer.timeout.connect(tick)
    timer.start()
    return win


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--child", choices=list(STATES))
    ap.add_argument("--only", nargs="*", choices=list(STATES))
    args = ap.parse_args()
    if args.child:
        child(args.child)
        return
    if not os.environ.get("DISPLAY"):
        sys.exit("bench/cpu.py needs a real display: run it under xvfb-run -a")
    print(f"load average before: {os.getloadavg()[0]:.2f} (cores: {os.cpu_count()})")
    results = {}
    for state in args.only or STATES:
        results[state] = measure(state, args.seconds)
        print(f"{STATES[state]:<56} {results[state]:6.2f} % of one core", flush=True)
    if "animating" in results and "bare-pyqtgraph" in results:
        ratio = results["animating"] / max(results["bare-pyqtgraph"], 1e-9)
        print(f"animating / bare pyqtgraph at 60 Hz: {ratio:.2f}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
