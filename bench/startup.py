"""Median over 5 launches, from process start to the first painted window.

Runs `python main.py --startup-probe` offscreen: the app paints its first frame,
prints 'painted' and exits. Target ≤ 0.8 s. Baseline in the same run: a bare
`python -c "import PySide6.QtWidgets"` start.
Usage: uv run python bench/startup.py [--runs N]
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def time_until(cmd, marker, env):
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT
    )
    for line in proc.stdout:
        if marker in line:
            elapsed = time.perf_counter() - t0
            break
    else:
        raise SystemExit(f"{cmd} never printed {marker!r}")
    proc.wait()
    return elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # A user's Python caches compiled modules (.pyc) after the first start; a machine
    # that sets PYTHONDONTWRITEBYTECODE would compile every module at every start
    # (about 0.2 s here). Measure the user's case: caching on, one unmeasured start.
    if env.pop("PYTHONDONTWRITEBYTECODE", None):
        print("PYTHONDONTWRITEBYTECODE was set: unset for the measured starts")
    with __import__("tempfile").TemporaryDirectory() as data:
        time_until(
            [sys.executable, "main.py", "--startup-probe", "--data-dir", data], "painted", env
        )
        app = [
            time_until(
                [sys.executable, "main.py", "--startup-probe", "--data-dir", data], "painted", env
            )
            for _ in range(args.runs)
        ]
    bare = [
        time_until(
            [sys.executable, "-c", "import PySide6.QtWidgets, pyqtgraph, numpy; print('ok')"],
            "ok",
            env,
        )
        for _ in range(args.runs)
    ]
    print(
        f"first painted window: median {statistics.median(app):.3f} s over {args.runs} "
        f"(runs: {', '.join(f'{t:.3f}' for t in app)}) target ≤ 0.8 s"
    )
    print(
        f"baseline (import Qt+pyqtgraph+numpy only): median {statistics.median(bare):.3f} s; "
        f"ratio {statistics.median(app) / statistics.median(bare):.2f}"
    )


if __name__ == "__main__":
    main()
