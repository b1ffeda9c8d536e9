"""GIF export: time and peak memory (RSS) of the real command, median of runs.

Each export runs as its own process (`main.py --export-gif`), so its peak RSS is its own.
Same-run baseline: the same process rendering one screenshot at the same size (start-up,
Qt, the views), so the ratio shows what the frames themselves cost.

Budget (issue 10): a 20-cycle 1920×1080 GIF peaks at ≤ 350 MB RSS; a 3-cycle 1280×720
GIF takes ≤ 10 s.
Usage: uv run python bench/gif.py [--runs 3] [--quick]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(args: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one mobsim process."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"mobsim {' '.join(args)} failed: {proc.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024  # Linux: KiB


def case(label: str, cycles: int, size: str, grade: str, runs: int, tmp: Path) -> None:
    gif = tmp / "out.gif"
    common = ["--size", size, "--joint", "knee", "--limit", "90", "--grade", grade]
    exports = [measure(["--export-gif", str(gif), "--cycles", str(cycles), *common])]
    exports += [
        measure(["--export-gif", str(gif), "--cycles", str(cycles), *common])
        for _ in range(runs - 1)
    ]
    shots = [measure(["--screenshot", str(tmp / "s.png"), *common]) for _ in range(runs)]
    t, rss = (statistics.median(v) for v in zip(*exports, strict=True))
    bt, brss = (statistics.median(v) for v in zip(*shots, strict=True))
    mb = gif.stat().st_size / 1e6
    print(f"{label}: {cycles} cycles, {size}, grade {grade}, {mb:.1f} MB file")
    print(f"  export     median {t:6.1f} s   peak RSS {rss:6.0f} MB   ({runs} runs)")
    print(f"  baseline   median {bt:6.1f} s   peak RSS {brss:6.0f} MB   (one screenshot)")
    print(
        f"  ratio      time {t / bt:.1f}×   peak RSS {rss / brss:.2f}×   "
        f"(frames add {rss - brss:.0f} MB)"
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="only the 3-cycle 1280×720 case")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        case("slide GIF (target ≤ 10 s)", 3, "1280x720", "II", args.runs, tmp)
        if not args.quick:
            case("long full-HD GIF (budget ≤ 350 MB)", 20, "1920x1080", "II", args.runs, tmp)


if __name__ == "__main__":
    main()
