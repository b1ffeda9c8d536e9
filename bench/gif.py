"""Time a 3-cycle GIF export at 1280×720 from the real views (target ≤ 10 s).

Baseline in the same run: grabbing the same number of frames without encoding.
Usage: uv run python bench/gif.py [--grade II] [--runs 3]
"""

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from mobsim.model import GradeChoice, Simulation, load_library  # noqa: E402
from mobsim.ui.export import GIF_FPS, export_gif, fit_stage, gif_frame_count  # noqa: E402
from mobsim.ui.main_window import MainWindow  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--grade", default="II", help="II (1 Hz) is the longest oscillation")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])  # noqa: F841 (keeps Qt alive)
    lib = load_library()
    knee = lib.get("knee")
    sim = Simulation(knee, knee.stiff_condition(90), GradeChoice.parse(args.grade).grade)
    window = MainWindow(sim, lib, settings=None, start_clock=False)
    window.show()
    fit_stage(window, 1280, 720)
    frames = gif_frame_count(sim.period, 3)
    times, grabs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.runs):
            t0 = time.perf_counter()
            export_gif(window, Path(tmp) / f"g{i}.gif", cycles=3)
            times.append(time.perf_counter() - t0)
            size = (Path(tmp) / f"g{i}.gif").stat().st_size
            t0 = time.perf_counter()
            for _ in range(frames):
                window.render_frame()
                window.stage.grab()
            grabs.append(time.perf_counter() - t0)
    window.close()
    print(
        f"grade {args.grade}: {frames} frames at {GIF_FPS} fps, stage "
        f"{window.stage.width()}x{window.stage.height()}, "
        f"{size / 1e6:.1f} MB"
    )
    print(
        f"3-cycle GIF export: median {statistics.median(times):.2f} s over {args.runs} "
        f"(target ≤ 10 s); grabs alone {statistics.median(grabs):.2f} s, "
        f"ratio {statistics.median(times) / statistics.median(grabs):.1f}"
    )


if __name__ == "__main__":
    main()
