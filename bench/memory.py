"""RSS growth over 10 minutes of animation, simulated by stepping at 60 Hz.

Target (issue #3): growth < 5 MB; peak RSS ≤ 250 MB.
Usage: uv run python bench/memory.py [--minutes M]
"""

import argparse
import os
import resource

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from mobsim.model import Grade, Simulation, load_library  # noqa: E402
from mobsim.ui.main_window import MainWindow  # noqa: E402

DT = 1 / 60


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=10.0)
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])
    lib = load_library()
    knee = lib.get("knee")
    sim = Simulation(knee, knee.stiff_condition(90), Grade.III)
    window = MainWindow(sim, lib, settings=None, start_clock=False)
    window.resize(1280, 800)
    window.show()
    frames = int(args.minutes * 60 * 60)
    warm = 600
    grades = list(Grade)
    for i in range(frames + warm):
        if i == warm:
            start = rss_mb()
        if i % 1800 == 0:  # change grade every 30 s, as a lecturer would
            sim.set_grade(grades[(i // 1800) % len(grades)])
        sim.step(DT)
        window.render_frame()
        app.processEvents()
    end = rss_mb()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.close()
    print(
        f"{args.minutes:g} min at 60 Hz ({frames:,} frames): RSS {start:.1f} → {end:.1f} MB, "
        f"growth {end - start:+.2f} MB (target < 5 MB); peak RSS {peak:.1f} MB (target ≤ 250)"
    )


if __name__ == "__main__":
    main()
